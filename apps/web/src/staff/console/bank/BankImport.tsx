import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Space, Spin, Table, Upload } from 'antd';
import { Link } from 'react-router';
import type { components } from '../../../api/schema';
import { useText, type Texts } from '../../i18n';
import { ErrorAlert } from '../ui';
import { downloadTemplate, importBank, type SheetFormat } from './bank-files';

type ImportResult = components['schemas']['QuestionBankImportResponse'];
interface RowReport {
  row: number;
  problems: { column: string; message: string }[];
}

/** The template's column keys as the template's own (Chinese) headers, so a row's problem points at the cell the user sees. */
const COLUMN_HEADERS: Record<string, string> = {
  type: '题型',
  kind: '开放题类别',
  stem: '题干',
  answer: '答案',
  reference_answer: '参考答案',
  explanation: '解析',
  competencies: '考察点',
  rubric: '评分标准',
  points: '分值',
  difficulty: '难度',
  tags: '标签',
};
const header = (column: string) => COLUMN_HEADERS[column] ?? column.replace(/^option_([a-h])$/, (_, letter: string) => `选项${letter.toUpperCase()}`);

const TEXT: Texts<{
  title: string;
  back: string;
  intro: string;
  template: string;
  templateXlsx: string;
  templateCsv: string;
  drop: string;
  dropHint: string;
  importing: (name: string) => string;
  summary: (created: number, skipped: number, failed: number) => string;
  fixRows: string;
  allGood: string;
  competenciesCreated: (names: string) => string;
  errors: string;
  skipped: string;
  row: string;
  problems: string;
  reason: string;
  existing: string;
  headerRow: string;
}> = {
  'zh-CN': {
    title: '从表格导入题目',
    back: '返回题库',
    intro: '按模板填写 Excel (.xlsx) 或 CSV:每行一道题。有问题的行不会导入,其余的行照常导入;题型和题干都相同的题目会跳过,所以同一文件重复上传不会产生重复题目。',
    template: '下载模板:',
    templateXlsx: 'Excel 模板',
    templateCsv: 'CSV 模板',
    drop: '点击或拖入表格文件上传',
    dropHint: '.xlsx 或 .csv,最大 20 MB',
    importing: (name) => `正在导入 ${name}…`,
    summary: (created, skipped, failed) => `已导入 ${created} 题,跳过 ${skipped} 行,${failed} 行有问题未导入。`,
    fixRows: '请在表格中修改下面列出的行,只保留这些行(或整个文件)再上传一次:已导入的题目会自动跳过。',
    allGood: '全部行都已处理。',
    competenciesCreated: (names) => `新建的考察点:${names}`,
    errors: '未导入的行',
    skipped: '跳过的行(题库中已有)',
    row: '行号',
    problems: '问题(列:原因)',
    reason: '原因',
    existing: '查看已有题目',
    headerRow: '表头',
  },
  en: {
    title: 'Import questions from a spreadsheet',
    back: 'Back to the bank',
    intro: 'Fill in the template as Excel (.xlsx) or CSV, one question per row. Rows with problems are not imported, the others are; a row whose type and stem are already in the bank is skipped, so uploading the same file again creates no duplicates.',
    template: 'Download the template:',
    templateXlsx: 'Excel template',
    templateCsv: 'CSV template',
    drop: 'Click or drop a spreadsheet here to upload it',
    dropHint: '.xlsx or .csv, at most 20 MB',
    importing: (name) => `Importing ${name}…`,
    summary: (created, skipped, failed) => `${created} questions imported, ${skipped} rows skipped, ${failed} rows with problems not imported.`,
    fixRows: 'Fix the rows listed below in the spreadsheet and upload it again (just those rows or the whole file): questions already imported are skipped.',
    allGood: 'Every row was handled.',
    competenciesCreated: (names) => `New competencies: ${names}`,
    errors: 'Rows not imported',
    skipped: 'Rows skipped (already in the bank)',
    row: 'Row',
    problems: 'Problems (column: reason)',
    reason: 'Reason',
    existing: 'Open the existing question',
    headerRow: 'header',
  },
};

