import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type TenantLocale = 'zh-CN' | 'en';

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
  @Column('integer')
  candidateDataRetentionDays!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
