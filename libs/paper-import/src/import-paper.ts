import { entriesInGrid, entriesInLine, looksLikeAnswerToken } from './answer-key';
import { stripBoilerplate } from './boilerplate';
import type { CleanText } from './boilerplate';
import { buildPaper } from './build';
import { parseHeader } from './header';
import { parseLabel, parseRubric } from './labels';
import { splitLines } from './normalise';
import type { SourceLine } from './normalise';
import { looksStructural, parseLines } from './parser';
import { parseOptions } from './questions';
import { isAnswerBlockHeading, parseSectionHeading } from './sections';
import type { ImportWarning, ReadPaper } from './types';
import { quote, warning } from './warnings';

// A complete paragraph ends with closing punctuation; a bare answer ("10.D"), an option or a heading
// is complete too. Anything else at the very end of the text was cut off.
const CLOSED = /[。.!！?？)）」』”"》>…~\]】*]$/;
const BARE_ANSWER = /^(\d+\s*[.、:]?\s*)?([A-H](\s*[,、]?\s*[A-H])*|正确|错误|对|错|√|×|○)$/;

function endsCleanly(line: SourceLine, previous: SourceLine | undefined): boolean {
  const label = parseLabel(line.norm);
  const labelled = label ? line.norm.slice(label.textStart) : '';
  return (
    CLOSED.test(line.norm) ||
    BARE_ANSWER.test(line.norm) ||
    entriesInLine(line.raw, line.norm).length > 0 ||
    (previous !== undefined && entriesInGrid(previous.norm, line.norm) !== null) ||
    // A labelled answer without clause punctuation is a whole key ("答案:核实;跟进"), not a cut sentence.
    (label?.kind === 'answer' && (looksLikeAnswerToken(labelled) || entriesInLine(labelled, labelled).length > 0 || /^[^,，。]{1,40}$/.test(labelled))) ||
    (label?.kind === 'rubric' && parseRubric(labelled).unreadable.length === 0) ||
    // A list of competencies has no closing punctuation.
    label?.kind === 'competencies' ||
    parseOptions(line.raw, line.norm) !== null ||
    parseSectionHeading(line) !== null ||
    isAnswerBlockHeading(line)
  );
}

/**
 * Sites cut documents and carry on with their own material, so an unfinished line followed by site
 * material is a cut. At the plain end of a text only an unfinished sentence is: short lines such as
 * "1.负责" are complete answers.
 */
function truncation({ lines, cutMarkerLine, endsInTrailer }: CleanText): ImportWarning | null {
  const last = lines[lines.length - 1];
  if (!last) return null;
  const sentence = last.norm.replace(/^\d+\s*[.、:]\s*/, '').length >= 10;
  if (!endsCleanly(last, lines[lines.length - 2]) && (endsInTrailer || sentence)) return warning(last.no, 'truncated', { text: quote(last.raw.slice(-16)) });
  if (cutMarkerLine !== null) return warning(cutMarkerLine, 'truncated', { text: quote(last.raw.slice(-16)) });
  return null;
}

/** Reads the text of an exam paper (as copied from a web page or extracted from a document) into a draft paper with warnings. */
export function importPaper(text: string): ReadPaper {
  const clean = stripBoilerplate(splitLines(text), looksStructural);
  const doc = parseLines(clean.lines);
  const header = parseHeader(doc.preamble);
  const paper = buildPaper(doc, header);
  const cut = truncation(clean);
  if (cut) paper.warnings.push(cut);
  paper.warnings.sort((a, b) => a.line - b.line);
  const site = clean.dropped.map(({ line }) => ({ line: line.no, text: line.raw, reason: 'site_text' as const }));
  paper.dropped = [...site, ...paper.dropped].sort((a, b) => a.line - b.line);
  const headerLines = new Map(header.readings.map((r) => [r.line, r]));
  paper.readings = [
    ...clean.dropped.map(({ line, rule }) => ({ line: line.no, kind: 'boilerplate' as const, rule })),
    ...doc.readings.map((r) => headerLines.get(r.line) ?? r),
  ].sort((a, b) => a.line - b.line);
  return paper;
}

