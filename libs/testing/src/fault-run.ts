import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { provisionDatabase, runMigrations } from '@assay/core';
import { MIGRATIONS } from '@assay/migrations';
import { ownWords, publishedPaperVia } from './fixtures';
import { onExit, OwnPostgres, OwnRedis } from './own-services';
import { freePort } from './ports';
import { TestSmtpServer } from './smtp';
import { until } from './wait';
import { TestWebhookReceiver } from './webhook-receiver';

/**
 * The fault script under load (docs/performance.md, "Faults under load"): a PostgreSQL cluster and
 * a redis-server of its own, two API and two worker processes against them, candidates who open
 * their emailed links, start, autosave (retrying the way the candidate web app does), submit or
 * run out of time, graders who claim and mark, and meanwhile: SIGKILL of an API process, SIGKILL of
 * a worker, a Redis restart and a PostgreSQL crash-restart. After everything has settled, `audit`
 * counts from the database and the receivers what must be zero. bench/faults.ts runs it at size,
 * apps/api/test/faults.spec.ts at CI size.
 */

export type ProcessKind = 'api' | 'worker';
/** Starts the API or the worker with these settings (TypeScript through swc in tests, the build in the bench). */
export type SpawnProcess = (kind: ProcessKind, env: Record<string, string>, name: string) => ChildProcess;

export interface FaultRunOptions {
  candidates: number;
  /** Share of candidates on the one-minute paper who stop answering: the deadline must submit them. */
  lateShare: number;
  graders: number;
  /** Pause between one candidate's changes (human pace). */
  changeEveryMs: number;
  /** Acknowledged saves between two faults (and before the first). */
  savesBetweenFaults: number;
  /** Limit of the settling wait: not a measure, only a named failure with the counts. */
  settleLimitMs: number;
  spawn: SpawnProcess;
  log: (line: string) => void;
  /** Extra settings of every process (LOG_LEVEL, NODE_ENV, secrets). */
  env?: Record<string, string>;
}

/** What the run printed and the test asserts. */
export interface FaultFigures {
  load: {
    candidates: number;
    late: number;
    graders: number;
    savesAcknowledged: number;
    savesSent: number;
    marks: number;
    durationSeconds: number;
  };
  faults: { name: string; at: number; tookMs: number }[];
  /** Must be 0. */
  violations: {
    acknowledgedAnswersMissing: number;
    acknowledgedAnswersOlder: number;
    storedValueNeverSent: number;
    overdueNotSubmitted: number;
    submittedNotOnce: number;
    scoredNotOnce: number;
    gradingTasksDuplicated: number;
    gradingTasksMissing: number;
    openAnswersWithoutGrading: number;
    finalisedNotOnce: number;
    emailsDuplicatedBeyondWindow: number;
    emailsMissing: number;
  };
  /** At-least-once repeats inside the documented windows (same Message-ID / same delivery id). */
  repeats: { emailsSameMessageId: number; webhookDeliveriesRepeated: number; webhookEventsMissing: number };
  retries: {
    savesRetried: number;
    maxRetriesOfOneSave: number;
    longestOutageSeenMs: number;
    candidatesWhoSawAnOutage: number;
    startsRetried: number;
    submitsRetried: number;
    claimsOrMarksRetried: number;
    refusedTimeUp: number;
  };
  /** The product's own recoveries that the settling wait moved time for (see settle). */
  recovered: { orphanedLeasesExpired: number; unscoredAged: number };
}

