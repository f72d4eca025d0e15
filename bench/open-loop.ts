/**
 * Autosaves at human pace, open loop (bench/autosave.ts, and the baselines of bench/wave.ts):
 * every started attempt is a candidate with a keep-alive connection of its own, saving every
 * `intervalSeconds` from a random phase whether or not the previous save was answered. Latency
 * runs from the time each save was due, so a save waiting behind a slow one on the same connection
 * counts that wait (no coordinated omission). autocannon's `connectionRate` cannot express this:
 * it is an integer number of requests per second per connection (at least 1), released in a burst
 * at each one-second tick.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile } from './latency';
import { cpuDelta, loadAverage, postgresCpu, procCpuMs } from './support';

export interface StartedAttempt {
  attemptId: string;
  attemptToken: string;
}

/** The body of an attempt's next save and the question it answers. */
export type NextSave = (attempt: StartedAttempt) => { questionId: string; body: string };

/** A server to save to: its base URL, the pid whose CPU it costs, the path of a save. */
export interface SaveTarget {
  name: string;
  base: string;
  pid: number;
  path: (attempt: StartedAttempt, questionId: string) => string;
}

/** An HTTP answer (any status), or none: the request timed out or the connection failed. */
export type Outcome = { status: number; body: Buffer } | { failure: 'timeout' | 'network' };

/** One request on a candidate's own agent (127.0.0.1 only), resolved with its outcome, never rejected. */
export function agentRequest(
  base: string,
  agent: http.Agent,
  request: { method: string; path: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<Outcome> {
  const url = new URL(base);
  if (url.hostname !== '127.0.0.1') throw new Error(`refusing to contact ${base}`);
  return new Promise((resolve) => {
    let timedOut = false;
    const body = request.body ?? '';
    const outgoing = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        agent,
        timeout: timeoutMs,
        headers: { ...request.headers, ...(request.body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
        response.on('error', () => resolve({ failure: 'network' }));
      },
    );
    outgoing.on('timeout', () => {
      timedOut = true;
      outgoing.destroy(new Error('timeout'));
    });
    outgoing.on('error', () => resolve({ failure: timedOut ? 'timeout' : 'network' }));
    outgoing.end(request.body);
  });
}

export interface OpenMeasurement {
  target: string;
  candidates: number;
  intervalSeconds: number;
  offeredPerSecond: number;
  /** Saves due in the measured window. */
  due: number;
  /** 2xx answers to them, per second of the window. */
  achievedPerSecond: number;
  latency: { mean: number; p50: number; p90: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  superseded: number;
  serverCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
  loadAverage1mAfter: number;
}

/**
 * Every attempt saves every `intervalSeconds` for warm-up + duration; only saves due inside the
 * measured window (after the warm-up) are counted. PostgreSQL CPU is every `postgres` process of
 * the machine (the shared server: other users' work included).
 */
export async function measureOpen(
  target: SaveTarget,
  attempts: StartedAttempt[],
  nextSave: NextSave,
  timing: { intervalSeconds: number; warmupSeconds: number; durationSeconds: number },
): Promise<OpenMeasurement> {
  const interval = timing.intervalSeconds * 1000;
  const latencies: number[] = [];
  let [errors, timeouts, non2xx, ok, superseded, due] = [0, 0, 0, 0, 0, 0];
  const start = performance.now() + 200;
  const windowStart = start + timing.warmupSeconds * 1000;
  const windowEnd = windowStart + timing.durationSeconds * 1000;
  let serverBefore = 0;
  let pgBefore = new Map<number, number>();
  const cpuMark = setTimeout(() => {
    serverBefore = procCpuMs(target.pid);
    pgBefore = postgresCpu();
  }, windowStart - performance.now());
  const agents = attempts.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  const inFlight = new Set<Promise<void>>();

  const send = async (attempt: StartedAttempt, agent: http.Agent, dueAt: number, counted: boolean): Promise<void> => {
    const { questionId, body } = nextSave(attempt);
    const outcome = await agentRequest(
      target.base,
      agent,
      { method: 'PUT', path: target.path(attempt, questionId), headers: { 'x-attempt-token': attempt.attemptToken, 'user-agent': 'bench' }, body },
      10_000,
    );
    if (!counted) return;
    if ('failure' in outcome) {
      if (outcome.failure === 'timeout') timeouts += 1;
      else errors += 1;
      return;
    }
    latencies.push(performance.now() - dueAt);
    if (outcome.status >= 200 && outcome.status < 300) {
      ok += 1;
      if (outcome.body.includes('"superseded"')) superseded += 1;
    } else non2xx += 1;
  };

  await new Promise<void>((finished) => {
    let pending = attempts.length;
    attempts.forEach((attempt, i) => {
      let dueAt = start + Math.random() * interval;
      const tick = () => {
        if (dueAt >= windowEnd) {
          if (--pending === 0) finished();
          return;
        }
        const counted = dueAt >= windowStart;
        if (counted) due += 1;
        const p = send(attempt, agents[i], dueAt, counted);
        inFlight.add(p);
        void p.then(() => inFlight.delete(p));
        dueAt += interval;
        setTimeout(tick, Math.max(0, dueAt - performance.now()));
      };
      setTimeout(tick, Math.max(0, dueAt - performance.now()));
    });
  });
  await Promise.all(inFlight);
  clearTimeout(cpuMark);
  const serverMs = procCpuMs(target.pid) - serverBefore;
  const pgMs = cpuDelta(pgBefore, postgresCpu());
  agents.forEach((agent) => agent.destroy());

  latencies.sort((x, y) => x - y);
  const answered = ok + non2xx;
  const per = (ms: number) => (answered > 0 ? Math.round((ms / answered) * 1000) / 1000 : 0);
  return {
    target: target.name,
    candidates: attempts.length,
    intervalSeconds: timing.intervalSeconds,
    offeredPerSecond: Math.round(attempts.length / timing.intervalSeconds),
    due,
    achievedPerSecond: Math.round(ok / timing.durationSeconds),
    latency: {
      mean: latencies.length ? Math.round((latencies.reduce((x, y) => x + y, 0) / latencies.length) * 10) / 10 : 0,
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: percentile(latencies, 100),
    },
    errors,
    timeouts,
    non2xx,
    superseded,
    serverCpuMsPerRequest: per(serverMs),
    postgresCpuMsPerRequest: per(pgMs),
    loadAverage1mAfter: loadAverage()[0],
  };
}
