import { deepEqual, equal, ok } from './helpers/assert.js';
import { collected, frameReport } from './helpers/wait.js';

// tests/fixtures/strict-csp.html, served with a strict CSP: nonces, 'strict-dynamic' and
// Trusted Types with one allowed policy, `offstage`. Violations are counted twice: the page's
// securitypolicyviolation events, and the reports the browser sends to the collector (the
// worker's too: its script is served with a Trusted Types CSP of its own).
let loads = 0;
async function load(query) {
  const key = `${Date.now()}-${loads++}`;
  const src = `/tests/fixtures/strict-csp.html?key=${key}&${query}`;
  return { ...(await frameReport(src, 'cspReport')), key };
}
/** The reports sent, but for the test server's own script (see the page). */
const reports = async (key) =>
  (await collected(key, 0))
    .map((hit) => JSON.parse(hit.body)['csp-report'])
    .filter((report) => !report['blocked-uri'].includes('/__web-dev-server__'));
const SCRIPTS = ['inline', 'external', 'module'];
// Browsers that enforce Trusted Types have them on window.
const enforced = 'trustedTypes' in window;

describe('strict CSP and Trusted Types', () => {
  it('offloads with no violation, on the page or in the worker', async () => {
    const report = await load('lib=/~strict-lib/');
    equal(report.where, 'worker');
    deepEqual(report.ran, SCRIPTS);
    equal(report.out, 'text');
    deepEqual(report.violations, []);
    deepEqual(await reports(`csp-page-${report.key}`), []);
    deepEqual(await reports('csp-worker'), []);
  });

  it('falls back to the main thread with no violation', async () => {
    const report = await load('lib=/no/such/lib/');
    equal(report.where, 'main-thread');
    deepEqual(report.ran, SCRIPTS);
    deepEqual(report.violations, []);
    deepEqual(await reports(`csp-page-${report.key}`), []);
  });

  it('the control: a CSP without the offstage policy is reported, and nothing runs', async () => {
    const report = await load('lib=/~strict-lib/&policies=other');
    if (!enforced) return equal(report.where, 'worker');
    // Offstage's worker URL is refused as a string: the fallback, whose script text and URLs
    // are refused too (the page's CSP refuses Offstage itself). The page sees the violations.
    equal(report.where, 'main-thread');
    ok(report.reason.includes('add "trusted-types offstage"'), report.reason);
    ok(
      report.violations.some((v) => v.directive.startsWith('trusted-types')),
      JSON.stringify(report.violations),
    );
    deepEqual(report.ran, []);
    await collected(`csp-page-${report.key}`, 2);
    ok((await reports(`csp-page-${report.key}`)).length >= 2, 'reports reach the collector');
  });

  it("never lends its policy to a script's markup: the page refuses what it would refuse the script on the main thread", async () => {
    const offloaded = await load('lib=/~strict-lib/&launder');
    const onPage = await load('lib=/no/such/lib/&launder');
    equal(offloaded.where, 'worker');
    equal(onPage.where, 'main-thread');
    equal(offloaded.out, onPage.out);
    equal(offloaded.out, enforced ? 'text' : '<i>markup</i>');
    const sinks = (report) => report.violations.map((v) => v.directive);
    deepEqual(sinks(offloaded), sinks(onPage));
    equal(sinks(onPage).length, enforced ? 1 : 0);
  });
});