/** The import's errors grouped by the spreadsheet row they are about, in row order. */
function rowReports(result: ImportResult): RowReport[] {
  const rows = new Map<number, RowReport>();
  for (const error of result.errors) {
    const report = rows.get(error.row) ?? { row: error.row, problems: [] };
    report.problems.push({ column: error.column, message: error.message });
    rows.set(error.row, report);
  }
  return [...rows.values()].sort((a, b) => a.row - b.row);
}

/** /staff/bank/import: upload a filled-in template, then every row's problems next to its row number. */
export function BankImport() {
  const text = useText(TEXT);
  const upload = useMutation({ mutationFn: importBank });
  const template = useMutation({ mutationFn: (format: SheetFormat) => downloadTemplate(format) });
  const result = upload.data;
  const reports = result ? rowReports(result) : [];

  return (
    <section className="console">
      <Link to="/staff/bank">← {text.back}</Link>
      <h1 className="console-title gap">{text.title}</h1>
      <p>{text.intro}</p>
      <Space wrap className="gap-bottom">
        <span>{text.template}</span>
        <Button onClick={() => template.mutate('xlsx')}>{text.templateXlsx}</Button>
        <Button onClick={() => template.mutate('csv')}>{text.templateCsv}</Button>
      </Space>
      {template.error && <ErrorAlert error={template.error} />}
      <Upload.Dragger
        accept=".xlsx,.csv"
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending}
        beforeUpload={(file) => {
          upload.mutate(file);
          return false;
        }}
      >
        <p>{text.drop}</p>
        <p className="console-help">{text.dropHint}</p>
      </Upload.Dragger>
      <div className="gap" aria-live="polite">
        {upload.isPending && <Spin tip={text.importing(upload.variables.name)}>{text.importing(upload.variables.name)}</Spin>}
        {upload.error && <ErrorAlert error={upload.error} />}
        {result && (
          <>
            <Alert
              className="gap-bottom"
              type={reports.length > 0 ? 'warning' : 'success'}
              showIcon
              title={text.summary(result.created, result.skipped.length, reports.length)}
              description={
                <>
                  <div>{reports.length > 0 ? text.fixRows : text.allGood}</div>
                  {result.competenciesCreated.length > 0 && <div>{text.competenciesCreated(result.competenciesCreated.join('、'))}</div>}
                </>
              }
            />
          </>
        )}
      </div>
      {reports.length > 0 && (
        <>
          <h2 className="console-subtitle">{text.errors}</h2>
          <Table<RowReport>
            rowKey="row"
            size="small"
            dataSource={reports}
            pagination={reports.length > 20 ? { pageSize: 20 } : false}
            columns={[
              { title: text.row, dataIndex: 'row', width: 80, render: (row: number) => (row === 1 ? `1 (${text.headerRow})` : row) },
              {
                title: text.problems,
                dataIndex: 'problems',
                render: (problems: RowReport['problems']) => (
                  <ul className="console-row-problems">
                    {problems.map((problem) => (
                      <li key={`${problem.column}:${problem.message}`}>
                        <strong>{header(problem.column)}</strong>: {problem.message}
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        </>
      )}
      {result && result.skipped.length > 0 && (
        <>
          <h2 className="console-subtitle">{text.skipped}</h2>
          <Table
            rowKey="row"
            size="small"
            dataSource={result.skipped}
            pagination={result.skipped.length > 20 ? { pageSize: 20 } : false}
            columns={[
              { title: text.row, dataIndex: 'row', width: 80 },
              { title: text.reason, dataIndex: 'message' },
              { title: '', dataIndex: 'questionId', render: (id: string) => <Link to={`/staff/bank/${id}`}>{text.existing}</Link> },
            ]}
          />
        </>
      )}
    </section>
  );
}
