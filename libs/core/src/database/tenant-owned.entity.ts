import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * Base of every tenant-owned row. `tenant_id` defaults, in the database, to the tenant of the
 * current transaction (set by TenantTransaction), and row-level security rejects any other value:
 * a service cannot write a row into the wrong tenant even by mistake.
 */
export abstract class TenantOwnedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', default: () => 'app_current_tenant()' })
  tenantId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
