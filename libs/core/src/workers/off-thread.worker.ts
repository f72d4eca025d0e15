import { parentPort, workerData } from 'node:worker_threads';

/**
 * The body of every off-thread worker (off-thread.ts): loads a task's module on first use and
 * answers each message with the value of the named function (sync or async), after the parts the
 * function posted with its second argument. A task that throws is a bug or an input the task did
 * not expect; tasks return their expected failures as values.
 */
interface TaskMessage {
  id: number;
  module: string;
  fn: string;
  input: unknown;
}

const hold = new Int32Array(workerData.hold as SharedArrayBuffer);
const modules = new Map<string, Record<string, (input: unknown, post: (part: unknown) => void) => unknown>>();

parentPort?.on('message', async ({ id, module, fn, input }: TaskMessage) => {
  parentPort?.postMessage({ id, started: true });
  // Held only while a test keeps tasks waiting (OffThread.hold), to observe the API during one.
  Atomics.wait(hold, 0, 1);
  try {
    let loaded = modules.get(module);
    if (!loaded) {
      loaded = require(module) as Record<string, (input: unknown, post: (part: unknown) => void) => unknown>;
      modules.set(module, loaded);
    }
    const task = loaded[fn];
    if (typeof task !== 'function') throw new Error(`${module} has no function ${fn}`);
    parentPort?.postMessage({ id, value: await task(input, (part) => parentPort?.postMessage({ id, part })) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});
