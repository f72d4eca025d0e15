import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, failedStatus, screenProblems, TestWebhookReceiver, until } from '@assay/testing';
import { consoleErrorsPerTest, openPage, signIn, startBrowserStack, type BrowserStack } from './browser-stack';
import { publishedPaper } from './fixtures';
import type { SignedUpTenant, TestApi } from './test-api';

/**
 * The admin's Webhooks screen (apps/web/src/staff/console/admin/WebhooksPanel.tsx) in Debian's
 * Chromium against the real API serving the built app, the real worker and an HTTP receiver in the
 * test process: an endpoint registered (a bad URL refused under its field first, the secret shown
 * once), an event delivered and seen in the log with its response code and latency, redelivered,
 * the endpoint disabled (confirmed), enabled, deleted (confirmed). axe-core and screenshots at
 * 1280 and 375 px (tmp/screenshots/webhooks-*); any console error fails the test.
 */
describe('webhooks screen in a real browser', () => {
  let receiver: TestWebhookReceiver;
  let stack: BrowserStack;
  let api: TestApi;
  let base: string;
  let browser: Browser;
  let tenant: SignedUpTenant;
  const consoleErrors = consoleErrorsPerTest();
  /** The one refusal the test provokes (a URL that is not http/https): Chromium logs it as a console error. */
  const refusals: string[] = [];

  beforeAll(async () => {
    receiver = await TestWebhookReceiver.start();
    // The receiver listens on 127.0.0.1 (private addresses are refused otherwise; webhooks.spec tests that).
    stack = await startBrowserStack({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', REDIS_PREFIX: `assay-test-whweb-${randomBytes(4).toString('hex')}` });
    ({ api, base, browser } = stack);
    tenant = await api.signup();
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await receiver?.close();
  });

  const checkScreen = async (page: Page, name: string) => expect(await screenProblems(page, name, { prefix: 'webhooks', settle: true, restore: DESKTOP })).toEqual([]);
  const endpoints = async () => (await api.request('GET', '/api/v1/webhooks', { token: tenant.accessToken })).body;
  const confirm = (page: Page, button: string) => page.locator('.ant-popconfirm:visible').getByRole('button', { name: button }).click();

  it('registers an endpoint, shows its deliveries, redelivers, disables, enables and deletes it', async () => {
    const page = await openPage(browser, consoleErrors, {
      expected: (message) => {
        const refused = failedStatus(message) === 400;
        if (refused) refusals.push(new URL(message.location().url).pathname);
        return refused;
      },
    });
    await signIn(page, base, tenant);
    await page.getByRole('menuitem', { name: '系统管理' }).click();
    await page.getByRole('tab', { name: 'Webhook' }).click();
    await page.getByText('Webhook 在事件发生时').waitFor();

    // Register: a URL the API refuses is shown under its field; then a good one, the secret shown once.
    await page.getByRole('button', { name: '注册端点' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('接收地址(URL)').fill('ftp://ats.example.com/hooks');
    await dialog.getByLabel('说明').fill('ATS 同步');
    await dialog.getByLabel('试卷发布 (paper.published)').check();
    await dialog.getByLabel('候选人交卷 (invitation.submitted)').check();
    await checkScreen(page, 'register');
    await dialog.getByRole('button', { name: '注册端点' }).click();
    await dialog.locator('.ant-form-item', { has: page.getByLabel('接收地址(URL)') }).locator('.ant-form-item-explain-error').waitFor();
    expect(refusals).toEqual(['/api/v1/webhooks']);
    await dialog.getByLabel('接收地址(URL)').fill(receiver.url());
    await dialog.getByRole('button', { name: '注册端点' }).click();
    const secret = (await dialog.getByTestId('webhook-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);
    await dialog.getByText('签名密钥只显示这一次').waitFor();
    await checkScreen(page, 'secret');
    await dialog.getByRole('button', { name: '我已复制,关闭' }).click();
    const row = page.locator('.ant-table-row', { hasText: receiver.url() });
    await row.getByText('启用', { exact: true }).waitFor();
    // Searched on the server by URL or description: a word that is not there empties the list, the description finds it.
    const search = page.getByLabel('搜索地址或说明', { exact: true });
    for (const [q, rows] of [['没有这个', 0], ['ats', 1]] as const) {
      const searched = page.waitForResponse((response) => response.url().includes('/api/v1/webhooks?') && new URL(response.url()).searchParams.get('q') === q);
      await search.fill(q);
      await search.press('Enter');
      await searched;
      await page.waitForFunction((count) => document.querySelectorAll('.ant-table-tbody .ant-table-row').length === count, rows);
    }
    const [endpoint] = (await endpoints()).items;
    expect(endpoint).toMatchObject({ url: receiver.url(), description: 'ATS 同步', enabled: true });
    expect([...endpoint.events].sort()).toEqual(['invitation.submitted', 'paper.published']);
    expect(JSON.stringify(endpoint)).not.toContain(secret);

    // An event (a paper published) is delivered; the log shows it with the receiver's answer and the time it took.
    await publishedPaper(api, tenant, '客服笔试(Webhook)');
    await receiver.waitFor(1);
    await until(async () => {
      const log = (await api.request('GET', `/api/v1/webhooks/${endpoint.id}/deliveries`, { token: tenant.accessToken })).body;
      return log.items[0]?.status === 'delivered';
    }, 'the delivery recorded as delivered');
    await page.getByRole('button', { name: `投递记录: ${receiver.url()}` }).click();
    const log = page.getByRole('region', { name: `${receiver.url()} 的投递记录` });
    const delivery = log.locator('.ant-table-row', { hasText: '试卷发布' });
    await delivery.getByText('已送达').waitFor();
    await expect(delivery.textContent()).resolves.toMatch(/204.*\d+ ms/);
    await checkScreen(page, 'log');

    // Redelivered by hand: the receiver gets the same event again.
    await log.getByRole('button', { name: /^重新投递: 试卷发布/ }).click();
    await log.getByText('已安排重新投递。').waitFor();
    const both = await receiver.waitFor(2);
    expect(JSON.parse(both[1].body).id).toBe(JSON.parse(both[0].body).id);

    // Disabled (confirmed), then enabled again.
    await page.getByRole('button', { name: `停用: ${receiver.url()}` }).click();
    await confirm(page, '停用');
    await row.getByText('已停用').waitFor();
    expect((await endpoints()).items[0].enabled).toBe(false);
    await page.getByRole('button', { name: `启用: ${receiver.url()}` }).click();
    // Enabled once the row offers "停用" again (its "启用" text is also the button just clicked).
    await page.getByRole('button', { name: `停用: ${receiver.url()}` }).waitFor();
    expect((await endpoints()).items[0].enabled).toBe(true);

    // The screen in English.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('button', { name: 'Register endpoint' }).waitFor();
    await page.getByRole('region', { name: `Deliveries to ${receiver.url()}` }).getByText('Delivered').first().waitFor();
    await checkScreen(page, 'list-en');
    await page.getByText('中文', { exact: true }).click();

    // Deleted (confirmed): gone from the list and the API.
    await page.getByRole('button', { name: `删除: ${receiver.url()}` }).click();
    await confirm(page, '删除');
    await row.waitFor({ state: 'detached' });
    expect((await endpoints()).total).toBe(0);
    await page.context().close();
  }, 600_000);
});
