import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { QUESTION_TYPES, type QuestionType } from '@assay/scoring';

export const QUESTION_BANK_FORMATS = ['xlsx', 'csv'] as const;
export type SpreadsheetFormat = (typeof QUESTION_BANK_FORMATS)[number];

/** Pasted paper text (JSON body), or the text fields of a multipart upload. */
export class PaperPreviewDto {
  @ApiPropertyOptional({ description: 'The paper as plain text (pasted). Send either this or a multipart `file`.' })
  @IsOptional()
  @IsString()
  @MaxLength(1_000_000)
  text?: string;
}

export class PaperImportDto extends PaperPreviewDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The job role the draft paper is for.' })
  @IsOptional()
  @IsUUID()
  roleId?: string;
}

export class TemplateQueryDto {
  @ApiPropertyOptional({ enum: QUESTION_BANK_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(QUESTION_BANK_FORMATS)
  format: SpreadsheetFormat = 'xlsx';
}

/** The bank's search filters (see GET /questions), without paging: an export holds every match. */
export class ExportQueryDto extends TemplateQueryDto {
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

export class QuestionBankUploadQueryDto {
  @ApiPropertyOptional({ enum: QUESTION_BANK_FORMATS, description: 'Defaults to the file name extension.' })
  @IsOptional()
  @IsIn(QUESTION_BANK_FORMATS)
  format?: SpreadsheetFormat;
}
