import type { NamedRef, QuestionPoolFilter } from '@assay/bank';
import type { QuestionContent } from '@assay/contracts';
import type { PaperSettings } from './entities/paper.entity';

/** A question as a paper uses it: its full content, worth the section's points. */
export interface SnapshotQuestion extends QuestionContent {
  id: string;
  competencies: NamedRef[];
}

export interface SnapshotSection {
  id: string;
  title: string;
  instructions: string | null;
  pointsPerQuestion: number;
  scaleRubrics: boolean;
  /** Null for a section of fixed questions. */
  draw: { count: number; pool: QuestionPoolFilter } | null;
  /** The fixed questions in order, or every candidate question of the pool. */
  questions: SnapshotQuestion[];
}

/**
 * Everything a paper is at one moment: settings, sections and the full content of every question
 * it can use. Published versions store it as is; preview, validation and export read the same
 * shape built from the draft, so what is checked is exactly what gets frozen.
 */
export interface PaperSnapshot {
  paperId: string;
  jobRole: NamedRef;
  title: string;
  instructions: string | null;
  durationMinutes: number;
  passMark: number | null;
  settings: PaperSettings;
  /** Points a candidate can reach: per section, its points per question times the questions each candidate gets. */
  totalPoints: number;
  sections: SnapshotSection[];
}

export function questionsPerCandidate(section: SnapshotSection): number {
  return section.draw ? section.draw.count : section.questions.length;
}

/** Summed in hundredths, so 0.1 + 0.2 totals 0.3. */
export function pointsTotal(parts: readonly { pointsPerQuestion: number; count: number }[]): number {
  return parts.reduce((sum, part) => sum + Math.round(part.pointsPerQuestion * 100) * part.count, 0) / 100;
}