const RETRY_FIRST_MS = 1000; // apps/web/src/candidate/answer-sync.ts
const RETRY_MAX_MS = 15_000;
const TIME_UP = new Set(['attempt.time_up', 'attempt.submitted']);

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One HTTP answer, or `unreachable` (network error, 5xx, 429: the web app's retry cases). */
type Answer<T> = { kind: 'ok'; status: number; body: T } | { kind: 'refused'; status: number; code: string } | { kind: 'unreachable' };

async function http<T>(url: string, method: string, init: { token?: string; attemptToken?: string; body?: unknown } = {}): Promise<Answer<T>> {
  try {
    const response = await fetch(url, {
      method,
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...(init.attemptToken ? { 'x-attempt-token': init.attemptToken } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    if (response.status >= 500 || response.status === 429) return { kind: 'unreachable' };
    if (response.status >= 400) return { kind: 'refused', status: response.status, code: String((body as { code?: string } | undefined)?.code ?? '') };
    return { kind: 'ok', status: response.status, body: body as T };
  } catch {
    return { kind: 'unreachable' }; // refused, reset, aborted: the process or the database is down
  }
}

/** Retries with the web app's backoff (1 s doubling to 15 s) until the answer is not `unreachable`. */
async function retrying<T>(attempt: (round: number) => Promise<Answer<T>>, onRetry: () => void): Promise<Exclude<Answer<T>, { kind: 'unreachable' }>> {
  let wait = RETRY_FIRST_MS;
  for (let round = 0; ; round += 1) {
    const answer = await attempt(round);
    if (answer.kind !== 'unreachable') return answer;
    onRetry();
    await delay(wait);
    wait = Math.min(wait * 2, RETRY_MAX_MS);
  }
}

function must<T>(answer: Answer<T>, what: string): T {
  if (answer.kind !== 'ok') throw new Error(`${what}: ${answer.kind === 'refused' ? `${answer.status} ${answer.code}` : 'unreachable'}`);
  return answer.body;
}

interface Paper {
  paperId: string;
  single: string;
  multiple: string;
  essay: string;
}

/** Every save a candidate sent and which were acknowledged. */
interface SaveLog {
  attemptId: string;
  /** question -> seq -> value sent */
  sent: Map<string, Map<number, unknown>>;
  /** question -> highest acknowledged seq */
  acked: Map<string, number>;
}

export class FaultRun {
  private postgres: OwnPostgres | null = null;
  private redis: OwnRedis | null = null;
  private smtp: TestSmtpServer | null = null;
  private hooks: TestWebhookReceiver | null = null;
  private readonly processes = new Map<string, ChildProcess>();
  private env: Record<string, string> = {};
  private apiPorts: number[] = [];
  private ownerUrl = '';
  private next = 0;

  private readonly logs: SaveLog[] = [];
  private readonly stats = {
    savesAcknowledged: 0,
    savesSent: 0,
    savesRetried: 0,
    maxRetriesOfOneSave: 0,
    longestOutageSeenMs: 0,
    candidatesWhoSawAnOutage: 0,
    startsRetried: 0,
    submitsRetried: 0,
    claimsOrMarksRetried: 0,
    refusedTimeUp: 0,
    marks: 0,
  };
  private readonly faults: FaultFigures['faults'] = [];
  private readonly held = new Set<string>();
  private readonly recovered = { orphanedLeasesExpired: 0, unscoredAged: 0 };
  private startedAt = 0;

  constructor(private readonly options: FaultRunOptions) {}

  /** Runs the whole script and returns the figures; `close()` must follow, also after a failure. */
  async run(): Promise<FaultFigures> {
    const { options } = this;
    await this.startServices();
    await this.startProcesses();
    const setup = await this.arrange();
    this.startedAt = Date.now();
    let faultsDone = false;
    let gradersStop = false;
    const candidates = setup.invitations.map((invitation, index) =>
      this.candidate(invitation.email, invitation.paper, invitation.late, index, () => faultsDone),
    );
    const graders = setup.graders.map((token) => this.grader(token, [setup.long.paperId, setup.short.paperId], () => gradersStop));
    try {
      await this.injectFaults();
      faultsDone = true;
      await Promise.all(candidates);
      options.log(`candidates done after ${Math.round((Date.now() - this.startedAt) / 1000)} s; settling...`);
      await this.settle(setup.tenantId);
    } finally {
      faultsDone = true;
      gradersStop = true;
      await Promise.allSettled([...candidates, ...graders]);
    }
    return this.audit(setup);
  }

  async close(): Promise<void> {
    await Promise.all([...this.processes.values()].map((child) => this.kill(child, 'SIGKILL')));
    this.processes.clear();
    await this.redis?.stop();
    await this.postgres?.stop();
    await this.smtp?.close();
    await this.hooks?.close();
  }

  // ------------------------------------------------------------------------------------------
  // Services and processes

  private async startServices(): Promise<void> {
    this.postgres = await OwnPostgres.start();
    this.redis = await OwnRedis.start();
    this.smtp = await TestSmtpServer.start();
    this.hooks = await TestWebhookReceiver.start();
    const pg = this.postgres;
    const urls = {
      adminUrl: pg.url(),
      ownerUrl: pg.url('assay_faults', 'assay_owner', 'assay_owner'),
      appUrl: pg.url('assay_faults', 'assay_app', 'assay_app'),
    };
    await provisionDatabase(urls);
    await runMigrations(urls.ownerUrl, MIGRATIONS);
    this.ownerUrl = urls.ownerUrl;
    await this.withOwner((db) => db.query(AUDIT_TRIGGER));
    this.apiPorts = [await freePort(), await freePort()];
    this.env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(48).toString('base64'),
      LINK_SECRET: randomBytes(48).toString('base64'),
      ...this.options.env,
      DATABASE_URL: urls.appUrl,
      MIGRATION_DATABASE_URL: urls.ownerUrl,
      DATABASE_ADMIN_URL: urls.adminUrl,
      DATABASE_REPLICA_URL: '',
      REDIS_URL: this.redis.url,
      REDIS_PREFIX: 'assay-faults',
      SMTP_URL: this.smtp.url,
      PUBLIC_URL: 'http://localhost:3000',
      HOST: '127.0.0.1',
      AUTH_RATE_LIMIT: '1000000',
      LINK_RATE_LIMIT: '1000000',
      ACCESS_TOKEN_TTL_SECONDS: '7200',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_RETRY_BASE_MS: '1000',
      // A killed worker's jobs are taken over within seconds instead of 30 s.
      QUEUE_LOCK_MS: '5000',
      QUEUE_STALLED_CHECK_MS: '2000',
    };
    this.options.log(`own PostgreSQL on ${pg.port} (${pg.dir}), own Redis on ${this.redis.port}, SMTP ${this.smtp.port}, webhooks ${this.hooks.port}`);
  }

  private async startProcesses(): Promise<void> {
    for (const name of ['worker-1', 'worker-2']) this.start(name);
    await Promise.all([this.startApi('api-1', 0), this.startApi('api-2', 1)]);
  }

  private start(name: string): ChildProcess {
    const kind: ProcessKind = name.startsWith('api') ? 'api' : 'worker';
    const port: Record<string, string> = kind === 'api' ? { PORT: String(this.apiPorts[Number(name.slice(-1)) - 1]) } : {};
    const child = this.options.spawn(kind, { ...this.env, ...port }, name);
    this.processes.set(name, child);
    // Also when this process dies before close(): no API or worker of this run outlives it.
    const unregister = onExit(() => child.kill('SIGKILL'));
    child.once('exit', unregister);
    return child;
  }

  private async startApi(name: string, index: number): Promise<void> {
    const child = this.start(name);
    const url = `http://127.0.0.1:${this.apiPorts[index]}/api/health`;
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
      const answer = await http<{ status: string }>(url, 'GET');
      return answer.kind === 'ok';
    }, `${name} healthy`);
  }

  /** A service or process of this run, which must be up by now. */
  private running(name: 'smtp'): TestSmtpServer;
  private running(name: 'hooks'): TestWebhookReceiver;
  private running(name: 'redis'): OwnRedis;
  private running(name: 'postgres'): OwnPostgres;
  private running(name: string): ChildProcess;
  private running(name: string): unknown {
    const found = { smtp: this.smtp, hooks: this.hooks, redis: this.redis, postgres: this.postgres }[name] ?? this.processes.get(name);
    if (!found) throw new Error(`${name} is not running`);
    return found;
  }

  private kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((done) => {
      child.once('exit', () => done());
      child.kill(signal);
    });
  }

  /** The two APIs in turn, as a round-robin balancer would send the requests. */
  private api(path: string): string {
    this.next += 1;
    return `http://127.0.0.1:${this.apiPorts[this.next % 2]}/api/v1${path}`;
  }

  private async withOwner<T>(work: (db: Client) => Promise<T>): Promise<T> {
    const db = new Client({ connectionString: this.ownerUrl });
    await db.connect();
    try {
      return await work(db);
    } finally {
      await db.end();
    }
  }

  // ------------------------------------------------------------------------------------------
  // Arrangement: a company, two papers, graders, a webhook, invitations

  private async arrange() {
    const { options } = this;
    const post = async (url: string, body: unknown, token?: string) => {
      const answer = await http<any>(this.api(url), 'POST', { body, token });
      return answer.kind === 'ok' ? { status: answer.status, body: answer.body } : { status: answer.kind === 'refused' ? answer.status : 503, body: answer };
    };
    const slug = `faults-${randomBytes(3).toString('hex')}`;
    const signup = await post('/auth/signup', { companyName: '压测公司', slug, adminName: '管理员', email: `admin@${slug}.test`, password: 'faults password 123' });
    if (signup.status !== 201) throw new Error(`signup: ${signup.status} ${JSON.stringify(signup.body)}`);
    const admin = signup.body.accessToken as string;
    const tenantId = signup.body.tenant.id as string;
    const asAdmin = (url: string, body: unknown) => post(url, body, admin);
    const paperOf = async (title: string, settings: Record<string, unknown>): Promise<Paper> => {
      const made = await publishedPaperVia(asAdmin, title, settings);
      return { paperId: made.paperId, single: made.questionIds[0], multiple: made.questionIds[1], essay: made.questionIds[2] };
    };
    const long = await paperOf('双评笔试', {});
    const short = await paperOf('限时笔试', { durationMinutes: 1, settings: { timerGraceSeconds: 0 } });
    must(
      await http(this.api(`/grading/papers/${long.paperId}/settings`), 'PUT', {
        token: admin,
        body: { mode: 'double', tolerance: { kind: 'points', value: 2 }, halfPoints: true, selfCheckEvery: 0 },
      }),
      'double marking',
    );
    const graders: string[] = [];
    for (let i = 0; i < options.graders; i += 1) {
      const email = `grader${i}@${slug}.test`;
      const created = await asAdmin('/users', { email, name: `阅卷员${i}`, roles: ['grader'], password: 'grader password 123' });
      if (created.status !== 201) throw new Error(`grader: ${created.status} ${JSON.stringify(created.body)}`);
      for (const paper of [long, short]) must(await http(this.api(`/grading/papers/${paper.paperId}/assignments`), 'POST', { token: admin, body: { userId: created.body.id } }), 'assignment');
      const login = await post('/auth/login', { email, password: 'grader password 123' });
      graders.push(login.body.accessToken as string);
    }
    const hook = await asAdmin('/webhooks', { url: this.running('hooks').url(), events: ['invitation.submitted', 'invitation.graded'] });
    if (hook.status !== 201) throw new Error(`webhook: ${hook.status} ${JSON.stringify(hook.body)}`);

    const late = Math.round(options.candidates * options.lateShare);
    const invitations: { email: string; paper: Paper; late: boolean; invitationId: string }[] = [];
    const closesAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    for (let start = 0; start < options.candidates; start += 20) {
      const batch = Array.from({ length: Math.min(20, options.candidates - start) }, (_, k) => start + k);
      invitations.push(
        ...(await Promise.all(
          batch.map(async (i) => {
            const isLate = i < late;
            const paper = isLate ? short : long;
            const email = `cand${i}@${slug}.test`;
            const created = await asAdmin('/invitations', { paperId: paper.paperId, candidate: { name: `考生${i}`, email }, closesAt });
            if (created.status !== 201) throw new Error(`invitation: ${created.status} ${JSON.stringify(created.body)}`);
            return { email, paper, late: isLate, invitationId: created.body.id as string };
          }),
        )),
      );
    }
    options.log(`arranged: ${options.candidates} invitations (${late} on the one-minute paper), ${options.graders} graders, double marking on the long paper`);
    return { tenantId, long, short, graders, invitations };
  }

  // ------------------------------------------------------------------------------------------
  // The load

  /**
   * One candidate: waits for the invitation email, opens the link, starts, then changes an answer
   * every `changeEveryMs` and sends it like the web app's queue (one save at a time in seq order,
   * a newer value of a question replacing its queued one, retries with backoff). Candidates of the
   * long paper submit once the faults are over; late ones stop after a few changes and leave.
   */
  private async candidate(email: string, paper: Paper, late: boolean, index: number, faultsDone: () => boolean): Promise<void> {
    const [mail] = await this.running('smtp').waitFor(1, (m) => m.to === email);
    const link = /\/t\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    if (!link) throw new Error(`no link in the email to ${email}`);
    // Candidates arrive over the first seconds, not all in the same millisecond.
    await delay((index * 37) % this.options.changeEveryMs);
    const started = must(
      await retrying(
        () => http<{ attemptId: string; attemptToken: string }>(this.api(`/links/${link}/attempt`), 'POST'),
        () => (this.stats.startsRetried += 1),
      ),
      `start of ${email}`,
    );
    const attempt = { id: started.attemptId, token: started.attemptToken };
    const log: SaveLog = { attemptId: attempt.id, sent: new Map(), acked: new Map() };
    this.logs.push(log);
    const queue: { questionId: string; answer: unknown; seq: number }[] = [];
    let seq = 0;
    let stopped = false;
    let outageSince: number | null = null;
    let sawOutage = false;
    const change = (questionId: string, answer: unknown) => {
      seq += 1;
      const index = queue.findIndex((q) => q.questionId === questionId);
      if (index >= 0) queue.splice(index, 1);
      queue.push({ questionId, answer, seq });
      let bySeq = log.sent.get(questionId);
      if (!bySeq) log.sent.set(questionId, (bySeq = new Map()));
      bySeq.set(seq, answer);
    };
    const flush = async () => {
      while (queue.length > 0 && !stopped) {
        const save = queue[0];
        let retries = 0;
        const answer = await retrying(
          () => {
            this.stats.savesSent += 1;
            return http<{ status: string; storedSeq: number }>(this.api(`/attempts/${attempt.id}/answers/${save.questionId}`), 'PUT', {
              attemptToken: attempt.token,
              body: { answer: save.answer, seq: save.seq },
            });
          },
          () => {
            retries += 1;
            outageSince ??= Date.now();
          },
        );
        if (retries > 0) {
          this.stats.savesRetried += 1;
          this.stats.maxRetriesOfOneSave = Math.max(this.stats.maxRetriesOfOneSave, retries);
          sawOutage = true;
        }
        if (outageSince !== null) {
          this.stats.longestOutageSeenMs = Math.max(this.stats.longestOutageSeenMs, Date.now() - outageSince);
          outageSince = null;
        }
        if (answer.kind === 'ok') {
          this.stats.savesAcknowledged += 1;
          log.acked.set(save.questionId, Math.max(log.acked.get(save.questionId) ?? 0, save.seq));
        } else if (TIME_UP.has(answer.code)) {
          this.stats.refusedTimeUp += 1;
          stopped = true;
        } else {
          throw new Error(`save refused: ${answer.status} ${answer.code}`);
        }
        const at = queue.indexOf(save);
        if (at >= 0) queue.splice(at, 1);
      }
    };
    const choices = ['A', 'B', 'C'];
    const essay = ownWords(index);
    for (let step = 0; !stopped; step += 1) {
      if (late && step >= 4) break; // leaves the test running: the deadline must submit it
      if (!late && faultsDone() && step >= 4) break;
      if (step % 3 === 2) change(paper.single, choices[step % 3]);
      else if (step % 7 === 3) change(paper.multiple, step % 2 === 0 ? ['A', 'B'] : ['A']);
      else change(paper.essay, { text: `第${step}稿：${essay}` });
      await flush();
      await delay(this.options.changeEveryMs);
    }
    if (sawOutage) this.stats.candidatesWhoSawAnOutage += 1;
    if (late || stopped) return;
    const submitted = await retrying(
      () => http(this.api(`/attempts/${attempt.id}/submit`), 'POST', { attemptToken: attempt.token }),
      () => (this.stats.submitsRetried += 1),
    );
    must(submitted, `submit of ${email}`);
  }

  /** One grader: claims (either paper), marks 4 + 3 (the same for everyone, so double marks agree), again. */
  private async grader(token: string, paperIds: string[], stop: () => boolean): Promise<void> {
    const retry = () => (this.stats.claimsOrMarksRetried += 1);
    for (let round = 0; !stop(); round += 1) {
      const claimed = await retrying(
        () => http<{ task: { taskId: string } | null }>(this.api(`/grading/tasks/claim?paperId=${paperIds[round % paperIds.length]}`), 'POST', { token }),
        retry,
      );
      const task = claimed.kind === 'ok' ? claimed.body.task : null;
      if (!task) {
        // Nothing for this grader now: look again shortly, as the workspace's queue view does.
        if (round % paperIds.length === paperIds.length - 1) await delay(500);
        continue;
      }
      this.held.add(task.taskId);
      const marked = await retrying(() => http(this.api(`/grading/tasks/${task.taskId}/marks`), 'POST', { token, body: { scores: [4, 3] } }), retry);
      this.held.delete(task.taskId);
      // A mark whose answer was lost to a crash is refused on retry (the task is done): it counted.
      if (marked.kind === 'ok' || marked.code === 'grading.lease_lost') this.stats.marks += 1;
      else throw new Error(`mark refused: ${marked.status} ${marked.code}`);
    }
  }

  // ------------------------------------------------------------------------------------------
  // The faults

  private async afterMoreSaves(): Promise<void> {
    const target = this.stats.savesAcknowledged + this.options.savesBetweenFaults;
    await until(async () => this.stats.savesAcknowledged >= target, `${target} acknowledged saves`);
  }

  private async fault(name: string, act: () => Promise<void>): Promise<void> {
    await this.afterMoreSaves();
    const at = Date.now();
    this.options.log(`fault: ${name} (${Math.round((at - this.startedAt) / 1000)} s, ${this.stats.savesAcknowledged} saves acknowledged)`);
    await act();
    const tookMs = Date.now() - at;
    this.faults.push({ name, at: Math.round((at - this.startedAt) / 1000), tookMs });
    this.options.log(`  back after ${tookMs} ms`);
  }

  private async injectFaults(): Promise<void> {
    await this.fault('kill -9 api-2, start a replacement', async () => {
      await this.kill(this.running('api-2'), 'SIGKILL');
      await this.startApi('api-2', 1);
    });
    await this.fault('kill -9 worker-1, start a replacement', async () => {
      await this.kill(this.running('worker-1'), 'SIGKILL');
      this.start('worker-1');
    });
    await this.fault('Redis SHUTDOWN NOSAVE, start again on its port', () => this.running('redis').restart());
    await this.fault('kill -9 Redis (AOF everysec: up to a second of writes lost), start again on its port', () => this.running('redis').crash());
    await this.fault('PostgreSQL pg_ctl restart -m immediate', async () => this.running('postgres').restart('immediate'));
    await this.afterMoreSaves();
  }

  // ------------------------------------------------------------------------------------------
  // Settling and the audit

  /**
   * Waits (polling the database) until every attempt is final, every grading task done, every email
   * and webhook delivered. Two recoveries of the product take minutes by design and are reached by
   * moving time in the database, as the suite does elsewhere: a claim whose answer was lost with a
   * killed API leaves its task leased to a grader who never saw it (released when the 5-minute
   * lease expires), and a scoring job lost with Redis is re-queued for attempts unscored for 5 minutes.
   */
  private async settle(tenantId: string): Promise<void> {
    // Leases are 5 minutes (LEASE_SECONDS): one expiring within 4.5 was claimed over 30 s ago.
    let last = '';
    try {
      await until(
        async () =>
          this.withOwner(async (db) => {
            const orphaned = await db.query(
              `UPDATE grading_tasks SET lease_expires_at = now() - interval '1 second'
                WHERE tenant_id = $1 AND status = 'leased' AND NOT (id = ANY ($2::uuid[]))
                  AND lease_expires_at BETWEEN now() AND now() + interval '4 minutes 30 seconds'
                RETURNING id`,
              [tenantId, [...this.held]],
            );
            this.recovered.orphanedLeasesExpired += orphaned.rowCount ?? 0;
            const aged = await db.query(
              `UPDATE attempts SET submitted_at = now() - interval '6 minutes'
                WHERE tenant_id = $1 AND status = 'submitted' AND submitted_at BETWEEN now() - interval '5 minutes' AND now() - interval '30 seconds' RETURNING id`,
              [tenantId],
            );
            this.recovered.unscoredAged += aged.rowCount ?? 0;
            const { rows } = await db.query<{ what: string; n: number }>(SETTLED, [tenantId]);
            last = rows.map((r) => `${r.what} ${r.n}`).join(', ');
            return rows.every((r) => r.n === 0);
          }),
        'every attempt final, every task done, every email and webhook delivered',
        this.options.settleLimitMs,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; still open: ${last}`, { cause: error });
    }
  }

  private async audit(setup: Awaited<ReturnType<FaultRun['arrange']>>): Promise<FaultFigures> {
    const violations = await this.withOwner(async (db) => {
      const { rows: stored } = await db.query<{ attempt_id: string; question_id: string; seq: string; answer: unknown }>(
        'SELECT attempt_id, question_id, seq, answer FROM responses WHERE tenant_id = $1',
        [setup.tenantId],
      );
      const byKey = new Map(stored.map((r) => [`${r.attempt_id}/${r.question_id}`, r]));
      let missing = 0;
      let older = 0;
      let neverSent = 0;
      for (const log of this.logs) {
        for (const [questionId, seq] of log.acked) {
          const row = byKey.get(`${log.attemptId}/${questionId}`);
          if (!row || row.answer === null) missing += 1;
          else if (Number(row.seq) < seq) older += 1;
          else if (JSON.stringify(log.sent.get(questionId)?.get(Number(row.seq))) !== JSON.stringify(row.answer)) neverSent += 1;
        }
      }
      const one = async (sql: string) => Number((await db.query<{ n: number }>(sql, [setup.tenantId])).rows[0].n);
      return {
        acknowledgedAnswersMissing: missing,
        acknowledgedAnswersOlder: older,
        storedValueNeverSent: neverSent,
        overdueNotSubmitted: await one(
          `SELECT count(*)::int AS n FROM attempts WHERE tenant_id = $1 AND status = 'in_progress' AND deadline + make_interval(secs => grace_seconds) < now()`,
        ),
        submittedNotOnce: await one(
          `SELECT count(*)::int AS n FROM attempts a WHERE tenant_id = $1 AND a.submitted_at IS NOT NULL
              AND (SELECT count(*) FROM fault_audit f WHERE f.attempt_id = a.id AND f.old_status = 'in_progress') <> 1`,
        ),
        scoredNotOnce: await one(
          `SELECT count(*)::int AS n FROM attempts a WHERE tenant_id = $1 AND a.submitted_at IS NOT NULL
              AND (SELECT count(*) FROM fault_audit f WHERE f.attempt_id = a.id AND f.scored) <> 1`,
        ),
        gradingTasksDuplicated: await one(GRADING_TASKS_DUPLICATED),
        gradingTasksMissing: await one(GRADING_TASKS_MISSING),
        openAnswersWithoutGrading: await one(OPEN_ANSWERS_WITHOUT_GRADING),
        finalisedNotOnce: await one(
          `SELECT count(*)::int AS n FROM attempts a WHERE tenant_id = $1 AND a.status = 'graded'
              AND ((SELECT count(*) FROM grading_finalisations g WHERE g.attempt_id = a.id) <> 1
                OR (SELECT count(*) FROM fault_audit f WHERE f.attempt_id = a.id AND f.graded) <> 1)`,
        ),
      };
    });
    // Emails: one invitation email per candidate. A repeat with the same Message-ID is the SMTP
    // window (docs/invitations.md); a second Message-ID would be a second outbox row: a real duplicate.
    const mails = this.running('smtp').received;
    const byRecipient = new Map<string, Set<string>>();
    for (const mail of mails) byRecipient.set(mail.to, (byRecipient.get(mail.to) ?? new Set()).add(mail.messageId));
    const candidateMails = setup.invitations.map((i) => byRecipient.get(i.email)?.size ?? 0);
    const distinctIds = new Set(mails.map((m) => m.messageId)).size;
    const deliveries = this.running('hooks').received.map((r) => String(r.headers['assay-delivery']));
    const events = new Set(this.running('hooks').events().map((e: { type: string; data: { invitationId: string } }) => `${e.type}/${e.data?.invitationId}`));
    const submittedInvitations = await this.withOwner(async (db) =>
      Number(
        (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM attempts WHERE tenant_id = $1 AND submitted_at IS NOT NULL`, [setup.tenantId])).rows[0].n,
      ),
    );
    return {
      load: {
        candidates: this.options.candidates,
        late: setup.invitations.filter((i) => i.late).length,
        graders: this.options.graders,
        savesAcknowledged: this.stats.savesAcknowledged,
        savesSent: this.stats.savesSent,
        marks: this.stats.marks,
        durationSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      },
      faults: this.faults,
      violations: {
        ...violations,
        emailsDuplicatedBeyondWindow: candidateMails.filter((n) => n > 1).length,
        emailsMissing: candidateMails.filter((n) => n === 0).length,
      },
      repeats: {
        emailsSameMessageId: mails.length - distinctIds,
        webhookDeliveriesRepeated: deliveries.length - new Set(deliveries).size,
        // Each submitted attempt: invitation.submitted and invitation.graded.
        webhookEventsMissing: Math.max(0, 2 * submittedInvitations - events.size),
      },
      retries: {
        savesRetried: this.stats.savesRetried,
        maxRetriesOfOneSave: this.stats.maxRetriesOfOneSave,
        longestOutageSeenMs: this.stats.longestOutageSeenMs,
        candidatesWhoSawAnOutage: this.stats.candidatesWhoSawAnOutage,
        startsRetried: this.stats.startsRetried,
        submitsRetried: this.stats.submitsRetried,
        claimsOrMarksRetried: this.stats.claimsOrMarksRetried,
        refusedTimeUp: this.stats.refusedTimeUp,
      },
      recovered: this.recovered,
    };
  }
}

