import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
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
