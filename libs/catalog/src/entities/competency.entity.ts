import { Column, Entity } from 'typeorm';
import { TenantOwnedEntity } from '@assay/core';

/** A competency assessed (考察点), e.g. 情绪管理; analytics report scores per competency. */
@Entity('competencies')
export class Competency extends TenantOwnedEntity {
  @Column('text')
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;
}
