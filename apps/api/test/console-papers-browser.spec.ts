import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, screenProblems, TestSmtpServer, until } from '@assay/testing';
import { consoleErrorsPerTest, openPage, signIn, startBrowserStack, type BrowserStack } from './browser-stack';
import { fixWarningLine } from './browser-steps';
import type { SignedUpTenant, TestApi } from './test-api';
/** apps/api/test -> ../shared/samples/papers beside the repository (never copied into it). */
const SAMPLE = resolve(__dirname, '../../../../shared/samples/papers/ecommerce-cs-question-bank.txt');

/**
 * The recruiter's console (apps/web/src/staff/papers, .../invitations) in Debian's Chromium against
 * the real API serving the built app, the real worker, PostgreSQL, Redis and an SMTP server: a
 * shared sample document imported, a warning followed to its line and fixed there, the draft
 * completed and published, candidates invited from a CSV with a bad row, one resent, one revoked.
 * Every main screen is checked with axe-core and photographed at 375 px and 1280 px
 * (tmp/screenshots); any console error fails the test.
 */
describe('recruiter console in a real browser: import, publish, invite', () => {
  let smtp: TestSmtpServer;
  let stack: BrowserStack;
  let api: TestApi;
  let browser: Browser;
  let base: string;
  let tenant: SignedUpTenant;
  const recruiter = { email: `recruiter-${randomBytes(3).toString('hex')}@example.com`, password: 'recruiter password 1' };
  const consoleErrors = consoleErrorsPerTest();

  const staff = (method: 'GET' | 'POST', url: string, body?: unknown) => api.request(method, `/api/v1${url}`, { token: tenant.accessToken, body });

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    const env = { SMTP_URL: smtp.url, REDIS_PREFIX: `assay-test-console-${randomBytes(4).toString('hex')}` };
    stack = await startBrowserStack(env);
    ({ api, base, browser } = stack);
    tenant = await api.signup();
    const user = await staff('POST', '/users', { ...recruiter, name: '招聘专员', roles: ['recruiter'] });
    expect(user.status).toBe(201);
    expect((await staff('POST', '/job-roles', { name: '电商客服专员' })).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  /** No serious or critical axe-core violation, nothing wider than the screen, and a screenshot at phone and desktop width (ends at desktop width). */
  const checkScreen = async (page: Page, name: string) =>
    expect(await screenProblems(page, name, { prefix: 'console', viewports: [PHONE, DESKTOP], noOverflow: true, settle: true })).toEqual([]);

  it('imports a sample, fixes its warnings on their lines, publishes, invites by CSV, resends and revokes', async () => {
    const page = await openPage(browser, consoleErrors);

    // Sign in, then the papers from the menu.
    await signIn(page, base, recruiter);
    await page.getByRole('link', { name: '试卷', exact: true }).click();
    await page.getByRole('heading', { name: '试卷', level: 1 }).waitFor();
    await checkScreen(page, 'papers');

    // Import the shared sample: the source beside what was read, each warning linked to its line.
    await page.getByRole('button', { name: '从文档导入' }).click();
    await page.getByRole('heading', { name: '从文档导入试卷' }).waitFor();
    await page.locator('input[type=file]').setInputFiles(SAMPLE);
    await page.getByRole('heading', { name: '原文' }).waitFor();
    await expect(page.locator('.import-warning').count()).resolves.toBe(7);
    await expect(page.getByRole('button', { name: /^第 79 行/ }).textContent()).resolves.toContain('未标明分值');
    await fixWarningLine(page, 79, '(一)基础知识与行业认知(共3题,每题5分)');
    await fixWarningLine(page, 109, '(二)情景判断与常识(共2题,每题10分)');
    await expect(page.locator('.import-warning').count()).resolves.toBe(5);
    await expect(page.locator('.import-paper').textContent()).resolves.toContain('每题 10 分');
    await checkScreen(page, 'import');

    // Save the draft for a job role: the editor opens with the checks that block publishing.
    await page.getByLabel('岗位').click();
    await page.locator('.ant-select-item-option', { hasText: '电商客服专员' }).click();
    await page.getByRole('button', { name: '保存为草稿' }).click();
    await page.getByRole('heading', { name: '电商客服招聘考试题库与岗位解析', level: 1 }).waitFor();
    const paperId = page.url().split('/').pop() ?? '';
    const draft = await staff('GET', `/papers/${paperId}`);
    expect(draft.body).toMatchObject({ latestVersion: null, totalPoints: 35 });
    expect(draft.body.sections.map((s: { pointsPerQuestion: number }) => s.pointsPerQuestion)).toEqual([5, 10]);
    expect(draft.body.importWarnings).toHaveLength(5);
    await page.getByText('2 个错误(必须处理)').waitFor();
    await expect(page.getByRole('button', { name: '发布' }).isDisabled()).resolves.toBe(true);

    // Each open question's missing rubric is shown on the question; edit it there.
    for (const question of [0, 1]) {
      const row = page.locator(`#question-1-${question}`);
      await expect(row.textContent()).resolves.toContain('主观题缺少评分标准');
      await row.getByRole('button', { name: '编辑题目' }).click();
      await page.getByLabel('评分项 1', { exact: true }).fill('处理思路与沟通要点');
      if (question === 0) {
        await checkScreen(page, 'question-drawer');
        // On a phone the drawer fits the screen (once its width has followed the new size).
        await page.setViewportSize(PHONE);
        await page.waitForFunction(() => {
          const box = document.querySelector('.ant-drawer-content-wrapper')?.getBoundingClientRect();
          return box !== undefined && box.left >= 0 && box.right <= window.innerWidth;
        });
        await page.setViewportSize(DESKTOP);
      }
      await page.getByRole('button', { name: '保存题目' }).click();
      await row.getByText('主观题缺少评分标准').waitFor({ state: 'detached' });
    }
    await page.getByText('0 个错误(必须处理)').waitFor();
    // A pass mark, saved with the paper.
    await page.getByLabel('及格线').fill('21');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('button', { name: '已保存' }).waitFor();
    expect((await staff('GET', `/papers/${paperId}`)).body.passMark).toBe(21);
    await checkScreen(page, 'editor');

    // The candidate preview has no answers.
    await page.getByRole('button', { name: '候选人预览' }).click();
    const preview = page.getByRole('dialog', { name: '候选人预览(草稿)' });
    await preview.getByText('优质的售后服务').waitFor();
    await checkScreen(page, 'preview');
    await expect(preview.textContent()).resolves.not.toContain('参考答案');
    await preview.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

    // Publish, confirmed.
    await page.getByRole('button', { name: '发布' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await expect(confirm.locator('.ant-modal-confirm-title').textContent()).resolves.toBe('发布第 1 版?');
    await confirm.getByRole('button', { name: '发布' }).click();
    await page.getByText('已发布第 1 版').waitFor();
    expect((await staff('GET', `/papers/${paperId}`)).body.latestVersion).toBe(1);

    // Invite by CSV: one bad row shown with its error and content, the others invited.
    await page.getByRole('button', { name: '邀请候选人' }).click();
    await page.getByRole('heading', { name: '邀请', level: 1 }).waitFor();
    await page.getByRole('button', { name: '上传名单(CSV/Excel)' }).click();
    const upload = page.getByRole('dialog', { name: '上传候选人名单' });
    await upload.locator('input[type=file]').setInputFiles({
      name: 'candidates.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('姓名,邮箱\n李娜,li.na@example.com\n王强,not-an-email\n赵敏,zhao.min@example.com\n'),
    });
    await upload.getByRole('button', { name: '上传并邀请' }).click();
    await upload.getByText('共 3 行:新邀请 2 人,已邀请过 0 人,1 行有错误。').waitFor();
    const badRow = upload.locator('.row-errors tbody tr', { hasText: 'not-an-email' });
    await expect(badRow.locator('td').first().textContent()).resolves.toBe('3');
    await expect(badRow.textContent()).resolves.toContain('email');
    await checkScreen(page, 'invitations-upload');
    await upload.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

    // The invitation emails arrive; the list, searched, shows them sent.
    await smtp.waitFor(2, (mail) => ['li.na@example.com', 'zhao.min@example.com'].includes(mail.to));
    const sent = async () => ((await staff('GET', `/invitations?paperId=${paperId}&status=sent`)).body.total === 2 ? true : null);
    await until(sent, 'both invitations recorded as sent');
    await page.reload();
    await page.getByRole('cell', { name: /li\.na@example\.com/ }).waitFor();
    await expect(page.locator('.funnel').textContent()).resolves.toContain('已邀请2');
    await page.getByLabel('按姓名或邮箱搜索').fill('赵敏');
    await page.getByLabel('按姓名或邮箱搜索').press('Enter');
    await page.getByRole('cell', { name: /li\.na@example\.com/ }).waitFor({ state: 'detached' });
    await page.getByLabel('按姓名或邮箱搜索').fill('');
    await page.getByLabel('按姓名或邮箱搜索').press('Enter');
    await page.getByRole('cell', { name: /li\.na@example\.com/ }).waitFor();

    // Resend one (confirmed): a new link by email, the old one dead.
    await page.getByRole('button', { name: '重新发送 李娜' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
    await page.getByText('已重新发送,新链接已发出。').waitFor();
    await smtp.waitFor(2, (mail) => mail.to === 'li.na@example.com');

    // Extend one: a later end, reminders follow it.
    const before = (await staff('GET', `/invitations?paperId=${paperId}&q=li.na`)).body.items[0].closesAt as string;
    await page.getByRole('button', { name: '延期 李娜' }).click();
    const extendDialog = page.getByRole('dialog', { name: '延长 李娜 的有效期' });
    // The dialog's form holds the new end: submit once it is there (the OK button renders with the dialog, the form's field may come a moment later).
    await expect(extendDialog.getByLabel('新的截止时间').inputValue()).resolves.not.toBe('');
    await extendDialog.getByRole('button', { name: '延期' }).click();
    await extendDialog.waitFor({ state: 'detached' });
    await page.getByText('有效期已延长。').waitFor();
    const after = (await staff('GET', `/invitations?paperId=${paperId}&q=li.na`)).body.items[0].closesAt as string;
    expect(new Date(after).getTime()).toBeGreaterThan(new Date(before).getTime());

    // Revoke another (confirmed).
    await page.getByRole('button', { name: '撤销 赵敏' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '撤销' }).click();
    await page.getByText('邀请已撤销。').waitFor();

    // Invite one more by hand.
    await page.getByRole('button', { name: '邀请一位候选人' }).click();
    const one = page.getByRole('dialog', { name: '邀请一位候选人' });
    await one.getByLabel('姓名').fill('周杰');
    await one.getByLabel('邮箱').fill('zhou.jie@example.com');
    await one.getByLabel('截止前多少小时提醒').fill('48, 2');
    await one.getByRole('button', { name: '发送邀请' }).click();
    await one.getByText('已邀请 周杰,邮件正在发送。').waitFor();
    await smtp.waitFor(1, (mail) => mail.to === 'zhou.jie@example.com');
    await one.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await page.getByRole('cell', { name: /zhou\.jie@example\.com/ }).waitFor();
    await checkScreen(page, 'invitations');

    // The list as CSV, as filtered.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV(当前筛选)' }).click()]);
    expect(csv.suggestedFilename()).toBe('invitations.csv');
    const exported = readFileSync(await csv.path(), 'utf8');
    for (const email of ['li.na@example.com', 'zhao.min@example.com', 'zhou.jie@example.com']) expect(exported).toContain(email);

    const invitations = (await staff('GET', `/invitations?paperId=${paperId}`)).body.items as { candidate: { email: string }; status: string; tokenVersion: number; reminderHours: number[] }[];
    const byEmail = new Map(invitations.map((invitation) => [invitation.candidate.email, invitation]));
    expect(invitations).toHaveLength(3);
    expect(byEmail.get('zhou.jie@example.com')?.reminderHours).toEqual(expect.arrayContaining([48, 2]));
    expect(byEmail.get('li.na@example.com')?.tokenVersion).toBe(2);
    expect(byEmail.get('zhao.min@example.com')?.status).toBe('revoked');
    expect(smtp.to('li.na@example.com')).toHaveLength(2);
    expect(smtp.to('zhao.min@example.com')).toHaveLength(1);
    const funnel = (await staff('GET', `/invitations/funnel?paperId=${paperId}`)).body;
    expect(funnel).toMatchObject({ total: 3, counts: { revoked: 1 } });

    // The papers list, searched: the paper is published; a search that finds nothing says what to do.
    await page.getByRole('link', { name: '试卷', exact: true }).click();
    const search = page.getByLabel('按标题搜索试卷');
    await search.fill('题库');
    await search.press('Enter');
    await expect(page.getByRole('row', { name: /电商客服招聘考试题库与岗位解析/ }).textContent()).resolves.toContain('已发布 v1');
    // A copy as a new draft, then deleted (confirmed): the published paper stays.
    await page.getByRole('link', { name: '电商客服招聘考试题库与岗位解析' }).click();
    await page.getByRole('button', { name: '复制为新草稿' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(paperId) && /\/staff\/papers\/[0-9a-f-]{36}$/.test(url.pathname));
    const copyId = page.url().split('/').pop() ?? '';
    await page.getByText('草稿', { exact: true }).waitFor();
    await page.getByRole('button', { name: '删除草稿' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除草稿' }).click();
    await page.getByRole('heading', { name: '试卷', level: 1 }).waitFor();
    expect((await staff('GET', `/papers/${copyId}`)).status).toBe(404);
    expect((await staff('GET', `/papers/${paperId}`)).status).toBe(200);
    await search.fill('没有这份试卷');
    await search.press('Enter');
    await page.getByText('没有标题包含“没有这份试卷”的试卷').waitFor();

    // The same screens in English.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Papers', level: 1 }).waitFor();
    await page.getByText('No paper title contains “没有这份试卷”').waitFor();
    await page.context().close();
  }, 600_000);
});
