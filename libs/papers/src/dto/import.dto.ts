import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ANSWER_KEY_SCHEMA, QuestionOptionDto, RubricCriterionDto } from '@assay/bank';
import { OPEN_KINDS, QUESTION_TYPES, type AnswerKey, type OpenKind, type QuestionType } from '@assay/contracts';
import type { ImportedPaper, ImportedQuestion, ImportedSection, ImportWarning } from '@assay/paper-import';

class ImportedQuestionDto implements ImportedQuestion {
  @ApiProperty({ enum: QUESTION_TYPES }) @IsIn(QUESTION_TYPES) type!: QuestionType;
  @ApiPropertyOptional({ enum: OPEN_KINDS, nullable: true }) @IsOptional() @IsIn(OPEN_KINDS) kind!: OpenKind | null;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20000) stem!: string;

  @ApiProperty({ type: [QuestionOptionDto] })
  @IsArray()
  @ArrayMaxSize(26)
  @ValidateNested({ each: true })
  @Type(() => QuestionOptionDto)
  options!: QuestionOptionDto[];

  @ApiPropertyOptional({ ...ANSWER_KEY_SCHEMA, description: 'Checked by the bank rules of the question type.' }) @Allow() answerKey!: AnswerKey | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(20000) referenceAnswer!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() @MaxLength(20000) explanation!: string | null;
  @ApiProperty({ type: [String] }) @IsArray() @IsString({ each: true }) @MaxLength(200, { each: true }) competencies!: string[];

  @ApiProperty({ type: [RubricCriterionDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  rubric!: RubricCriterionDto[];

  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) points!: number | null;
  @ApiProperty() @IsInt() line!: number;
}

class ImportedSectionDto implements ImportedSection {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) title!: string;
  @ApiPropertyOptional({ enum: QUESTION_TYPES, nullable: true }) @IsOptional() @IsIn(QUESTION_TYPES) type!: QuestionType | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) @IsOptional() @IsInt() @Min(0) declaredCount!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1000) pointsEach!: number | null;

  @ApiProperty({ type: [ImportedQuestionDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ImportedQuestionDto)
  questions!: ImportedQuestionDto[];
}

/** The interchange JSON of @assay/paper-import (what the document reader produces and export returns). */
export class ImportedPaperDto implements ImportedPaper {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(300) title!: string;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(1440) durationMinutes!: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) totalPoints!: number | null;

  @ApiProperty({ type: [ImportedSectionDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ImportedSectionDto)
  sections!: ImportedSectionDto[];

  @ApiPropertyOptional({ description: "The reader's warnings; accepted and ignored (the paper's own validation replaces them)." })
  @Allow()
  warnings!: ImportWarning[];

  @ApiPropertyOptional({ description: "The reader's dropped lines (a preview answer can be imported as it is); accepted and ignored.", type: 'array', items: { type: 'object' } })
  @Allow()
  dropped?: unknown[];

  @ApiPropertyOptional({
    description: "What the reader took each source line for (`{ line, kind, rule }`: kind such as question, option, answer, boilerplate; the rule that decided), for the preview; accepted and ignored.",
    type: 'array',
    items: { type: 'object' },
  })
  @Allow()
  readings?: unknown[];
}

export class ImportPaperDto {
  @ApiProperty({ format: 'uuid', description: 'The role of the new paper and its questions.' })
  @IsUUID()
  jobRoleId!: string;

  @ApiProperty({ type: ImportedPaperDto })
  @ValidateNested()
  @Type(() => ImportedPaperDto)
  paper!: ImportedPaperDto;
}
