import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const PART_SCHEMA = {
  type: 'object' as const,
  description: 'By part (`database`, `redis`): `up`, or `down` with a message.',
  additionalProperties: {
    type: 'object' as const,
    required: ['status'],
    properties: { status: { type: 'string', enum: ['up', 'down'] }, message: { type: 'string' } },
  },
  example: { database: { status: 'up' }, redis: { status: 'up' } },
};

/** The answer of @nestjs/terminus's health check. */
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded', 'error', 'shutting_down'], description: '`degraded`: PostgreSQL answers, Redis does not (queue work waits for the sweeps).' })
  status!: 'ok' | 'degraded' | 'error' | 'shutting_down';

  @ApiPropertyOptional({ ...PART_SCHEMA, description: 'The parts that are up.' })
  info?: Record<string, unknown>;

  @ApiPropertyOptional({ ...PART_SCHEMA, description: 'The parts that are down.' })
  error?: Record<string, unknown>;

  @ApiProperty(PART_SCHEMA)
  details!: Record<string, unknown>;
}
