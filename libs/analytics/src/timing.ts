/**
 * Time per question and where candidates stopped, estimated from when each answer was first saved
 * (responses.first_saved_at): the time a question took is the gap since the previous first save
 * of the attempt (or since the start, for the first one). An estimate: a candidate who reads
 * ahead or returns to a question is counted on the question they answered first. Pure.
 */
import { median } from '@assay/statistics';

export interface FirstSave {
  questionId: string;
  firstSavedAt: Date | null;
}

/** Seconds each answered question took in one attempt, in the order they were answered. */
export function answerSeconds(startedAt: Date, saves: readonly FirstSave[]): { questionId: string; seconds: number }[] {
  const answered = saves.filter((s): s is { questionId: string; firstSavedAt: Date } => s.firstSavedAt !== null).sort((a, b) => a.firstSavedAt.getTime() - b.firstSavedAt.getTime());
  return answered.map((save, i) => ({
    questionId: save.questionId,
    seconds: Math.max(0, (save.firstSavedAt.getTime() - (i === 0 ? startedAt : answered[i - 1].firstSavedAt).getTime()) / 1000),
  }));
}

export interface QuestionTime {
  questionId: string;
  /** Attempts in which the question was answered. */
  answered: number;
  medianSeconds: number | null;
}

/** Median seconds per question over attempts, in `questionOrder`. */
export function questionTimes(questionOrder: readonly string[], perAttempt: readonly { questionId: string; seconds: number }[][]): QuestionTime[] {
  const byQuestion = new Map<string, number[]>(questionOrder.map((id) => [id, []]));
  for (const attempt of perAttempt) for (const { questionId, seconds } of attempt) byQuestion.get(questionId)?.push(seconds);
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
