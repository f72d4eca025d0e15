export * from './attempts.module';
export * from './attempts.service';
export * from './attempt-reports.service';
export { ATTEMPT_TOKEN_HEADER } from './attempt-token';
export { scoreAttemptAnswers } from './attempt-scoring';
export { AttemptJobs } from './attempt.jobs';
export { AUTOSAVE_OPENAPI_PATHS } from './autosave.openapi';
