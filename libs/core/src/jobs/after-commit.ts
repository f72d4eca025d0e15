import type { Logger } from '@nestjs/common';

/**
 * Runs Redis work that follows a database commit (enqueue, cancel) without letting its failure
 * reach the caller: the committed rows are the truth, and a sweep recovers what was lost (see
 * docs/architecture.md, "Redis outages"). Failures are logged with `context`. Returns whether the
 * work succeeded. JobQueue bounds every call, so this never waits long on a dead Redis.
 */
export async function afterCommit(logger: Logger, context: Record<string, unknown>, failure: string, work: () => Promise<unknown>): Promise<boolean> {
  try {
    await work();
    return true;
  } catch (error) {
    logger.warn({ err: error, ...context }, failure);
    return false;
  }
}
