// The Wasm half of `npm run bench`: one C program (tests/bench/wasm-table.c: a 1,250-row table
// of 10,000 DOM calls, then 100 small fetches) run three ways in Chromium — Asyncify on the
// main thread, JSPI on the main thread, and plain in Offstage's worker — in alternating page
// loads. Reports the .wasm sizes, medians of each phase, the main thread's busy time (the
// renderer's TaskDuration over the run) and its longest task, with ratios to Offstage.
import { build } from 'esbuild';
import { statSync } from 'node:fs';

const WASM = 'tests/build/wasm';

/** Runs the benchmark; returns the Markdown table's lines. */
export async function wasmBench(browser, { isolatedUrl, plainUrl, quick }) {
  // The main-thread runners use the worker's own import code, bundled for the page.
  await build({
    entryPoints: ['tests/bench/wasm-main-thread.js'],
    outfile: 'tests/build/bench-wasm-main.js',
    bundle: true,
    format: 'esm',
    define: { DEV: 'false' },
    logLevel: 'warning',
  });
  const runs = quick ? 3 : 7;
  const modes = [
    {
      name: 'Asyncify, main thread',
      query: 'mode=asyncify',
      origin: isolatedUrl,
      wasm: 'bench-table-asyncify.wasm',
    },
    {
      name: 'JSPI, main thread',
      query: 'mode=jspi',
      origin: isolatedUrl,
      wasm: 'bench-table.wasm',
    },
    {
      name: 'Offstage worker (Atomics)',
      query: 'mode=offstage',
      origin: isolatedUrl,
      wasm: 'bench-table.wasm',
    },
    {
      name: 'Offstage worker (service worker)',
      query: 'mode=offstage',
      origin: plainUrl,
      wasm: 'bench-table.wasm',
    },
  ];
  const variants = [
    { name: 'the table (writes only: posted) and the fetches', extra: '' },
    { name: 'plus one read per row (1,250 more calls that wait for the page)', extra: '&readBack' },
    {
      name: 'plus 200 million rounds of pure computation after the table',
      extra: '&compute=200000000',
    },
    {
      name: 'a 5,000-row table instead (40,000 DOM calls: one batch the page runs in slices)',
      extra: '&rows=5000',
      rows: 5000,
    },
  ];
  const lines = [];
  for (const variant of variants) {
    const samples = new Map(modes.map((m) => [m, []]));
    for (let run = 0; run < runs; run++) {
      const order = run % 2 ? [...modes].reverse() : modes;
      for (const mode of order)
        samples
          .get(mode)
          .push(
            await measure(
              browser,
              `${mode.origin}/tests/bench/wasm.html?${mode.query}${variant.extra}`,
              variant.rows ?? 1250,
            ),
          );
    }
    const median = (mode, key) => {
      const values = samples
        .get(mode)
        .map((s) => s[key])
        .sort((a, b) => a - b);
      return values[Math.floor(values.length / 2)];
    };
    const offstage = modes[2];
    const cell = (mode, key) => {
      const value = median(mode, key);
      const ratio = mode === offstage ? '' : ` (${(value / median(offstage, key)).toFixed(2)}×)`;
      return `${value.toFixed(1)} ms${ratio}`;
    };
    lines.push(
      `Wasm: ${variant.name} — medians of ${runs} alternating loads; (n×) = this ÷ Offstage under Atomics`,
      '',
      '| build, where it runs | .wasm size | table (+ compute) | 100 fetches | whole run | main thread busy | longest main-thread task |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...modes
        .map((mode) =>
          [
            mode.name,
            `${(statSync(`${WASM}/${mode.wasm}`).size / 1024).toFixed(1)} KiB`,
            cell(mode, 'tableMs'),
            cell(mode, 'fetchMs'),
            cell(mode, 'totalMs'),
            cell(mode, 'busyMs'),
            `${median(mode, 'longestTaskMs').toFixed(0)} ms`,
          ].join(' | '),
        )
        .map((row) => `| ${row} |`),
      '',
    );
  }
  return lines;
}

/** One page load: its result, with the main thread's busy time over the run. */
async function measure(browser, url, rows) {
  const page = await browser.newPage();
  try {
    page.on('pageerror', (e) => console.log('  [page error]', e.message));
    await page.goto(url);
    await page.waitForFunction(() => typeof window.runWasmBench === 'function');
    const before = (await page.metrics()).TaskDuration;
    const result = await page.evaluate(() => window.runWasmBench());
    const after = (await page.metrics()).TaskDuration;
    if (result.rows !== rows) throw new Error(`${url}: ${result.rows} rows`);
    return { ...result, busyMs: (after - before) * 1000 };
  } finally {
    await page.close();
  }
}
