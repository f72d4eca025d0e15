import { TestApi, type SignedUpTenant } from './test-api';

type Body = Record<string, unknown>;

const QUESTIONS = {
  single: { type: 'single_choice', stem: '处理投诉时最能体现专业性的是?', options: [{ key: 'A', text: '打断客户' }, { key: 'B', text: '倾听并共情' }], answerKey: 'B', points: 2 },
  multiple: {
    type: 'multiple_choice',
    stem: '以下哪些属于有效沟通?',
    options: [{ key: 'A', text: '复述确认' }, { key: 'B', text: '积极倾听' }, { key: 'C', text: '推卸责任' }],
    answerKey: ['A', 'B'],
    points: 3,
  },
  trueFalse: { type: 'true_false', stem: '客户永远是对的。', answerKey: false, points: 1 },
  fillBlank: { type: 'fill_blank', stem: '首次响应时间应不超过 ___ 秒,满意度目标 ___ 。', answerKey: [['30', '三十'], ['95%']], points: 4 },
  essay: {
    type: 'essay',
    kind: 'scenario',
    stem: '客户在购买后第5天投诉商品质量问题,你如何处理?',
    referenceAnswer: '先安抚情绪,再核实问题,给出退换方案。',
    explanation: '考察情绪管理与问题解决。',
    rubric: [{ criterion: '情绪安抚', points: 4, descriptor: '先共情' }, { criterion: '方案可行', points: 6 }],
    points: 10,
  },
  shortAnswer: { type: 'short_answer', stem: '简述首问负责制。', referenceAnswer: '第一个接待的人负责到底。', points: 5 },
} satisfies Record<string, Body>;

