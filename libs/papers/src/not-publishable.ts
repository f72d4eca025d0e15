import { DomainError } from '@assay/core';
import type { PaperIssue } from './paper-validation';

/**
 * Publishing refused (422): the paper is well-formed input but its content breaks publishing
 * rules. Each error carries `field`/`reason` like every other problem document, and
 * `path`/`code`/`message` like GET /papers/:id/validation; the warnings go along as an extension.
 */
export function paperNotPublishable(errors: PaperIssue[], warnings: PaperIssue[]): DomainError {
  return new DomainError(
    'unprocessable',
    'paper.not_publishable',
    `The paper has ${errors.length} problem(s) to fix before publishing.`,
    errors.map((issue) => ({ field: issue.path, reason: issue.message, ...issue })),
    { extensions: { warnings } },
  );
}
