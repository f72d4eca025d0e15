/**
 * Time per question and where candidates stopped, estimated from when each answer was first saved
 * (responses.first_saved_at): the time a question took is the gap since the previous first save
 * of the attempt (or since the start, for the first one). An estimate: a candidate who reads
 * ahead or returns to a question is counted on the question they answered first. Pure.
 */
import { median } from '@assay/statistics';

/** One attempt's first saves: `firstSavedAt[i]` (ms since the epoch, or null) belongs to `questionIds[i]`. */
export interface AttemptSaves {
  startedAt: number;
  questionIds: readonly string[];
  firstSavedAt: readonly (number | null)[];
}

/** Visits each answered question of an attempt with the seconds it took, in answering order (no object per answer). */
function eachAnswerSeconds({ startedAt, questionIds, firstSavedAt }: AttemptSaves, visit: (questionId: string, seconds: number) => void): void {
  const answered: number[] = [];
  firstSavedAt.forEach((at, i) => at !== null && answered.push(i));
  answered.sort((x, y) => (firstSavedAt[x] as number) - (firstSavedAt[y] as number));
  let previous = startedAt;
  for (const i of answered) {
    const at = firstSavedAt[i] as number;
    visit(questionIds[i], Math.max(0, (at - previous) / 1000));
    previous = at;
  }
}

/** Seconds each answered question took in one attempt, in the order they were answered. */
export function answerSeconds(saves: AttemptSaves): { questionId: string; seconds: number }[] {
  const out: { questionId: string; seconds: number }[] = [];
  eachAnswerSeconds(saves, (questionId, seconds) => out.push({ questionId, seconds }));
  return out;
}

export interface QuestionTime {
  questionId: string;
  /** Attempts in which the question was answered. */
  answered: number;
  medianSeconds: number | null;
}

/** Median seconds per question over attempts, in `questionOrder`. */
export function questionTimes(questionOrder: readonly string[], attempts: readonly AttemptSaves[]): QuestionTime[] {
  const byQuestion = new Map<string, number[]>(questionOrder.map((id) => [id, []]));
  for (const attempt of attempts) eachAnswerSeconds(attempt, (questionId, seconds) => byQuestion.get(questionId)?.push(seconds));
  return questionOrder.map((questionId) => {
    const seconds = byQuestion.get(questionId) ?? [];
    return { questionId, answered: seconds.length, medianSeconds: median(seconds) };
  });
}

export interface SectionDropOff {
  sectionId: string;
  title: string;
  /** Attempts that answered something in this section or a later one. */
  reached: number;
  /** Of those, attempts whose last answer is in this section and that the candidate did not submit (the deadline did). */
  leftHere: number;
}

/**
 * Drop-off per section: how many candidates got to each section, and how many stopped in it
 * without submitting. `furthest` is each attempt's furthest answered section index (-1 for none).
 */
export function sectionDropOff(sections: readonly { sectionId: string; title: string }[], attempts: readonly { furthest: number; submittedByCandidate: boolean }[]): SectionDropOff[] {
  return sections.map((section, index) => ({
    ...section,
    reached: attempts.filter((a) => a.furthest >= index).length,
    leftHere: attempts.filter((a) => a.furthest === index && !a.submittedByCandidate).length,
  }));
}
