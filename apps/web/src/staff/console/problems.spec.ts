import { ProblemError } from '../../api/client';
import { adviceFor, fieldPath } from './problems';

describe('problems', () => {
  it('reads a problem field as a form name path', () => {
    expect(fieldPath('options[2].key')).toEqual(['options', 2, 'key']);
    expect(fieldPath('rubric[10].points')).toEqual(['rubric', 10, 'points']);
    expect(fieldPath('answerKey')).toEqual(['answerKey']);
  });

  it('says what to do next: by code first, then by status, a network failure included', () => {
    expect(adviceFor(new ProblemError({ status: 409, code: 'user.last_admin' }), 'en').next).toMatch(/give another staff member the admin role/);
    expect(adviceFor(new ProblemError({ status: 404, code: 'question.not_found' }), 'zh-CN').next).toMatch(/刷新列表/);
    expect(adviceFor(new TypeError('Failed to fetch'), 'en').next).toMatch(/check your connection/);
    const failed = adviceFor(new ProblemError({ status: 503, code: 'x', requestId: 'r1' } as never), 'en');
    expect(failed).toMatchObject({ requestId: 'r1' });
    expect(failed.next).toMatch(/request id/);
  });

  it('shows the API detail as the reason only in English, where it reads naturally', () => {
    const error = new ProblemError({ status: 400, code: 'request.invalid_value', detail: 'Text cannot hold a NUL character.' });
    expect(adviceFor(error, 'en').what).toBe('Text cannot hold a NUL character.');
    expect(adviceFor(error, 'zh-CN').what).toBeUndefined();
  });
});
