import { deepEqual, ok } from './helpers/assert.js';
import { sleep } from './helpers/channel.js';
import { addScript, runOffloaded, settled } from './helpers/offstage-scripts.js';

// Every way a script can fail: one clear console error on the page naming the script and
// the cause; the other scripts run; the page is not affected.
describe('errors: failing offloaded scripts', () => {
  const errors = [];
  const consoleError = console.error;
  before(() => (console.error = (...args) => errors.push(args.map(String).join(' '))));
  after(() => (console.error = consoleError));

  it('reports a 404, a CORS failure, a throw and a syntax error once each, naming the script; the rest run', async () => {
    await runOffloaded('var errorsBefore = true;');
    // Another origin for the same server: no CORS headers, so the worker cannot read it.
    const crossOrigin = `${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}/tests/fixtures/offloaded-script.js`;
    const scripts = [
      addScript({ src: '/tests/fixtures/missing-for-errors.js' }),
      addScript({ src: crossOrigin }),
      addScript({ text: `throw new RangeError('thrown on purpose')` }),
      addScript({ text: `var broken = ;` }),
      addScript({ text: `document.body.setAttribute('data-after-errors', String(errorsBefore))` }),
    ];
    deepEqual(await settled(scripts), ['failed', 'failed', 'failed', 'failed', 'done']);
    for (const deadline = Date.now() + 3000; errors.length < 4 && Date.now() < deadline;)
      await sleep(20);
    await sleep(200);
    deepEqual(document.body.dataset.afterErrors, 'true');
    const about = (text, ...causes) => {
      const found = errors.filter((e) => e.includes(text));
      ok(found.length === 1, `one error about ${text}, got: ${JSON.stringify(errors)}`);
      for (const cause of causes) ok(found[0].includes(cause), `"${found[0]}" names ${cause}`);
    };
    about('missing-for-errors.js', '404');
    about(crossOrigin, 'CORS', 'resolveUrl');
    about('RangeError: thrown on purpose', 'inline script #');
    about('SyntaxError', 'inline script #');
    ok(errors.length === 4, `exactly four errors: ${JSON.stringify(errors)}`);
  });
});
