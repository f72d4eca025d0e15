import { Column, Entity } from 'typeorm';
import type { StaffRole } from '@assay/contracts';
import { TenantOwnedEntity } from '@assay/core';

/** A credential for scripts and ATS integrations; the secret is shown once and stored hashed. */
@Entity('api_keys')
export class ApiKey extends TenantOwnedEntity {
  @Column('text')
  name!: string;

  /** The first characters of the secret, so people can tell their keys apart. */
  @Column('text')
  prefix!: string;

  @Column('text', { select: false })
  secretHash!: string;

  @Column('text', { array: true })
  scopes!: StaffRole[];

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
