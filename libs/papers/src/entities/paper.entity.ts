import { Column, Entity } from 'typeorm';
import { numericTransformer, TenantOwnedEntity } from '@assay/core';
import type { ImportWarning } from '@assay/paper-import';
import type { MultipleChoicePolicy } from '@assay/contracts';

/** How a paper behaves for candidates; frozen into each published version. */
export interface PaperSettings {
  /** Per candidate, seeded: the order of the questions inside each section. */
  shuffleQuestions: boolean;
  /** Per candidate, seeded: the order of the options of choice questions (their keys stay). */
  shuffleOptions: boolean;
  multipleChoicePolicy: MultipleChoicePolicy;
  /** Whether the candidate sees the objective score on submitting. */
  showScoreToCandidate: boolean;
  /** Saves are still accepted this long after the deadline, for slow phones and networks. */
  timerGraceSeconds: number;
}

export const DEFAULT_PAPER_SETTINGS: PaperSettings = {
  shuffleQuestions: false,
  shuffleOptions: false,
  multipleChoicePolicy: 'all_or_nothing',
  showScoreToCandidate: false,
  timerGraceSeconds: 30,
};

/** The editable draft of an exam paper (试卷) for a job role; publishing freezes it into a PaperVersion. */
@Entity('papers')
export class Paper extends TenantOwnedEntity {
  @Column('uuid')
  jobRoleId!: string;

  @Column('text')
  title!: string;

  @Column({ type: 'text', nullable: true })
  instructions!: string | null;

  @Column('integer')
  durationMinutes!: number;

  @Column({ type: 'numeric', precision: 8, scale: 2, nullable: true, transformer: numericTransformer })
  passMark!: number | null;

  @Column('jsonb')
  settings!: PaperSettings;

  /** Null until first published. */
  @Column({ type: 'integer', nullable: true })
  latestVersion!: number | null;

  /** True when the draft differs from the latest version (or was never published). */
  @Column('boolean')
  unpublishedChanges!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  /**
   * The document reader's warnings when the paper was created by an import (POST /imports/paper),
   * else []. Kept as they were: editing and publishing leave them, as history of the import.
   */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  importWarnings!: ImportWarning[];
}
