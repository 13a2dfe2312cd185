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

  // Scripts the browser refuses to load from other origins: tests/cors.test.js.
  it('reports a 404, a throw and a syntax error once each, naming the script; the rest run', async () => {
    await runOffloaded('var errorsBefore = true;');
    const scripts = [
      addScript({ src: '/tests/fixtures/missing-for-errors.js' }),
      addScript({ text: `throw new RangeError('thrown on purpose')` }),
      addScript({ text: `var broken = ;` }),
      addScript({ text: `document.body.setAttribute('data-after-errors', String(errorsBefore))` }),
    ];
    deepEqual(await settled(scripts), ['failed', 'failed', 'failed', 'done']);
    for (const deadline = Date.now() + 3000; errors.length < 3 && Date.now() < deadline;)
      await sleep(20);
    await sleep(200);
    deepEqual(document.body.dataset.afterErrors, 'true');
    const about = (text, ...causes) => {
      const found = errors.filter((e) => e.includes(text));
      ok(found.length === 1, `one error about ${text}, got: ${JSON.stringify(errors)}`);
      for (const cause of causes) ok(found[0].includes(cause), `"${found[0]}" names ${cause}`);
    };
    about('missing-for-errors.js', '404');
    about('RangeError: thrown on purpose', 'inline script #');
    about('SyntaxError', 'inline script #');
    ok(errors.length === 3, `exactly three errors: ${JSON.stringify(errors)}`);
  });
});
