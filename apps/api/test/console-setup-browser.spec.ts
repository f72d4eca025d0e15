import { readFileSync } from 'node:fs';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { DESKTOP, failedStatus, screenProblems, until } from '@assay/testing';
import { consoleErrorsPerTest, openPage, startBrowserStack, type BrowserStack } from './browser-stack';
import type { TestApi } from './test-api';

/** A bank spreadsheet as HR fills it in: two good rows and, on row 3, an answer that is not among the options. */
const BANK_CSV = [
  'type,stem,option_a,option_b,option_c,answer,reference_answer,competencies,rubric,points,difficulty,tags',
  'single_choice,客户要求退款但已超过退款期限时你首先应该?,直接拒绝,说明政策并提供替代方案,转给主管,B,,服务意识,,2,2,售后',
  'single_choice,这一行的答案不在选项里,甲,乙,,E,,,,2,2,',
  'short_answer,简述处理差评的三个步骤。,,,,,1. 致歉 2. 核实 3. 补偿,服务意识,步骤完整:3;表达清晰:2,5,3,售后',
].join('\n');

/**
 * The console's set-up screens (apps/web/src/staff/console) in Debian's Chromium against the real
 * API serving the built app, PostgreSQL and Redis: a company signs up, sets up its catalog, staff
 * and an API key, writes questions of every kind through the forms, imports a spreadsheet with a
 * bad row, and searches the bank. What the screens did is checked through the API. Every main
 * screen is checked with axe-core and photographed at 375 px and 1280 px (tmp/screenshots); any
 * console error fails the test.
 */
