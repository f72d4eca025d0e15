import { multipart } from '@assay/testing';
import { objectivePaper } from './attempts-fixtures';
import { apiWithTenant, type SignedUpTenant, type TestApi } from './test-api';

const closesAt = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

describe('invitations CSV export', () => {
  let api: TestApi;
  let tenant: SignedUpTenant;
  apiWithTenant((started) => ({ api, tenant } = started));

  it('never hands Excel a formula: cells starting with = + - @ are prefixed with an apostrophe', async () => {
    const paper = await objectivePaper(api, tenant, {}, false);
    const rows = ['name,email,external_id', '"=HYPERLINK(""http://evil.example"",""x"")",formula@example.com,@SUM(A1)', '-2+3,minus@example.com,+86', '王芳,wang@example.com,ATS-1'];
    const upload = await api.request('POST', `/api/v1/papers/${paper.paperId}/invitations/bulk`, {
      token: tenant.accessToken,
      ...multipart([
        { name: 'closesAt', value: closesAt() },
        { name: 'file', filename: 'candidates.csv', content: rows.join('\n') },
      ]),
    });
    expect(upload.body).toMatchObject({ created: 3 });
    const exported = await api.request('GET', '/api/v1/invitations/export', { token: tenant.accessToken });
    expect(exported.status).toBe(200);
    const lines = String(exported.body).replace(/^\uFEFF/, '').trim().split('\n');
    const byEmail = (email: string) => lines.find((line) => line.includes(email)) as string;
    expect(byEmail('formula@example.com')).toMatch(/^"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)",formula@example\.com,'@SUM\(A1\),/);
    expect(byEmail('minus@example.com')).toMatch(/^'-2\+3,minus@example\.com,'\+86,/);
    expect(byEmail('wang@example.com')).toMatch(/^王芳,wang@example\.com,ATS-1,/);
  });
});
