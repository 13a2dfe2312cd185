import { deepEqual, equal } from './helpers/assert.js';
import { addScript, loadSnippet, settled } from './helpers/offstage-scripts.js';

describe('snippet: loaded from a file, with no lib', () => {
  it('loads the rest from its own folder', async () => {
    const scripts = [
      addScript({ text: `document.body.dataset.ownFolder = typeof importScripts;` }),
    ];
    // No config at all: the page only has <script src="/dist/offstage.js">.
    const ready = await loadSnippet(undefined);
    equal(ready.where, 'worker', `fell back: ${ready.reason}:`);
    deepEqual(await settled(scripts), ['done']);
    equal(document.body.dataset.ownFolder, 'undefined');
    const loaded = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname);
    deepEqual(
      ['/dist/main.js', '/dist/offstage-worker.js'].map((path) => loaded.includes(path)),
      [true, true],
      String(loaded),
    );
  });
});
