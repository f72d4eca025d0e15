/**
 * What the processes of a benchmark cost while it runs: each child's resident memory (VmRSS from
 * /proc, sampled every second, and VmHWM, the kernel's own peak), V8 heap peaks when the child was
 * started with bench/memory-probe.ts, and CPU time; and the CPU of the PostgreSQL backends serving
 * the benchmark's own database (found in pg_stat_activity at each sample, so other users of the
 * shared server are not counted; background processes such as the WAL writer are not either).
 * Linux only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Client } from 'pg';
import { procCpuMs } from './support';

export interface WatchedProcess {
  name: string;
  pid: number;
  /** BENCH_MEMORY_FILE of its memory probe, if it runs one. */
  memoryFile?: string;
}

export interface ProcessCost {
  name: string;
  pid: number;
  rssPeakMiB: number;
  rssMeanMiB: number;
  /** The kernel's peak RSS since the process started (start-up included). */
  rssHighWaterMiB: number;
  heapUsedPeakMiB: number | null;
  heapTotalPeakMiB: number | null;
  cpuMs: number;
  /** CPU time over the window: 1.0 is one core busy all the time. */
  cores: number;
}

const MIB = 2 ** 20;
const mib = (bytes: number) => Math.round((bytes / MIB) * 10) / 10;

/** A field of /proc/<pid>/status in bytes (`VmRSS`, `VmHWM`), 0 when the process is gone. */
function statusBytes(pid: number, field: string): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export class ProcessSampler {
  private readonly rss = new Map<number, number[]>();
  private readonly cpuAtStart = new Map<number, number>();
  /** Backend pid -> [CPU ms when first seen, when last seen]. */
  private readonly backends = new Map<number, [number, number]>();
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private sampling: Promise<void> = Promise.resolve();

  constructor(
    private readonly processes: WatchedProcess[],
    private readonly db: Client,
    private readonly database: string,
  ) {}

  start(): void {
    this.startedAt = Date.now();
    for (const p of this.processes) this.cpuAtStart.set(p.pid, procCpuMs(p.pid));
    this.timer = setInterval(() => (this.sampling = this.sample()), 1000);
    this.sampling = this.sample();
  }

  async stop(): Promise<{ seconds: number; processes: ProcessCost[]; postgres: { backends: number; cpuMs: number; cores: number } }> {
    if (this.timer) clearInterval(this.timer);
    await this.sampling;
    await this.sample();
    const seconds = (Date.now() - this.startedAt) / 1000;
    const cores = (ms: number) => Math.round((ms / 1000 / seconds) * 100) / 100;
    const processes = this.processes.map((p): ProcessCost => {
      const samples = this.rss.get(p.pid) ?? [];
      const probe = p.memoryFile && existsSync(p.memoryFile) ? (JSON.parse(readFileSync(p.memoryFile, 'utf8')) as { peak: { heapUsed: number; heapTotal: number } }) : null;
      const cpuMs = procCpuMs(p.pid) - (this.cpuAtStart.get(p.pid) ?? 0);
      return {
        name: p.name,
        pid: p.pid,
        rssPeakMiB: mib(Math.max(0, ...samples)),
        rssMeanMiB: mib(samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length)),
        rssHighWaterMiB: mib(statusBytes(p.pid, 'VmHWM')),
        heapUsedPeakMiB: probe ? mib(probe.peak.heapUsed) : null,
        heapTotalPeakMiB: probe ? mib(probe.peak.heapTotal) : null,
        cpuMs,
        cores: cores(cpuMs),
      };
    });
    const pgMs = [...this.backends.values()].reduce((sum, [first, last]) => sum + last - first, 0);
    return { seconds: Math.round(seconds), processes, postgres: { backends: this.backends.size, cpuMs: pgMs, cores: cores(pgMs) } };
  }

  private async sample(): Promise<void> {
    for (const p of this.processes) {
      const bytes = statusBytes(p.pid, 'VmRSS');
      if (bytes > 0) this.rss.set(p.pid, [...(this.rss.get(p.pid) ?? []), bytes]); // ~1 sample a second: a few hundred
    }
    const { rows } = await this.db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [this.database]);
    for (const { pid } of rows) {
      const ms = procCpuMs(pid);
      const seen = this.backends.get(pid);
      if (seen) seen[1] = Math.max(seen[1], ms);
      else this.backends.set(pid, [ms, ms]);
    }
  }
}
