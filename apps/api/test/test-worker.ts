import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig, loadConfig } from '@assay/core';
// End-to-end tests drive both entry points: the API and the real worker module.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { WorkerModule } from '../../worker/src/worker.module';

/** The real worker (every job handler, real BullMQ on Redis) in the test process. */
export async function startWorker(env: Record<string, string> = {}): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(loadConfig({ ...process.env, ...env }))
    .compile();
  moduleRef.useLogger(false);
  return moduleRef.init();
}
