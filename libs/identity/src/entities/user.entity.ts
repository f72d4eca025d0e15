import { Column, Entity } from 'typeorm';
import type { StaffRole } from '@assay/contracts';
import { TenantOwnedEntity } from '@assay/core';

export type UserStatus = 'active' | 'disabled';

/** A staff member of a tenant: admin, recruiter and/or grader. */
@Entity('users')
export class User extends TenantOwnedEntity {
  @Column('text')
  email!: string;

  @Column('text')
  name!: string;

  @Column('text', { select: false })
  passwordHash!: string;

  @Column('text', { array: true })
  roles!: StaffRole[];

  @Column('text')
  status!: UserStatus;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;
}
