import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Checkbox, Drawer, Form, Input, InputNumber, Radio, Space } from 'antd';
import { useEffect, useState } from 'react';
import { bodyOf } from '../../api/client';
import { useText, type Texts } from '../i18n';
import { staffApi } from '../staff-api';
import type { Question, Schemas } from './console-api';
import { reasonsByField } from './paper-issues';
import { fieldErrorsOf, ProblemNotice } from './ProblemNotice';
import { isOpenType, QUESTION_TYPE_TEXT } from './question-text';

type Criterion = Schemas['RubricCriterionDto'];
type Option = Schemas['QuestionOptionDto'];

const TEXT: Texts<{
  heading: string;
  sharedNote: string;
  stem: string;
  points: string;
  options: string;
  addOption: string;
  optionText: (key: string) => string;
  removeOption: (key: string) => string;
  answer: string;
  trueText: string;
  falseText: string;
  blanks: string;
  blankHint: string;
  blank: (n: number) => string;
  addBlank: string;
  reference: string;
  explanation: string;
  rubric: string;
  rubricSum: (sum: number, points: number) => string;
  criterion: (n: number) => string;
  criterionPoints: (n: number) => string;
  descriptor: (n: number) => string;
  addCriterion: string;
  removeCriterion: (n: number) => string;
  save: string;
  cancel: string;
}> = {
  'zh-CN': {
    heading: '编辑题目',
    sharedNote: '题目保存在题库中:用到这道题的其他草稿也会改变;已发布的版本不变。',
    stem: '题干',
    points: '默认分值',
    options: '选项',
    addOption: '添加选项',
    optionText: (key) => `选项 ${key}`,
    removeOption: (key) => `删除选项 ${key}`,
    answer: '答案',
    trueText: '正确',
    falseText: '错误',
    blanks: '每个空可接受的答案',
    blankHint: '同一空的多个答案用“/”分开,如:30/三十',
    blank: (n) => `第 ${n} 空`,
    addBlank: '添加一个空',
    reference: '参考答案(仅阅卷人可见)',
    explanation: '解析(仅阅卷人可见)',
    rubric: '评分标准',
    rubricSum: (sum, points) => `合计 ${sum} 分,题目分值 ${points} 分`,
    criterion: (n) => `评分项 ${n}`,
    criterionPoints: (n) => `评分项 ${n} 的分值`,
    descriptor: (n) => `评分项 ${n} 的说明(可选)`,
    addCriterion: '添加评分项',
    removeCriterion: (n) => `删除评分项 ${n}`,
    save: '保存题目',
    cancel: '取消',
  },
  en: {
    heading: 'Edit question',
    sharedNote: 'Questions live in the bank: other drafts using this one change too; published versions do not.',
    stem: 'Stem',
    points: 'Default points',
    options: 'Options',
    addOption: 'Add an option',
    optionText: (key) => `Option ${key}`,
    removeOption: (key) => `Remove option ${key}`,
    answer: 'Answer',
    trueText: 'True',
    falseText: 'False',
    blanks: 'Accepted answers per blank',
    blankHint: 'Separate several answers of one blank with “/”, e.g. 30/三十',
    blank: (n) => `Blank ${n}`,
    addBlank: 'Add a blank',
    reference: 'Reference answer (graders only)',
    explanation: 'Explanation (graders only)',
    rubric: 'Rubric',
    rubricSum: (sum, points) => `Adds up to ${sum}; the question is worth ${points}`,
    criterion: (n) => `Criterion ${n}`,
    criterionPoints: (n) => `Points of criterion ${n}`,
    descriptor: (n) => `What earns criterion ${n} (optional)`,
    addCriterion: 'Add a criterion',
    removeCriterion: (n) => `Remove criterion ${n}`,
    save: 'Save question',
    cancel: 'Cancel',
  },
};

interface Draft {
  stem: string;
  points: number;
  options: Option[];
  answerKey: Question['answerKey'];
  referenceAnswer: string;
  explanation: string;
  rubric: Criterion[];
}

function draftOf(question: Question): Draft {
  return {
    stem: question.stem,
    points: question.points,
    options: question.options.map((option) => ({ ...option })),
    answerKey: question.answerKey,
    referenceAnswer: question.referenceAnswer ?? '',
    explanation: question.explanation ?? '',
    // An open question without criteria starts with one worth the whole question: naming it is enough.
    rubric: question.rubric.length > 0 || !isOpenType(question.type) ? question.rubric.map((c) => ({ ...c })) : [{ criterion: '', points: question.points }],
  };
}

