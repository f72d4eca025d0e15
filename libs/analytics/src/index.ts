export * from './analytics.module';
export * from './analytics.service';
export { AnalyticsJobs } from './analytics.jobs';
export { analyticsRefreshJobs, REFRESH_WINDOW_MS } from './analytics-refresh';
export { buildReport, type Report, type CandidateRow } from './build-report';
export type { Cohort, ReportScope } from './cohort';
export { AnalyticsPrivacy } from './analytics-privacy';
