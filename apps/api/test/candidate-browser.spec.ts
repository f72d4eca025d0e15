import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '@assay/core';
import { linkToken } from '@assay/invitations';
import { until } from '@assay/testing';
import { publishedPaper, type PublishedPaperFixture } from './fixtures';
import { TestApi, type SignedUpTenant } from './test-api';

/** Debian's chromium (never a test tool's own download), headless, with no network but loopback. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A candidate on a phone-sized screen: opens the emailed link, starts, answers, reloads, submits. */
describe('candidate in a real browser', () => {
  let api: TestApi;
  let base: string;
  let browser: Browser;
  let tenant: SignedUpTenant;
  let paper: PublishedPaperFixture;
  const screenshots = join(__dirname, '..', '..', '..', 'tmp', 'screenshots');

  const staff = (url: string) => api.request('GET', `/api/v1${url}`, { token: tenant.accessToken });
  /** The saved answers once the essay (the last thing typed) is stored: a batch carries every pending answer, so the earlier picks are in too. */
  const savedAnswers = (attemptId: string, essay: string) =>
    until(async () => {
      const { responses } = (await staff(`/attempts/${attemptId}/responses`)).body as { responses: { questionId: string; answer: any; seq: number }[] };
      const answered = responses.filter((r) => r.seq > 0);
      return answered.some((r) => r.answer?.text === essay) && answered;
    }, 'the answers to be saved');

  beforeAll(async () => {
    api = await TestApi.start();
    await api.app.listen(0, '127.0.0.1');
    base = await api.app.getUrl();
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    tenant = await api.signup();
    paper = await publishedPaper(api, tenant, '在线客服专员笔试(浏览器)');
    mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await api.close();
  });

  async function invitedPage(email: string): Promise<{ page: Page; token: string }> {
    const invitation = await api.request('POST', '/api/v1/invitations', {
      token: tenant.accessToken,
      body: { paperId: paper.paperId, candidate: { name: '王小明', email }, closesAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(invitation.status).toBe(201);
    const token = linkToken(loadConfig(process.env).LINK_SECRET, invitation.body.id, 1);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    return { page, token };
  }

  it('takes the test: intro without clock, answers autosaved, restored after a reload, submitted', async () => {
    const { page, token } = await invitedPage('wang.xiaoming@example.com');
    await page.goto(`${base}/t/${token}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('在线客服专员笔试(浏览器)');
    await expect(page.locator('body').textContent()).resolves.toContain('30 分钟');
    await page.screenshot({ path: join(screenshots, 'candidate-intro.png'), fullPage: true });
    // Opening the link started nothing.
    expect((await staff(`/attempts?paperId=${paper.paperId}`)).body.total ?? 0).toBe(0);

    await page.getByRole('button', { name: '开始测评' }).click();
    await page.getByText('倾听并表示理解').click();
    await page.getByText('退换货').click();
    await page.getByText('维修').click();
    const essay = '先安抚客户情绪,再核实订单,给出补发方案。';
    await page.locator('textarea').fill(essay);
    // The page tells the candidate once the server has acknowledged the batch.
    await page.locator('#status', { hasText: '已保存' }).waitFor();

    const attempts = (await staff(`/attempts?paperId=${paper.paperId}`)).body;
    const attemptId: string = attempts.items[0].id;
    const saved = await savedAnswers(attemptId, essay);
    expect(saved).toHaveLength(3);
    const byQuestion = Object.fromEntries(saved.map((r) => [r.questionId, r.answer]));
    expect(byQuestion[paper.questionIds[0]]).toBe('B');
    expect([...(byQuestion[paper.questionIds[1]] as string[])].sort()).toEqual(['A', 'B']);
    expect(byQuestion[paper.questionIds[2]]).toEqual({ text: '先安抚客户情绪,再核实订单,给出补发方案。' });
    await page.screenshot({ path: join(screenshots, 'candidate-exam.png'), fullPage: true });

    // A closed tab or a crash loses nothing: the page comes back with every answer.
    await page.reload();
    await page.getByRole('button', { name: '开始测评' }).click();
    await expect(page.locator('textarea').inputValue()).resolves.toBe('先安抚客户情绪,再核实订单,给出补发方案。');
    await expect(page.getByLabel(/倾听并表示理解/).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel(/维修/).isChecked()).resolves.toBe(true);
    // The countdown runs from the server's deadline, however long the steps above took on this machine.
    const clock = /^剩余时间 (\d+):(\d\d)$/.exec((await page.locator('#clock').textContent()) ?? '');
    const { deadline } = (await staff(`/attempts/${attemptId}/responses`)).body.attempt as { deadline: string };
    const trueLeft = Math.floor((Date.parse(deadline) - Date.now()) / 1000);
    expect(clock).not.toBeNull();
    const shown = Number(clock?.[1]) * 60 + Number(clock?.[2]);
    expect(shown).toBeLessThanOrEqual(30 * 60);
    expect(shown).toBeGreaterThanOrEqual(trueLeft);

    await page.getByRole('button', { name: '交卷' }).click();
    await page.getByText('已交卷,感谢参加。').waitFor();
    await page.screenshot({ path: join(screenshots, 'candidate-submitted.png'), fullPage: true });
    const after = (await staff(`/attempts?paperId=${paper.paperId}`)).body.items[0];
    expect(after.status).not.toBe('in_progress');
  });
});
