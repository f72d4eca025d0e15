import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppConfig, JOB_QUEUE, JobName, QUEUE_CONCURRENCY, ThreadPool, type OffThreadTask } from '@assay/core';
import type { BuildReportInput, BuiltSnapshot, RowBatch } from './build-report.task';

const BUILD_REPORT: OffThreadTask = { module: join(__dirname, 'build-report.task'), fn: 'buildReportTask' };

/**
 * The worker threads that build reports: one per refresh the analytics queue runs at once, with
 * limits of their own (ANALYTICS_TIMEOUT_MS, ANALYTICS_MEMORY_MB), far above those for request
 * input. Threads start on the first refresh, so the API process (which only reads reports) has none.
 */
@Injectable()
export class ReportThreads extends ThreadPool {
  constructor(config: AppConfig) {
    super({ threads: QUEUE_CONCURRENCY[JOB_QUEUE[JobName.RefreshAnalytics]], timeoutMs: config.ANALYTICS_TIMEOUT_MS, memoryMb: config.ANALYTICS_MEMORY_MB });
  }

  /** Reads the cohort and builds the report in a thread; `onBatch` receives the candidate rows' batches (build-report.task.ts), best first, as the thread writes them. */
  build(input: BuildReportInput, onBatch: (batch: RowBatch) => void): Promise<BuiltSnapshot> {
    return this.run<BuiltSnapshot, RowBatch>(BUILD_REPORT, input, onBatch);
  }
}
