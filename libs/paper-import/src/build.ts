import { parseChoiceAnswer, parseFillBlankAnswer, parseTrueFalseAnswer } from './answers';
import { attachAnswerKeys } from './attach-keys';
import { questionName, sectionName } from './drafts';
import type { QuestionDraft, SectionDraft } from './drafts';
import type { Header } from './header';
import type { ParsedDocument } from './parser';
import { countBlanks } from './questions';
import { kindFromTitle, typeFromTitle } from './type-words';
import type { TypeHint } from './type-words';
import { isObjective, type AnswerKey, type OpenKind, type QuestionType } from '@assay/contracts';
import type { DroppedLine, ImportedQuestion, ImportedSection, ImportWarning, ReadPaper } from './types';
import type { SourceLine } from './normalise';
import { quote, warning } from './warnings';

const TYPE_NAMES: Record<QuestionType, string> = {
  single_choice: '单选题',
  multiple_choice: '多选题',
  true_false: '判断题',
  fill_blank: '填空题',
  short_answer: '简答题',
  essay: '论述题',
};

interface Context {
  warnings: ImportWarning[];
}

function isDeclared(s: SectionDraft): boolean {
  const d = s.heading?.declaration;
  return d !== undefined && (d.count !== null || d.pointsEach !== null || d.total !== null || d.pointsPerBlank !== null);
}

/** Sections of articles that happen to be numbered like papers ("一、岗位解析 1.用户体验守护者:…") hold no questions. */
function holdsQuestions(s: SectionDraft): boolean {
  if (!s.heading || isDeclared(s) || typeFromTitle(s.heading.titleNorm)) return true;
  return s.questions.some((q) => q.asks || q.hint !== null || q.options.length > 0 || q.answer !== null || q.competencies.length > 0);
}

function isGroupHeading(s: SectionDraft): boolean {
  return s.questions.length === 0 && s.stray.length === 0 && !isDeclared(s) && !typeFromTitle(s.heading?.titleNorm ?? '');
}

function resolveHint(q: QuestionDraft, sectionHint: TypeHint | null, sectionKind: OpenKind | null): { type: QuestionType; kind: OpenKind | null } {
  const hint = q.hint ?? sectionHint;
  const answer = q.answer?.lines[0] ?? '';
  const choice = (): QuestionType => ((parseChoiceAnswer(answer)?.key.length ?? 0) > 1 ? 'multiple_choice' : 'single_choice');
  // A label of its own ("2.常识题:") says more about the question than the section title does.
  const open = (kind: OpenKind): { type: QuestionType; kind: OpenKind } => ({
    type: kind === 'short_answer' ? 'short_answer' : 'essay',
    kind: kind === 'other' && !q.hint ? (sectionKind ?? 'other') : kind,
  });
  if (hint?.type === 'choice') return { type: choice(), kind: null };
  if (hint?.type === 'open') return open(hint.kind);
  if (hint && hint.type !== 'objective') return isObjective(hint.type) ? { type: hint.type, kind: null } : open(hint.kind ?? 'essay');
  // No type word: the content decides.
  if (q.options.length > 0) return { type: choice(), kind: null };
  if (answer !== '' && parseTrueFalseAnswer(answer)) return { type: 'true_false', kind: null };
  if (hint?.type === 'objective' || (answer !== '' && countBlanks(q.stem.join('\n')) > 0)) return { type: 'fill_blank', kind: null };
  return open(sectionKind ?? 'other');
}

function joined(lines: string[] | undefined): string | null {
  const text = (lines ?? []).join('\n').trim();
  return text === '' ? null : text;
}

/** True/false written as options "A.正确 B.错误": the answer "A" means the option's word. */
function optionText(q: QuestionDraft, answer: string): string | null {
  const key = parseChoiceAnswer(answer)?.key;
  return key?.length === 1 ? (q.options.find((o) => o.key === key[0])?.text ?? null) : null;
}

/**
 * "A.正确 B.错误" under a true/false question only spell out its two answers: once the letter is read
 * as true or false they carry nothing more, and a true/false question has no options (the bank
 * refuses one that has them).
 */
function onlyTrueFalseWords(q: QuestionDraft): boolean {
  return q.options.every((o) => parseTrueFalseAnswer(o.text)?.rest === '');
}

