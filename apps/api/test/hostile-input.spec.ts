import { multipart } from '@assay/testing';
import { Candidate, invitation, objectivePaper, type ObjectivePaper } from './attempts-fixtures';
import { TestApi, type SignedUpTenant } from './test-api';

const closesAt = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/** Input a client can send on purpose or by accident answers a 4xx problem document, never a 500. */
describe('hostile input is a 4xx problem, never a 500', () => {
  let api: TestApi;
  let tenant: SignedUpTenant;
  let paper: ObjectivePaper;

  beforeAll(async () => {
    api = await TestApi.start();
    tenant = await api.signup();
    paper = await objectivePaper(api, tenant);
  });
  afterAll(async () => {
    await api.close();
  });

  const expectProblem = (response: { status: number; headers: Record<string, unknown>; body: { code: string } }, status: number, code: string) => {
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
  };

  describe('NUL characters, which PostgreSQL cannot store in text or jsonb', () => {
    it.each([
      ['a job role name', '/api/v1/job-roles', { name: 'a\u0000b' }],
      ['a question stem', '/api/v1/questions', { type: 'true_false', stem: 'a\u0000', answerKey: true, points: 1 }],
    ])('in %s', async (_what, url, body) => {
      expectProblem(await api.request('POST', url, { token: tenant.accessToken, body }), 400, 'request.invalid_value');
    });

    it('in a search query', async () => {
      expectProblem(await api.request('GET', '/api/v1/invitations?q=%00', { token: tenant.accessToken }), 400, 'request.invalid_value');
    });

    it("in a candidate's integrity event", async () => {
      const { candidate } = await Candidate.start(api, (await invitation(api, tenant, paper.paperId)).linkToken);
      expectProblem(await candidate.request('POST', '/events', { type: 'paste', detail: { text: 'a\u0000' } }), 400, 'request.invalid_value');
    });
  });

  it('an event time beyond what PostgreSQL stores', async () => {
    const { candidate } = await Candidate.start(api, (await invitation(api, tenant, paper.paperId)).linkToken);
    expectProblem(await candidate.request('POST', '/events', { type: 'paste', at: '+275760-01-01T00:00:00.000Z' }), 400, 'request.invalid_value');
  });

  it.each(['/api/v1/invitations', '/api/v1/users', '/api/v1/attempts', '/api/v1/questions'])('a page number no list has (%s?page=1e20)', async (url) => {
    const response = await api.request('GET', `${url}?page=1e20`, { token: tenant.accessToken });
    expectProblem(response, 400, 'request.validation_failed');
    expect(response.body).toMatchObject({ errors: [{ field: 'page' }] });
  });

  it('a candidate CSV with an unclosed quote', async () => {
    const response = await api.request('POST', `/api/v1/papers/${paper.paperId}/invitations/bulk`, {
      token: tenant.accessToken,
      ...multipart([
        { name: 'closesAt', value: closesAt() },
        { name: 'file', filename: 'candidates.csv', content: 'name,email\n"Wang Fang,wang@example.com\n' },
      ]),
    });
    expectProblem(response, 400, 'upload.unreadable');
    expect(response.body.detail).toContain('not a readable CSV');
  });
});
