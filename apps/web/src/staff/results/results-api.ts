import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { bodyOf, ProblemError } from '../../api/client';
import type { paths } from '../../api/schema';
import type { Locale } from '../i18n';
import { staffApi } from '../staff-api';
import { saveFile } from '../ui/save-file';
import { attachmentName } from './format';

/** The results' data, typed by the generated client (docs/analytics.md defines every figure). */
type Ok<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer T } } } } } ? T : never;

export type Scope = 'paper-versions' | 'job-roles';
export type StoredReport = Ok<'/api/v1/analytics/{scope}/{id}'>;
export type Report = StoredReport['report'];
export type CandidatePage = Ok<'/api/v1/analytics/{scope}/{id}/candidates'>;
export type CandidateRow = CandidatePage['items'][number];
export type CandidateReport = Ok<'/api/v1/analytics/{scope}/{id}/candidates/{attemptId}'>;
export type Comparison = Ok<'/api/v1/analytics/{scope}/{id}/compare'>;
export type ItemReport = NonNullable<Report['items']>['questions'][number];
export type GradingReport = NonNullable<Report['grading']>;
export type CandidateQuery = NonNullable<paths['/api/v1/analytics/{scope}/{id}/candidates']['get']['parameters']['query']>;
export type JobRolePage = Ok<'/api/v1/job-roles'>;

export const isScope = (value: string | undefined): value is Scope => value === 'paper-versions' || value === 'job-roles';

/** A report not computed yet is a normal state (nobody submitted), not an error. */
export const notComputed = (error: unknown) => error instanceof ProblemError && error.problem.code === 'analytics.report_not_found';

/** How often a page without a report asks again: the worker computes one within seconds of the first scoring. */
const NOT_COMPUTED_POLL_MS = 5_000;

export function useReport(scope: Scope, id: string, enabled = true) {
  return useQuery({
    queryKey: ['analytics', scope, id],
    enabled,
    retry: (count, error) => !notComputed(error) && count < 2,
    // The empty page promises that results appear by themselves: it asks again until they do.
    refetchInterval: (query) => (notComputed(query.state.error) ? NOT_COMPUTED_POLL_MS : false),
    queryFn: async () => bodyOf<StoredReport>(await staffApi.GET('/api/v1/analytics/{scope}/{id}', { params: { path: { scope, id } } })),
  });
}

export function useCandidates(scope: Scope, id: string, query: CandidateQuery) {
  return useQuery({
    queryKey: ['analytics', scope, id, 'candidates', query],
    placeholderData: keepPreviousData,
    queryFn: async () => bodyOf<CandidatePage>(await staffApi.GET('/api/v1/analytics/{scope}/{id}/candidates', { params: { path: { scope, id }, query } })),
  });
}

export function useCandidateReport(scope: Scope, id: string, attemptId: string) {
  return useQuery({
    queryKey: ['analytics', scope, id, 'candidate', attemptId],
    queryFn: async () => bodyOf<CandidateReport>(await staffApi.GET('/api/v1/analytics/{scope}/{id}/candidates/{attemptId}', { params: { path: { scope, id, attemptId } } })),
  });
}

export function useComparison(scope: Scope, id: string, attemptIds: readonly string[]) {
  return useQuery({
    queryKey: ['analytics', scope, id, 'compare', attemptIds],
    enabled: attemptIds.length >= 2,
    queryFn: async () =>
      bodyOf<Comparison>(await staffApi.GET('/api/v1/analytics/{scope}/{id}/compare', { params: { path: { scope, id }, query: { attemptIds: [...attemptIds] } } })),
  });
}

export function useJobRoles(query: { page: number; pageSize: number; q?: string }) {
  return useQuery({
    queryKey: ['job-roles', query],
    placeholderData: keepPreviousData,
    queryFn: async () => bodyOf<JobRolePage>(await staffApi.GET('/api/v1/job-roles', { params: { query } })),
  });
}

/**
 * Downloads the export as a file. It goes through the staff client (the token is a header, so a
 * plain link cannot carry it), then hands the browser a blob URL with the server's file name.
 */
export async function downloadExport(scope: Scope, id: string, format: 'csv' | 'xlsx'): Promise<void> {
  const result = await staffApi.GET('/api/v1/analytics/{scope}/{id}/export', { params: { path: { scope, id }, query: { format } }, parseAs: 'blob' });
  saveFile(bodyOf<Blob>(result), attachmentName(result.response.headers.get('content-disposition'), `candidates.${format}`));
}

/** Downloads one candidate's report as the PDF the API writes, in the app's language. */
export async function downloadCandidatePdf(scope: Scope, id: string, attemptId: string, lang: Locale): Promise<void> {
  const result = await staffApi.GET('/api/v1/analytics/{scope}/{id}/candidates/{attemptId}/report.pdf', { params: { path: { scope, id, attemptId }, query: { lang } }, parseAs: 'blob' });
  saveFile(bodyOf<Blob>(result), attachmentName(result.response.headers.get('content-disposition'), 'report.pdf'));
}
