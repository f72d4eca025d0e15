import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '@assay/core';
import { OPEN_KINDS, QUESTION_TYPES, type AnswerKey, type OpenKind, type QuestionType, type RubricCriterion } from '@assay/contracts';
import { MAX_POINTS } from '../question-rules';
import { ANSWER_KEY_SCHEMA } from './answer-key.schema';

export class QuestionOptionDto {
  @ApiProperty({ example: 'B' })
  @IsString()
  @MaxLength(20)
  key!: string;

  @ApiProperty({ example: '倾听客户诉求并共情' })
  @IsString()
  @MaxLength(5000)
  text!: string;
}

export class RubricCriterionDto implements RubricCriterion {
  @ApiProperty({ example: '逻辑清晰' })
  @IsString()
  @MaxLength(200)
  criterion!: string;

  @ApiProperty({ example: 3 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  points!: number;

  @ApiPropertyOptional({ example: '先安抚情绪,再给出方案,条理分明' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  descriptor?: string;
}

export class CreateQuestionDto {
  @ApiProperty({ enum: QUESTION_TYPES })
  @IsIn(QUESTION_TYPES)
  type!: QuestionType;

  @ApiPropertyOptional({ enum: OPEN_KINDS, nullable: true, description: 'Open questions only; defaults to the type.' })
  @IsOptional()
  @IsIn(OPEN_KINDS)
  kind?: OpenKind | null;

  @ApiProperty({ description: 'Markdown.' })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  stem!: string;

  @ApiPropertyOptional({ type: [QuestionOptionDto], description: 'Choice questions only.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(26)
  @ValidateNested({ each: true })
  @Type(() => QuestionOptionDto)
  options?: QuestionOptionDto[];

  @ApiPropertyOptional(ANSWER_KEY_SCHEMA)
  @Allow()
  answerKey?: AnswerKey | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'For graders (参考答案); never shown to candidates.' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  referenceAnswer?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'For graders (解析); never shown to candidates.' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  explanation?: string | null;

  @ApiPropertyOptional({ type: [RubricCriterionDto], description: 'Open questions only; criteria add up to `points`.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  rubric?: RubricCriterionDto[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsUUID('all', { each: true })
  competencyIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsUUID('all', { each: true })
  jobRoleIds?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 5, default: 3 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  difficulty?: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  tags?: string[];

  @ApiProperty({ example: 10, description: 'Default points, with at most 2 decimals.' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(MAX_POINTS)
  points!: number;
}

export class UpdateQuestionDto extends PartialType(CreateQuestionDto) {}

export class QuestionQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: QUESTION_TYPES })
  @IsOptional()
  @IsIn(QUESTION_TYPES)
  type?: QuestionType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  competencyId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  jobRoleId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  difficulty?: number;

  @ApiPropertyOptional({ description: 'Case-insensitive text contained in the stem.' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(200)
  q?: string;
}
