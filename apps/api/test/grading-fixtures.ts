import { until } from '@assay/testing';
import { Candidate, call, invitation, type Invited } from './attempts-fixtures';
import type { SignedUpTenant, TestApi } from './test-api';

/** Helpers of the grading tests: a paper with two open questions, submitted attempts, graders. */
export interface OpenPaper {
  paperId: string;
  jobRoleId: string;
  /** 客户丢件 (10 points, rubric 沟通 4 + 方案 6), 价格投诉 (6 points, rubric 倾听 2 + 处理 4), one single choice (4 points). */
  q: { parcel: string; price: string; single: string };
}

/** Pass mark 12 of 20. */
export async function openPaper(api: TestApi, tenant: SignedUpTenant): Promise<OpenPaper> {
  const role = await call(api, tenant, 'POST', '/job-roles', { name: `客服 ${Math.random().toString(36).slice(2, 8)}` });
  const question = async (body: Record<string, unknown>) => (await call(api, tenant, 'POST', '/questions', body)).id as string;
  const q = {
    parcel: await question({
      type: 'essay',
      kind: 'scenario',
      stem: '客户的包裹丢失了，非常生气，你如何处理？',
      referenceAnswer: '（1）安抚情绪，表示理解和歉意；（2）核实信息，查询订单和物流；（3）给出方案，补发或退款；（4）跟进回访。',
      explanation: '四个给分点各占四分之一。',
      rubric: [
        { criterion: '沟通', points: 4 },
        { criterion: '方案', points: 6 },
      ],
      points: 10,
    }),
    price: await question({
      type: 'short_answer',
      kind: 'short_answer',
      stem: '客户投诉刚买的商品降价了，你如何回应？',
      referenceAnswer: '①耐心倾听②解释价保规则③符合条件的退差价',
      rubric: [
        { criterion: '倾听', points: 2 },
        { criterion: '处理', points: 4 },
      ],
      points: 6,
    }),
    single: await question({
      type: 'single_choice',
      stem: '客户情绪激动时，首先应该怎么做？',
      options: [
        { key: 'A', text: '解释规定' },
        { key: 'B', text: '倾听共情' },
      ],
      answerKey: 'B',
      points: 4,
    }),
  };
  const sections = [
    { title: '一、单选题', pointsPerQuestion: 4, questionIds: [q.single] },
    { title: '二、情景题', pointsPerQuestion: 10, questionIds: [q.parcel] },
    { title: '三、简答题', pointsPerQuestion: 6, questionIds: [q.price] },
  ];
  const paper = await call(api, tenant, 'POST', '/papers', { jobRoleId: role.id, title: '客服阅卷', durationMinutes: 30, passMark: 12, sections });
  await call(api, tenant, 'POST', `/papers/${paper.id}/publish`, {});
  return { paperId: paper.id, jobRoleId: role.id, q };
}

export interface Submitted {
  attemptId: string;
  invitationId: string;
}

/** The texts of the two open answers, and the single choice when given. */
export interface OpenAnswers {
  parcel: string;
  price: string;
  single?: string;
}

/** The candidate saves their answers to the open paper; `headers` go with each save (a browser's User-Agent). */
export async function answerOpenPaper(candidate: Candidate, paper: OpenPaper, answers: OpenAnswers, headers: Record<string, string> = {}): Promise<void> {
  const save = async (questionId: string, answer: unknown) => {
    const saved = await candidate.save(questionId, answer, 1, headers);
    if (saved.status !== 200) throw new Error(`save: ${saved.status} ${JSON.stringify(saved.body)}`);
  };
  await save(paper.q.parcel, { text: answers.parcel });
  await save(paper.q.price, { text: answers.price });
  if (answers.single) await save(paper.q.single, answers.single);
}

/** A candidate answers and submits: the one `invited` names, or a new anonymous one. */
export async function submit(api: TestApi, tenant: SignedUpTenant, paper: OpenPaper, answers: OpenAnswers, invited?: Invited): Promise<Submitted> {
  const inv = invited ?? (await invitation(api, tenant, paper.paperId));
  const { candidate } = await Candidate.start(api, inv.linkToken);
  await answerOpenPaper(candidate, paper, answers);
  const submitted = await candidate.submit();
  if (submitted.status >= 300) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return { attemptId: candidate.attemptId, invitationId: inv.invitationId };
}

/** Waits for the worker to score the attempt and queue its open answers; returns the recruiter's view of its marking. */
export function queued(api: TestApi, tenant: SignedUpTenant, attemptId: string) {
  return until(async () => {
    const response = await api.request('GET', `/api/v1/grading/attempts/${attemptId}`, { token: tenant.accessToken });
    return response.status === 200 ? response.body : null;
  }, `grading tasks of ${attemptId}`);
}

export interface Grader {
  token: string;
  userId: string;
}

/** A new staff member with the grader role, logged in. */
export async function newGrader(api: TestApi, tenant: SignedUpTenant): Promise<Grader> {
  const token = await api.staff(tenant, 'grader');
  const me = await api.request('GET', '/api/v1/auth/me', { token });
  if (me.status !== 200) throw new Error(`grader's auth/me: ${me.status} ${JSON.stringify(me.body)}`);
  return { token, userId: me.body.user.id };
}

/** A new grader, assigned to the paper by the company's admin. */
export async function assignedGrader(api: TestApi, tenant: SignedUpTenant, paperId: string): Promise<Grader> {
  const grader = await newGrader(api, tenant);
  await call(api, tenant, 'POST', `/grading/papers/${paperId}/assignments`, { userId: grader.userId });
  return grader;
}

/** What a grader sends for one task: a score per rubric criterion, and a comment when there is one. */
export interface Marks {
  scores: number[];
  comment?: string;
}

/**
 * The grader claims and marks the paper's tasks until none is left for them, each as
 * `mark(task, question)` says; answers the tasks marked, in order.
 */
export async function drain(api: TestApi, paper: OpenPaper, grader: Grader, mark: (task: any, question: 'parcel' | 'price') => Marks): Promise<any[]> {
  const claim = async () => {
    const claimed = await api.request('POST', `/api/v1/grading/tasks/claim?paperId=${paper.paperId}`, { token: grader.token });
    if (claimed.status !== 200) throw new Error(`claim: ${claimed.status} ${JSON.stringify(claimed.body)}`);
    return claimed.body.task;
  };
  const marked: any[] = [];
  for (let task = await claim(); task; task = await claim()) {
    marked.push(task);
    const body = mark(task, task.question.id === paper.q.parcel ? 'parcel' : 'price');
    const response = await api.request('POST', `/api/v1/grading/tasks/${task.taskId}/marks`, { token: grader.token, body });
    if (response.status !== 204) throw new Error(`marks: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return marked;
}
