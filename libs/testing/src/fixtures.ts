/** POSTs a JSON body to a path under /api/v1 as some user; the tests use inject, the benchmarks fetch. */
export type ApiPost = (url: string, body: unknown) => Promise<{ status: number; body: any }>;

export interface PublishedPaperFixture {
  paperId: string;
  jobRoleId: string;
  questionIds: string[];
}

/**
 * A published paper of one single-choice, one multiple-choice and one essay question, made through
 * the API; `paper` overrides fields of POST /papers (e.g. `{ durationMinutes: 1, settings: { timerGraceSeconds: 0 } }`).
 */
export async function publishedPaperVia(post: ApiPost, title = '在线客服专员笔试', paper: Record<string, unknown> = {}): Promise<PublishedPaperFixture> {
  const call = async (url: string, body: unknown) => {
    const response = await post(url, body);
    if (response.status >= 300) throw new Error(`${url}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const role = await call('/job-roles', { name: `在线客服专员 ${Math.random().toString(36).slice(2, 8)}` });
  const questionIds: string[] = [
    (
      await call('/questions', {
        type: 'single_choice',
        stem: '客户情绪激动时,首先应该怎么做?',
        options: [
          { key: 'A', text: '立即解释公司规定' },
          { key: 'B', text: '倾听并表示理解' },
          { key: 'C', text: '转交给主管' },
        ],
        answerKey: 'B',
        points: 5,
      })
    ).id,
    (
      await call('/questions', {
        type: 'multiple_choice',
        stem: '以下哪些属于售后服务的范围?',
        options: [
          { key: 'A', text: '退换货' },
          { key: 'B', text: '维修' },
          { key: 'C', text: '商品定价' },
        ],
        answerKey: ['A', 'B'],
        points: 5,
      })
    ).id,
    (
      await call('/questions', {
        type: 'essay',
        kind: 'scenario',
        stem: '客户收到破损商品并要求赔偿,请写出你的处理步骤。',
        referenceAnswer: '安抚情绪,核实情况,给出补发或退款方案,跟进结果。',
        rubric: [
          { criterion: '沟通', points: 5 },
          { criterion: '方案', points: 5 },
        ],
        points: 10,
      })
    ).id,
  ];
  const created = await call('/papers', {
    jobRoleId: role.id,
    title,
    durationMinutes: 30,
    passMark: 12,
    ...paper,
    sections: [
      { title: '一、选择题', pointsPerQuestion: 5, questionIds: questionIds.slice(0, 2) },
      { title: '二、情景题', pointsPerQuestion: 10, questionIds: questionIds.slice(2) },
    ],
  });
  await call(`/papers/${created.id}/publish`, {});
  return { paperId: created.id, jobRoleId: role.id, questionIds };
}

/**
 * Each candidate's essay in words of their own: answers that all read alike are flagged as
 * near-identical in pairs (docs/grading.md), n² flags that no real wave produces.
 */
export function ownWords(index: number): string {
  const pool = '安抚客户情绪核实订单物流信息给出补发退款方案跟进回访道歉理解耐心倾听记录问题反馈主管确认地址联系快递赔偿优惠券满意度解释规则售后服务处理流程及时沟通';
  let seed = index * 2654435761 + 12345;
  let text = '';
  for (let i = 0; i < 60; i += 1) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    text += pool[seed % pool.length];
  }
  return text;
}
