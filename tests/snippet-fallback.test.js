import { deepEqual, equal, ok } from './helpers/assert.js';
import { sleep } from './helpers/channel.js';
import { addScript, loadSnippet } from './helpers/offstage-scripts.js';

describe('snippet: fallback when the library cannot load', () => {
  it('runs the scripts on the main thread, in order, once each, and says why', async () => {
    window.__ran = [];
    addScript({ text: `window.__ran.push('first')` });
    addScript({ text: `window.__ran.push('second')` });
    const ready = await loadSnippet({ lib: '/no/such/lib/' });
    equal(ready.where, 'main-thread');
    ok(ready.reason.includes('/no/such/lib/main.js'), ready.reason);
    await sleep(50);
    deepEqual(window.__ran, ['first', 'second']);
  });
});