function buildQuestion(s: SectionDraft, q: QuestionDraft, pointsEach: number | null, ctx: Context): ImportedQuestion {
  const titleNorm = s.heading?.titleNorm ?? '';
  const { type, kind } = resolveHint(q, typeFromTitle(titleNorm), kindFromTitle(titleNorm));
  const name = questionName(s, q);
  const explanation: string[] = [];
  let answer: AnswerKey | null = null;
  let referenceAnswer: string | null = null;
  const answerLines = q.answer?.lines ?? [];
  const answerLine = q.answer?.line ?? q.line;
  const blanks = countBlanks(q.stem.join('\n'));

  if (isObjective(type) && answerLines.length > 0) {
    const first = answerLines[0];
    let rest = '';
    if (type === 'single_choice' || type === 'multiple_choice') {
      const parsed = parseChoiceAnswer(first);
      if (parsed) {
        // "答案:B.倾听" repeats the option's text: that is no explanation.
        const echoed = parsed.key.map((k) => q.options.find((o) => o.key === k)?.text).join('');
        rest = parsed.rest === echoed ? '' : parsed.rest;
        answer = type === 'single_choice' ? parsed.key[0] : parsed.key;
        if (type === 'single_choice' && parsed.key.length > 1) {
          ctx.warnings.push(warning(answerLine, 'answer_type_mismatch', { q: name, answer: parsed.key.join(''), type: TYPE_NAMES[type] }));
        }
        const missing = parsed.key.filter((k) => !q.options.some((o) => o.key === k));
        if (missing.length > 0 && q.options.length > 0) {
          ctx.warnings.push(warning(answerLine, 'answer_not_in_options', { q: name, answer: missing.join(',') }));
        }
      }
    } else if (type === 'true_false') {
      const parsed = parseTrueFalseAnswer(optionText(q, first) ?? first);
      if (parsed) {
        answer = parsed.key;
        rest = parsed.rest;
      }
    } else {
      answer = parseFillBlankAnswer(first);
      if (blanks > 0 && blanks !== answer.length) {
        ctx.warnings.push(warning(answerLine, 'blank_count_mismatch', { q: name, blanks, answers: answer.length }));
      }
      if (answer.length === 0) answer = null;
    }
    if (answer === null) ctx.warnings.push(warning(answerLine, 'unreadable_answer', { q: name, answer: first }));
    else explanation.push(...(rest === '' ? [] : [rest]), ...answerLines.slice(1));
  } else if (!isObjective(type)) {
    referenceAnswer = joined(answerLines);
  }
  explanation.push(...(q.explanation?.lines ?? []));

  if (isObjective(type) && answer === null && answerLines.length === 0) {
    ctx.warnings.push(warning(q.line, 'missing_answer', { q: name }));
  }
  if (!isObjective(type) && referenceAnswer === null) {
    ctx.warnings.push(warning(q.line, 'missing_reference_answer', { q: name }));
  }
  if ((type === 'single_choice' || type === 'multiple_choice') && q.options.length < 2) {
    ctx.warnings.push(warning(q.line, 'missing_options', { q: name, found: q.options.length }));
  }
  const perBlank = s.heading?.declaration.pointsPerBlank ?? null;
  const points = q.points ?? (perBlank !== null && blanks > 0 ? perBlank * blanks : pointsEach);
  const rubricSum = q.rubric.reduce((sum, r) => sum + r.points, 0);
  if (q.rubric.length > 0 && points !== null && Math.abs(rubricSum - points) > 1e-9) {
    ctx.warnings.push(warning(q.rubricLine ?? q.line, 'rubric_points_mismatch', { q: name, sum: rubricSum, points }));
  }
  return {
    type,
    kind: isObjective(type) ? null : kind,
    stem: q.stem.join('\n').trim(),
    options: type === 'true_false' && onlyTrueFalseWords(q) ? [] : q.options,
    answerKey: answer,
    referenceAnswer,
    explanation: joined(explanation),
    competencies: [...new Set(q.competencies)],
    rubric: q.rubric,
    points,
    line: q.line,
  };
}

function sectionType(s: SectionDraft, questions: ImportedQuestion[]): QuestionType | null {
  const hint = typeFromTitle(s.heading?.titleNorm ?? '');
  if (hint && hint.type !== 'choice' && hint.type !== 'objective' && hint.type !== 'open') return hint.type;
  const types = new Set(questions.map((q) => q.type));
  return types.size === 1 ? [...types][0] : null;
}

/** The sum, or null when any part is unknown (a total cannot be checked against a guess). */
function sumOrNull(values: (number | null)[]): number | null {
  let sum = 0;
  for (const v of values) {
    if (v === null) return null;
    sum += v;
  }
  return sum;
}

