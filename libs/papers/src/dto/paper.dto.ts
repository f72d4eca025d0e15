import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
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
import { MULTIPLE_CHOICE_POLICIES, QUESTION_TYPES, type MultipleChoicePolicy, type QuestionType } from '@assay/contracts';

const POINTS = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };

export class PaperSettingsDto {
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  shuffleQuestions?: boolean;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  shuffleOptions?: boolean;

  @ApiPropertyOptional({ enum: MULTIPLE_CHOICE_POLICIES, default: 'all_or_nothing' })
  @IsOptional()
  @IsIn(MULTIPLE_CHOICE_POLICIES)
  multipleChoicePolicy?: MultipleChoicePolicy;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  showScoreToCandidate?: boolean;

  @ApiPropertyOptional({ default: 30, minimum: 0, maximum: 600 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600)
  timerGraceSeconds?: number;
}

export class QuestionPoolDto {
  @ApiPropertyOptional({ enum: QUESTION_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(QUESTION_TYPES, { each: true })
  types?: QuestionType[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  competencyIds?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  jobRoleIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  difficultyMin?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  difficultyMax?: number;
}

export class DrawDto {
  @ApiProperty({ example: 5, description: 'Questions drawn per candidate.' })
  @IsInt()
  @Min(1)
  @Max(500)
  count!: number;

  @ApiProperty({ type: QuestionPoolDto, description: 'Every given criterion must hold; any value of a list matches.' })
  @ValidateNested()
  @Type(() => QuestionPoolDto)
  pool!: QuestionPoolDto;
}

export class SectionDto {
  @ApiProperty({ example: '一、单选题' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  instructions?: string | null;

  @ApiProperty({ example: 2 })
  @IsNumber(POINTS)
  @Min(0.01)
  @Max(1000)
  pointsPerQuestion!: number;

  @ApiPropertyOptional({ default: false, description: "Scale open questions' rubrics to pointsPerQuestion." })
  @IsOptional()
  @IsBoolean()
  scaleRubrics?: boolean;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Fixed questions, in order. Not with `draw`.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  questionIds?: string[];

  @ApiPropertyOptional({ type: DrawDto, description: 'A random draw per candidate. Not with `questionIds`.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DrawDto)
  draw?: DrawDto;
}

export class CreatePaperDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  jobRoleId!: string;

  @ApiProperty({ example: '2026年电商客服经理面试题' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Markdown, shown to candidates before they start.' })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  instructions?: string | null;

  @ApiProperty({ example: 120 })
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes!: number;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 60 })
  @IsOptional()
  @IsNumber(POINTS)
  @Min(0)
  @Max(100000)
  passMark?: number | null;

  @ApiPropertyOptional({ type: PaperSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => PaperSettingsDto)
  settings?: PaperSettingsDto;

  @ApiPropertyOptional({ type: [SectionDto], description: 'On PATCH, replaces every section.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SectionDto)
  sections?: SectionDto[];
}

export class UpdatePaperDto extends PartialType(CreatePaperDto) {}

export class ClonePaperDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The role of the copy; by default the same role.' })
  @IsOptional()
  @IsUUID()
  jobRoleId?: string;

  @ApiPropertyOptional({ description: 'By default the original title with "(copy)".' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;
}

export class PaperQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  jobRoleId?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive text contained in the title.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ default: false, description: 'Include archived papers.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  archived = false;
}

export class PreviewQueryDto {
  @ApiPropertyOptional({ default: 'preview', description: 'The same seed always gives the same draws and orders.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  seed = 'preview';
}
