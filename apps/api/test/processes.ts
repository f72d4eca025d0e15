import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { until } from '@assay/testing';

export { freePort } from '@assay/testing';

const ROOT = resolve(__dirname, '../../..');
const ENTRY = { api: 'apps/api/src/main.ts', worker: 'apps/worker/src/main.ts' } as const;

/**
 * The API or the worker as a process of its own (TypeScript run through @swc-node/register), for
 * tests that kill or stop it, or read what it logs: `output` gets its stdout and stderr as they
 * come. Otherwise output is discarded unless ASSAY_TEST_CHILD_OUTPUT=inherit.
 */
export function spawnProcess(kind: keyof typeof ENTRY, env: Record<string, string>, output?: (text: string) => void): ChildProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(ROOT, ENTRY[kind])], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: output ? ['ignore', 'pipe', 'pipe'] : process.env.ASSAY_TEST_CHILD_OUTPUT === 'inherit' ? 'inherit' : 'ignore',
  });
  if (output) {
    child.stdout?.setEncoding('utf8').on('data', output);
    child.stderr?.setEncoding('utf8').on('data', output);
  }
  return child;
}

/** Resolves with the exit code (null when a signal ended it), at once if it has already exited. */
export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => (child.exitCode !== null || child.signalCode !== null ? done(child.exitCode) : child.once('exit', (code) => done(code))));
}

/** Waits until the API on this port answers /api/health with 200. */
export async function healthy(port: number): Promise<void> {
  const answers = async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/api/health`)).ok;
    } catch {
      return false; // not listening yet
    }
  };
  await until(answers, `the API on port ${port} to become healthy`);
}
