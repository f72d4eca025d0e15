import { stripBoilerplate } from './boilerplate';
import { buildPaper } from './build';
import { parseHeader } from './header';
import { splitLines } from './normalise';
import type { SourceLine } from './normalise';
import { looksStructural, parseLines } from './parser';
import { parseOptions } from './questions';
import { isAnswerBlockHeading, parseSectionHeading } from './sections';
import type { ImportedPaper, ImportWarning } from './types';
import { quote, warning } from './warnings';

// A complete paragraph ends with closing punctuation; a bare answer ("10.D"), an option or a heading
// is complete too. Anything else at the very end of the text was cut off.
const CLOSED = /[。.!！?？)）」』”"》>…~\]】*]$/;
const BARE_ANSWER = /^(\d+\s*[.、:]?\s*)?([A-H](\s*[,、]?\s*[A-H])*|正确|错误|对|错|√|×)$/;

function endsCleanly(line: SourceLine): boolean {
  return (
    CLOSED.test(line.norm) ||
    BARE_ANSWER.test(line.norm) ||
    parseOptions(line.raw, line.norm) !== null ||
    parseSectionHeading(line) !== null ||
    isAnswerBlockHeading(line)
  );
}

function truncation(lines: SourceLine[], cutMarkerLine: number | null): ImportWarning | null {
  const last = lines[lines.length - 1];
  if (!last) return null;
  if (!endsCleanly(last)) return warning(last.no, 'truncated', { text: quote(last.raw.slice(-16)) });
  if (cutMarkerLine !== null) return warning(cutMarkerLine, 'truncated', { text: quote(last.raw.slice(-16)) });
  return null;
}

/** Reads the text of an exam paper (as copied from a web page or extracted from a document) into a draft paper with warnings. */
export function importPaper(text: string): ImportedPaper {
  const { lines, cutMarkerLine } = stripBoilerplate(splitLines(text), looksStructural);
  const doc = parseLines(lines);
  const paper = buildPaper(doc, parseHeader(doc.preamble));
  const cut = truncation(lines, cutMarkerLine);
  if (cut) paper.warnings.push(cut);
  paper.warnings.sort((a, b) => a.line - b.line);
  return paper;
}

