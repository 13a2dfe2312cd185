import { deepEqual, equal, ok } from './helpers/assert.js';
import { sleep } from './helpers/channel.js';
import { reporting, runOffloaded } from './helpers/offstage-scripts.js';

describe('location and history from an offloaded script', () => {
  const reports = reporting();
  const start = location.href;
  after(() => history.replaceState(null, '', start));

  it("reads the page's location; pushState/replaceState change the page's URL and history", async () => {
    const popped = [];
    addEventListener('popstate', (e) => popped.push(e.state));
    await runOffloaded(`
      report('location', [location.href, location.pathname, location.origin, location.protocol]);
      history.pushState({ step: 1 }, '', '?pushed=1');
      history.replaceState({ step: 2 }, '', '?replaced=1');
      report('history', [location.search, history.state.step, history.length]);
    `);
    const url = new URL(start);
    deepEqual(reports.location, [start, url.pathname, url.origin, url.protocol]);
    // history.length as the page sees it: the test runner's tab may be at the browser's cap
    // (50), where a push drops the oldest entry — Firefox can read one more just after the
    // push (51, seen once in CI when a new test file brought the tab to the cap), before it
    // has dropped it; that the push made an entry is shown by going back, below.
    const [search, step, length] = reports.history;
    deepEqual([search, step], ['?replaced=1', 2]);
    const atCap = history.length === 50 ? [50, 51] : [history.length];
    ok(atCap.includes(length), `history.length ${length}, the page's ${history.length}`);
    equal(location.search, '?replaced=1');
    history.back();
    for (const deadline = Date.now() + 3000; !popped.length && Date.now() < deadline;)
      await sleep(20);
    equal(
      new URL(location.href).search,
      new URL(start).search,
      'back goes to the entry before the push:',
    );
  });

  it('location.hash and location.href assignment navigate the page (same document)', async () => {
    await runOffloaded(`location.hash = '#from-worker';`);
    equal(location.hash, '#from-worker');
    await runOffloaded(`location.href = location.pathname + location.search + '#via-href';`);
    for (
      const deadline = Date.now() + 3000;
      location.hash !== '#via-href' && Date.now() < deadline;
    )
      await sleep(20);
    equal(location.hash, '#via-href');
  });
});
