import { deepEqual, equal, ok } from './helpers/assert.js';

// Real vendor scripts, unmodified, each run twice — on the main thread (the control) and
// offloaded — against a collector on another origin. Both runs must send the same kinds of
// hits, leave the same DOM and throw nothing.
let costs;
/** Page load to the first hit at the collector, in ms, by `where` (npm run compat prints it). */
let firstHits;
/**
 * Loads `page` in a frame (or, with `popup`, a window of its own: focused, as a tab the user
 * looks at), `where` = main | worker; resolves with what it reported and its hits, still open:
 * `close()` it.
 */
function open(page, where, query = '', popup = false) {
  const key = `${page}-${where}-${Math.random().toString(36).slice(2)}`;
  const url = `/tests/compat/${page}.html?where=${where}&key=${key}${query && `&${query}`}`;
  return new Promise((resolve, reject) => {
    let frame;
    let view;
    if (popup) {
      view = window.open(url);
      if (!view) return reject(new Error('window.open was refused'));
    } else {
      frame = document.createElement('iframe');
      frame.src = url;
      document.body.append(frame);
    }
    const close = () => (popup ? view.close() : frame.remove());
    const timer = setTimeout(() => reject(new Error(`${page} (${where}) never reported`)), 30_000);
    addEventListener('message', async function listen(event) {
      if (event.source !== (view ?? frame.contentWindow) || !event.data?.compat) return;
      removeEventListener('message', listen);
      clearTimeout(timer);
      const other = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
      const collected = `${location.protocol}//${other}:${location.port}/collected/${key}`;
      const hits = await (await fetch(collected)).json();
      if (where === 'worker') costs = event.data.compat.cost;
      if (hits.length)
        (firstHits ??= {})[where] =
          Math.min(...hits.map((h) => h.at)) - event.data.compat.timeOrigin;
      resolve({ ...event.data.compat, hits, close, collected });
    });
  });
}

async function run(page, where, query) {
  const result = await open(page, where, query);
  result.close();
  return result;
}

/**
 * Runs `page` on the main thread, then offloaded; neither may log an error but those `expected`
 * allows. `query` is added to both pages' URLs.
 */
async function runBoth(page, expected = () => false, query = '') {
  const main = await run(page, 'main', query);
  const worker = await run(page, 'worker', query);
  for (const r of [main, worker])
    deepEqual(
      r.errors.filter((error) => !expected(error)),
      [],
      `${r.where} errors (${r.hits.length} hits):`,
    );
  return [main, worker];
}

/** WebKitGTK's MiniBrowser (Chromium's user agent names AppleWebKit too). */
const webKit = /AppleWebKit/.test(navigator.userAgent) && !/Chrome/.test(navigator.userAgent);

/**
 * Opens `page` in a window of its own, closes it once it has reported, and polls the collector
 * for up to 8 s: whether `sent(hits)` became true (a hit sent while the page went away).
 */
async function sentOnClose(page, where, query, sent) {
  const result = await open(page, where, query, true);
  result.close();
  for (const deadline = Date.now() + 8000; Date.now() < deadline;) {
    if (sent(await (await fetch(result.collected)).json())) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * posthog-js's events in the collector's hits: a batch or one event, as JSON, or as its beacons
 * send them (`data=` base64 of the UTF-8 JSON, form-encoded).
 */
const posthogEvents = (hits) =>
  hits.flatMap((h) => {
    try {
      const data = new URLSearchParams(h.body).get('data');
      const text = data
        ? new TextDecoder().decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)))
        : h.body;
      const body = JSON.parse(text);
      return body.batch ?? [].concat(body);
    } catch {
      return [];
    }
  });

