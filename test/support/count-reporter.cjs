// Mocha's spec reporter, plus one JSON line of counts appended to $TIERED_COUNTS_FILE so the
// test script can total every layer into one "N passed, N failed" line.
const fs = require('node:fs');
const Mocha = require('mocha');

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    // A UI test retried after a first failure (scripts/test.mjs allows one retry in that layer
    // only) is listed, with its first error, so a flake stays visible in the log.
    const retried = [];
    runner.on('retry', (test, err) => {
      retried.push(test.fullTitle());
      console.log(`    ↻ retried after a first failure: ${test.fullTitle()}\n      first error: ${String((err && err.message) || err).split('\n')[0].slice(0, 300)}`);
    });
    runner.once('end', () => {
      if (retried.length) console.log(`\n  ${retried.length} test(s) passed or failed on a retry: ${retried.join('; ')}`);
      const file = process.env.TIERED_COUNTS_FILE;
      if (!file) return;
      const s = runner.stats || {};
      const layer = process.env.TIERED_LAYER || 'unknown';
      fs.appendFileSync(file, JSON.stringify({ layer, passed: s.passes || 0, failed: s.failures || 0, pending: s.pending || 0, retried: retried.length }) + '\n');
    });
  }
}
module.exports = CountReporter;