/**
 * Test instrumentation in the run's own database only: every change of an attempt's status,
 * scoring or grading time is recorded, so "scored twice" or "finalised twice" can be counted even
 * though the second write would leave the same values.
 */
const AUDIT_TRIGGER = `
  CREATE TABLE fault_audit (id bigserial PRIMARY KEY, attempt_id uuid NOT NULL, old_status text, new_status text,
                            scored boolean NOT NULL, graded boolean NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
  CREATE FUNCTION fault_audit_attempts() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
  BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status OR NEW.scored_at IS DISTINCT FROM OLD.scored_at OR NEW.graded_at IS DISTINCT FROM OLD.graded_at THEN
      INSERT INTO fault_audit (attempt_id, old_status, new_status, scored, graded)
      VALUES (NEW.id, OLD.status, NEW.status, NEW.scored_at IS DISTINCT FROM OLD.scored_at, NEW.graded_at IS DISTINCT FROM OLD.graded_at);
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER fault_audit AFTER UPDATE ON attempts FOR EACH ROW EXECUTE FUNCTION fault_audit_attempts();`;

/** What is still open; all zero = settled. $1 tenant. */
const SETTLED = `
  SELECT 'attempts not final' AS what, count(*)::int AS n FROM attempts WHERE tenant_id = $1 AND status NOT IN ('scored', 'graded')
  UNION ALL SELECT 'grading tasks not done', count(*)::int FROM grading_tasks WHERE tenant_id = $1 AND status <> 'done'
  UNION ALL SELECT 'emails pending', count(*)::int FROM outbox_messages WHERE tenant_id = $1 AND status = 'pending'
  UNION ALL SELECT 'webhook deliveries pending', count(*)::int FROM webhook_deliveries WHERE tenant_id = $1 AND status = 'pending'`;

