import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { QuestionPoolFilter } from '@assay/bank';
import { numericTransformer, TenantOwnedEntity } from '@assay/core';

/** A part of a paper (一、单选题 ...): every question in it is worth the same points. */
@Entity('paper_sections')
export class PaperSection extends TenantOwnedEntity {
  @Column('uuid')
  paperId!: string;

  @Column('integer')
  position!: number;

  @Column('text')
  title!: string;

  @Column({ type: 'text', nullable: true })
  instructions!: string | null;

  @Column({ type: 'numeric', precision: 8, scale: 2, transformer: numericTransformer })
  pointsPerQuestion!: number;

  /** Scale each open question's rubric to the section's points instead of requiring them to match. */
  @Column('boolean')
  scaleRubrics!: boolean;

  /** With `pool`: the section draws this many questions per candidate instead of fixed ones. */
  @Column({ type: 'integer', nullable: true })
  drawCount!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  pool!: QuestionPoolFilter | null;
}

/** A fixed question of a section, in order. The tenant column is filled by its database default. */
@Entity('paper_section_questions')
export class PaperSectionQuestion {
  @PrimaryColumn('uuid')
  sectionId!: string;

  @PrimaryColumn('integer')
  position!: number;

  @Column('uuid')
  questionId!: string;
}
