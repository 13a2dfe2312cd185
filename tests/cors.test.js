import { equal, ok } from './helpers/assert.js';
import { addScript, reporting, runOffloaded, settled } from './helpers/offstage-scripts.js';
import { until } from './helpers/wait.js';

// A classic script from another origin that sends no CORS headers (Facebook's pixel, HubSpot,
// Hotjar…). The oracle is the page: where the page runs it, it runs offloaded; where the browser
// refuses it on the page (a cross-origin isolated page, and no Cross-Origin-Resource-Policy), it
// fails offloaded with a clear error.
const other = `${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}`;

/** Whether the page itself runs the script at `src`: 'load' or 'error'. */
function onPage(src) {
  return new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve('load');
    script.onerror = () => resolve('error');
    document.head.append(script);
  });
}

describe('cors: classic scripts from origins without CORS', () => {
  const reports = reporting();
  const errors = [];
  const consoleError = console.error;
  before(async () => {
    console.error = (...args) => errors.push(args.map(String).join(' '));
    await runOffloaded('var started = true;');
  });
  after(() => (console.error = consoleError));

  for (const [name, path] of [
    ['with Cross-Origin-Resource-Policy', '/corp/tests/fixtures/no-cors-script.js'],
    ['without it', '/tests/fixtures/no-cors-script.js'],
  ]) {
    it(`${name}: runs offloaded where the page runs it, else fails naming the fixes`, async () => {
      const query = `?case=${encodeURIComponent(name)}`;
      const page = await onPage(`${other}${path}${query}&on=page`);
      const src = `${other}${path}${query}&on=worker`;
      const [state] = await settled([addScript({ src })]);
      equal(state, page === 'load' ? 'done' : 'failed', `the page's own load gave ${page}:`);
      if (page === 'load') {
        // It ran in the worker (under its own URL) and saw the page's document.
        equal(await until(() => reports[src]), 'string');
      } else {
        const found = await until(() => errors.find((e) => e.includes(src)));
        for (const fix of ['resolveUrl', 'loadScriptsOnMainThread'])
          ok(found?.includes(fix), `the error names ${fix}: ${JSON.stringify(errors)}`);
      }
    });
  }
});