function buildSection(s: SectionDraft, ctx: Context): { section: ImportedSection; intended: number | null } {
  const d = s.heading?.declaration ?? { count: null, pointsEach: null, total: null, pointsPerBlank: null };
  const found = s.questions.length;
  const name = sectionName(s);
  let pointsEach = d.pointsEach;
  if (pointsEach === null && d.total !== null) {
    const count = d.count ?? found;
    if (count > 0) pointsEach = d.total / count;
  }
  if (d.count !== null && d.count !== found) {
    ctx.warnings.push(warning(s.line, 'count_mismatch', { section: name, declared: d.count, found }));
  }
  if (d.count !== null && d.pointsEach !== null && d.total !== null && d.count * d.pointsEach !== d.total) {
    ctx.warnings.push(warning(s.line, 'section_points_inconsistent', { section: name, count: d.count, each: d.pointsEach, total: d.total }));
  }
  let expected = 1;
  for (const q of s.questions) {
    if (q.number === null) continue;
    if (q.number > expected) ctx.warnings.push(warning(q.line, 'numbering_gap', { section: name, expected, found: q.number }));
    expected = q.number + 1;
  }
  const questions = s.questions.map((q) => buildQuestion(s, q, pointsEach, ctx));
  if (pointsEach === null && d.pointsPerBlank === null && questions.some((q) => q.points === null)) {
    ctx.warnings.push(warning(s.line, 'section_without_points', { section: name }));
  }
  const intended =
    d.total ?? (pointsEach !== null ? (d.count ?? found) * pointsEach : sumOrNull(questions.map((q) => q.points)));
  return {
    section: { title: s.heading?.title ?? '', type: sectionType(s, questions), declaredCount: d.count, pointsEach, questions },
    intended,
  };
}

/** Turns the parsed drafts into the interchange format and checks them against each other. */
export function buildPaper(doc: ParsedDocument, header: Header): ReadPaper {
  const ctx: Context = { warnings: [] };
  const dropped: DroppedLine[] = [];
  const drop = (lines: SourceLine[], reason: DroppedLine['reason']) => dropped.push(...lines.map((l) => ({ line: l.no, text: l.raw, reason })));
  drop(doc.instructions, 'instruction');
  drop(doc.structure, 'structure');
  const kept: SectionDraft[] = [];
  for (const s of doc.sections) {
    if (isGroupHeading(s)) {
      drop(s.lines, 'structure');
      continue;
    }
    if (holdsQuestions(s)) {
      kept.push(s);
      for (const line of s.stray) ctx.warnings.push(warning(line.no, 'unplaced_line', { text: quote(line.raw) }));
      continue;
    }
    const lines = s.stray.length + s.questions.reduce((n, q) => n + q.stem.length, 0);
    ctx.warnings.push(warning(s.line, 'non_question_text', { section: sectionName(s), lines }));
    drop(s.lines.filter((l) => l.no !== s.line), 'not_a_question');
  }
  ctx.warnings.push(...attachAnswerKeys(kept, doc.entries));

  const built = kept.map((s) => buildSection(s, ctx));
  const sections = built.map((b) => b.section);
  const sum = sumOrNull(built.map((b) => b.intended));
  if (header.totalPoints !== null && sum !== null) {
    if (Math.abs(sum - header.totalPoints) > 1e-9) {
      ctx.warnings.push(warning(header.totalLine ?? 1, 'total_mismatch', { sum, total: header.totalPoints }));
    }
  }
  if (header.titleLine === null) ctx.warnings.push(warning(1, 'missing_title'));
  if (sections.every((s) => s.questions.length === 0)) ctx.warnings.push(warning(1, 'no_questions'));
  for (const line of [...header.rest, ...doc.unplaced]) ctx.warnings.push(warning(line.no, 'unplaced_line', { text: quote(line.raw) }));
  for (const line of doc.unknownAnswerSections) ctx.warnings.push(warning(line.no, 'unknown_answer_section', { text: quote(line.raw) }));
  for (const item of doc.unreadableRubric) ctx.warnings.push(warning(item.line, 'unreadable_rubric', { text: quote(item.text) }));

  return {
    title: header.title,
    durationMinutes: header.durationMinutes,
    totalPoints: header.totalPoints,
    sections,
    warnings: ctx.warnings,
    dropped,
    // Filled by importPaper, which sees the boilerplate and the header too.
    readings: [],
  };
}

