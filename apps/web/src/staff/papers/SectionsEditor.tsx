import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { bodyOf } from '../../api/client';
import { useText, type Texts } from '../i18n';
import { staffApi } from '../staff-api';
import type { PaperIssue, Question, QuestionType, Schemas } from './console-api';
import { issuesAt } from './paper-issues';
import { ISSUE_TEXT, issueText } from './issue-text';
import { TableRegion } from './TableRegion';
import { formatAnswerKey, isOpenType, QUESTION_TYPE_TEXT } from './question-text';

/** A section as the editor holds it until saved: fixed questions or a draw, never both. */
export interface SectionDraft {
  key: string;
  title: string;
  instructions: string | null;
  pointsPerQuestion: number;
  scaleRubrics: boolean;
  mode: 'fixed' | 'draw';
  questionIds: string[];
  draw: Schemas['DrawDto'];
}

const TEXT: Texts<{
  section: (n: number) => string;
  title: string;
  points: string;
  scale: string;
  fixed: string;
  draw: string;
  count: string;
  poolTypes: string;
  poolTags: string;
  difficulty: string;
  anyType: string;
  moveUp: string;
  moveDown: string;
  remove: string;
  removeSection: string;
  addSection: string;
  pick: string;
  pickHeading: string;
  pickSearch: string;
  pickType: string;
  pickAdd: (n: number) => string;
  edit: string;
  stem: string;
  type: string;
  answer: string;
  noAnswer: string;
  noRubric: string;
  noQuestions: string;
  total: (n: number) => string;
  loading: string;
}> = {
  'zh-CN': {
    section: (n) => `第 ${n} 部分`,
    title: '部分标题',
    points: '每题分值',
    scale: '按分值缩放评分标准',
    fixed: '固定题目',
    draw: '随机抽题',
    count: '每人抽题数',
    poolTypes: '题型',
    poolTags: '标签(任一)',
    difficulty: '难度范围',
    anyType: '任意题型',
    moveUp: '上移',
    moveDown: '下移',
    remove: '移除',
    removeSection: '删除此部分',
    addSection: '添加部分',
    pick: '从题库选题',
    pickHeading: '从题库选题',
    pickSearch: '按题干搜索',
    pickType: '题型',
    pickAdd: (n) => `加入 ${n} 道题`,
    edit: '编辑题目',
    stem: '题干',
    type: '题型',
    answer: '答案',
    noAnswer: '缺少答案',
    noRubric: '缺少评分标准',
    noQuestions: '这一部分还没有题目。',
    total: (n) => `共 ${n} 道`,
    loading: '加载中……',
  },
  en: {
    section: (n) => `Section ${n}`,
    title: 'Section title',
    points: 'Points per question',
    scale: 'Scale rubrics to these points',
    fixed: 'Fixed questions',
    draw: 'Random draw',
    count: 'Questions per candidate',
    poolTypes: 'Types',
    poolTags: 'Tags (any of)',
    difficulty: 'Difficulty',
    anyType: 'Any type',
    moveUp: 'Move up',
    moveDown: 'Move down',
    remove: 'Remove',
    removeSection: 'Remove this section',
    addSection: 'Add a section',
    pick: 'Pick from the bank',
    pickHeading: 'Pick questions from the bank',
    pickSearch: 'Search stems',
    pickType: 'Type',
    pickAdd: (n) => `Add ${n} questions`,
    edit: 'Edit question',
    stem: 'Stem',
    type: 'Type',
    answer: 'Answer',
    noAnswer: 'No answer key',
    noRubric: 'No rubric',
    noQuestions: 'No questions in this section yet.',
    total: (n) => `${n} questions`,
    loading: 'Loading…',
  },
};

const move = <T,>(list: T[], from: number, to: number): T[] => {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
};

let newKeys = 0;
export const newSection = (title: string): SectionDraft => ({
  key: `new-${++newKeys}`,
  title,
  instructions: null,
  pointsPerQuestion: 5,
  scaleRubrics: false,
  mode: 'fixed',
  questionIds: [],
  draw: { count: 1, pool: {} },
});

