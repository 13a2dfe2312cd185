import { deepEqual, equal } from './helpers/assert.js';
import { addScript, loadSnippet, settled } from './helpers/offstage-scripts.js';

describe('snippet: dist/offstage.js with window.offstage', () => {
  it('loads the library from `lib` (the debug build with debug: true) and offloads the scripts', async () => {
    const scripts = [
      addScript({ text: `var fromFirst = document.currentScript.dataset.n;`, 'data-n': '7' }),
      addScript({
        text: `document.body.setAttribute('data-snippet', fromFirst + ' ' + typeof importScripts);`,
      }),
    ];
    const ready = await loadSnippet({ lib: '/dist/', debug: true });
    equal(ready.where, 'worker', `fell back: ${ready.reason}:`);
    deepEqual(await settled(scripts), ['done', 'done']);
    equal(document.body.dataset.snippet, '7 undefined');
    equal(
      performance
        .getEntriesByType('resource')
        .some((e) => e.name.endsWith('/dist/debug/offstage-worker.js')),
      true,
      'debug worker loaded:',
    );
  });
});
