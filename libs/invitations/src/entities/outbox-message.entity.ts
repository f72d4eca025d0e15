import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity, type StaffNotice } from '@assay/core';

export type OutboxStatus = 'pending' | 'sent' | 'failed';
export type OutboxKind = 'invitation' | 'reminder' | 'staff_notice';

/**
 * An email to send, written in the same transaction as what caused it, so a crash can neither
 * lose it nor send one for something rolled back. It holds no body: the worker renders it when
 * sending, because the body carries the personal link, which is never stored. A `staff_notice`
 * goes to an admin and carries its notice instead of an invitation.
 */
@Entity('outbox_messages')
export class OutboxMessage extends TenantOwnedEntity {
  @Column('text')
  kind!: OutboxKind;

  @Column({ type: 'uuid', nullable: true })
  invitationId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  notice!: StaffNotice | null;

  @Column('text')
  toAddress!: string;

  @Column('text')
  status!: OutboxStatus;

  @Column('smallint')
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
