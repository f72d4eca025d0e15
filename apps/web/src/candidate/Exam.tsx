import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { submitChecklist, type NumberedQuestion } from './answers';
import { AnswerSync } from './answer-sync';
import { saveAnswer, sendEvents, startAttempt, submitAttempt, type AttemptResult, type AttemptSession, type AttemptView, type CandidateQuestion } from './candidate-api';
import { ConfirmDialog } from './ConfirmDialog';
import type { EndReason } from './EndPage';
import { reportIntegrityEvents } from './integrity';
import { Navigator } from './Navigator';
import { Notice } from './Notice';
import { QuestionCard } from './QuestionCard';
import { crossedWarning, formatClock, ServerClock } from './server-clock';
import { readFlags, writeFlags } from './session';
import type { CandidateText } from './text';

/** Wide screens show the whole paper; a phone shows one question at a time. */
const WIDE = '(min-width: 900px)';
const TICK_MS = 250;
const SUBMIT_RETRY_MS = 5000;

interface Props {
  session: AttemptSession;
  view: AttemptView;
  token: string;
  text: CandidateText;
  onEnd: (reason: EndReason, result: AttemptResult | null) => void;
  onStarted: (session: AttemptSession) => void;
}

/** The running exam: questions, navigator, autosave with its offline queue, the server's countdown, submit. */
export function Exam({ session, view, token, text, onEnd, onStarted }: Props) {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const clock = useMemo(() => new ServerClock(view.secondsLeft, () => performance.now()), [view]);
  const sync = useMemo(
    () =>
      new AnswerSync({
        attemptId: session.attemptId,
        store: localStorage,
        send: (save) => saveAnswer(session, save),
        isOnline: () => navigator.onLine,
        serverSeq: Math.max(0, ...view.answers.map((a) => a.seq)),
        onChange: rerender,
        onClock: (secondsLeft) => clock.sync(secondsLeft),
      }),
    [session, view, clock],
  );
  // The server's answers, overlaid with those typed before a reload and not yet acknowledged.
  const [answers, setAnswers] = useState(() => new Map([...view.answers.map((a) => [a.questionId, a.answer] as const), ...sync.queuedAnswers()]));
  const [flagged, setFlagged] = useState(() => readFlags(session.attemptId));
  const questions = useMemo(() => numbered(view), [view]);
  const [current, setCurrent] = useState(questions[0]?.id);
  const wide = useMediaQuery(WIDE);
  const [warning, setWarning] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [submitError, setSubmitError] = useState(false);
  const ending = useRef(false);
  const secondsLeft = clock.secondsLeft();

  const finish = useCallback(
    async (reason: EndReason) => {
      if (ending.current) return;
      // Offline at the deadline: the server submits at deadline + grace anyway; the clock tries again once online.
      if (!navigator.onLine) return setSubmitError(true);
      ending.current = true;
      await sync.flush();
      try {
        const submitted = await submitAttempt(session);
        sync.discard();
        writeFlags(session.attemptId, new Set());
        onEnd(reason, submitted.result);
      } catch {
        setSubmitError(true);
        // Not at every tick of the clock: the next try after a pause (or the candidate's own click).
        setTimeout(() => (ending.current = false), SUBMIT_RETRY_MS);
      }
    },
    [sync, session, onEnd],
  );

  // Send what a previous page left queued; send again as soon as the connection is back.
  useEffect(() => {
    void sync.flush();
    const online = () => void sync.flush();
    const offline = () => rerender();
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  }, [sync]);

  useEffect(() => reportIntegrityEvents((events) => sendEvents(session, events)), [session]);

  // The countdown: recomputed from the monotonic clock on every tick and whenever the tab is shown again.
  useEffect(() => {
    let last = clock.secondsLeft();
    const tick = () => {
      const left = clock.secondsLeft();
      const crossed = crossedWarning(last, left);
      if (crossed) setWarning(crossed === 300 ? text.warn5 : text.warn1);
      last = left;
      if (left <= 0) void finish('timeUp');
      rerender();
    };
    const timer = setInterval(tick, TICK_MS);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [clock, finish, text]);

  // Saving stopped for good: the attempt ended elsewhere (deadline, another device).
  const stopped = sync.stoppedBy?.code;
  useEffect(() => {
    if (stopped === 'attempt.time_up' || stopped === 'attempt.submitted') onEnd('timeUp', null);
  }, [stopped, onEnd]);

  const answer = (questionId: string, value: unknown, delayMs: number) => {
    setAnswers((previous) => new Map(previous).set(questionId, value));
    sync.change(questionId, value, delayMs);
  };
  const flag = (questionId: string, on: boolean) => {
    const next = new Set(flagged);
    if (on) next.add(questionId);
    else next.delete(questionId);
    writeFlags(session.attemptId, next);
    setFlagged(next);
  };
  const go = (questionId: string) => {
    setCurrent(questionId);
    // After the render that shows it (one question at a time on a phone).
    requestAnimationFrame(() => {
      const heading = document.getElementById(`stem-${questionId}`);
      heading?.scrollIntoView({ block: 'start' });
      heading?.focus({ preventScroll: true });
    });
  };
  const takeBack = async () => onStarted(await startAttempt(token));

  const index = questions.findIndex((q) => q.id === current);
  const checklist = submitChecklist(questions, answers, flagged);
  const card = (question: CandidateQuestion) => {
    const number = questions.find((q) => q.id === question.id)?.number ?? 0;
    return (
      <QuestionCard
        key={question.id}
        question={question}
        number={number}
        answer={answers.get(question.id)}
        state={answers.has(question.id) ? sync.answerState(question.id) : null}
        refusal={sync.refusal(question.id)}
        flagged={flagged.has(question.id)}
        text={text}
        onAnswer={(value, delayMs) => answer(question.id, value, delayMs)}
        onFlag={(on) => flag(question.id, on)}
      />
    );
  };

  return (
    <div className={`exam ${wide ? 'wide' : 'narrow'}`}>
      <header className="exam-bar">
        <div className="clock" role="timer" aria-label={text.timeLeft}>
          <span className="clock-label">{text.timeLeft}</span> <strong id="clock">{formatClock(secondsLeft)}</strong>
        </div>
        <p className={`sync sync-${sync.status}`} role="status" aria-live="polite" id="save-status">
          {text.status[sync.status]}
        </p>
        <button type="button" className="btn btn-primary" onClick={() => setConfirming(true)}>
          {text.submit}
        </button>
      </header>
      {warning && (
        <Notice className="gap" tone="warning" closeLabel={text.close} onClose={() => setWarning(null)}>
          {warning}
        </Notice>
      )}
      {stopped === 'attempt.taken_over' && (
        <Notice
          className="gap"
          tone="error"
          action={
            <button type="button" className="btn" onClick={() => void takeBack()}>
              {text.takeBack}
            </button>
          }
        >
          {text.takenOver}
        </Notice>
      )}
      {/* While the confirmation is open the page behind it is inert: the failure shows in the dialog. */}
      {submitError && !confirming && (
        <Notice className="gap" tone="error">
          {text.submitFailed}
        </Notice>
      )}
      <div className="exam-body">
        <aside>
          <Navigator questions={questions} answers={answers} flagged={flagged} current={current} text={text} onGo={go} />
        </aside>
        <div className="paper">
          <h1>{view.paper.title}</h1>
          {view.paper.sections.map((section) => {
            const shown = wide ? section.questions : section.questions.filter((q) => q.id === current);
            if (shown.length === 0) return null;
            return (
              <section key={section.id} className="section" aria-label={section.title}>
                <h2>{section.title}</h2>
                {section.instructions && <p className="instructions">{section.instructions}</p>}
                {shown.map(card)}
              </section>
            );
          })}
          {!wide && (
            <div className="stepper">
              <button type="button" className="btn" disabled={index <= 0} onClick={() => go(questions[index - 1].id)}>
                {text.previous}
              </button>
              <button type="button" className="btn" disabled={index >= questions.length - 1} onClick={() => go(questions[index + 1].id)}>
                {text.next}
              </button>
            </div>
          )}
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title={text.submitTitle}
        confirmText={text.confirm}
        cancelText={text.cancel}
        confirmDisabled={sync.status === 'offline'}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void finish('submitted')}
      >
        <p>{text.submitBody}</p>
        {checklist.unanswered.length > 0 && <p className="checklist">{text.unansweredList(checklist.unanswered)}</p>}
        {checklist.flagged.length > 0 && <p className="checklist">{text.flaggedList(checklist.flagged)}</p>}
        {sync.status === 'offline' && <Notice tone="warning">{text.pendingWarning(sync.pendingCount())}</Notice>}
        {submitError && <Notice tone="error">{text.submitFailed}</Notice>}
      </ConfirmDialog>
    </div>
  );
}

/** Questions numbered across sections, in the attempt's order. */
function numbered(view: AttemptView): NumberedQuestion[] {
  return view.paper.sections.flatMap((section) => section.questions).map((q, i) => ({ id: q.id, type: q.type, number: i + 1 }));
}

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const change = () => setMatches(list.matches);
    list.addEventListener('change', change);
    return () => list.removeEventListener('change', change);
  }, [query]);
  return matches;
}
