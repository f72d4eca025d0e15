import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity } from '@assay/core';

/** A position candidates apply for (岗位); papers, questions and analytics hang off it. */
@Entity('job_roles')
export class JobRole extends TenantOwnedEntity {
  @Column('text')
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** Archived roles stay for past papers and reports but are hidden from pickers. */
  @Column({ type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;
}
