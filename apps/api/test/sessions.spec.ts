import { randomBytes } from 'node:crypto';
import { apiWithTenant, type SignedUpTenant, type TestApi } from './test-api';

/**
 * Issue 15, finding 5: an access token stops working on the very next request after its session
 * ends, not up to 15 minutes later, in every API process (the check reads the database).
 */
describe('security: sessions really end', () => {
  let api: TestApi;
  let tenant: SignedUpTenant;
  apiWithTenant((started) => ({ api, tenant } = started));

  /** A new staff member of the tenant, logged in on two devices. */
  async function staffOnTwoDevices(roles: string[]) {
    const email = `s-${randomBytes(4).toString('hex')}@${tenant.slug}.example.com`;
    const password = 'a staff passphrase 42';
    const created = await api.request('POST', '/api/v1/users', { token: tenant.accessToken, body: { email, name: '员工', roles, password } });
    expect(created.status).toBe(201);
    const login = async () => (await api.request('POST', '/api/v1/auth/login', { body: { email, password } })).body as { accessToken: string; refreshToken: string };
    return { id: created.body.id as string, password, first: await login(), second: await login() };
  }
  const me = (token: string) => api.request('GET', '/api/v1/auth/me', { token });
  const expectEnded = async (token: string) => {
    const response = await me(token);
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 401, code: 'auth.session_ended' });
  };

  it('after logout; the other device refreshes once and goes on', async () => {
    const staff = await staffOnTwoDevices(['grader']);
    expect((await me(staff.first.accessToken)).status).toBe(200);
    expect((await api.request('POST', '/api/v1/auth/logout', { body: { refreshToken: staff.first.refreshToken } })).status).toBe(204);
    await expectEnded(staff.first.accessToken);
    await expectEnded(staff.second.accessToken);
    const refreshed = await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: staff.second.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect((await me(refreshed.body.accessToken)).status).toBe(200);
    expect((await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: staff.first.refreshToken } })).status).toBe(401);
  });

  it('after its refresh family is revoked (a replayed refresh token)', async () => {
    const staff = await staffOnTwoDevices(['grader']);
    const rotated = await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: staff.first.refreshToken } });
    expect((await me(rotated.body.accessToken)).status).toBe(200);
    expect((await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: staff.first.refreshToken } })).status).toBe(401);
    await expectEnded(rotated.body.accessToken);
  });

  it('after a password change, on every device', async () => {
    const staff = await staffOnTwoDevices(['recruiter']);
    const changed = await api.request('POST', '/api/v1/auth/password', {
      token: staff.first.accessToken,
      body: { currentPassword: staff.password, newPassword: 'a brand new passphrase 43' },
    });
    expect(changed.status).toBe(204);
    await expectEnded(staff.first.accessToken);
    await expectEnded(staff.second.accessToken);
    expect((await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: staff.second.refreshToken } })).status).toBe(401);
  });

  it('after the user is disabled', async () => {
    const staff = await staffOnTwoDevices(['recruiter']);
    const disabled = await api.request('PATCH', `/api/v1/users/${staff.id}`, { token: tenant.accessToken, body: { status: 'disabled' } });
    expect(disabled.status).toBe(200);
    await expectEnded(staff.first.accessToken);
    expect((await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: staff.first.refreshToken } })).status).toBe(401);
  });

  it('after a demotion: the old token loses its roles at once, a refreshed one has the new roles', async () => {
    const staff = await staffOnTwoDevices(['admin', 'recruiter']);
    expect((await api.request('GET', '/api/v1/users', { token: staff.first.accessToken })).status).toBe(200);
    const demoted = await api.request('PATCH', `/api/v1/users/${staff.id}`, { token: tenant.accessToken, body: { roles: ['grader'] } });
    expect(demoted.status).toBe(200);
    const stale = await api.request('GET', '/api/v1/users', { token: staff.first.accessToken });
    expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 401, code: 'auth.session_ended' });
    const refreshed = await api.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: staff.first.refreshToken } });
    expect((await me(refreshed.body.accessToken)).body.roles).toEqual(['grader']);
    expect((await api.request('GET', '/api/v1/users', { token: refreshed.body.accessToken })).status).toBe(403);
  });

  it('a rename does not end sessions', async () => {
    const staff = await staffOnTwoDevices(['grader']);
    expect((await api.request('PATCH', `/api/v1/users/${staff.id}`, { token: tenant.accessToken, body: { name: '新名字' } })).status).toBe(200);
    expect((await me(staff.first.accessToken)).status).toBe(200);
  });
});
