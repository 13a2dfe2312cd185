// The main-thread half of `npm run bench`: what each real SDK of the compatibility suite
// (tests/compat/*.html) costs the page's own main thread, offloaded ÷ on the main thread, per
// transport. Chromium's DevTools protocol gives the renderer's TaskDuration and ScriptDuration
// from the navigation until the page has seen the SDK's hits (the page's `report`); the two
// ways alternate, and each figure is a median over page loads. Offloading is worth it only
// where the ratio is below 1: answering the worker must cost the page less than running the
// SDK would have.

/** The compat pages, and what the page's URL adds. */
const PAGES = [
  ['@minimal-analytics/ga4', 'ga4'],
  ['jquery', 'jquery'],
  ['ga-lite', 'ga-lite'],
  ['@sentry/browser 6', 'sentry'],
  ['@snowplow/browser-tracker', 'snowplow'],
  ['mixpanel-browser', 'mixpanel'],
  ['posthog-js', 'posthog'],
  ["umami's tracker", 'umami'],
  ['gtag.js (GA4)', 'gtag'],
  ['gtm.js', 'gtm'],
];

/** Runs the measurement; returns the Markdown table's lines. */
export async function mainThreadBench(browser, { isolatedUrl, plainUrl, quick }) {
  const loads = quick ? 3 : 5;
  const transports = [
    ['Atomics', isolatedUrl],
    ['service worker', plainUrl],
  ];
  const lines = [
    `Page main-thread time with real SDKs (tests/compat/*.html), offloaded ÷ on the main thread; medians of ${loads} alternating loads each, from navigation until the page has the SDK's hits`,
    '',
    `| SDK | ${transports.map(([name]) => `${name}: task time, offloaded / main thread`).join(' | ')} | ${transports.map(([name]) => `${name}: script time`).join(' | ')} |`,
    `| --- | ${transports.map(() => '---:').join(' | ')} | ${transports.map(() => '---:').join(' | ')} |`,
  ];
  const sums = transports.map(() => ({ main: 0, worker: 0 }));
  for (const [name, page] of PAGES) {
    const tasks = [];
    const scripts = [];
    for (const [t, [, origin]] of transports.entries()) {
      const samples = { main: [], worker: [] };
      for (let i = 0; i < loads; i++)
        for (const where of i % 2 ? ['worker', 'main'] : ['main', 'worker'])
          samples[where].push(await measure(browser, `${origin}/tests/compat/${page}.html`, where));
      const med = (where, key) => median(samples[where].map((s) => s[key]));
      const cell = (key) =>
        `${ms(med('worker', key))} / ${ms(med('main', key))} (${(med('worker', key) / med('main', key)).toFixed(2)}×)`;
      tasks.push(cell('TaskDuration'));
      scripts.push(cell('ScriptDuration'));
      sums[t].main += med('main', 'TaskDuration');
      sums[t].worker += med('worker', 'TaskDuration');
    }
    lines.push(`| ${name} | ${tasks.join(' | ')} | ${scripts.join(' | ')} |`);
  }
  lines.push(
    `| all ${PAGES.length}, summed | ${sums.map((s) => `${ms(s.worker)} / ${ms(s.main)} (${(s.worker / s.main).toFixed(2)}×)`).join(' | ')} | ${transports.map(() => '').join(' | ')} |`,
  );
  return lines;
}

/** One page load: the renderer's task and script time, in ms, once the page reported. */
async function measure(browser, pageUrl, where) {
  const key = `bench-${where}-${Math.random().toString(36).slice(2)}`;
  const page = await browser.newPage();
  try {
    // The compat pages report to their parent, which for a top-level page is the page itself.
    await page.evaluateOnNewDocument(() =>
      addEventListener('message', (event) => {
        if (event.data?.compat) window.benchReport = event.data.compat;
      }),
    );
    await page.goto(`${pageUrl}?where=${where}&key=${key}`);
    await page.waitForFunction(() => window.benchReport, { timeout: 60_000, polling: 50 });
    // Correctness is the compat suite's (npm test): some pages throw on purpose (Sentry's).
    const metrics = await page.metrics();
    return {
      TaskDuration: metrics.TaskDuration * 1000,
      ScriptDuration: metrics.ScriptDuration * 1000,
    };
  } finally {
    await page.close();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const ms = (v) => `${v.toFixed(0)} ms`;
