import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity } from '@assay/core';

/** Something that happened, written in the transaction that made it happen (the outbox). Never changed. */
@Entity('webhook_events')
export class WebhookEvent extends TenantOwnedEntity {
  /** Increases with each event written; receivers order by it. */
  @Column({ type: 'bigint', insert: false, update: false })
  sequence!: string;

  @Column('text')
  type!: string;

  @Column('jsonb')
  payload!: Record<string, unknown>;
}
