import { SetMetadata } from '@nestjs/common';
import type { JobName } from './job-catalog';

export const JOB_HANDLER = 'assay:job-handler';

/** Marks the method that processes a job; the worker refuses to start if a job has none or two. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER, name);

/** What a handler reports: `skipped` when a state guard found nothing left to do (safe re-runs). */
export type JobResult = 'done' | 'skipped';
