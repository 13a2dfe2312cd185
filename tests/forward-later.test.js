import { deepEqual, equal } from './helpers/assert.js';
import { until } from './helpers/wait.js';
import { addScript, loadSnippet, settled } from './helpers/offstage-scripts.js';

// The parser may yield between scripts: the worker can be running, and the page calling a
// forwarded function, before the parser has even reached the script that defines it.
describe('forward: calls made before the script that defines their function is there', () => {
  it('wait for it, then arrive exactly once, in order', async () => {
    const errors = [];
    const consoleError = console.error;
    console.error = (...args) => errors.push(args.map(String).join(' '));
    try {
      const ready = await loadSnippet({ lib: '/dist/', forward: ['track', 'dataLayer.push'] });
      equal(ready.where, 'worker', `fell back: ${ready.reason}:`);
      // The worker has started and taken the page's queue: later calls go straight to it.
      deepEqual(await settled([addScript({ text: '' })]), ['done']);
      window.track('a');
      window.dataLayer.push('x'); // a push path needs no script: its array queues it
      window.track('b');
      const script = addScript({
        text: `
          var tracked = [];
          window.track = function (name) {
            tracked.push(name + ':' + (window.dataLayer || []).join(''));
            document.body.setAttribute('data-tracked', tracked.join(','));
          };
        `,
      });
      deepEqual(await settled([script]), ['done']);
      window.track('c');
      await until(() => document.body.dataset.tracked?.split(',').length === 3);
      // In order: 'a' came before the push.
      equal(document.body.dataset.tracked, 'a:,b:x,c:x');
      deepEqual(errors, []);
    } finally {
      console.error = consoleError;
    }
  });
});
