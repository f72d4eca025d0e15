import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { Browser, Page } from 'playwright-core';
import { GradingJobs } from '@assay/grading';
import { connectAsOwner, DESKTOP, failedStatus, PHONE, screenProblems, until } from '@assay/testing';
import { call } from './attempts-fixtures';
import { openPaper, queued, submit, type OpenPaper } from './grading-fixtures';
import { consoleErrorsPerTest, openPage, signIn, startBrowserStack, type BrowserStack } from './browser-stack';
import { focusedScore, markByKeyboard } from './browser-steps';
import type { SignedUpTenant, TestApi } from './test-api';

const GOOD_PARCEL = '先安抚客户情绪，表示理解并道歉；然后核实订单信息，查询物流轨迹；给出补发或退款的方案；最后跟进回访。';
const GOOD_PRICE = '耐心倾听客户的不满，解释价保规则，符合条件的给客户退差价。';

interface StaffMember {
  email: string;
  password: string;
  userId: string;
}

/**
 * The grader's workspace (apps/web/src/staff/grading) in Debian's Chromium against the real API
 * serving the built app and the real worker: sign-in (language switch, a silently refreshed
 * expired token), double marking by two graders from the keyboard, an expired lease, third
 * marking by a lead, arbitration, and the final scores. Every screen is checked with axe-core
 * and photographed at 375 px and 1280 px (tmp/screenshots); any console error fails the test.
 */
