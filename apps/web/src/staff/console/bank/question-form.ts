import { CHOICE_QUESTION_TYPES, isObjective, type OpenKind, type QuestionType, type RubricCriterion } from '@assay/contracts';
import type { components } from '../../../api/schema';

export type Question = components['schemas']['QuestionResponse'];
export type QuestionBody = components['schemas']['CreateQuestionDto'];

/**
 * The question form's values. Option keys are not typed by the user: they are the letters of
 * the options' order (A, B, C...). `answerKey` holds what the type's input holds: an option key,
 * option keys, a boolean, or one text per blank with its accepted answers separated by "/".
 */
export interface QuestionFormValues {
  type: QuestionType;
  kind?: OpenKind | null;
  stem: string;
  options: { text: string }[];
  answerKey?: string | string[] | boolean | null;
  referenceAnswer?: string;
  explanation?: string;
  rubric: { criterion: string; points: number | null; descriptor?: string }[];
  points: number;
  difficulty: number;
  /** Tags as typed: separated by commas or 、. */
  tags: string;
  competencyIds: string[];
  jobRoleIds: string[];
}

export const optionKey = (index: number) => String.fromCharCode(65 + index);
export const isChoice = (type: QuestionType) => CHOICE_QUESTION_TYPES.includes(type);
export const ACCEPTED_SEPARATOR = /[/／]/;

/** What a new question of the type starts with (also what a change of type resets to). */
export function startingValues(type: QuestionType): Pick<QuestionFormValues, 'options' | 'answerKey' | 'rubric' | 'kind'> {
  return {
    options: isChoice(type) ? [{ text: '' }, { text: '' }, { text: '' }, { text: '' }] : [],
    answerKey: type === 'multiple_choice' ? [] : type === 'fill_blank' ? [''] : undefined,
    rubric: isObjective(type) ? [] : [{ criterion: '', points: null }],
    kind: isObjective(type) ? null : type,
  };
}

/** A bank question as the form's values. */
export function formValues(question: Question): QuestionFormValues {
  const key = question.answerKey;
  return {
    type: question.type,
    kind: question.kind,
    stem: question.stem,
    options: question.options.map((option) => ({ text: option.text })),
    answerKey: question.type === 'fill_blank' ? ((key as string[][] | null) ?? [[]]).map((accepted) => accepted.join(' / ')) : (key as string | string[] | boolean | null),
    referenceAnswer: question.referenceAnswer ?? '',
    explanation: question.explanation ?? '',
    rubric: question.rubric.map((c) => ({ criterion: c.criterion, points: c.points, descriptor: c.descriptor })),
    points: question.points,
    difficulty: question.difficulty,
    tags: question.tags.join(', '),
    competencyIds: question.competencies.map((c) => c.id),
    jobRoleIds: question.jobRoles.map((r) => r.id),
  };
}

const textOrNull = (text: string | undefined) => (text?.trim() ? text.trim() : null);

/**
 * The whole question for POST or PATCH: every field is sent, so a change of type never leaves
 * the old type's options, key, kind or rubric behind (PATCH revalidates the whole question).
 */
export function questionBody(values: QuestionFormValues): QuestionBody {
  const { type } = values;
  const objective = isObjective(type);
  return {
    type,
    kind: objective ? null : (values.kind ?? null),
    stem: values.stem.trim(),
    options: isChoice(type) ? values.options.map((option, index) => ({ key: optionKey(index), text: option.text.trim() })) : [],
    answerKey: answerKeyOf(values),
    referenceAnswer: objective ? null : textOrNull(values.referenceAnswer),
    explanation: textOrNull(values.explanation),
    rubric: objective ? [] : values.rubric.map(criterionOf),
    points: values.points,
    difficulty: values.difficulty,
    tags: [...new Set(values.tags.split(/[,,、;;]/).map((tag) => tag.trim()).filter(Boolean))],
    competencyIds: values.competencyIds,
    jobRoleIds: values.jobRoleIds,
  };
}

function criterionOf(c: QuestionFormValues['rubric'][number]): RubricCriterion {
  return { criterion: c.criterion.trim(), points: c.points ?? 0, ...(c.descriptor?.trim() ? { descriptor: c.descriptor.trim() } : {}) };
}

function answerKeyOf({ type, answerKey }: QuestionFormValues): QuestionBody['answerKey'] {
  if (answerKey === undefined || answerKey === null) return null;
  switch (type) {
    case 'single_choice':
    case 'true_false':
      return answerKey as string | boolean;
    case 'multiple_choice':
      return (answerKey as string[]).length > 0 ? [...(answerKey as string[])].sort() : null;
    case 'fill_blank':
      return (answerKey as string[]).map((blank) => blank.split(ACCEPTED_SEPARATOR).map((accepted) => accepted.trim()).filter(Boolean));
    default:
      return null;
  }
}

/** The rubric's total, to compare with the question's points. */
export const rubricTotal = (rubric: QuestionFormValues['rubric'] | undefined) => Math.round((rubric ?? []).reduce((sum, c) => sum + (c?.points ?? 0), 0) * 100) / 100;
