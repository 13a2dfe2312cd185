import { deepEqual, ok } from './helpers/assert.js';
import { sleep } from './helpers/channel.js';
import { addScript, reporting, runOffloaded, settled } from './helpers/offstage-scripts.js';

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

// The oracle: the same code as an ordinary script of a page (a frame of this one, so that the
// errors it handles stay away from the test runner's own window.onerror).
describe('errors: window.onerror and error listeners of offloaded code', () => {
  const code = (name) => `(function () {
    function CustomFailure(message) {
      var error = new Error(message);
      Object.setPrototypeOf(error, CustomFailure.prototype);
      return error;
    }
    CustomFailure.prototype = Object.create(Error.prototype, { name: { value: 'CustomFailure' } });
    var seen = [];
    window.onerror = function (message, source, line, column, error) {
      seen.push(['onerror', typeof message, error && error.name, error instanceof Error]);
      return true;
    };
    addEventListener('error', function (event) {
      seen.push(['error event', event.error && event.error.name, event.error instanceof Error]);
    });
    var button = document.getElementById('${name}');
    button.addEventListener('click', function () { notDefinedAnywhere; });
    button.onclick = function () { throw new CustomFailure('custom'); };
    button.click();
    setTimeout(function () { report('${name}', seen); }, 500);
  })();`;

  it('see errors thrown by its event handlers (ReferenceError, a custom Error), as a page script does', async () => {
    const reports = reporting();
    const frame = document.createElement('iframe');
    frame.src = '/tests/fixtures/blank.html';
    document.body.append(frame);
    await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    const page = frame.contentDocument;
    page.body.innerHTML = '<button id="onerror-page">page</button>';
    frame.contentWindow.report = window.report;
    const script = page.createElement('script');
    script.text = code('onerror-page');
    page.body.append(script);

    const button = document.createElement('button');
    button.id = 'onerror-worker';
    document.body.append(button);
    deepEqual(await runOffloaded(code('onerror-worker')), 'done');
    for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
      if (reports['onerror-page'] && reports['onerror-worker']) break;
      await sleep(50);
    }
    frame.remove();
    button.remove();
    ok(
      reports['onerror-page']?.length === 4,
      `the page saw: ${JSON.stringify(reports['onerror-page'])}`,
    );
    deepEqual(
      reports['onerror-worker'],
      reports['onerror-page'],
      `page: ${JSON.stringify(reports['onerror-page'])}`,
    );
  });
});
