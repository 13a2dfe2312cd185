import { offload } from '/dist/debug/main.js';
import { deepEqual, equal, ok } from './helpers/assert.js';
import { expectedTransport, sleep } from './helpers/channel.js';
import { addScript, settled } from './helpers/offstage-scripts.js';
import { collected } from './helpers/wait.js';

const lib = '/dist/debug/';

describe('offload: <script type="text/offstage"> runs in the worker', () => {
  const body = document.body;
  let result;
  let scripts;

  const errors = [];
  const resolved = [];
  const beaconKey = `offload-${Math.random().toString(36).slice(2)}`;
  const posted = [];
  addEventListener(
    'message',
    ({ data }) => data?.fromOffloadedScript && posted.push(data.fromOffloadedScript),
  );
  const consoleError = console.error;
  before(async () => {
    console.error = (...args) => errors.push(args.join(' '));
    scripts = [
      addScript({
        'data-website-id': 'abc',
        text: `
          var shared = 40;
          function bump() { shared += 1; return shared; }
          document.body.setAttribute('data-s1', document.currentScript.getAttribute('data-website-id'));
          document.body.setAttribute('data-window', String(self === window && globalThis === window && window.document === document));
          document.body.setAttribute('data-hidden', typeof importScripts + ' ' + typeof WorkerGlobalScope);
          document.body.setAttribute('data-instanceof', String(document.body instanceof HTMLElement));
        `,
      }),
      addScript({ src: '/tests/fixtures/offloaded-script.js' }),
      addScript({ text: `throw new Error('this script fails on purpose')` }),
      addScript({
        text: `try { notDeclaredAnywhere; } catch (e) { document.body.setAttribute('data-reference', e.name); }`,
      }),
      addScript({ src: '/tests/fixtures/no-such-script.js' }),
      addScript({
        text: `
          var p = document.createElement('p');
          p.id = 'offloaded-p';
          p.textContent = typeof navigator.userAgent + ' ' + location.pathname;
          document.body.appendChild(p);
          var pixel = new Image(1, 1);
          pixel.src = '/site/data.json?pixel=from-worker';
          document.body.setAttribute('data-image', String(pixel instanceof HTMLImageElement));
          window.postMessage({ fromOffloadedScript: typeof postMessage }, location.origin);
          pageGlobalFromWorker = 'set';
          window.viaWindow = { n: 1 };
          window.addEventListener('offstage-window-event', function () { viaWindow.n++; });
        `,
      }),
    ];
    scripts.push(addScript({ src: '/tests/fixtures/main-thread-script.js' }));
    scripts.push(addScript({ src: '/tests/fixtures/to-be-resolved.js' }));
    scripts.push(
      addScript({
        text: `
          var x = new XMLHttpRequest();
          x.open('GET', '/tests/fixtures/unresolved.json', false);
          x.send();
          document.body.setAttribute('data-xhr', String(JSON.parse(x.responseText).rows.length));
          navigator.sendBeacon('/tests/fixtures/beacon-target?n=1', 'resolved beacon');
          fetch('/tests/fixtures/unresolved.json').then(function (r) { return r.json(); })
            .then(function (j) { document.body.setAttribute('data-fetch', String(j.rows.length)); });
        `,
      }),
    );
    const resolveUrl = (url, location, type) => {
      resolved.push(`${type} ${url.pathname}`);
      if (url.pathname.endsWith('/to-be-resolved.js'))
        return new URL('/tests/fixtures/resolved-script.js', location.href);
      if (url.pathname.endsWith('/unresolved.json')) return '/site/data.json';
      if (url.pathname.endsWith('/beacon-target')) return `/collect/${beaconKey}${url.search}`;
      return undefined;
    };
    result = await offload({
      lib,
      loadScriptsOnMainThread: [/main-thread-script\.js$/],
      resolveUrl,
      profile: true,
    });
  });
  after(() => (console.error = consoleError));

  it(`runs them in the worker over ${expectedTransport}`, () => {
    equal(result.where, 'worker', `fell back: ${result.reason}:`);
    equal(result.host.transport, expectedTransport);
  });

  it('runs each once, in document order, sharing top-level declarations; failures do not stop the rest', async () => {
    deepEqual(await settled(scripts.slice(0, 6)), [
      'done',
      'done',
      'failed',
      'done',
      'failed',
      'done',
    ]);
    equal(body.dataset.s2, '41', "the second script used the first one's function and variable:");
  });

  it('reports each failure once on the page console, naming the script and the cause', async () => {
    await settled(scripts);
    const deadline = Date.now() + 2000;
    while (errors.length < 2 && Date.now() < deadline) await sleep(20);
    equal(errors.length, 2, `errors: ${JSON.stringify(errors)}:`);
    ok(
      errors[0].includes('inline script #2') && errors[0].includes('this script fails on purpose'),
      errors[0],
    );
    ok(errors[1].includes('no-such-script.js') && errors[1].includes('404'), errors[1]);
  });

  it('gives each script its own document.currentScript and a window-like global', async () => {
    await settled(scripts);
    equal(body.dataset.s1, 'abc');
    equal(body.dataset.window, 'true', 'self === window && globalThis === window:');
    equal(body.dataset.hidden, 'undefined undefined', 'worker-only globals are hidden:');
    equal(body.dataset.reference, 'ReferenceError', 'an undeclared name:');
    equal(body.dataset.instanceof, 'true', 'document.body instanceof HTMLElement:');
  });

  it("reads the page's navigator, location and globals; the scripts' own globals are the shared worker global's, primitives copied to the page", async () => {
    await settled(scripts);
    equal(document.getElementById('offloaded-p').textContent, `string ${location.pathname}`);
    equal(window.pageGlobalFromWorker, 'set', 'a primitive global an offloaded script made:');
    equal(
      window.viaWindow,
      undefined,
      'an object an offloaded script put on window is not copied:',
    );
    for (const deadline = Date.now() + 3000; !posted.length && Date.now() < deadline;)
      await sleep(20);
    deepEqual(posted, ['function'], "window.postMessage is the page's:");
    window.pageOnly = 'from the page';
    document.dispatchEvent(new Event('noop'));
    window.dispatchEvent(new Event('offstage-window-event')); // a page event, heard by the worker's listener
    const next = addScript({
      text: `document.body.setAttribute('data-globals', [pageGlobalFromWorker, viaWindow === window.viaWindow, pageOnly].join(' '));`,
    });
    deepEqual(await settled([next]), ['done']);
    equal(document.body.dataset.globals, 'set true from the page');
    const count = addScript({
      text: `document.body.setAttribute('data-window-event', String(viaWindow.n));`,
    });
    deepEqual(await settled([count]), ['done']);
    equal(document.body.dataset.windowEvent, '2', "the worker's window listener ran once:");
  });

  it('fires tracking pixels: new Image() in a script loads on the page', async () => {
    await settled(scripts);
    equal(document.body.dataset.image, 'true', 'new Image() is a page HTMLImageElement:');
    const deadline = Date.now() + 5000;
    const fired = () =>
      performance
        .getEntriesByType('resource')
        .some((e) => e.name.endsWith('/site/data.json?pixel=from-worker'));
    while (!fired() && Date.now() < deadline) await sleep(20);
    equal(fired(), true, 'the page requested the pixel:');
  });

  it('runs scripts matching loadScriptsOnMainThread on the page itself', async () => {
    const deadline = Date.now() + 5000;
    while (!window.__ranOnMainThread && Date.now() < deadline) await sleep(20);
    equal(window.__ranOnMainThread, 'yes: a window global, so this ran on the page');
    equal(scripts[6].dataset.offstage, 'main-thread');
  });

  it("passes the URLs the scripts load (script src, XHR, fetch, sendBeacon) through the page's resolveUrl", async () => {
    deepEqual(await settled(scripts.slice(7)), ['done', 'done']);
    equal(document.body.dataset.resolved, 'script', 'the resolved script ran:');
    equal(document.body.dataset.xhr, '3');
    const deadline = Date.now() + 5000;
    while (!document.body.dataset.fetch && Date.now() < deadline) await sleep(20);
    equal(document.body.dataset.fetch, '3');
    ok(resolved.includes('script /tests/fixtures/to-be-resolved.js'), resolved.join('; '));
    ok(
      resolved.includes('xhr /tests/fixtures/unresolved.json') &&
        resolved.includes('fetch /tests/fixtures/unresolved.json'),
      resolved.join('; '),
    );
    const hits = await collected(beaconKey, 1);
    deepEqual(
      hits.map((h) => [h.query.n, h.body]),
      [['1', 'resolved beacon']],
      'sendBeacon went to the resolved URL:',
    );
  });

  it('profiles each script: round trips, time blocked, costliest property paths', async () => {
    await settled(scripts);
    const stats = await result.stats();
    const first = stats.find((s) => s.script === 'inline script #1');
    ok(first, `scripts profiled: ${stats.map((s) => s.script).join(', ')}`);
    ok(first.roundTrips >= 4 && first.blockedMs > 0, JSON.stringify(first));
    ok(
      // `document.body` comes with the window objects' read-ahead (lib/worker/offload/read-ahead.ts).
      first.top.some((t) => t.path === 'read-ahead body' && t.count >= 3),
      JSON.stringify(first.top),
    );
    ok(
      !first.top.some((t) => t.path === 'get document' && t.count > 1),
      `document is read once: ${JSON.stringify(first.top)}`,
    );
    ok(
      stats.some((s) => s.script.endsWith('/tests/fixtures/offloaded-script.js')),
      'scripts by URL are named by it',
    );
  });

  it('picks up scripts added to the page later', async () => {
    const late = addScript({ text: `document.body.setAttribute('data-late', String(bump()))` });
    deepEqual(await settled([late]), ['done']);
    equal(body.dataset.late, '42');
  });
});
