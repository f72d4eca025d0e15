import { TestApi } from './test-api';

describe('staff accounts and API keys', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await TestApi.start();
  });
  afterAll(async () => {
    await api.close();
  });

  it('signs a company up with its first admin, who is logged in at once', async () => {
    const tenant = await api.signup();
    const me = await api.request('GET', '/api/v1/auth/me', { token: tenant.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.tenant).toMatchObject({ id: tenant.tenantId, slug: tenant.slug, locale: 'zh-CN' });
    expect(me.body.user).toMatchObject({ email: tenant.email, roles: ['admin', 'recruiter', 'grader'] });
    expect(JSON.stringify(me.body)).not.toMatch(/password/i);
  });

  it('refuses a taken company slug, naming the field', async () => {
    const tenant = await api.signup();
    const again = await api.request('POST', '/api/v1/auth/signup', {
      body: { companyName: 'X', slug: tenant.slug, adminName: 'Y', email: 'y@example.com', password: 'long enough pw' },
    });
    expect(again.status).toBe(400);
    expect(again.body.errors).toEqual([{ field: 'slug', reason: 'already taken' }]);
  });

  it('logs in with email and password; a wrong password or unknown email is the same 401', async () => {
    const tenant = await api.signup();
    const ok = await api.request('POST', '/api/v1/auth/login', { body: { email: tenant.email, password: tenant.password } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const wrong = await api.request('POST', '/api/v1/auth/login', { body: { email: tenant.email, password: 'not the password' } });
    const unknown = await api.request('POST', '/api/v1/auth/login', { body: { email: 'nobody@example.com', password: 'whatever pw' } });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('auth.invalid_credentials');
    }
  });

  it('asks which company when one email has accounts in two', async () => {
    const a = await api.signup({ email: 'shared.person@example.com' });
    await api.signup({ email: 'shared.person@example.com' });
    const ambiguous = await api.request('POST', '/api/v1/auth/login', { body: { email: a.email, password: a.password } });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.errors[0].field).toBe('tenant');
    const chosen = await api.request('POST', '/api/v1/auth/login', { body: { email: a.email, password: a.password, tenant: a.slug } });
    expect(chosen.status).toBe(200);
    const me = await api.request('GET', '/api/v1/auth/me', { token: chosen.body.accessToken });
    expect(me.body.tenant.id).toBe(a.tenantId);
  });

  it('rotates refresh tokens; replaying a used one ends the whole session', async () => {
    const tenant = await api.signup();
    const first = await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: tenant.refreshToken } });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(tenant.refreshToken);
    const replay = await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: tenant.refreshToken } });
    expect(replay.status).toBe(401);
    // The family is revoked: even the newest token no longer works.
    const afterReplay = await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
    expect(afterReplay.status).toBe(401);
  });

  it('rotates a refresh token once even when it is presented several times at once', async () => {
    const tenant = await api.signup();
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: tenant.refreshToken }, remoteAddress: `10.77.0.${n}` })),
    );
    // One rotation at most; the others are replays, which end the session (as one after the other would).
    expect(results.filter((r) => r.status === 200).length).toBeLessThanOrEqual(1);
    for (const issued of results.filter((r) => r.status === 200)) {
      const next = await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: issued.body.refreshToken }, remoteAddress: '10.77.1.1' });
      expect(next.status).toBe(401);
    }
  });

  it('logs out: the refresh token stops working', async () => {
    const tenant = await api.signup();
    expect((await api.request('POST', '/api/v1/auth/logout', { body: { refreshToken: tenant.refreshToken } })).status).toBe(204);
    const refresh = await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: tenant.refreshToken } });
    expect(refresh.status).toBe(401);
  });

  it('lets admins add staff with roles; a recruiter cannot manage staff', async () => {
    const tenant = await api.signup();
    const created = await api.request('POST', '/api/v1/users', {
      token: tenant.accessToken,
      body: { email: 'Recruiter@Example.com', name: '李招聘', roles: ['recruiter', 'grader'] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'recruiter@example.com', roles: ['recruiter', 'grader'], status: 'active' });
    expect(created.body.temporaryPassword).toEqual(expect.any(String));
    expect(created.body.passwordHash).toBeUndefined();

    const login = await api.request('POST', '/api/v1/auth/login', {
      body: { email: 'recruiter@example.com', password: created.body.temporaryPassword, tenant: tenant.slug },
    });
    expect(login.status).toBe(200);
    const forbidden = await api.request('GET', '/api/v1/users', { token: login.body.accessToken });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('auth.role_required');

    const duplicate = await api.request('POST', '/api/v1/users', {
      token: tenant.accessToken,
      body: { email: 'recruiter@example.com', name: 'again', roles: ['grader'] },
    });
    expect(duplicate.status).toBe(409);

    const list = await api.request('GET', '/api/v1/users?page=1&pageSize=1', { token: tenant.accessToken });
    expect(list.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(list.body.items).toHaveLength(1);
    // q searches names and emails, case-insensitively; % is a literal character, not a wildcard.
    const byName = await api.request('GET', `/api/v1/users?q=${encodeURIComponent('李招')}`, { token: tenant.accessToken });
    expect(byName.body.items.map((user: { email: string }) => user.email)).toEqual(['recruiter@example.com']);
    const byEmail = await api.request('GET', '/api/v1/users?q=RECRUITER@', { token: tenant.accessToken });
    expect(byEmail.body.total).toBe(1);
    const literal = await api.request('GET', '/api/v1/users?q=%25', { token: tenant.accessToken });
    expect(literal.body.total).toBe(0);
  });

  it('keeps at least one active admin, and a refused change leaves nothing half-applied', async () => {
    const tenant = await api.signup();
    const me = await api.request('GET', '/api/v1/auth/me', { token: tenant.accessToken });
    const refused = await api.request('PATCH', `/api/v1/users/${me.body.user.id}`, {
      token: tenant.accessToken,
      body: { name: '新名字', status: 'disabled' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('user.last_admin');
    const after = await api.request('GET', `/api/v1/users/${me.body.user.id}`, { token: tenant.accessToken });
    expect(after.body).toMatchObject({ name: '管理员', status: 'active' });
  });

  it('two admins demoting each other at once leave one admin', async () => {
    const tenant = await api.signup();
    const me = (await api.request('GET', '/api/v1/auth/me', { token: tenant.accessToken })).body.user;
    const other = await api.request('POST', '/api/v1/users', {
      token: tenant.accessToken,
      body: { email: 'second.admin@example.com', name: '二号管理员', roles: ['admin'], password: 'second admin passphrase' },
    });
    const [first, second] = await Promise.all([
      api.request('PATCH', `/api/v1/users/${other.body.id}`, { token: tenant.accessToken, body: { roles: ['grader'] } }),
      api.request('PATCH', `/api/v1/users/${me.id}`, { token: tenant.accessToken, body: { roles: ['grader'] } }),
    ]);
    // One wins. The other is refused either as the last admin's demotion (409), or, when the
    // winner was the admin's own demotion and committed before the other request's guard ran,
    // because that admin's session ended with the role change (401): both leave one admin.
    const [winner, refused] = first.status === 200 ? [first, second] : [second, first];
    expect(winner.status).toBe(200);
    expect([`${refused.status} ${refused.body.code}`]).toEqual([expect.stringMatching(/^(409 user\.last_admin|401 auth\.session_ended)$/)]);
    // The demoted admin's session has ended (role change), whichever one it was: read as the one left.
    const logins = [
      { email: tenant.email, password: tenant.password },
      { email: 'second.admin@example.com', password: 'second admin passphrase' },
    ];
    const lists = await Promise.all(
      logins.map(async (body) => {
        const { accessToken } = (await api.request('POST', '/api/v1/auth/login', { body })).body;
        return api.request('GET', '/api/v1/users', { token: accessToken });
      }),
    );
    const [listed] = lists.filter((response) => response.status === 200);
    expect(lists.map((response) => response.status).sort()).toEqual([200, 403]);
    expect((listed.body.items as { roles: string[] }[]).filter((u) => u.roles.includes('admin'))).toHaveLength(1);
  });

  it('changes a password and ends the other sessions', async () => {
    const tenant = await api.signup();
    const changed = await api.request('POST', '/api/v1/auth/password', {
      token: tenant.accessToken,
      body: { currentPassword: tenant.password, newPassword: 'a brand new passphrase' },
    });
    expect(changed.status).toBe(204);
    expect((await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: tenant.refreshToken } })).status).toBe(401);
    const oldLogin = await api.request('POST', '/api/v1/auth/login', { body: { email: tenant.email, password: tenant.password } });
    expect(oldLogin.status).toBe(401);
    const newLogin = await api.request('POST', '/api/v1/auth/login', { body: { email: tenant.email, password: 'a brand new passphrase' } });
    expect(newLogin.status).toBe(200);
  });

  it('creates API keys shown once, stored hashed, scoped, with last use recorded; revoked keys stop working', async () => {
    const tenant = await api.signup();
    const created = await api.request('POST', '/api/v1/api-keys', {
      token: tenant.accessToken,
      body: { name: 'ATS', scopes: ['recruiter'] },
    });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^ak_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(created.body.secretHash).toBeUndefined();

    const me = await api.request('GET', '/api/v1/auth/me', { token: key });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ apiKeyId: created.body.id, roles: ['recruiter'], user: null });
    expect(me.body.tenant.id).toBe(tenant.tenantId);
    // Scoped: a recruiter key cannot manage staff or keys.
    expect((await api.request('GET', '/api/v1/api-keys', { token: key })).status).toBe(403);

    const list = await api.request('GET', '/api/v1/api-keys', { token: tenant.accessToken });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain(key.slice(-43));

    expect((await api.request('DELETE', `/api/v1/api-keys/${created.body.id}`, { token: tenant.accessToken })).status).toBe(204);
    const revoked = await api.request('GET', '/api/v1/auth/me', { token: key });
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('auth.invalid_api_key');
  });

  it("answers one API key to its company's admins, revoked too, never its secret; 404 problem for another company's or an unknown id", async () => {
    const tenant = await api.signup();
    const created = await api.request('POST', '/api/v1/api-keys', { token: tenant.accessToken, body: { name: 'ATS 同步', scopes: ['recruiter'] } });
    const key: string = created.body.key;
    const one = (id: string, token = tenant.accessToken) => api.request('GET', `/api/v1/api-keys/${id}`, { token });

    const shown = await one(created.body.id);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ id: created.body.id, name: 'ATS 同步', prefix: created.body.prefix, scopes: ['recruiter'], revokedAt: null });
    expect(shown.body.key).toBeUndefined();
    expect(shown.body.secretHash).toBeUndefined();
    expect(JSON.stringify(shown.body)).not.toContain(key.slice(-43));

    // Admins only: the key itself (a recruiter) is refused.
    expect((await one(created.body.id, key)).status).toBe(403);

    expect((await api.request('DELETE', `/api/v1/api-keys/${created.body.id}`, { token: tenant.accessToken })).status).toBe(204);
    const revoked = await one(created.body.id);
    expect(revoked.status).toBe(200);
    expect(revoked.body.name).toBe('ATS 同步');
    expect(revoked.body.revokedAt).not.toBeNull();

    const other = await api.signup();
    const foreign = await one(created.body.id, other.accessToken);
    const unknown = await one('00000000-0000-4000-8000-000000000000', other.accessToken);
    for (const missing of [foreign, unknown]) {
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
    }
    expect(foreign.body.code).toBe(unknown.body.code);
    expect(foreign.body.detail).toBe(unknown.body.detail);
    expect((await one('not-a-uuid')).status).toBe(400);
  });

  it('searches API keys on the server by name or prefix, paginated, within the tenant only', async () => {
    const tenant = await api.signup();
    const create = async (name: string) => (await api.request('POST', '/api/v1/api-keys', { token: tenant.accessToken, body: { name, scopes: ['recruiter'] } })).body;
    const ats = await create('ATS 同步');
    await create('ATS 备份');
    await create('报表脚本');
    const list = (query: string, token = tenant.accessToken) => api.request('GET', `/api/v1/api-keys?${query}`, { token });

    // Case-insensitive, in names and in the prefix shown in the list; % is a literal character.
    const byName = await list(`q=${encodeURIComponent('ats')}&pageSize=1`);
    expect(byName.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(byName.body.items.map((key: { name: string }) => key.name)).toEqual(['ATS 备份']);
    expect((await list(`q=${encodeURIComponent('ats')}&page=2&pageSize=1`)).body.items.map((key: { name: string }) => key.name)).toEqual(['ATS 同步']);
    const byPrefix = await list(`q=${encodeURIComponent(ats.prefix.toUpperCase())}`);
    expect(byPrefix.body.items.map((key: { id: string }) => key.id)).toEqual([ats.id]);
    expect((await list('q=%25')).body.total).toBe(0);
    expect((await list('q=')).body.total).toBe(3);
    // Another company's admin finds none of them.
    const other = await api.signup();
    expect((await list(`q=${encodeURIComponent('ATS')}`, other.accessToken)).body.total).toBe(0);
    // Bad input names the parameter.
    const tooLong = await list(`q=${'x'.repeat(201)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toContainEqual(expect.objectContaining({ field: 'q' }));
  });

  it('rejects a forged API key for a real tenant', async () => {
    const tenant = await api.signup();
    const forged = `ak_${tenant.tenantId.replace(/-/g, '')}_${'A'.repeat(43)}`;
    expect((await api.request('GET', '/api/v1/auth/me', { token: forged })).status).toBe(401);
  });
});
