export * from './attempts.module';
export * from './attempts.service';
export * from './attempt-reports.service';
export { ATTEMPT_TOKEN_HEADER, attemptTokenKey, hashAttemptToken, newAttemptToken, tenantOfAttemptToken } from './attempt-token';
// The autosave statement, also run by bench/'s bare baseline server.
export { SAVE_ANSWERS } from './attempt-sql';
export { scoreAttemptAnswers } from './attempt-scoring';
export { AttemptJobs } from './attempt.jobs';
export { AUTOSAVE_OPENAPI_PATHS } from './autosave.openapi';
export { START_OPENAPI_MODELS, START_OPENAPI_PATHS } from './start.openapi';
export { AttemptPrivacy, type AttemptRecord, type AttemptExport } from './attempt-privacy';
