import type { AttemptResult } from './candidate-api';
import type { CandidateText } from './text';

export type EndReason = 'submitted' | 'timeUp';

/** The last screen: submitted (or submitted for them at the deadline), with the score where the paper shows it. */
export function EndPage({ reason, result, text }: { reason: EndReason; result: AttemptResult | null; text: CandidateText }) {
  return (
    <article className="card end">
      <p className="end-mark" aria-hidden="true">
        ✓
      </p>
      <h1>{reason === 'timeUp' ? text.timeUp : text.submitted}</h1>
      {result && (
        <>
          <p className="score">{text.score(result.points, result.maxPoints)}</p>
          {result.pendingManual > 0 && <p>{text.pendingManual(result.pendingManual)}</p>}
        </>
      )}
    </article>
  );
}
