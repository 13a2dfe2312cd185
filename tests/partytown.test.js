import { deepEqual, equal, ok } from './helpers/assert.js';
import { collected } from './helpers/wait.js';

// A page written for Partytown works when its snippet is replaced by Offstage's: one page
// per option in tests/fixtures/partytown/, each as a Partytown user would write it.
function openPage(name, query = '') {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    const timer = setTimeout(() => reject(new Error(`${name}.html never reported`)), 20_000);
    addEventListener('message', function listen(event) {
      if (event.source !== frame.contentWindow || event.data?.partytown === undefined) return;
      removeEventListener('message', listen);
      clearTimeout(timer);
      resolve({ result: event.data.result, frame });
    });
    frame.src = `/tests/fixtures/partytown/${name}.html${query}`;
    document.body.append(frame);
  });
}

const key = (name) => `${name}-${Math.random().toString(36).slice(2)}`;

describe('Partytown drop-in: window.partytown and type="text/partytown"', () => {
  it('runs text/partytown scripts in the worker, in order, from the default /~partytown/ lib', async () => {
    const { result } = await openPage('basic');
    deepEqual(result, { inWorker: true, ranBefore: 'string', title: 'Partytown page: basics' });
  });

  it('forward, with preserveBehavior: calls before and after start reach the worker once, in order', async () => {
    const { result } = await openPage('forward');
    deepEqual(result, { worker: ['early', 'fbq:PageView', 'late'], page: ['PageView'] });
  });

  it('resolveUrl is asked with its type for script, fetch, xhr, sendBeacon, image and iframe', async () => {
    const name = key('resolve-url');
    const { result } = await openPage('resolve-url', `?key=${name}`);
    equal(result.script, 'string', 'the resolved script ran:');
    for (const type of ['script', 'fetch', 'xhr', 'sendBeacon'])
      ok(result.types.includes(type), `${type} in ${result.types}`);
    const hits = await collected(name, 6);
    deepEqual(hits.map((h) => h.query.type).sort(), [
      'fetch',
      'iframe',
      'image',
      'sendBeacon',
      'xhr',
    ]);
  });

  it('loadScriptsOnMainThread matches src strings or RegExps, and inline scripts by id', async () => {
    const { result, frame } = await openPage('main-thread');
    const states = [...frame.contentDocument.querySelectorAll('script[type="text/partytown"]')].map(
      (s) => s.dataset.offstage,
    );
    deepEqual(result, { inline: 'page', other: 'worker', src: 'page' }, JSON.stringify(states));
  });

  // Names as Partytown's hooks get them (createHookOptions: the access's path from its
  // instance, and for the window's own objects the instance is the window).
  it('get, set and apply hooks run on the page for the accesses that reach it', async () => {
    const { result } = await openPage('hooks');
    deepEqual(result, {
      secret: 'hidden by the get hook',
      inside: ['hidden by the get hook', 'hidden by the get hook'],
      attribute: 'apply hook on BODY',
      storageLength: 'Window localStorage.length',
      storageItem: 'apply hook on Window localStorage.getItem(x)',
      callPage: 'apply hook on Window crypto.subtle.digest',
      blocked: undefined,
      title: 'from the worker (via set hook, HTMLDocument)',
    });
  });

  it('mainWindowAccessors are read from and written to the page; globalFns are global anyway', async () => {
    const { result } = await openPage('accessors');
    deepEqual(result, {
      fn: 'global function',
      viaWindow: 'function',
      shared: 'written by the worker',
      sharedOnPage: 'written by the worker',
    });
  });

  it('resolveSendBeaconRequestParameters: beacons go out as keepalive fetches with its options', async () => {
    const name = key('beacon');
    const { result } = await openPage('beacon-params', `?key=${name}`);
    deepEqual(result, { sent: true });
    const hits = await collected(name, 1);
    deepEqual(
      hits.map((h) => [h.method, h.query.via, h.body]),
      [['POST', 'beacon', 'beacon body']],
    );
  });

  it('debug loads the debug build and log* options log; fallbackTimeout falls back to the main thread', async () => {
    const debug = (await openPage('debug')).result;
    ok(
      debug.workerScript.some(
        (url) => new URL(url).pathname === '/~partytown/debug/offstage-worker.js',
      ),
      JSON.stringify(debug.workerScript),
    );
    equal(debug.logged, true);
    equal(debug.where, 'worker');
    const fallback = (await openPage('debug', '?fallback')).result;
    equal(fallback.where, 'main-thread');
  });
});
