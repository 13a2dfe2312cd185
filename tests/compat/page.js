// Shared by the compatibility pages (tests/compat/*.html): which way this load runs the
// vendor script (?where=main or ?where=worker), where the collector is (another origin,
// so requests are cross-origin), and how the page reports errors to the test.
const params = new URLSearchParams(location.search);
export const where = params.get('where') === 'main' ? 'main' : 'worker';
export const key = params.get('key');
// The same server under its other loopback name: a second origin.
export const collector = `${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}/collect/${key}`;

const errors = [];
addEventListener('error', (e) => errors.push(String(e.message)));
addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));
const consoleError = console.error;
console.error = (...args) => (errors.push(args.map(String).join(' ')), consoleError(...args));

let snippet;
let last = Promise.resolve();
/**
 * Adds a script — the vendor's (`src`) or the page's own use of it (`text`) — offloaded or
 * not, each after the one before, as a page's parser would run them.
 */
export function addScript({ src, text, attributes = {} }, options = {}) {
  if (where === 'worker' && !snippet) {
    window.offstage = { lib: '/dist/', profile: true, ...options };
    snippet = document.createElement('script');
    snippet.src = '/dist/offstage.js';
    document.head.append(snippet);
  }
  last = last.then(
    () =>
      new Promise((resolve) => {
        const script = document.createElement('script');
        if (where === 'worker') script.type = 'text/offstage';
        for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
        if (src) {
          script.src = src;
          script.onload = script.onerror = () => resolve();
        } else {
          script.text = text;
        }
        document.head.append(script);
        // Offloaded scripts keep their order in the worker; on the page, wait for each src.
        if (!src || where === 'worker') resolve();
      }),
  );
}

/** The hits the collector recorded for this page's key. */
export const hits = async () =>
  await (await fetch(collector.replace('/collect/', '/collected/'))).json();

/** Tells the test page what happened here once `ready()` says so, with the profiler's totals when offloaded. */
export async function report(ready, dom = () => ({})) {
  for (const deadline = Date.now() + 15_000; !(await ready()) && Date.now() < deadline;)
    await new Promise((r) => setTimeout(r, 50));
  // The snippet puts stats() on the page's config: Offstage's, or a Partytown page's.
  const config = window.offstage ?? window.partytown;
  const stats = where === 'worker' && config?.stats ? await config.stats() : [];
  const cost = { roundTrips: 0, blockedMs: 0, top: {} };
  for (const script of stats) {
    cost.roundTrips += script.roundTrips;
    cost.blockedMs += script.blockedMs;
    // Each script's costliest paths, summed over the page's scripts.
    for (const { path, count } of script.top) cost.top[path] = (cost.top[path] ?? 0) + count;
  }
  // From a frame to the test page, or from a window the test page opened.
  (opener ?? parent).postMessage(
    {
      compat: {
        where,
        errors,
        dom: dom(),
        cost,
        // The collector's clock is this machine's: its hits' arrival times count from here.
        timeOrigin: performance.timeOrigin,
        transport: self.crossOriginIsolated ? 'atomics' : 'service-worker',
      },
    },
    '*',
  );
}
