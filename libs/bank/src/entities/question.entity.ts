import { Column, Entity, JoinTable, ManyToMany } from 'typeorm';
import { Competency, JobRole } from '@assay/catalog';
import { numericTransformer, TenantOwnedEntity } from '@assay/core';
import type { AnswerKey, OpenKind, QuestionContent, QuestionOption, QuestionType, RubricCriterion } from '@assay/contracts';

/** A question of the tenant's bank (题库). Papers reference it; published versions copy it. */
@Entity('questions')
export class Question extends TenantOwnedEntity implements QuestionContent {
  @Column('text')
  type!: QuestionType;

  @Column({ type: 'text', nullable: true })
  kind!: OpenKind | null;

  /** Markdown. */
  @Column('text')
  stem!: string;

  @Column('jsonb')
  options!: QuestionOption[];

  /** Null until someone supplies it; publishing a paper that uses an objective question without one fails. */
  @Column({ type: 'jsonb', nullable: true })
  answerKey!: AnswerKey | null;

  @Column({ type: 'text', nullable: true })
  referenceAnswer!: string | null;

  @Column({ type: 'text', nullable: true })
  explanation!: string | null;

  @Column('jsonb')
  rubric!: RubricCriterion[];

  @Column('smallint')
  difficulty!: number;

  @Column('text', { array: true })
  tags!: string[];

  /** Default points; a paper section may give the question other points (and scale its rubric). */
  @Column({ type: 'numeric', precision: 8, scale: 2, transformer: numericTransformer })
  points!: number;

  @ManyToMany(() => Competency)
  @JoinTable({ name: 'question_competencies', joinColumn: { name: 'question_id' }, inverseJoinColumn: { name: 'competency_id' } })
  competencies!: Competency[];

  @ManyToMany(() => JobRole)
  @JoinTable({ name: 'question_job_roles', joinColumn: { name: 'question_id' }, inverseJoinColumn: { name: 'job_role_id' } })
  jobRoles!: JobRole[];
}
