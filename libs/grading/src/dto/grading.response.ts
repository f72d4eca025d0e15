import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { MARKING_MODES, TOLERANCE_KINDS } from '@assay/grading-rules';

/** The response schemas of the grading routes (docs/grading.md describes every field). */
const str = { type: 'string' } as const;
const nullableStr = { type: 'string', nullable: true } as const;
const num = { type: 'number' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
/** Every member is always present (a missing value is an explicit null), so the generated client types them required. */
const object = (properties: Record<string, SchemaObject>, description?: string): SchemaObject => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  ...(description ? { description } : {}),
});
const list = (items: SchemaObject): SchemaObject => ({ type: 'array', items });

const RUBRIC = list(object({ criterion: str, points: num, descriptor: str }));

const QUESTION = object({ id: { type: 'string', format: 'uuid' }, stem: str, referenceAnswer: nullableStr, explanation: nullableStr, rubric: RUBRIC, points: num, halfPoints: bool });
const SUGGESTION = object({
  points: { type: 'number', nullable: true },
  keyPoints: list(object({ label: str, text: str, overlap: num, credit: { type: 'number', enum: [0, 0.5, 1] }, passage: nullableStr }, 'A key point of the reference answer and the passage of the answer that covers it.')),
});

/** What a grader sees of a task: the question, its reference and rubric, the answer under an anonymous code. Never who wrote it. */
export const GRADER_TASK = object(
  {
    taskId: { type: 'string', format: 'uuid' },
    leaseExpiresAt: { type: 'string', format: 'date-time' },
    code: { ...str, description: "The attempt's anonymous code." },
    question: QUESTION,
    answer: str,
    suggestion: SUGGESTION,
  },
  'A task under your lease, or null when nothing is left.',
);

export const CLAIMED = object({ task: { ...GRADER_TASK, nullable: true } });
export const LEASE = object({ leaseExpiresAt: { type: 'string', format: 'date-time' } });

export const DISPUTES = list(
  object({
    taskId: { type: 'string', format: 'uuid' },
    round: str,
    code: str,
    questionId: { type: 'string', format: 'uuid' },
    question: QUESTION,
    answer: str,
    maxPoints: num,
    suggestedPoints: { type: 'number', nullable: true },
    suggestion: SUGGESTION,
    marks: list(object({ round: str, graderId: { type: 'string', format: 'uuid' }, points: num, scores: list(num), comment: nullableStr })),
    flagged: bool,
    flagReason: nullableStr,
  }),
);

export const REFERENCE = object({ graders: { ...int, description: 'Graders the reference script was sent to.' } });

export const SETTINGS = object({
  mode: { type: 'string', enum: [...MARKING_MODES] },
  tolerance: object({ kind: { type: 'string', enum: [...TOLERANCE_KINDS] }, value: num }),
  halfPoints: bool,
  selfCheckEvery: int,
});

export const ASSIGNMENTS = list(
  object({ id: { type: 'string', format: 'uuid' }, userId: { type: 'string', format: 'uuid' }, name: str, questionId: { type: 'string', format: 'uuid', nullable: true }, lead: bool }),
);

const COUNTS = {
  tasks: int,
  marked: int,
  inProgress: int,
  waiting: int,
  waitingThird: int,
  waitingArbitration: int,
  flagged: int,
  oldestWaitingSince: { type: 'string', format: 'date-time', nullable: true },
} satisfies Record<string, SchemaObject>;

export const PROGRESS = object({
  paperId: { type: 'string', format: 'uuid' },
  ...COUNTS,
  questions: list(object({ questionId: { type: 'string', format: 'uuid' }, ...COUNTS })),
  marksPerGraderPerHour: list(object({ graderId: { type: 'string', format: 'uuid' }, name: str, marks: int })),
  estimatedCompletion: { type: 'string', format: 'date-time', nullable: true },
});

export const ATTEMPT_MARKING = object({
  attemptId: { type: 'string', format: 'uuid' },
  code: str,
  finalised: bool,
  answers: list(
    object({
      answerId: { type: 'string', format: 'uuid' },
      questionId: { type: 'string', format: 'uuid' },
      maxPoints: num,
      suggestedPoints: { type: 'number', nullable: true },
      suggestion: { type: 'object', additionalProperties: true, description: 'The suggestion with its key-point evidence.' },
      finalPoints: { type: 'number', nullable: true },
      finalBasis: nullableStr,
      marks: list({ type: 'object', additionalProperties: true, description: 'One mark: round, grader, points, scores, comment.' }),
    }),
  ),
  similarAnswers: list(
    object(
      { questionId: { type: 'string', format: 'uuid' }, otherAttemptId: { type: 'string', format: 'uuid' }, otherCode: str, similarity: num },
      'The closest near-identical answers of other candidates, at most 20 per question, most similar first.',
    ),
  ),
  similarCounts: list(
    object(
      { questionId: { type: 'string', format: 'uuid' }, others: int, shown: int },
      'Per question with near-identical answers: how many other candidates answered it near-identically (counted when read) and how many of them similarAnswers shows.',
    ),
  ),
  audit: list({ type: 'object', additionalProperties: true, description: 'Who changed which mark when, from what to what, and why.' }),
});

const uuid = { type: 'string', format: 'uuid' } as const;

export const QUEUES = list(
  object(
    {
      paperId: uuid,
      title: str,
      lead: { ...bool, description: 'An admin, or a lead of this paper: third marking, arbitration and flags.' },
      mode: { type: 'string', enum: [...MARKING_MODES] },
      paper: object({ tasks: int, marked: int }, "The paper's marking: candidates' answer tasks of every round, and those marked."),
      mine: object({ today: int, total: int }, 'Your marks on this paper since dayStart, and in all.'),
      questions: list(
        object({
          questionId: uuid,
          number: { ...int, description: "The question's number in the paper (1-based)." },
          stem: str,
          points: num,
          tasks: int,
          marked: int,
          forMe: { ...int, description: 'Tasks you may claim now.' },
          thirdForMe: { ...int, description: 'Of those, answers waiting for a third mark.' },
          waitingThird: int,
          waitingArbitration: int,
          flagged: int,
        }),
      ),
    },
    'A paper you mark, with your queues per question (counts only, never an answer or a candidate).',
  ),
);
