/**
 * `npm run stats` end to end: the real command on Moodle's fixture (its marks only, as a user
 * would export them) and on files with mistakes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '..');
const fixture = join(root, '../shared/reference/moodle-quiz-statistics');
const dir = mkdtempSync(join(tmpdir(), 'assay-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each run starts Node with the TypeScript loader: seconds alone, far more on a busy machine. */
const CLI_TIMEOUT = 120_000;

function stats(...args: string[]) {
  return run('node', ['-r', '@swc-node/register', 'tools/stats.ts', ...args], { cwd: root });
}

function writeCsv(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Moodle's results00.csv without its attempt id and total columns: labels and marks only. */
function fixtureMarks(): string {
  const lines = readFileSync(join(fixture, 'results00.csv'), 'utf8').trim().split('\n');
  return lines.map((line) => line.split(',').slice(1, 8).join(',')).join('\n');
}

describe('npm run stats', () => {
  it("--json prints Moodle's figures on Moodle's scales", async () => {
    const { stdout } = await stats(writeCsv('moodle.csv', fixtureMarks()), '--json');
    const { quiz, questions } = JSON.parse(stdout);
    const expectedQuiz = JSON.parse(readFileSync(join(fixture, 'quizstats00.json'), 'utf8'));
    for (const key of ['median', 'mean', 'standardDeviation', 'skewness', 'kurtosis', 'cic', 'errorRatio', 'standardError']) {
      expect(Math.abs(quiz[key] - expectedQuiz[key])).toBeLessThanOrEqual(Math.abs(expectedQuiz[key]) * 1.5e-5);
    }
    const expected = readFileSync(join(fixture, 'qstats00.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
    expected.forEach(([slot, facility, sd, effectiveWeight, , , , discrimination, , efficiency]) => {
      const q = questions[slot - 1];
      expect(q.label).toBe(`slots.${slot}.mark`);
      expect(q.facility).toBeCloseTo(facility, 6);
      expect(q.sd).toBeCloseTo(sd, 6);
      expect(q.effectiveWeight).toBeCloseTo(effectiveWeight, 4);
      expect(q.discriminationIndex).toBeCloseTo(discrimination, 4);
      expect(q.discriminativeEfficiency).toBeCloseTo(efficiency, 4);
    });
  }, CLI_TIMEOUT);

  it('--max scales facility and SD by each question maximum and sets intended weights', async () => {
    const file = writeCsv('weighted.csv', 'A,B\n5,1\n3,0\n1,1\n');
    const { stdout } = await stats(file, '--max', '5,1', '--json');
    const [a, b] = JSON.parse(stdout).questions;
    expect(a.facility).toBeCloseTo(0.6, 12);
    expect(a.sd).toBeCloseTo(0.4, 12);
    expect(a.intendedWeight).toBeCloseTo(100 * 5 / 6, 12);
    expect(b.intendedWeight).toBeCloseTo(100 / 6, 12);
  }, CLI_TIMEOUT);

  it('prints a readable table without --json', async () => {
    const { stdout } = await stats(writeCsv('table.csv', fixtureMarks()));
    expect(stdout).toContain('Attempts 25');
    expect(stdout).toContain('CIC -87.22%');
    expect(stdout).toMatch(/slots\.6\.mark\t1\t64\.00/);
  }, CLI_TIMEOUT);

  it('names the wrong cell and exits 1', async () => {
    const file = writeCsv('bad.csv', 'Q1,Q2\n1,0\n1,abc\n');
    await expect(stats(file)).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('row 3, column 2 (Q2): "abc" is not a number') });
    await expect(stats(file.replace('bad', 'missing'))).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('File not found') });
    await expect(stats(writeCsv('ok.csv', 'Q1\n1\n'), '--max', '1,2')).rejects.toMatchObject({ stderr: expect.stringContaining('--max gives 2 maxima for 1 questions') });
  }, CLI_TIMEOUT);
});
