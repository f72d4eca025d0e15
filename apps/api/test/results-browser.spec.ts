import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CANDIDATE_REPORT_LABELS } from '@assay/contracts';
import { loadConfig } from '@assay/core';
import { linkToken } from '@assay/invitations';
import { DESKTOP, pdfText, PHONE, screenProblems, SCREENSHOTS, until } from '@assay/testing';
import { consoleErrorsPerTest, openPage, signIn, startBrowserStack, type BrowserStack } from './browser-stack';
import { call, Candidate } from './attempts-fixtures';
import { assignedGrader, drain, openPaper, queued, submit, type Grader } from './grading-fixtures';
import type { SignedUpTenant, TestApi } from './test-api';

/** This test's desktop window, 100 px taller than DESKTOP (its screenshots have always been taken at this size). */
const DESKTOP_TALL = { ...DESKTOP, height: 900 };

/** Which of the seven questions each candidate gets right (1) or wrong (0); totals 13 down to 2. */
const COHORT: [string, string][] = [
  ['张伟', '1111111'],
  ['王芳', '1111110'],
  ['李娜', '1111101'],
  ['刘洋', '1110111'],
  ['陈静', '1101101'],
  ['杨磊', '1011011'],
  ['赵敏', '0111001'],
  ['黄强', '1100110'],
  ['周杰', '1010100'],
  ['吴婷', '0101010'],
  ['徐明', '1000001'],
  ['孙丽', '0010000'],
];

/**
 * The recruiter's results in Debian's Chromium against the real API (serving the built app), the
 * real worker, PostgreSQL and Redis: twelve candidates of one paper are scored by the worker, then
 * a recruiter signs in, reads the role's and the version's results (histogram, item table with
 * flags, candidates compared with "not distinguishable"), opens a candidate report, prints it
 * (print media: no menus; a PDF) and downloads the export. axe-core on every main screen and
 * screenshots at 375 and 1280 px (tmp/screenshots); any console error fails the test.
 */
