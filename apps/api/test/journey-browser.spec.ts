import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { DESKTOP, failedStatus, PHONE, screenProblems, TestSmtpServer, until, type Viewport } from '@assay/testing';
import { consoleErrorsPerTest, openPage, signIn, startBrowserStack, type BrowserStack } from './browser-stack';
import { fixWarningLine, markByKeyboard } from './browser-steps';
import type { TestApi } from './test-api';

/** apps/api/test -> ../shared/samples/papers beside the repository (read at test time, never copied into it). */
const SAMPLE = resolve(__dirname, '../../../../shared/samples/papers/ecommerce-cs-question-bank.txt');
const TITLE = '电商客服招聘考试题库与岗位解析';

interface JourneyCandidate {
  name: string;
  email: string;
  viewport: Viewport;
  /** The option labels chosen: single choice, multiple choice, true/false (the sample's first three questions). */
  single: RegExp;
  multiple: RegExp[];
  trueFalse: string;
  /** The answers to the two open questions, and the mark both graders give each. */
  open: [string, string];
  marks: [number, number];
  /** 5 points per objective question, 10 per open one. */
  total: number;
}

/** Three candidates: one on a phone (one question at a time), two on a desktop (the whole paper). */
const CANDIDATES: JourneyCandidate[] = [
  {
    name: '李娜',
    email: 'li.na@example.com',
    viewport: PHONE,
    single: /优质的售后服务/,
    multiple: [/与用户争辩/, /随意承诺/],
    trueFalse: '错误',
    open: ['先安抚用户情绪,说明吊牌剪掉会影响二次销售,再按店铺政策提供折价或换货方案,始终礼貌专业。', '限时折扣:特定时间降价;满减满赠:满额减免;优惠券:领取后抵扣;秒杀:超低价限量。'],
    marks: [8, 7],
    total: 30,
  },
  {
    name: '赵敏',
    email: 'zhao.min@example.com',
    viewport: DESKTOP,
    single: /优质的售后服务/,
    multiple: [/与用户争辩/, /随意承诺/],
    trueFalse: '正确',
    open: ['告诉用户吊牌剪了不能退,可以考虑换货。', '限时折扣和优惠券。'],
    marks: [6, 5],
    total: 21,
  },
  {
    name: '周杰',
    email: 'zhou.jie@example.com',
    viewport: DESKTOP,
    single: /商品价格最低/,
    multiple: [/使用专业术语/, /及时响应/],
    trueFalse: '错误',
    open: ['直接给用户退货。', '打折。'],
    marks: [3, 2],
    total: 10,
  },
];

/**
 * The whole product as a new company meets it, in Debian's Chromium against the real API serving
 * the built app, the real worker, PostgreSQL, Redis and an SMTP server: sign-up, a job role, two
 * graders, the shared sample document imported with a warning fixed in place, published, three
 * candidates invited by CSV who take the test from their emailed links (one on a phone), two
 * graders double-marking the open answers in their workspace, and the recruiter's results: the
 * histogram, item analysis, comparison with the radar, a candidate report and the export. Each
 * main screen is checked with axe-core and photographed at 1280 and 375 px (tmp/screenshots,
 * `journey-*`), the main ones also in English; any console error fails the test.
 */
