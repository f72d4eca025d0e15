import { lazy, type ReactNode } from 'react';
import type { Texts } from './i18n';

export type StaffRole = 'admin' | 'recruiter' | 'grader';

/**
 * The staff app's areas: one menu entry and one route tree each, shown to the roles listed. An
 * area's screens live in their own folder and are loaded lazily (`lazy(() => import(...))`), so
 * a grader never downloads the console.
 */
export interface StaffArea {
  /** The path under /staff, e.g. `grading` (its screens are `grading/*`). */
  path: string;
  label: Texts<string>;
  roles: readonly StaffRole[];
  element: ReactNode;
}

const ResultsArea = lazy(() => import('./results/ResultsArea'));

export const STAFF_AREAS: readonly StaffArea[] = [
  { path: 'results', label: { 'zh-CN': '测评结果', en: 'Results' }, roles: ['recruiter', 'admin'], element: <ResultsArea /> },
];
