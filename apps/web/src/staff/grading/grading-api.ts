import { bodyOf, ProblemError } from '../../api/client';
import type { operations } from '../../api/schema';
import { staffApi } from '../staff-api';

/** The grading API the workspace uses (docs/grading.md); types come from the generated schema. */
type Json<T> = T extends { responses: { 200: { content: { 'application/json': infer B } } } } ? B : never;

export type GraderQueue = Json<operations['GraderQueuesController_list']>[number];
export type QuestionQueue = GraderQueue['questions'][number];
export type GraderTask = NonNullable<Json<operations['GradingTasksController_claim']>['task']>;
export type Dispute = Json<operations['GradingLeadController_disputes']>[number];
export type TaskQuestion = GraderTask['question'];
export type Suggestion = GraderTask['suggestion'];

/** Which queue the marking screen works on: a paper, optionally one question, optionally its third marking. */
export interface QueueFilter {
  paperId: string;
  questionId?: string;
  round?: 'third';
}

export interface Mark {
  scores: number[];
  comment?: string;
}

/** Midnight on this device: marks since then are "today". */
function dayStart(): string {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}

export const queuesKey = ['grading', 'queues'] as const;

export async function fetchQueues(): Promise<GraderQueue[]> {
  return bodyOf<GraderQueue[]>(await staffApi.GET('/api/v1/grading/queues', { params: { query: { dayStart: dayStart() } } }));
}

export async function claimNext(filter: QueueFilter): Promise<GraderTask | null> {
  return bodyOf<{ task: GraderTask | null }>(await staffApi.POST('/api/v1/grading/tasks/claim', { params: { query: filter } })).task;
}

export async function submitAndNext(taskId: string, mark: Mark, filter: QueueFilter): Promise<GraderTask | null> {
  const result = await staffApi.POST('/api/v1/grading/tasks/{id}/marks-and-next', { params: { path: { id: taskId } }, body: { ...mark, ...filter } });
  return bodyOf<{ task: GraderTask | null }>(result).task;
}

export async function renewLease(taskId: string): Promise<string> {
  return bodyOf<{ leaseExpiresAt: string }>(await staffApi.POST('/api/v1/grading/tasks/{id}/renew', { params: { path: { id: taskId } } })).leaseExpiresAt;
}

export async function skipTask(taskId: string): Promise<void> {
  bodyOf(await staffApi.POST('/api/v1/grading/tasks/{id}/skip', { params: { path: { id: taskId } } }));
}

export async function flagTask(taskId: string, reason: string): Promise<void> {
  bodyOf(await staffApi.POST('/api/v1/grading/tasks/{id}/flag', { params: { path: { id: taskId } }, body: { reason } }));
}

export async function fetchDisputes(paperId: string): Promise<Dispute[]> {
  return bodyOf<Dispute[]>(await staffApi.GET('/api/v1/grading/papers/{paperId}/disputes', { params: { path: { paperId } } }));
}

export async function arbitrate(taskId: string, mark: Mark): Promise<void> {
  bodyOf(await staffApi.POST('/api/v1/grading/tasks/{id}/arbitration', { params: { path: { id: taskId } }, body: mark }));
}

export async function unflag(taskId: string): Promise<void> {
  bodyOf(await staffApi.POST('/api/v1/grading/tasks/{id}/unflag', { params: { path: { id: taskId } } }));
}

/** The task is no longer this grader's: the lease expired and it went back to the queue (or someone else marked it). */
export function isLeaseLost(error: unknown): boolean {
  return error instanceof ProblemError && (error.problem.code === 'grading.lease_lost' || error.problem.status === 404);
}
