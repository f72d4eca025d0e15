import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Global, Injectable, Module, type OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../problem/domain-error';
import type { SpreadsheetTable } from './spreadsheet.task';

/**
 * A function of a module that runs in a worker thread: plain data in, plain data out (structured
 * clone; a Buffer arrives as a Uint8Array). Its second argument posts a part of the result at once
 * (`run`'s `onPart`), so the caller can use the first parts while the task makes the next.
 */
export interface OffThreadTask {
  /** Absolute path of the module without extension (`join(__dirname, 'x.task')`), so it resolves to .ts in tests and .js when built. */
  module: string;
  fn: string;
}

const WRITE_SPREADSHEET: OffThreadTask = { module: join(__dirname, 'spreadsheet.task'), fn: 'writeSpreadsheet' };

/** A task stopped by a limit: it ran longer than the time limit, or its thread ran out of its memory limit. */
export class OffThreadLimitError extends Error {
  constructor(readonly limit: 'time' | 'memory') {
    super(limit === 'time' ? 'The task ran past its time limit' : 'The task ran out of its memory limit');
    this.name = 'OffThreadLimitError';
  }
}

interface Pending {
  id: number;
  task: OffThreadTask;
  input: unknown;
  onPart?: (part: unknown) => void;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  /** The task in progress; its timer starts when the thread picks it up (a thread's start-up is not the task's time). */
  running: (Pending & { timer?: NodeJS.Timeout }) | null;
}

/** Running from TypeScript sources (tests, tools): the worker thread compiles them as Jest does. */
const FROM_SOURCE = __filename.endsWith('.ts');
const WORKER_BODY = join(__dirname, `off-thread.worker${FROM_SOURCE ? '.ts' : '.js'}`);

/** How many threads a pool may run, how long one task may take, and how much heap one thread may use. */
export interface ThreadLimits {
  threads: number;
  timeoutMs: number;
  memoryMb: number;
}

/**
 * A small pool of worker threads for CPU-heavy work: the event loop keeps answering requests and
 * renewing job locks meanwhile. Each task has a time limit (the thread is ended when it passes)
 * and each thread a heap limit. Threads start on first use and are reused; tasks beyond the pool's
 * size wait in order. Emits `started` (task) when a thread picks a task up. `OffThread` is the pool
 * for request input and downloads; a domain with heavier work (the analytics' report building)
 * extends it with its own limits.
 */
export class ThreadPool extends EventEmitter implements OnModuleDestroy {
  private readonly threads: Thread[] = [];
  private readonly queue: Pending[] = [];
  private readonly hold = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;
  private closed = false;

  constructor(protected readonly limits: ThreadLimits) {
    super();
  }

