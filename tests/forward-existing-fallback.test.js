import { deepEqual, equal } from './helpers/assert.js';
import { sleep } from './helpers/channel.js';
import { loadSnippet } from './helpers/offstage-scripts.js';

describe('forward: main-thread fallback, a push path whose array the page already filled', () => {
  it('the array keeps its entries once each, then the queued pushes', async () => {
    window.dataLayer = [{ event: 'before-1' }];
    const ready = await loadSnippet({ lib: '/no/such/lib/', forward: ['dataLayer.push'] }, () =>
      window.dataLayer.push({ event: 'queued' }),
    );
    equal(ready.where, 'main-thread');
    await sleep(50);
    deepEqual(
      window.dataLayer.map((e) => e.event),
      ['before-1', 'queued'],
    );
  });
});
