import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity } from '@assay/core';

/** A person invited to tests; one per email in a tenant, so their history across roles is one list. */
@Entity('candidates')
export class Candidate extends TenantOwnedEntity {
  @Column('text')
  name!: string;

  /** Stored lower-case; unique in the tenant. */
  @Column('text')
  email!: string;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  /** The candidate's id in the company's ATS. */
  @Column({ type: 'text', nullable: true })
  externalId!: string | null;

  /** When the person's data was erased (on request or after the retention period); the row then holds none. */
  @Column({ type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;
}
