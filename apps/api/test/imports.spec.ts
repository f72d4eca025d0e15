import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { questionBankColumns } from '@assay/paper-import';
import { docx, multipart, pdf, type Part } from '@assay/testing';
import { TestApi, type SignedUpTenant } from './test-api';

/** /work/main/apps/api/test -> /work/shared/samples/papers */
const SAMPLES = path.resolve(__dirname, '../../../../shared/samples/papers');
/** The reader's corpus: each document as .docx (automatic numbering, tables), .doc and .pdf. */
const CORPUS = path.resolve(__dirname, '../../../libs/paper-import/corpus');
const HEADER = questionBankColumns.map((c) => c.key);

/** What the reader finds in each shared sample (see libs/paper-import golden tests). */
const SAMPLE_PAPERS = [
  { file: 'cs-manager-interview-2026.txt', sections: 5, questions: 24, warnings: 17, truncatedAt: 122, missingAnswers: 7 },
  { file: 'ecommerce-cs-question-bank.txt', sections: 2, questions: 5, warnings: 7, truncatedAt: 117, missingAnswers: 0 },
  { file: 'online-cs-interview-2026.txt', sections: 5, questions: 14, warnings: 12, truncatedAt: 138, missingAnswers: 0 },
];

const DOCX_PAPER = [
  '2026年在线客服专员笔试',
  '考试时间:30分钟  总分:12分',
  '一、单选题(共1题,每题2分)',
  '1.客户因物流延迟投诉时,最有效的回应是?()',
  'A.反问是否催过快递',
  'B.提供物流追踪并安抚情绪',
  '参考答案:B',
  '二、情景题(共1题,每题10分)',
  '题目1:客户收到破损商品并情绪激动,你如何处理?',
  '(考察点:情绪管理、问题解决)',
  '参考答案:先致歉安抚,再核实并给出补发或退款方案。',
];

