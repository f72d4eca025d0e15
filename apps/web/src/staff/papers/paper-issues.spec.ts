import { issuePlace, issuesAt, linesOf, paperIssues, reasonsByField, replaceLine } from './paper-issues';

describe('paper issues', () => {
  it('places a validation path on the paper, a section or a fixed question', () => {
    expect(issuePlace('passMark')).toEqual({ on: 'paper', field: 'passMark' });
    expect(issuePlace('sections')).toEqual({ on: 'paper', field: 'sections' });
    expect(issuePlace('sections[2]')).toEqual({ on: 'section', section: 2, field: '' });
    expect(issuePlace('sections[0].draw.count')).toEqual({ on: 'section', section: 0, field: 'draw.count' });
    expect(issuePlace('sections[1].questions[3].answerKey')).toEqual({ on: 'question', section: 1, question: 3, field: 'answerKey' });
    expect(issuePlace('sections[1].questions[3]')).toEqual({ on: 'question', section: 1, question: 3, field: '' });
  });

  it('picks the issues of one section, one question and the paper', () => {
    const issues = [{ path: 'passMark' }, { path: 'sections[0]' }, { path: 'sections[0].questions[1].rubric' }, { path: 'sections[1].questions[1]' }];
    expect(issuesAt(issues, 0)).toEqual([{ path: 'sections[0]' }]);
    expect(issuesAt(issues, 0, 1)).toEqual([{ path: 'sections[0].questions[1].rubric' }]);
    expect(issuesAt(issues, 1, 0)).toEqual([]);
    expect(paperIssues(issues)).toEqual([{ path: 'passMark' }]);
  });

  it('groups a problem’s reasons by field', () => {
    const byField = reasonsByField([
      { field: 'title', reason: 'must not be empty' },
      { field: 'sections[0].pointsPerQuestion', reason: 'must be above 0' },
      { field: 'title', reason: 'too long' },
    ]);
    expect(byField.get('title')).toEqual(['must not be empty', 'too long']);
    expect(byField.get('sections[0].pointsPerQuestion')).toEqual(['must be above 0']);
    expect(reasonsByField(undefined).size).toBe(0);
  });

  it('counts and replaces lines as the reader does', () => {
    expect(linesOf('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
    expect(replaceLine('一\r\n二\n三', 2, '二(共1题,每题5分)')).toBe('一\n二(共1题,每题5分)\n三');
    expect(replaceLine('一\n二', 3, 'x')).toBe('一\n二');
  });
});