/** The body of PATCH /questions/:id: only what the question's type has. */
function patchOf(question: Question, draft: Draft): Schemas['UpdateQuestionDto'] {
  const common = { stem: draft.stem, points: draft.points, difficulty: question.difficulty, referenceAnswer: draft.referenceAnswer.trim() || null, explanation: draft.explanation.trim() || null };
  if (isOpenType(question.type)) return { ...common, rubric: draft.rubric.map((c) => ({ criterion: c.criterion, points: c.points, ...(c.descriptor ? { descriptor: c.descriptor } : {}) })) };
  if (question.type === 'single_choice' || question.type === 'multiple_choice') return { ...common, options: draft.options, answerKey: draft.answerKey };
  return { ...common, answerKey: draft.answerKey };
}

const nextKey = (options: Option[]) => String.fromCharCode(65 + options.length);

/** Edits one bank question of the paper: stem, points, options and key, or the rubric; the API's reasons beside each field. */
export function QuestionDrawer({ question, onClose, onSaved }: { question: Question | null; onClose: () => void; onSaved: () => void }) {
  const text = useText(TEXT);
  const types = useText(QUESTION_TYPE_TEXT);
  const [draft, setDraft] = useState<Draft | null>(null);
  const save = useMutation({
    mutationFn: async ({ id, body }: { id: string; body: Schemas['UpdateQuestionDto'] }) =>
      bodyOf<Question>(await staffApi.PATCH('/api/v1/questions/{id}', { params: { path: { id } }, body })),
    onSuccess: onSaved,
  });
  useEffect(() => {
    setDraft(question ? draftOf(question) : null);
    save.reset();
    // A new question replaces the draft; the mutation object itself is stable enough to leave out.
  }, [question]);
  const reasons = reasonsByField(fieldErrorsOf(save.error));
  const note = (field: string) => {
    const found = [...reasons.entries()].filter(([key]) => key === field || key.startsWith(`${field}[`) || key.startsWith(`${field}.`)).flatMap(([, list]) => list);
    return found.length > 0 ? { validateStatus: 'error' as const, help: found.join('; ') } : {};
  };
  const update = (patch: Partial<Draft>) => setDraft((current) => (current ? { ...current, ...patch } : current));
  const rubricSum = draft ? Math.round(draft.rubric.reduce((sum, c) => sum + (c.points || 0), 0) * 100) / 100 : 0;

  return (
    <Drawer
      open={question !== null}
      onClose={onClose}
      size="min(736px, 100vw)"
      title={question ? `${text.heading} · ${types[question.type]}` : text.heading}
      extra={
        <Space>
          <Button onClick={onClose}>{text.cancel}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => question && draft && save.mutate({ id: question.id, body: patchOf(question, draft) })}>
            {text.save}
          </Button>
        </Space>
      }
    >
      {question && draft && (
        <Form layout="vertical" component="div">
          <p className="console-hint">{text.sharedNote}</p>
          <ProblemNotice error={save.error} />
          <Form.Item label={text.stem} htmlFor="question-stem" {...note('stem')}>
            <Input.TextArea id="question-stem" autoSize={{ minRows: 2 }} value={draft.stem} onChange={(e) => update({ stem: e.target.value })} />
          </Form.Item>
          <Form.Item label={text.points} htmlFor="question-points" {...note('points')}>
            <InputNumber id="question-points" min={0.01} step={0.5} value={draft.points} onChange={(value) => update({ points: value ?? 0 })} />
          </Form.Item>
          {(question.type === 'single_choice' || question.type === 'multiple_choice') && (
            <ChoiceEditor draft={draft} multiple={question.type === 'multiple_choice'} update={update} note={note} />
          )}
          {question.type === 'true_false' && (
            <Form.Item label={text.answer} {...note('answerKey')}>
              <Radio.Group value={draft.answerKey} onChange={(e) => update({ answerKey: e.target.value as boolean })} options={[{ value: true, label: text.trueText }, { value: false, label: text.falseText }]} />
            </Form.Item>
          )}
          {question.type === 'fill_blank' && <BlanksEditor draft={draft} update={update} note={note} />}
          {isOpenType(question.type) && (
            <Form.Item label={text.rubric} {...note('rubric')} extra={text.rubricSum(rubricSum, draft.points)}>
              {draft.rubric.map((criterion, index) => {
                const set = (patch: Partial<Criterion>) => update({ rubric: draft.rubric.map((c, i) => (i === index ? { ...c, ...patch } : c)) });
                return (
                  <div key={index} className="rubric-row">
                    <Input aria-label={text.criterion(index + 1)} placeholder={text.criterion(index + 1)} value={criterion.criterion} onChange={(e) => set({ criterion: e.target.value })} />
                    <InputNumber aria-label={text.criterionPoints(index + 1)} min={0.01} value={criterion.points} onChange={(value) => set({ points: value ?? 0 })} />
                    <Input aria-label={text.descriptor(index + 1)} placeholder={text.descriptor(index + 1)} value={criterion.descriptor ?? ''} onChange={(e) => set({ descriptor: e.target.value })} />
                    <Button aria-label={text.removeCriterion(index + 1)} icon={<DeleteOutlined />} onClick={() => update({ rubric: draft.rubric.filter((_, i) => i !== index) })} />
                  </div>
                );
              })}
              <Button icon={<PlusOutlined />} onClick={() => update({ rubric: [...draft.rubric, { criterion: '', points: 1 }] })}>
                {text.addCriterion}
              </Button>
            </Form.Item>
          )}
          <Form.Item label={text.reference} htmlFor="question-reference" {...note('referenceAnswer')}>
            <Input.TextArea id="question-reference" autoSize={{ minRows: 2 }} value={draft.referenceAnswer} onChange={(e) => update({ referenceAnswer: e.target.value })} />
          </Form.Item>
          <Form.Item label={text.explanation} htmlFor="question-explanation" {...note('explanation')}>
            <Input.TextArea id="question-explanation" autoSize={{ minRows: 1 }} value={draft.explanation} onChange={(e) => update({ explanation: e.target.value })} />
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
}

type Note = (field: string) => { validateStatus?: 'error'; help?: string };

function ChoiceEditor({ draft, multiple, update, note }: { draft: Draft; multiple: boolean; update: (patch: Partial<Draft>) => void; note: Note }) {
  const text = useText(TEXT);
  const chosen = new Set(multiple ? ((draft.answerKey as string[] | null) ?? []) : draft.answerKey ? [draft.answerKey as string] : []);
  const choose = (key: string, on: boolean) => {
    if (!multiple) return update({ answerKey: key });
    const next = new Set(chosen);
    if (on) next.add(key);
    else next.delete(key);
    update({ answerKey: [...next].sort() });
  };
  const help = [note('options').help, note('answerKey').help].filter(Boolean).join('; ');
  return (
    <Form.Item label={`${text.options} · ${text.answer}`} validateStatus={help ? 'error' : undefined} help={help || undefined}>
      {draft.options.map((option, index) => (
        <div key={index} className="option-row">
          {multiple ? (
            <Checkbox aria-label={`${text.answer} ${option.key}`} checked={chosen.has(option.key)} onChange={(e) => choose(option.key, e.target.checked)}>
              {option.key}
            </Checkbox>
          ) : (
            <Radio aria-label={`${text.answer} ${option.key}`} checked={chosen.has(option.key)} onChange={() => choose(option.key, true)}>
              {option.key}
            </Radio>
          )}
          <Input aria-label={text.optionText(option.key)} value={option.text} onChange={(e) => update({ options: draft.options.map((o, i) => (i === index ? { ...o, text: e.target.value } : o)) })} />
          <Button
            aria-label={text.removeOption(option.key)}
            icon={<DeleteOutlined />}
            onClick={() => {
              chosen.delete(option.key);
              update({ options: draft.options.filter((_, i) => i !== index), answerKey: multiple ? [...chosen] : chosen.size ? [...chosen][0] : null });
            }}
          />
        </div>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => update({ options: [...draft.options, { key: nextKey(draft.options), text: '' }] })}>
        {text.addOption}
      </Button>
    </Form.Item>
  );
}

function BlanksEditor({ draft, update, note }: { draft: Draft; update: (patch: Partial<Draft>) => void; note: Note }) {
  const text = useText(TEXT);
  const blanks = (draft.answerKey as string[][] | null) ?? [];
  const setBlanks = (next: string[][]) => update({ answerKey: next });
  return (
    <Form.Item label={text.blanks} extra={text.blankHint} {...note('answerKey')}>
      {blanks.map((accepted, index) => (
        <Input
          key={index}
          className="gap-bottom-small"
          aria-label={text.blank(index + 1)}
          addonBefore={text.blank(index + 1)}
          value={accepted.join('/')}
          onChange={(e) => setBlanks(blanks.map((b, i) => (i === index ? e.target.value.split('/').map((s) => s.trim()) : b)))}
        />
      ))}
      <Button icon={<PlusOutlined />} onClick={() => setBlanks([...blanks, ['']])}>
        {text.addBlank}
      </Button>
    </Form.Item>
  );
}
