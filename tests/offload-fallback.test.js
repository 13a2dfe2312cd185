import { offload } from '/dist/debug/main.js';
import { deepEqual, equal, ok } from './helpers/assert.js';
import { sleep } from './helpers/channel.js';

// Without a synchronous transport the same scripts run on the main thread: each once, in order.
describe('offload: fallback to the main thread', () => {
  it('runs inline, module and src scripts on the main thread, in order, once each, when no transport exists', async () => {
    window.__order = [];
    const sources = [
      "window.__order.push('a')",
      { module: "await null; window.__order.push('module')" },
      { src: '/tests/fixtures/fallback-script.js' },
      "window.__order.push('c')",
    ];
    for (const source of sources) {
      const script = document.createElement('script');
      script.type = 'text/offstage';
      if (typeof source === 'string') script.text = source;
      else if (source.module) {
        script.dataset.type = 'module';
        script.text = source.module;
      } else script.src = source.src;
      document.body.append(script);
    }
    // A page that is isolated cannot lose Atomics: point it at a worker that does not exist.
    const options = self.crossOriginIsolated
      ? { lib: '/no/such/lib/' }
      : { lib: '/dist/debug/', transport: 'atomics' };
    const result = await offload(options);
    equal(result.where, 'main-thread');
    ok(result.reason, 'a reason is given');
    const deadline = Date.now() + 5000;
    while (window.__order.length < 4 && Date.now() < deadline) await sleep(20);
    await sleep(100);
    deepEqual(window.__order, ['a', 'module', 'b', 'c']);
  });
});
