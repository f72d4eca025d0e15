import type { AnswerSaveState } from './answer-sync';
import type { CandidateQuestion } from './candidate-api';
import type { CandidateText } from './text';

/** Typing waits for a pause before it is sent; a click is sent at once. */
export const TYPING_DEBOUNCE_MS = 800;

interface Props {
  question: CandidateQuestion;
  number: number;
  answer: unknown;
  state: AnswerSaveState | null;
  refusal: string | undefined;
  flagged: boolean;
  text: CandidateText;
  onAnswer: (answer: unknown, delayMs: number) => void;
  onFlag: (flagged: boolean) => void;
}

/** One question: its stem, the input of its type, its save state, and the flag for review. */
export function QuestionCard({ question, number, answer, state, refusal, flagged, text, onAnswer, onFlag }: Props) {
  const stemId = `stem-${question.id}`;
  return (
    <section className="question" id={`question-${question.id}`} aria-labelledby={stemId}>
      <header className="question-head">
        <h3 id={stemId} tabIndex={-1}>
          <span className="number">{text.question(number)}</span> <span className="points">({text.points(question.points)})</span>
          <span className="stem">{question.stem}</span>
        </h3>
      </header>
      <AnswerInput question={question} answer={answer} stemId={stemId} text={text} onAnswer={onAnswer} />
      <footer className="question-foot">
        <label className="check flag">
          <input type="checkbox" checked={flagged} onChange={(event) => onFlag(event.target.checked)} />
          <span>{text.flag}</span>
        </label>
        {state && (
          <span className={`save-state save-${state}`} data-save-state={state}>
            {text.answerState[state]}
          </span>
        )}
      </footer>
      {refusal && (
        <p className="refusal" role="alert">
          {text.refusedHelp(refusal)}
        </p>
      )}
    </section>
  );
}

function AnswerInput({ question, answer, stemId, text, onAnswer }: Pick<Props, 'question' | 'answer' | 'text' | 'onAnswer'> & { stemId: string }) {
  switch (question.type) {
    case 'single_choice':
      return (
        <div className="choices" role="radiogroup" aria-labelledby={stemId}>
          {question.options.map((option) => (
            <Choice key={option.key} type="radio" name={question.id} checked={answer === option.key} label={`${option.key}. ${option.text}`} onChange={() => onAnswer(option.key, 0)} />
          ))}
        </div>
      );
    case 'multiple_choice': {
      const chosen = Array.isArray(answer) ? (answer as string[]) : [];
      const toggle = (key: string, on: boolean) => onAnswer((on ? [...chosen, key] : chosen.filter((k) => k !== key)).sort(), 0);
      return (
        <div className="choices" role="group" aria-labelledby={stemId}>
          {question.options.map((option) => (
            <Choice
              key={option.key}
              type="checkbox"
              name={question.id}
              checked={chosen.includes(option.key)}
              label={`${option.key}. ${option.text}`}
              onChange={(on) => toggle(option.key, on)}
            />
          ))}
        </div>
      );
    }
    case 'true_false':
      return (
        <div className="choices" role="radiogroup" aria-labelledby={stemId}>
          <Choice type="radio" name={question.id} checked={answer === true} label={text.trueLabel} onChange={() => onAnswer(true, 0)} />
          <Choice type="radio" name={question.id} checked={answer === false} label={text.falseLabel} onChange={() => onAnswer(false, 0)} />
        </div>
      );
    case 'fill_blank': {
      const blanks = Array.from({ length: question.blankCount ?? 1 }, (_, i) => (Array.isArray(answer) && typeof answer[i] === 'string' ? (answer[i] as string) : ''));
      return (
        <div className="blanks">
          {blanks.map((value, i) => (
            <input
              key={i}
              type="text"
              className="field"
              aria-label={text.blank(i + 1)}
              value={value}
              onChange={(event) => onAnswer(blanks.map((b, j) => (j === i ? event.target.value : b)), TYPING_DEBOUNCE_MS)}
            />
          ))}
        </div>
      );
    }
    case 'short_answer':
    case 'essay':
      return (
        <textarea
          className={`field answer-${question.type}`}
          aria-labelledby={stemId}
          rows={question.type === 'essay' ? 6 : 3}
          value={typeof answer === 'object' && answer !== null ? ((answer as { text?: string }).text ?? '') : ''}
          onChange={(event) => onAnswer({ text: event.target.value }, TYPING_DEBOUNCE_MS)}
        />
      );
  }
}

/** One option: the native input inside its label, so the whole line is the target and the label its name. */
function Choice(props: { type: 'radio' | 'checkbox'; name: string; checked: boolean; label: string; onChange: (checked: boolean) => void }) {
  return (
    <label className="choice">
      <input type={props.type} name={props.name} checked={props.checked} onChange={(event) => props.onChange(event.target.checked)} />
      <span>{props.label}</span>
    </label>
  );
}