interface Props {
  sections: SectionDraft[];
  onChange: (sections: SectionDraft[]) => void;
  questions: Map<string, Question>;
  /** The saved draft's issues; stale (and so hidden) while there are unsaved changes. */
  issues: PaperIssue[] | null;
  reasons: Map<string, string[]>;
  onEdit: (question: Question) => void;
}

/** The paper's sections: title, points, fixed questions (from the bank, in order) or a random draw; each issue beside what it is about. */
export function SectionsEditor({ sections, onChange, questions, issues, reasons, onEdit }: Props) {
  const text = useText(TEXT);
  const [picking, setPicking] = useState<number | null>(null);
  const set = (index: number, patch: Partial<SectionDraft>) => onChange(sections.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  const taken = new Set(sections.flatMap((s) => (s.mode === 'fixed' ? s.questionIds : [])));
  return (
    <>
      {sections.map((section, index) => (
        <SectionCard
          key={section.key}
          index={index}
          section={section}
          last={index === sections.length - 1}
          questions={questions}
          issues={issues}
          reasons={reasons}
          set={(patch) => set(index, patch)}
          moveTo={(to) => onChange(move(sections, index, to))}
          remove={() => onChange(sections.filter((_, i) => i !== index))}
          pick={() => setPicking(index)}
          onEdit={onEdit}
        />
      ))}
      <Button icon={<PlusOutlined />} onClick={() => onChange([...sections, newSection(text.section(sections.length + 1))])}>
        {text.addSection}
      </Button>
      <QuestionPicker
        open={picking !== null}
        taken={taken}
        onClose={() => setPicking(null)}
        onPick={(ids) => {
          if (picking !== null) set(picking, { questionIds: [...sections[picking].questionIds, ...ids] });
          setPicking(null);
        }}
      />
    </>
  );
}

function IssueList({ issues }: { issues: PaperIssue[] }) {
  const texts = useText(ISSUE_TEXT);
  if (issues.length === 0) return null;
  return (
    <>
      {issues.map((issue) => (
        <Alert key={`${issue.path}-${issue.code}`} className="issue" type={issue.code === 'POOLS_OVERLAP' ? 'warning' : 'error'} showIcon title={issueText(texts, issue)} />
      ))}
    </>
  );
}

interface CardProps {
  index: number;
  section: SectionDraft;
  last: boolean;
  questions: Map<string, Question>;
  issues: PaperIssue[] | null;
  reasons: Map<string, string[]>;
  set: (patch: Partial<SectionDraft>) => void;
  moveTo: (index: number) => void;
  remove: () => void;
  pick: () => void;
  onEdit: (question: Question) => void;
}

function SectionCard({ index, section, last, questions, issues, reasons, set, moveTo, remove, pick, onEdit }: CardProps) {
  const text = useText(TEXT);
  const types = useText(QUESTION_TYPE_TEXT);
  const prefix = `sections[${index}]`;
  const note = (field: string) => {
    const found = reasons.get(`${prefix}.${field}`);
    return found ? { validateStatus: 'error' as const, help: found.join('; ') } : {};
  };
  const id = (field: string) => `section-${index}-${field}`;
  const pool = section.draw.pool;
  return (
    <Card
      id={`section-${index}`}
      className="section-card"
      title={<span>{text.section(index + 1)}</span>}
      extra={
        <Space size={4}>
          <Button size="small" aria-label={`${text.moveUp} ${text.section(index + 1)}`} icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => moveTo(index - 1)} />
          <Button size="small" aria-label={`${text.moveDown} ${text.section(index + 1)}`} icon={<ArrowDownOutlined />} disabled={last} onClick={() => moveTo(index + 1)} />
          <Button size="small" danger aria-label={`${text.removeSection} ${index + 1}`} icon={<DeleteOutlined />} onClick={remove} />
        </Space>
      }
    >
      {issues && <IssueList issues={issuesAt(issues, index)} />}
      {reasons.get(prefix) && <Alert className="issue" type="error" showIcon title={reasons.get(prefix)?.join('; ')} />}
      <Form layout="vertical" component="div" className="section-form">
        <Form.Item label={text.title} htmlFor={id('title')} {...note('title')}>
          <Input id={id('title')} value={section.title} onChange={(e) => set({ title: e.target.value })} />
        </Form.Item>
        <Form.Item label={text.points} htmlFor={id('points')} {...note('pointsPerQuestion')}>
          <InputNumber id={id('points')} min={0.01} step={0.5} value={section.pointsPerQuestion} onChange={(value) => set({ pointsPerQuestion: value ?? 0 })} />
        </Form.Item>
        <Form.Item label=" " colon={false}>
          <Checkbox checked={section.scaleRubrics} onChange={(e) => set({ scaleRubrics: e.target.checked })}>
            {text.scale}
          </Checkbox>
        </Form.Item>
      </Form>
      <Radio.Group
        className="gap-bottom"
        optionType="button"
        value={section.mode}
        onChange={(e) => set({ mode: e.target.value as SectionDraft['mode'] })}
        options={[
          { value: 'fixed', label: text.fixed },
          { value: 'draw', label: text.draw },
        ]}
      />
      {section.mode === 'fixed' ? (
        <>
          {section.questionIds.length === 0 && <p className="console-hint">{text.noQuestions}</p>}
          <ol className="section-questions">
            {section.questionIds.map((questionId, q) => {
              const question = questions.get(questionId);
              const here = issues ? issuesAt(issues, index, q) : [];
              return (
                <li key={questionId} id={`question-${index}-${q}`} className={here.length > 0 ? 'has-issue' : undefined}>
                  <div className="question-row">
                    <div className="question-main">
                      {question ? (
                        <>
                          <Tag>{types[question.type]}</Tag>
                          <span className="question-stem">{question.stem}</span>
                          <QuestionKey question={question} />
                        </>
                      ) : (
                        <span className="console-hint">{text.loading}</span>
                      )}
                    </div>
                    <Space size={4} wrap>
                      {question && (
                        <Button size="small" onClick={() => onEdit(question)} aria-label={`${text.edit} ${q + 1}`}>
                          {text.edit}
                        </Button>
                      )}
                      <Button size="small" aria-label={`${text.moveUp} ${q + 1}`} icon={<ArrowUpOutlined />} disabled={q === 0} onClick={() => set({ questionIds: move(section.questionIds, q, q - 1) })} />
                      <Button
                        size="small"
                        aria-label={`${text.moveDown} ${q + 1}`}
                        icon={<ArrowDownOutlined />}
                        disabled={q === section.questionIds.length - 1}
                        onClick={() => set({ questionIds: move(section.questionIds, q, q + 1) })}
                      />
                      <Button size="small" aria-label={`${text.remove} ${q + 1}`} icon={<DeleteOutlined />} onClick={() => set({ questionIds: section.questionIds.filter((_, i) => i !== q) })} />
                    </Space>
                  </div>
                  <IssueList issues={here} />
                </li>
              );
            })}
          </ol>
          <Button icon={<PlusOutlined />} onClick={pick}>
            {text.pick}
          </Button>
        </>
      ) : (
        <Form layout="vertical" component="div" className="section-form">
          <Form.Item label={text.count} htmlFor={id('count')} {...note('draw.count')}>
            <InputNumber id={id('count')} min={1} value={section.draw.count} onChange={(value) => set({ draw: { ...section.draw, count: value ?? 1 } })} />
          </Form.Item>
          <Form.Item label={text.poolTypes} htmlFor={id('types')} {...note('draw.pool.types')}>
            <Select<QuestionType[]>
              id={id('types')}
              mode="multiple"
              allowClear
              placeholder={text.anyType}
              value={pool.types ?? []}
              onChange={(value) => set({ draw: { ...section.draw, pool: { ...pool, types: value.length ? value : undefined } } })}
              options={Object.entries(types).map(([value, label]) => ({ value: value as QuestionType, label }))}
            />
          </Form.Item>
          <Form.Item label={text.poolTags} htmlFor={id('tags')} {...note('draw.pool.tags')}>
            <Select<string[]>
              id={id('tags')}
              mode="tags"
              value={pool.tags ?? []}
              onChange={(value) => set({ draw: { ...section.draw, pool: { ...pool, tags: value.length ? value : undefined } } })}
            />
          </Form.Item>
          <Form.Item label={text.difficulty} {...note('draw.pool.difficultyMin')}>
            <Space>
              <InputNumber aria-label={`${text.difficulty} min`} min={1} max={5} value={pool.difficultyMin} onChange={(value) => set({ draw: { ...section.draw, pool: { ...pool, difficultyMin: value ?? undefined } } })} />
              –
              <InputNumber aria-label={`${text.difficulty} max`} min={1} max={5} value={pool.difficultyMax} onChange={(value) => set({ draw: { ...section.draw, pool: { ...pool, difficultyMax: value ?? undefined } } })} />
            </Space>
          </Form.Item>
        </Form>
      )}
    </Card>
  );
}

