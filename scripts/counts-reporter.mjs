// A web-test-runner reporter that writes plain counts to a JSON file, because the default
// reporter prints them only inside its progress bar. A test file that fails to load, or a
// session error outside any test, counts as a failure: nothing may fail silently.
import { writeFileSync } from 'node:fs';

export function countsReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
      const walk = (suite, path, session) => {
        for (const test of suite.tests ?? []) {
          const name = [...path, test.name].join(' › ');
          if (test.skipped) counts.skipped++;
          else if (test.passed) counts.passed++;
          else {
            counts.failed++;
            counts.failures.push(
              `${session.browser.name} ${session.testFile}: ${name}: ${test.error?.message ?? ''}`,
            );
          }
        }
        for (const child of suite.suites ?? []) walk(child, [...path, child.name], session);
      };
      for (const session of sessions) {
        const before = counts.failed;
        if (session.testResults) walk(session.testResults, [], session);
        if (!session.passed && counts.failed === before) {
          counts.failed++;
          const why =
            (session.errors ?? []).map((e) => e.message).join('; ') || 'the session failed';
          counts.failures.push(`${session.browser.name} ${session.testFile}: ${why}`);
        }
      }
      if (file) writeFileSync(file, JSON.stringify(counts));
    },
  };
}
