import { offload } from '/dist/debug/main.js';
import { deepEqual, equal, ok } from './helpers/assert.js';
import { expectedTransport, sleep } from './helpers/channel.js';
import { addScript, settled } from './helpers/offstage-scripts.js';

const atomics = expectedTransport === 'atomics';

/** The hits the test server's collector recorded under `key`, once there are `count` (or the time is up). */
async function collected(key, count, timeout = 5000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const hits = await (await fetch(`/collect${'ed'}/${key}`)).json();
    if (hits.length >= count || Date.now() > deadline) return hits;
    await sleep(50);
  }
}

describe('events: worker listeners of page events', () => {
  it(
    atomics
      ? 'delivers what pagehide listeners send before a closed page goes away'
      : 'runs pagehide listeners (the service-worker transport cannot hold a closing page: see README)',
    async function () {
      const key = `pagehide-${Math.random().toString(36).slice(2)}`;
      const messages = [];
      const onMessage = ({ data }) => messages.push(data);
      addEventListener('message', onMessage);
      const page = window.open(`/tests/fixtures/page-hide.html?key=${key}`);
      ok(page, 'window.open was refused');
      const deadline = Date.now() + 20_000;
      while (!messages.some((m) => m.pageHideScript) && Date.now() < deadline) await sleep(20);
      removeEventListener('message', onMessage);
      const ready = messages.find((m) => m.pageHideReady)?.pageHideReady;
      equal(ready?.where, 'worker', `the page fell back: ${ready?.reason}:`);
      ok(messages.some((m) => m.pageHideScript), 'the offloaded script ran');
      if (atomics) {
        page.close();
        const hits = await collected(key, 2);
        deepEqual(hits.map((h) => h.query.event).sort(), ['keepalive', 'pagehide']);
        equal(hits.find((h) => h.query.event === 'pagehide').body, 'title=offloaded', 'the listener read the page');
      } else {
        // A pagehide the page survives (a bfcache-style hide): the listener runs, after the event.
        page.dispatchEvent(new page.PageTransitionEvent('pagehide'));
        const hits = await collected(key, 2);
        deepEqual(hits.map((h) => h.query.event).sort(), ['keepalive', 'pagehide']);
        page.close();
      }
    },
  );
});
