// Mocha's spec reporter, plus one JSON line of counts appended to $TIERED_COUNTS_FILE so the
// test script can total every layer into one "N passed, N failed" line.
const fs = require('node:fs');
const Mocha = require('mocha');

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const file = process.env.TIERED_COUNTS_FILE;
      if (!file) return;
      const s = runner.stats || {};
      const layer = process.env.TIERED_LAYER || 'unknown';
      fs.appendFileSync(file, JSON.stringify({ layer, passed: s.passes || 0, failed: s.failures || 0, pending: s.pending || 0 }) + '\n');
    });
  }
}
module.exports = CountReporter;
