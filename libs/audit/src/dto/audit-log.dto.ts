import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CursorQueryDto } from '@assay/core';

export const AUDITED_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Filters of the audit log: the export takes these alone (it reads every page itself). */
export class AuditLogFilterDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The staff member who acted.' })
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The API key that acted.' })
  @IsOptional()
  @IsUUID()
  apiKeyId?: string;

  @ApiPropertyOptional({ description: 'Part of the action (`PATCH /api/v1/users/:id`), case-insensitive, e.g. `/webhooks` or `publish`.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  action?: string;

  @ApiPropertyOptional({ enum: AUDITED_METHODS })
  @IsOptional()
  @IsIn(AUDITED_METHODS)
  method?: (typeof AUDITED_METHODS)[number];

  @ApiPropertyOptional({ description: 'The kind of resource, e.g. `user`, `paper`, `webhooks`.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  resourceType?: string;

  @ApiPropertyOptional({ description: 'The id of the resource acted on (its own id or one in the path).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  resourceId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries at or after this time.' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Entries before this time.' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}

/** A page of the filtered log: the filters and the cursor. */
export class AuditLogQueryDto extends IntersectionType(AuditLogFilterDto, CursorQueryDto) {}
