// The start-up half of `npm run bench`: how long an offloaded script waits before its first
// statement, and what of that is blocking round trips (tests/bench/start-up.html, the
// profiler's row for the time before the first script). Medians over page loads, per transport.
// OFFSTAGE_BASELINE=<folder served by the bench server, e.g. /tests/build/baseline/> adds the
// same rows for another build (say, the previous commit's dist/), page loads alternating.

/** Runs the measurement; returns the Markdown table's lines. */
export async function startUpBench(browser, { isolatedUrl, plainUrl, quick }) {
  const loads = quick ? 5 : 15;
  const lines = [
    `Start-up of the offloaded-scripts worker (tests/bench/start-up.html), median of ${loads} page loads`,
    '',
    '| transport | blocking round trips before the first statement | worker blocked on them | page load → first statement |',
    '| --- | ---: | ---: | ---: |',
  ];
  const builds = [['', '/dist/']];
  if (process.env.OFFSTAGE_BASELINE) builds.push([' (baseline)', process.env.OFFSTAGE_BASELINE]);
  for (const [name, origin] of [
    ['Atomics', isolatedUrl],
    ['service worker', plainUrl],
  ]) {
    const samples = builds.map(() => []);
    for (let i = 0; i < loads; i++) {
      for (const [b, [, lib]] of builds.entries()) {
        const url = `${origin}/tests/bench/start-up.html?lib=${encodeURIComponent(lib)}`;
        samples[b].push(await measure(browser, url));
      }
    }
    for (const [b, [label]] of builds.entries()) {
      const med = (key) => median(samples[b].map((s) => s[key]));
      const cells = [med('roundTrips'), ms(med('blockedMs')), ms(med('firstStatement'))];
      lines.push(`| ${name}${label} | ${cells.join(' | ')} |`);
    }
  }
  return lines;
}

async function measure(browser, url) {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.body?.dataset.result, {
      timeout: 60_000,
      polling: 20,
    });
    return JSON.parse(await page.evaluate(() => document.body.dataset.result));
  } finally {
    await page.close();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const ms = (v) =>
  v >= 100 ? `${v.toFixed(0)} ms` : v >= 1 ? `${v.toFixed(1)} ms` : `${(v * 1000).toFixed(0)} µs`;
