import type { components } from '../../../api/schema';
import { staffApi } from '../../staff-api';
import { call } from '../problems';

export type CatalogKind = 'job-roles' | 'competencies';
export type CatalogEntry = components['schemas']['CompetencyResponse'] & { archivedAt?: string | null };
export type CatalogFields = components['schemas']['CreateCatalogEntryDto'];
interface Query {
  page: number;
  pageSize: number;
  q?: string;
  archived?: boolean;
}

/** Job roles and competencies share their screens; this hides which endpoint each one calls. */
export const catalogApi: Record<
  CatalogKind,
  {
    list: (query: Query) => Promise<{ items: CatalogEntry[]; total: number }>;
    create: (body: CatalogFields) => Promise<CatalogEntry>;
    update: (id: string, body: CatalogFields) => Promise<CatalogEntry>;
    remove: (id: string) => Promise<unknown>;
  }
> = {
  'job-roles': {
    list: ({ archived, ...query }) => call(staffApi.GET('/api/v1/job-roles', { params: { query: { ...query, archived: archived ? 'true' : undefined } } })),
    create: (body) => call(staffApi.POST('/api/v1/job-roles', { body })),
    update: (id, body) => call(staffApi.PATCH('/api/v1/job-roles/{id}', { params: { path: { id } }, body })),
    remove: (id) => call(staffApi.DELETE('/api/v1/job-roles/{id}', { params: { path: { id } } })),
  },
  competencies: {
    list: ({ archived: _, ...query }) => call(staffApi.GET('/api/v1/competencies', { params: { query } })),
    create: (body) => call(staffApi.POST('/api/v1/competencies', { body })),
    update: (id, body) => call(staffApi.PATCH('/api/v1/competencies/{id}', { params: { path: { id } }, body })),
    remove: (id) => call(staffApi.DELETE('/api/v1/competencies/{id}', { params: { path: { id } } })),
  },
};

/** Archive or restore a job role (kept with its papers and results; archived roles leave the pickers). */
export const setJobRoleArchived = (id: string, archived: boolean) =>
  archived
    ? call(staffApi.POST('/api/v1/job-roles/{id}/archive', { params: { path: { id } } }))
    : call(staffApi.POST('/api/v1/job-roles/{id}/restore', { params: { path: { id } } }));