describe('compat: real third-party scripts, main thread vs offloaded', () => {
  // For `npm run compat`'s matrix: each test's outcome and what the offloaded run cost.
  beforeEach(() => (costs = firstHits = undefined));
  afterEach(async function () {
    const script = this.currentTest.title.split(':')[0];
    const row = {
      script,
      transport: self.crossOriginIsolated ? 'atomics' : 'service-worker',
      passed: this.currentTest.state === 'passed',
      ...costs,
      firstHits,
    };
    await fetch('/collect/compat-matrix', { method: 'POST', body: JSON.stringify(row) });
  });

  it('@minimal-analytics/ga4: the same page_view hit (title, location, screen), the client id kept, no errors', async () => {
    const [main, worker] = await runBoth('ga4');
    const view = (r) => r.hits.find((h) => h.query.en === 'page_view')?.query;
    const [a, b] = [view(main), view(worker)];
    ok(a && b, `page_view from both: ${JSON.stringify([main.hits, worker.hits])}`);
    for (const param of ['tid', 'dt', 'sr', 'ul', 'v']) equal(b[param], a[param], `${param}:`);
    equal(new URL(b.dl).pathname, new URL(a.dl).pathname, 'dl:');
    equal(b.cid, a.cid, 'the client id persisted in storage is the same one:');
  });

  it('jquery: the same DOM, styles, delegated and custom events and $.getJSON result, no errors', async () => {
    const [main, worker] = await runBoth('jquery');
    deepEqual(worker.dom, main.dom);
    equal(main.dom.items.length, 3);
    deepEqual(JSON.parse(worker.hits[0].body), JSON.parse(main.hits[0].body));
  });

  it('ga-lite: its queued and later hits (pageview, event) with the same fields and client id, no errors', async () => {
    const [main, worker] = await runBoth('ga-lite');
    const kinds = (r) => r.hits.map((h) => h.query.t).sort();
    deepEqual(kinds(worker), kinds(main));
    deepEqual(kinds(main), ['event', 'pageview']);
    const view = (r) => r.hits.find((h) => h.query.t === 'pageview').query;
    const [a, b] = [view(main), view(worker)];
    for (const param of ['tid', 'dt', 'sr', 'vp', 'ul', 'sd', 'cid'])
      equal(b[param], a[param], `${param}:`);
    equal(new URL(b.dl).pathname, new URL(a.dl).pathname, 'dl:');
    const event = (r) => r.hits.find((h) => h.query.t === 'event').query;
    deepEqual(
      [event(worker).ec, event(worker).ea, event(worker).el, event(worker).ev],
      ['compat', 'loaded', 'label', '3'],
    );
  });

  it('@sentry/browser 6: the same captured message and timer error reach the tunnel', async () => {
    const summary = (r) =>
      r.hits
        .map((h) =>
          h.body
            .split('\n')
            .map((line) => (line.startsWith('{') ? JSON.parse(line) : {}))
            .find((item) => item.message || item.exception),
        )
        .filter(Boolean)
        .map((event) => [
          event.message ?? event.exception.values[0].value,
          event.tags?.page,
          event.release,
          event.request?.url && new URL(event.request.url).pathname,
        ])
        .sort();
    const [main, worker] = await runBoth('sentry', (error) =>
      error.includes('compat error thrown in a timer'),
    );
    const expected = [
      [
        'compat error thrown in a timer',
        'Compat: Sentry 6',
        'compat@1',
        '/tests/compat/sentry.html',
      ],
      ['compat message', 'Compat: Sentry 6', 'compat@1', '/tests/compat/sentry.html'],
    ];
    deepEqual(summary(main), expected, 'main thread:');
    deepEqual(summary(worker), expected, 'offloaded:');
  });

  it('@snowplow/browser-tracker: the same page view and structured event, with the same ids, no errors', async function () {
    this.timeout(60_000);
    const [main, worker] = await runBoth('snowplow');
    const events = (r) =>
      r.hits.flatMap((h) => (h.body.startsWith('{') ? JSON.parse(h.body).data : []));
    const shape = (r) =>
      events(r)
        .map((e) => [
          e.e,
          e.aid,
          e.page,
          e.se_ca ?? '',
          e.se_ac ?? '',
          new URL(e.url).pathname,
          e.res,
        ])
        .sort();
    deepEqual(shape(worker), shape(main));
    deepEqual(
      shape(main).map((s) => s[0]),
      ['pv', 'se'],
    );
    const ids = (r) => [...new Set(events(r).map((e) => e.duid))];
    deepEqual(ids(worker), ids(main), 'the domain user id kept in a cookie is the same:');
  });

  it('mixpanel-browser: its snippet loads the library, which sends the same page view and event with the same ids', async function () {
    this.timeout(60_000);
    const [main, worker] = await runBoth('mixpanel');
    const events = (r) =>
      r.hits.flatMap((h) => {
        const data = new URLSearchParams(h.body).get('data') ?? h.query.data;
        try {
          return [].concat(JSON.parse(atob(data)));
        } catch {
          return [];
        }
      });
    const shape = (r) =>
      events(r)
        .map((e) => [
          e.event,
          e.properties.token,
          e.properties.$current_url && new URL(e.properties.$current_url).pathname,
          e.properties.n ?? '',
        ])
        .sort();
    deepEqual(shape(worker), shape(main));
    ok(
      shape(main).some((e) => e[0] === 'compat event'),
      JSON.stringify(shape(main)),
    );
    const ids = (r) => [...new Set(events(r).map((e) => e.properties.distinct_id))];
    deepEqual(ids(worker), ids(main), 'the distinct id kept in a cookie is the same:');
  });

  it('posthog-js: its stub loads the library, which loads its config script and sends the same page view and event with the same ids', async function () {
    this.timeout(60_000);
    const [main, worker] = await runBoth('posthog');
    const requests = (r) => r.hits.map((h) => `${h.method} ${h.path}`).sort();
    deepEqual(requests(worker), requests(main));
    ok(
      requests(main).includes('GET /array/compat-token/config.js'),
      `the config script: ${requests(main)}`,
    );
    const events = (r) => posthogEvents(r.hits.filter((h) => h.path === '/e/'));
    const shape = (r) =>
      events(r)
        .map((e) => [
          e.event,
          e.properties.token,
          new URL(e.properties.$current_url).pathname,
          e.properties.$screen_width,
          e.properties.n ?? '',
        ])
        .sort();
    deepEqual(shape(worker), shape(main));
    deepEqual(
      shape(main).map((e) => e[0]),
      ['$pageview', 'compat event'],
    );
    const ids = (r) => [...new Set(events(r).map((e) => e.properties.distinct_id))];
    deepEqual(ids(worker), ids(main), 'the distinct id kept in localStorage is the same:');
  });

  it("umami's tracker: its settings read from its own script element, the same page views (incl. a pushState navigation) and event", async function () {
    this.timeout(60_000);
    const [main, worker] = await runBoth('umami');
    const sends = (r) =>
      r.hits.filter((h) => h.path === '/api/send').map((h) => JSON.parse(h.body).payload);
    const shape = (r) =>
      sends(r)
        .map((p) => [
          p.name ?? 'pageview',
          p.website,
          p.hostname,
          p.screen,
          p.language,
          decodeURIComponent(p.title),
          JSON.stringify(p.data ?? {}),
        ])
        .sort();
    deepEqual(shape(worker), shape(main));
    deepEqual(
      shape(main).map((s) => s[0]),
      ['compat event', 'pageview', 'pageview'],
    );
    // The navigation's page view: the new URL, the old one as referrer.
    const navigation = (r) =>
      sends(r).find(
        (p) =>
          !p.name && p.url.endsWith('&page=2') && p.referrer.startsWith('/tests/compat/umami.html'),
      );
    ok(navigation(main) && navigation(worker), JSON.stringify(sends(worker)));
  });

  // The real Google tag (../shared/fixtures/google-tag/), as most sites offload it: Partytown's
  // documented set-up, with and without `forward: ['dataLayer.push']`.
  /** GA4's event names, one per hit or several as lines of a hit's body. */
  const ga4Events = (r) =>
    r.hits.flatMap((h) =>
      [h.query.en, ...h.body.split('\n').map((line) => new URLSearchParams(line).get('en'))].filter(
        Boolean,
      ),
    );
  const ga4View = (r) => r.hits.find((h) => h.query.en === 'page_view')?.query ?? {};
  // gtag.js loads a second copy of itself from Google's host, which CI cannot reach: on the page
  // the load fails silently, offloaded Offstage reports it.
  const googleHost = (error) => error.includes('www.googletagmanager.com');

  it("gtag.js with Partytown's forward config: the same hits (page_view, page code's event, scroll), no errors", async function () {
    this.timeout(60_000);
    const [main, worker] = await runBoth('gtag', googleHost, 'forward');
    deepEqual(ga4Events(main).sort(), ['compat_event', 'page_view', 'scroll']);
    deepEqual(ga4Events(worker).sort(), ga4Events(main).sort());
    for (const param of ['tid', 'dt', 'sr', 'ul', 'v'])
      equal(ga4View(worker)[param], ga4View(main)[param], `${param}:`);
    equal(new URL(ga4View(worker).dl).pathname, new URL(ga4View(main).dl).pathname);
  });

  // The page's dataLayer is the page's own offloaded too: gtag.js replaces its push, so page
  // code's later gtag('event', …) reaches gtag.js in the worker, as on the main thread.
  it("gtag.js without forward: the same hits (page_view, page code's event, scroll)", async function () {
    this.timeout(60_000);
    const [main, worker] = await runBoth('gtag', googleHost);
    deepEqual(ga4Events(main).sort(), ['compat_event', 'page_view', 'scroll']);
    deepEqual(ga4Events(worker).sort(), ga4Events(main).sort());
  });

  // Atomics only: the page waits for the worker's pagehide listeners (syncEvents). Under the
  // service worker the page cannot wait, and this hit is lost: see README, "Limits".
  if (self.crossOriginIsolated) {
    it('gtag.js on close: user_engagement arrives when the page is closed, as on the main thread', async function () {
      this.timeout(60_000);
      const closed = (where) =>
        sentOnClose('gtag', where, 'forward', (hits) =>
          ga4Events({ hits }).includes('user_engagement'),
        );
      equal(await closed('main'), true, 'on the main thread:');
      equal(await closed('worker'), true, 'offloaded:');
    });
  }

  // Atomics only, as above; and not in WebKit: there a worker's `new Blob()` waits for the
  // page's thread, which is blocked holding for the worker's listener (see README, "Limits").
  if (self.crossOriginIsolated && !webKit)
    it('posthog-js on close: $pageleave arrives when the page is closed, as on the main thread', async function () {
      this.timeout(60_000);
      const closed = (where) =>
        sentOnClose('posthog', where, '', (hits) =>
          posthogEvents(hits).some((e) => e.event === '$pageleave'),
        );
      equal(await closed('main'), true, 'on the main thread:');
      equal(await closed('worker'), true, 'offloaded:');
    });

  it("gtm.js with Partytown's forward config: GTM's gtm.js, gtm.dom, gtm.load and page code's push in dataLayer", async function () {
    this.timeout(60_000);
    const [main, worker] = await runBoth('gtm', () => false, 'forward');
    const gtm = (r) => r.dom.events.filter((e) => e.startsWith('gtm.'));
    deepEqual(gtm(main), ['gtm.js', 'gtm.dom', 'gtm.load']);
    deepEqual(gtm(worker), gtm(main));
    // Page code's push reaches the worker's dataLayer once (its place among GTM's events is timing).
    equal(worker.dom.events.filter((e) => e === 'compat.custom').length, 1);
  });

  it('gtm.js without forward: the same events in the worker-owned dataLayer', async function () {
    this.timeout(60_000);
    const [main, worker] = await runBoth('gtm');
    const gtm = (r) => r.dom.events.filter((e) => e.startsWith('gtm.'));
    deepEqual(gtm(worker), gtm(main));
    deepEqual(gtm(main), ['gtm.js', 'gtm.dom', 'gtm.load']);
  });
});
