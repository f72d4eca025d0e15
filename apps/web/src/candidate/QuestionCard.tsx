import { Checkbox, Input, Radio } from 'antd';
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
        <Checkbox checked={flagged} onChange={(event) => onFlag(event.target.checked)}>
          {text.flag}
        </Checkbox>
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
        <Radio.Group className="choices" name={question.id} aria-labelledby={stemId} value={answer ?? null} onChange={(event) => onAnswer(event.target.value, 0)}>
          {question.options.map((option) => (
            <Radio key={option.key} value={option.key}>
              {option.key}. {option.text}
            </Radio>
          ))}
        </Radio.Group>
      );
    case 'multiple_choice':
      return (
        <Checkbox.Group
          className="choices"
          aria-labelledby={stemId}
          value={Array.isArray(answer) ? (answer as string[]) : []}
          onChange={(keys) => onAnswer([...keys].sort(), 0)}
          options={question.options.map((option) => ({ value: option.key, label: `${option.key}. ${option.text}` }))}
        />
      );
    case 'true_false':
      return (
        <Radio.Group className="choices" name={question.id} aria-labelledby={stemId} value={typeof answer === 'boolean' ? answer : null} onChange={(event) => onAnswer(event.target.value, 0)}>
          <Radio value={true}>{text.trueLabel}</Radio>
          <Radio value={false}>{text.falseLabel}</Radio>
        </Radio.Group>
      );
    case 'fill_blank': {
      const blanks = Array.from({ length: question.blankCount ?? 1 }, (_, i) => (Array.isArray(answer) && typeof answer[i] === 'string' ? (answer[i] as string) : ''));
      return (
        <div className="blanks">
          {blanks.map((value, i) => (
            <Input
              key={i}
              aria-label={`${text.blank(i + 1)}`}
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
        <Input.TextArea
          aria-labelledby={stemId}
          autoSize={{ minRows: question.type === 'essay' ? 6 : 3 }}
          value={typeof answer === 'object' && answer !== null ? ((answer as { text?: string }).text ?? '') : ''}
          onChange={(event) => onAnswer({ text: event.target.value }, TYPING_DEBOUNCE_MS)}
        />
      );
  }
}
