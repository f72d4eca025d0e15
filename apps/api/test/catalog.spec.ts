import { TestApi, type SignedUpTenant } from './test-api';

describe('job roles and competencies', () => {
  let api: TestApi;
  let a: SignedUpTenant;
  let b: SignedUpTenant;
  beforeAll(async () => {
    api = await TestApi.start();
    [a, b] = await Promise.all([api.signup(), api.signup()]);
  });
  afterAll(async () => {
    await api.close();
  });

  it('creates, reads, renames and deletes a job role', async () => {
    const created = await api.request('POST', '/api/v1/job-roles', { token: a.accessToken, body: { name: ' 电商客服经理 ', description: '负责售后团队' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '电商客服经理', description: '负责售后团队', archivedAt: null });
    const id = created.body.id;
    expect((await api.request('GET', `/api/v1/job-roles/${id}`, { token: a.accessToken })).body.name).toBe('电商客服经理');
    const renamed = await api.request('PATCH', `/api/v1/job-roles/${id}`, { token: a.accessToken, body: { name: '客服主管', description: null } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '客服主管', description: null });
    expect((await api.request('DELETE', `/api/v1/job-roles/${id}`, { token: a.accessToken })).status).toBe(204);
    expect((await api.request('GET', `/api/v1/job-roles/${id}`, { token: a.accessToken })).status).toBe(404);
  });

  it('keeps names unique per tenant, case-insensitively, but not across tenants', async () => {
    const name = `Team Lead ${Date.now()}`;
    expect((await api.request('POST', '/api/v1/competencies', { token: a.accessToken, body: { name } })).status).toBe(201);
    const again = await api.request('POST', '/api/v1/competencies', { token: a.accessToken, body: { name: name.toUpperCase() } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'competency.name_taken', errors: [{ field: 'name', reason: 'already used in this company' }] });
    expect((await api.request('POST', '/api/v1/competencies', { token: b.accessToken, body: { name } })).status).toBe(201);
  });

  it('lists with pagination and searches by name', async () => {
    const tenant = await api.signup();
    for (const name of ['沟通技巧', '情绪管理', '问题解决', '100%_投入']) {
      expect((await api.request('POST', '/api/v1/competencies', { token: tenant.accessToken, body: { name } })).status).toBe(201);
    }
    const page = await api.request('GET', '/api/v1/competencies?page=2&pageSize=3', { token: tenant.accessToken });
    expect(page.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page.body.items).toHaveLength(1);
    const found = await api.request('GET', `/api/v1/competencies?q=${encodeURIComponent('情绪')}`, { token: tenant.accessToken });
    expect(found.body.items.map((c: { name: string }) => c.name)).toEqual(['情绪管理']);
    // The user's % and _ are literal characters, not wildcards.
    const literal = await api.request('GET', `/api/v1/competencies?q=${encodeURIComponent('%_')}`, { token: tenant.accessToken });
    expect(literal.body.items.map((c: { name: string }) => c.name)).toEqual(['100%_投入']);
  });

  it('archives a role out of the default list and restores it', async () => {
    const tenant = await api.signup();
    const role = (await api.request('POST', '/api/v1/job-roles', { token: tenant.accessToken, body: { name: '在线客服专员' } })).body;
    const archived = await api.request('POST', `/api/v1/job-roles/${role.id}/archive`, { token: tenant.accessToken });
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    expect((await api.request('GET', '/api/v1/job-roles', { token: tenant.accessToken })).body.total).toBe(0);
    expect((await api.request('GET', '/api/v1/job-roles?archived=true', { token: tenant.accessToken })).body.total).toBe(1);
    const restored = await api.request('POST', `/api/v1/job-roles/${role.id}/restore`, { token: tenant.accessToken });
    expect(restored.body.archivedAt).toBeNull();
  });

  it('refuses to delete a competency or role a question uses', async () => {
    const competency = (await api.request('POST', '/api/v1/competencies', { token: a.accessToken, body: { name: `在用 ${Date.now()}` } })).body;
    const role = (await api.request('POST', '/api/v1/job-roles', { token: a.accessToken, body: { name: `在用岗位 ${Date.now()}` } })).body;
    const question = await api.request('POST', '/api/v1/questions', {
      token: a.accessToken,
      body: { type: 'true_false', stem: '客户永远是对的。', answerKey: false, points: 2, competencyIds: [competency.id], jobRoleIds: [role.id] },
    });
    expect(question.status).toBe(201);
    const refused = await api.request('DELETE', `/api/v1/competencies/${competency.id}`, { token: a.accessToken });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('competency.in_use');
    expect((await api.request('DELETE', `/api/v1/job-roles/${role.id}`, { token: a.accessToken })).body.code).toBe('job_role.in_use');
  });

  it('answers 400 problems naming the field for bad input', async () => {
    const empty = await api.request('POST', '/api/v1/job-roles', { token: a.accessToken, body: { name: '   ' } });
    expect(empty.status).toBe(400);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(['name']);
    const unknown = await api.request('POST', '/api/v1/competencies', { token: a.accessToken, body: { name: 'x', color: 'red' } });
    expect(unknown.body.errors).toEqual([{ field: 'color', reason: 'unknown field; remove it' }]);
    const role = (await api.request('POST', '/api/v1/job-roles', { token: a.accessToken, body: { name: `名字 ${Date.now()}` } })).body;
    const nulled = await api.request('PATCH', `/api/v1/job-roles/${role.id}`, { token: a.accessToken, body: { name: null } });
    expect(nulled.status).toBe(400);
    expect(nulled.body.errors.map((e: { field: string }) => e.field)).toContain('name');
    const badPage = await api.request('GET', '/api/v1/job-roles?pageSize=1000', { token: a.accessToken });
    expect(badPage.status).toBe(400);
    expect(badPage.body.errors[0].field).toBe('pageSize');
    expect((await api.request('GET', '/api/v1/job-roles/not-a-uuid', { token: a.accessToken })).body.errors[0].field).toBe('id');
  });

  it("answers 404 for another tenant's roles and competencies", async () => {
    const role = (await api.request('POST', '/api/v1/job-roles', { token: b.accessToken, body: { name: `B 的岗位 ${Date.now()}` } })).body;
    const competency = (await api.request('POST', '/api/v1/competencies', { token: b.accessToken, body: { name: `B 的考察点 ${Date.now()}` } })).body;
    for (const url of [`/api/v1/job-roles/${role.id}`, `/api/v1/competencies/${competency.id}`]) {
      expect((await api.request('GET', url, { token: a.accessToken })).status).toBe(404);
      expect((await api.request('PATCH', url, { token: a.accessToken, body: { name: 'taken over' } })).status).toBe(404);
      expect((await api.request('DELETE', url, { token: a.accessToken })).status).toBe(404);
    }
    expect((await api.request('POST', `/api/v1/job-roles/${role.id}/archive`, { token: a.accessToken })).status).toBe(404);
    expect((await api.request('GET', `/api/v1/job-roles/${role.id}`, { token: b.accessToken })).body.name).toBe(role.name);
    const listed = await api.request('GET', '/api/v1/job-roles?archived=true&pageSize=200', { token: a.accessToken });
    expect(listed.body.items.map((r: { id: string }) => r.id)).not.toContain(role.id);
  });
});
