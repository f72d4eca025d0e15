/**
 * Moodle's quiz statistics for any marks file, so anyone can check our figures on their own data:
 *   npm run stats -- marks.csv [--max 1,2,5,...] [--json]
 * marks.csv: a header row of question labels, one row of marks per attempt. See docs/analytics.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { MarksTableError, moodleStatistics, parseMarksTable, type MoodleStatistics } from '@assay/statistics';

const USAGE = 'Usage: npm run stats -- marks.csv [--max 1,2,5,...] [--json]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

interface Options {
  file: string;
  max?: string;
  json: boolean;
}

function options(args: readonly string[]): Options {
  let file: string | undefined;
  let max: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') json = true;
    else if (arg === '--max') max = args[++i] ?? fail(`--max needs a value\n${USAGE}`);
    else if (arg.startsWith('--max=')) max = arg.slice('--max='.length);
    else if (arg.startsWith('--')) fail(`Unknown option ${arg}\n${USAGE}`);
    else if (file === undefined) file = arg;
    else fail(`Only one marks file, got ${file} and ${arg}\n${USAGE}`);
  }
  if (file === undefined) fail(USAGE);
  return { file, max, json };
}

const fixed = (value: number | null, digits: number) => (value === null ? '-' : value.toFixed(digits));

function table(labels: readonly string[], stats: MoodleStatistics): string {
  const { quiz } = stats;
  const lines = [
    `Attempts ${quiz.attempts}   maximum ${quiz.maxMark}`,
    `Mean ${fixed(quiz.mean, 4)}   median ${fixed(quiz.median, 4)}   SD ${fixed(quiz.standardDeviation, 4)}`,
    `Skewness ${fixed(quiz.skewness, 4)}   kurtosis ${fixed(quiz.kurtosis, 4)}`,
    `CIC ${fixed(quiz.cic, 2)}%   error ratio ${fixed(quiz.errorRatio, 2)}%   standard error ${fixed(quiz.standardError, 4)}`,
    '',
    ['question', 'max', 'facility%', 'sd%', 'intended%', 'effective%', 'discrim%', 'efficiency%'].join('\t'),
  ];
  stats.questions.forEach((q, i) => {
    const percent = (v: number | null) => fixed(v === null ? null : v * 100, 2);
    lines.push(
      [labels[i], q.maxMark, percent(q.facility), percent(q.sd), fixed(q.intendedWeight, 2), fixed(q.effectiveWeight, 2), fixed(q.discriminationIndex, 2), fixed(q.discriminativeEfficiency, 2)].join('\t'),
    );
  });
  return lines.join('\n');
}

function main() {
  const { file, max, json } = options(process.argv.slice(2));
  if (!existsSync(file)) fail(`File not found: ${file}`);
  let rows: string[][];
  try {
    rows = parse(readFileSync(file), { bom: true, relaxColumnCount: true, skipEmptyLines: true });
  } catch (error) {
    fail(`${file} is not a readable CSV file: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const { labels, marks, maxMarks } = parseMarksTable(rows, max);
    const stats = moodleStatistics({ marks, maxMarks });
    const questions = stats.questions.map(({ index, ...q }) => ({ label: labels[index], ...q }));
    process.stdout.write(json ? `${JSON.stringify({ quiz: stats.quiz, questions }, null, 2)}\n` : `${table(labels, stats)}\n`);
  } catch (error) {
    if (error instanceof MarksTableError) fail(`${file}: ${error.message}`);
    throw error;
  }
}

main();
