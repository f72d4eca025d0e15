import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageOrCursorQueryDto } from '@assay/core';

export class CandidateQueryDto extends PageOrCursorQueryDto {
  @ApiPropertyOptional({ description: 'Search in name, email and ATS id.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: "The candidate's ATS id, exactly." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  externalId?: string;
}
