import { deepEqual, equal, ok } from './helpers/assert.js';
import { sleep } from './helpers/channel.js';
import { addScript, loadSnippet } from './helpers/offstage-scripts.js';
import { frameReport } from './helpers/wait.js';

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

  it('gives the scripts it runs on the page the configured CSP nonce', async () => {
    const load = (query) => frameReport(`/tests/fixtures/nonce.html${query}`, 'nonceReport');
    deepEqual(await load(''), { ready: 'main-thread', ran: ['inline', 'partytown-type', 'b'] });
    deepEqual(
      await load('?partytown'),
      { ready: 'main-thread', ran: ['inline', 'partytown-type', 'b'] },
      'window.partytown.nonce:',
    );
    deepEqual(
      await load('?without'),
      { ready: 'main-thread', ran: ['b'] },
      'without the nonce the CSP blocks the inline scripts:',
    );
  });
});
