import { ApiProperty } from '@nestjs/swagger';
import { OPEN_KINDS, QUESTION_TYPES, type OpenKind, type QuestionType } from '@assay/contracts';
import { ANSWER_KEY_SCHEMA } from './answer-key.schema';
import { QuestionOptionDto, RubricCriterionDto } from './question.dto';

/** An id with the name people read (a competency, a job role). */
export class NamedRefResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: '沟通表达' })
  name!: string;
}

/**
 * A question's content in the one vocabulary (@assay/contracts). Options and rubric criteria use
 * the request DTOs' schemas: what is sent is what comes back.
 */
export class QuestionContentResponse {
  @ApiProperty({ enum: QUESTION_TYPES })
  type!: QuestionType;

  @ApiProperty({ enum: OPEN_KINDS, nullable: true, description: 'Open questions only.' })
  kind!: OpenKind | null;

  @ApiProperty({ description: 'Markdown.', example: '客户收到的商品有破损,情绪激动地要求退款。你首先应该怎么做?' })
  stem!: string;

  @ApiProperty({ type: [QuestionOptionDto], description: 'Choice questions only; empty otherwise.' })
  options!: QuestionOptionDto[];

  @ApiProperty(ANSWER_KEY_SCHEMA)
  answerKey!: unknown;

  @ApiProperty({ type: String, nullable: true, description: 'For graders (参考答案); never shown to candidates.' })
  referenceAnswer!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'For graders (解析); never shown to candidates.' })
  explanation!: string | null;

  @ApiProperty({ type: [RubricCriterionDto], description: 'Open questions only; criteria add up to `points`.' })
  rubric!: RubricCriterionDto[];

  @ApiProperty({ minimum: 1, maximum: 5, example: 3 })
  difficulty!: number;

  @ApiProperty({ type: [String], example: ['售后'] })
  tags!: string[];

  @ApiProperty({ example: 5, description: 'Default points, with at most 2 decimals.' })
  points!: number;
}

/** A bank question with the names of its competencies and job roles. */
export class QuestionResponse extends QuestionContentResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: [NamedRefResponse] })
  competencies!: NamedRefResponse[];

  @ApiProperty({ type: [NamedRefResponse] })
  jobRoles!: NamedRefResponse[];

  @ApiProperty()
  createdAt!: Date;

  @ApiProperty()
  updatedAt!: Date;
}

/** What `POST /questions` answers for a single-choice question. */
export const QUESTION_EXAMPLE = {
  id: '6d2b7f0e-3c1a-4e5b-9f87-2a1b3c4d5e6f',
  type: 'single_choice',
  kind: null,
  stem: '客户收到的商品有破损,情绪激动地要求退款。你首先应该怎么做?',
  options: [
    { key: 'A', text: '直接告知按流程走' },
    { key: 'B', text: '倾听客户诉求并共情' },
  ],
  answerKey: 'B',
  referenceAnswer: null,
  explanation: '先处理情绪,再处理问题。',
  rubric: [],
  difficulty: 2,
  tags: ['售后'],
  points: 5,
  competencies: [{ id: '1f0e2d3c-4b5a-4968-8776-655443322110', name: '沟通表达' }],
  jobRoles: [],
  createdAt: '2026-03-02T08:00:00.000Z',
  updatedAt: '2026-03-02T08:00:00.000Z',
};
