import { deepEqual, equal } from './helpers/assert.js';
import { sleep } from './helpers/channel.js';
import { addScript, loadSnippet, settled } from './helpers/offstage-scripts.js';

// The tag-manager pattern: the page calls dataLayer.push / track before and after the
// offloaded scripts that define them are running in the worker.
describe('forward', () => {
  it('delivers page calls to the worker exactly once, in order, queued until it is ready', async () => {
    window.__mainTracked = [];
    window.track = (name) => window.__mainTracked.push(name); // the page's own: preserved
    const script = addScript({
      text: `
        var seen = [];
        window.dataLayer = { push: function (entry) { seen.push(entry.event); document.body.setAttribute('data-seen', seen.join(',')); } };
        var tracked = '';
        function track(name) { tracked += name; document.body.setAttribute('data-tracked', tracked); }
      `,
    });
    const ready = await loadSnippet(
      {
        lib: '/dist/',
        debug: true,
        forward: ['dataLayer.push', ['track', { preserveBehavior: true }]],
      },
      () => {
        window.dataLayer.push({ event: 'early-1' }); // before the library has even loaded
        window.dataLayer.push({ event: 'early-2' });
        window.track('a');
      },
    );
    equal(ready.where, 'worker', `fell back: ${ready.reason}:`);
    deepEqual(await settled([script]), ['done']);
    window.dataLayer.push({ event: 'late' });
    window.track('b');
    const deadline = Date.now() + 5000;
    while (document.body.dataset.seen?.split(',').length !== 3 && Date.now() < deadline)
      await sleep(20);
    await sleep(100); // nothing arrives twice
    equal(document.body.dataset.seen, 'early-1,early-2,late');
    equal(document.body.dataset.tracked, 'ab');
    deepEqual(window.__mainTracked, ['a', 'b'], 'preserveBehavior ran the page original too:');
  });
});
