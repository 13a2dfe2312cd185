import { deepEqual, equal } from './helpers/assert.js';
import { until } from './helpers/wait.js';
import { addScript, loadSnippet, settled } from './helpers/offstage-scripts.js';

// A site's own dataLayer script above the snippet (as @astrojs/partytown and Next.js place
// it): the array already has entries when the forward stub is installed.
const tag = `
  window.dataLayer = window.dataLayer || [];
  var seen = dataLayer.map(function (e) { return e.event; });
  var push = dataLayer.push;
  dataLayer.push = function (e) {
    seen.push(e.event);
    document.body.setAttribute('data-seen', seen.join(','));
    return push.apply(dataLayer, arguments);
  };
  document.body.setAttribute('data-seen', seen.join(','));
`;

describe('forward: a push path whose array the page already filled', () => {
  it('the offloaded tag gets the earlier entries, then the later pushes, once each', async () => {
    window.dataLayer = [{ event: 'before-1' }, { event: 'before-2' }];
    const script = addScript({ text: tag });
    const ready = await loadSnippet({ lib: '/dist/', forward: ['dataLayer.push'] });
    equal(ready.where, 'worker', `fell back: ${ready.reason}:`);
    deepEqual(await settled([script]), ['done']);
    window.dataLayer.push({ event: 'after' });
    equal(
      await until(
        () => document.body.dataset.seen?.endsWith('after') && document.body.dataset.seen,
      ),
      'before-1,before-2,after',
    );
  });
});
