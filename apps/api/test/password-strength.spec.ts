import { randomBytes } from 'node:crypto';
import { apiWithTenant, type ApiResponse, type SignedUpTenant, type TestApi } from './test-api';

/**
 * Issue 15, finding 7: ten spaces, `1234567890`, `password12` and the email itself were accepted
 * as passwords. Each is refused where a password is set, with the reason and what to do instead.
 */
describe('security: weak passwords are refused', () => {
  let api: TestApi;
  let tenant: SignedUpTenant;
  apiWithTenant((started) => ({ api, tenant } = started));

  const expectWeak = (response: ApiResponse, field: string) => {
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'auth.weak_password' });
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    expect(response.body.errors).toEqual([{ field, reason: expect.stringMatching(/^too easy to guess \(strength [0-2] of 4, at least 3 needed\): .+\. .+/) }]);
  };
  const weakFor = (email: string) => ['          ', '1234567890', 'password12', email];

  it('at sign-up', async () => {
    const slug = `weak-${randomBytes(4).toString('hex')}`;
    const email = `hr@${slug}.example.com`;
    for (const password of weakFor(email)) {
      const response = await api.request('POST', '/api/v1/auth/signup', { body: { companyName: '弱密码公司', slug, adminName: '管理员', email, password } });
      expectWeak(response, 'password');
    }
    // Nothing was created: the slug is still free.
    expect((await api.request('POST', '/api/v1/auth/signup', { body: { companyName: '弱密码公司', slug, adminName: '管理员', email, password: 'correct horse battery' } })).status).toBe(201);
  });

  it('the company and the person count as guessable', async () => {
    const response = await api.request('POST', '/api/v1/users', {
      token: tenant.accessToken,
      body: { email: `zhang.wei@${tenant.slug}.example.com`, name: 'Zhang Wei', roles: ['grader'], password: `${tenant.slug}2026` },
    });
    expectWeak(response, 'password');
  });

  it('when an admin creates a user with a password', async () => {
    const email = `grader-${randomBytes(4).toString('hex')}@${tenant.slug}.example.com`;
    for (const password of weakFor(email)) {
      const response = await api.request('POST', '/api/v1/users', { token: tenant.accessToken, body: { email, name: '阅卷人', roles: ['grader'], password } });
      expectWeak(response, 'password');
    }
    const generated = await api.request('POST', '/api/v1/users', { token: tenant.accessToken, body: { email, name: '阅卷人', roles: ['grader'] } });
    expect(generated.status).toBe(201);
  });

  it('on a password change, naming newPassword; the old password still works', async () => {
    for (const password of weakFor(tenant.email)) {
      const response = await api.request('POST', '/api/v1/auth/password', { token: tenant.accessToken, body: { currentPassword: tenant.password, newPassword: password } });
      expectWeak(response, 'newPassword');
    }
    expect((await api.request('POST', '/api/v1/auth/login', { body: { email: tenant.email, password: tenant.password } })).status).toBe(200);
  });
});
