import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { bodyOf } from '../../api/client';
import type { components } from '../../api/schema';
import { staffApi } from '../staff-api';

/** The response shapes of the console's paper and invitation screens, from the generated OpenAPI schema. */
export type Schemas = components['schemas'];
export type Paper = Schemas['PaperResponse'];
export type PaperSummary = Schemas['PaperSummaryResponse'];
export type PaperIssue = Schemas['PaperIssueResponse'];
export type Question = Schemas['QuestionResponse'];
export type QuestionType = Question['type'];
export type JobRole = Schemas['JobRoleResponse'];
export type Invitation = Schemas['InvitationResponse'];
export type ImportWarning = Schemas['ImportWarningResponse'];

/** The caller's roles (the shell asks the same query, so this is cached). */
export function useRoles() {
  return useQuery({ queryKey: ['me'], queryFn: async () => bodyOf<{ roles: string[] }>(await staffApi.GET('/api/v1/auth/me')) }).data?.roles ?? [];
}

/** The company's job roles for pickers and names (the first 200, by name; a company has far fewer). */
export function useJobRoles() {
  return useQuery({
    queryKey: ['job-roles', 'all'],
    queryFn: async () => bodyOf<Schemas['JobRolePage']>(await staffApi.GET('/api/v1/job-roles', { params: { query: { pageSize: 200 } } })).items,
  });
}

/** Papers whose title contains `q`, one page, newest first; archived ones too when asked. */
export function usePapers(q: string, page: number, pageSize: number, archived = false) {
  return useQuery({
    queryKey: ['papers', q, page, pageSize, archived],
    queryFn: async () =>
      bodyOf<Schemas['PaperSummaryPage']>(await staffApi.GET('/api/v1/papers', { params: { query: { q: q || undefined, page, pageSize, archived: archived || undefined } } })),
    placeholderData: keepPreviousData,
  });
}
