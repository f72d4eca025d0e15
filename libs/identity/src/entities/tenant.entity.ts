import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type TenantLocale = 'zh-CN' | 'en';

/** Bounds and default of a company's retention period for candidates' personal data, in days (the migration's CHECK and DEFAULT). */
export const CANDIDATE_RETENTION_DAYS = { min: 30, max: 3650, default: 365 } as const;

/** A company using Assay. Its id is the key of row-level security on every tenant-owned table. */
@Entity('tenants')
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  slug!: string;

  @Column('text')
  name!: string;

  @Column('text')
  locale!: TenantLocale;

  /** Days a candidate's personal data is kept after their last activity (docs/privacy.md). */
  @Column('integer', { default: CANDIDATE_RETENTION_DAYS.default })
  candidateDataRetentionDays!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
