export * from './privacy.module';
export { PrivacyService } from './privacy.service';
export { CANDIDATE_EXPORT_FORMAT, type CandidateExport, type ErasureReport } from './privacy-records';
