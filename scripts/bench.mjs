// npm run bench: round trips of the synchronous channel in headless Chromium, side by side
// with their floors, in one run, then Offstage against Partytown (scripts/bench-compare.mjs),
// then one C program under Asyncify, JSPI and Offstage (scripts/bench-wasm.mjs), then what
// real SDKs cost the page's main thread offloaded (scripts/bench-main-thread.mjs).
// Prints medians of batch means (µs per call) and ratios.
// Usage: node scripts/bench.mjs [--quick] [--only channel|compare|start-up|wasm|main-thread]
import { spawnSync } from 'node:child_process';
import { launch } from 'puppeteer-core';
import { browserPaths, CHROMIUM_ARGS } from './browsers.mjs';
import { serve } from './static-server.mjs';
import { compare } from './bench-compare.mjs';
import { wasmBench } from './bench-wasm.mjs';
import { startUpBench } from './bench-start-up.mjs';
import { mainThreadBench } from './bench-main-thread.mjs';
import { googleTagRoutes } from './google-tag.mjs';

const quick = process.argv.includes('--quick');
const only = process.argv[process.argv.indexOf('--only') + 1];
const wanted = (part) => !process.argv.includes('--only') || only === part;
const sizes = quick
  ? { small: { batches: 20, perBatch: 100 }, large: { batches: 10, perBatch: 10 } }
  : { small: { batches: 100, perBatch: 100 }, large: { batches: 50, perBatch: 20 } };
const swSizes = quick
  ? sizes
  : { small: { batches: 100, perBatch: 100 }, large: { batches: 20, perBatch: 10 } };

for (const script of [
  'scripts/build.mjs',
  'scripts/check-size.mjs',
  'scripts/build-wasm.mjs',
  'scripts/vendor.mjs',
]) {
  if (spawnSync('node', [script], { stdio: 'inherit' }).status !== 0) process.exit(1);
}
const { chromium } = browserPaths();
if (!chromium)
  throw new Error('bench needs Chromium: apt-get install chromium (or set CHROME_PATH)');

// The compat pages load the real Google tag from where Google's snippets do.
const isolated = await serve({ isolated: true, routes: googleTagRoutes });
const plain = await serve({ isolated: false, routes: googleTagRoutes });
const browser = await launch({
  protocolTimeout: 600_000,
  executablePath: chromium,
  headless: true,
  args: CHROMIUM_ARGS,
});
try {
  const run = async (origin, sizes) => {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.log('  [page error]', e.message));
    await page.goto(`${origin}/tests/bench/channel.html`);
    await page.waitForFunction(() => typeof window.runBench === 'function');
    const result = await page.evaluate((s) => window.runBench(s), sizes);
    await page.close();
    return result;
  };
  async function channel() {
    const atomics = await run(isolated.url, sizes);
    const sw = await run(plain.url, swSizes);
    if (atomics.transport !== 'atomics' || sw.transport !== 'service-worker')
      throw new Error('wrong transports');

    const version = (await browser.version()).replace('HeadlessChrome/', 'Chromium ');
    const us = (r) =>
      r.medianUs >= 1000 ? `${(r.medianUs / 1000).toFixed(2)} ms` : `${r.medianUs.toFixed(1)} µs`;
    // Each kind of call, beside its transport's floor.
    const calls = [
      ['no-op call', 'noop'],
      ['100 KB ASCII string answer', 'ascii100k'],
      ['100 KB mixed-script string answer', 'text100k'],
      ['1 MB Uint8Array answer', 'bytes1m'],
    ];
    const transportRows = (name, floorName, { results }) => [
      [floorName, results.floor, null],
      ...calls.map(([label, key]) => [`Offstage ${name}: ${label}`, results[key], results.floor]),
    ];
    const rows = [
      ...transportRows('Atomics', 'Atomics floor: raw postMessage + Atomics.wait/notify', atomics),
      ...transportRows('service worker', 'Service-worker floor: sync XHR answered at once', sw),
    ];
    const lines = [
      `Offstage channel round trips — ${version}, ${process.platform} ${process.arch}, ${(await import('node:os')).cpus().length} cores`,
      `median of batch means; calls per row: ${atomics.results.noop.calls} (small), ${atomics.results.ascii100k.calls} (large) under Atomics`,
      '',
      '| round trip | median per call | p90 | × its floor |',
      '| --- | ---: | ---: | ---: |',
      ...rows.map(
        ([name, r, floor]) =>
          `| ${name} | ${us(r)} | ${us({ medianUs: r.p90Us })} | ${floor ? (r.medianUs / floor.medianUs).toFixed(2) + '×' : '1×'} |`,
      ),
    ];
    console.log(lines.join('\n'));
  }

  const urls = { isolatedUrl: isolated.url, plainUrl: plain.url, quick };
  if (wanted('channel')) await channel();
  if (wanted('start-up')) console.log(`\n${(await startUpBench(browser, urls)).join('\n')}`);
  if (wanted('compare')) console.log(`\n${(await compare(browser, urls)).join('\n')}`);
  if (wanted('wasm')) console.log(`\n${(await wasmBench(browser, urls)).join('\n')}`);
  if (wanted('main-thread')) console.log(`\n${(await mainThreadBench(browser, urls)).join('\n')}`);
} finally {
  await browser.close();
  isolated.server.close();
  plain.server.close();
}
