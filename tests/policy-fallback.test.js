import { deepEqual, equal, ok } from './helpers/assert.js';
import { sleep } from './helpers/channel.js';
import { addScript, loadSnippet, settled } from './helpers/offstage-scripts.js';

// A policy's scripts never run on the main thread, where nothing would keep them to it:
// not when its worker cannot start, not when the page's own worker falls back, not when the
// snippet cannot load main.js.
describe('policies and the main-thread fallback', () => {
  // First: the fallback each installs keeps running scripts added later, by its own rule.
  it('the snippet without main.js runs none of the offloaded scripts when the page has policies', async () => {
    window.__ran = [];
    const scripts = [
      addScript({ text: `window.__ran.push('own-2')` }),
      addScript({ id: 'policed-2', text: `window.__ran.push('policed-2')` }),
    ];
    const ready = await loadSnippet({
      lib: '/no/such/lib/',
      policies: [{ name: 'kept', scripts: ['#policed-*'] }],
    });
    equal(ready.where, 'main-thread');
    await sleep(100);
    deepEqual(window.__ran, []);
    for (const script of scripts) script.remove();
  });

  it("offload(): the page's own scripts fall back; a policy's do not run, and it says why", async () => {
    window.__ran = [];
    const own = addScript({ text: `window.__ran.push('own')` });
    const policed = addScript({ id: 'policed-1', text: `window.__ran.push('policed')` });
    const { offload } = await import('/dist/debug/main.js');
    // Too short for any worker to start: every worker fails.
    const result = await offload({
      lib: '/dist/debug/',
      fallbackTimeout: 1,
      policies: [{ name: 'kept', scripts: ['#policed-*'] }],
    });
    equal(result.where, 'main-thread');
    equal(result.policies.length, 1);
    equal(result.policies[0].name, 'kept');
    ok(result.policies[0].reason.includes('timeout'), result.policies[0].reason);
    deepEqual(await settled([own]), ['main-thread']);
    await sleep(100);
    deepEqual(window.__ran, ['own']);
    equal(policed.dataset.offstage, undefined);
  });
});
