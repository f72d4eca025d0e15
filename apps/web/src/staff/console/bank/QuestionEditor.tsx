import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { OPEN_KINDS, QUESTION_TYPES, isObjective, type QuestionType } from '@assay/contracts';
import { Alert, Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Spin } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useLocale, useText, type Texts } from '../../i18n';
import { staffApi } from '../../staff-api';
import { CatalogSelect } from '../CatalogSelect';
import { KIND_LABELS, TYPE_LABELS } from '../labels';
import { call, showFieldErrors } from '../problems';
import { ErrorAlert } from '../ui';
import { formValues, isChoice, optionKey, questionBody, rubricTotal, startingValues, type Question, type QuestionFormValues } from './question-form';

const MAX_OPTIONS = 8;
const FIELDS = ['type', 'kind', 'stem', 'options', 'answerKey', 'referenceAnswer', 'explanation', 'rubric', 'points', 'difficulty', 'tags', 'competencyIds', 'jobRoleIds'];

const TEXT: Texts<{
  newTitle: string;
  editTitle: string;
  back: string;
  type: string;
  kind: string;
  stem: string;
  stemHelp: string;
  fillStemHelp: string;
  options: string;
  option: (key: string) => string;
  addOption: string;
  removeOption: (key: string) => string;
  answer: string;
  answerRequired: string;
  multipleRequired: string;
  isTrue: string;
  isFalse: string;
  blanks: string;
  blank: (n: number) => string;
  blankHelp: string;
  blankCount: (marked: number, blanks: number) => string;
  addBlank: string;
  removeBlank: (n: number) => string;
  referenceAnswer: string;
  referenceHelp: string;
  rubric: string;
  criterion: (n: number) => string;
  criterionPoints: (n: number) => string;
  descriptor: (n: number) => string;
  addCriterion: string;
  removeCriterion: (n: number) => string;
  rubricTotal: (total: number, points: number) => string;
  useTotal: string;
  explanation: string;
  explanationHelp: string;
  points: string;
  difficulty: string;
  difficultyLevels: string[];
  tags: string;
  tagsHelp: string;
  competencies: string;
  jobRoles: string;
  save: string;
  required: string;
  optionRequired: string;
  pointsRule: string;
}> = {
  'zh-CN': {
    newTitle: '新建题目',
    editTitle: '编辑题目',
    back: '返回题库',
    type: '题型',
    kind: '开放题类别',
    stem: '题干',
    stemHelp: '支持 Markdown。',
    fillStemHelp: '支持 Markdown;用 ___ 标出每个空的位置。',
    options: '选项',
    option: (key) => `选项 ${key}`,
    addOption: '添加选项',
    removeOption: (key) => `删除选项 ${key}`,
    answer: '正确答案',
    answerRequired: '请选择正确答案',
    multipleRequired: '请至少选择一个正确选项',
    isTrue: '正确',
    isFalse: '错误',
    blanks: '每空的可接受答案',
    blank: (n) => `第 ${n} 空`,
    blankHelp: '同一空的多个可接受答案用 / 分隔,如"30 / 三十";比较时忽略全半角、大小写和空格。',
    addBlank: '添加一空',
    blankCount: (marked, blanks) => `题干中标出了 ${marked} 个空(___),这里有 ${blanks} 个空的答案:请让两者一致,候选人看到的空数以答案为准。`,
    removeBlank: (n) => `删除第 ${n} 空`,
    referenceAnswer: '参考答案',
    referenceHelp: '给阅卷人看,候选人看不到。把要点编号写(1. … 2. …),阅卷时会逐条提示答案是否覆盖了每个要点。',
    rubric: '评分标准',
    criterion: (n) => `评分项 ${n}`,
    criterionPoints: (n) => `评分项 ${n} 分值`,
    descriptor: (n) => `评分项 ${n} 给分说明`,
    addCriterion: '添加评分项',
    removeCriterion: (n) => `删除评分项 ${n}`,
    rubricTotal: (total, points) => `评分项合计 ${total} 分,题目分值 ${points} 分`,
    useTotal: '把题目分值设为合计',
    explanation: '解析',
    explanationHelp: '给阅卷人和招聘方看,候选人看不到。',
    points: '分值',
    difficulty: '难度',
    difficultyLevels: ['1 很容易', '2 容易', '3 中等', '4 难', '5 很难'],
    tags: '标签',
    tagsHelp: '多个标签用逗号或顿号分隔,如"售后、投诉"。',
    competencies: '考察点',
    jobRoles: '适用岗位',
    save: '保存',
    required: '请填写此项',
    optionRequired: '请填写选项内容',
    pointsRule: '分值须大于 0',
  },
  en: {
    newTitle: 'New question',
    editTitle: 'Edit question',
    back: 'Back to the bank',
    type: 'Type',
    kind: 'Kind of open question',
    stem: 'Stem',
    stemHelp: 'Markdown is supported.',
    fillStemHelp: 'Markdown is supported; mark each blank with ___.',
    options: 'Options',
    option: (key) => `Option ${key}`,
    addOption: 'Add option',
    removeOption: (key) => `Remove option ${key}`,
    answer: 'Correct answer',
    answerRequired: 'Choose the correct answer',
    multipleRequired: 'Choose at least one correct option',
    isTrue: 'True',
    isFalse: 'False',
    blanks: 'Accepted answers per blank',
    blank: (n) => `Blank ${n}`,
    blankHelp: 'Separate several accepted answers of one blank with /, e.g. "30 / thirty"; width, case and spaces are ignored.',
    addBlank: 'Add blank',
    blankCount: (marked, blanks) => `The stem marks ${marked} blanks (___) and there are answers for ${blanks}: make them agree; candidates get as many blanks as there are answers.`,
    removeBlank: (n) => `Remove blank ${n}`,
    referenceAnswer: 'Reference answer',
    referenceHelp: 'For graders; candidates never see it. Number its key points (1. … 2. …): graders are shown which ones an answer covers.',
    rubric: 'Rubric',
    criterion: (n) => `Criterion ${n}`,
    criterionPoints: (n) => `Points of criterion ${n}`,
    descriptor: (n) => `What earns criterion ${n}`,
    addCriterion: 'Add criterion',
    removeCriterion: (n) => `Remove criterion ${n}`,
    rubricTotal: (total, points) => `Criteria add up to ${total}; the question is worth ${points}`,
    useTotal: 'Set the points to the total',
    explanation: 'Explanation',
    explanationHelp: 'For graders and recruiters; candidates never see it.',
    points: 'Points',
    difficulty: 'Difficulty',
    difficultyLevels: ['1 very easy', '2 easy', '3 medium', '4 hard', '5 very hard'],
    tags: 'Tags',
    tagsHelp: 'Separate several tags with commas, e.g. "after-sales, complaints".',
    competencies: 'Competencies',
    jobRoles: 'Job roles',
    save: 'Save',
    required: 'Fill this in',
    optionRequired: 'Fill in the option',
    pointsRule: 'Points must be above 0',
  },
};