function QuestionKey({ question }: { question: Question }) {
  const text = useText(TEXT);
  if (isOpenType(question.type)) {
    return question.rubric.length === 0 ? <Tag color="#b91c1c">{text.noRubric}</Tag> : <span className="console-hint"> {question.rubric.map((c) => `${c.criterion} ${c.points}`).join(' · ')}</span>;
  }
  if (question.answerKey === null) return <Tag color="#b91c1c">{text.noAnswer}</Tag>;
  return (
    <span className="console-hint">
      {' '}
      {text.answer}: {formatAnswerKey(question.answerKey)}
    </span>
  );
}

/** The bank, searchable and paginated, to add fixed questions (those already in the paper are not offered). */
function QuestionPicker({ open, taken, onClose, onPick }: { open: boolean; taken: Set<string>; onClose: () => void; onPick: (ids: string[]) => void }) {
  const text = useText(TEXT);
  const types = useText(QUESTION_TYPE_TEXT);
  const [q, setQ] = useState('');
  const [type, setType] = useState<QuestionType | undefined>();
  const [page, setPage] = useState(1);
  const [chosen, setChosen] = useState<string[]>([]);
  const bank = useQuery({
    queryKey: ['questions', q, type, page],
    enabled: open,
    placeholderData: keepPreviousData,
    queryFn: async () => bodyOf<Schemas['QuestionPage']>(await staffApi.GET('/api/v1/questions', { params: { query: { q: q || undefined, type, page, pageSize: 10 } } })),
  });
  return (
    <Modal
      open={open}
      width={860}
      title={text.pickHeading}
      okText={text.pickAdd(chosen.length)}
      okButtonProps={{ disabled: chosen.length === 0 }}
      onOk={() => {
        onPick(chosen);
        setChosen([]);
      }}
      onCancel={() => {
        setChosen([]);
        onClose();
      }}
    >
      <Space wrap className="gap-bottom">
        <Input.Search aria-label={text.pickSearch} placeholder={text.pickSearch} allowClear onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }} />
        <Select<QuestionType>
          aria-label={text.pickType}
          placeholder={text.pickType}
          allowClear
          className="picker-type"
          value={type}
          onChange={(value) => {
            setType(value);
            setPage(1);
          }}
          options={Object.entries(types).map(([value, label]) => ({ value: value as QuestionType, label }))}
        />
      </Space>
      <TableRegion label={text.pickHeading} minWidth={600}>
        <Table<Question>
          rowKey="id"
          size="small"
          loading={bank.isFetching}
          dataSource={bank.data?.items ?? []}
          rowSelection={{
            selectedRowKeys: chosen,
            preserveSelectedRowKeys: true,
            onChange: (keys) => setChosen(keys as string[]),
            getCheckboxProps: (question) => ({ disabled: taken.has(question.id), 'aria-label': question.stem.slice(0, 40) }),
          }}
          pagination={{ current: page, pageSize: 10, total: bank.data?.total ?? 0, onChange: setPage, showTotal: text.total, showSizeChanger: false }}
          columns={[
            { title: text.type, dataIndex: 'type', width: 110, render: (value: QuestionType) => types[value] },
            { title: text.stem, dataIndex: 'stem', ellipsis: true },
            { title: text.points, dataIndex: 'points', width: 90 },
          ]}
        />
      </TableRegion>
    </Modal>
  );
}

