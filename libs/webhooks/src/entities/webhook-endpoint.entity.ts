import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity } from '@assay/core';

/** Where a tenant wants its events sent. The secret is stored sealed and never shown after creation. */
@Entity('webhook_endpoints')
export class WebhookEndpoint extends TenantOwnedEntity {
  @Column('text')
  url!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column('text', { array: true })
  events!: string[];

  @Column('text', { select: false })
  secretSealed!: string;

  @Column('boolean')
  enabled!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  disabledReason!: string | null;

  /** Failed attempts since the last success (any delivery of this endpoint). */
  @Column('integer')
  consecutiveFailures!: number;

  /** First failure of the current run of failures; null after a success. */
  @Column({ type: 'timestamptz', nullable: true })
  failingSince!: Date | null;
}
