import type { AnswerEntry, QuestionDraft, SectionDraft } from './drafts';
import { questionName, sectionName } from './drafts';
import type { ImportWarning } from './types';
import { warning } from './warnings';

interface Place {
  section: SectionDraft | null;
  question: QuestionDraft | undefined;
}

/** Where each answer-key entry belongs: by the key's own section heading, or by how the key is numbered. */
function placer(sections: SectionDraft[], entries: AnswerEntry[]): (entry: AnswerEntry) => Place {
  const numbered = sections.flatMap((s) => s.questions.flatMap((q) => (q.number === null ? [] : [q.number])));
  const globalNumbering = sections.length > 1 && new Set(numbered).size === numbered.length;
  // A key numbered 1..N straight through, for a paper that restarts its numbers in each section,
  // counts the questions of the whole paper.
  const headless = entries.filter((e) => !e.section && !e.orphan);
  const all = sections.flatMap((section) => section.questions.map((question) => ({ section, question })));
  const byPosition =
    !globalNumbering &&
    sections.length > 1 &&
    headless.length > 0 &&
    headless.every((e) => e.sectionByOrder === 0) &&
    Math.max(...headless.map((e) => e.number)) > sections[0].questions.length;

  const inSection = (section: SectionDraft | null, n: number): Place => {
    const only = section?.questions.length === 1 && section.questions[0].number === null && n === 1 ? section.questions[0] : undefined;
    return { section, question: section?.questions.find((q) => q.number === n) ?? only };
  };
  return (entry) => {
    if (entry.section || entry.orphan) return inSection(entry.section, entry.number);
    if (byPosition) return all[entry.number - 1] ?? { section: null, question: undefined };
    if (globalNumbering) return inSection(sections.find((s) => s.questions.some((q) => q.number === entry.number)) ?? null, entry.number);
    return inSection(sections[entry.sectionByOrder] ?? null, entry.number);
  };
}

/**
 * The attach stage: puts every entry of the answer keys (the key at the end of the paper, a key line
 * under a section) on its question. An answer under the question itself wins over the key's.
 * Returns the warnings for entries that fit no question or contradict the question's own answer.
 */
export function attachAnswerKeys(sections: SectionDraft[], entries: AnswerEntry[]): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  const place = placer(sections, entries);
  for (const entry of entries) {
    const { section, question } = place(entry);
    if (!section || !question) {
      warnings.push(warning(entry.line, 'answer_without_question', { number: entry.number, section: section ? `“${sectionName(section)}”` : '试卷' }));
      continue;
    }
    if (entry.answer) {
      if (question.answer && question.answer.lines.join('\n') !== entry.answer.lines.join('\n')) {
        warnings.push(warning(entry.line, 'answer_conflict', { q: questionName(section, question) }));
      } else {
        question.answer = entry.answer;
      }
    }
    if (entry.explanation) {
      question.explanation = question.explanation
        ? { line: question.explanation.line, lines: [...question.explanation.lines, ...entry.explanation.lines] }
        : entry.explanation;
    }
    question.competencies.push(...entry.competencies);
    question.rubric.push(...entry.rubric);
    question.rubricLine ??= entry.rubricLine;
  }
  return warnings;
}
