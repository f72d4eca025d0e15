import { isAnswered, type NumberedQuestion } from './answers';
import type { CandidateText } from './text';

/** Every question by number: answered, unanswered or flagged; a click (or Enter) goes there. */
export function Navigator(props: {
  questions: NumberedQuestion[];
  answers: ReadonlyMap<string, unknown>;
  flagged: ReadonlySet<string>;
  current: string | undefined;
  text: CandidateText;
  onGo: (questionId: string) => void;
}) {
  const { questions, answers, flagged, current, text, onGo } = props;
  return (
    <nav className="navigator" aria-label={text.navigator}>
      <ol>
        {questions.map((q) => {
          const answered = isAnswered(q.type, answers.get(q.id));
          const states = [answered ? text.answered : text.unanswered, ...(flagged.has(q.id) ? [text.flagged] : [])];
          return (
            <li key={q.id}>
              <button
                type="button"
                className={`nav-item ${answered ? 'answered' : 'unanswered'} ${flagged.has(q.id) ? 'flagged' : ''}`}
                aria-current={q.id === current ? 'step' : undefined}
                aria-label={`${text.question(q.number)}: ${states.join(', ')}`}
                onClick={() => onGo(q.id)}
              >
                {q.number}
              </button>
            </li>
          );
        })}
      </ol>
      <p className="legend" aria-hidden="true">
        <span className="nav-item answered" /> {text.answered} <span className="nav-item unanswered" /> {text.unanswered} <span className="nav-item flagged" /> {text.flagged}
      </p>
    </nav>
  );
}
