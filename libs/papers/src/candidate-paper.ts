import type { OpenKind, QuestionOption, QuestionType } from '@assay/contracts';
import { drawSample, shuffle } from '@assay/scoring';
import { type PaperSnapshot, type SnapshotQuestion, type SnapshotSection } from './paper-snapshot';

/**
 * A question as a candidate receives it. Built field by field from the snapshot (never by
 * deleting secrets from a copy), so a field added to questions later stays hidden until someone
 * decides candidates may see it.
 */
export interface CandidateQuestion {
  id: string;
  type: QuestionType;
  kind: OpenKind | null;
  stem: string;
  options: QuestionOption[];
  /** fill_blank only: how many answers to type. */
  blankCount?: number;
  points: number;
}

export interface CandidateSection {
  id: string;
  title: string;
  instructions: string | null;
  pointsPerQuestion: number;
  questions: CandidateQuestion[];
}

export interface CandidatePaper {
  paperId: string;
  /** Null for the preview of an unpublished draft. */
  version: number | null;
  title: string;
  instructions: string | null;
  durationMinutes: number;
  totalPoints: number;
  showScoreToCandidate: boolean;
  sections: CandidateSection[];
}

// Blanks written as ___ (three or more underscores) or empty full-width brackets.
const BLANK_MARK = /_{3,}|（\s*）|\(\s*\)/g;

export function toCandidateQuestion(question: SnapshotQuestion): CandidateQuestion {
  const candidate: CandidateQuestion = {
    id: question.id,
    type: question.type,
    kind: question.kind,
    stem: question.stem,
    options: question.options.map(({ key, text }) => ({ key, text })),
    points: question.points,
  };
  if (question.type === 'fill_blank') {
    candidate.blankCount = Array.isArray(question.answerKey) ? question.answerKey.length : (question.stem.match(BLANK_MARK) ?? []).length;
  }
  return candidate;
}

/**
 * The paper exactly as one candidate gets it: pools drawn and orders shuffled, all derived from
 * the seed (e.g. the attempt id), so a reload or a re-score months later sees the same paper.
 */
export function candidatePaper(paper: PaperSnapshot, version: number | null, seed: string): CandidatePaper {
  return {
    paperId: paper.paperId,
    version,
    title: paper.title,
    instructions: paper.instructions,
    durationMinutes: paper.durationMinutes,
    totalPoints: paper.totalPoints,
    showScoreToCandidate: paper.settings.showScoreToCandidate,
    sections: paper.sections.map((section) => ({
      id: section.id,
      title: section.title,
      instructions: section.instructions,
      pointsPerQuestion: section.pointsPerQuestion,
      questions: questionsFor(section, paper.settings.shuffleQuestions, seed).map((question) => {
        const candidate = toCandidateQuestion(question);
        if (paper.settings.shuffleOptions) candidate.options = shuffle(candidate.options, `${seed}:${question.id}:options`);
        return candidate;
      }),
    })),
  };
}

function questionsFor(section: SnapshotSection, shuffleQuestions: boolean, seed: string): SnapshotQuestion[] {
  if (!section.draw) {
    return shuffleQuestions ? shuffle(section.questions, `${seed}:${section.id}:order`) : section.questions;
  }
  // A pool smaller than its draw blocks publishing; the preview still shows what there is.
  const count = Math.min(section.draw.count, section.questions.length);
  const drawn = drawSample(section.questions, count, `${seed}:${section.id}:draw`);
  if (shuffleQuestions) return drawn;
  const poolOrder = new Map(section.questions.map((q, index) => [q.id, index]));
  return drawn.sort((x, y) => (poolOrder.get(x.id) as number) - (poolOrder.get(y.id) as number));
}
