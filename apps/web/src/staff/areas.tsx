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
const PapersArea = lazy(() => import('./papers/PapersArea'));
const InvitationsArea = lazy(() => import('./invitations/InvitationsArea'));
const GradingArea = lazy(() => import('./grading/GradingArea'));
// The console's set-up screens (docs/web.md "The console").
const BankArea = lazy(() => import('./console/bank/BankArea'));
const RolesArea = lazy(() => import('./console/roles/RolesArea'));
const AdminArea = lazy(() => import('./console/admin/AdminArea'));
const AuditArea = lazy(() => import('./console/audit/AuditArea'));

export const STAFF_AREAS: readonly StaffArea[] = [
  { path: 'results', label: { 'zh-CN': '测评结果', en: 'Results' }, roles: ['recruiter', 'admin'], element: <ResultsArea /> },
  // The console: papers (list, document import, editor) and invitations.
  { path: 'papers', label: { 'zh-CN': '试卷', en: 'Papers' }, roles: ['recruiter', 'admin'], element: <PapersArea /> },
  { path: 'invitations', label: { 'zh-CN': '邀请', en: 'Invitations' }, roles: ['recruiter', 'admin'], element: <InvitationsArea /> },
  // The grader's workspace: queues, marking, third marking and arbitration (admins lead every paper).
  { path: 'grading', label: { 'zh-CN': '阅卷', en: 'Marking' }, roles: ['grader', 'admin'], element: <GradingArea /> },
  { path: 'bank', label: { 'zh-CN': '题库', en: 'Question bank' }, roles: ['admin', 'recruiter'], element: <BankArea /> },
  { path: 'roles', label: { 'zh-CN': '岗位与考察点', en: 'Job roles' }, roles: ['admin', 'recruiter'], element: <RolesArea /> },
  { path: 'admin', label: { 'zh-CN': '系统管理', en: 'Administration' }, roles: ['admin'], element: <AdminArea /> },
  // The audit log of staff and API-key changes (docs/audit.md): admins only, like the API.
  { path: 'audit', label: { 'zh-CN': '审计日志', en: 'Audit log' }, roles: ['admin'], element: <AuditArea /> },
];
