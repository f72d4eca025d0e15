import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { TenantOwnedEntity } from '@assay/core';
import type { StoredInvitationStatus } from '@assay/contracts';
import { Candidate } from './candidate.entity';

export type MailLocale = 'zh-CN' | 'en';

/** One candidate invited to one paper, with a personal link valid in a window. */
@Entity('invitations')
export class Invitation extends TenantOwnedEntity {
  @Column('uuid')
  candidateId!: string;

  @ManyToOne(() => Candidate)
  @JoinColumn({ name: 'candidate_id' })
  candidate?: Candidate;

  @Column('uuid')
  paperId!: string;

  /** Denormalised from the paper so funnels per role need no join into the papers domain. */
  @Column('uuid')
  jobRoleId!: string;

  @Column('text')
  status!: StoredInvitationStatus;

  @Column('timestamptz')
  opensAt!: Date;

  @Column('timestamptz')
  closesAt!: Date;

  /** Accommodation: the timer runs this much longer (25 = +25%). */
  @Column('smallint')
  extraTimePercent!: number;

  /** Email language; null means the tenant's. */
  @Column({ type: 'text', nullable: true })
  locale!: MailLocale | null;

  /** SHA-256 of the current link token (see link-token.ts); never the token itself. */
  @Column('text', { select: false })
  tokenHash!: string;

  @Column('integer')
  tokenVersion!: number;

  /** Hours before the window closes at which a reminder goes to a candidate who has not started. */
  @Column('smallint', { array: true })
  reminderHours!: number[];

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** Which upload created it, if any (bulk invitations). */
  @Column({ type: 'text', nullable: true })
  source!: string | null;

  /** The invitation's id in the company's ATS (e.g. the application's). */
  @Column({ type: 'text', nullable: true })
  externalId!: string | null;
}
