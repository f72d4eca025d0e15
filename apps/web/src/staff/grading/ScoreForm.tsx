import { Button, Card, Input } from 'antd';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useText } from '../i18n';
import type { Mark, TaskQuestion } from './grading-api';
import { readScore, readScores, scoreLines, type ScoreProblem } from './scores';
import { GRADING_TEXT } from './text';

const EDITABLE = 'input, textarea, select, [contenteditable="true"]';

/**
 * One score per rubric criterion (rubric order, as the API expects), a comment, and the submit
 * button. Enter in a score submits (the form's default button), Tab moves on. With `keyboard`
 * (the one form of the marking screen): the first score has focus when an answer opens, and a
 * digit typed anywhere outside a field goes into the first empty score. Remounted per task
 * (`key`), so nothing carries over to the next answer.
 */
export function ScoreForm({ question, submitLabel, busy, disabled, keyboard = false, onSubmit, children }: {
  question: TaskQuestion;
  submitLabel: string;
  busy: boolean;
  disabled?: boolean;
  keyboard?: boolean;
  onSubmit: (mark: Mark) => void;
  children?: ReactNode;
}) {
  const text = useText(GRADING_TEXT);
  const id = useId();
  const lines = useMemo(() => scoreLines(question, text.wholeQuestion), [question, text.wholeQuestion]);
  const [typed, setTyped] = useState<string[]>(() => lines.map(() => ''));
  const [comment, setComment] = useState('');
  const [problems, setProblems] = useState<Map<number, ScoreProblem>>(new Map());
  const inputs = useRef<(HTMLInputElement | null)[]>([]);

  useEffect(() => {
    if (keyboard) inputs.current[0]?.focus();
  }, [keyboard]);

  useEffect(() => {
    if (!keyboard) return;
    const onKey = (event: KeyboardEvent) => {
      if (disabled || !/^[0-9]$/.test(event.key) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.target instanceof Element && event.target.closest(EDITABLE)) return;
      const empty = typed.findIndex((value) => value === '');
      if (empty < 0) return;
      event.preventDefault();
      setTyped((current) => current.map((value, index) => (index === empty ? event.key : value)));
      inputs.current[empty]?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [typed, disabled, keyboard]);

  const total = typed.reduce((sum, value, index) => {
    const read = readScore(value, lines[index], question.halfPoints);
    return 'value' in read ? sum + read.value : sum;
  }, 0);

  const submit = () => {
    const read = readScores(typed, lines, question.halfPoints);
    if ('problems' in read) {
      setProblems(read.problems);
      inputs.current[[...read.problems.keys()][0]]?.focus();
      return;
    }
    setProblems(new Map());
    onSubmit({ scores: read.scores, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  };

  return (
    <Card size="small" className="grading-card" title={<h2 className="grading-h">{text.rubric}</h2>}>
      <form
        noValidate
        aria-describedby={`${id}-keys`}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <p id={`${id}-keys`} className="grading-note">
          {keyboard ? `${text.keys} ` : ''}
          {text.scoreHint(question.halfPoints)}
        </p>
        {lines.map((line, index) => {
          const problem = problems.get(index);
          return (
            <div key={index} className="grading-score">
              <label htmlFor={`${id}-score-${index}`}>{text.scoreLabel(line.label, line.points)}</label>
              {line.descriptor && (
                <p id={`${id}-descriptor-${index}`} className="grading-note">
                  {line.descriptor}
                </p>
              )}
              <Input
                id={`${id}-score-${index}`}
                ref={(input) => {
                  inputs.current[index] = input?.input ?? null;
                }}
                inputMode="decimal"
                autoComplete="off"
                className="grading-score-input"
                value={typed[index]}
                disabled={disabled}
                status={problem ? 'error' : undefined}
                aria-invalid={problem ? true : undefined}
                aria-describedby={[line.descriptor ? `${id}-descriptor-${index}` : '', problem ? `${id}-problem-${index}` : ''].filter(Boolean).join(' ') || undefined}
                onChange={(event) => setTyped((current) => current.map((value, i) => (i === index ? event.target.value : value)))}
              />
              {problem && (
                <div id={`${id}-problem-${index}`} className="grading-problem" role="alert">
                  {text.problems[problem](line.points, question.halfPoints)}
                </div>
              )}
            </div>
          );
        })}
        <p className="grading-total" aria-live="polite">
          {text.total(total, question.points)}
        </p>
        <label htmlFor={`${id}-comment`}>{text.comment}</label>
        <Input.TextArea id={`${id}-comment`} value={comment} maxLength={5000} autoSize={{ minRows: 2, maxRows: 6 }} disabled={disabled} onChange={(event) => setComment(event.target.value)} />
        <div className="grading-actions">
          <Button type="primary" htmlType="submit" loading={busy} disabled={disabled}>
            {submitLabel}
          </Button>
          {children}
        </div>
      </form>
    </Card>
  );
}