describe('grader workspace in a real browser', () => {
  let stack: BrowserStack;
  let api: TestApi;
  let base: string;
  let browser: Browser;
  let tenant: SignedUpTenant;
  let paper: OpenPaper;
  const consoleErrors = consoleErrorsPerTest();
  /** HTTP statuses a step provokes on purpose (Chromium logs every failed response as a console error). */
  const expectedStatuses = new Set<number>();

  beforeAll(async () => {
    stack = await startBrowserStack({ REDIS_PREFIX: `assay-test-grader-web-${randomBytes(4).toString('hex')}` });
    ({ api, base, browser } = stack);
    tenant = await api.signup();
    paper = await openPaper(api, tenant);
    const settings = await api.request('PUT', `/api/v1/grading/papers/${paper.paperId}/settings`, {
      token: tenant.accessToken,
      body: { mode: 'double', tolerance: { kind: 'points', value: 2 }, halfPoints: true, selfCheckEvery: 0 },
    });
    expect(settings.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  /** A staff member the admin creates with a password, to sign in through the login page. */
  async function staffMember(name: string, assignment: Record<string, unknown> = {}): Promise<StaffMember> {
    const email = `${name}-${randomBytes(3).toString('hex')}@${tenant.slug}.example.com`;
    const password = `${name} marks carefully`;
    const created = await call(api, tenant, 'POST', '/users', { email, name, roles: ['grader'], password });
    const assigned = await api.request('POST', `/api/v1/grading/papers/${paper.paperId}/assignments`, { token: tenant.accessToken, body: { userId: created.id, ...assignment } });
    expect(assigned.status).toBe(201);
    return { email, password, userId: created.id };
  }

  async function apiToken(member: StaffMember): Promise<string> {
    const login = await api.request('POST', '/api/v1/auth/login', { body: { email: member.email, password: member.password } });
    return login.body.accessToken;
  }

  /** A page whose console errors fail the test, and whose grading responses are kept to prove blindness. */
  async function newPage(viewport: { width: number; height: number }): Promise<{ page: Page; received: string[] }> {
    const page = await openPage(browser, consoleErrors, { viewport, expected: (message) => expectedStatuses.has(failedStatus(message) ?? 0) });
    const received: string[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/api/v1/grading/') && response.request().method() !== 'OPTIONS') {
        void response.text().then((body) => received.push(body), () => undefined);
      }
    });
    return { page, received };
  }

  /** No serious or critical axe-core violation, nothing wider than the screen, and a screenshot at desktop and phone width; the page's own width is restored. */
  const checkScreen = async (page: Page, name: string) => expect(await screenProblems(page, name, { prefix: 'grader', noOverflow: true, restore: 'own' })).toEqual([]);

  async function signInAsGrader(page: Page, member: StaffMember): Promise<void> {
    await signIn(page, base, member);
    await page.getByRole('heading', { name: '我的阅卷任务' }).waitFor();
  }

  /** The marking screen shows this script (anonymous code) with the question's stem. */
  const showing = (page: Page, code: string) => page.getByText(`答卷编号 ${code}`).waitFor();
  const attemptOf = async (attemptId: string) => (await call(api, tenant, 'GET', `/attempts/${attemptId}/responses`)).attempt;

  it('two graders double-mark from the keyboard, a lead third-marks the disagreements and arbitrates; the final scores arrive', async () => {
    const [g1, g2, lead] = [await staffMember('grader-one'), await staffMember('grader-two'), await staffMember('lead', { lead: true })];
    const first = await submit(api, tenant, paper, { parcel: GOOD_PARCEL, price: GOOD_PRICE });
    const firstCode: string = (await queued(api, tenant, first.attemptId)).code;

    // Grader one, on a desktop: the sign-in page in English and back, then the queues.
    const one = await newPage(DESKTOP);
    await one.page.goto(`${base}/staff/login`);
    await checkScreen(one.page, 'login');
    await one.page.getByText('English', { exact: true }).click();
    await one.page.getByRole('heading', { name: 'Sign in to Assay' }).waitFor();
    await one.page.getByText('中文', { exact: true }).click();
    await one.page.getByRole('heading', { name: 'Assay 登录' }).waitFor();
    await signInAsGrader(one.page, g1);
    await one.page.getByRole('heading', { name: '客服阅卷' }).waitFor();
    await one.page.getByText('我今天已评 0 份,还可评 2 份').waitFor();
    await checkScreen(one.page, 'queues');

    // An expired access token is refreshed by the client and the calls repeated: the grader sees nothing of it.
    const stored = JSON.parse((await one.page.evaluate(() => sessionStorage.getItem('assay:staff'))) as string);
    const claims = JSON.parse(Buffer.from(stored.accessToken.split('.')[1], 'base64url').toString());
    const now = Math.floor(Date.now() / 1000);
    const expired = api.app.get(JwtService, { strict: false }).sign({ sub: claims.sub, tid: claims.tid, roles: claims.roles, sv: claims.sv, iat: now - 1000, exp: now - 100 }, { algorithm: 'HS256' });
    expect((await api.request('GET', '/api/v1/auth/me', { token: expired })).status).toBe(401);
    await one.page.evaluate((session) => sessionStorage.setItem('assay:staff', session), JSON.stringify({ ...stored, accessToken: expired }));
    expectedStatuses.add(401);
    const refreshed = one.page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/refresh') && response.status() === 200);
    await one.page.reload();
    await refreshed;
    await one.page.getByText('我今天已评 0 份,还可评 2 份').waitFor();
    expectedStatuses.delete(401);
    const renewed = JSON.parse((await one.page.evaluate(() => sessionStorage.getItem('assay:staff'))) as string);
    expect(renewed.accessToken).not.toBe(expired);
    expect(renewed.refreshToken).not.toBe(stored.refreshToken);

    // The workspace in English and back.
    await one.page.getByText('English', { exact: true }).click();
    await one.page.getByRole('heading', { name: 'My marking' }).waitFor();
    await one.page.getByText('中文', { exact: true }).click();
    await one.page.getByRole('heading', { name: '我的阅卷任务' }).waitFor();

    // Claim next: the parcel question first (question by question), key points highlighted in the answer.
    await one.page.getByRole('button', { name: '领取下一份' }).click();
    await showing(one.page, firstCode);
    await one.page.getByText('客户的包裹丢失了，非常生气，你如何处理？').waitFor();
    expect(await one.page.locator('[data-testid=answer] mark').count()).toBeGreaterThan(0);
    await one.page.getByText('评分建议:10 / 10 分').waitFor();
    await checkScreen(one.page, 'marking');
    await markByKeyboard(one.page, ['0', '1']);
    // The next answer (the price question) opens by itself; a digit typed outside a field goes into the first score.
    await one.page.getByText('客户投诉刚买的商品降价了，你如何回应？').waitFor();
    await one.page.getByRole('status').filter({ hasText: `已提交答卷 ${firstCode} 的评分。` }).waitFor();
    await one.page.locator('[data-testid=answer]').click();
    await one.page.keyboard.press('1');
    await focusedScore(one.page, 0);
    await one.page.keyboard.press('Tab');
    await one.page.keyboard.type('1');
    await one.page.keyboard.press('Enter');
    await one.page.getByText('此队列已全部评完。').waitFor();
    await checkScreen(one.page, 'queue-done');
    await one.page.getByRole('button', { name: '返回任务列表' }).first().click();
    await one.page.getByText('我今天已评 2 份,还可评 0 份').waitFor();

    // Grader two, on a phone: the open answer's lease is renewed; when it runs out anyway, the screen says what to do.
    const two = await newPage(PHONE);
    await signInAsGrader(two.page, g2);
    await two.page.getByRole('button', { name: '评阅此题: 第 2 题' }).click();
    await showing(two.page, firstCode);
    /** The page renews every minute and whenever the tab is visible again: the test sends that event instead of waiting. */
    const renewal = async (status: number) => {
      const renewed = two.page.waitForResponse((response) => response.url().endsWith('/renew') && response.status() === status);
      await two.page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
      await renewed;
    };
    await renewal(200);
    /** The lease runs out (moved into the past) and the worker's job returns the answer to the queue (its own schedule may get there first). */
    const expireLease = async () => {
      const owner = await connectAsOwner();
      try {
        const { rows } = await owner.query(`UPDATE grading_tasks SET lease_expires_at = now() - interval '1 second' WHERE status = 'leased' AND lease_owner = $1 RETURNING id`, [g2.userId]);
        expect(rows).toHaveLength(1);
        await stack.worker?.get(GradingJobs).releaseLeases();
        await until(async () => (await owner.query(`SELECT 1 FROM grading_tasks WHERE id = $1 AND status = 'open'`, [rows[0].id])).rowCount === 1, 'the expired lease released');
      } finally {
        await owner.end();
      }
    };
    const claimAgain = async () => {
      const claimed = two.page.waitForResponse((response) => response.url().includes('/tasks/claim') && response.status() === 200);
      await two.page.getByRole('button', { name: '重新领取' }).click();
      await claimed;
      await showing(two.page, firstCode);
    };
    const leaseAlert = () => two.page.getByRole('alert').filter({ hasText: '这份答卷的领取已超时,已退回队列,您的评分没有提交。' }).waitFor();
    expectedStatuses.add(409);
    // Noticed by the renewal, before any score is typed...
    await expireLease();
    await renewal(409);
    await leaseAlert();
    await checkScreen(two.page, 'lease-expired');
    await claimAgain();
    // ...or by the submission.
    await expireLease();
    await markByKeyboard(two.page, ['4', '5']);
    await leaseAlert();
    expectedStatuses.delete(409);
    await claimAgain();
    await markByKeyboard(two.page, ['4', '5']);
    // That question's queue is done; the next question from the list.
    await two.page.getByText('此队列已全部评完。').waitFor();
    await two.page.getByRole('button', { name: '返回任务列表' }).first().click();
    await two.page.getByRole('button', { name: '评阅此题: 第 3 题' }).click();
    await two.page.getByText('客户投诉刚买的商品降价了，你如何回应？').waitFor();
    await markByKeyboard(two.page, ['2', '3']);
    await two.page.getByText('此队列已全部评完。').waitFor();

    // A second candidate's answers reach third marking and arbitration through the API (the graders' own work is shown above).
    const second = await submit(api, tenant, paper, { parcel: '让客户等一等，我去问问快递。', price: '告诉客户价格是公司定的。' });
    const secondCode: string = (await queued(api, tenant, second.attemptId)).code;
    for (const [member, parcelScores] of [[g1, [0, 0]], [g2, [4, 6]]] as const) {
      const token = await apiToken(member);
      for (let i = 0; i < 2; i += 1) {
        const task = (await api.request('POST', `/api/v1/grading/tasks/claim?paperId=${paper.paperId}`, { token })).body.task;
        const scores = task.question.id === paper.q.parcel ? parcelScores : [1, 2];
        expect((await api.request('POST', `/api/v1/grading/tasks/${task.taskId}/marks`, { token, body: { scores } })).status).toBe(204);
      }
    }

    // The lead's third marking: blind (no earlier mark), the disagreements one after another.
    const lead3 = await newPage(DESKTOP);
    await signInAsGrader(lead3.page, lead);
    await lead3.page.getByRole('button', { name: '三评(3)' }).click();
    await lead3.page.getByText(/请独立评分/).waitFor();
    await showing(lead3.page, firstCode);
    await checkScreen(lead3.page, 'third-marking');
    const thirdScores = new Map([
      [`${firstCode}|parcel`, ['4', '4']], // 8 against 1 and 9: 9 is within 2, final (8 + 9) / 2 = 8.5
      [`${secondCode}|parcel`, ['2', '3']], // 5 against 0 and 10: neither within 2, arbitration
      [`${firstCode}|price`, ['2', '3']], // 5 against 2 and 5: final 5
    ]);
    for (let i = 0; i < 3; i += 1) {
      const code = ((await lead3.page.locator('.grading-code').textContent()) as string).replace('答卷编号 ', '');
      const question = (await lead3.page.getByText('客户的包裹丢失了，非常生气，你如何处理？').count()) > 0 ? 'parcel' : 'price';
      const scores = thirdScores.get(`${code}|${question}`);
      expect(scores).toBeDefined();
      thirdScores.delete(`${code}|${question}`);
      await markByKeyboard(lead3.page, scores as string[]);
      if (i < 2) await lead3.page.getByRole('status').filter({ hasText: `已提交答卷 ${code} 的评分。` }).waitFor();
    }
    await lead3.page.getByText('此队列已全部评完。').waitFor();
    expect(thirdScores.size).toBe(0);
    const thirdMarkingReceived = [...lead3.received];

    // The first candidate is final: 0 (no choice answered) + 8.5 + 5.
    await until(async () => (await attemptOf(first.attemptId)).status === 'graded', 'the first attempt graded');
    expect(await attemptOf(first.attemptId)).toMatchObject({ status: 'graded', points: 13.5 });

    // Arbitration: the only place earlier marks are shown; the lead's mark is final.
    await lead3.page.getByRole('button', { name: '返回任务列表' }).first().click();
    await lead3.page.getByRole('button', { name: '仲裁与问题卷(1)' }).click();
    await lead3.page.getByRole('heading', { name: `答卷编号 ${secondCode} · 第 2 题` }).waitFor();
    const marksShown = (await lead3.page.locator('.grading-marks').textContent()) as string;
    expect(marksShown).toContain('一评: 0 分(0 + 0)');
    expect(marksShown).toContain('二评: 10 分(4 + 6)');
    expect(marksShown).toContain('三评: 5 分(2 + 3)');
    await checkScreen(lead3.page, 'arbitration');
    await lead3.page.getByLabel('沟通(0–4 分)').click();
    await markByKeyboard(lead3.page, ['3', '4']);
    await lead3.page.getByText('目前没有需要仲裁的答案或问题卷。').waitFor();
    await until(async () => (await attemptOf(second.attemptId)).status === 'graded', 'the second attempt graded');
    // 7 (arbitrated) + 3 (both graders gave 1 + 2).
    expect(await attemptOf(second.attemptId)).toMatchObject({ status: 'graded', points: 10 });
    const marking = (await call(api, tenant, 'GET', `/grading/attempts/${second.attemptId}`)).answers;
    expect(marking.map((answer: any) => [answer.finalPoints, answer.finalBasis])).toEqual([[7, 'arbitration'], [3, 'double_agreed']]);

    // On screen: the paper's marking is complete (every task of every round marked).
    await lead3.page.getByRole('button', { name: '返回任务列表' }).first().click();
    await lead3.page.getByText('本卷阅卷进度: 已评 12 / 12').waitFor();

    // A grader flags an answer with a reason and skips the next; the lead sees the reason and returns the answer to the queue.
    const third = await submit(api, tenant, paper, { parcel: '请联系我 13800000000，我来处理。', price: '不知道。' });
    const thirdCode: string = (await queued(api, tenant, third.attemptId)).code;
    await one.page.reload();
    await one.page.getByText('我今天已评 4 份,还可评 2 份').waitFor(); // two here, two through the API
    await one.page.getByRole('button', { name: '领取下一份' }).click();
    await showing(one.page, thirdCode);
    await one.page.getByRole('button', { name: '标记问题卷' }).click();
    await one.page.getByRole('button', { name: '标记并交给题组长' }).click();
    await one.page.getByText('请写明原因,例如“答案中含有联系方式”').waitFor();
    await one.page.getByLabel('原因(题组长会看到)').fill('答案中含有手机号');
    await one.page.getByRole('button', { name: '标记并交给题组长' }).click();
    await one.page.getByText('客户投诉刚买的商品降价了，你如何回应？').waitFor();
    await one.page.getByRole('button', { name: '跳过' }).click();
    // Nothing else is left for this grader, so the skipped answer comes back.
    await one.page.getByRole('button', { name: '跳过' }).waitFor();
    await lead3.page.getByRole('button', { name: /^仲裁与问题卷/ }).click();
    await lead3.page.getByText('问题卷:答案中含有手机号').waitFor();
    await lead3.page.getByRole('button', { name: '退回队列' }).click();
    await lead3.page.getByText('目前没有需要仲裁的答案或问题卷。').waitFor();
    expect((await call(api, tenant, 'GET', `/grading/papers/${paper.paperId}/disputes`)).filter((task: any) => task.flagged)).toEqual([]);

    // Blind: nothing the graders' pages and the third marking received names the candidate or shows another mark.
    for (const body of [...one.received, ...two.received, ...thirdMarkingReceived]) {
      for (const secret of ['@example.com', first.attemptId, second.attemptId, first.invitationId, '"marks"', 'graderId']) expect(body).not.toContain(secret);
    }
    for (const page of [one.page, two.page, lead3.page]) await page.context().close();
  }, 600_000);
});
