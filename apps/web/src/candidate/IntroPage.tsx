import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { startAttempt, type AttemptSession, type Intro } from './candidate-api';
import { Notice } from './Notice';
import type { CandidateText } from './text';

/** Who invites, what the test is, the rules, the consent, and the start button. Opening it starts no clock. */
export function IntroPage({ intro, token, text, onStarted }: { intro: Intro; token: string; text: CandidateText; onStarted: (session: AttemptSession) => void }) {
  const [consent, setConsent] = useState(false);
  const start = useMutation({ mutationFn: () => startAttempt(token), onSuccess: onStarted });
  const when = (iso: string) => new Intl.DateTimeFormat(intro.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const notOpenYet = new Date(intro.opensAt) > new Date(intro.serverTime);

  return (
    <article className="card">
      <p>{text.hello(intro.candidateName)}</p>
      <p>{text.invited(intro.tenantName, intro.jobRoleName)}</p>
      <h1>{intro.paperTitle}</h1>
      {intro.instructions && <p className="instructions">{intro.instructions}</p>}
      <dl className="facts">
        <dt>{text.duration}</dt>
        <dd>{text.minutes(intro.durationMinutes)}</dd>
        <dt>{text.questions}</dt>
        <dd>{intro.questionCount}</dd>
        <dt>{text.window}</dt>
        <dd>
          {when(intro.opensAt)} – {when(intro.closesAt)}
        </dd>
      </dl>
      <h2>{text.rulesTitle}</h2>
      <ul>
        {text.rules.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
      {intro.canStart ? (
        <>
          <label className="check">
            <input type="checkbox" checked={consent} onChange={(event) => setConsent(event.target.checked)} />
            <span>{text.consent}</span>
          </label>
          {start.error && (
            <Notice className="gap" tone="error">
              {start.error.message || text.loadFailed}
            </Notice>
          )}
          <button type="button" className="btn btn-primary btn-large gap" disabled={!consent || start.isPending} aria-busy={start.isPending} onClick={() => start.mutate()}>
            {start.isPending && <span className="spinner" aria-hidden="true" />}
            {start.isPending ? text.starting : text.start}
          </button>
        </>
      ) : (
        <Notice tone="info">{notOpenYet ? text.notYet(when(intro.opensAt)) : text.closed}</Notice>
      )}
    </article>
  );
}
