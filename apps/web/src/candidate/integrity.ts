import type { IntegrityEvent } from './candidate-api';

/** Below this the window is too small to read the paper comfortably: worth a note for the recruiter. */
const TINY_WINDOW = { width: 320, height: 240 };
const BATCH_MS = 2000;

/**
 * Reports focus lost, visibility changes, pastes and a tiny window as integrity events, batched and
 * sent without waiting (see docs/attempts.md: evidence for recruiters, never a rule that blocks).
 * Returns the function that stops listening and sends what is left.
 */
export function reportIntegrityEvents(send: (events: IntegrityEvent[]) => void): () => void {
  let batch: IntegrityEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let tiny = false;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (batch.length > 0) send(batch);
    batch = [];
  };
  const record = (type: string, detail?: Record<string, unknown>) => {
    batch.push({ type, at: new Date().toISOString(), ...(detail ? { detail } : {}) });
    timer ??= setTimeout(flush, BATCH_MS);
  };
  const listeners: [EventTarget, string, (event: Event) => void][] = [
    [window, 'blur', () => record('focus_lost')],
    [window, 'focus', () => record('focus_gained')],
    [document, 'visibilitychange', () => (document.hidden ? (record('visibility_hidden'), flush()) : record('visibility_visible'))],
    [document, 'paste', (event) => record('paste', { chars: (event as ClipboardEvent).clipboardData?.getData('text').length ?? 0 })],
    [
      window,
      'resize',
      () => {
        const nowTiny = window.innerWidth < TINY_WINDOW.width || window.innerHeight < TINY_WINDOW.height;
        if (nowTiny && !tiny) record('window_small', { width: window.innerWidth, height: window.innerHeight });
        tiny = nowTiny;
      },
    ],
    [window, 'pagehide', flush],
  ];
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
  return () => {
    for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
    flush();
  };
}
