'use strict';
// The order in which `npm test` hands spec files to its workers: the longest first, so that the run does
// not end with one worker still on an 80 s file while the others idle. Jest's own sequencer already does
// this when its cache holds the last run's durations, but a clean clone (CI) has none, and then Jest orders
// by file size, which says little here: a 5 KiB cluster spec waits on a control loop for a minute, a 30 KiB
// unit spec takes 0.1 s. So without a cached duration a file's estimate is its time in the last clean-clone
// CI (test-durations.json, seconds; Jest prints them for files over 5 s), else a default for its project.
const Sequencer = require('@jest/test-sequencer').default;
const path = require('node:path');
const recorded = require('./test-durations.json');

const repoRoot = path.resolve(__dirname, '../..');
/** Seconds for a file neither cached nor recorded: one Drydock start and a few cases, or a unit spec. */
const projectDefaults = { unit: 0.2, storage: 2, workers: 10, e2e: 15, reliability: 30, dashboard: 25 };

class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const estimate = (test) => {
      const cached = this.time(test);
      if (cached) return cached / 1000;
      const file = path.relative(repoRoot, test.path).split(path.sep).join('/');
      return recorded[file] ?? projectDefaults[test.context.config.displayName?.name] ?? 1;
    };
    const failed = (test) => (this.hasFailed(test) ? 1 : 0);
    const keyed = tests.map((test) => ({ test, failed: failed(test), seconds: estimate(test) }));
    // Files that failed last time still go first (Jest's rule: the quickest answer to "is it fixed?").
    keyed.sort((a, b) => b.failed - a.failed || b.seconds - a.seconds || (a.test.path < b.test.path ? -1 : 1));
    return keyed.map(({ test }) => test);
  }
}

module.exports = LongestFirstSequencer;
