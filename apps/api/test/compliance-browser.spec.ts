import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '@assay/core';
import { linkToken } from '@assay/invitations';
import { DESKTOP, failedStatus, screenProblems } from '@assay/testing';
import { call, Candidate } from './attempts-fixtures';
import { consoleErrorsPerTest, openPage, signIn, startBrowserStack, type BrowserStack } from './browser-stack';
import { publishedPaper } from './fixtures';
import type { SignedUpTenant, TestApi } from './test-api';

/**
 * The compliance screens of the staff app in Debian's Chromium against the real API serving the
 * built app (docs/web.md "Compliance"): the audit log (filtered, cursor pages, an entry's
 * before/after, the CSV), the retention period (the API's reason under the field), a candidate's
 * export and erasure (typed confirmation; the 409 of a candidate taking a test as a sentence), and
 * the menu a grader gets. axe-core and screenshots at 1280 and 375 px (tmp/screenshots/compliance-*),
 * nothing wider than the phone on the audit and company screens; the refusals the test provokes
 * are the only console errors.
 */
describe('compliance screens in a real browser', () => {
  let stack: BrowserStack;
  let api: TestApi;
  let base: string;
  let browser: Browser;
  let tenant: SignedUpTenant;
  const consoleErrors = consoleErrorsPerTest();
  /** The refusals the test provokes (a retention out of range, erasing someone mid-test): Chromium logs them as console errors. */
  const refusals: string[] = [];
  const as = (method: 'GET' | 'PATCH', url: string, body?: unknown) => api.request(method, `/api/v1${url}`, { token: tenant.accessToken, body });

  beforeAll(async () => {
    // No job of the worker is needed: erasure answers in its own transaction.
    stack = await startBrowserStack({ REDIS_PREFIX: `assay-test-compliance-${randomBytes(4).toString('hex')}` }, { worker: false });
    ({ api, base, browser } = stack);
    tenant = await api.signup();
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  const checkScreen = async (page: Page, name: string, noOverflow = false) =>
    expect(await screenProblems(page, name, { prefix: 'compliance', settle: true, noOverflow, restore: DESKTOP })).toEqual([]);
  const adminPage = async () => {
    const page = await openPage(browser, consoleErrors, {
      acceptDownloads: true,
      expected: (message) => {
        const status = failedStatus(message);
        const refused = status === 400 || status === 409;
        if (refused) refusals.push(`${status} ${new URL(message.location().url).pathname}`);
        return refused;
      },
    });
    await signIn(page, base, tenant);
    return page;
  };
  const rows = (page: Page) => page.locator('.console-table > .ant-table-wrapper .ant-table-tbody > .ant-table-row');

  it('an admin reads the audit log: filters, pages, an entry’s before and after, the CSV', async () => {
    // 24 changes of the company's name: more than one page (20), each with its before and after.
    for (let i = 1; i <= 24; i += 1) expect((await as('PATCH', '/tenant', { name: `星河电商 ${i}` })).status).toBe(200);
    await api.staff(tenant, 'grader');

    const page = await adminPage();
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.console-table .ant-table-tbody > .ant-table-row').length === 20);
    // Newest first: the staff member created last, then the 24th rename.
    await expect(rows(page).first().textContent()).resolves.toContain('/api/v1/users');
    await checkScreen(page, 'audit', true);

    // Cursor pages: the second page holds the other five; back to the first.
    await page.getByRole('button', { name: '下一页' }).click();
    await page.getByText('第 2 页').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.console-table .ant-table-tbody > .ant-table-row').length === 5);
    await expect(page.getByRole('button', { name: '下一页' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: '上一页' }).click();
    await page.getByText('第 1 页').waitFor();

    // Filtered by the acting staff member (searched by name) and the action: the 24 renames, the creation left out.
    const actor = page.getByLabel('操作员工');
    await actor.fill('管理员');
    await page.locator('.ant-select-item-option', { hasText: tenant.email }).click();
    await page.getByLabel('操作包含').fill('PATCH /api/v1/tenant');
    const filtered = page.waitForResponse((response) => {
      const url = new URL(response.url());
      return url.pathname === '/api/v1/audit-log' && url.searchParams.get('action') === 'PATCH /api/v1/tenant' && url.searchParams.get('actorUserId') !== null;
    });
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await filtered;
    await page.getByText('第 1 页').waitFor();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.console-table .ant-table-tbody > .ant-table-row')).every((row) => row.textContent?.includes('/api/v1/tenant')));

    // The newest entry opened: its before/after field by field, the body as recorded.
    await rows(page).first().getByRole('button', { name: /^详情: PATCH \/api\/v1\/tenant/ }).click();
    const details = page.getByRole('region', { name: /^详情: PATCH \/api\/v1\/tenant/ });
    const nameChange = details.locator('tr', { has: page.locator('code', { hasText: /^name$/ }) });
    await expect(nameChange.textContent()).resolves.toMatch(/星河电商 23.*星河电商 24.*修改/);
    await expect(details.locator('tr', { has: page.locator('code', { hasText: /^slug$/ }) }).textContent()).resolves.toContain('未变');
    await expect(details.locator('pre').textContent()).resolves.toContain('"name": "星河电商 24"');
    await checkScreen(page, 'audit-entry', true);

    // The CSV of these filters: every rename, across both pages.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 CSV(当前条件)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('audit-log.csv');
    const csv = readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
    expect(csv[0]).toMatch(/^"at","id","actor_user_id"/);
    expect(csv.slice(1)).toHaveLength(24);
    expect(csv.slice(1).every((line) => line.includes('PATCH /api/v1/tenant'))).toBe(true);

    // A filter nothing matches says what to do.
    await page.getByLabel('操作包含').fill('没有这种操作');
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await page.getByText('没有符合条件的记录').waitFor();

    // The screen in English.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByText('No entry matches').waitFor();
    await page.getByText('中文', { exact: true }).click();
    await page.context().close();
  }, 600_000);

  it('an admin reads which API key acted by its name, after the key was revoked too', async () => {
    const key = await api.request('POST', '/api/v1/api-keys', { token: tenant.accessToken, body: { name: 'ATS 同步', scopes: ['recruiter', 'admin'] } });
    expect((await api.request('POST', '/api/v1/job-roles', { token: key.body.key, body: { name: '仓库管理员' } })).status).toBe(201);
    expect((await api.request('DELETE', `/api/v1/api-keys/${key.body.id}`, { token: tenant.accessToken })).status).toBe(204);

    const page = await adminPage();
    await page.getByRole('menuitem', { name: '审计日志' }).click();
    const byKey = rows(page).filter({ hasText: '/api/v1/job-roles' });
    await byKey.filter({ hasText: 'ATS 同步' }).filter({ hasText: '已吊销' }).filter({ hasText: `${key.body.prefix}…` }).waitFor();
    await page.context().close();
  }, 600_000);

  it('an admin sets the retention period: a value out of range is refused under the field', async () => {
    refusals.length = 0;
    const page = await adminPage();
    await page.getByRole('menuitem', { name: '系统管理' }).click();
    await page.getByRole('tab', { name: '公司设置' }).click();
    const field = page.getByLabel('候选人个人信息保留天数');
    await expect(field.inputValue()).resolves.toBe('365');
    await page.getByText('系统每小时的清理任务会删除').waitFor();

    await field.fill('7');
    await page.getByRole('button', { name: '保存' }).click();
    const reason = page.locator('.ant-form-item', { has: field }).locator('.ant-form-item-explain-error');
    await expect(reason.textContent()).resolves.toMatch(/30/);
    expect(refusals).toEqual(['400 /api/v1/tenant']);
    expect((await as('GET', '/tenant')).body.candidateDataRetentionDays).toBe(365);
    await checkScreen(page, 'retention-refused', true);

    await field.fill('90');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存').waitFor();
    expect((await as('GET', '/tenant')).body.candidateDataRetentionDays).toBe(90);
    await page.context().close();
  }, 600_000);

  it('an admin exports a candidate’s data and erases them; someone taking a test cannot be erased yet', async () => {
    refusals.length = 0;
    const paper = await publishedPaper(api, tenant, '客服笔试(隐私)');
    const closesAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const invite = (name: string, email: string) => call(api, tenant, 'POST', '/invitations', { paperId: paper.paperId, candidate: { name, email, phone: '13800000000' }, closesAt });
    const leaving = await invite('李雷', `lilei-${randomBytes(3).toString('hex')}@example.com`);
    const busy = await invite('韩梅梅', `hanmeimei-${randomBytes(3).toString('hex')}@example.com`);
    // Taking the test now: the API refuses to erase her (409 candidate.attempt_in_progress).
    await Candidate.start(api, linkToken(loadConfig(process.env).LINK_SECRET, busy.id, 1));

    const page = await adminPage();
    await page.getByRole('menuitem', { name: '邀请' }).click();
    const list = page.locator('.scroll-region[aria-label="邀请"]');
    await list.getByRole('button', { name: '李雷', exact: true }).click();
    const drawer = page.locator('.ant-drawer-section');
    await drawer.getByText(leaving.candidate.email).waitFor();

    // Export: the JSON file the API writes, with everything held about him.
    const download = page.waitForEvent('download');
    await drawer.getByRole('button', { name: '导出个人数据' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`candidate-${leaving.candidateId}.json`);
    const exported = JSON.parse(readFileSync(await file.path(), 'utf8'));
    expect(exported).toMatchObject({ format: 'assay.candidate-export.v1', candidate: { id: leaving.candidateId, name: '李雷', email: leaving.candidate.email } });
    await drawer.getByText('已下载候选人的个人数据文件。').waitFor();
    await checkScreen(page, 'candidate');

    // Erase: the button waits for his email typed exactly.
    await drawer.getByRole('button', { name: '删除候选人个人信息' }).click();
    const dialog = page.getByRole('dialog', { name: '删除 李雷 的个人信息' });
    const erase = dialog.getByRole('button', { name: '删除候选人个人信息' });
    await expect(erase.isDisabled()).resolves.toBe(true);
    const typed = dialog.getByLabel(/请输入候选人的邮箱/);
    await typed.fill('someone@example.com');
    await dialog.getByText('与候选人的邮箱不一致').waitFor();
    await expect(erase.isDisabled()).resolves.toBe(true);
    await typed.fill(leaving.candidate.email);
    await checkScreen(page, 'erase');
    await erase.click();
    await dialog.getByText('个人信息已删除。').waitFor();
    await expect(dialog.textContent()).resolves.toMatch(/邀请1/);
    await checkScreen(page, 'erased');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await drawer.getByText('个人信息删除于').waitFor();
    await page.locator('.ant-drawer-close').click();

    // Gone from the list: no name, no address; the row stays as an erased candidate (scores are kept anonymised).
    await list.getByRole('button', { name: '(个人信息已删除)', exact: true }).waitFor();
    await expect(list.textContent()).resolves.not.toContain('李雷');
    await expect(list.textContent()).resolves.not.toContain(leaving.candidate.email);
    const stored = (await as('GET', `/candidates/${leaving.candidateId}`)).body;
    expect(stored).toMatchObject({ name: '[erased]', phone: null });
    expect(stored.erasedAt).not.toBeNull();
    expect(refusals).toEqual([]);

    // Someone taking a test: the refusal as a sentence saying what to do; nothing erased.
    await list.getByRole('button', { name: '韩梅梅', exact: true }).click();
    await drawer.getByRole('button', { name: '删除候选人个人信息' }).click();
    const busyDialog = page.getByRole('dialog', { name: '删除 韩梅梅 的个人信息' });
    await busyDialog.getByLabel(/请输入候选人的邮箱/).fill(busy.candidate.email);
    await busyDialog.getByRole('button', { name: '删除候选人个人信息' }).click();
    await busyDialog.getByRole('alert').filter({ hasText: '该候选人正在作答' }).waitFor();
    await expect(busyDialog.getByRole('alert').filter({ hasText: '该候选人正在作答' }).textContent()).resolves.toContain('出分后再删除');
    expect(refusals).toEqual([`409 /api/v1/candidates/${busy.candidateId}/erasure`]);
    expect((await as('GET', `/candidates/${busy.candidateId}`)).body.erasedAt).toBeNull();
    await page.context().close();
  }, 600_000);

  it('a grader gets neither the audit log nor the administration in the menu', async () => {
    const grader = { email: `grader-${randomBytes(3).toString('hex')}@${tenant.slug}.example.com`, password: 'grader password 1' };
    const created = await api.request('POST', '/api/v1/users', { token: tenant.accessToken, body: { ...grader, name: '阅卷人', roles: ['grader'] } });
    expect(created.status).toBe(201);
    const page = await openPage(browser, consoleErrors);
    await signIn(page, base, grader);
    await page.getByRole('menuitem', { name: '阅卷' }).waitFor();
    await expect(page.getByRole('menuitem').allTextContents()).resolves.toEqual(['阅卷']);
    // The address typed by hand leads back to the grader's own area.
    await page.goto(`${base}/staff/audit`);
    await page.waitForURL(`${base}/staff/grading`);
    await page.context().close();
  }, 600_000);
});
