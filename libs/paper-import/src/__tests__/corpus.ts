import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AnswerKey, QuestionOption, QuestionType, RubricCriterion } from '@assay/contracts';
import type { ReadPaper } from '../types';

/**
 * The golden corpus (libs/paper-import/corpus): original documents in the layouts the reader accepts,
 * each `<name>.<ext>` next to `<name>.expected.json`, the expected paper as projectPaper() gives it.
 * Shared by the golden specs of every file format (.txt here, .docx/.doc/.pdf by document-text's).
 */
export const CORPUS_DIR = path.resolve(__dirname, '../../corpus');

/** What a golden test compares: the content of the paper, without lines, warnings or declarations. */
export interface ExpectedPaper {
  title: string;
  sections: {
    title: string;
    questions: {
      type: QuestionType;
      stem: string;
      options: QuestionOption[];
      /** The objective answer key, or the reference answer of an open question; null when none. */
      key: AnswerKey | string | null;
      points: number | null;
      competencies: string[];
      explanation: string | null;
      rubric: RubricCriterion[];
    }[];
  }[];
}

export function projectPaper(read: ReadPaper): ExpectedPaper {
  return {
    title: read.title,
    sections: read.sections.map((s) => ({
      title: s.title,
      questions: s.questions.map((q) => ({
        type: q.type,
        stem: q.stem,
        options: q.options,
        key: q.answerKey ?? q.referenceAnswer,
        points: q.points,
        competencies: q.competencies,
        explanation: q.explanation,
        rubric: q.rubric,
      })),
    })),
  };
}

export interface CorpusDocument {
  /** File name without extension: the name of its expected file. */
  name: string;
  /** Absolute path of the source document. */
  file: string;
  /** Extension with its dot: ".txt", ".docx", ".doc", ".pdf". */
  ext: string;
  expectedFile: string;
  expected: ExpectedPaper;
}

const EXPECTED = '.expected.json';

/** Every source document of the corpus (any extension) with its expected paper; a source without one fails loudly. */
export function loadCorpus(): CorpusDocument[] {
  return readdirSync(CORPUS_DIR)
    .filter((file) => !file.endsWith(EXPECTED) && !file.startsWith('.') && file !== 'README.md')
    .sort()
    .map((file) => {
      const ext = path.extname(file);
      const name = path.basename(file, ext);
      const expectedFile = path.join(CORPUS_DIR, `${name}${EXPECTED}`);
      return { name, file: path.join(CORPUS_DIR, file), ext, expectedFile, expected: JSON.parse(readFileSync(expectedFile, 'utf8')) as ExpectedPaper };
    });
}

/**
 * What a corpus document must read as: the paper's content, without line numbers, warnings and
 * dropped lines (those depend on the file type: a table row is one line in a .docx, one per row in a
 * PDF). `knownGap` names what the reader does not do yet; such documents are expected to fail.
 */
export interface CorpusExpectation {
  knownGap?: string;
  paper: ReturnType<typeof projectFilePaper>;
}

/** The projection of the .docx/.doc/.pdf documents' expected files (option and rubric lines as text). */
export function projectFilePaper(paper: ReadPaper) {
  return {
    title: paper.title,
    durationMinutes: paper.durationMinutes,
    totalPoints: paper.totalPoints,
    sections: paper.sections.map((s) => ({
      title: s.title,
      type: s.type,
      questions: s.questions.map((q) => ({
        type: q.type,
        kind: q.kind,
        stem: q.stem,
        options: q.options.map((o) => `${o.key}. ${o.text}`),
        answerKey: q.answerKey,
        referenceAnswer: q.referenceAnswer,
        points: q.points,
        competencies: q.competencies,
        explanation: q.explanation,
        rubric: q.rubric.map((r) => `${r.criterion}: ${r.points}`),
      })),
    })),
  };
}

/** The corpus documents of the given extensions (".docx", ".pdf" …), as [file, expectation]. */
export function corpusFiles(extensions: string[]): [string, CorpusExpectation][] {
  return readdirSync(CORPUS_DIR)
    .filter((file) => extensions.includes(path.extname(file)))
    .sort()
    .map((file) => [file, JSON.parse(readFileSync(path.join(CORPUS_DIR, `${path.basename(file, path.extname(file))}.expected.json`), 'utf8')) as CorpusExpectation]);
}
