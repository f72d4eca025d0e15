import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity } from '@assay/core';

/**
 * One refresh token, stored as a hash. Tokens rotate on every use; all tokens issued from one
 * login share a family, so a stolen token replayed after rotation revokes the whole family.
 */
@Entity('refresh_tokens')
export class RefreshToken extends TenantOwnedEntity {
  @Column('uuid')
  userId!: string;

  @Column('text')
  tokenHash!: string;

  @Column('uuid')
  familyId!: string;

  @Column('timestamptz')
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
