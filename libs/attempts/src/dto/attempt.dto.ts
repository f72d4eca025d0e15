import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDate,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '@assay/core';
import { CANDIDATE_ANSWER_SCHEMA } from './candidate-answer.schema';

/** Characters of an answer's JSON: a long essay fits, a runaway client does not. */
export const MAX_ANSWER_CHARS = 100_000;
export const MAX_BATCH_ANSWERS = 200;

/**
 * Loose on purpose: the save path does not read the paper, so any JSON value of bounded size is
 * stored as is (scoring marks a wrong shape `malformed` later). A save is never lost for its shape.
 */
const IsAnswer = () =>
  ValidateBy({
    name: 'isAnswer',
    validator: {
      validate: (value: unknown) => value !== undefined && (JSON.stringify(value)?.length ?? Infinity) <= MAX_ANSWER_CHARS,
      defaultMessage: () => `answer must be a JSON value (null to clear) of at most ${MAX_ANSWER_CHARS} characters`,
    },
  });

class SeqField {
  @ApiProperty({
    description: 'Client sequence number of this save, increasing with every change of the answer (resume continues from the stored seq). A save with a seq not greater than the stored one changes nothing.',
    minimum: 1,
  })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  seq!: number;
}

export class SaveAnswerDto extends SeqField {
  @ApiProperty(CANDIDATE_ANSWER_SCHEMA)
  @Allow()
  @IsAnswer()
  answer!: unknown;
}

export class BatchAnswerDto extends SaveAnswerDto {
  @ApiProperty()
  @IsUUID()
  questionId!: string;
}

export class SaveAnswersDto {
  @ApiProperty({ type: [BatchAnswerDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ANSWERS)
  @ValidateNested({ each: true })
  @Type(() => BatchAnswerDto)
  answers!: BatchAnswerDto[];
}

const IsSmallJson = () =>
  ValidateBy({
    name: 'isSmallJson',
    validator: { validate: (value: unknown) => (JSON.stringify(value)?.length ?? Infinity) <= 2000, defaultMessage: () => 'detail must be JSON of at most 2000 characters' },
  });

const EVENT_TYPE = /^[a-z][a-z0-9_]{0,49}$/;

export class AttemptEventDto {
  @ApiProperty({ example: 'focus_lost', description: 'focus_lost, focus_gained, visibility_hidden, visibility_visible, fullscreen_exit, paste, copy, ... (lower snake case)' })
  @IsString()
  @Matches(EVENT_TYPE, { message: 'type must be lower snake case, at most 50 characters' })
  type!: string;

  @ApiPropertyOptional({ description: "When it happened, by the client's clock." })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  at?: Date;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Any small JSON object (e.g. {"chars": 120} for a paste).' })
  @IsOptional()
  @IsSmallJson()
  detail?: unknown;
}

/** One event (`type`, `at`, `detail`), or several as `{ events: [...] }`. */
export class RecordEventsDto {
  @ApiPropertyOptional({ type: [AttemptEventDto] })
  @ValidateIf((dto: RecordEventsDto) => dto.type === undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AttemptEventDto)
  events?: AttemptEventDto[];

  @ApiPropertyOptional({ example: 'focus_lost' })
  @ValidateIf((dto: RecordEventsDto) => dto.events === undefined)
  @IsString()
  @Matches(EVENT_TYPE, { message: 'type must be lower snake case, at most 50 characters' })
  type?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  at?: Date;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsSmallJson()
  detail?: unknown;

  list(): AttemptEventDto[] {
    return this.events ?? [{ type: this.type as string, at: this.at, detail: this.detail }];
  }
}

export class AttemptQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  invitationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  paperId?: string;
}
