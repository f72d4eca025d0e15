import { FaultRun, type FaultFigures } from '@assay/testing';
import { spawnProcess } from './processes';

/**
 * The fault script under load at CI size (bench/faults.ts runs it at size; docs/performance.md,
 * "Faults under load"): its own PostgreSQL and Redis, two APIs and two workers, candidates saving,
 * submitting and running out of time, graders marking; meanwhile an API and a worker are killed
 * with SIGKILL, Redis restarted and killed with SIGKILL, PostgreSQL crash-restarted. Then every count of what must not happen is 0.
 */
describe('faults under load', () => {
  let run: FaultRun;
  let figures: FaultFigures;

  beforeAll(async () => {
    run = new FaultRun({
      candidates: 40,
      lateShare: 0.25,
      graders: 3,
      changeEveryMs: 1000,
      savesBetweenFaults: 40,
      settleLimitMs: 600_000,
      spawn: (kind, env) => spawnProcess(kind, { ...env, LOG_LEVEL: 'silent' }),
      log: (line) => process.stdout.write(`[faults] ${line}\n`),
    });
    figures = await run.run();
    process.stdout.write(`[faults] ${JSON.stringify(figures, null, 2)}\n`);
  });
  afterAll(async () => {
    await run.close();
  });

  it('loses no acknowledged answer, submits every overdue attempt, scores, grades and finalises each exactly once', () => {
    expect(figures.violations).toEqual({
      acknowledgedAnswersMissing: 0,
      acknowledgedAnswersOlder: 0,
      storedValueNeverSent: 0,
      overdueNotSubmitted: 0,
      submittedNotOnce: 0,
      scoredNotOnce: 0,
      gradingTasksDuplicated: 0,
      gradingTasksMissing: 0,
      openAnswersWithoutGrading: 0,
      finalisedNotOnce: 0,
      emailsDuplicatedBeyondWindow: 0,
      emailsMissing: 0,
    });
    expect(figures.repeats.webhookEventsMissing).toBe(0);
  });

  it('really ran the load through the faults', () => {
    expect(figures.faults.map((f) => f.name)).toHaveLength(5);
    expect(figures.load.savesAcknowledged).toBeGreaterThanOrEqual(5 * 40);
    expect(figures.load.late).toBe(10);
    // Candidates met the outages and retried (the web app's "offline, retrying" state).
    expect(figures.retries.savesRetried).toBeGreaterThan(0);
    expect(figures.load.marks).toBeGreaterThan(0);
  });
});
