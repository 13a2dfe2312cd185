import { deepEqual, equal } from './helpers/assert.js';
import { sleep } from './helpers/channel.js';
import { addScript, loadSnippet, reporting, settled } from './helpers/offstage-scripts.js';
import { until } from './helpers/wait.js';

// Partytown's set-up for tag managers: `forward: ['dataLayer.push']`, page code pushing from the
// start, the tag's script offloaded. The objects at forwarded paths belong to the offloaded
// scripts; the page keeps a stub page code can use.
describe('forward: the worker owns forwarded roots', () => {
  const reports = reporting();
  let ready;
  before(async () => {
    ready = await loadSnippet({ lib: '/dist/', debug: true, forward: ['dataLayer.push'] }, () => {
      // Google's snippet, before the library has loaded.
      window.dataLayer = window.dataLayer || [];
      window.dataLayer.push({ event: 'early' });
    });
  });

  it('the page keeps an Array stub: page code sees the shape it expects', () => {
    equal(ready.where, 'worker', `fell back: ${ready.reason}:`);
    equal(Array.isArray(window.dataLayer), true);
  });

  it('the worker has its own Array, made by the first forwarded push, with the calls in order', async () => {
    window.dataLayer.push({ event: 'second' });
    await sleep(50);
    const script = addScript({
      text: `report('layer', [Array.isArray(dataLayer), dataLayer.map(function (e) { return e.event; }), dataLayer === parent.dataLayer]);`,
    });
    deepEqual(await settled([script]), ['done']);
    deepEqual(reports.layer, [true, ['early', 'second'], true]);
  });

  it('what the worker assigns to the root (a replaced push) is what later page calls reach, once each', async () => {
    const script = addScript({
      text: `
        var seen = [];
        dataLayer.push = function (entry) {
          seen.push(entry.event);
          report('seen', seen.slice());
          return Array.prototype.push.call(dataLayer, entry);
        };
        // The worker calling the page's stub: forwarded back here once, never in a loop.
        offstage.callPage('dataLayer.push', { event: 'through-the-page' });
      `,
    });
    deepEqual(await settled([script]), ['done']);
    window.dataLayer.push({ event: 'after-replacement' });
    await until(() => reports.seen?.length >= 2);
    await sleep(200); // anything delivered twice would arrive now
    deepEqual(reports.seen, ['through-the-page', 'after-replacement']);
  });
});
