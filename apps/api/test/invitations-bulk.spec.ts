import ExcelJS from 'exceljs';
import { multipart } from '@assay/testing';
import { publishedPaper, type PublishedPaperFixture } from './fixtures';
import { TestApi, type SignedUpTenant } from './test-api';

const closesAt = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

/** 10,000 rows of which 3% are bad: 100 without a name, 100 with a broken email, 100 repeating an earlier email. */
function candidateCsv(): { csv: string; badRows: number[] } {
  const lines = ['姓名,邮箱,手机,外部编号'];
  const badRows: number[] = [];
  for (let i = 0; i < 10_000; i += 1) {
    const row = i + 2;
    if (i % 100 === 10) {
      lines.push(`,nameless${i}@example.com,,`);
      badRows.push(row);
    } else if (i % 100 === 50) {
      lines.push(`候选人${i},not-an-email-${i},,`);
      badRows.push(row);
    } else if (i % 100 === 90) {
      lines.push(`重复${i},candidate${i - 1}@example.com,,`);
      badRows.push(row);
    } else {
      lines.push(`候选人${i},Candidate${i}@Example.com,1380000${String(i).padStart(4, '0')},ATS-${i}`);
    }
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, badRows };
}

describe('bulk invitations from CSV and XLSX', () => {
  let api: TestApi;
  let tenant: SignedUpTenant;
  let paper: PublishedPaperFixture;

  const upload = (filename: string, content: Buffer | string, fields: Record<string, string> = { closesAt: closesAt() }) =>
    api.request('POST', `/api/v1/papers/${paper.paperId}/invitations/bulk`, {
      token: tenant.accessToken,
      ...multipart([...Object.entries(fields).map(([name, value]) => ({ name, value })), { name: 'file', filename, content }]),
    });

  beforeAll(async () => {
    api = await TestApi.start();
    tenant = await api.signup();
    paper = await publishedPaper(api, tenant);
  });
  afterAll(async () => {
    await api.close();
  });

  it('creates the valid rows of 10,000, reports each bad row by number, and creates nothing on a second upload', async () => {
    const { csv, badRows } = candidateCsv();
    const first = await upload('candidates.csv', csv, { closesAt: closesAt(), extraTimePercent: '10', reminderHours: '24,2' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ total: 10_000, created: 9_700, skipped: 0 });
    expect([...new Set(first.body.errors.map((e: { row: number }) => e.row))]).toEqual(badRows);
    expect(first.body.errors).toContainEqual({ row: 12, field: 'name', reason: 'name is empty' });
    expect(first.body.errors).toContainEqual({ row: 52, field: 'email', reason: '"not-an-email-50" is not an email address' });
    expect(first.body.errors).toContainEqual({ row: 92, field: 'email', reason: 'same email as row 91' });

    const funnel = await api.request('GET', `/api/v1/invitations/funnel?paperId=${paper.paperId}`, { token: tenant.accessToken });
    expect(funnel.body.total).toBe(9_700);
    const one = await api.request('GET', `/api/v1/invitations?q=candidate123%40example.com`, { token: tenant.accessToken });
    expect(one.body.items[0]).toMatchObject({ extraTimePercent: 10, reminderHours: [24, 2], candidate: { name: '候选人123', phone: '13800000123', externalId: 'ATS-123' } });

    const second = await upload('candidates.csv', csv);
    expect(second.body).toMatchObject({ total: 10_000, created: 0, skipped: 9_700 });
    const candidates = await api.request('GET', '/api/v1/candidates?pageSize=1', { token: tenant.accessToken });
    expect(candidates.body.total).toBe(9_700);
  });

  it('reads XLSX with English headers too', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Candidates');
    sheet.addRow(['Name', 'Email', 'Extra time %']);
    sheet.addRow(['Ada Lovelace', 'ada@example.org', '25']);
    // Excel writes formatted cells as rich text runs.
    sheet.addRow([{ richText: [{ text: '格式' }, { font: { bold: true }, text: '姓名' }] }, 'rich.text@example.org', '']);
    sheet.addRow(['Bad Extra', 'bad.extra@example.org', '999']);
    const response = await upload('list.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(response.body).toMatchObject({ total: 3, created: 2, errors: [{ row: 4, field: 'extra_time_percent' }] });
    const rich = await api.request('GET', '/api/v1/invitations?q=rich.text', { token: tenant.accessToken });
    expect(rich.body.items[0].candidate.name).toBe('格式姓名');
  });

  it('refuses unusable uploads with a problem naming the field', async () => {
    const noEmail = await upload('x.csv', 'name,phone\nA,1\n');
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.errors[0].field).toBe('file');
    const wrongType = await upload('x.pdf', 'name,email\n');
    expect(wrongType.body.errors[0]).toEqual({ field: 'file', reason: 'must be .csv or .xlsx' });
    const noWindow = await upload('x.csv', 'name,email\nA,a@example.com\n', {});
    expect(noWindow.status).toBe(400);
    expect(noWindow.body.errors.map((e: { field: string }) => e.field)).toContain('closesAt');
    const tooMany = await upload('x.csv', `name,email\n${Array.from({ length: 10_001 }, (_, i) => `N${i},n${i}@example.com`).join('\n')}\n`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.detail).toMatch(/at most 10000/);
  });
});
