import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '@assay/core';
import { linkToken } from '@assay/invitations';
import { PHONE, screenProblems, until, watchConsole } from '@assay/testing';
import { consoleErrorsPerTest, openPage, startBrowserStack, type BrowserStack } from './browser-stack';
import { publishedPaper, type PublishedPaperFixture } from './fixtures';
import type { SignedUpTenant, TestApi } from './test-api';

interface StoredResponse {
  questionId: string;
  answer: unknown;
  seq: number;
}

/**
 * The candidate's exam (apps/web) in Debian's Chromium against the real API serving the built app,
 * the real worker, PostgreSQL and Redis: answers saved, a reload, a lost connection, a closed tab,
 * submission, and the deadline. Every screen is checked with axe-core and photographed at 375 px
 * and 1280 px (tmp/screenshots); any console error fails the test.
 */
describe('candidate exam in a real browser', () => {
  let stack: BrowserStack;
  let api: TestApi;
  let base: string;
  let browser: Browser;
  let tenant: SignedUpTenant;
  let paper: PublishedPaperFixture;
  const consoleErrors = consoleErrorsPerTest();

  const staff = (url: string) => api.request('GET', `/api/v1${url}`, { token: tenant.accessToken });
  const attemptOf = async (paperId: string) => (await staff(`/attempts?paperId=${paperId}`)).body.items[0];
  const stored = async (attemptId: string): Promise<Map<string, StoredResponse>> => {
    const { responses } = (await staff(`/attempts/${attemptId}/responses`)).body as { responses: StoredResponse[] };
    return new Map(responses.filter((r) => r.seq > 0).map((r) => [r.questionId, r]));
  };

  beforeAll(async () => {
    stack = await startBrowserStack();
    ({ api, base, browser } = stack);
    tenant = await api.signup();
    paper = await publishedPaper(api, tenant, '在线客服专员笔试(浏览器)', { settings: { showScoreToCandidate: true } });
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  /** A new invitation to the paper and its personal link's token. */
  async function invite(email: string, paperId: string, closesAt = new Date(Date.now() + 86_400_000)): Promise<{ token: string; invitationId: string }> {
    const invitation = await api.request('POST', '/api/v1/invitations', {
      token: tenant.accessToken,
      body: { paperId, candidate: { name: '王小明', email }, closesAt: closesAt.toISOString() },
    });
    expect(invitation.status).toBe(201);
    return { token: linkToken(loadConfig(process.env).LINK_SECRET, invitation.body.id, 1), invitationId: invitation.body.id };
  }

  /** A candidate's own phone: a new window (its own session) whose console errors fail the test. */
  const phonePage = () => openPage(browser, consoleErrors, { viewport: PHONE, hasTouch: true });

  /** No serious or critical axe-core violation, and a screenshot at desktop and phone width (ends at phone width). */
  const checkScreen = async (page: Page, name: string) => expect(await screenProblems(page, name, { prefix: 'candidate' })).toEqual([]);

  /** A candidate on their own phone who opened the link, started and answered the first question. */
  async function candidatePage(token: string): Promise<Page> {
    const page = await phonePage();
    await page.goto(`${base}/t/${token}`);
    await page.getByLabel(/我已阅读以上须知/).check();
    await page.getByRole('button', { name: '开始测评' }).click();
    await page.getByLabel(/倾听并表示理解/).check();
    await allSaved(page);
    return page;
  }

  const allSaved = (page: Page) => page.locator('#save-status', { hasText: /^已保存$/ }).waitFor();

  it('takes the test on a phone: intro, answers saved, reload, offline typing, closed tab, submit, score', async () => {
    const { token } = await invite('wang.xiaoming@example.com', paper.paperId);
    const page = await phonePage();
    const context = page.context();
    const [single, multiple, essay] = paper.questionIds;

    await page.goto(`${base}/t/${token}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('在线客服专员笔试(浏览器)');
    await expect(page.locator('main').textContent()).resolves.toContain('30 分钟');
    await checkScreen(page, 'intro');
    // Opening the link starts nothing; the start button waits for the consent.
    expect((await staff(`/attempts?paperId=${paper.paperId}`)).body.total ?? 0).toBe(0);
    await expect(page.getByRole('button', { name: '开始测评' }).isDisabled()).resolves.toBe(true);
    await page.getByLabel(/我已阅读以上须知/).check();
    await page.getByRole('button', { name: '开始测评' }).click();

    // One question at a time on a phone: choose, go next, choose, go next, type.
    await page.getByLabel(/倾听并表示理解/).check();
    await page.getByRole('button', { name: '下一题' }).click();
    await page.getByLabel(/退换货/).check();
    await page.getByLabel(/维修/).check();
    await page.getByLabel('标记此题,稍后检查').check();
    await page.getByRole('button', { name: '下一题' }).click();
    await page.getByRole('textbox').fill('先安抚客户情绪,再核实订单。');
    await allSaved(page);
    await checkScreen(page, 'exam');

    const attemptId: string = (await attemptOf(paper.paperId)).id;
    let saved = await stored(attemptId);
    expect(saved.get(single)?.answer).toBe('B');
    expect(saved.get(multiple)?.answer).toEqual(['A', 'B']);
    expect(saved.get(essay)?.answer).toEqual({ text: '先安抚客户情绪,再核实订单。' });

    // A reload resumes at once with every answer (no second start) and the server's clock.
    await page.reload();
    await expect(page.getByLabel(/倾听并表示理解/).isChecked()).resolves.toBe(true);
    await expect(page.locator('#clock').textContent()).resolves.toMatch(/^(29|30):\d\d$/);
    await page.getByRole('button', { name: /^第 2 题: 已作答, 已标记$/ }).click();
    await expect(page.getByLabel(/维修/).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: /^第 3 题/ }).click();
    await expect(page.getByRole('textbox').inputValue()).resolves.toBe('先安抚客户情绪,再核实订单。');

    // The connection drops: typing goes on, kept on the device, nothing reaches the server...
    await context.setOffline(true);
    await page.getByRole('textbox').fill('先安抚客户情绪,再核实订单,给出补发方案。');
    await page.getByRole('button', { name: /^第 1 题/ }).click();
    await page.getByLabel(/立即解释公司规定/).check();
    await page.locator('#save-status', { hasText: '网络中断' }).waitFor();
    expect((await stored(attemptId)).get(single)?.answer).toBe('B');
    // ...until it is back: both changes arrive, in the order they were made.
    await context.setOffline(false);
    await allSaved(page);
    saved = await stored(attemptId);
    expect(saved.get(essay)?.answer).toEqual({ text: '先安抚客户情绪,再核实订单,给出补发方案。' });
    expect(saved.get(single)?.answer).toBe('A');
    expect(saved.get(essay)?.seq).toBeLessThan(saved.get(single)?.seq ?? 0);

    // Offline again, an answer typed, the tab closed: reopening the link later sends it.
    await context.setOffline(true);
    await page.getByRole('button', { name: /^第 3 题/ }).click();
    await page.getByRole('textbox').fill('最终答案:安抚、核实、补发、跟进。');
    await page.locator('#save-status', { hasText: '网络中断' }).waitFor();
    await page.close();
    await context.setOffline(false);
    const reopened = watchConsole(await context.newPage(), consoleErrors);
    await reopened.goto(`${base}/t/${token}`);
    await allSaved(reopened);
    expect((await stored(attemptId)).get(essay)?.answer).toEqual({ text: '最终答案:安抚、核实、补发、跟进。' });

    // Submit: the confirmation opens on the safe choice, Escape closes it and gives the focus back;
    // it lists the flagged question; then the end page.
    const submit = reopened.getByRole('button', { name: '交卷', exact: true });
    const focused = (button: typeof submit) => button.evaluate((element) => element === document.activeElement);
    await submit.click();
    await expect(focused(reopened.getByRole('button', { name: '继续作答' }))).resolves.toBe(true);
    await reopened.keyboard.press('Escape');
    await reopened.getByRole('dialog').waitFor({ state: 'hidden' });
    await expect(focused(submit)).resolves.toBe(true);
    await submit.click();
    await expect(reopened.getByRole('dialog').textContent()).resolves.toContain('已标记:第 2 题');
    await checkScreen(reopened, 'submit');
    await reopened.getByRole('button', { name: '确定交卷' }).click();
    await reopened.getByRole('heading', { name: '已交卷,感谢参加。' }).waitFor();
    const submitted = await attemptOf(paper.paperId);
    expect(submitted.submittedBy).toBe('candidate');

    // Once the worker has scored it, the end page shows the score (the paper allows it).
    await until(async () => (await attemptOf(paper.paperId)).status === 'awaiting_grading', 'the submitted attempt to be scored');
    await reopened.reload();
    await reopened.getByText('得分:5 / 20').waitFor();
    await checkScreen(reopened, 'end');
    await context.close();
  }, 300_000);

  it('submits at the deadline: the worker for a candidate who left (answers kept), the page itself for one who stayed', async () => {
    // One minute each from their own start, no grace: the deadline job fires at the deadline.
    const short = await publishedPaper(api, tenant, '限时测评(浏览器)', { durationMinutes: 1, settings: { timerGraceSeconds: 0 } });
    const leaver = await invite('left@example.com', short.paperId);
    const stayer = await invite('stayed@example.com', short.paperId);
    // Two candidates on their own devices.
    const [leaverPage, stayerPage] = [await candidatePage(leaver.token), await candidatePage(stayer.token)];
    await leaverPage.context().close();

    // At zero the page that stayed submits by itself (whether or not the deadline job got there first) and says so.
    const pageSubmits = stayerPage.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith('/submit'), { timeout: 120_000 });
    await stayerPage.getByRole('heading', { name: '时间到,答案已自动提交。' }).waitFor({ timeout: 120_000 });
    await pageSubmits;
    const attemptOfInvitation = async (invitationId: string) => (await staff(`/attempts?invitationId=${invitationId}`)).body.items[0];
    // The one who left is submitted by the worker: its deadline job, or the minutely sweep if that ran first.
    await until(async () => (await attemptOfInvitation(leaver.invitationId)).status !== 'in_progress', 'the worker to submit the attempt the candidate left');
    const left = await attemptOfInvitation(leaver.invitationId);
    expect(['deadline', 'sweep']).toContain(left.submittedBy);
    expect((await stored(left.id)).get(short.questionIds[0])?.answer).toBe('B');
    expect((await attemptOfInvitation(stayer.invitationId)).status).not.toBe('in_progress');
    await stayerPage.context().close();
  }, 300_000);
});