describe('console set-up screens in a real browser', () => {
  let stack: BrowserStack;
  let api: TestApi;
  let base: string;
  let browser: Browser;
  const consoleErrors = consoleErrorsPerTest();
  /** Refusals the test provokes on purpose (the browser logs each as a console error): checked one by one. */
  const refusals: string[] = [];

  beforeAll(async () => {
    stack = await startBrowserStack({}, { worker: false });
    ({ api, base, browser } = stack);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
  });

  const refused = (message: ConsoleMessage) => {
    const status = failedStatus(message);
    const refusal = status !== undefined && status >= 400 && status < 500;
    if (refusal) refusals.push(`${new URL(message.location().url).pathname} ${status}`);
    return refusal;
  };

  /** No serious or critical axe-core violation, and a screenshot at desktop and phone width (then back to desktop). */
  const checkScreen = async (page: Page, name: string) => expect(await screenProblems(page, name, { prefix: 'console', restore: DESKTOP })).toEqual([]);

  /** Picks an option of the antd select labelled `label` (typing `search` first: the pickers search the catalog) and waits until it is chosen. */
  async function choose(page: Page, label: string, option: string, search?: string): Promise<void> {
    const select = page.getByLabel(label, { exact: true });
    await select.click();
    if (search) {
      await select.fill(search);
      // Click only once the catalog's answer to the search is listed, so the list is not replaced under the click.
      await page.waitForFunction((text) => {
        const options = Array.from(document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option'));
        return options.length > 0 && options.every((o) => o.textContent?.includes(text));
      }, search);
    }
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
    await page.locator('.ant-select', { has: select, hasText: option }).waitFor();
    await page.keyboard.press('Escape');
    // Closed, its closing animation over (a list still on screen would be checked by axe).
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.ant-select-dropdown')).every((list) => list.classList.contains('ant-select-dropdown-hidden')));
  }

  /** Confirms the open confirmation popover with its button. */
  const confirm = (page: Page, button: string) => page.locator('.ant-popconfirm:visible').getByRole('button', { name: button }).click();

  const rowOf = (page: Page, text: string) => page.locator('.ant-table-row', { hasText: text });

  /** Waits until the table lists exactly these rows (each holding its text), in this order. */
  async function tableShows(page: Page, texts: string[]): Promise<void> {
    await page.waitForFunction((expected) => {
      const rows = Array.from(document.querySelectorAll('.ant-table-tbody .ant-table-row'));
      return rows.length === expected.length && expected.every((text, i) => rows[i].textContent?.includes(text));
    }, texts);
  }

  it('signs a company up, sets up roles, staff, an API key and the bank through the forms, imports a spreadsheet and searches', async () => {
    const taken = await api.signup();
    const page = await openPage(browser, consoleErrors, { acceptDownloads: true, expected: refused });
    const context = page.context();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });

    // Sign up from the login page's link; a taken slug is refused next to its field.
    await page.goto(`${base}/staff/login`);
    await page.getByRole('link', { name: '注册公司' }).click();
    await page.getByRole('heading', { name: '注册公司' }).waitFor();
    const email = `hr-${taken.slug}@xinghe.example.com`;
    await page.getByLabel('公司名称').fill('星河电商(浏览器)');
    await page.getByLabel('公司标识').fill(taken.slug);
    await page.getByLabel('您的姓名').fill('王敏');
    await page.getByLabel('邮箱').fill(email);
    // A guessable password is refused before it is sent, with the meter saying why.
    await page.getByLabel('密码', { exact: true }).fill('password123');
    await page.getByText('密码太容易被猜到,请换一个更长、更不相关的密码').waitFor();
    await page.getByText(/密码强度: (很弱|弱)/).waitFor();
    await checkScreen(page, 'signup');
    await page.getByLabel('密码', { exact: true }).fill('a long passphrase');
    await page.getByText(/密码强度: (一般|强|很强)/).waitFor();
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.locator('.ant-form-item', { has: page.getByLabel('公司标识') }).locator('.ant-form-item-explain-error', { hasText: 'already taken' }).waitFor();
    await page.getByRole('alert').filter({ hasText: '这个公司标识已被使用,请换一个。' }).waitFor();
    const slug = `x${taken.slug}`;
    await page.getByLabel('公司标识').fill(slug);
    await page.getByRole('button', { name: '注册并登录' }).click();

    // Signed in: the menu holds an admin's areas; the bank is one of them.
    await page.getByRole('menuitem', { name: '题库' }).click();
    await page.getByRole('heading', { name: '题库' }).waitFor();
    const login = await api.request('POST', '/api/v1/auth/login', { body: { email, password: 'a long passphrase' } });
    expect(login.status).toBe(200);
    const token: string = login.body.accessToken;
    const get = async (url: string) => (await api.request('GET', `/api/v1${url}`, { token })).body;
    expect((await get('/auth/me')).tenant).toMatchObject({ slug, name: '星河电商(浏览器)' });

    // Job roles and competencies.
    await page.getByRole('menuitem', { name: '岗位与考察点' }).click();
    await page.getByRole('button', { name: '新建岗位' }).click();
    await page.getByRole('dialog').getByLabel('名称').fill('电商客服专员');
    await page.getByRole('dialog').getByLabel('说明').fill('售前售后在线客服');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await rowOf(page, '电商客服专员').waitFor();
    await page.getByRole('button', { name: '编辑: 电商客服专员' }).click();
    await page.getByRole('dialog').getByLabel('说明').fill('售前售后在线客服(含直播间)');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await rowOf(page, '含直播间').waitFor();
    await page.getByRole('tab', { name: '考察点' }).click();
    for (const name of ['沟通能力', '应变能力']) {
      await page.getByRole('button', { name: '新建考察点' }).click();
      await page.getByRole('dialog').getByLabel('名称').fill(name);
      await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
      await rowOf(page, name).waitFor();
    }
    // A second competency of the same name is refused with what to do.
    await page.getByRole('button', { name: '新建考察点' }).click();
    await page.getByRole('dialog').getByLabel('名称').fill('沟通能力');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByRole('dialog').getByText('已有同名考察点').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await checkScreen(page, 'competencies');
    const roles = await get('/job-roles');
    expect(roles.items.map((r: { name: string; description: string }) => [r.name, r.description])).toEqual([['电商客服专员', '售前售后在线客服(含直播间)']]);
    const competencies = await get('/competencies');
    expect(competencies.items.map((c: { name: string }) => c.name).sort()).toEqual(['应变能力', '沟通能力'].sort());

    // Staff: added with a temporary password shown once, found by search, then disabled (confirmed).
    await page.getByRole('menuitem', { name: '系统管理' }).click();
    await page.getByRole('button', { name: '添加员工' }).click();
    const addDialog = page.getByRole('dialog');
    await addDialog.getByLabel('姓名').fill('李招聘');
    await addDialog.getByLabel('邮箱').fill('li.zhaopin@xinghe.example.com');
    await addDialog.getByLabel('招聘专员').check();
    await addDialog.getByRole('button', { name: '添加员工' }).click();
    const temporaryPassword = (await addDialog.getByTestId('temporary-password').textContent())?.trim() ?? '';
    await addDialog.getByText('临时密码只显示这一次').waitFor();
    await addDialog.getByRole('button', { name: '我已复制,关闭' }).click();
    const staffLogin = await api.request('POST', '/api/v1/auth/login', { body: { email: 'li.zhaopin@xinghe.example.com', password: temporaryPassword } });
    expect(staffLogin.status).toBe(200);
    const roleCheck = await api.request('GET', '/api/v1/auth/me', { token: staffLogin.body.accessToken });
    expect(roleCheck.body.roles.sort()).toEqual(['grader', 'recruiter']);
    await page.getByLabel('搜索姓名或邮箱', { exact: true }).fill('li.zhao');
    await page.getByLabel('搜索姓名或邮箱', { exact: true }).press('Enter');
    await tableShows(page, ['李招聘']);
    await checkScreen(page, 'staff');
    await page.getByRole('button', { name: '修改角色: 李招聘' }).click();
    // A click while the dialog still opens can be lost (seen once on a busy machine): click again until it took.
    const graderRole = page.getByRole('dialog').getByLabel('阅卷人');
    await until(async () => {
      await graderRole.setChecked(false).catch(() => undefined);
      return !(await graderRole.isChecked());
    }, 'the grader role unticked');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect((await get('/users?q=li.zhao')).items[0].roles).toEqual(['recruiter']);
    await page.getByRole('button', { name: '停用: 李招聘' }).click();
    await confirm(page, '停用');
    await rowOf(page, '李招聘').getByText('已停用').waitFor();
    const staffList = await get('/users?q=li.zhao');
    expect(staffList.items[0]).toMatchObject({ name: '李招聘', status: 'disabled' });

    // An API key: shown once with a copy button, works, then revoked (confirmed) and refused.
    await page.getByRole('tab', { name: 'API 密钥' }).click();
    await page.getByRole('button', { name: '创建密钥' }).click();
    const keyDialog = page.getByRole('dialog');
    await keyDialog.getByLabel('名称').fill('ATS 同步');
    await keyDialog.getByRole('button', { name: '创建密钥' }).click();
    const key = (await keyDialog.getByTestId('api-key').textContent())?.trim() ?? '';
    expect(key).toMatch(/^ak_/);
    await checkScreen(page, 'api-key-created');
    await keyDialog.getByRole('button', { name: '复制', exact: true }).click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(key);
    await keyDialog.getByRole('button', { name: '我已复制,关闭' }).click();
    await rowOf(page, 'ATS 同步').waitFor();
    // Searched on the server (GET /api-keys?q=): a name that is not there empties the list, the key's name finds it.
    const keySearch = page.getByLabel('搜索名称或前缀', { exact: true });
    for (const [q, rows] of [['报表', []], ['ats', ['ATS 同步']]] as const) {
      const searched = page.waitForResponse((response) => response.url().includes('/api/v1/api-keys?') && new URL(response.url()).searchParams.get('q') === q);
      await keySearch.fill(q);
      await keySearch.press('Enter');
      await searched;
      await tableShows(page, [...rows]);
    }
    expect((await api.request('GET', '/api/v1/questions', { token: key })).status).toBe(200);
    await page.getByRole('button', { name: '吊销: ATS 同步' }).click();
    await confirm(page, '吊销');
    await rowOf(page, 'ATS 同步').getByText('已吊销').waitFor();
    expect((await api.request('GET', '/api/v1/questions', { token: key })).status).toBe(401);

    // Company settings.
    await page.getByRole('tab', { name: '公司设置' }).click();
    await page.getByLabel('公司名称').fill('星河电商');
    await page.getByRole('radiogroup', { name: '默认语言' }).getByRole('radio', { name: 'English' }).check();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存').waitFor();
    expect(await get('/tenant')).toMatchObject({ name: '星河电商', locale: 'en', slug });

    // Questions of every type through their own forms.
    await page.getByRole('menuitem', { name: '题库' }).click();
    const newQuestion = async (type: string, stem: string) => {
      await page.getByRole('button', { name: '新建题目' }).click();
      await page.getByRole('heading', { name: '新建题目' }).waitFor();
      if (type !== '单选题') await choose(page, '题型', type);
      await page.getByLabel('题干', { exact: true }).fill(stem);
    };
    const save = async (stem: string) => {
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText(`已保存:${stem}`).waitFor();
    };

    await newQuestion('单选题', '处理投诉时最能体现专业性的是?');
    for (const [index, text] of ['立即打断客户', '倾听并共情', '推给同事'].entries()) await page.getByLabel(`选项 ${String.fromCharCode(65 + index)}`, { exact: true }).fill(text);
    await page.getByRole('button', { name: '删除选项 D' }).click();
    await page.getByLabel('B', { exact: true }).check();
    await page.getByLabel('解析').fill('先倾听再处理');
    await page.getByLabel('标签').fill('售后、投诉');
    await choose(page, '考察点', '沟通能力', '沟通');
    await choose(page, '适用岗位', '电商客服专员', '客服');
    await save('处理投诉时最能体现专业性的是?');

    await newQuestion('多选题', '以下哪些是安抚客户的做法?');
    for (const [index, text] of ['复述客户诉求', '争辩责任', '表达歉意', '挂断电话'].entries()) await page.getByLabel(`选项 ${String.fromCharCode(65 + index)}`, { exact: true }).fill(text);
    await page.getByLabel('A', { exact: true }).check();
    await page.getByLabel('C', { exact: true }).check();
    await save('以下哪些是安抚客户的做法?');

    await newQuestion('判断题', '客户投诉时应先核实订单再回应情绪。');
    await page.getByLabel('错误', { exact: true }).check();
    await save('客户投诉时应先核实订单再回应情绪。');

    await newQuestion('填空题', '首次响应不超过 ___ 秒,满意度目标 ___ 。');
    await page.getByLabel('第 1 空', { exact: true }).fill('30 / 三十');
    // The stem marks two blanks and there are answers for one: the form says so until they agree.
    await page.getByText('题干中标出了 2 个空(___),这里有 1 个空的答案').waitFor();
    await page.getByRole('button', { name: '添加一空' }).click();
    await page.getByLabel('第 2 空', { exact: true }).fill('95%');
    await page.getByText('题干中标出了 2 个空').waitFor({ state: 'detached' });
    await page.getByLabel('分值', { exact: true }).fill('4');
    await save('首次响应不超过 ___ 秒,满意度目标 ___ 。');

    await newQuestion('论述/开放题', '客户在购买后第5天投诉商品质量问题,你如何处理?');
    await choose(page, '开放题类别', '情景');
    await page.getByLabel('参考答案').fill('1. 安抚情绪 2. 核实问题 3. 给出退换方案');
    await page.getByLabel('评分项 1', { exact: true }).fill('情绪安抚');
    await page.getByLabel('评分项 1 分值').fill('4');
    await page.getByLabel('评分项 1 给分说明').fill('先共情');
    await page.getByRole('button', { name: '添加评分项' }).click();
    await page.getByLabel('评分项 2', { exact: true }).fill('方案可行');
    await page.getByLabel('评分项 2 分值').fill('6');
    await page.getByLabel('分值', { exact: true }).fill('8');
    await choose(page, '考察点', '应变能力', '应变');
    // The API refuses a rubric that does not add up to the points, next to the rubric; the form offers the fix.
    await page.getByRole('button', { name: '保存' }).click();
    await page.locator('.console-fieldset', { hasText: '评分标准' }).locator('.ant-form-item-explain-error').first().waitFor();
    await page.getByRole('alert').filter({ hasText: '题目内容有误' }).waitFor();
    await checkScreen(page, 'question-form');
    await page.getByRole('button', { name: '把题目分值设为合计' }).click();
    await save('客户在购买后第5天投诉商品质量问题,你如何处理?');

    const bank = await get('/questions?pageSize=50');
    const byStem = new Map<string, Record<string, unknown>>(bank.items.map((q: { stem: string }) => [q.stem, q]));
    expect(byStem.get('处理投诉时最能体现专业性的是?')).toMatchObject({
      type: 'single_choice',
      options: [
        { key: 'A', text: '立即打断客户' },
        { key: 'B', text: '倾听并共情' },
        { key: 'C', text: '推给同事' },
      ],
      answerKey: 'B',
      explanation: '先倾听再处理',
      tags: ['售后', '投诉'],
      competencies: [{ name: '沟通能力' }],
      jobRoles: [{ name: '电商客服专员' }],
    });
    expect(byStem.get('以下哪些是安抚客户的做法?')).toMatchObject({ type: 'multiple_choice', answerKey: ['A', 'C'] });
    expect(byStem.get('客户投诉时应先核实订单再回应情绪。')).toMatchObject({ type: 'true_false', answerKey: false });
    expect(byStem.get('首次响应不超过 ___ 秒,满意度目标 ___ 。')).toMatchObject({ type: 'fill_blank', answerKey: [['30', '三十'], ['95%']], points: 4 });
    expect(byStem.get('客户在购买后第5天投诉商品质量问题,你如何处理?')).toMatchObject({
      type: 'essay',
      kind: 'scenario',
      referenceAnswer: '1. 安抚情绪 2. 核实问题 3. 给出退换方案',
      rubric: [
        { criterion: '情绪安抚', points: 4, descriptor: '先共情' },
        { criterion: '方案可行', points: 6 },
      ],
      points: 10,
      competencies: [{ name: '应变能力' }],
    });

    // Editing keeps the question and changes what was edited.
    await rowOf(page, '以下哪些是安抚客户的做法?').getByRole('button', { name: /^编辑/ }).click();
    await page.getByLabel('B', { exact: true }).check();
    await save('以下哪些是安抚客户的做法?');
    expect((await get(`/questions/${(byStem.get('以下哪些是安抚客户的做法?') as { id: string }).id}`)).answerKey).toEqual(['A', 'B', 'C']);

    // A spreadsheet with a bad row: the good rows are imported, row 3's problem is shown on row 3.
    await page.getByRole('button', { name: '从表格导入' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: '题库.csv', mimeType: 'text/csv', buffer: Buffer.from(BANK_CSV) });
    await page.getByText('已导入 2 题,跳过 0 行,1 行有问题未导入。').waitFor();
    const badRow = rowOf(page, '答案');
    await expect(badRow.locator('td').first().textContent()).resolves.toBe('3');
    await checkScreen(page, 'import');
    expect((await get('/questions?q=这一行的答案')).total).toBe(0);
    expect((await get('/questions?type=short_answer')).items[0]).toMatchObject({ stem: '简述处理差评的三个步骤。', rubric: [{ criterion: '步骤完整', points: 3 }, { criterion: '表达清晰', points: 2 }] });

    // Search, filter, export, delete (confirmed).
    await page.getByRole('link', { name: '返回题库' }).click();
    await page.getByLabel('搜索题干', { exact: true }).fill('退款');
    await page.getByLabel('搜索题干', { exact: true }).press('Enter');
    await tableShows(page, ['客户要求退款但已超过退款期限']);
    await page.getByLabel('搜索题干', { exact: true }).fill('');
    await page.getByLabel('搜索题干', { exact: true }).press('Enter');
    await choose(page, '题型', '判断题');
    await tableShows(page, ['客户投诉时应先核实订单再回应情绪。']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    const exported = readFileSync(await download.path(), 'utf8');
    expect(exported).toContain('客户投诉时应先核实订单再回应情绪。');
    expect(exported).not.toContain('处理投诉时最能体现专业性的是?');
    await checkScreen(page, 'bank');
    await page.getByRole('button', { name: /^删除/ }).click();
    await confirm(page, '删除');
    await page.getByText('没有符合条件的题目').waitFor();
    expect((await get('/questions')).total).toBe(6);

    // A competency in use cannot be deleted: the refusal says what to do instead.
    await page.getByRole('menuitem', { name: '岗位与考察点' }).click();
    await page.getByRole('tab', { name: '考察点' }).click();
    await page.getByRole('button', { name: '删除: 沟通能力' }).click();
    await confirm(page, '删除');
    await page.getByRole('alert').filter({ hasText: '该考察点仍被题目使用,不能删除:请先从这些题目中移除它。' }).waitFor();
    expect((await get('/competencies?q=沟通')).total).toBe(1);
    await page.getByRole('menuitem', { name: '题库' }).click();
    await choose(page, '题型', '判断题');

    // The same screens in English.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Question bank' }).waitFor();
    await page.getByText('No question matches').waitFor();
    await checkScreen(page, 'bank-en');
    await context.close();
    // The only refused calls are the ones provoked above.
    expect(refusals).toEqual(['/api/v1/auth/signup 400', '/api/v1/competencies 409', '/api/v1/questions 400', expect.stringMatching(/^\/api\/v1\/competencies\/[0-9a-f-]{36} 409$/)]);
  }, 600_000);
});
