import { loadConfig } from '@assay/core';
import { linkToken } from '@assay/invitations';
import { connectAsOwner } from '@assay/testing';
import type { SignedUpTenant, TestApi } from './test-api';

/** Helpers of the attempts tests: papers of every objective type, invitations with a known link token. */
export interface ObjectivePaper {
  paperId: string;
  /** By kind: single, multiple, trueFalse, fillBlank, essay. */
  q: Record<'single' | 'multiple' | 'trueFalse' | 'fillBlank' | 'essay', string>;
}

export async function call(api: TestApi, tenant: SignedUpTenant, method: 'GET' | 'POST', url: string, body?: unknown, headers?: Record<string, string>) {
  const response = await api.request(method, `/api/v1${url}`, { token: tenant.accessToken, body, headers });
  if (response.status >= 300) throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/**
 * Single (2 points), multiple (key A, C of A-D, 4 points), true/false, fill-in (2 blanks) and,
 * unless `withEssay` is false, an essay; one section per type so each has its own points.
 */
export async function objectivePaper(
  api: TestApi,
  tenant: SignedUpTenant,
  settings: Record<string, unknown> = {},
  withEssay = true,
): Promise<ObjectivePaper> {
  const role = await call(api, tenant, 'POST', '/job-roles', { name: `客服 ${Math.random().toString(36).slice(2, 8)}` });
  const question = async (body: Record<string, unknown>) => (await call(api, tenant, 'POST', '/questions', body)).id as string;
  const q = {
    single: await question({
      type: 'single_choice',
      stem: '客户情绪激动时,首先应该怎么做?',
      options: [
        { key: 'A', text: '解释规定' },
        { key: 'B', text: '倾听共情' },
        { key: 'C', text: '转交主管' },
      ],
      answerKey: 'B',
      points: 2,
    }),
    multiple: await question({
      type: 'multiple_choice',
      stem: '以下哪些属于售后服务?',
      options: [
        { key: 'A', text: '退换货' },
        { key: 'B', text: '商品定价' },
        { key: 'C', text: '维修' },
        { key: 'D', text: '广告投放' },
      ],
      answerKey: ['A', 'C'],
      points: 4,
    }),
    trueFalse: await question({ type: 'true_false', stem: '客户永远是对的。', answerKey: false, points: 1 }),
    fillBlank: await question({ type: 'fill_blank', stem: '首次响应不超过 ___ 秒,满意度目标 ___ 。', answerKey: [['30', '三十'], ['95%']], points: 4 }),
    essay: withEssay
      ? await question({
          type: 'essay',
          kind: 'scenario',
          stem: '客户收到破损商品,你如何处理?',
          referenceAnswer: '安抚情绪,核实情况,补发或退款。',
          rubric: [
            { criterion: '沟通', points: 5 },
            { criterion: '方案', points: 5 },
          ],
          points: 10,
        })
      : '',
  };
  const sections = [
    { title: '一、单选题', pointsPerQuestion: 2, questionIds: [q.single] },
    { title: '二、多选题', pointsPerQuestion: 4, questionIds: [q.multiple] },
    { title: '三、判断题', pointsPerQuestion: 1, questionIds: [q.trueFalse] },
    { title: '四、填空题', pointsPerQuestion: 4, questionIds: [q.fillBlank] },
    ...(withEssay ? [{ title: '五、情景题', pointsPerQuestion: 10, questionIds: [q.essay] }] : []),
  ];
  const paper = await call(api, tenant, 'POST', '/papers', { jobRoleId: role.id, title: '客服笔试', durationMinutes: 30, settings, sections });
  await call(api, tenant, 'POST', `/papers/${paper.id}/publish`, {});
  return { paperId: paper.id, q };
}

let emails = 0;

/** The candidate as an invitation names them: what the ATS sends. */
export interface InvitedCandidate {
  name: string;
  email: string;
  phone?: string;
  externalId?: string;
}

export interface Invited {
  invitationId: string;
  candidateId: string;
  jobRoleId: string;
  /** The invitation's ATS id, as the API answered it. */
  externalId: string | null;
  linkToken: string;
}

/**
 * An invitation to the paper, closing in a day unless `closesAt`, of a candidate 考生 at a new
 * address unless `candidate` says otherwise; with its personal link token (computed as the mailer does).
 */
export async function invitation(
  api: TestApi,
  tenant: SignedUpTenant,
  paperId: string,
  terms: {
    closesAt?: Date;
    opensAt?: Date;
    extraTimePercent?: number;
    candidate?: Partial<InvitedCandidate>;
    /** The application's id in the ATS. */
    externalId?: string;
    /** Request headers, e.g. an Idempotency-Key. */
    headers?: Record<string, string>;
  } = {},
): Promise<Invited> {
  emails += 1;
  const created = await call(
    api,
    tenant,
    'POST',
    '/invitations',
    {
      paperId,
      candidate: { name: '考生', email: `cand${emails}-${Math.random().toString(36).slice(2, 8)}@example.com`, ...terms.candidate },
      closesAt: (terms.closesAt ?? new Date(Date.now() + 86_400_000)).toISOString(),
      ...(terms.opensAt ? { opensAt: terms.opensAt.toISOString() } : {}),
      ...(terms.extraTimePercent !== undefined ? { extraTimePercent: terms.extraTimePercent } : {}),
      ...(terms.externalId !== undefined ? { externalId: terms.externalId } : {}),
    },
    terms.headers,
  );
  return {
    invitationId: created.id,
    candidateId: created.candidateId,
    jobRoleId: created.jobRoleId,
    externalId: created.externalId,
    linkToken: linkToken(loadConfig(process.env).LINK_SECRET, created.id, 1),
  };
}

/** The candidate's side of one attempt. */
export class Candidate {
  constructor(
    private readonly api: TestApi,
    readonly attemptId: string,
    public token: string,
  ) {}

  static async start(api: TestApi, linkToken: string, headers: Record<string, string> = {}) {
    const response = await api.request('POST', `/api/v1/links/${linkToken}/attempt`, { headers });
    if (response.status >= 300) throw new Error(`start: ${response.status} ${JSON.stringify(response.body)}`);
    return { candidate: new Candidate(api, response.body.attemptId, response.body.attemptToken), body: response.body };
  }

  request(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, headers: Record<string, string> = {}) {
    return this.api.request(method, `/api/v1/attempts/${this.attemptId}${path}`, { body, headers: { 'x-attempt-token': this.token, ...headers } });
  }

  save(questionId: string, answer: unknown, seq: number, headers: Record<string, string> = {}) {
    return this.request('PUT', `/answers/${questionId}`, { answer, seq }, headers);
  }

  view() {
    return this.request('GET', '');
  }

  submit() {
    return this.request('POST', '/submit');
  }
}

/**
 * Moves an attempt's deadline one second into the past (its start moves back with it), so tests of
 * what happens after the deadline do not wait for the clock to get there.
 */
export async function pastDeadline(attemptId: string): Promise<void> {
  const owner = await connectAsOwner();
  try {
    await owner.query(
      `UPDATE attempts SET started_at = now() - interval '1 hour', deadline = now() - interval '1 second' WHERE id = $1`,
      [attemptId],
    );
  } finally {
    await owner.end();
  }
}
