import { useEffect, useRef } from 'react';
import { isLeaseLost, renewLease } from './grading-api';

/** Renewed well inside the API's 5-minute lease, so one lost request never costs the answer. */
const RENEW_EVERY_MS = 60_000;

/**
 * Keeps the lease of the open task: renews it every minute and as soon as the tab is visible
 * again (after a long absence that shows at once whether the answer is still this grader's).
 * `onLost` runs when the API says the task is no longer theirs; other failures (offline, 5xx)
 * wait for the next renewal.
 */
export function useLeaseRenewal(taskId: string | null, onLost: () => void): void {
  const lost = useRef(onLost);
  lost.current = onLost;
  useEffect(() => {
    if (!taskId) return;
    let stopped = false;
    const renew = () => {
      renewLease(taskId).catch((error: unknown) => {
        if (!stopped && isLeaseLost(error)) lost.current();
      });
    };
    const timer = setInterval(renew, RENEW_EVERY_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') renew();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [taskId]);
}