describe('journey in a real browser: sign-up to results', () => {
  let smtp: TestSmtpServer;
  let stack: BrowserStack;
  let api: TestApi;
  let browser: Browser;
  let base: string;
  const consoleErrors = consoleErrorsPerTest();
  const slug = `j${randomBytes(4).toString('hex')}`;
  const admin = { email: `hr@${slug}.example.com`, password: 'a long journey passphrase' };

  beforeAll(async () => {
    smtp = await TestSmtpServer.start();
    stack = await startBrowserStack({ SMTP_URL: smtp.url, REDIS_PREFIX: `assay-test-journey-${randomBytes(4).toString('hex')}` });
    ({ api, base, browser } = stack);
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  /** A new browser window of this size (its own session), whose console errors fail the test. */
  // The one refusal allowed: the report's 404 "not computed yet", a state the results page shows
  // and leaves by itself (it asks again). One CI run saw it on the role page after the API had
  // answered that report (cause not found); the failed resource is now named in any other error.
  const reportNotComputed = (message: ConsoleMessage) => failedStatus(message) === 404 && /\/api\/v1\/analytics\/job-roles\/[\w-]+$/.test(message.location().url);
  const newPage = (viewport: Viewport) => openPage(browser, consoleErrors, { viewport, acceptDownloads: true, hasTouch: viewport === PHONE, expected: reportNotComputed });

  /** No serious or critical axe-core violation and a screenshot at desktop and phone width; the page keeps its own size. */
  const checkScreen = async (page: Page, name: string) => expect(await screenProblems(page, name, { prefix: 'journey', settle: true, restore: 'own' })).toEqual([]);

  let adminToken = '';
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) => {
    const response = await api.request(method, `/api/v1${url}`, { token: adminToken, body });
    if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  /** The candidate opens the emailed link, consents, answers every question and submits. */
  async function takeTest(candidate: JourneyCandidate, link: string, checkScreens: boolean): Promise<void> {
    const page = await newPage(candidate.viewport);
    const phone = candidate.viewport === PHONE;
    await page.goto(link);
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    if (checkScreens) await checkScreen(page, 'candidate-intro');
    await page.getByLabel(/我已阅读以上须知/).check();
    await page.getByRole('button', { name: '开始测评' }).click();
    // On a phone one question at a time (next), on a desktop the whole paper.
    const next = () => (phone ? page.getByRole('button', { name: '下一题' }).click() : Promise.resolve());
    await page.getByLabel(candidate.single).check();
    await next();
    for (const option of candidate.multiple) await page.getByLabel(option).check();
    await next();
    await page.getByLabel(candidate.trueFalse, { exact: true }).check();
    await next();
    await page.getByRole('textbox', { name: /吊牌/ }).fill(candidate.open[0]);
    await next();
    await page.getByRole('textbox', { name: /促销活动/ }).fill(candidate.open[1]);
    await page.locator('#save-status', { hasText: /^已保存$/ }).waitFor();
    if (checkScreens) await checkScreen(page, 'candidate-exam');
    await page.getByRole('button', { name: '交卷', exact: true }).click();
    await page.getByRole('button', { name: '确定交卷' }).click();
    await page.getByRole('heading', { name: '已交卷,感谢参加。' }).waitFor();
    if (checkScreens) await checkScreen(page, 'candidate-end');
    await page.context().close();
  }

  /** A grader signs in and marks every answer of the paper's queue: the mark is the one given for the answer shown. */
  async function markAll(grader: { email: string; password: string }, viewport: Viewport, checkScreens: boolean): Promise<void> {
    const page = await newPage(viewport);
    await signIn(page, base, grader);
    await page.getByRole('heading', { name: '我的阅卷任务' }).waitFor();
    if (checkScreens) await checkScreen(page, 'grader-queues');
    await page.getByRole('button', { name: '领取下一份' }).click();
    const marksByAnswer = new Map(CANDIDATES.flatMap((c) => c.open.map((text, i) => [text, c.marks[i]] as const)));
    // Every open answer of every candidate, once each (the other grader marks each one too).
    for (let marked = 0; marksByAnswer.size > 0; marked += 1) {
      const answer = page.locator('[data-testid=answer]');
      // The next answer's text, once it replaced the one just marked.
      const text = await until(async () => {
        if (await page.getByText('此队列已全部评完。').isVisible()) {
          // What is left for this grader is the other grader's to mark first (its first-round
          // task is leased to them): back to the list and claim again, as a grader would.
          await page.getByRole('button', { name: '返回任务列表' }).click();
          await page.getByRole('button', { name: '领取下一份' }).click();
          return undefined;
        }
        const shown = (await answer.textContent({ timeout: 1000 }).catch(() => null))?.trim() ?? '';
        return [...marksByAnswer.keys()].find((known) => shown.includes(known));
      }, 'an answer to mark');
      if (checkScreens && marked === 0) await checkScreen(page, 'grader-marking');
      await markByKeyboard(page, [String(marksByAnswer.get(text))]);
      marksByAnswer.delete(text);
    }
    await page.getByText('此队列已全部评完。').waitFor();
    await page.context().close();
  }

  it('a new company signs up, imports and publishes a paper, invites by CSV; candidates take it, graders mark, the recruiter reads the results', async () => {
    // Sign-up: the company and its first admin, signed in at once.
    const page = await newPage(DESKTOP);
    await page.goto(`${base}/staff/login`);
    await page.getByRole('link', { name: '注册公司' }).click();
    await page.getByLabel('公司名称').fill('星河电商');
    await page.getByLabel('公司标识').fill(slug);
    await page.getByLabel('您的姓名').fill('王敏');
    await page.getByLabel('邮箱').fill(admin.email);
    await page.getByLabel('密码', { exact: true }).fill(admin.password);
    await page.getByText(/密码强度: (一般|强|很强)/).waitFor();
    await checkScreen(page, 'signup');
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.getByRole('menuitem', { name: '岗位与考察点' }).click();
    adminToken = (await api.request('POST', '/api/v1/auth/login', { body: admin })).body.accessToken;
    expect((await call('GET', '/auth/me')).tenant).toMatchObject({ slug, name: '星河电商' });

    // A job role.
    await page.getByRole('button', { name: '新建岗位' }).click();
    await page.getByRole('dialog').getByLabel('名称').fill('电商客服专员');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.locator('.ant-table-row', { hasText: '电商客服专员' }).waitFor();

    // Two graders, each with the temporary password shown once.
    await page.getByRole('menuitem', { name: '系统管理' }).click();
    const graders: { email: string; password: string; userId: string }[] = [];
    for (const [name, email] of [['阅卷甲', `grader-a@${slug}.example.com`], ['阅卷乙', `grader-b@${slug}.example.com`]]) {
      await page.getByRole('button', { name: '添加员工' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('姓名').fill(name);
      await dialog.getByLabel('邮箱').fill(email);
      await dialog.getByLabel('阅卷人').check();
      await dialog.getByRole('button', { name: '添加员工' }).click();
      const password = (await dialog.getByTestId('temporary-password').textContent())?.trim() ?? '';
      await dialog.getByRole('button', { name: '我已复制,关闭' }).click();
      await dialog.waitFor({ state: 'detached' });
      graders.push({ email, password, userId: (await call('GET', `/users?q=${encodeURIComponent(email)}`)).items[0].id });
    }
    await page.locator('.ant-table-row', { hasText: '阅卷乙' }).waitFor();
    await checkScreen(page, 'staff');

    // The sample document imported: a warning followed to its line and fixed there (the other too: both sections need points).
    await page.getByRole('menuitem', { name: '试卷' }).click();
    await page.getByRole('button', { name: '从文档导入' }).click();
    await page.locator('input[type=file]').setInputFiles(SAMPLE);
    await page.getByRole('heading', { name: '原文' }).waitFor();
    await expect(page.locator('.import-warning').count()).resolves.toBe(7);
    await fixWarningLine(page, 79, '(一)基础知识与行业认知(共3题,每题5分)');
    await fixWarningLine(page, 109, '(二)情景判断与常识(共2题,每题10分)');
    await expect(page.locator('.import-warning').count()).resolves.toBe(5);
    await checkScreen(page, 'import');
    await page.getByLabel('岗位').click();
    await page.locator('.ant-select-item-option', { hasText: '电商客服专员' }).click();
    await page.getByRole('button', { name: '保存为草稿' }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    const paperId = page.url().split('/').pop() ?? '';

    // The editor: the two open questions get their rubric, a pass mark, double marking.
    for (const question of [0, 1]) {
      const row = page.locator(`#question-1-${question}`);
      await row.getByRole('button', { name: '编辑题目' }).click();
      await page.getByLabel('评分项 1', { exact: true }).fill('处理思路与要点');
      await page.getByRole('button', { name: '保存题目' }).click();
      await row.getByText('主观题缺少评分标准').waitFor({ state: 'detached' });
    }
    await page.getByLabel('及格线').fill('21');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByRole('button', { name: '已保存' }).waitFor();
    await page.getByRole('radio', { name: '双评', exact: true }).check();
    await page.getByRole('button', { name: '保存阅卷设置' }).click();
    await page.getByText('阅卷设置已保存').waitFor();
    await checkScreen(page, 'editor');
    // Three competencies on the questions (tagging in the bank's form is console-setup's test), so the radars have axes.
    const draft = await call('GET', `/papers/${paperId}`);
    const questionIds: string[] = draft.sections.flatMap((section: { questionIds: string[] }) => section.questionIds);
    const competencies: string[] = [];
    for (const name of ['行业认知', '服务意识', '沟通表达']) competencies.push((await call('POST', '/competencies', { name })).id);
    for (const [i, id] of questionIds.entries()) await call('PATCH', `/questions/${id}`, { competencyIds: [competencies[i % 3]] });
    for (const grader of graders) await call('POST', `/grading/papers/${paperId}/assignments`, { userId: grader.userId });

    // Published, confirmed.
    await page.getByRole('button', { name: '发布' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '发布' }).click();
    await page.getByText('已发布第 1 版').waitFor();

    // Invited by CSV; the emails carry each candidate's link.
    await page.getByRole('button', { name: '邀请候选人' }).click();
    await page.getByRole('button', { name: '上传名单(CSV/Excel)' }).click();
    const upload = page.getByRole('dialog', { name: '上传候选人名单' });
    await upload.locator('input[type=file]').setInputFiles({
      name: 'candidates.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['姓名,邮箱', ...CANDIDATES.map((c) => `${c.name},${c.email}`)].join('\n')),
    });
    await upload.getByRole('button', { name: '上传并邀请' }).click();
    await upload.getByText('共 3 行:新邀请 3 人,已邀请过 0 人,0 行有错误。').waitFor();
    await upload.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    const mails = await smtp.waitFor(3, (mail) => CANDIDATES.some((c) => c.email === mail.to));
    await page.getByRole('cell', { name: /li\.na@example\.com/ }).waitFor();
    await checkScreen(page, 'invitations');
    const links = new Map(mails.map((mail) => [mail.to, `${base}/t/${/\/t\/([\w.~-]+)/.exec(mail.text)?.[1]}`]));

    // The candidates take the test from their links, each on their own device at the same time; the screens are checked (at both widths) on the first one's.
    await Promise.all(CANDIDATES.map((candidate, i) => takeTest(candidate, links.get(candidate.email) ?? '', i === 0)));
    // The worker scores each attempt and queues its open answers for both graders.
    await until(async () => {
      const attempts = (await call('GET', `/attempts?paperId=${paperId}`)).items as { status: string }[];
      return attempts.length === 3 && attempts.every((a) => a.status === 'awaiting_grading');
    }, 'three attempts awaiting marking');
    // Their grading tasks come from a job queued once an attempt is scored: a first-round task per open answer.
    await until(async () => (await call('GET', `/grading/papers/${paperId}/progress`)).tasks === CANDIDATES.length * CANDIDATES[0].open.length, 'the grading tasks made');

    // Two graders mark every open answer at the same time (double marking, the same marks: no third marking), one of them on a phone.
    await Promise.all([markAll(graders[0], DESKTOP, true), markAll(graders[1], PHONE, false)]);
    const roleId: string = draft.jobRoleId;
    const final = await until(async () => {
      const attempts = (await call('GET', `/attempts?paperId=${paperId}`)).items as { status: string; points: number }[];
      // The report answers 404 until the worker computed it.
      const { report } = (await api.request('GET', `/api/v1/analytics/job-roles/${roleId}`, { token: adminToken })).body ?? {};
      return attempts.every((a) => a.status === 'graded') && report?.scores.candidates === 3 && report.grading?.resolved === 6 ? attempts : null;
    }, 'every attempt graded and in the role report');
    // The marks as the graders gave them: each candidate's total.
    expect(final.map((attempt) => attempt.points).sort((a, b) => b - a)).toEqual(CANDIDATES.map((c) => c.total));

    // The results: the role's histogram with the pass mark.
    await page.getByRole('menuitem', { name: '测评结果' }).click();
    await page.getByRole('link', { name: '电商客服专员' }).click();
    await page.getByRole('img', { name: /^分数分布\. .*及格线/ }).waitFor();
    await checkScreen(page, 'results-role');

    // The version: item analysis, then two candidates compared (scores with bands, the radar).
    await page.getByRole('link', { name: `${TITLE} 第 1 版(3 人)` }).click();
    await page.getByRole('tab', { name: '题目分析' }).click();
    await page.getByRole('img', { name: /^每题用时\./ }).waitFor();
    await checkScreen(page, 'results-items');
    await page.getByRole('tab', { name: '考生' }).click();
    await page.getByText('共 3 人').waitFor();
    await page.locator('tr', { hasText: '李娜' }).getByRole('checkbox').check();
    await page.locator('tr', { hasText: '赵敏' }).getByRole('checkbox').check();
    await page.getByRole('button', { name: '对比所选 2 人' }).click();
    await page.getByRole('img', { name: /^分数与误差区间\./ }).waitFor();
    await page.getByRole('img', { name: /^考察点雷达\./ }).waitFor();
    await page.getByRole('row', { name: /李娜.*赵敏/ }).waitFor();
    await checkScreen(page, 'results-compare');

    // The exports: every candidate, best first.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(['李娜', '赵敏', '周杰']);

    // The candidate report: histogram with the candidate's line, competencies against the cohort.
    await page.getByRole('link', { name: '李娜' }).click();
    await page.getByRole('heading', { name: /李娜/, level: 1 }).waitFor();
    await page.getByRole('img', { name: /^分数分布\..*该考生的得分 30/ }).waitFor();
    await page.getByRole('img', { name: /^考察点:该考生与全体\./ }).waitFor();
    await checkScreen(page, 'report');

    // The main screens in English.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('img', { name: /^Score distribution\./ }).waitFor();
    await checkScreen(page, 'report-en');
    await page.getByRole('menuitem', { name: 'Papers' }).click();
    await page.getByRole('heading', { name: 'Papers', level: 1 }).waitFor();
    await checkScreen(page, 'papers-en');
    await page.getByRole('menuitem', { name: 'Invitations' }).click();
    await page.getByRole('cell', { name: /li\.na@example\.com/ }).waitFor();
    await checkScreen(page, 'invitations-en');

    await page.context().close();
  }, 600_000);
});