  /** Runs `task` on `input`; `onPart` receives, in order, the parts the task posts before its value. */
  run<T, P = never>(task: OffThreadTask, input: unknown, onPart?: (part: P) => void): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The thread pool is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, input, onPart: onPart as ((part: unknown) => void) | undefined, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  /**
   * Makes the threads wait before each task until the returned function is called: a test keeps a
   * task in progress to observe the API meanwhile (deterministically, without guessing a duration).
   */
  holdTasks(): () => void {
    Atomics.store(this.hold, 0, 1);
    return () => {
      Atomics.store(this.hold, 0, 0);
      Atomics.notify(this.hold, 0);
    };
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('OffThread closed'));
    await Promise.all(this.threads.splice(0).map((thread) => this.end(thread, new Error('OffThread closed'))));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const thread = this.threads.find((t) => t.running === null) ?? (this.threads.length < this.limits.threads ? this.spawn() : null);
      if (!thread) return;
      const pending = this.queue.shift() as Pending;
      thread.running = pending;
      thread.worker.postMessage({ id: pending.id, module: pending.task.module, fn: pending.task.fn, input: pending.input });
    }
  }

  private spawn(): Thread {
    const bootstrap = FROM_SOURCE ? `require('@swc-node/register'); require(${JSON.stringify(WORKER_BODY)});` : `require(${JSON.stringify(WORKER_BODY)});`;
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: { hold: this.hold.buffer },
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb },
    });
    // Idle threads never keep the process alive; onModuleDestroy ends them on shutdown.
    worker.unref();
    const thread: Thread = { worker, running: null };
    worker.on('message', (message: { id: number; started?: true; part?: unknown; value?: unknown; error?: string }) => {
      const running = thread.running;
      if (!running || running.id !== message.id) return;
      if ('part' in message) {
        running.onPart?.(message.part);
        return;
      }
      if (message.started) {
        running.timer = setTimeout(() => void this.end(thread, new OffThreadLimitError('time')), this.limits.timeoutMs);
        this.emit('started', running.task);
        return;
      }
      clearTimeout(running.timer);
      thread.running = null;
      if (message.error !== undefined) running.reject(new Error(`Off-thread task ${running.task.fn} failed: ${message.error}`));
      else running.resolve(message.value);
      this.dispatch();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      void this.end(thread, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new OffThreadLimitError('memory') : error);
    });
    worker.on('exit', () => void this.end(thread, new Error('The worker thread exited')));
    this.threads.push(thread);
    return thread;
  }

  /** Ends a thread (its task, if any, fails with `reason`); the next task gets a new thread. */
  private async end(thread: Thread, reason: Error): Promise<void> {
    const index = this.threads.indexOf(thread);
    if (index >= 0) this.threads.splice(index, 1);
    const running = thread.running;
    thread.running = null;
    if (running) {
      clearTimeout(running.timer);
      running.reject(reason);
    }
    await thread.worker.terminate();
    if (!this.closed) this.dispatch();
  }
}

/**
 * The pool for work on request input and for downloads (file parsing, password strength, CSV and
 * XLSX writing): one hostile upload costs at most one thread for `PARSE_TIMEOUT_MS`.
 */
@Injectable()
export class OffThread extends ThreadPool {
  constructor(config: AppConfig) {
    // Read from the config each time a limit applies, so a changed setting (a test lowering the time limit) holds at once.
    super({
      get threads() {
        return config.PARSE_THREADS;
      },
      get timeoutMs() {
        return config.PARSE_TIMEOUT_MS;
      },
      get memoryMb() {
        return config.PARSE_MEMORY_MB;
      },
    });
  }

  /** `run` for the reader of an upload: a limit reached is a 413 naming the input's field, not an error of ours. */
  async parseUpload<T>(task: OffThreadTask, input: unknown, field = 'file'): Promise<T> {
    try {
      return await this.run<T>(task, input);
    } catch (error) {
      if (error instanceof OffThreadLimitError) throw uploadTooComplex(error, field, this.limits.timeoutMs / 1000);
      throw error;
    }
  }

  /** `run` for a task that writes a download: its bytes as a Buffer; too large to write within the limits is a 422. */
  async download(task: OffThreadTask, input: unknown): Promise<Buffer> {
    try {
      const bytes = await this.run<Uint8Array>(task, input);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (error instanceof OffThreadLimitError) throw exportTooLarge(error);
      throw error;
    }
  }

  /** A CSV or XLSX download of a table (spreadsheet.task.ts), every cell escaped against formulas. */
  spreadsheet(table: SpreadsheetTable): Promise<Buffer> {
    return this.download(WRITE_SPREADSHEET, table);
  }

}

/** An upload's parse stopped by a limit, as the user should read it. */
function uploadTooComplex(error: OffThreadLimitError, field: string, seconds: number): DomainError {
  const what = error.limit === 'time' ? `took longer than the ${seconds} s allowed` : 'needed more memory than allowed';
  return new DomainError('too_large', 'upload.too_complex', `Reading the ${field} ${what}; split it into smaller parts, or remove images and formatting.`, [
    { field, reason: `too large or complex to read (${error.limit} limit)` },
  ], { cause: error });
}

/** A download whose writing passed a limit, as the user should read it. */
function exportTooLarge(error: OffThreadLimitError): DomainError {
  return new DomainError('unprocessable', 'export.too_large', 'The export is too large to write at once; narrow it with the filters and export it in parts.', [], {
    cause: error,
  });
}

@Global()
@Module({ providers: [OffThread], exports: [OffThread] })
export class OffThreadModule {}
