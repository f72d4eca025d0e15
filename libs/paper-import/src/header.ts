import type { SourceLine } from './normalise';
import type { LineReading } from './types';

export interface Header {
  title: string;
  titleLine: number | null;
  durationMinutes: number | null;
  totalPoints: number | null;
  totalLine: number | null;
  /** Preamble lines that are neither title nor duration/total. */
  rest: SourceLine[];
  /** What each preamble line was read as. */
  readings: LineReading[];
}

const DURATION =
  /(?:考试时间|考试时长|答题时间|答题时长|时间|时长|限时|time allowed|time limit|duration|time)\s*[:为]?\s*(\d+(?:\.\d+)?)\s*(分钟|min|小时|h)/i;
const TOTAL = /(?:试卷总分|总分|满分|总计|分值|total points|total marks|total score|total|full marks|maximum score)\s*[:为]?\s*(\d+(?:\.\d+)?)\s*(?:分|points|marks)?/i;

/** Title, duration and total from the lines before the first section. */
export function parseHeader(preamble: SourceLine[]): Header {
  const header: Header = { title: '', titleLine: null, durationMinutes: null, totalPoints: null, totalLine: null, rest: [], readings: [] };
  for (const line of preamble) {
    const duration = DURATION.exec(line.norm);
    const total = TOTAL.exec(line.norm);
    if (duration && header.durationMinutes === null) {
      const value = Number(duration[1]);
      header.durationMinutes = /小时|h/i.test(duration[2]) ? value * 60 : value;
    }
    if (total && header.totalPoints === null) {
      header.totalPoints = Number(total[1]);
      header.totalLine = line.no;
    }
    const metaAt = Math.min(duration?.index ?? Infinity, total?.index ?? Infinity);
    // "XX考试  考试时间:120分钟" carries the title before the metadata.
    const titlePart = line.raw.slice(0, Number.isFinite(metaAt) ? metaAt : undefined).trim();
    if (header.titleLine === null && titlePart !== '' && isTitleLike(line.norm.slice(0, titlePart.length))) {
      header.title = titlePart.replace(/[\s:,，:]+$/, '');
      header.titleLine = line.no;
      header.readings.push({ line: line.no, kind: 'title', rule: 'header.first_title_like_line' });
    } else if (!duration && !total) {
      header.rest.push(line);
      header.readings.push({ line: line.no, kind: 'unplaced', rule: 'header.other' });
    } else {
      header.readings.push({ line: line.no, kind: 'header_field', rule: duration ? 'header.duration' : 'header.total' });
    }
  }
  return header;
}

// Classification marks and candidate fields printed above the title.
const NOT_TITLE = /绝密|机密|启用前|姓名|考号|准考证|得分|注意事项|考生须知|^[★☆]/;

/** Titles are short headings; an introduction paragraph is not one. */
function isTitleLike(norm: string): boolean {
  return norm.length <= 60 && !NOT_TITLE.test(norm) && !/[。!?]$/.test(norm) && (norm.match(/[,。]/g)?.length ?? 0) <= 1;
}
