import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { until } from './wait';
import { freePort } from './ports';

/**
 * A PostgreSQL cluster and a redis-server of a test's own, in temporary directories on free ports,
 * for tests that crash and restart them or need them configured otherwise (a Redis that comes up
 * late, a cluster, an evicting policy): the shared services on 5432/6379 serve other people's runs
 * and are never touched. Whatever is started here is stopped and its directory removed by
 * `stop()`, and also when the process exits without calling it (a failed or interrupted run).
 */

const cleanups = new Set<() => void>();
let exitHookInstalled = false;

/** Registers a synchronous cleanup that also runs on process exit; returns its unregistration. */
export function onExit(cleanup: () => void): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const run of [...cleanups]) run();
    });
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** initdb refuses to run as root: as root the cluster belongs to the `postgres` system user. */
function clusterUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

function postgresBin(program: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const path = join(root, version, 'bin', program);
    if (existsSync(path)) return path;
  }
  return program; // on PATH (other distributions)
}

export class OwnPostgres {
  private unregister: () => void = () => undefined;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly user: { uid: number; gid: number } | null,
  ) {}

  /** initdb (trust authentication, superuser `postgres`) into a temporary directory, then start it on a free port. */
  static async start(maxConnections = 200): Promise<OwnPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'assay-pg-'));
    const user = clusterUser();
    if (user) chownSync(dir, user.uid, user.gid);
    const server = new OwnPostgres(dir, await freePort(), user);
    server.unregister = onExit(() => server.stopSync());
    server.run('initdb', ['-D', server.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    const options = [
      `-p ${server.port}`,
      `-k ${dir}`,
      `-c listen_addresses=127.0.0.1`,
      `-c max_connections=${maxConnections}`,
      // The application logs its own errors; the server's log goes to the cluster's directory.
      `-c logging_collector=off`,
    ].join(' ');
    server.run('pg_ctl', ['-D', server.dataDir, '-l', server.logFile, '-o', options, '-w', '-t', '600', 'start']);
    return server;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** The server's log (pg_ctl redirects the postmaster's output there, so no pipe of ours is held open). */
  get logFile(): string {
    return join(this.dir, 'server.log');
  }

  /** The superuser URL of database `database`. */
  url(database = 'postgres', role = 'postgres', password = ''): string {
    return `postgres://${role}${password ? `:${password}` : ''}@127.0.0.1:${this.port}/${database}`;
  }

  /**
   * A crash and restart: `immediate` stops every backend without a checkpoint (what a power cut or
   * an OOM kill of the postmaster does), and the start replays the WAL.
   */
  restart(mode: 'immediate' | 'fast' = 'immediate'): void {
    this.run('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-m', mode, '-w', '-t', '600', 'restart']);
  }

  async stop(): Promise<void> {
    this.stopSync();
  }

  private stopSync(): void {
    this.unregister();
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) {
      try {
        this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already gone
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(program: string, args: string[]): void {
    execFileSync(postgresBin(program), args, { cwd: this.dir, stdio: ['ignore', 'ignore', 'pipe'], ...(this.user ?? {}) });
  }
}

export interface OwnRedisOptions {
  /** The port, when the test chose it before the server exists (an API started against a Redis that is still down); a free one otherwise. */
  port?: number;
  /** More redis-server arguments, given after the production ones so that they override them (`--maxmemory-policy allkeys-lru`, `--cluster-enabled yes`). */
  args?: string[];
}

export class OwnRedis {
  private child: ChildProcess | null = null;
  private unregister: () => void = () => undefined;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly args: string[],
  ) {}

  /**
   * A redis-server configured as production runs it (docker-compose.yml): `noeviction`, AOF with
   * `appendfsync everysec`, no RDB snapshots; its files in a temporary directory. Resolves once it
   * answers PING.
   */
  static async start(options: OwnRedisOptions = {}): Promise<OwnRedis> {
    const server = new OwnRedis(mkdtempSync(join(tmpdir(), 'assay-redis-')), options.port ?? (await freePort()), options.args ?? []);
    server.unregister = onExit(() => server.stopSync());
    await server.launch();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** `SHUTDOWN NOSAVE` (the AOF is flushed, no snapshot), then a new server on the same port and directory. */
  async restart(): Promise<void> {
    const child = this.child;
    if (!child) throw new Error('redis-server is not running');
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const client = new Redis(this.port, '127.0.0.1', { maxRetriesPerRequest: 0, lazyConnect: true });
    try {
      await client.connect();
      await client.call('SHUTDOWN', 'NOSAVE').catch(() => undefined); // the connection closes with the server
    } finally {
      client.disconnect();
    }
    await exited;
    await this.launch();
  }

  /**
   * `kill -9`, then a new server on the same port and directory: it replays the AOF, which with
   * `appendfsync everysec` may lack up to the last second of writes (queued jobs, locks).
   */
  async crash(): Promise<void> {
    const child = this.child;
    if (!child) throw new Error('redis-server is not running');
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGKILL');
    await exited;
    await this.launch();
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.kill('SIGKILL');
      await exited;
    }
    this.stopSync();
  }

  private stopSync(): void {
    this.unregister();
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    this.child = null;
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const production = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction'];
    const child = spawn('redis-server', [...production, ...this.args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output.slice(-2000)}`)));
    });
    await ready;
    // Keep reading so a full pipe never blocks the server.
    child.stdout?.removeAllListeners('data');
    child.stdout?.resume();
    child.stderr?.resume();
    await until(async () => {
      const probe = new Redis(this.port, '127.0.0.1', { maxRetriesPerRequest: 0, lazyConnect: true });
      try {
        await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        probe.disconnect();
      }
    }, `redis-server on port ${this.port}`);
  }
}
