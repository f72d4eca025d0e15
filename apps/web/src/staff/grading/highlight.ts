/** A key point of the reference answer with the passage of the answer the suggestion matched to it. */
export interface KeyPointEvidence {
  label: string;
  text: string;
  credit: number;
  passage: string | null;
}

/** A run of the answer text, with the key points whose passage covers it and those whose passage starts here. */
export interface AnswerSegment {
  text: string;
  /** Indexes into the key points: the passages covering this run. */
  points: number[];
  /** Key points whose passage begins with this run (their label is shown before it). */
  starts: number[];
}

/**
 * Cuts the answer into runs so the passages the suggestion found for each key point can be
 * highlighted in place. A passage the answer no longer contains verbatim (it always should: the
 * suggestion was computed from this text) is simply not highlighted; overlapping passages share
 * the overlapping run.
 */
export function answerSegments(answer: string, keyPoints: readonly KeyPointEvidence[]): AnswerSegment[] {
  const ranges = keyPoints.flatMap((point, index) => {
    if (!point.passage || point.credit === 0) return [];
    const start = answer.indexOf(point.passage);
    return start < 0 ? [] : [{ index, start, end: start + point.passage.length }];
  });
  const cuts = [...new Set([0, answer.length, ...ranges.flatMap((range) => [range.start, range.end])])].sort((x, y) => x - y);
  const segments: AnswerSegment[] = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    segments.push({
      text: answer.slice(from, to),
      points: ranges.filter((range) => range.start <= from && range.end >= to).map((range) => range.index),
      starts: ranges.filter((range) => range.start === from).map((range) => range.index),
    });
  }
  return segments;
}
