import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { importPaper } from '@assay/paper-import';
import { TestApi, type SignedUpTenant } from './test-api';

type Body = Record<string, any>;

const SECRETS = {
  reference: '秘密参考答案:先共情再给方案',
  explanation: '秘密解析:考察首问负责',
  criterion: '秘密评分标准甲',
  descriptor: '秘密评分描述乙',
  blank: '秘密填空答案丙',
  shortReference: '秘密简答参考丁',
};
const FORBIDDEN_KEYS = ['answerKey', 'answer', 'referenceAnswer', 'explanation', 'rubric'];

const sample = (name: string) => readFileSync(path.resolve(__dirname, '../../../../shared/samples/papers', name), 'utf8');

/** Every key name anywhere in a JSON value. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
  return [];
}

describe('papers: drafts, validation, preview and immutable versions', () => {
  let api: TestApi;
  let a: SignedUpTenant;
  let b: SignedUpTenant;
  let roleId: string;
  let otherRoleId: string;
  let competencyId: string;

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, tenant = a) =>
    api.request(method, `/api/v1${url}`, { token: tenant.accessToken, body });
  const question = async (body: Body, tenant = a): Promise<string> => {
    const created = await call('POST', '/questions', body, tenant);
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    return created.body.id;
  };
  const single = (extra: Body = {}) => ({
    type: 'single_choice',
    stem: `单选 ${Math.random()}`,
    options: [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }, { key: 'C', text: '丙' }, { key: 'D', text: '丁' }],
    answerKey: 'B',
    points: 2,
    ...extra,
  });
  const essay = (extra: Body = {}) => ({
    type: 'essay',
    kind: 'scenario',
    stem: `情景题 ${Math.random()}`,
    referenceAnswer: SECRETS.reference,
    explanation: SECRETS.explanation,
    rubric: [{ criterion: SECRETS.criterion, points: 4, descriptor: SECRETS.descriptor }, { criterion: '方案可行', points: 6 }],
    points: 10,
    ...extra,
  });
  const paper = async (body: Body, tenant = a): Promise<Body> => {
    const created = await call('POST', '/papers', { jobRoleId: roleId, title: '电商客服经理面试', durationMinutes: 60, ...body }, tenant);
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    return created.body;
  };
  const codes = (issues: { code: string }[]) => issues.map((i) => i.code).sort();
  const previewIds = (body: Body, section = 0): string[] => body.sections[section].questions.map((q: { id: string }) => q.id);

  beforeAll(async () => {
    api = await TestApi.start();
    [a, b] = await Promise.all([api.signup(), api.signup()]);
    roleId = (await call('POST', '/job-roles', { name: '电商客服经理' })).body.id;
    otherRoleId = (await call('POST', '/job-roles', { name: '在线客服专员' })).body.id;
    competencyId = (await call('POST', '/competencies', { name: '情绪管理' })).body.id;
  });
  afterAll(async () => {
    await api.close();
  });

  it('creates a draft with fixed and random-draw sections and reports its total', async () => {
    const tag = `池-${Math.random()}`;
    const fixed = [await question(single()), await question(single())];
    for (let i = 0; i < 4; i++) await question(single({ tags: [tag] }));
    const created = await paper({
      instructions: '请独立完成',
      passMark: 6,
      settings: { shuffleOptions: true, multipleChoicePolicy: 'partial' },
      sections: [
        { title: '一、单选题', pointsPerQuestion: 2, questionIds: fixed },
        { title: '二、随机题', pointsPerQuestion: 1.5, draw: { count: 3, pool: { tags: [tag], types: ['single_choice'] } } },
      ],
    });
    expect(created).toMatchObject({
      jobRoleId: roleId,
      durationMinutes: 60,
      passMark: 6,
      latestVersion: null,
      unpublishedChanges: true,
      totalPoints: 8.5,
      settings: { shuffleQuestions: false, shuffleOptions: true, multipleChoicePolicy: 'partial', showScoreToCandidate: false, timerGraceSeconds: 30 },
    });
    expect(created.sections).toEqual([
      expect.objectContaining({ title: '一、单选题', questionIds: fixed, draw: null, scaleRubrics: false }),
      expect.objectContaining({ questionIds: [], draw: { count: 3, pool: { tags: [tag], types: ['single_choice'] } } }),
    ]);
    expect(created).not.toHaveProperty('tenantId');
    expect((await call('GET', `/papers/${created.id}`)).body).toEqual(created);
    const listed = await call('GET', `/papers?jobRoleId=${roleId}&pageSize=1`);
    expect(listed.body).toMatchObject({ page: 1, pageSize: 1 });
    expect(listed.body.total).toBeGreaterThanOrEqual(1);
  });

  it('reports every publishing rule, refuses to publish with 422, and publishes once they are fixed', async () => {
    const keyless = await question(single({ answerKey: undefined }));
    const open = await question(essay());
    const used = await question(single());
    const tag = `小池-${Math.random()}`;
    await question(single({ tags: [tag] }));
    const draft = await paper({
      passMark: 500,
      sections: [
        { title: '单选', pointsPerQuestion: 2, questionIds: [keyless, used] },
        { title: '情景', pointsPerQuestion: 15, questionIds: [open] },
        { title: '空', pointsPerQuestion: 5, questionIds: [] },
        { title: '随机', pointsPerQuestion: 1, draw: { count: 3, pool: { tags: [tag] } } },
        { title: '重复', pointsPerQuestion: 2, questionIds: [used] },
      ],
    });
    const validation = await call('GET', `/papers/${draft.id}/validation`);
    expect(validation.status).toBe(200);
    expect(codes(validation.body.errors)).toEqual(
      ['ANSWER_KEY_REQUIRED', 'DRAW_POOL_TOO_SMALL', 'PASS_MARK_ABOVE_TOTAL', 'QUESTION_REPEATED', 'RUBRIC_SUM_MISMATCH', 'SECTION_EMPTY'].sort(),
    );
    const byCode = Object.fromEntries(validation.body.errors.map((e: Body) => [e.code, e]));
    expect(byCode.ANSWER_KEY_REQUIRED).toMatchObject({ path: 'sections[0].questions[0].answerKey', questionId: keyless });
    expect(byCode.RUBRIC_SUM_MISMATCH).toMatchObject({
      path: 'sections[1].questions[0].rubric',
      questionId: open,
      scaledRubric: [
        { criterion: SECRETS.criterion, points: 6, descriptor: SECRETS.descriptor },
        { criterion: '方案可行', points: 9 },
      ],
    });
    expect(byCode.SECTION_EMPTY.path).toBe('sections[2]');
    expect(byCode.DRAW_POOL_TOO_SMALL.path).toBe('sections[3].draw.count');
    expect(byCode.QUESTION_REPEATED.path).toBe('sections[4].questions[0]');
    for (const issue of [...validation.body.errors, ...validation.body.warnings]) {
      expect(typeof issue.path).toBe('string');
      expect(typeof issue.message).toBe('string');
    }
    expect(codes(validation.body.warnings)).toEqual(['TOTAL_NOT_100']);

    const refused = await call('POST', `/papers/${draft.id}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 422, code: 'paper.not_publishable' });
    expect(codes(refused.body.errors)).toEqual(codes(validation.body.errors));
    expect(refused.body.errors[0]).toEqual(expect.objectContaining({ field: expect.any(String), reason: expect.any(String), path: expect.any(String) }));
    expect((await call('GET', `/papers/${draft.id}/versions`)).body.total).toBe(0);

    await call('PATCH', `/questions/${keyless}`, { answerKey: 'C' });
    const fixed = await call('PATCH', `/papers/${draft.id}`, {
      passMark: null,
      sections: [
        { title: '单选', pointsPerQuestion: 2, questionIds: [keyless, used] },
        { title: '情景', pointsPerQuestion: 15, questionIds: [open], scaleRubrics: true },
        { title: '随机', pointsPerQuestion: 1, draw: { count: 1, pool: { tags: [tag] } } },
      ],
    });
    expect(fixed.status).toBe(200);
    const clean = (await call('GET', `/papers/${draft.id}/validation`)).body;
    expect(clean.errors).toEqual([]);
    expect(codes(clean.warnings)).toEqual(['NO_PASS_MARK', 'TOTAL_NOT_100']);
    const published = await call('POST', `/papers/${draft.id}/publish`);
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ paperId: draft.id, version: 1 });
    expect(codes(published.body.warnings)).toEqual(['NO_PASS_MARK', 'TOTAL_NOT_100']);
    const version = (await call('GET', `/papers/${draft.id}/versions/1`)).body;
    // Scaled to the section's 15 points, with the proportions kept.
    expect(version.snapshot.sections[1].questions[0].rubric.map((c: Body) => c.points)).toEqual([6, 9]);
  });

  it('refuses a paper without sections, and one whose total is 100 with a pass mark warns of nothing', async () => {
    const empty = await paper({ sections: [] });
    expect(codes((await call('GET', `/papers/${empty.id}/validation`)).body.errors)).toEqual(['PAPER_NO_SECTIONS']);
    expect((await call('POST', `/papers/${empty.id}/publish`)).status).toBe(422);
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push(await question(single()));
    const full = await paper({ passMark: 60, sections: [{ title: '单选', pointsPerQuestion: 10, questionIds: ids }] });
    expect((await call('GET', `/papers/${full.id}/validation`)).body).toEqual({ errors: [], warnings: [] });
  });

  it('freezes published versions: later edits of the paper and its questions leave version 1 byte for byte', async () => {
    const q1 = await question(single());
    const q2 = await question(essay({ competencyIds: [competencyId] }));
    const draft = await paper({
      passMark: 6,
      sections: [
        { title: '单选', pointsPerQuestion: 2, questionIds: [q1] },
        { title: '情景', pointsPerQuestion: 10, questionIds: [q2] },
      ],
    });
    expect((await call('POST', `/papers/${draft.id}/publish`)).status).toBe(201);
    const before = await call('GET', `/papers/${draft.id}/versions/1`);
    expect(before.body).toMatchObject({ version: 1, paperId: draft.id });
    expect(before.body.snapshot).toMatchObject({
      paperId: draft.id,
      jobRole: { id: roleId, name: '电商客服经理' },
      totalPoints: 12,
      passMark: 6,
      sections: [
        { title: '单选', questions: [{ id: q1, answerKey: 'B', points: 2 }] },
        { title: '情景', questions: [{ id: q2, referenceAnswer: SECRETS.reference, competencies: [{ id: competencyId, name: '情绪管理' }] }] },
      ],
    });
    const paperAfterPublish = (await call('GET', `/papers/${draft.id}`)).body;
    expect(paperAfterPublish).toMatchObject({ latestVersion: 1, unpublishedChanges: false });

    await call('PATCH', `/questions/${q1}`, { stem: '改过的题干', answerKey: 'C' });
    await call('PATCH', `/questions/${q2}`, { referenceAnswer: '新的参考答案', competencyIds: [] });
    const edited = await call('PATCH', `/papers/${draft.id}`, { title: '新标题', sections: [{ title: '只剩单选', pointsPerQuestion: 6, questionIds: [q1] }] });
    expect(edited.body).toMatchObject({ title: '新标题', latestVersion: 1, unpublishedChanges: true });

    const after = await call('GET', `/papers/${draft.id}/versions/1`);
    expect(after.status).toBe(200);
    expect(JSON.stringify(after.body)).toBe(JSON.stringify(before.body));

    const second = await call('POST', `/papers/${draft.id}/publish`);
    expect(second.body.version).toBe(2);
    const v2 = (await call('GET', `/papers/${draft.id}/versions/2`)).body;
    expect(v2.snapshot).toMatchObject({ title: '新标题', sections: [{ questions: [{ stem: '改过的题干', answerKey: 'C', points: 6 }] }] });
    expect(JSON.stringify((await call('GET', `/papers/${draft.id}/versions/1`)).body)).toBe(JSON.stringify(before.body));
    const list = (await call('GET', `/papers/${draft.id}/versions`)).body;
    expect(list).toMatchObject({ total: 2 });
    expect(list.items.map((v: Body) => v.version)).toEqual([2, 1]);
    expect(list.items[0]).not.toHaveProperty('snapshot');
    expect((await call('GET', `/papers/${draft.id}/versions/3`)).status).toBe(404);
    for (const bad of ['first', '0', '99999999999', '-1']) {
      expect((await call('GET', `/papers/${draft.id}/versions/${bad}`)).body.errors[0].field).toBe('version');
    }
  });

  it('protects versions in the database: the application role cannot update them, nor can the owner', async () => {
    const draft = await paper({ sections: [{ title: '单选', pointsPerQuestion: 2, questionIds: [await question(single())] }] });
    const versionId = (await call('POST', `/papers/${draft.id}/publish`)).body.id;
    const attempt = async (url: string) => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.tenantId]);
        await client.query(`UPDATE paper_versions SET snapshot = '{}'::jsonb WHERE id = $1`, [versionId]);
        return 'updated';
      } catch (error) {
        return (error as { code?: string }).code;
      } finally {
        await client.query('ROLLBACK');
        await client.end();
      }
    };
    expect(await attempt(process.env.DATABASE_URL as string)).toBe('42501');
    expect(await attempt(process.env.MIGRATION_DATABASE_URL as string)).toBe('23000');
  });

  it('previews a paper of every type without a key, reference answer, explanation or rubric anywhere', async () => {
    const ids = [
      await question(single()),
      await question({
        type: 'multiple_choice',
        stem: '哪些属于有效沟通?',
        options: [{ key: 'A', text: '复述确认' }, { key: 'B', text: '积极倾听' }, { key: 'C', text: '推卸责任' }],
        answerKey: ['A', 'B'],
        explanation: SECRETS.explanation,
        points: 3,
      }),
      await question({ type: 'true_false', stem: '客户永远是对的。', answerKey: false, explanation: SECRETS.explanation, points: 1 }),
      await question({ type: 'fill_blank', stem: '响应时间 ___ 秒,口号 ___ 。', answerKey: [['30'], [SECRETS.blank]], points: 2 }),
      await question({ type: 'short_answer', stem: '简述首问负责制。', referenceAnswer: SECRETS.shortReference, rubric: [{ criterion: '要点', points: 5 }], points: 5 }),
    ];
    const essayId = await question(essay());
    const tag = `秘池-${Math.random()}`;
    for (let i = 0; i < 3; i++) await question(essay({ tags: [tag] }));
    const draft = await paper({
      settings: { shuffleQuestions: true, shuffleOptions: true },
      sections: [
        { title: '客观题', pointsPerQuestion: 5, questionIds: ids, scaleRubrics: true },
        { title: '情景题', pointsPerQuestion: 10, questionIds: [essayId] },
        { title: '随机情景', pointsPerQuestion: 10, draw: { count: 2, pool: { tags: [tag] } } },
      ],
    });
    const preview = await call('GET', `/papers/${draft.id}/preview?seed=candidate-1`);
    expect(preview.status).toBe(200);
    const published = await call('POST', `/papers/${draft.id}/publish`);
    expect(published.status).toBe(201);
    const versionPreview = await call('GET', `/papers/${draft.id}/versions/1/preview?seed=candidate-1`);
    expect(versionPreview.body).toEqual({ ...preview.body, version: 1 });

    for (const payload of [preview.body, versionPreview.body]) {
      const keys = keysOf(payload);
      for (const forbidden of FORBIDDEN_KEYS) expect(keys).not.toContain(forbidden);
      const text = JSON.stringify(payload);
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
      expect(payload.sections.map((s: Body) => s.questions.length)).toEqual([5, 1, 2]);
    }
    const types = preview.body.sections[0].questions.map((q: Body) => q.type).sort();
    expect(types).toEqual(['fill_blank', 'multiple_choice', 'short_answer', 'single_choice', 'true_false']);
    const fill = preview.body.sections[0].questions.find((q: Body) => q.type === 'fill_blank');
    expect(fill).toEqual({ id: ids[3], type: 'fill_blank', kind: null, stem: '响应时间 ___ 秒,口号 ___ 。', options: [], blankCount: 2, points: 5 });
    expect(preview.body).toMatchObject({ paperId: draft.id, version: null, totalPoints: 55, durationMinutes: 60, showScoreToCandidate: false });
  });

  it('draws and shuffles deterministically from the seed', async () => {
    const tag = `大池-${Math.random()}`;
    for (let i = 0; i < 20; i++) await question(single({ tags: [tag] }));
    const fixed = [];
    for (let i = 0; i < 6; i++) fixed.push(await question(single()));
    const draft = await paper({
      settings: { shuffleQuestions: true, shuffleOptions: true },
      sections: [
        { title: '随机', pointsPerQuestion: 2, draw: { count: 5, pool: { tags: [tag] } } },
        { title: '固定', pointsPerQuestion: 2, questionIds: fixed },
      ],
    });
    const preview = async (seed: string) => (await call('GET', `/papers/${draft.id}/preview?seed=${seed}`)).body;
    const [alpha, again, beta] = [await preview('alpha'), await preview('alpha'), await preview('beta')];
    expect(again).toEqual(alpha);
    expect(previewIds(alpha)).toHaveLength(5);
    expect(new Set(previewIds(alpha)).size).toBe(5);
    expect(previewIds(beta)).not.toEqual(previewIds(alpha));
    // Fixed questions are all there, in a seed-dependent order.
    expect([...previewIds(alpha, 1)].sort()).toEqual([...fixed].sort());
    const orders = new Set([alpha, beta, await preview('gamma'), await preview('delta')].map((p) => previewIds(p, 1).join()));
    expect(orders.size).toBeGreaterThan(1);
    const optionOrders = new Set(
      ['alpha', 'beta', 'gamma', 'delta'].map(async (seed) => (await preview(seed)).sections[1].questions[0].options.map((o: Body) => o.key).join()),
    );
    expect((await Promise.all(optionOrders)).every((order) => order.split(',').sort().join() === 'A,B,C,D')).toBe(true);
    expect(alpha.sections[0].questions[0].options.map((o: Body) => o.key).sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('never draws a question the paper already fixes', async () => {
    const tag = `重叠-${Math.random()}`;
    const pool = [await question(single({ tags: [tag] })), await question(single({ tags: [tag] }))];
    const draft = await paper({
      sections: [
        { title: '固定', pointsPerQuestion: 2, questionIds: [pool[0]] },
        { title: '随机', pointsPerQuestion: 2, draw: { count: 2, pool: { tags: [tag] } } },
      ],
    });
    const validation = (await call('GET', `/papers/${draft.id}/validation`)).body;
    expect(codes(validation.errors)).toEqual(['DRAW_POOL_TOO_SMALL']);
    expect(previewIds((await call('GET', `/papers/${draft.id}/preview`)).body, 1)).toEqual([pool[1]]);
  });

  it('archives, restores, deletes only unpublished papers, and keeps used questions', async () => {
    const q = await question(single());
    const draft = await paper({ sections: [{ title: '单选', pointsPerQuestion: 2, questionIds: [q] }] });
    expect((await call('DELETE', `/questions/${q}`)).body.code).toBe('question.in_use');
    const archived = await call('POST', `/papers/${draft.id}/archive`);
    expect(archived.body.archivedAt).not.toBeNull();
    expect((await call('PATCH', `/papers/${draft.id}`, { title: 'x' })).body.code).toBe('paper.archived');
    expect((await call('POST', `/papers/${draft.id}/publish`)).status).toBe(409);
    expect((await call('GET', `/papers?pageSize=200`)).body.items.map((p: Body) => p.id)).not.toContain(draft.id);
    expect((await call('GET', `/papers?pageSize=200&archived=true`)).body.items.map((p: Body) => p.id)).toContain(draft.id);
    expect((await call('POST', `/papers/${draft.id}/restore`)).body.archivedAt).toBeNull();
    expect((await call('POST', `/papers/${draft.id}/publish`)).status).toBe(201);
    expect((await call('DELETE', `/papers/${draft.id}`)).body.code).toBe('paper.published');
    const unpublished = await paper({ sections: [{ title: '单选', pointsPerQuestion: 2, questionIds: [q] }] });
    expect((await call('DELETE', `/papers/${unpublished.id}`)).status).toBe(204);
    expect((await call('GET', `/papers/${unpublished.id}`)).status).toBe(404);
  });

  it('clones a paper to another role as a new draft', async () => {
    const q = await question(single());
    const source = await paper({ passMark: 1, settings: { shuffleQuestions: true }, sections: [{ title: '单选', pointsPerQuestion: 2, questionIds: [q] }] });
    await call('POST', `/papers/${source.id}/publish`);
    const copy = await call('POST', `/papers/${source.id}/clone`, { jobRoleId: otherRoleId });
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({
      jobRoleId: otherRoleId,
      title: '电商客服经理面试 (copy)',
      passMark: 1,
      latestVersion: null,
      unpublishedChanges: true,
      settings: { shuffleQuestions: true },
      sections: [{ title: '单选', pointsPerQuestion: 2, questionIds: [q], draw: null }],
    });
    expect(copy.body.id).not.toBe(source.id);
    expect((await call('POST', `/papers/${source.id}/clone`, { title: '同岗位副本' })).body).toMatchObject({ jobRoleId: roleId, title: '同岗位副本' });
  });

  it('exports a paper in the interchange format and imports it back as bank questions and a draft', async () => {
    const ids = [await question(single()), await question(essay({ competencyIds: [competencyId] }))];
    const source = await paper({
      sections: [
        { title: '一、单选题', pointsPerQuestion: 2, questionIds: [ids[0]] },
        { title: '二、情景题', pointsPerQuestion: 10, questionIds: [ids[1]] },
      ],
    });
    const exported = await call('GET', `/papers/${source.id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({
      title: '电商客服经理面试',
      durationMinutes: 60,
      totalPoints: 12,
      warnings: [],
      sections: [
        { title: '一、单选题', type: 'single_choice', declaredCount: 1, pointsEach: 2, questions: [{ type: 'single_choice', answerKey: 'B', kind: null, line: 1 }] },
        {
          type: 'essay',
          questions: [
            {
              kind: 'scenario',
              answerKey: null,
              referenceAnswer: SECRETS.reference,
              competencies: ['情绪管理'],
              rubric: [{ criterion: SECRETS.criterion, points: 4 }, { criterion: '方案可行', points: 6 }],
              points: 10,
            },
          ],
        },
      ],
    });
    const imported = await call('POST', '/papers/import', { jobRoleId: otherRoleId, paper: exported.body });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ jobRoleId: otherRoleId, title: '电商客服经理面试', latestVersion: null, totalPoints: 12 });
    const newIds = imported.body.sections.flatMap((s: Body) => s.questionIds);
    expect(newIds).toHaveLength(2);
    expect(newIds).not.toContain(ids[0]);
    const importedEssay = (await call('GET', `/questions/${newIds[1]}`)).body;
    expect(importedEssay).toMatchObject({ kind: 'scenario', competencies: [{ id: competencyId, name: '情绪管理' }], jobRoles: [{ id: otherRoleId }] });
    const reexported = (await call('GET', `/papers/${imported.body.id}/export`)).body;
    expect(reexported).toEqual(exported.body);
  });

  it('imports a real document read by @assay/paper-import and shows what blocks publishing', async () => {
    const read = importPaper(sample('cs-manager-interview-2026.txt'));
    const imported = await call('POST', '/papers/import', { jobRoleId: roleId, paper: read });
    expect(imported.status).toBe(201);
    expect(imported.body.sections.map((s: Body) => s.questionIds.length)).toEqual(read.sections.map((s) => s.questions.length));
    const validation = await call('GET', `/papers/${imported.body.id}/validation`);
    expect(validation.status).toBe(200);
    const preview = await call('GET', `/papers/${imported.body.id}/preview`);
    expect(preview.status).toBe(200);
    for (const forbidden of FORBIDDEN_KEYS) expect(keysOf(preview.body)).not.toContain(forbidden);
    const competencies = (await call('GET', '/competencies?pageSize=200')).body.items.map((c: Body) => c.name);
    const named = read.sections.flatMap((s) => s.questions.flatMap((q) => q.competencies));
    for (const name of named) expect(competencies).toContain(name);
  });

  it('answers 400 problems naming the field for bad papers and imports', async () => {
    const foreignQuestion = await question(single(), b);
    const cases: [Body, string[]][] = [
      [{ durationMinutes: 0, title: '' }, ['durationMinutes', 'title']],
      [{ jobRoleId: 'nope' }, ['jobRoleId']],
      [{ settings: { multipleChoicePolicy: 'generous', timerGraceSeconds: -1 } }, ['settings.multipleChoicePolicy', 'settings.timerGraceSeconds']],
      [{ sections: [{ title: 'x', pointsPerQuestion: 0 }] }, ['sections[0].pointsPerQuestion']],
      [{ sections: [{ title: 'x', pointsPerQuestion: 1, draw: { count: 0, pool: { types: ['riddle'] } } }] }, ['sections[0].draw.count', 'sections[0].draw.pool.types']],
      [{ sections: [{ title: 'x', pointsPerQuestion: 1, questionIds: [foreignQuestion] }] }, ['sections[0].questionIds[0]']],
      [{ sections: [{ title: 'x', pointsPerQuestion: 1, questionIds: [], draw: { count: 1, pool: {} } }] }, ['sections[0].draw']],
      [{ sections: [{ title: 'x', pointsPerQuestion: 1, draw: { count: 1, pool: { difficultyMin: 4, difficultyMax: 2 } } }] }, ['sections[0].draw.pool.difficultyMax']],
      [{ sections: [{ title: 'x', pointsPerQuestion: 1, draw: { count: 1, pool: { competencyIds: [competencyId, '00000000-0000-4000-8000-000000000000'] } } }] }, ['sections[0].draw.pool.competencyIds[1]']],
      [{ jobRoleId: '00000000-0000-4000-8000-000000000000' }, ['jobRoleId']],
      [{ extra: true }, ['extra']],
      [{ passMark: 1e9 }, ['passMark']],
    ];
    for (const [body, fields] of cases) {
      const response = await call('POST', '/papers', { jobRoleId: roleId, title: '坏卷', durationMinutes: 30, ...body });
      expect({ body, status: response.status, fields: [...new Set(response.body.errors?.map((e: Body) => e.field))].sort() }).toEqual({ body, status: 400, fields: [...fields].sort() });
    }
    const base = importPaper(sample('cs-manager-interview-2026.txt'));
    const badAnswer = structuredClone(base);
    const choice = badAnswer.sections.flatMap((s) => s.questions).find((q) => q.type === 'single_choice');
    if (!choice) throw new Error('sample has no single choice question');
    choice.answerKey = 'Z';
    const refused = await call('POST', '/papers/import', { jobRoleId: roleId, paper: badAnswer });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toMatch(/^paper\.sections\[\d+\]\.questions\[\d+\]\.answerKey$/);
    const malformed = await call('POST', '/papers/import', { jobRoleId: roleId, paper: { title: 'x', sections: [{ questions: [{ type: 'essay' }] }] } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors.map((e: Body) => e.field)).toEqual(expect.arrayContaining(['paper.sections[0].title', 'paper.sections[0].questions[0].stem']));
    const huge = structuredClone(base);
    huge.sections[0].questions[0].points = 1e9;
    const tooMany = await call('POST', '/papers/import', { jobRoleId: roleId, paper: huge });
    expect(tooMany.body.errors.map((e: Body) => e.field)).toEqual(['paper.sections[0].questions[0].points']);
    expect((await call('GET', '/papers/00000000-0000-4000-8000-000000000000/preview?seed=')).status).toBe(400);
  });

  it("answers 404 for another tenant's papers on every route", async () => {
    const foreignRole = (await call('POST', '/job-roles', { name: 'B 的岗位' }, b)).body.id;
    const foreignSection = { title: 'B', pointsPerQuestion: 2, questionIds: [await question(single(), b)] };
    const foreign = (await call('POST', '/papers', { jobRoleId: foreignRole, title: 'B 的卷', durationMinutes: 10, sections: [foreignSection] }, b)).body;
    expect((await call('POST', `/papers/${foreign.id}/publish`, undefined, b)).status).toBe(201);
    const requests: [('GET' | 'POST' | 'PATCH' | 'DELETE'), string, unknown?][] = [
      ['GET', ''],
      ['PATCH', '', { title: '抢过来' }],
      ['DELETE', ''],
      ['POST', '/publish'],
      ['GET', '/preview?seed=x'],
      ['GET', '/validation'],
      ['GET', '/versions'],
      ['GET', '/versions/1'],
      ['GET', '/versions/1/preview'],
      ['GET', '/export'],
      ['POST', '/clone', {}],
      ['POST', '/archive'],
    ];
    for (const [method, suffix, body] of requests) {
      const response = await call(method, `/papers/${foreign.id}${suffix}`, body);
      expect({ method, suffix, status: response.status }).toEqual({ method, suffix, status: 404 });
    }
    const clonedIntoForeignRole = await call('POST', `/papers/${foreign.id}/clone`, { jobRoleId: roleId });
    expect(clonedIntoForeignRole.status).toBe(404);
    const ownPaper = await paper({ sections: [] });
    expect((await call('POST', `/papers/${ownPaper.id}/clone`, { jobRoleId: foreignRole })).body.errors).toEqual([{ field: 'jobRoleId', reason: 'no such job role' }]);
    expect((await call('GET', `/papers/${foreign.id}`, undefined, b)).body.title).toBe(foreign.title);
  });

  it('lets graders neither read nor author papers', async () => {
    const token = await api.staff(a, 'grader');
    const draft = await paper({ sections: [] });
    for (const [method, url] of [['GET', '/papers'], ['POST', '/papers'], ['GET', `/papers/${draft.id}/preview`], ['POST', `/papers/${draft.id}/publish`]] as const) {
      expect((await api.request(method, `/api/v1${url}`, { token, body: method === 'POST' ? {} : undefined })).status).toBe(403);
    }
  });
});
