import { performance } from 'node:perf_hooks';

/** Wall and process CPU (every thread's: the report thread's too) of one phase of a refresh, in ms. */
export interface PhaseCost {
  ms: number;
  cpuMs: number;
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * Consecutive phases of a refresh, logged with it: on a shared, loaded machine the wall time of a
 * refresh varies with the load, and the CPU each phase costs is what compares between runs.
 */
export function phaseClock() {
  const phases: Record<string, PhaseCost> = {};
  let [wall, cpu] = [performance.now(), cpuMs()];
  return {
    /** Ends the phase running since the previous call (or the clock's start) under `name`. */
    end(name: string): void {
      const [nowWall, nowCpu] = [performance.now(), cpuMs()];
      phases[name] = { ms: Math.round(nowWall - wall), cpuMs: Math.round(nowCpu - cpu) };
      [wall, cpu] = [nowWall, nowCpu];
    },
    phases: () => phases,
  };
}