/** Answers with more than one task of one round. */
const GRADING_TASKS_DUPLICATED = `
  SELECT count(*)::int AS n FROM (
    SELECT answer_id, round FROM grading_tasks WHERE tenant_id = $1 AND kind = 'answer' GROUP BY answer_id, round HAVING count(*) > 1) d`;

/** Answers without exactly the rounds their paper's mode needs (agreeing marks: first; double: first and second), all done. */
const GRADING_TASKS_MISSING = `
  SELECT count(*)::int AS n FROM grading_answers a
    LEFT JOIN grading_settings s ON s.paper_id = a.paper_id
   WHERE a.tenant_id = $1
     AND (SELECT array_agg(t.round ORDER BY t.round) FILTER (WHERE t.status = 'done') FROM grading_tasks t WHERE t.answer_id = a.id AND t.kind = 'answer')
         IS DISTINCT FROM (CASE WHEN s.mode = 'double' THEN ARRAY['first', 'second'] ELSE ARRAY['first'] END)`;

/** Essay answers with text of submitted attempts that never reached the graders. */
const OPEN_ANSWERS_WITHOUT_GRADING = `
  SELECT count(*)::int AS n FROM responses r JOIN attempts t ON t.id = r.attempt_id
   WHERE r.tenant_id = $1 AND t.submitted_at IS NOT NULL AND r.outcome = 'pending_manual'
     AND NOT EXISTS (SELECT 1 FROM grading_answers a WHERE a.attempt_id = r.attempt_id AND a.question_id = r.question_id)`;
