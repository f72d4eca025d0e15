import { InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Col, Empty, Input, Progress, Row, Select, Space, Spin, Tag, Upload } from 'antd';
import { useLayoutEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { bodyOf } from '../../api/client';
import { useText, type Texts } from '../i18n';
import { staffApi } from '../staff-api';
import { useJobRoles, type ImportWarning, type Schemas } from './console-api';
import { linesOf, replaceLine } from './paper-issues';
import { ProblemNotice } from '../ui/ProblemNotice';
import { formatAnswerKey, isOpenType, QUESTION_TYPE_TEXT } from './question-text';
import { uploadForm } from './upload';

type Preview = Schemas['PaperPreviewResponse'];
type DroppedLine = { line: number; text: string; reason: string };
/** What the reader took a line for and the rule that decided (see docs/paper-format.md). */
type LineReading = { line: number; kind: string; rule: string };

const TEXT: Texts<{
  heading: string;
  back: string;
  chooseFile: string;
  fileHint: string;
  orPaste: string;
  pastePlaceholder: string;
  read: string;
  uploading: string;
  reading: string;
  source: string;
  editAll: string;
  stopEditing: string;
  readAgain: string;
  fixLine: (line: number) => string;
  applyFix: string;
  result: string;
  warnings: (n: number) => string;
  noWarnings: string;
  line: (n: number) => string;
  duration: (n: number | null | undefined) => string;
  total: (n: number | null | undefined) => string;
  questions: (n: number) => string;
  pointsEach: (n: number | null | undefined) => string;
  answer: string;
  noAnswer: string;
  dropped: string;
  jobRole: string;
  jobRoleHint: string;
  saveDraft: string;
  saveHint: string;
  readFirst: string;
  restart: string;
}> = {
  'zh-CN': {
    heading: '从文档导入试卷',
    back: '返回试卷列表',
    chooseFile: '点击或拖入 Word (.docx、.doc)、PDF、文本 (.txt) 或 Markdown (.md) 文件',
    fileHint: '扫描的 PDF(图片)没有文字,无法读取:请上传 Word 文件或从 Word 导出的 PDF,或把文字复制粘贴到下面。最大 20 MB。',
    orPaste: '或粘贴试卷文字',
    pastePlaceholder: '把试卷全文粘贴到这里……',
    read: '识别',
    uploading: '正在上传',
    reading: '正在识别试卷……',
    source: '原文',
    editAll: '编辑全文',
    stopEditing: '完成编辑',
    readAgain: '重新识别',
    fixLine: (n) => `修改第 ${n} 行`,
    applyFix: '应用并重新识别',
    result: '识别结果',
    warnings: (n) => `需要注意的地方(${n} 处),点击查看原文`,
    noWarnings: '没有警告:文档已完整识别。',
    line: (n) => `第 ${n} 行`,
    duration: (n) => (n ? `${n} 分钟` : '未写明时长(默认 60 分钟)'),
    total: (n) => (n ? `总分 ${n}` : '未写明总分'),
    questions: (n) => `${n} 题`,
    pointsEach: (n) => (n ? `每题 ${n} 分` : '未写明分值'),
    answer: '答案',
    noAnswer: '缺少答案',
    dropped: '已忽略',
    jobRole: '岗位',
    jobRoleHint: '不选则放入“待分配岗位”,以后可在试卷中修改。',
    saveDraft: '保存为草稿',
    saveHint: '保存后在试卷编辑页补全答案和评分标准,检查无误后发布。',
    readFirst: '全文有改动:先点“重新识别”,确认结果后再保存。',
    restart: '换一份文档',
  },
  en: {
    heading: 'Import a paper from a document',
    back: 'Back to papers',
    chooseFile: 'Click or drop a Word (.docx, .doc), PDF, text (.txt) or Markdown (.md) file',
    fileHint: 'A scanned PDF (images) has no text to read: upload the Word file or a PDF exported from Word, or paste the text below. 20 MB at most.',
    orPaste: 'or paste the paper’s text',
    pastePlaceholder: 'Paste the whole paper here…',
    read: 'Read',
    uploading: 'Uploading',
    reading: 'Reading the paper…',
    source: 'Source',
    editAll: 'Edit the whole text',
    stopEditing: 'Done editing',
    readAgain: 'Read again',
    fixLine: (n) => `Edit line ${n}`,
    applyFix: 'Apply and read again',
    result: 'What was read',
    warnings: (n) => `${n} things to check; click one to see its line`,
    noWarnings: 'No warnings: the whole document was read.',
    line: (n) => `Line ${n}`,
    duration: (n) => (n ? `${n} min` : 'No duration stated (60 min)'),
    total: (n) => (n ? `Total ${n}` : 'No total stated'),
    questions: (n) => `${n} questions`,
    pointsEach: (n) => (n ? `${n} points each` : 'No points stated'),
    answer: 'Answer',
    noAnswer: 'No answer',
    dropped: 'left out',
    jobRole: 'Job role',
    jobRoleHint: 'Without one the draft goes to “待分配岗位”; change it in the paper later.',
    saveDraft: 'Save as draft',
    saveHint: 'Then complete answers and rubrics in the paper editor, and publish when it has no errors.',
    readFirst: 'The text has changed: read it again and check the result before saving.',
    restart: 'Another document',
  },
};

/**
 * Document import: a file or pasted text is read by the API (nothing saved), the text is shown
 * beside what was read, each warning leads to its line, where the line can be fixed and the text
 * read again; then the draft is saved and opened in the editor (docs/imports.md).
 */
export default function ImportPage() {
  const text = useText(TEXT);
  const navigate = useNavigate();
  const client = useQueryClient();
  const roles = useJobRoles();
  const [pasted, setPasted] = useState('');
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [current, setCurrent] = useState<number | null>(null);
  const [editingAll, setEditingAll] = useState(false);
  const [wholeText, setWholeText] = useState('');
  const [jobRoleId, setJobRoleId] = useState<string | undefined>();

  const read = useMutation({
    mutationFn: async (input: { file: File } | { text: string }): Promise<Preview> => {
      if ('text' in input) return bodyOf<Preview>(await staffApi.POST('/api/v1/imports/paper/preview', { body: { text: input.text } }));
      const form = new FormData();
      form.append('file', input.file);
      setUploaded(0);
      try {
        return await uploadForm<Preview>('/api/v1/imports/paper/preview', form, setUploaded);
      } finally {
        setUploaded(null);
      }
    },
    onSuccess: (result) => {
      setPreview(result);
      setWholeText(result.source);
    },
  });
  const save = useMutation({
    mutationFn: async (source: string) =>
      bodyOf<Schemas['PaperImportResponse']>(await staffApi.POST('/api/v1/imports/paper', { body: { text: source, jobRoleId } })),
    onSuccess: ({ paper }) => {
      void client.invalidateQueries({ queryKey: ['papers'] });
      void navigate(`/staff/papers/${paper.id}`);
    },
  });

  const busy = read.isPending || save.isPending;
  // What is saved is what was read and shown: an edited text is read again first.
  const unread = preview !== null && editingAll && wholeText !== preview.source;
  return (
    <section aria-labelledby="import-heading">
      <div className="console-bar">
        <h1 id="import-heading">{text.heading}</h1>
        <Space wrap>
          {preview && (
            <Button
              onClick={() => {
                setPreview(null);
                setCurrent(null);
                read.reset();
              }}
            >
              {text.restart}
            </Button>
          )}
          <Link to="/staff/papers">{text.back}</Link>
        </Space>
      </div>
      <ProblemNotice error={read.error ?? save.error} />
      {!preview && (
        <div className="import-choose">
          <Upload.Dragger
            accept=".docx,.doc,.pdf,.txt,.md"
            showUploadList={false}
            disabled={busy}
            beforeUpload={(file) => {
              read.mutate({ file });
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{text.chooseFile}</p>
            <p className="ant-upload-hint">{text.fileHint}</p>
          </Upload.Dragger>
          <label className="import-paste-label" htmlFor="import-paste">
            {text.orPaste}
          </label>
          <Input.TextArea id="import-paste" rows={8} value={pasted} onChange={(event) => setPasted(event.target.value)} placeholder={text.pastePlaceholder} />
          <Button className="gap" type="primary" disabled={busy || pasted.trim() === ''} onClick={() => read.mutate({ text: pasted })}>
            {text.read}
          </Button>
        </div>
      )}
      {uploaded !== null && <Progress percent={uploaded} status="active" aria-label={text.uploading} />}
      {read.isPending && uploaded === null && <Spin description={text.reading}>{<div className="console-spin" />}</Spin>}
      {preview && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <div className="console-bar">
                <h2>{text.source}</h2>
                <Space wrap>
                  {editingAll && (
                    <Button type="primary" disabled={busy} onClick={() => read.mutate({ text: wholeText })}>
                      {text.readAgain}
                    </Button>
                  )}
                  <Button onClick={() => setEditingAll(!editingAll)}>{editingAll ? text.stopEditing : text.editAll}</Button>
                </Space>
              </div>
              {editingAll ? (
                <Input.TextArea aria-label={text.editAll} className="import-whole" value={wholeText} onChange={(event) => setWholeText(event.target.value)} />
              ) : (
                <SourceLines
                  preview={preview}
                  current={current}
                  busy={busy}
                  onFix={(line, replacement) => {
                    const next = replaceLine(preview.source, line, replacement);
                    setWholeText(next);
                    read.mutate({ text: next });
                  }}
                />
              )}
            </Col>
            <Col xs={24} lg={12}>
              <h2>{text.result}</h2>
              <Warnings
                warnings={preview.warnings ?? []}
                current={current}
                onPick={(line) => {
                  setEditingAll(false);
                  setCurrent(line);
                }}
              />
              <ReadPaper preview={preview} onPick={(line) => setCurrent(line)} />
            </Col>
          </Row>
          <div className="import-save">
            <label htmlFor="import-role">{text.jobRole}</label>
            <Select
              id="import-role"
              className="import-role"
              allowClear
              showSearch
              optionFilterProp="label"
              value={jobRoleId}
              onChange={setJobRoleId}
              options={(roles.data ?? []).map((role) => ({ value: role.id, label: role.name }))}
            />
            <span className="console-hint">{text.jobRoleHint}</span>
            <Button type="primary" loading={save.isPending} disabled={busy || unread} onClick={() => save.mutate(preview.source)}>
              {text.saveDraft}
            </Button>
            <span className="console-hint">{unread ? text.readFirst : text.saveHint}</span>
          </div>
        </>
      )}
    </section>
  );
}

/** The document's lines, numbered; the current one highlighted, scrolled to and editable in place. */
function SourceLines({ preview, current, busy, onFix }: { preview: Preview; current: number | null; busy: boolean; onFix: (line: number, text: string) => void }) {
  const text = useText(TEXT);
  const lines = linesOf(preview.source);
  const dropped = new Map(((preview.dropped ?? []) as unknown as DroppedLine[]).map((line) => [line.line, line.reason]));
  // Hovering a line tells why it was read as it was.
  const readings = new Map(((preview.readings ?? []) as unknown as LineReading[]).map((r) => [r.line, `${r.kind} · ${r.rule}`]));
  const [draft, setDraft] = useState('');
  // Before paint: the line is in view the moment it is highlighted.
  useLayoutEffect(() => {
    if (current === null) return;
    setDraft(lines[current - 1] ?? '');
    document.getElementById(`source-line-${current}`)?.scrollIntoView({ block: 'center' });
    // Only a new current line (or a new text) resets the fix being typed, not each render's lines.
  }, [current, preview.source]);
  return (
    <ol className="import-source" aria-label={text.source}>
      {lines.map((line, index) => {
        const no = index + 1;
        const isCurrent = no === current;
        return (
          <li key={no} id={`source-line-${no}`} title={readings.get(no)} className={isCurrent ? 'is-current' : dropped.has(no) ? 'is-dropped' : undefined} aria-current={isCurrent ? 'true' : undefined}>
            <span className="line-no" aria-hidden="true">
              {no}
            </span>
            <span className="line-text">
              {line || '\u00a0'}
              {dropped.has(no) && line.trim() !== '' && <span className="visually-hidden"> ({text.dropped})</span>}
            </span>
            {isCurrent && (
              <div className="line-fix">
                <Input aria-label={text.fixLine(no)} value={draft} onChange={(event) => setDraft(event.target.value)} onPressEnter={() => onFix(no, draft)} />
                <Button type="primary" disabled={busy || draft === line} onClick={() => onFix(no, draft)}>
                  {text.applyFix}
                </Button>
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

function Warnings({ warnings, current, onPick }: { warnings: ImportWarning[]; current: number | null; onPick: (line: number) => void }) {
  const text = useText(TEXT);
  if (warnings.length === 0) return <Alert className="gap-bottom" type="success" showIcon title={text.noWarnings} />;
  return (
    <div className="gap-bottom">
      <p>{text.warnings(warnings.length)}</p>
      <ul className="import-warnings">
        {warnings.map((warning) => (
          <li key={`${warning.line}-${warning.code}`}>
            <button type="button" className="import-warning" aria-pressed={current === warning.line} onClick={() => onPick(warning.line)}>
              <span className="import-warning-line">{text.line(warning.line)}</span>
              <span>{warning.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ReadPaper({ preview, onPick }: { preview: Preview; onPick: (line: number) => void }) {
  const text = useText(TEXT);
  const types = useText(QUESTION_TYPE_TEXT);
  if (preview.sections.length === 0) return <Empty description={text.noWarnings} />;
  return (
    <div className="import-paper">
      <h3>{preview.title}</h3>
      <p className="console-hint">
        {text.duration(preview.durationMinutes)} · {text.total(preview.totalPoints)}
      </p>
      {preview.sections.map((section, s) => (
        <div key={s} className="import-section">
          <h4>
            {section.title} <span className="console-hint">{text.questions(section.questions.length)} · {text.pointsEach(section.pointsEach)}</span>
          </h4>
          <ol>
            {section.questions.map((question) => (
              <li key={question.line}>
                <button type="button" className="link-button" onClick={() => onPick(question.line)}>
                  {text.line(question.line)}
                </button>{' '}
                <Tag>{types[question.type]}</Tag>
                <span className="import-stem">{question.stem}</span>
                {!isOpenType(question.type) && (
                  <span className="console-hint">
                    {' '}
                    {question.answerKey === null || question.answerKey === undefined ? <Tag color="#b91c1c">{text.noAnswer}</Tag> : `${text.answer}: ${formatAnswerKey(question.answerKey)}`}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}
