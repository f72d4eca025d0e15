import { randomBytes, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Client } from 'pg';
import type { INestApplicationContext } from '@nestjs/common';
import { APPLICATION_NAME, JobName, JobQueue, loadConfig } from '@assay/core';
import { moodleStatistics } from '@assay/statistics';
import { connectAsOwner, pdfText, until } from '@assay/testing';
import { Candidate, call, invitation } from './attempts-fixtures';
import { startWorker } from './test-worker';
import { TestApi, type SignedUpTenant } from './test-api';

/**
 * Analytics end to end: candidates take a real paper, the worker scores them and the debounced
 * refresh job writes the snapshot the recruiter reads. Hand-computed figures for a small cohort.
 * The API reads the reports through DATABASE_REPLICA_URL, here the test database itself under the
 * replica pool's own application_name, so every report test also runs the replica path.
 */
const FORMULA_NAME = '=HYPERLINK("http://evil.example","x")';

describe('analytics per paper version and job role', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let a: SignedUpTenant;
  let b: SignedUpTenant;
  let roleId: string;
  let versionId: string;
  const attemptIds: string[] = [];
  let attemptToken: string;

  const get = (tenantToken: string, url: string) => api.request('GET', `/api/v1/analytics${url}`, { token: tenantToken });

  // Sign-up, a paper, four candidates through the API and a debounced refresh: longer than a plain hook.
  beforeAll(async () => {
    const env = { REDIS_PREFIX: `assay-test-an-${randomBytes(4).toString('hex')}`, LINK_RATE_LIMIT: '100000' };
    api = await TestApi.start({ ...env, DATABASE_REPLICA_URL: process.env.DATABASE_URL ?? '' });
    worker = await startWorker(env);
    [a, b] = [await api.signup(), await api.signup()];

    roleId = (await call(api, a, 'POST', '/job-roles', { name: '客服专员' })).id;
    const talk = (await call(api, a, 'POST', '/competencies', { name: '沟通' })).id;
    const logic = (await call(api, a, 'POST', '/competencies', { name: '逻辑' })).id;
    const options = ['A', 'B', 'C'].map((key) => ({ key, text: `选项${key}` }));
    const single = async (stem: string, answerKey: string, competencyIds: string[]) =>
      (await call(api, a, 'POST', '/questions', { type: 'single_choice', stem, options, answerKey, points: 2, competencyIds })).id as string;
    const q = [await single('第一题', 'B', [talk]), await single('第二题', 'A', [talk]), await single('第三题', 'C', [logic])];
    const tf = (await call(api, a, 'POST', '/questions', { type: 'true_false', stem: '判断', answerKey: false, points: 1 })).id as string;
    const paper = await call(api, a, 'POST', '/papers', {
      jobRoleId: roleId,
      title: '客服笔试',
      durationMinutes: 30,
      passMark: 5,
      sections: [
        { title: '单选', pointsPerQuestion: 2, questionIds: q },
        { title: '判断', pointsPerQuestion: 1, questionIds: [tf] },
      ],
    });
    await call(api, a, 'POST', `/papers/${paper.id}/publish`, {});

    // Totals 7, 5, 4, 2 (hand-computed below); the last candidate leaves question 2 blank.
    const answers: [string | null, string | null, string | null, boolean][] = [
      ['B', 'A', 'C', false],
      ['B', 'A', 'B', false],
      ['B', 'C', 'C', true],
      ['A', null, 'C', true],
    ];
    for (const [n, row] of answers.entries()) {
      // The best candidate's name is a formula, as a hostile candidate could type it (issue 15, finding 8).
      const inv = await invitation(api, a, paper.id, n === 0 ? { candidate: { name: FORMULA_NAME } } : {});
      const { candidate } = await Candidate.start(api, inv.linkToken);
      for (const [i, answer] of row.slice(0, 3).entries()) if (answer !== null) expect((await candidate.save(q[i], answer, 1)).status).toBe(200);
      expect((await candidate.save(tf, row[3], 1)).status).toBe(200);
      expect((await candidate.submit()).status).toBe(200);
      attemptIds.push(candidate.attemptId);
      attemptToken = candidate.token;
    }
    versionId = (await call(api, a, 'GET', `/attempts/${attemptIds[0]}/responses`)).attempt.paperVersionId;
    // The refresh runs when its debounce window closes; wait for the snapshot holding all four.
    for (const url of [`/paper-versions/${versionId}`, `/job-roles/${roleId}`]) {
      await until(async () => {
        const response = await get(a.accessToken, url);
        return response.status === 200 && response.body.report.scores.candidates === 4;
      }, `snapshot ${url}`);
    }
  }, 180_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('report and candidate reads run on the read replica (DATABASE_REPLICA_URL)', async () => {
    // Hold the snapshot tables so each read waits on its lock, and see which pool's backend waits
    // (as a superuser: other roles' sessions show no query or application name).
    const owner = await connectAsOwner();
    const observer = new Client({ connectionString: loadConfig(process.env).DATABASE_ADMIN_URL });
    await observer.connect();
    try {
      await owner.query('BEGIN');
      await owner.query('LOCK TABLE analytics_snapshots, analytics_snapshot_candidates IN ACCESS EXCLUSIVE MODE');
      const holder = (await owner.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      const reads = [get(a.accessToken, `/paper-versions/${versionId}`), get(a.accessToken, `/paper-versions/${versionId}/candidates`)];
      // Other test files of the run share the database and may wait on the lock too, on the
      // primary (only this file's API has a replica): count the replica pool's waiting reads.
      const waitingOnReplica = async () =>
        (
          await observer.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE $1 = ANY (pg_blocking_pids(pid)) AND application_name = $2 AND query LIKE '%FROM analytics_snapshots WHERE scope%'`,
            [holder, APPLICATION_NAME.replica],
          )
        ).rows[0].n;
      await until(async () => (await waitingOnReplica()) === 2, 'both report reads waiting on the lock, on the replica pool');
      await owner.query('ROLLBACK');
      expect((await Promise.all(reads)).map((response) => response.status)).toEqual([200, 200]);
    } finally {
      await owner.query('ROLLBACK').catch(() => undefined);
      await owner.end();
      await observer.end();
    }
  });

  it('reports the score distribution, funnel and reliability of a paper version', async () => {
    const { body } = await get(a.accessToken, `/paper-versions/${versionId}`);
    const { report } = body;
    expect(report.scores).toMatchObject({ candidates: 4, unit: 'points', max: 7, mean: 4.5, median: 4.5, passMark: 5, passRate: 0.5 });
    expect(report.scores.sd).toBeCloseTo(Math.sqrt((6.25 + 0.25 + 0.25 + 6.25) / 3), 10);
    expect(report.funnel).toMatchObject({ invited: 4, opened: 4, started: 4, submitted: 4, graded: 4, passed: 2, completionRate: 1 });
    const alpha = (moodleStatistics({ marks: [[2, 2, 2, 1], [2, 2, 0, 1], [2, 0, 2, 0], [0, 0, 2, 0]], maxMarks: [2, 2, 2, 1] }).quiz.cic ?? NaN) / 100;
    expect(report.reliability.alpha).toBeCloseTo(alpha, 10);
    expect(report.reliability).toMatchObject({ normGroupSize: 4, tooSmallToRelyOn: true });
    expect(report.reliability.sem).toBeCloseTo(report.scores.sd * Math.sqrt(1 - Math.max(0, alpha)), 10);
    expect(report.sections.map((s: any) => [s.title, s.mean, s.maxPoints])).toEqual([
      ['单选', 4, 6],
      ['判断', 0.5, 1],
    ]);
    expect(report.competencies).toEqual([
      { competency: '沟通', mean: 62.5, candidates: 4 },
      { competency: '逻辑', mean: 75, candidates: 4 },
    ]);
    expect(report.grading).toBeNull();
    // Everyone answered into the last section and submitted: nobody dropped off.
    expect(report.funnel.dropOff).toEqual({
      answeredNothing: 0,
      sections: [
        { sectionId: expect.any(String), title: '单选', reached: 4, leftHere: 0 },
        { sectionId: expect.any(String), title: '判断', reached: 4, leftHere: 0 },
      ],
    });
    expect(report.questionTimes.map((t: any) => [t.sectionTitle, t.answered])).toEqual([
      ['单选', 4],
      ['单选', 3],
      ['单选', 4],
      ['判断', 4],
    ]);
    for (const time of report.questionTimes) expect(time.medianSeconds).toBeGreaterThanOrEqual(0);
  });

  it("item analysis: Moodle's facility and the response analysis of each choice question", async () => {
    const { items } = (await get(a.accessToken, `/paper-versions/${versionId}`)).body.report;
    expect(items.attempts).toBe(4);
    expect(items.questions.map((q: any) => q.facility)).toEqual([0.75, 0.5, 0.75, 0.5]);
    const first = items.questions[0];
    expect(first).toMatchObject({ type: 'single_choice', sectionTitle: '单选', randomGuessScore: 1 / 3, competencies: ['沟通'] });
    expect(first.responses.options).toEqual([
      { key: 'A', count: 1, share: 0.25, correct: false },
      { key: 'B', count: 3, share: 0.75, correct: true },
      { key: 'C', count: 0, share: 0, correct: false },
    ]);
    // Question 3 was missed only by the second-best candidate: weaker ones did better on it.
    expect(items.questions[2].discriminationIndex).toBeLessThan(0);
    expect(items.questions[2].flags.map((f: any) => f.code)).toEqual(['negative_discrimination']);
    expect(items.questions[0].flags).toEqual([]);
    expect(items.questions[1].responses).toMatchObject({ answered: 3, blank: 1 });
  });

  it('lists candidates best first with percentile ranks, bands and competency ranks', async () => {
    const page = (await get(a.accessToken, `/paper-versions/${versionId}/candidates?pageSize=3`)).body;
    expect(page.total).toBe(4);
    expect(page.items.map((c: any) => [c.points, c.percentile, c.rank])).toEqual([
      [7, 87.5, 1],
      [5, 62.5, 2],
      [4, 37.5, 3],
    ]);
    const best = page.items[0];
    expect(best.competencies).toEqual([
      { competency: '沟通', score: 100, rank: 1 },
      { competency: '逻辑', score: 100, rank: 1 },
    ]);
    expect(best.band.high - best.band.low).toBeCloseTo(2 * (await get(a.accessToken, `/paper-versions/${versionId}`)).body.report.reliability.sem, 10);

    const one = (await get(a.accessToken, `/paper-versions/${versionId}/candidates/${attemptIds[3]}`)).body;
    expect(one.candidate).toMatchObject({ points: 2, percentile: 12.5, rank: 4, final: true });
    expect(one.report.reliability.normGroupSize).toBe(4);
    // The last candidate answered three of the four questions (question 2 left blank); no shared answers.
    expect(one.timePerQuestion).toHaveLength(3);
    for (const time of one.timePerQuestion) expect(time.seconds).toBeGreaterThanOrEqual(0);
    expect(one.similarityFlags).toEqual([]);
  });

  it('a refresh writes a new generation of candidate rows, switches readers to it, and deletes the old one and any a failed refresh left', async () => {
    const owner = await connectAsOwner();
    try {
      const generations = async () =>
        (
          await owner.query<{ generation: string; n: number }>(
            `SELECT generation, count(*)::int AS n FROM analytics_snapshot_candidates WHERE scope = 'paper_version' AND scope_id = $1 GROUP BY generation`,
            [versionId],
          )
        ).rows;
      const current = async () =>
        (await owner.query<{ generation: string }>(`SELECT generation FROM analytics_snapshots WHERE scope = 'paper_version' AND scope_id = $1`, [versionId])).rows[0].generation;
      const before = await current();
      expect(await generations()).toEqual([{ generation: before, n: 4 }]);
      // What a refresh that failed after some inserts leaves: rows of a generation no snapshot names.
      const leftover = randomUUID();
      await owner.query(
        `INSERT INTO analytics_snapshot_candidates (tenant_id, scope, scope_id, generation, attempt_id, position, row)
         SELECT tenant_id, scope, scope_id, $2, attempt_id, 3 - position, row || '{"name": "left over"}' FROM analytics_snapshot_candidates
          WHERE scope = 'paper_version' AND scope_id = $1`,
        [versionId, leftover],
      );
      const names = async () => ((await get(a.accessToken, `/paper-versions/${versionId}/candidates`)).body.items as { name: string; rank: number }[]).map((c) => [c.name, c.rank]);
      const shown = await names();
      expect(shown.map(([, rank]) => rank)).toEqual([1, 2, 3, 4]);
      expect(shown.map(([name]) => name)).not.toContain('left over');
      expect((await get(a.accessToken, `/paper-versions/${versionId}/candidates/${attemptIds[0]}`)).body.candidate.name).toBe(FORMULA_NAME);

      await api.app.get(JobQueue).enqueue(JobName.RefreshAnalytics, { tenantId: a.tenantId, scope: 'paper_version', scopeId: versionId, window: Date.now() });
      await until(async () => {
        const now = await generations();
        return now.length === 1 && now[0].generation !== before ? now : null;
      }, 'one generation left, the refresh’s');
      expect(await generations()).toEqual([{ generation: await current(), n: 4 }]);
      expect(await names()).toEqual(shown);
    } finally {
      await owner.end();
    }
  });

  it('searches candidates by name or email and sorts them', async () => {
    const { email } = (await get(a.accessToken, `/paper-versions/${versionId}/candidates/${attemptIds[2]}`)).body.candidate;
    const found = (await get(a.accessToken, `/paper-versions/${versionId}/candidates?q=${encodeURIComponent(email.toUpperCase())}`)).body;
    expect(found).toMatchObject({ total: 1, items: [{ attemptId: attemptIds[2] }] });
    // The user's % matches literally, not as a wildcard.
    expect((await get(a.accessToken, `/paper-versions/${versionId}/candidates?q=%25`)).body).toMatchObject({ total: 0, items: [] });
    const worstFirst = (await get(a.accessToken, `/paper-versions/${versionId}/candidates?sort=rank&order=desc&pageSize=2`)).body;
    expect(worstFirst.items.map((c: any) => c.points)).toEqual([2, 4]);
    expect(worstFirst.total).toBe(4);
    const byMinutes = (await get(a.accessToken, `/job-roles/${roleId}/candidates?sort=minutes`)).body.items.map((c: any) => c.minutes);
    expect(byMinutes).toEqual([...byMinutes].sort((x, y) => x - y));
    const bad = await get(a.accessToken, `/paper-versions/${versionId}/candidates?sort=score`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'sort' })]);
  });

  it('a job role reports in percent across its papers', async () => {
    const { report } = (await get(a.accessToken, `/job-roles/${roleId}`)).body;
    expect(report.scores).toMatchObject({ candidates: 4, unit: 'percent', max: 100, passRate: 0.5 });
    expect(report.scores.mean).toBeCloseTo((100 * 4.5) / 7, 10);
    expect(report.items).toBeNull();
    expect(report.versions).toEqual([{ id: versionId, version: 1, title: '客服笔试', attempts: 4 }]);
  });

  it('compares candidates: a gap inside the measurement error is not distinguishable', async () => {
    const compared = (await get(a.accessToken, `/paper-versions/${versionId}/compare?attemptIds=${attemptIds[0]},${attemptIds[1]}`)).body;
    expect(compared.pairs).toHaveLength(1);
    const { sem } = compared;
    const expected = Math.abs(7 - 5) < 1.96 * sem * Math.SQRT2 ? 'not_distinguishable' : 'higher';
    expect(compared.pairs[0]).toMatchObject({ first: attemptIds[0], second: attemptIds[1], difference: 2, result: expected });
    // In the role the same two candidates compare in percent, each with their version's SEM.
    const inRole = (await get(a.accessToken, `/job-roles/${roleId}/compare?attemptIds=${attemptIds[0]},${attemptIds[1]}`)).body;
    expect(inRole.pairs[0].difference).toBeCloseTo((100 * 2) / 7, 10);
    expect(inRole.pairs[0].result).toBe(expected);
  });

  it('exports candidates as CSV and XLSX', async () => {
    const csv = await get(a.accessToken, `/paper-versions/${versionId}/export?format=csv`);
    expect(csv.status).toBe(200);
    const lines = String(csv.body).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('name,email,status,points,max_points,percent,band_low,band_high,percentile,rank,norm_group,competency:沟通,competency:逻辑,integrity_events,minutes,attempt_id');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/,scored,7,7,100,/);
    // Escaped, so Excel or WPS show the name instead of running it.
    expect(lines[1].startsWith(`"'${FORMULA_NAME.replace(/"/g, '""')}",`)).toBe(true);
    const xlsx = await api.request('GET', `/api/v1/analytics/job-roles/${roleId}/export?format=xlsx`, { token: a.accessToken, raw: true });
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    const names = (workbook.worksheets[0].getColumn(1).values as unknown[]).slice(2);
    expect(names).toContain(`'${FORMULA_NAME}`);
    expect(names.filter((name) => /^[=+\-@]/.test(String(name)))).toEqual([]);
  });

  it("the candidate report as a PDF: an attachment with the page's figures and Chinese names, in the language asked for", async () => {
    const pdf = (query: string, headers: Record<string, string> = {}) =>
      api.request('GET', `/api/v1/analytics/paper-versions/${versionId}/candidates/${attemptIds[1]}/report.pdf${query}`, { token: a.accessToken, raw: true, headers });
    const zh = await pdf('');
    expect(zh.status).toBe(200);
    expect(zh.headers['content-type']).toBe('application/pdf');
    expect(zh.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="candidate-report-${attemptIds[1]}\\.pdf"; filename\\*=UTF-8''`));
    expect(zh.headers['cache-control']).toBe('private, no-store');
    // The second candidate: 5 of 7 points, at the pass mark of 5; percentile 62.5 of 4, shown rounded as on the page.
    const text = (await pdfText(zh.body)).join('\n');
    for (const expected of ['考生测评报告', '客服专员', '客服笔试 (第 1 版)', '5 / 7', '通过', '63(在 4 人中)', '常模少于 30 人', '沟通', '逻辑', '单选', '判断']) expect(text).toContain(expected);
    // The company's locale (zh-CN) unless the request asks: Accept-Language, then ?lang= above it.
    const en = (await pdfText((await pdf('', { 'accept-language': 'en-GB,en;q=0.9' })).body)).join('\n');
    expect(en).toContain('Candidate report');
    expect(en).toContain('63 (of 4)');
    expect(en).toContain('Pass');
    expect((await pdfText((await pdf('?lang=zh-CN', { 'accept-language': 'en' })).body)).join('\n')).toContain('百分位');
    const bad = await get(a.accessToken, `/paper-versions/${versionId}/candidates/${attemptIds[1]}/report.pdf?lang=fr`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'lang' })]);
  });

  it("the PDF's file name carries a hostile candidate name escaped; the name is printed as text", async () => {
    const response = await api.request('GET', `/api/v1/analytics/job-roles/${roleId}/candidates/${attemptIds[0]}/report.pdf`, { token: a.accessToken, raw: true });
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="candidate-report-${attemptIds[0]}.pdf"; filename*=UTF-8''%3DHYPERLINK%28%22http%3A%2F%2Fevil.example%22%2C%22x%22%29-report.pdf`,
    );
    const text = (await pdfText(response.body)).join('\n');
    expect(text).toContain(FORMULA_NAME);
    // In the role's report the score is in percent (7 of 7 = 100%), the paper still named with its version.
    expect(text).toContain('客服笔试 (第 1 版)');
    expect(text).toContain('7 / 7');
  });

  it("the candidate report's PDF: recruiters and admins of the company only; not a candidate's token", async () => {
    const url = `/api/v1/analytics/paper-versions/${versionId}/candidates/${attemptIds[1]}/report.pdf`;
    expect((await api.request('GET', url, { token: await api.staff(a, 'recruiter'), raw: true })).status).toBe(200);
    expect((await api.request('GET', url, { token: await api.staff(a, 'grader') })).status).toBe(403);
    const foreign = await api.request('GET', url, { token: b.accessToken });
    expect(foreign.status).toBe(404);
    expect(foreign.headers['content-type']).toContain('application/problem+json');
    expect((await api.request('GET', `/api/v1/analytics/job-roles/${roleId}/candidates/${attemptIds[1]}/report.pdf`, { token: b.accessToken })).status).toBe(404);
    expect((await api.request('GET', url, { token: attemptToken })).status).toBe(401);
    expect((await api.request('GET', url, { headers: { 'x-attempt-token': attemptToken } })).status).toBe(401);
    expect((await get(a.accessToken, `/paper-versions/${versionId}/candidates/${randomUUID()}/report.pdf`)).status).toBe(404);
  });

  it('recruiters and admins only; another tenant sees a 404 like a missing report', async () => {
    expect((await get(await api.staff(a, 'recruiter'), `/paper-versions/${versionId}`)).status).toBe(200);
    expect((await get(await api.staff(a, 'grader'), `/paper-versions/${versionId}`)).status).toBe(403);
    const foreign = await get(b.accessToken, `/paper-versions/${versionId}`);
    const missing = await get(b.accessToken, `/paper-versions/${randomUUID()}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ code: missing.body.code, detail: missing.body.detail });
    expect((await get(b.accessToken, `/job-roles/${roleId}/candidates`)).status).toBe(404);
    expect((await get(b.accessToken, `/paper-versions/${versionId}/export`)).status).toBe(404);
  });

  it('bad input is a 400 naming the field', async () => {
    const scope = await get(a.accessToken, `/papers/${versionId}`);
    expect(scope.status).toBe(400);
    expect(scope.body.errors).toEqual([expect.objectContaining({ field: 'scope' })]);
    const id = await get(a.accessToken, '/paper-versions/not-a-uuid');
    expect(id.status).toBe(400);
    expect(id.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
    const compare = await get(a.accessToken, `/paper-versions/${versionId}/compare?attemptIds=${attemptIds[0]}`);
    expect(compare.status).toBe(400);
    expect(compare.body.errors).toEqual([expect.objectContaining({ field: 'attemptIds' })]);
    const format = await get(a.accessToken, `/paper-versions/${versionId}/export?format=pdf`);
    expect(format.status).toBe(400);
    expect(format.body.errors).toEqual([expect.objectContaining({ field: 'format' })]);
    const notInReport = await get(a.accessToken, `/paper-versions/${versionId}/candidates/${randomUUID()}`);
    expect(notInReport.status).toBe(404);
  });
});

