import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { REPORT_LOCALES, type ReportLocale } from '@assay/contracts';
import { PageQueryDto } from '@assay/core';
import type { ReportScope } from '../cohort';

/** The path names of the two report scopes. */
export const SCOPE_PATHS = { 'paper-versions': 'paper_version', 'job-roles': 'job_role' } as const satisfies Record<string, ReportScope>;
export type ScopePath = keyof typeof SCOPE_PATHS;

export class ScopeParamsDto {
  @ApiProperty({ enum: Object.keys(SCOPE_PATHS) })
  @IsIn(Object.keys(SCOPE_PATHS))
  scope!: ScopePath;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class CandidateParamsDto extends ScopeParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  attemptId!: string;
}

/** How the candidate list can be ordered: `rank` is the report's order (best first, those awaiting grading last). */
export const CANDIDATE_SORTS = ['rank', 'name', 'minutes', 'integrityEvents'] as const;
export type CandidateSort = (typeof CANDIDATE_SORTS)[number];

export class CandidateQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Search in candidate name and email.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: CANDIDATE_SORTS, default: 'rank' })
  @IsOptional()
  @IsIn(CANDIDATE_SORTS)
  sort: CandidateSort = 'rank';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: '`rank` ascending is best first.' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';
}

export class CompareQueryDto {
  @ApiProperty({ description: 'Two to ten attempt ids, comma-separated.', example: 'id1,id2' })
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value))
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  attemptIds!: string[];
}

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format: 'csv' | 'xlsx' = 'csv';
}

export class ReportPdfQueryDto {
  @ApiPropertyOptional({ enum: REPORT_LOCALES, description: "The report's language; without it, the first of Accept-Language in `zh-CN` or `en` (any `zh-*` reads Chinese), else the company's locale." })
  @IsOptional()
  @IsIn(REPORT_LOCALES)
  lang?: ReportLocale;
}

export class ExternalIdParamsDto {
  @ApiProperty({ description: "The candidate's ATS id, as given when inviting.", maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  externalId!: string;
}
