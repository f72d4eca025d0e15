import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Every setting of the platform, read from the environment once at start-up. Defaults let
 * `npm start` work on a developer machine with no `.env`; production overrides them all.
 * `SENSITIVE_SETTINGS` are never printed, not even in the error naming a wrong one (describeProblem).
 */
export class AppConfig {
  /** Connection of the application role: must not own the tables nor bypass row-level security. */
  @IsString()
  DATABASE_URL = 'postgres://assay_app:assay_app@127.0.0.1:5432/assay';

  /** Connection of the table owner, used only to run migrations. */
  @IsString()
  MIGRATION_DATABASE_URL = 'postgres://assay_owner:assay_owner@127.0.0.1:5432/assay';

  /** A superuser connection used only by `npm start` / tests to create the roles and database if missing. */
  @IsString()
  DATABASE_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

  @IsInt()
  @Min(1)
  @Transform(toInt)
  DATABASE_POOL_SIZE = 20;

  /**
   * How long a pool connection may sit idle before it is closed (0: never). pg's own default, 10 s,
   * made a quiet API reconnect on its next query (10-60 ms more on that request); a minute rides
   * out the pauses between bursts (docs/scaling.md, "Database connections").
   */
  @IsInt()
  @Min(0)
  @Transform(toInt)
  DATABASE_POOL_IDLE_MS = 60_000;

  /** Connections each pool keeps open however long they idle, once opened (at most DATABASE_POOL_SIZE). */
  @IsInt()
  @Min(0)
  @Transform(toInt)
  DATABASE_POOL_MIN = 2;

  /**
   * Optional: a streaming replica (same role and database) for the analytics report reads, which
   * then lag the primary by the replication delay (docs/scaling.md, "Read replicas"). Empty: the
   * reports read the primary.
   */
  @IsString()
  DATABASE_REPLICA_URL = '';

  @IsString()
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * Optional: the seed nodes of a Redis Cluster ("host:port,host:port"); credentials and TLS come
   * from REDIS_URL. Needs a hash-tagged REDIS_PREFIX such as `{assay}`, so each queue's keys share
   * a slot (docs/scaling.md, "Redis for BullMQ"). Empty: the one server of REDIS_URL.
   */
  @IsString()
  @Matches(/^$|^\s*[^,:\s]+:\d{1,5}\s*(,\s*[^,:\s]+:\d{1,5}\s*)*$/, { message: 'must be a comma-separated list of host:port' })
  REDIS_CLUSTER_NODES = '';

  /** Prefix of every Redis key (queues, rate limits), so several environments can share one Redis. */
  @IsString()
  @MinLength(1)
  REDIS_PREFIX = 'assay';

  @IsInt()
  @Min(0)
  @Max(65535)
  @Transform(toInt)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /**
   * Behind a load balancer (several API replicas, docs/scaling.md): which proxies' X-Forwarded-For
   * to believe for the client's address (rate limits, attempt events). A number of hops (`1`: the
   * balancer in front) or a list of addresses/CIDRs; empty: none, the peer is the client. Only set
   * it when the API cannot be reached except through that proxy.
   */
  @IsString()
  TRUST_PROXY = '';

  /** The built web app (`vite build`, see docs/web.md) that the API serves on its own port; relative to the working directory. */
  @IsString()
  WEB_ROOT = 'dist/web';

  /** Public base URL of the web app, used in links sent to people. */
  @IsString()
  PUBLIC_URL = 'http://localhost:3000';

  /** HMAC secret of access tokens; the default is for local development only (production refuses it). */
  @IsString()
  @MinLength(32)
  JWT_SECRET = 'assay-local-development-secret-change-me-0123456789';

  /**
   * HMAC key from which candidates' personal link tokens (and the sealed tenant reference of
   * attempt tokens) are derived; the default is for local development only (production refuses it).
   */
  @IsString()
  @MinLength(32)
  LINK_SECRET = 'assay-local-link-secret-change-me-0123456789abcdef';

  @IsInt()
  @Min(60)
  @Transform(toInt)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @IsInt()
  @Min(60)
  @Transform(toInt)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  /** Attempts allowed per window on login, signup and token endpoints, per client address. */
  @IsInt()
  @Min(1)
  @Transform(toInt)
  AUTH_RATE_LIMIT = 10;

  @IsInt()
  @Min(1)
  @Transform(toInt)
  AUTH_RATE_WINDOW_SECONDS = 60;

  /** Candidate link openings per client address per minute (campus networks share addresses). */
  @IsInt()
  @Min(1)
  @Transform(toInt)
  LINK_RATE_LIMIT = 120;

  @IsInt()
  @Min(1024)
  @Transform(toInt)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** Worker threads that parse uploads and estimate password strength, off the event loop (docs/security.md). */
  @IsInt()
  @Min(1)
  @Max(16)
  @Transform(toInt)
  PARSE_THREADS = 2;

  /** How long one parse (or strength estimate) may run before its thread is ended and the request answered 413. */
  @IsInt()
  @Min(100)
  @Transform(toInt)
  PARSE_TIMEOUT_MS = 20_000;

  /** Heap limit of each parsing thread; a file that needs more is answered 413. */
  @IsInt()
  @Min(64)
  @Transform(toInt)
  PARSE_MEMORY_MB = 512;

  /** How long one analytics report may take to build in its worker thread (a 100,000-attempt cohort takes seconds) before the refresh fails and is retried. */
  @IsInt()
  @Min(1000)
  @Transform(toInt)
  ANALYTICS_TIMEOUT_MS = 600_000;

  /** Heap limit of each report-building thread (a 100,000 × 30 cohort needs about 1 GiB). */
  @IsInt()
  @Min(256)
  @Transform(toInt)
  ANALYTICS_MEMORY_MB = 4096;

