// The Offstage-vs-Partytown half of `npm run bench`: tests/bench/compare.html run under each
// library's production build, in each transport, alternating the libraries run after run so
// that drift on a shared machine hits both alike. Reports medians and Partytown ÷ Offstage.

const PARTYTOWN = '@qwik.dev/partytown';

/** Runs the comparison; returns the Markdown table's lines. */
export async function compare(browser, { isolatedUrl, plainUrl, quick }) {
  const { version } = JSON.parse(
    (await import('node:fs')).readFileSync(`node_modules/${PARTYTOWN}/package.json`, 'utf8'),
  );
  const modes = [
    { name: 'Atomics', origin: isolatedUrl, runs: quick ? 3 : 7, reps: 5 },
    // One pass of 1000 reads per page: with three, Partytown's service-worker mode failed here (a
    // NetworkError on its sync XHR) and re-ran the script on the main thread.
    { name: 'service worker', origin: plainUrl, runs: quick ? 2 : 5, reps: 1 },
  ];
  const lines = [
    `Offstage vs ${PARTYTOWN} ${version} — the same offloaded script (tests/bench/compare.html), production builds;`,
    'medians over alternating page loads; ratio = Partytown ÷ Offstage (above 1: Offstage is faster)',
    '',
    '| transport | measure | Offstage | Partytown | ratio |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  const notes = [];
  for (const mode of modes) {
    const samples = { offstage: [], partytown: [] };
    const fellBack = { offstage: 0, partytown: 0 };
    for (let run = 0; run < mode.runs; run++) {
      for (const lib of run % 2 ? ['partytown', 'offstage'] : ['offstage', 'partytown']) {
        const sample = await measure(
          browser,
          `${mode.origin}/tests/bench/compare.html?lib=${lib}&reps=${mode.reps}`,
        );
        // A call faster than any round trip: the library gave up and ran the script on the page.
        if (sample.methodCall < 0.005) fellBack[lib]++;
        else samples[lib].push(sample);
      }
    }
    for (const lib of ['offstage', 'partytown']) {
      if (fellBack[lib])
        notes.push(
          `${lib} (${mode.name}): ${fellBack[lib]} of ${mode.runs} page loads ran the script on the main thread instead; left out`,
        );
      if (!samples[lib].length) throw new Error(`${lib} never ran offloaded under ${mode.name}`);
    }
    const rows = [
      ['1 of 1000 repeated `document.title` reads', 'titleRead', ms],
      ['1 `document.hasFocus()` call', 'methodCall', ms],
      ['1000 `setAttribute` + 1 read', 'setAttributes', ms],
      ['read a 100 KB `innerHTML`', 'innerHTML', ms],
      ['page load → first statement', 'firstStatement', ms],
      ['main-thread blocking time', 'blocking', ms],
    ];
    for (const [label, key, format] of rows) {
      const ours = median(samples.offstage.map((s) => s[key]));
      const theirs = median(samples.partytown.map((s) => s[key]));
      const ratio = ours > 0 ? `${(theirs / ours).toFixed(2)}×` : theirs > 0 ? '∞' : '—';
      lines.push(`| ${mode.name} | ${label} | ${format(ours)} | ${format(theirs)} | ${ratio} |`);
    }
  }
  return notes.length ? [...lines, '', ...notes] : lines;
}

async function measure(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.body?.dataset.bench, {
      timeout: 300_000,
      polling: 50,
    });
    return await page.evaluate(() => {
      const { firstAt, results } = JSON.parse(document.body.dataset.bench);
      return {
        ...results,
        firstStatement: firstAt - performance.timeOrigin,
        // Total blocking time: the part of each long task beyond 50 ms.
        blocking: window.longTasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
      };
    });
  } catch (error) {
    throw new Error(
      `${url}: ${error.message}${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`,
    );
  } finally {
    await page.close();
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
};
const ms = (v) =>
  v >= 100 ? `${v.toFixed(0)} ms` : v >= 1 ? `${v.toFixed(1)} ms` : `${(v * 1000).toFixed(0)} µs`;
