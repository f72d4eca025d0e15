// Writes one plain line ("tests: N passed, N failed") to tmp/test-summary.txt; .ci/run prints it
// last, so CI can read the count from the closing line.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.file = join(globalConfig.rootDir, 'tmp', 'test-summary.txt');
  }

  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    mkdirSync(join(this.file, '..'), { recursive: true });
    writeFileSync(this.file, `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
module.exports = SummaryReporter;
