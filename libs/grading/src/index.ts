export * from './grading.module';
export { GradingJobs } from './grading.jobs';
export { GradingQueueService } from './grading-queue.service';
export type { GraderTask } from './grading-queue.service';
export type { GradingSettings } from './grading-settings.service';
export { GradingPrivacy, type GradingExport } from './grading-privacy';
export { GradingSimilarity, type NewAnswer, type SimilarityWork } from './grading-similarity';
