export * from './audit.module';
export { AuditTrail, type AuditChange } from './audit-trail';
export { AuditInterceptor } from './audit.interceptor';
export { REDACTED } from './redaction';
