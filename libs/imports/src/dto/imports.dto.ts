import { ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { QuestionQueryDto } from '@assay/bank';

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
  jobRoleId?: string;
}

export class TemplateQueryDto {
  @ApiPropertyOptional({ enum: QUESTION_BANK_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(QUESTION_BANK_FORMATS)
  format: SpreadsheetFormat = 'xlsx';
}

/** The bank's search filters (see GET /questions), without paging: an export holds every match. */
export class ExportQueryDto extends IntersectionType(TemplateQueryDto, OmitType(QuestionQueryDto, ['page', 'pageSize'] as const)) {}

export class QuestionBankUploadQueryDto {
  @ApiPropertyOptional({ enum: QUESTION_BANK_FORMATS, description: 'Defaults to the file name extension.' })
  @IsOptional()
  @IsIn(QUESTION_BANK_FORMATS)
  format?: SpreadsheetFormat;
}
