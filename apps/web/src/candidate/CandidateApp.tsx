import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { ProblemError } from '../api/client';
import { fetchAttempt, fetchIntro, type AttemptResult, type AttemptSession } from './candidate-api';
import { EndPage, type EndReason } from './EndPage';
import { Exam } from './Exam';
import { IntroPage } from './IntroPage';
import { Notice } from './Notice';
import { forgetSession, readSession, writeSession } from './session';
import { candidateText, type CandidateText } from './text';
import './candidate.css';

/**
 * The candidate's personal link (PUBLIC_URL/t/<token>): the intro, then the exam, then the end
 * page. After a reload the attempt kept on this device resumes at once.
 */
export default function CandidateApp() {
  const { token = '' } = useParams();
  const intro = useQuery({ queryKey: ['intro', token], queryFn: () => fetchIntro(token), retry: false });
  const [session, setSession] = useState(() => readSession(token));
  const locale = intro.data?.locale ?? 'zh-CN';
  const text = candidateText(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
    if (intro.data) document.title = intro.data.paperTitle;
  }, [locale, intro.data]);

  const started = (next: AttemptSession) => {
    writeSession(token, next);
    setSession(next);
  };
  const lost = () => {
    forgetSession(token);
    setSession(null);
  };

  return (
    <main className="candidate">
      {session ? (
        <AttemptScreen key={session.attemptToken} token={token} session={session} text={text} onStarted={started} onLost={lost} />
      ) : intro.isPending ? (
        <Loading />
      ) : intro.data ? (
        <IntroPage intro={intro.data} token={token} text={text} onStarted={started} />
      ) : (
        <LinkProblem error={intro.error} text={text} />
      )}
    </main>
  );
}

/** While the intro or the attempt loads: announced, nothing else to do. */
function Loading() {
  return <p className="loading" role="status" aria-busy="true">…</p>;
}

function LinkProblem({ error, text }: { error: unknown; text: CandidateText }) {
  const dead = error instanceof ProblemError && error.problem.status === 404;
  return <Notice tone="error">{dead ? text.linkDead : text.loadFailed}</Notice>;
}

/** Loads the attempt of the stored session: the exam while it runs, else the end page. */
function AttemptScreen(props: { token: string; session: AttemptSession; text: CandidateText; onStarted: (s: AttemptSession) => void; onLost: () => void }) {
  const { session, text, onLost } = props;
  const attempt = useQuery({ queryKey: ['attempt', session.attemptId, session.attemptToken], queryFn: () => fetchAttempt(session), retry: false, staleTime: Infinity });
  const [end, setEnd] = useState<{ reason: EndReason; result: AttemptResult | null } | null>(null);
  const forgotten = attempt.error instanceof ProblemError && [404, 409].includes(attempt.error.problem.status);

  useEffect(() => {
    // Another device took over, or the attempt is gone: back to the intro, whose start takes it back.
    if (forgotten) onLost();
  }, [forgotten, onLost]);

  if (end) return <EndPage reason={end.reason} result={end.result} text={text} />;
  if (attempt.isPending || forgotten) return <Loading />;
  if (!attempt.data) return <Notice tone="error">{text.loadFailed}</Notice>;
  if (attempt.data.status !== 'in_progress') return <EndPage reason="submitted" result={attempt.data.result} text={text} />;
  return <Exam session={session} view={attempt.data} token={props.token} text={text} onEnd={(reason, result) => setEnd({ reason, result })} onStarted={props.onStarted} />;
}