describe('question bank', () => {
  let api: TestApi;
  let a: SignedUpTenant;
  let b: SignedUpTenant;
  const create = (tenant: SignedUpTenant, body: Body) => api.request('POST', '/api/v1/questions', { token: tenant.accessToken, body });
  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    api = await TestApi.start();
    [a, b] = await Promise.all([api.signup(), api.signup()]);
  });
  afterAll(async () => {
    await api.close();
  });

  it('stores every question type with its key, reference answer, explanation and rubric', async () => {
    for (const question of Object.values(QUESTIONS)) {
      const created = await create(a, question);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject(question);
      expect(created.body).not.toHaveProperty('tenantId');
      const fetched = await api.request('GET', `/api/v1/questions/${created.body.id}`, { token: a.accessToken });
      expect(fetched.body).toEqual(created.body);
    }
    const essay = await create(a, { ...QUESTIONS.essay, kind: undefined });
    expect(essay.body.kind).toBe('essay');
    expect((await create(a, QUESTIONS.shortAnswer)).body).toMatchObject({ kind: 'short_answer', difficulty: 3, tags: [], answerKey: null });
  });

  it('accepts an objective question without a key (completed before publishing)', async () => {
    const created = await create(a, { ...QUESTIONS.single, answerKey: undefined });
    expect(created.status).toBe(201);
    expect(created.body.answerKey).toBeNull();
  });

  const invalid: [string, Body, string[]][] = [
    ['single choice: key not among the options', { ...QUESTIONS.single, answerKey: 'E' }, ['answerKey']],
    ['single choice: key of the wrong type', { ...QUESTIONS.single, answerKey: ['B'] }, ['answerKey']],
    ['single choice: fewer than two options', { ...QUESTIONS.single, options: [{ key: 'A', text: '唯一' }], answerKey: 'A' }, ['options']],
    [
      'single choice: duplicate and empty option keys',
      { ...QUESTIONS.single, options: [{ key: 'A', text: '一' }, { key: 'B', text: '二' }, { key: 'A', text: '三' }, { key: ' ', text: '' }] },
      ['options[2].key', 'options[3].key', 'options[3].text'],
    ],
    ['multiple choice: duplicate key entry', { ...QUESTIONS.multiple, answerKey: ['A', 'A'] }, ['answerKey[1]']],
    ['multiple choice: entry not among the options', { ...QUESTIONS.multiple, answerKey: ['A', 'Z'] }, ['answerKey[1]']],
    ['multiple choice: empty key', { ...QUESTIONS.multiple, answerKey: [] }, ['answerKey']],
    ['multiple choice: key is a string', { ...QUESTIONS.multiple, answerKey: 'AB' }, ['answerKey']],
    ['true/false: key is not a boolean', { ...QUESTIONS.trueFalse, answerKey: 'false' }, ['answerKey']],
    ['true/false: options given', { ...QUESTIONS.trueFalse, options: [{ key: 'A', text: '对' }, { key: 'B', text: '错' }] }, ['options']],
    ['fill blank: a blank without accepted answers', { ...QUESTIONS.fillBlank, answerKey: [['30'], ['。', ' ']] }, ['answerKey[1]']],
    ['fill blank: not a list of lists', { ...QUESTIONS.fillBlank, answerKey: ['30', '95%'] }, ['answerKey[0]', 'answerKey[1]']],
    ['fill blank: no blanks', { ...QUESTIONS.fillBlank, answerKey: [] }, ['answerKey']],
    ['objective question with a kind', { ...QUESTIONS.trueFalse, kind: 'essay' }, ['kind']],
    ['objective question with a rubric', { ...QUESTIONS.single, rubric: [{ criterion: '正确', points: 2 }] }, ['rubric']],
    ['essay with an answer key', { ...QUESTIONS.essay, answerKey: '参考' }, ['answerKey']],
    ['essay: rubric not adding up to the points', { ...QUESTIONS.essay, points: 12 }, ['rubric']],
    [
      'essay: unnamed, duplicate and non-positive criteria',
      { ...QUESTIONS.essay, rubric: [{ criterion: '逻辑', points: 5 }, { criterion: '逻辑', points: 5 }, { criterion: ' ', points: 0 }] },
      ['rubric[1].criterion', 'rubric[2].criterion', 'rubric[2].points'],
    ],
    ['short answer with an unknown kind', { ...QUESTIONS.shortAnswer, kind: 'riddle' }, ['kind']],
    ['unknown type', { ...QUESTIONS.shortAnswer, type: 'matching' }, ['type']],
    ['points with three decimals and difficulty 6', { ...QUESTIONS.trueFalse, points: 1.005, difficulty: 6 }, ['difficulty', 'points']],
    ['missing stem and points', { type: 'essay' }, ['points', 'stem']],
    ['options that are not objects', { ...QUESTIONS.single, options: ['A', 'B'] }, ['options[0]', 'options[1]']],
    ['competency ids that are not uuids', { ...QUESTIONS.essay, competencyIds: ['x'] }, ['competencyIds']],
  ];
  it.each(invalid)('refuses %s with a 400 naming the field', async (_, body, fields) => {
    const response = await create(a, body);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect([...new Set(fieldsOf(response.body))].sort()).toEqual([...fields].sort());
  });

  it('validates the whole question again on PATCH, and lets null clear optional content', async () => {
    const question = (await create(a, QUESTIONS.single)).body;
    const toMultiple = await api.request('PATCH', `/api/v1/questions/${question.id}`, { token: a.accessToken, body: { type: 'multiple_choice' } });
    expect(toMultiple.status).toBe(400);
    expect(fieldsOf(toMultiple.body)).toEqual(['answerKey']);
    const fixed = await api.request('PATCH', `/api/v1/questions/${question.id}`, { token: a.accessToken, body: { type: 'multiple_choice', answerKey: ['A', 'B'] } });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ type: 'multiple_choice', answerKey: ['A', 'B'], stem: QUESTIONS.single.stem });
    const cleared = await api.request('PATCH', `/api/v1/questions/${question.id}`, { token: a.accessToken, body: { answerKey: null } });
    expect(cleared.body.answerKey).toBeNull();
    const nulled = await api.request('PATCH', `/api/v1/questions/${question.id}`, { token: a.accessToken, body: { points: null, stem: null } });
    expect(nulled.status).toBe(400);
    expect(fieldsOf(nulled.body).sort()).toEqual(['points', 'stem']);
    const essay = (await create(a, QUESTIONS.essay)).body;
    const toTrueFalse = await api.request('PATCH', `/api/v1/questions/${essay.id}`, {
      token: a.accessToken,
      body: { type: 'true_false', rubric: [], answerKey: true, referenceAnswer: null },
    });
    expect(toTrueFalse.status).toBe(200);
    expect(toTrueFalse.body).toMatchObject({ kind: null, answerKey: true, referenceAnswer: null });
  });

  it('links competencies and roles of the tenant only', async () => {
    const competency = (await api.request('POST', '/api/v1/competencies', { token: a.accessToken, body: { name: `沟通技巧 ${Date.now()}` } })).body;
    const foreign = (await api.request('POST', '/api/v1/competencies', { token: b.accessToken, body: { name: '别家的' } })).body;
    const foreignRole = (await api.request('POST', '/api/v1/job-roles', { token: b.accessToken, body: { name: '别家的岗位' } })).body;
    const refused = await create(a, { ...QUESTIONS.essay, competencyIds: [competency.id, foreign.id], jobRoleIds: [foreignRole.id] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { field: 'competencyIds[1]', reason: 'no such competency' },
      { field: 'jobRoleIds[0]', reason: 'no such job role' },
    ]);
    const linked = await create(a, { ...QUESTIONS.essay, competencyIds: [competency.id] });
    expect(linked.body.competencies).toEqual([{ id: competency.id, name: competency.name }]);
    const unlinked = await api.request('PATCH', `/api/v1/questions/${linked.body.id}`, { token: a.accessToken, body: { competencyIds: [] } });
    expect(unlinked.body.competencies).toEqual([]);
  });

  it('searches by type, competency, role, tag, difficulty and text, with pagination', async () => {
    const tenant = await api.signup();
    const token = tenant.accessToken;
    const competency = (await api.request('POST', '/api/v1/competencies', { token, body: { name: '情绪管理' } })).body;
    const role = (await api.request('POST', '/api/v1/job-roles', { token, body: { name: '电商客服经理' } })).body;
    const ids: Record<string, string> = {};
    ids.single = (await create(tenant, { ...QUESTIONS.single, tags: ['售后', '基础'], difficulty: 2 })).body.id;
    ids.essay = (await create(tenant, { ...QUESTIONS.essay, competencyIds: [competency.id], jobRoleIds: [role.id], tags: ['售后'], difficulty: 4 })).body.id;
    ids.fill = (await create(tenant, { ...QUESTIONS.fillBlank, jobRoleIds: [role.id] })).body.id;
    const search = async (query: string) =>
      ((await api.request('GET', `/api/v1/questions?${query}`, { token })).body.items as { id: string }[]).map((q) => q.id).sort();
    expect(await search('type=essay')).toEqual([ids.essay]);
    expect(await search(`competencyId=${competency.id}`)).toEqual([ids.essay]);
    expect(await search(`jobRoleId=${role.id}`)).toEqual([ids.essay, ids.fill].sort());
    expect(await search(`tag=${encodeURIComponent('售后')}`)).toEqual([ids.single, ids.essay].sort());
    expect(await search('difficulty=2')).toEqual([ids.single]);
    expect(await search(`q=${encodeURIComponent('第5天投诉')}`)).toEqual([ids.essay]);
    expect(await search(`tag=${encodeURIComponent('售后')}&type=single_choice`)).toEqual([ids.single]);
    const page = await api.request('GET', '/api/v1/questions?pageSize=2&page=2', { token });
    expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.body.items).toHaveLength(1);
    // Newest first: the first question created is the last one listed.
    expect(page.body.items[0].id).toBe(ids.single);
    const essay = (await api.request('GET', '/api/v1/questions?type=essay', { token })).body.items[0];
    expect(essay.competencies).toEqual([{ id: competency.id, name: '情绪管理' }]);
    expect((await api.request('GET', '/api/v1/questions?type=matching&difficulty=9', { token })).status).toBe(400);
  });

  it('deletes a question', async () => {
    const question = (await create(a, QUESTIONS.trueFalse)).body;
    expect((await api.request('DELETE', `/api/v1/questions/${question.id}`, { token: a.accessToken })).status).toBe(204);
    expect((await api.request('GET', `/api/v1/questions/${question.id}`, { token: a.accessToken })).status).toBe(404);
  });

  it("answers 404 for another tenant's questions and hides them from search", async () => {
    const question = (await create(b, QUESTIONS.essay)).body;
    const url = `/api/v1/questions/${question.id}`;
    expect((await api.request('GET', url, { token: a.accessToken })).status).toBe(404);
    expect((await api.request('PATCH', url, { token: a.accessToken, body: { stem: 'mine now' } })).status).toBe(404);
    expect((await api.request('DELETE', url, { token: a.accessToken })).status).toBe(404);
    const listed = await api.request('GET', '/api/v1/questions?pageSize=200', { token: a.accessToken });
    expect(listed.body.items.map((q: { id: string }) => q.id)).not.toContain(question.id);
    expect((await api.request('GET', url, { token: b.accessToken })).body.stem).toBe(QUESTIONS.essay.stem);
  });

  it('lets recruiters author but not graders', async () => {
    const [grader, recruiter] = await Promise.all([api.staff(a, 'grader'), api.staff(a, 'recruiter')]);
    expect((await api.request('GET', '/api/v1/questions', { token: grader })).status).toBe(403);
    expect((await api.request('POST', '/api/v1/questions', { token: grader, body: QUESTIONS.trueFalse })).status).toBe(403);
    expect((await api.request('POST', '/api/v1/competencies', { token: grader, body: { name: '评分员的' } })).status).toBe(403);
    expect((await api.request('POST', '/api/v1/questions', { token: recruiter, body: QUESTIONS.trueFalse })).status).toBe(201);
  });
});
