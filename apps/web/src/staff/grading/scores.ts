/** One line of the score form: a rubric criterion, or the whole question when it has no rubric. */
export interface ScoreLine {
  label: string;
  points: number;
  descriptor: string | null;
}

export interface ScoredQuestion {
  rubric: readonly { criterion: string; points: number; descriptor?: string | null }[];
  points: number;
  halfPoints: boolean;
}

/** The lines a grader fills in: one per criterion, in rubric order (what the API's `scores` expects). */
export function scoreLines(question: ScoredQuestion, wholeQuestion: string): ScoreLine[] {
  if (question.rubric.length === 0) return [{ label: wholeQuestion, points: question.points, descriptor: null }];
  return question.rubric.map((criterion) => ({ label: criterion.criterion, points: criterion.points, descriptor: criterion.descriptor ?? null }));
}

export type ScoreProblem = 'missing' | 'not_a_number' | 'out_of_range' | 'step';

/**
 * Reads what the grader typed for one line (`3`, `2.5`, `2,5` or full-width digits from a Chinese
 * keyboard) and checks it as the API will: 0 to the line's points, whole points or halves.
 */
export function readScore(typed: string, line: ScoreLine, halfPoints: boolean): { value: number } | { problem: ScoreProblem } {
  const text = typed.trim().replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(',', '.');
  if (text === '') return { problem: 'missing' };
  if (!/^\d+(\.\d+)?$/.test(text)) return { problem: 'not_a_number' };
  const value = Number(text);
  if (value > line.points) return { problem: 'out_of_range' };
  const step = halfPoints ? 0.5 : 1;
  if (Math.abs(value / step - Math.round(value / step)) > 1e-9) return { problem: 'step' };
  return { value };
}

/** The scores to send, or the index of every line with its problem. */
export function readScores(typed: readonly string[], lines: readonly ScoreLine[], halfPoints: boolean): { scores: number[] } | { problems: Map<number, ScoreProblem> } {
  const problems = new Map<number, ScoreProblem>();
  const scores: number[] = [];
  lines.forEach((line, index) => {
    const read = readScore(typed[index] ?? '', line, halfPoints);
    if ('problem' in read) problems.set(index, read.problem);
    else scores.push(read.value);
  });
  return problems.size > 0 ? { problems } : { scores };
}
