import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemType, titleOf } from '@assay/core';
import type { PaperIssue } from './paper-validation';

/** Publishing refused: the paper is well-formed input but its content breaks publishing rules. */
export class PaperNotPublishableError extends Error {
  constructor(
    readonly errors: PaperIssue[],
    readonly warnings: PaperIssue[],
  ) {
    super(`The paper has ${errors.length} problem(s) to fix before publishing.`);
    this.name = 'PaperNotPublishableError';
  }
}

const CODE = 'paper.not_publishable';

/**
 * 422 with the blocking issues. Core's DomainError kinds have no 422, so this one error gets its
 * own filter. Each error carries `field`/`reason` like every other problem document, and
 * `path`/`code`/`message` like GET /papers/:id/validation.
 */
@Catch(PaperNotPublishableError)
export class PaperNotPublishableFilter implements ExceptionFilter {
  catch(error: PaperNotPublishableError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    void http
      .getResponse<FastifyReply>()
      .status(422)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send({
        type: problemType(CODE),
        title: titleOf(422),
        status: 422,
        detail: error.message,
        code: CODE,
        errors: error.errors.map((issue) => ({ field: issue.path, reason: issue.message, ...issue })),
        warnings: error.warnings,
        instance: request.url,
        requestId: String(request.id),
      });
  }
}
