import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PaperSnapshot } from '../paper-snapshot';

/**
 * A published, immutable version of a paper: attempts bind to it, so a result always refers to
 * exactly what the candidate saw. The database refuses updates (see the CreatePapers migration);
 * its tenant column is filled by the database default.
 */
@Entity('paper_versions')
export class PaperVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  paperId!: string;

  @Column('integer')
  version!: number;

  /** Loaded only when asked for: lists of versions do not carry whole papers. */
  @Column({ type: 'jsonb', select: false })
  snapshot!: PaperSnapshot;

  @Column({ type: 'uuid', nullable: true })
  publishedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  publishedAt!: Date;
}
