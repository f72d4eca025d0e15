import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReadPaper } from '../types';

/** libs/paper-import/corpus: documents in every supported format, each <name>.<ext> beside <name>.expected.json. */
export const CORPUS_DIR = path.resolve(__dirname, '../../corpus');

/**
 * What a corpus document must read as: the paper's content, without line numbers, warnings and
 * dropped lines (those depend on the file type: a table row is one line in a .docx, one per row in a
 * PDF). `knownGap` names what the reader does not do yet; such documents are expected to fail.
 */
export interface CorpusExpectation {
  knownGap?: string;
  paper: ReturnType<typeof projectPaper>;
}

export function projectPaper(paper: ReadPaper) {
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
