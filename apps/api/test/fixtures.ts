import { publishedPaperVia, type PublishedPaperFixture } from '@assay/testing';
import type { SignedUpTenant, TestApi } from './test-api';

export type { PublishedPaperFixture };

/** A published paper of one single-choice, one multiple-choice and one essay question. */
export function publishedPaper(api: TestApi, tenant: SignedUpTenant, title?: string, paper?: Record<string, unknown>): Promise<PublishedPaperFixture> {
  return publishedPaperVia((url, body) => api.request('POST', `/api/v1${url}`, { token: tenant.accessToken, body }), title, paper);
}