async function sheetRows(buffer: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const rows: string[][] = [];
  workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

describe('imports: paper documents and question-bank spreadsheets', () => {
  let api: TestApi;
  let a: SignedUpTenant;
  let b: SignedUpTenant;
  let roleA: string;

  const post = (tenant: SignedUpTenant, url: string, parts: Part[]) => api.request('POST', url, { token: tenant.accessToken, ...multipart(parts) });
  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
  const sample = (file: string) => readFileSync(path.join(SAMPLES, file));
  const questionCount = (paper: { sections: { questions: unknown[] }[] }) => paper.sections.reduce((n, s) => n + s.questions.length, 0);

  /** Spreadsheets are binary: the reply's bytes as they are. */
  const download = (tenant: SignedUpTenant, url: string) => api.request('GET', url, { token: tenant.accessToken, raw: true });

  beforeAll(async () => {
    api = await TestApi.start();
    [a, b] = await Promise.all([api.signup(), api.signup()]);
    roleA = (await api.request('POST', '/api/v1/job-roles', { token: a.accessToken, body: { name: '电商客服经理' } })).body.id;
  });
  afterAll(async () => {
    await api.close();
  });

  describe('paper preview', () => {
    it.each(SAMPLE_PAPERS)('reads $file the same as a file and as pasted text, with warnings on lines', async (expected) => {
      const asFile = await post(a, '/api/v1/imports/paper/preview', [{ name: 'file', filename: expected.file, content: sample(expected.file), contentType: 'text/plain' }]);
      expect(asFile.status).toBe(200);
      expect(asFile.body.sections).toHaveLength(expected.sections);
      expect(questionCount(asFile.body)).toBe(expected.questions);
      expect(asFile.body.warnings).toHaveLength(expected.warnings);
      for (const warning of asFile.body.warnings) {
        expect(Number.isInteger(warning.line) && warning.line >= 1).toBe(true);
        expect(warning.code).toEqual(expect.any(String));
        expect(warning.message).toEqual(expect.any(String));
      }
      expect(asFile.body.warnings).toContainEqual(expect.objectContaining({ code: 'truncated', line: expected.truncatedAt }));
      expect(asFile.body.warnings.filter((w: { code: string }) => w.code === 'missing_answer')).toHaveLength(expected.missingAnswers);

      const asText = await api.request('POST', '/api/v1/imports/paper/preview', { token: a.accessToken, body: { text: sample(expected.file).toString('utf8') } });
      expect(asText.status).toBe(200);
      expect(asText.body).toEqual(asFile.body);
    });

    it('accepts pasted text as a form field too, and saves nothing', async () => {
      const before = (await api.request('GET', '/api/v1/questions', { token: b.accessToken })).body.total;
      const preview = await post(b, '/api/v1/imports/paper/preview', [{ name: 'text', value: DOCX_PAPER.join('\n') }]);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({ title: '2026年在线客服专员笔试', durationMinutes: 30, totalPoints: 12 });
      expect((await api.request('GET', '/api/v1/questions', { token: b.accessToken })).body.total).toBe(before);
    });

    it('reads a .docx', async () => {
      const preview = await post(a, '/api/v1/imports/paper/preview', [{ name: 'file', filename: '在线客服笔试.docx', content: await docx(DOCX_PAPER) }]);
      expect(preview.status).toBe(200);
      expect(preview.body.title).toBe('2026年在线客服专员笔试');
      expect(preview.body.sections.map((s: { type: string }) => s.type)).toEqual(['single_choice', 'essay']);
      // Lines are Word paragraphs, as in the text file.
      expect(preview.body.sections[0].questions[0]).toMatchObject({ answerKey: 'B', points: 2, line: 4 });
      expect(preview.body.sections[1].questions[0]).toMatchObject({ kind: 'scenario', competencies: ['情绪管理', '问题解决'], line: 9 });
      const asText = await post(a, '/api/v1/imports/paper/preview', [{ name: 'file', filename: '在线客服笔试.txt', content: DOCX_PAPER.join('\n') }]);
      expect(preview.body).toEqual(asText.body);
    });

    it('reads a legacy .doc and a text-based PDF into the same paper as the Word document', async () => {
      const read = (ext: string) =>
        post(a, '/api/v1/imports/paper/preview', [{ name: 'file', filename: `仓库测试${ext}`, content: readFileSync(path.join(CORPUS, `word-warehouse-outline${ext}`)) }]);
      const [word, doc, pdfFile] = await Promise.all(['.docx', '.doc', '.pdf'].map(read));
      expect([word.status, doc.status, pdfFile.status]).toEqual([200, 200, 200]);
      const content = (body: { title: string; sections: { questions: { line: number }[] }[] }) => ({
        title: body.title,
        sections: body.sections.map((s) => ({ ...s, questions: s.questions.map((q) => ({ ...q, line: 0 })) })),
      });
      expect(content(word.body)).toMatchObject({ title: '仓库管理员上岗测试', sections: [{ type: 'single_choice' }, { type: 'multiple_choice' }, { type: 'true_false' }] });
      expect(word.body.sections[1].questions[0]).toMatchObject({ answerKey: ['A', 'C', 'D'], options: [{ key: 'A' }, { key: 'B' }, { key: 'C' }, { key: 'D' }] });
      expect(content(doc.body)).toEqual(content(word.body));
      expect(content(pdfFile.body)).toEqual(content(word.body));
      // The source shown with the warnings is the text read from the PDF, its printed lines.
      expect(pdfFile.body.source.split('\n')).toContain('1.√  2.×  3.√');
    });

    it('refuses a scanned PDF with a 400 saying, in Chinese and English, what to do instead', async () => {
      const response = await post(a, '/api/v1/imports/paper/preview', [{ name: 'file', filename: '扫描件.pdf', content: pdf({ image: true }), contentType: 'application/pdf' }]);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'import.scanned_pdf', errors: [{ field: 'file' }] });
      expect(response.body.detail).toContain('没有可读取的文字层');
      expect(response.body.detail).toContain('paste the text');
    });

    it.each([
      ['an unsupported file type', [{ name: 'file', filename: 'paper.rtf', content: '{\\rtf1}' }], 'import.unsupported_file', ['file']],
      ['a damaged PDF', [{ name: 'file', filename: 'paper.pdf', content: '%PDF-1.7' }], 'import.unreadable_file', ['file']],
      ['a damaged .doc', [{ name: 'file', filename: 'paper.doc', content: 'not a Word file' }], 'import.unreadable_file', ['file']],
      ['a password-protected PDF', [{ name: 'file', filename: 'paper.pdf', content: pdf({ lines: ['x'], encrypted: true }) }], 'import.encrypted_file', ['file']],
      ['a .docx that is not a Word document', [{ name: 'file', filename: 'paper.docx', content: 'not a zip' }], 'import.unreadable_file', ['file']],
      ['an empty file', [{ name: 'file', filename: 'paper.txt', content: '' }], 'import.empty', ['file']],
      ['blank text', [{ name: 'text', value: '  \n ' }], 'import.empty', ['text']],
      ['neither file nor text', [{ name: 'other', value: 'x' }], 'request.validation_failed', ['other']],
      ['nothing at all', [], 'import.missing_input', ['file', 'text']],
      ['both a file and text', [{ name: 'text', value: '1.题目' }, { name: 'file', filename: 'p.txt', content: '1.题目' }], 'import.file_or_text', ['text']],
    ] as [string, Part[], string, string[]][])('refuses %s with a 400 naming the field', async (_name, parts, code, fields) => {
      const response = await post(a, '/api/v1/imports/paper/preview', parts);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe(code);
      expect(fieldsOf(response.body)).toEqual(fields);
    });

    it('refuses empty or missing JSON text with a 400 naming text', async () => {
      const empty = await api.request('POST', '/api/v1/imports/paper/preview', { token: a.accessToken, body: { text: '' } });
      expect(empty.status).toBe(400);
      expect(fieldsOf(empty.body)).toEqual(['text']);
      const wrongType = await api.request('POST', '/api/v1/imports/paper/preview', { token: a.accessToken, body: { text: 42 } });
      expect(wrongType.status).toBe(400);
      expect(fieldsOf(wrongType.body)).toContain('text');
    });

    it('refuses a file over 20 MiB with 413', async () => {
      const big = Buffer.alloc(20 * 1024 * 1024 + 10, 0x41);
      const response = await post(a, '/api/v1/imports/paper/preview', [{ name: 'file', filename: 'big.txt', content: big }]);
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ code: 'upload.file_too_large', errors: [{ field: 'file' }] });
    });
  });

  describe('paper import', () => {
    it.each(SAMPLE_PAPERS)('imports $file as a draft whose questions are in the bank', async (expected) => {
      const response = await post(a, '/api/v1/imports/paper', [
        { name: 'jobRoleId', value: roleA },
        { name: 'file', filename: expected.file, content: sample(expected.file) },
      ]);
      expect(response.status).toBe(201);
      const { paper, warnings } = response.body;
      expect(warnings).toHaveLength(expected.warnings);
      expect(warnings).toContainEqual(expect.objectContaining({ code: 'truncated', line: expected.truncatedAt }));
      // A draft: never published by an import.
      expect(paper).toMatchObject({ jobRoleId: roleA, latestVersion: null, unpublishedChanges: true });
      expect(paper.sections).toHaveLength(expected.sections);
      const questionIds: string[] = paper.sections.flatMap((s: { questionIds: string[] }) => s.questionIds);
      expect(questionIds).toHaveLength(expected.questions);

      expect((await api.request('GET', `/api/v1/papers/${paper.id}`, { token: a.accessToken })).body).toMatchObject({ id: paper.id, latestVersion: null });
      for (const id of questionIds) {
        expect((await api.request('GET', `/api/v1/questions/${id}`, { token: a.accessToken })).status).toBe(200);
      }
      // Questions without an answer key were imported; the paper's validation reports them.
      const validation = await api.request('GET', `/api/v1/papers/${paper.id}/validation`, { token: a.accessToken });
      expect(validation.body.errors.filter((e: { code: string }) => e.code === 'ANSWER_KEY_REQUIRED')).toHaveLength(expected.missingAnswers);
    });

    it('exports a paper as a Word document that imports back to the same paper', async () => {
      const created = await api.request('POST', '/api/v1/imports/paper', { token: a.accessToken, body: { text: DOCX_PAPER.join('\n'), jobRoleId: roleA } });
      const word = await download(a, `/api/v1/imports/paper/${created.body.paper.id}/docx`);
      expect(word.status).toBe(200);
      expect(word.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const exported = await api.request('GET', `/api/v1/papers/${created.body.paper.id}/export`, { token: a.accessToken });
      const back = await post(a, '/api/v1/imports/paper/preview', [{ name: 'file', filename: 'paper.docx', content: word.body }]);
      const content = (paper: { sections: { questions: object[] }[] }) => paper.sections.map((s) => s.questions.map((q) => ({ ...q, line: 0 })));
      expect(back.body).toMatchObject({ title: exported.body.title, durationMinutes: exported.body.durationMinutes, warnings: [] });
      expect(content(back.body)).toEqual(content(exported.body));
      expect((await download(b, `/api/v1/imports/paper/${created.body.paper.id}/docx`)).status).toBe(404);
    });

    it('imports pasted JSON text and a .docx; without a role the draft goes to the placeholder role', async () => {
      const fromText = await api.request('POST', '/api/v1/imports/paper', { token: a.accessToken, body: { text: DOCX_PAPER.join('\n'), jobRoleId: roleA } });
      expect(fromText.status).toBe(201);
      expect(fromText.body.paper).toMatchObject({ title: '2026年在线客服专员笔试', durationMinutes: 30, jobRoleId: roleA, latestVersion: null });
      expect(fromText.body.warnings).toEqual([]);

      const fromDocx = await post(a, '/api/v1/imports/paper', [{ name: 'file', filename: '笔试.docx', content: await docx(DOCX_PAPER.slice(1)) }]);
      expect(fromDocx.status).toBe(201);
      // No title in the document: the file name stands in, and the warning says so.
      expect(fromDocx.body.paper.title).toBe('笔试');
      expect(fromDocx.body.warnings).toContainEqual(expect.objectContaining({ code: 'missing_title' }));
      const role = await api.request('GET', `/api/v1/job-roles/${fromDocx.body.paper.jobRoleId}`, { token: a.accessToken });
      expect(role.body.name).toBe('待分配岗位');

      const again = await api.request('POST', '/api/v1/imports/paper', { token: a.accessToken, body: { text: DOCX_PAPER.join('\n') } });
      expect(again.body.paper.jobRoleId).toBe(fromDocx.body.paper.jobRoleId);
    });

    it("refuses another tenant's role, a bad role id and a document without questions", async () => {
      const foreignRole = await api.request('POST', '/api/v1/imports/paper', { token: b.accessToken, body: { text: DOCX_PAPER.join('\n'), jobRoleId: roleA } });
      expect(foreignRole.status).toBe(400);
      expect(foreignRole.body.code).toBe('paper.invalid');
      expect(fieldsOf(foreignRole.body)).toEqual(['jobRoleId']);
      const badId = await post(a, '/api/v1/imports/paper', [{ name: 'jobRoleId', value: 'nope' }, { name: 'text', value: DOCX_PAPER.join('\n') }]);
      expect(badId.status).toBe(400);
      expect(fieldsOf(badId.body)).toEqual(['jobRoleId']);
      const noQuestions = await api.request('POST', '/api/v1/imports/paper', { token: a.accessToken, body: { text: '公司简介\n我们是一家电商公司。' } });
      expect(noQuestions.status).toBe(400);
      expect(noQuestions.body).toMatchObject({ code: 'import.no_questions', errors: [{ field: 'text' }] });
    });

    it('keeps the reader warnings with the paper: GET /papers/:id shows them, after edits and publishing too', async () => {
      const expected = SAMPLE_PAPERS[0];
      const imported = await post(a, '/api/v1/imports/paper', [
        { name: 'jobRoleId', value: roleA },
        { name: 'file', filename: expected.file, content: sample(expected.file) },
      ]);
      expect(imported.status).toBe(201);
      const { paper, warnings } = imported.body;
      expect(paper.importWarnings).toEqual(warnings);
      const read = await api.request('GET', `/api/v1/papers/${paper.id}`, { token: a.accessToken });
      expect(read.body.importWarnings).toHaveLength(expected.warnings);
      expect(read.body.importWarnings).toEqual(warnings);
      expect(read.body.importWarnings).toContainEqual({ line: expected.truncatedAt, code: 'truncated', message: expect.any(String) });
      // Lists stay light: the warnings come with the paper itself only.
      const listed = await api.request('GET', `/api/v1/papers?q=${encodeURIComponent(paper.title)}`, { token: a.accessToken });
      expect(listed.body.items.find((p: { id: string }) => p.id === paper.id)).not.toHaveProperty('importWarnings');

      // Without its title line and the essay: publishable as it is, with a missing_title warning.
      const small = await api.request('POST', '/api/v1/imports/paper', { token: a.accessToken, body: { text: DOCX_PAPER.slice(1, 7).join('\n'), jobRoleId: roleA } });
      const draft = small.body.paper;
      expect(draft.importWarnings).toContainEqual(expect.objectContaining({ code: 'missing_title' }));
      expect((await api.request('PATCH', `/api/v1/papers/${draft.id}`, { token: a.accessToken, body: { title: '改过的标题' } })).status).toBe(200);
      expect((await api.request('POST', `/api/v1/papers/${draft.id}/publish`, { token: a.accessToken })).status).toBe(201);
      const published = await api.request('GET', `/api/v1/papers/${draft.id}`, { token: a.accessToken });
      expect(published.body).toMatchObject({ latestVersion: 1, importWarnings: small.body.warnings });
      // Papers not made by a document import have none.
      const created = await api.request('POST', '/api/v1/papers', { token: a.accessToken, body: { jobRoleId: roleA, title: '手工试卷', durationMinutes: 30, sections: [] } });
      expect(created.body.importWarnings).toEqual([]);
      expect((await api.request('POST', `/api/v1/papers/${draft.id}/clone`, { token: a.accessToken, body: {} })).body.importWarnings).toEqual([]);
    });

    it("hides a tenant's imported paper and its questions from other tenants (404)", async () => {
      const imported = await api.request('POST', '/api/v1/imports/paper', { token: a.accessToken, body: { text: DOCX_PAPER.join('\n'), jobRoleId: roleA } });
      const paper = imported.body.paper;
      expect((await api.request('GET', `/api/v1/papers/${paper.id}`, { token: b.accessToken })).status).toBe(404);
      expect((await api.request('GET', `/api/v1/questions/${paper.sections[0].questionIds[0]}`, { token: b.accessToken })).status).toBe(404);
    });
  });

  describe('question-bank spreadsheets', () => {
    it('downloads the template in both formats with the documented header row', async () => {
      const xlsx = await download(a, '/api/v1/imports/question-bank/template?format=xlsx');
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(xlsx.headers['content-disposition']).toBe('attachment; filename="question-bank-template.xlsx"');
      const rows = await sheetRows(xlsx.body);
      expect(rows[0]).toEqual(HEADER);
      expect(rows).toHaveLength(2);

      const csv = await download(a, '/api/v1/imports/question-bank/template?format=csv');
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="question-bank-template.csv"');
      const text = csv.body.toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text.slice(1).split(/\r?\n/)[0]).toBe(HEADER.join(','));

      expect((await download(a, '/api/v1/imports/question-bank/template')).headers['content-disposition']).toContain('.xlsx');
      const wrong = await api.request('GET', '/api/v1/imports/question-bank/template?format=xls', { token: a.accessToken });
      expect(wrong.status).toBe(400);
      expect(fieldsOf(wrong.body)).toEqual(['format']);
    });

    it('exports the bank and imports it again into another company, then skips what is already there', async () => {
      const [c, d] = await Promise.all([api.signup(), api.signup()]);
      const competency = (await api.request('POST', '/api/v1/competencies', { token: c.accessToken, body: { name: '沟通技巧' } })).body.id;
      const questions = [
        { type: 'single_choice', stem: '处理投诉时最能体现专业性的是?', options: [{ key: 'A', text: '打断客户' }, { key: 'B', text: '倾听并共情' }], answerKey: 'B', points: 2, competencyIds: [competency], tags: ['售后'], difficulty: 2 },
        { type: 'multiple_choice', stem: '以下哪些属于有效沟通?', options: [{ key: 'A', text: '复述确认' }, { key: 'B', text: '积极倾听' }, { key: 'C', text: '推卸责任' }], answerKey: ['A', 'B'], points: 3 },
        { type: 'true_false', stem: '客户永远是对的。', answerKey: false, points: 1 },
        { type: 'fill_blank', stem: '首次响应时间应不超过 ___ 秒。', answerKey: [['30', '三十']], points: 4 },
        {
          type: 'essay',
          kind: 'scenario',
          stem: '客户在购买后第5天投诉商品质量问题,你如何处理?',
          referenceAnswer: '先安抚情绪,再核实问题,给出退换方案。',
          explanation: '考察情绪管理与问题解决。',
          rubric: [{ criterion: '情绪安抚', points: 4 }, { criterion: '方案可行', points: 6 }],
          points: 10,
          competencyIds: [competency],
        },
      ];
      for (const q of questions) expect((await api.request('POST', '/api/v1/questions', { token: c.accessToken, body: q })).status).toBe(201);
      const content = (items: Record<string, unknown>[]) =>
        items
          .map(({ type, kind, stem, options, answerKey, referenceAnswer, explanation, rubric, points, difficulty, tags, competencies }) => ({
            type, kind, stem, options, answerKey, referenceAnswer, explanation, rubric, points, difficulty, tags,
            competencies: (competencies as { name: string }[]).map((x) => x.name),
          }))
          .sort((x, y) => String(x.stem).localeCompare(String(y.stem)));
      const original = content((await api.request('GET', '/api/v1/questions', { token: c.accessToken })).body.items);

      for (const format of ['xlsx', 'csv'] as const) {
        const exported = await download(c, `/api/v1/imports/question-bank/export?format=${format}`);
        expect(exported.status).toBe(200);
        expect(exported.headers['content-disposition']).toBe(`attachment; filename="question-bank.${format}"`);
        const upload = await post(d, '/api/v1/imports/question-bank', [{ name: 'file', filename: `bank.${format}`, content: exported.body }]);
        expect(upload.status).toBe(200);
        if (format === 'xlsx') {
          expect(upload.body).toEqual({ created: 5, skipped: [], errors: [], competenciesCreated: ['沟通技巧'] });
        } else {
          // The same questions again: every row is skipped, nothing is duplicated.
          expect(upload.body.created).toBe(0);
          expect(upload.body.skipped.map((s: { row: number }) => s.row)).toEqual([2, 3, 4, 5, 6]);
          expect(upload.body.errors).toEqual([]);
        }
      }
      const copied = await api.request('GET', '/api/v1/questions', { token: d.accessToken });
      expect(copied.body.total).toBe(5);
      expect(content(copied.body.items)).toEqual(original);

      // Filters as in GET /questions.
      const essays = await download(c, '/api/v1/imports/question-bank/export?format=xlsx&type=essay');
      const rows = await sheetRows(essays.body);
      expect(rows).toHaveLength(2);
      expect(rows[1][HEADER.indexOf('stem')]).toBe('客户在购买后第5天投诉商品质量问题,你如何处理?');
      expect(rows[1][HEADER.indexOf('competencies')]).toBe('沟通技巧');
      expect(rows[1][HEADER.indexOf('rubric')]).toBe('情绪安抚:4;方案可行:6');

      // Another tenant's export holds none of these.
      const other = await download(b, '/api/v1/imports/question-bank/export?format=csv&q=客户永远');
      expect(other.body.toString('utf8').slice(1).trim()).toBe(HEADER.join(','));
    });

    it('reports per-row errors with Excel row numbers and imports the good rows', async () => {
      const e = await api.signup();
      const csv = [
        '题型,题干,选项A,选项B,答案,分值,考察点',
        '单选题,退货政策最长是几天?,7天,15天,A,2,售后政策',
        '单选题,,7天,15天,A,2,', // row 3: no stem
        '判断题,客服可以拒绝回答无关问题。,,,正确,1,',
        '单选题,首次响应多久为宜?,30秒,5分钟,C,2,', // row 5: answer not among the options
        '简答题,简述首问负责制。,,,,5,服务意识、售后政策',
      ].join('\n');
      const upload = await post(e, '/api/v1/imports/question-bank', [{ name: 'file', filename: '题库.csv', content: csv }]);
      expect(upload.status).toBe(200);
      expect(upload.body.created).toBe(3);
      expect(upload.body.skipped).toEqual([]);
      expect(upload.body.errors.map((x: { row: number; column: string }) => [x.row, x.column])).toEqual([
        [3, 'stem'],
        [5, 'answer'],
      ]);
      expect(upload.body.competenciesCreated.sort()).toEqual(['售后政策', '服务意识'].sort());
      const bank = await api.request('GET', '/api/v1/questions', { token: e.accessToken });
      expect(bank.body.items.map((q: { stem: string }) => q.stem).sort()).toEqual(['客服可以拒绝回答无关问题。', '简述首问负责制。', '退货政策最长是几天?'].sort());
    });

    it('takes the format from ?format= or the extension, and refuses other files naming file', async () => {
      const f = await api.signup();
      const csv = 'type,stem,answer,points\ntrue_false,月结客户可以先发货后付款。,正确,1\n';
      const named = await post(f, '/api/v1/imports/question-bank?format=csv', [{ name: 'file', filename: 'bank.txt', content: csv }]);
      expect(named.body).toMatchObject({ created: 1 });
      const unsupported = await post(f, '/api/v1/imports/question-bank', [{ name: 'file', filename: 'bank.xls', content: csv }]);
      expect(unsupported.status).toBe(400);
      expect(unsupported.body).toMatchObject({ code: 'import.unsupported_file', errors: [{ field: 'file' }] });
      const unreadable = await post(f, '/api/v1/imports/question-bank', [{ name: 'file', filename: 'bank.xlsx', content: csv }]);
      expect(unreadable.status).toBe(400);
      expect(unreadable.body).toMatchObject({ code: 'import.unreadable_file', errors: [{ field: 'file' }] });
      const missing = await api.request('POST', '/api/v1/imports/question-bank', { token: f.accessToken, body: {} });
      expect(missing.status).toBe(400);
      expect(fieldsOf(missing.body)).toEqual(['file']);
    });
  });

  it('lets recruiters import but not graders', async () => {
    const [grader, recruiter] = await Promise.all([api.staff(a, 'grader'), api.staff(a, 'recruiter')]);
    const body = { text: DOCX_PAPER.join('\n') };
    expect((await api.request('POST', '/api/v1/imports/paper/preview', { token: grader, body })).status).toBe(403);
    expect((await api.request('GET', '/api/v1/imports/question-bank/template', { token: grader })).status).toBe(403);
    expect((await api.request('POST', '/api/v1/imports/paper/preview', { token: recruiter, body })).status).toBe(200);
    expect((await api.request('POST', '/api/v1/imports/paper/preview', { body })).status).toBe(401);
  });
});
