import { ApiProperty } from '@nestjs/swagger';
import { TenantRecordResponse } from '@assay/core';
import { WEBHOOK_EVENT_TYPES } from '../webhook-events';

export class WebhookResponse extends TenantRecordResponse {
  @ApiProperty({ example: 'https://ats.example.com/hooks/assay' })
  url!: string;

  @ApiProperty({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  events!: string[];

  @ApiProperty({ description: 'false after sustained failure (see disabledReason) or when paused by an admin.' })
  enabled!: boolean;

  @ApiProperty({ type: Date, nullable: true })
  disabledAt!: Date | null;

  @ApiProperty({ type: String, nullable: true })
  disabledReason!: string | null;

  @ApiProperty({ type: 'integer', description: 'Failed attempts since the last successful delivery.' })
  consecutiveFailures!: number;

  @ApiProperty({ type: Date, nullable: true, description: 'First failure of the current run of failures.' })
  failingSince!: Date | null;
}

export class WebhookWithSecretResponse extends WebhookResponse {
  @ApiProperty({ example: 'whsec_…', description: 'Shown only in this answer: the key of the Assay-Signature HMAC. Store it now.' })
  secret!: string;
}

export class WebhookDeliveryResponse extends TenantRecordResponse {
  @ApiProperty({ format: 'uuid' })
  endpointId!: string;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES })
  eventType!: string;

  @ApiProperty({ type: 'integer', description: "The event's sequence: deliveries to one endpoint go in this order." })
  sequence!: number;

  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] })
  status!: string;

  @ApiProperty({ type: 'integer' })
  attempts!: number;

  @ApiProperty({ type: Date, nullable: true, description: 'When a pending delivery is tried next; null otherwise.' })
  nextAttemptAt!: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  lastAttemptAt!: Date | null;

  @ApiProperty({ type: 'integer', nullable: true, description: "The receiver's HTTP status; null when it did not answer." })
  lastStatusCode!: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  lastLatencyMs!: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'HTTP 503' })
  lastError!: string | null;

  @ApiProperty({ type: Date, nullable: true })
  deliveredAt!: Date | null;
}
