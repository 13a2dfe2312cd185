import { deepEqual, equal } from './helpers/assert.js';
import { sleep } from './helpers/channel.js';
import { addScript, loadSnippet } from './helpers/offstage-scripts.js';

describe('forward: main-thread fallback', () => {
  it('replays queued calls on the page after the scripts ran there, once each, in order', async () => {
    addScript({
      text: `window.dataLayer = window.dataLayer || []; window.dataLayer.push({ event: 'from-script' });`,
    });
    const ready = await loadSnippet({ lib: '/no/such/lib/', forward: ['dataLayer.push'] }, () => {
      window.dataLayer.push({ event: 'queued-1' });
      window.dataLayer.push({ event: 'queued-2' });
    });
    equal(ready.where, 'main-thread');
    await sleep(50);
    deepEqual(
      window.dataLayer.map((e) => e.event),
      ['from-script', 'queued-1', 'queued-2'],
    );
    equal(
      Array.isArray(window.dataLayer),
      true,
      'the stub object was removed before the scripts ran:',
    );
  });
});