  /**
   * Connections that insert one refresh's candidate rows at once, besides its own transaction
   * (docs/analytics.md, "Snapshots"): PostgreSQL's parsing and inserting of a large cohort's rows is
   * the refresh's critical path; more writers use more of the database's cores.
   */
  @IsInt()
  @Min(1)
  @Max(16)
  @Transform(toInt)
  ANALYTICS_WRITERS = 2;

  /** SMTP server that delivers email (invitations, reminders); credentials may be in the URL. */
  @IsString()
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString()
  MAIL_FROM = 'Assay <no-reply@assay.local>';

  /** Time zone in which emails show dates to candidates. */
  @IsString()
  MAIL_TIME_ZONE = 'Asia/Shanghai';

  /** How long one webhook delivery may take (connect, send, answer) before it is aborted and counted as failed. */
  @IsInt()
  @Min(100)
  @Transform(toInt)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /**
   * Whether webhook URLs may reach private, loopback and link-local addresses (`true`: on-premises
   * receivers, development, tests). `false` refuses them when registering and at each delivery (SSRF).
   */
  @IsIn(['true', 'false'])
  WEBHOOK_ALLOW_PRIVATE_NETWORKS = 'false';

  /** First wait before a failed webhook delivery is retried; each retry waits twice as long (at most 6 h). */
  @IsInt()
  @Min(10)
  @Transform(toInt)
  WEBHOOK_RETRY_BASE_MS = 30_000;

  /** Attempts per webhook delivery before it is marked failed (redeliverable by hand). */
  @IsInt()
  @Min(1)
  @Max(30)
  @Transform(toInt)
  WEBHOOK_MAX_ATTEMPTS = 12;

  /** An endpoint is disabled after this many consecutive failed attempts ... */
  @IsInt()
  @Min(1)
  @Transform(toInt)
  WEBHOOK_DISABLE_AFTER_FAILURES = 20;

  /** ... spread over at least this many hours since its first failure in the run (docs/integrations.md). */
  @IsInt()
  @Min(0)
  @Transform(toInt)
  WEBHOOK_DISABLE_AFTER_HOURS = 24;

  /** How long a worker holds a job before another may take it over after a crash (BullMQ lock). */
  @IsInt()
  @Min(1000)
  @Transform(toInt)
  QUEUE_LOCK_MS = 30_000;

  /** How often workers look for jobs whose worker died (BullMQ stalled check). */
  @IsInt()
  @Min(500)
  @Transform(toInt)
  QUEUE_STALLED_CHECK_MS = 30_000;

  /** How long a SIGTERM/SIGINT may take to finish requests and jobs in flight before the process gives up with exit 1. */
  @IsInt()
  @Min(1000)
  @Transform(toInt)
  SHUTDOWN_TIMEOUT_MS = 25_000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV = 'development';
}

export const SENSITIVE_SETTINGS: ReadonlySet<keyof AppConfig> = new Set<keyof AppConfig>([
  'DATABASE_URL',
  'DATABASE_REPLICA_URL',
  'MIGRATION_DATABASE_URL',
  'DATABASE_ADMIN_URL',
  'REDIS_URL',
  'JWT_SECRET',
  'SMTP_URL',
  'LINK_SECRET',
]);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Secrets that production must set itself: every default we publish (code, .env.example, compose) says so. */
const PRODUCTION_SECRETS = ['JWT_SECRET', 'LINK_SECRET'] as const satisfies readonly (keyof AppConfig)[];
const PLACEHOLDER = /change-me/i;

/**
 * One line per wrong variable: its name, its value unless it is sensitive (a secret must not reach
 * a terminal or a log collector even when it is wrong), and the reasons.
 */
function describeProblem(name: string, value: string | undefined, reasons: string[]): string {
  const shown = SENSITIVE_SETTINGS.has(name as keyof AppConfig) ? ' (value hidden)' : `=${JSON.stringify(value ?? '')}`;
  return `${name}${shown}: ${reasons.join('; ')}`;
}

/** In production the published development secrets would let anyone sign tokens or forge links. */
function productionProblems(config: AppConfig): string[] {
  if (config.NODE_ENV !== 'production') return [];
  const problems = PRODUCTION_SECRETS.filter((name) => PLACEHOLDER.test(config[name])).map((name) =>
    describeProblem(name, config[name], ['a published default or placeholder cannot be used in production; set a random secret of 32 or more characters (e.g. `openssl rand -base64 48`)']),
  );
  if (config.JWT_SECRET === config.LINK_SECRET) {
    problems.push(describeProblem('LINK_SECRET', config.LINK_SECRET, ['must differ from JWT_SECRET in production']));
  }
  return problems;
}

/** BullMQ's multi-key scripts need every key of a queue in one slot: a `{tag}` in the prefix does that. */
function clusterProblems(config: AppConfig): string[] {
  if (config.REDIS_CLUSTER_NODES.trim() === '' || /\{[^}]+\}/.test(config.REDIS_PREFIX)) return [];
  return [describeProblem('REDIS_PREFIX', config.REDIS_PREFIX, ['must contain a hash tag such as {assay} when REDIS_CLUSTER_NODES is set, so each queue\'s keys share a cluster slot'])];
}

/** Reads and validates the environment; throws a ConfigError naming every wrong variable and why, never a secret's value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const given = Object.fromEntries(known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const config = plainToInstance(AppConfig, given, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  const problems = errors.map((e) => describeProblem(e.property, env[e.property], Object.values(e.constraints ?? {})));
  if (errors.length === 0) problems.push(...productionProblems(config), ...clusterProblems(config));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
