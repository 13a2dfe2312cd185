// The soak run (issue 15): on one channel, in headless Chromium, per transport — `calls` round
// trips, then `objects` page objects lent to the worker and dropped there. After each, garbage
// is collected on both sides (DevTools protocol) until the worker's FinalizationRegistry has
// told the page; prints the page's reference table and both heaps against where they started.
// Not a test: it takes minutes. Usage:
//   node scripts/soak.mjs [--calls n] [--objects n] [--transport atomics|service-worker]
// Defaults: 1,000,000 calls and 100,000 objects under Atomics; 100,000 and 100,000 under the
// service worker (a million of its 3–4 ms round trips would take an hour).
import { spawnSync } from 'node:child_process';
import { launch } from 'puppeteer-core';
import { browserPaths, CHROMIUM_ARGS } from './browsers.mjs';
import { serve } from './static-server.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const transports = option('transport') ? [option('transport')] : ['atomics', 'service-worker'];
if (spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) process.exit(1);

const browser = await launch({
  executablePath: browserPaths().chromium,
  headless: true,
  args: CHROMIUM_ARGS,
  protocolTimeout: 3_600_000,
});
const mb = (bytes) => `${(bytes / 1048576).toFixed(2)} MB`;
const rows = [];
try {
  for (const transport of transports) {
    const atomics = transport === 'atomics';
    const calls = Number(option('calls') ?? (atomics ? 1_000_000 : 100_000));
    const objects = Number(option('objects') ?? 100_000);
    const { server, url } = await serve({ isolated: atomics });
    const page = await browser.newPage();
    const workerSession = new Promise((resolve) =>
      page.on('workercreated', (w) => resolve(w.client)),
    );
    await page.goto(`${url}/tests/bench/soak.html`);
    await page.waitForFunction(() => typeof window.openSoak === 'function');
    const got = await page.evaluate(() => window.openSoak());
    if (got !== transport) throw new Error(`wanted ${transport}, the page got ${got}`);
    const sessions = [await page.createCDPSession(), await workerSession];
    /** Collects garbage on both sides until the page lends what it lent before (or 20 tries). */
    const settle = async (lent) => {
      let stats;
      for (let i = 0; i < 20; i++) {
        for (const s of sessions) await s.send('HeapProfiler.collectGarbage');
        await page.evaluate(() => window.soak('settle', 50));
        stats = await page.evaluate(() => window.soakStats());
        if (lent === undefined || stats.lent <= lent) break;
      }
      for (const s of sessions) await s.send('HeapProfiler.collectGarbage');
      const heaps = [];
      for (const s of sessions) heaps.push((await s.send('Runtime.getHeapUsage')).usedSize);
      return { stats, heaps };
    };
    const before = await settle();
    const callsMs = await page.evaluate((n) => window.soak('calls', n), calls);
    const afterCalls = await settle(before.stats.lent);
    const objectsMs = await page.evaluate((n) => window.soak('objects', n), objects);
    // What the page still lends before anything is collected: the table did fill.
    const peak = (await page.evaluate(() => window.soakStats())).lent;
    const after = await settle(before.stats.lent);
    rows.push(
      `| ${transport} | ${calls.toLocaleString('en')} in ${(callsMs / 1000).toFixed(1)} s | ${objects.toLocaleString('en')} in ${(objectsMs / 1000).toFixed(1)} s | ${before.stats.lent} → ${afterCalls.stats.lent} → ${peak} → ${after.stats.lent} | ${before.stats.borrowed} → ${after.stats.borrowed} | ${mb(before.heaps[0])} → ${mb(after.heaps[0])} (${mb(after.heaps[0] - before.heaps[0])}) | ${mb(before.heaps[1])} → ${mb(after.heaps[1])} (${mb(after.heaps[1] - before.heaps[1])}) |`,
    );
    await page.close();
    server.close();
  }
} finally {
  await browser.close();
}
console.log(`Soak, ${(await import('node:os')).cpus().length} cores, Chromium (headless)`);
console.log('');
console.log(
  '| transport | round trips | page objects referenced and dropped | page: objects lent (start → after calls → after objects, then collected) | page: handles borrowed | page heap (growth) | worker heap (growth) |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
