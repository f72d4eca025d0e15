import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity } from '@assay/core';

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one endpoint, and the log of its attempts (the last one's outcome). */
@Entity('webhook_deliveries')
export class WebhookDelivery extends TenantOwnedEntity {
  @Column('uuid')
  endpointId!: string;

  @Column('uuid')
  eventId!: string;

  /** The event's sequence: deliveries to one endpoint go in this order. */
  @Column('bigint')
  sequence!: string;

  @Column('text')
  status!: WebhookDeliveryStatus;

  @Column('smallint')
  attempts!: number;

  @Column('timestamptz')
  nextAttemptAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ type: 'smallint', nullable: true })
  lastStatusCode!: number | null;

  @Column({ type: 'integer', nullable: true })
  lastLatencyMs!: number | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
