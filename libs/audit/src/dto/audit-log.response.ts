import { ApiProperty } from '@nestjs/swagger';
import { AUDITED_METHODS } from './audit-log.dto';

const JSON_VALUE = { type: 'object', additionalProperties: true, nullable: true } as const;

/** One audit entry: who did what to which resource, when, from where, and how it ended. */
export class AuditEntryResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  tenantId!: string;

  @ApiProperty()
  at!: Date;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The staff member, or null for an API key.' })
  actorUserId!: string | null;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The API key, or null for a staff member.' })
  actorApiKeyId!: string | null;

  @ApiProperty({ enum: AUDITED_METHODS })
  method!: string;

  @ApiProperty({ example: '/api/v1/users/:id' })
  route!: string;

  @ApiProperty({ example: 'PATCH /api/v1/users/:id' })
  action!: string;

  @ApiProperty({ type: 'string', nullable: true, example: 'user' })
  resourceType!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  resourceId!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'The ids in the path, by name.' })
  pathParams!: Record<string, string>;

  @ApiProperty({ type: 'integer', description: 'The HTTP status the request answered.', example: 200 })
  status!: number;

  @ApiProperty({ type: 'string', nullable: true, description: 'The client address (behind TRUST_PROXY, the forwarded one).' })
  clientAddress!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  requestId!: string | null;

  @ApiProperty({ ...JSON_VALUE, description: 'The request body, secrets and personal data replaced by "[redacted]".' })
  body!: Record<string, unknown> | null;

  @ApiProperty({ ...JSON_VALUE, description: 'The resource before the change, redacted the same way (where recorded).' })
  before!: Record<string, unknown> | null;

  @ApiProperty({ ...JSON_VALUE, description: 'The resource after the change, redacted the same way (where recorded).' })
  after!: Record<string, unknown> | null;
}
