import { executeServerCommand } from '/node_modules/@web/test-runner-commands/browser/commands.mjs';
import { deepEqual, equal, ok } from './helpers/assert.js';
import { expectedTransport, openChannel, pageErrors, sleep } from './helpers/channel.js';
import { collected, tabReports } from './helpers/wait.js';

const chromium = navigator.userAgentData?.brands?.some((b) => b.brand === 'Chromium');

describe('faults', () => {
  let channel;
  afterEach(() => channel?.close());

  // Only Chromium can stop a service worker on demand (the DevTools protocol), and only the
  // service-worker transport uses one.
  if (chromium && expectedTransport === 'service-worker') {
    it('the service worker stopped mid-call: the call gets its answer, once, and the next ones work', async () => {
      let release;
      const errors = await pageErrors(async () => {
        channel = await openChannel({
          handlers: { hang: () => new Promise((r) => (release = r)), ping: () => 'pong' },
        });
        equal(await channel.run('call', 'ping'), 'pong');
        const pending = channel.run('call', 'hang');
        while (!release) await sleep(10);
        const states = await executeServerCommand('stop-service-workers');
        ok(states.includes('stopped'), `the service worker did not stop: ${states}`);
        // The page answers the stopped worker's request: the browser starts the service
        // worker again for the answer and for the request it was holding.
        release('the answer');
        equal(await pending, 'the answer');
        equal(await channel.run('call', 'ping'), 'pong');
        equal(await channel.run('call', 'ping'), 'pong');
      });
      deepEqual(errors, []);
    });
  }

  it('a page that navigates while its worker waits: the next page works', async () => {
    const key = `navigate-${Date.now()}`;
    const reports = tabReports(['second']);
    const frame = document.createElement('iframe');
    frame.src = `/tests/fixtures/fault-page.html?name=first&key=${key}&navigate`;
    document.body.append(frame);
    const { second } = await reports;
    frame.remove();
    deepEqual(second, { name: 'second', calls: 20 });
    // The first page's worker made its call, and the page left while answering it.
    const hits = await collected(key, 1);
    deepEqual(
      hits.filter((hit) => hit.query.hang).map((hit) => hit.query.hang),
      ['first'],
    );
  });

  it('ten tabs at once, each with forwarded calls: every call delivered exactly once, to its own tab', async function () {
    this.timeout(120_000);
    const key = `tabs-${Date.now()}`;
    const names = Array.from({ length: 10 }, (_, i) => `tab${i}`);
    const reports = tabReports(names, 110_000);
    const tabs = names.map((name) =>
      window.open(`/tests/fixtures/fault-page.html?name=${name}&key=${key}`),
    );
    ok(tabs.every(Boolean), 'window.open was refused');
    try {
      const results = await reports.catch(async (error) => {
        // Which calls did arrive, by tab: what the report lacks.
        const counts = {};
        for (const hit of await collected(key, 0))
          counts[hit.query.tab] = (counts[hit.query.tab] ?? 0) + 1;
        throw new Error(`${error.message}; calls collected by tab: ${JSON.stringify(counts)}`);
      });
      for (const name of names) deepEqual(results[name], { name, calls: 20 }, `${name}:`);
      const hits = await collected(key, 200, { timeout: 10_000, settle: 500 });
      const sent = hits.map((hit) => `${hit.query.tab} ${hit.query.i}`).sort();
      const expected = names.flatMap((name) =>
        Array.from({ length: 20 }, (_, i) => `${name} ${i}`),
      );
      deepEqual(sent, expected.sort());
    } finally {
      for (const tab of tabs) tab?.close();
    }
  });
});