/** The API names an option's key and a list's item; the form shows them on the option's text and on the list. */
function formField(field: string): string {
  return field.replace(/^(options\[\d+\])\.key$/, '$1.text').replace(/^(competencyIds|jobRoleIds|tags)\[\d+\]$/, '$1');
}

/** /staff/bank/new and /staff/bank/:id: one form for every question type, with its own inputs. */
export function QuestionEditor() {
  const { id } = useParams();
  const question = useQuery({ queryKey: ['question', id], enabled: !!id, queryFn: () => call(staffApi.GET('/api/v1/questions/{id}', { params: { path: { id: id as string } } })) });
  if (id && question.error) return <ErrorAlert error={question.error} />;
  if (id && !question.data) return <Spin />;
  return <QuestionForm key={id ?? 'new'} question={question.data ?? null} />;
}

function QuestionForm({ question }: { question: Question | null }) {
  const text = useText(TEXT);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<QuestionFormValues>();
  const [unplaced, setUnplaced] = useState<{ field: string; reason: string }[]>([]);
  const type = Form.useWatch('type', form) ?? question?.type ?? 'single_choice';
  const options = Form.useWatch('options', form) ?? [];
  const rubric = Form.useWatch('rubric', form);
  const points = Form.useWatch('points', form) ?? 0;
  const stem = Form.useWatch('stem', form) ?? '';
  const answers = Form.useWatch('answerKey', form);
  const markedBlanks = (stem.match(/_{3,}/g) ?? []).length;
  const save = useMutation({
    mutationFn: (values: QuestionFormValues) => {
      const body = questionBody(values);
      return question ? call(staffApi.PATCH('/api/v1/questions/{id}', { params: { path: { id: question.id } }, body })) : call(staffApi.POST('/api/v1/questions', { body }));
    },
    onSuccess: async (saved) => {
      await client.invalidateQueries({ queryKey: ['questions'] });
      client.setQueryData(['question', saved.id], saved);
      void navigate('/staff/bank', { state: { saved: saved.stem } });
    },
    onError: (error) => setUnplaced(showFieldErrors(form, error, FIELDS, formField)),
  });
  const initial: QuestionFormValues = question
    ? formValues(question)
    : { type: 'single_choice', stem: '', points: 2, difficulty: 3, tags: '', competencyIds: [], jobRoleIds: [], explanation: '', referenceAnswer: '', ...startingValues('single_choice') };
  const total = rubricTotal(rubric);
  const required = { required: true, whitespace: true, message: text.required };

  return (
    <section className="console console-narrow">
      <Link to="/staff/bank">← {text.back}</Link>
      <h1 className="console-title gap">{question ? text.editTitle : text.newTitle}</h1>
      <Form<QuestionFormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={initial}
        onValuesChange={(changed: Partial<QuestionFormValues>) => {
          if (changed.type) form.setFieldsValue(startingValues(changed.type));
        }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item label={text.type} name="type">
          <Select<QuestionType> options={QUESTION_TYPES.map((value) => ({ value, label: TYPE_LABELS[locale][value] }))} />
        </Form.Item>
        {!isObjective(type) && (
          <Form.Item label={text.kind} name="kind">
            <Select options={OPEN_KINDS.map((value) => ({ value, label: KIND_LABELS[locale][value] }))} />
          </Form.Item>
        )}
        <Form.Item label={text.stem} name="stem" extra={type === 'fill_blank' ? text.fillStemHelp : text.stemHelp} rules={[required]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
        </Form.Item>

        {isChoice(type) && (
          <>
            <Form.List name="options">
              {(fields, { add, remove }, { errors }) => (
                <fieldset className="console-fieldset">
                  <legend>{text.options}</legend>
                  {fields.map((field, index) => (
                    <div className="console-row" key={field.key}>
                      <span className="console-option-key" aria-hidden>
                        {optionKey(index)}.
                      </span>
                      <Form.Item className="console-grow" name={[field.name, 'text']} rules={[{ required: true, whitespace: true, message: text.optionRequired }]}>
                        <Input aria-label={text.option(optionKey(index))} />
                      </Form.Item>
                      <Button aria-label={text.removeOption(optionKey(index))} disabled={fields.length <= 2} onClick={() => remove(field.name)}>
                        ×
                      </Button>
                    </div>
                  ))}
                  <Form.ErrorList errors={errors} />
                  <Button disabled={fields.length >= MAX_OPTIONS} onClick={() => add({ text: '' })}>
                    {text.addOption}
                  </Button>
                </fieldset>
              )}
            </Form.List>
            <Form.Item
              label={text.answer}
              name="answerKey"
              rules={[type === 'multiple_choice' ? { required: true, type: 'array', min: 1, message: text.multipleRequired } : { required: true, message: text.answerRequired }]}
            >
              {type === 'single_choice' ? (
                <Radio.Group options={options.map((_, index) => ({ value: optionKey(index), label: optionKey(index) }))} />
              ) : (
                <Checkbox.Group options={options.map((_, index) => ({ value: optionKey(index), label: optionKey(index) }))} />
              )}
            </Form.Item>
          </>
        )}

        {type === 'true_false' && (
          <Form.Item label={text.answer} name="answerKey" rules={[{ required: true, message: text.answerRequired }]}>
            <Radio.Group
              options={[
                { value: true, label: text.isTrue },
                { value: false, label: text.isFalse },
              ]}
            />
          </Form.Item>
        )}

        {type === 'fill_blank' && (
          <Form.List name="answerKey">
            {(fields, { add, remove }, { errors }) => (
              <fieldset className="console-fieldset">
                <legend>{text.blanks}</legend>
                <p className="console-help">{text.blankHelp}</p>
                {fields.map((field, index) => (
                  <div className="console-row" key={field.key}>
                    <Form.Item className="console-grow" name={field.name} rules={[required]}>
                      <Input aria-label={text.blank(index + 1)} placeholder={text.blank(index + 1)} />
                    </Form.Item>
                    <Button aria-label={text.removeBlank(index + 1)} disabled={fields.length <= 1} onClick={() => remove(field.name)}>
                      ×
                    </Button>
                  </div>
                ))}
                <Form.ErrorList errors={errors} />
                {markedBlanks > 0 && Array.isArray(answers) && markedBlanks !== fields.length && <Alert className="gap-bottom" type="warning" showIcon title={text.blankCount(markedBlanks, fields.length)} />}
                <Button onClick={() => add('')}>{text.addBlank}</Button>
              </fieldset>
            )}
          </Form.List>
        )}

        {!isObjective(type) && (
          <>
            <Form.Item label={text.referenceAnswer} name="referenceAnswer" extra={text.referenceHelp}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
            </Form.Item>
            <Form.List name="rubric">
              {(fields, { add, remove }, { errors }) => (
                <fieldset className="console-fieldset">
                  <legend>{text.rubric}</legend>
                  {fields.map((field, index) => (
                    <div key={field.key} className="console-criterion">
                      <div className="console-row">
                        <Form.Item className="console-grow" name={[field.name, 'criterion']} rules={[required]}>
                          <Input aria-label={text.criterion(index + 1)} placeholder={text.criterion(index + 1)} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'points']} rules={[{ required: true, type: 'number', min: 0.01, message: text.pointsRule }]}>
                          <InputNumber aria-label={text.criterionPoints(index + 1)} min={0} step={1} precision={2} className="console-points" />
                        </Form.Item>
                        <Button aria-label={text.removeCriterion(index + 1)} onClick={() => remove(field.name)}>
                          ×
                        </Button>
                      </div>
                      <Form.Item name={[field.name, 'descriptor']}>
                        <Input aria-label={text.descriptor(index + 1)} placeholder={text.descriptor(index + 1)} />
                      </Form.Item>
                    </div>
                  ))}
                  <Form.ErrorList errors={errors} />
                  <Space wrap>
                    <Button onClick={() => add({ criterion: '', points: null })}>{text.addCriterion}</Button>
                    {fields.length > 0 && total !== points && (
                      <Button onClick={() => form.setFieldValue('points', total)} disabled={total <= 0}>
                        {text.useTotal}
                      </Button>
                    )}
                  </Space>
                  {fields.length > 0 && <Alert className="gap" type={total === points ? 'success' : 'warning'} showIcon title={text.rubricTotal(total, points)} />}
                </fieldset>
              )}
            </Form.List>
          </>
        )}

        <Form.Item label={text.explanation} name="explanation" extra={text.explanationHelp}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item label={text.points} name="points" rules={[{ required: true, type: 'number', min: 0.01, message: text.pointsRule }]}>
            <InputNumber min={0} step={1} precision={2} />
          </Form.Item>
          <Form.Item label={text.difficulty} name="difficulty">
            <Select className="console-difficulty" options={text.difficultyLevels.map((label, index) => ({ value: index + 1, label }))} />
          </Form.Item>
        </Space>
        <Form.Item label={text.tags} name="tags" extra={text.tagsHelp}>
          <Input />
        </Form.Item>
        <Form.Item label={text.competencies} name="competencyIds">
          <CatalogSelect kind="competencies" multiple known={question?.competencies} />
        </Form.Item>
        <Form.Item label={text.jobRoles} name="jobRoleIds">
          <CatalogSelect kind="job-roles" multiple known={question?.jobRoles} />
        </Form.Item>
        {save.error && <ErrorAlert error={save.error} fieldErrors={unplaced} />}
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {text.save}
        </Button>
      </Form>
    </section>
  );
}