describe('results in a real browser', () => {
  let stack: BrowserStack;
  let api: TestApi;
  let base: string;
  let browser: Browser;
  let tenant: SignedUpTenant;
  let roleId: string;
  let versionId: string;
  const recruiter = { email: '', password: 'recruiter passphrase 1' };
  const consoleErrors = consoleErrorsPerTest();

  beforeAll(async () => {
    const env = { REDIS_PREFIX: `assay-test-rb-${randomBytes(4).toString('hex')}`, LINK_RATE_LIMIT: '100000' };
    stack = await startBrowserStack(env);
    ({ api, base, browser } = stack);
    tenant = await api.signup();
    recruiter.email = `recruiter@${tenant.slug}.example.com`;
    await call(api, tenant, 'POST', '/users', { email: recruiter.email, name: '招聘专员', roles: ['recruiter'], password: recruiter.password });

    // A paper of six single-choice questions over three competencies and one true/false question.
    roleId = (await call(api, tenant, 'POST', '/job-roles', { name: '电商客服专员' })).id;
    const competencies = [];
    for (const name of ['沟通', '逻辑', '服务意识']) competencies.push((await call(api, tenant, 'POST', '/competencies', { name })).id as string);
    const options = ['A', 'B', 'C'].map((key) => ({ key, text: `选项${key}` }));
    const keys = ['B', 'A', 'C', 'B', 'A', 'C'];
    const singles: string[] = [];
    for (const [i, key] of keys.entries()) {
      const body = { type: 'single_choice', stem: `第${i + 1}题:客户投诉的处理步骤`, options, answerKey: key, points: 2, competencyIds: [competencies[i % 3]] };
      singles.push((await call(api, tenant, 'POST', '/questions', body)).id);
    }
    const trueFalse = (await call(api, tenant, 'POST', '/questions', { type: 'true_false', stem: '客户永远是对的。', answerKey: false, points: 1, competencyIds: [competencies[2]] })).id as string;
    const paper = await call(api, tenant, 'POST', '/papers', {
      jobRoleId: roleId,
      title: '客服笔试',
      durationMinutes: 30,
      passMark: 8,
      sections: [
        { title: '一、单选题', pointsPerQuestion: 2, questionIds: singles },
        { title: '二、判断题', pointsPerQuestion: 1, questionIds: [trueFalse] },
      ],
    });
    await call(api, tenant, 'POST', `/papers/${paper.id}/publish`, {});

    const invite = async (name: string, n: number) => {
      const created = await call(api, tenant, 'POST', '/invitations', {
        paperId: paper.id,
        candidate: { name, email: `cand${n}@example.com` },
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      return linkToken(loadConfig(process.env).LINK_SECRET, created.id, 1);
    };
    // Two more invited who never open the link: the funnel narrows. Invited before anyone submits:
    // an invitation queues no refresh, so the last scoring's refresh must already count them.
    await invite('未开始甲', 100);
    await invite('未开始乙', 101);
    for (const [n, [name, pattern]] of COHORT.entries()) {
      const { candidate } = await Candidate.start(api, await invite(name, n));
      for (const [i, question] of singles.entries()) {
        const wrong = keys[i] === 'A' ? 'B' : 'A';
        expect((await candidate.save(question, pattern[i] === '1' ? keys[i] : wrong, 1)).status).toBe(200);
      }
      expect((await candidate.save(trueFalse, pattern[6] !== '1', 1)).status).toBe(200);
      expect((await candidate.submit()).status).toBe(200);
      versionId ??= (await call(api, tenant, 'GET', `/attempts/${candidate.attemptId}/responses`)).attempt.paperVersionId;
    }
    for (const url of [`/analytics/paper-versions/${versionId}`, `/analytics/job-roles/${roleId}`]) {
      await until(async () => {
        const response = await api.request('GET', `/api/v1${url}`, { token: tenant.accessToken });
        return response.status === 200 && response.body.report.scores.candidates === COHORT.length && response.body.report.funnel.invited === COHORT.length + 2;
      }, `the snapshot ${url} with every candidate`);
    }
  }, 300_000);
  afterAll(async () => {
    await stack?.close();
  });

  /** Signs the recruiter in on a new desktop page; `reportNotComputed` allows the browser's own console line for the report's expected 404. */
  async function recruiterPage(reportNotComputed = false): Promise<Page> {
    const page = await openPage(browser, consoleErrors, {
      viewport: DESKTOP_TALL,
      acceptDownloads: true,
      expected: (message) => reportNotComputed && message.location().url.includes('/api/v1/analytics/') && message.text().includes('404'),
    });
    await signIn(page, base, recruiter);
    await page.getByRole('heading', { name: '测评结果', level: 1 }).waitFor();
    return page;
  }

  /** No serious or critical axe-core violation, and a screenshot at desktop and phone width (back to desktop after). */
  const checkScreen = async (page: Page, name: string) =>
    expect(await screenProblems(page, name, { prefix: 'results', viewports: [DESKTOP_TALL, PHONE], restore: DESKTOP_TALL })).toEqual([]);

  const report = async (url: string) => (await api.request('GET', `/api/v1/analytics${url}`, { token: tenant.accessToken })).body.report;

  it('a recruiter reads the results, compares candidates, prints a candidate report, downloads its PDF and the export', async () => {
    // Signed in, the recruiter's first area is the results, listing the job roles.
    const page = await recruiterPage();
    await checkScreen(page, 'roles');

    // The role: funnel and histogram drawn, each chart named by its title and reading aid.
    await page.getByRole('link', { name: '电商客服专员' }).click();
    await page.getByRole('img', { name: /^分数分布\. .*及格线/ }).waitFor();
    await page.getByRole('img', { name: /^招聘漏斗\./ }).waitFor();
    await expect(page.getByRole('img', { name: /^分数分布/ }).locator('svg').count()).resolves.toBe(1);
    await checkScreen(page, 'role-overview');

    // The paper version: its item analysis shows each question with its flags and their advice.
    await page.getByRole('link', { name: '客服笔试 第 1 版(12 人)' }).click();
    await page.getByRole('tab', { name: '题目分析' }).click();
    const items = (await report(`/paper-versions/${versionId}`)).items;
    // The tab's table renders after the click: wait for its last row before counting them.
    await page.locator('.ant-table-tbody tr.ant-table-row').nth(items.questions.length - 1).waitFor();
    await expect(page.locator('.ant-table-tbody tr.ant-table-row').count()).resolves.toBe(items.questions.length);
    const flagged = items.questions.find((q: { flags: unknown[] }) => q.flags.length > 0);
    const advice: Record<string, string> = { too_easy: '几乎区分不出考生', too_hard: '得分率低于 20%', low_discrimination: '难以区分强弱考生', negative_discrimination: '先检查答案是否设错' };
    await page.getByText(advice[flagged.flags[0].code]).first().waitFor();
    await page.getByRole('img', { name: /^每题用时\./ }).waitFor();
    await checkScreen(page, 'version-items');

    // Candidates: searchable, then two with the same score compared: "not distinguishable".
    await page.getByRole('tab', { name: '考生' }).click();
    await page.getByLabel('按姓名或邮箱搜索').fill('cand3@');
    await page.getByLabel('按姓名或邮箱搜索').press('Enter');
    await page.getByText('共 1 人').waitFor();
    await expect(page.locator('.ant-table-tbody tr.ant-table-row').first().textContent()).resolves.toContain('刘洋');
    await page.getByLabel('按姓名或邮箱搜索').fill('');
    await page.getByLabel('按姓名或邮箱搜索').press('Enter');
    await page.getByText(`共 ${COHORT.length} 人`).waitFor();
    // Sorted by name on the server: the first row is the API's first by name.
    const firstByName = (await api.request('GET', `/api/v1/analytics/paper-versions/${versionId}/candidates?sort=name&pageSize=1`, { token: tenant.accessToken })).body.items[0].name;
    await page.getByRole('columnheader', { name: '姓名' }).click();
    await until(async () => (await page.locator('.ant-table-tbody tr.ant-table-row').first().textContent())?.includes(firstByName), 'the table sorted by name');
    await page.getByRole('columnheader', { name: '姓名' }).click();
    await page.getByRole('columnheader', { name: '姓名' }).click();
    // 李娜 and 刘洋 both scored 11.
    await page.locator('tr', { hasText: '李娜' }).getByRole('checkbox').check();
    await page.locator('tr', { hasText: '刘洋' }).getByRole('checkbox').check();
    await page.getByRole('button', { name: '对比所选 2 人' }).click();
    await page.getByRole('img', { name: /^分数与误差区间\./ }).waitFor();
    await page.getByRole('row', { name: /李娜.*刘洋.*0.*无法区分/ }).waitFor();
    await checkScreen(page, 'version-candidates');
    // The same in English.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('row', { name: /李娜.*刘洋.*0.*not distinguishable/ }).waitFor();
    await page.getByText('中文', { exact: true }).click();

    // The candidate report of 李娜: scores, band, percentile, competencies against the cohort, times.
    await page.getByRole('link', { name: '李娜' }).click();
    await page.getByRole('heading', { name: /李娜/, level: 1 }).waitFor();
    await page.getByRole('img', { name: /^考察点:该考生与全体\./ }).waitFor();
    await page.getByRole('img', { name: /^每题用时\./ }).waitFor();
    await page.getByRole('img', { name: /^分数分布\..*该考生的得分 11/ }).waitFor();
    await expect(page.locator('.candidate-report').textContent()).resolves.toMatch(/在 12 人中/);
    await checkScreen(page, 'candidate-report');

    // Download PDF: the API's PDF, named after the candidate, in the app's language.
    const pdfDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 PDF' }).click();
    const pdfFile = await pdfDownload;
    expect(pdfFile.suggestedFilename()).toBe('李娜-report.pdf');
    const reportText = (await pdfText(readFileSync(await pdfFile.path()))).join('\n');
    expect(reportText).toContain('考生测评报告');
    expect(reportText).toMatch(/在 12 人中/);
    // The page and its PDF label the report alike (CANDIDATE_REPORT_LABELS, @assay/contracts); compared without white space, which the PDF's line breaks add.
    const squash = (text: string | null) => (text ?? '').replace(/\s+/g, '');
    const [onPage, inPdf] = [squash(await page.locator('.candidate-report').textContent()), squash(reportText)];
    const labels = CANDIDATE_REPORT_LABELS['zh-CN'];
    for (const label of [labels.report, labels.scores, labels.score, labels.percent, labels.band, labels.percentile, labels.rank, labels.minutes, labels.integrity, labels.sections, labels.section, labels.points, labels.similarity]) {
      expect(onPage).toContain(squash(label));
      expect(inPdf).toContain(squash(label));
    }

    // Printing: no menu, no buttons, the charts drawn at paper width; the PDF is the browser's.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.staff-header').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: '打印' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('img', { name: /^考察点:该考生与全体\./ }).isVisible()).resolves.toBe(true);
    await until(async () => {
      const widths = await page.locator('.results-chart svg').evaluateAll((svgs) => svgs.map((svg) => svg.getBoundingClientRect().width));
      return widths.length > 0 && widths.every((w) => w > 0 && w <= 640);
    }, 'the charts redrawn at paper width');
    await page.screenshot({ path: join(SCREENSHOTS, 'results-candidate-report-print.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    // The export: a CSV of every candidate, downloaded through the staff client.
    await page.getByRole('link', { name: '返回考生列表' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('candidates.csv');
    const csv = readFileSync(await file.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
    expect(csv[0]).toMatch(/^name,email,status,points/);
    expect(csv).toHaveLength(COHORT.length + 1);
    expect(csv[1]).toMatch(/^张伟,/);
    const workbook = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const xlsx = await workbook;
    expect(xlsx.suggestedFilename()).toBe('candidates.xlsx');
    expect(readFileSync(await xlsx.path()).subarray(0, 2).toString()).toBe('PK');
    await page.context().close();
  }, 600_000);

  it('a role without submitted attempts says what to do, and fills in by itself once one is scored', async () => {
    const paper = await openPaper(api, tenant);
    const page = await recruiterPage(true);
    await page.goto(`${base}/staff/results/job-roles/${paper.jobRoleId}`);
    await page.getByText('还没有已交卷的考生').waitFor();
    await page.getByText('邀请考生参加测评').waitFor();
    await checkScreen(page, 'empty');
    // No reload: the page asks again while the report is not computed.
    await submit(api, tenant, paper, { parcel: '先安抚客户,再核实订单。', price: '解释价保规则。', single: 'B' });
    await page.getByRole('img', { name: /^分数分布\./ }).waitFor();
    await page.context().close();
  }, 300_000);

  it('marking: progress, agreement and graders of a double-marked paper; similar answers in the candidate report', async () => {
    const paper = await openPaper(api, tenant);
    const setup = await api.request('PUT', `/api/v1/grading/papers/${paper.paperId}/settings`, {
      token: tenant.accessToken,
      body: { mode: 'double', tolerance: { kind: 'points', value: 2 }, halfPoints: false, selfCheckEvery: 0 },
    });
    expect(setup.status).toBe(200);
    const graders: Grader[] = [await assignedGrader(api, tenant, paper.paperId), await assignedGrader(api, tenant, paper.paperId)];
    const parcel = '先安抚客户情绪,表示理解并道歉;然后核实订单信息,查询物流轨迹;给出补发或退款的方案;最后跟进回访。';
    const x = await submit(api, tenant, paper, { parcel, price: '耐心倾听,解释价保规则,符合条件的退差价。', single: 'B' });
    // y copies x's answer to the parcel question almost word for word.
    const y = await submit(api, tenant, paper, { parcel: parcel.replace('最后', '之后'), price: '价格的事我也没有办法。', single: 'B' });
    const z = await submit(api, tenant, paper, { parcel: '让客户等一等,我去问问快递。', price: '告诉客户价格是公司定的。', single: 'A' });
    const names = new Map<string, 'x' | 'y' | 'z'>();
    for (const [name, attempt] of [['x', x], ['y', y], ['z', z]] as const) names.set((await queued(api, tenant, attempt.attemptId)).code, name);
    const yCode = [...names].find(([, name]) => name === 'y')?.[0];
    // Two graders, always within the tolerance of each other: no third marking.
    const scores = [
      { x: { parcel: [3, 5], price: [2, 3] }, y: { parcel: [3, 4], price: [1, 1] }, z: { parcel: [1, 1], price: [1, 1] } },
      { x: { parcel: [4, 5], price: [2, 3] }, y: { parcel: [3, 5], price: [1, 2] }, z: { parcel: [1, 2], price: [0, 1] } },
    ];
    for (const [i, grader] of graders.entries()) await drain(api, paper, grader, (task, question) => ({ scores: scores[i][names.get(task.code) as 'x'][question] }));
    const roleId = (await call(api, tenant, 'GET', `/papers/${paper.paperId}`)).jobRoleId as string;
    await until(async () => {
      const { report: role } = (await api.request('GET', `/api/v1/analytics/job-roles/${roleId}`, { token: tenant.accessToken })).body ?? {};
      return role?.scores.candidates === 3 && role.grading?.resolved === 6;
    }, 'the role report with every answer marked');

    const page = await recruiterPage();
    await page.goto(`${base}/staff/results/job-roles/${roleId}?tab=grading`);
    await page.getByText('6 份主观题答案中已有 6 份定分。').waitFor();
    await page.getByRole('img', { name: /^阅卷人宽严\./ }).waitFor();
    await expect(page.locator('.ant-descriptions-item', { hasText: '双评份数' }).textContent()).resolves.toContain('6');
    await checkScreen(page, 'role-grading');

    // x's report names the near-identical answer and the other attempt's grader code.
    await page.goto(`${base}/staff/results/job-roles/${roleId}/candidates/${x.attemptId}`);
    await page.getByRole('heading', { name: '答案相似提示' }).waitFor();
    await page.getByRole('row', { name: new RegExp(`客户的包裹丢失了.*${String(yCode)}`) }).waitFor();
    await checkScreen(page, 'candidate-similar');
    await page.context().close();
  }, 600_000);
});
