// The real @astrojs/partytown, unchanged, with offstage-partytown installed in place of
// @qwik.dev/partytown (as a site's npm alias would): ./astro-site is built once with
// `astro build`, served as static files cross-origin isolated (Atomics) and not (service
// worker), and loaded in Chromium; its dev server is checked too. The page's forwarded
// dataLayer.push() calls must reach the offloaded tag as they would reach it on the page.
// Run with node --test (npm test does).
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { serve } from '../../scripts/static-server.mjs';
import { buildAstroSite } from '../../tests/helpers/astro-site.mjs';
import { launchChromium, ranOffloaded, visit } from '../../tests/helpers/visit-offloaded.mjs';

const site = new URL('./astro-site/', import.meta.url).pathname;
const repo = new URL('../../', import.meta.url).pathname;
const installed = `${repo}tests/build/package/node_modules/@qwik.dev/partytown`;

/** The site's node_modules as an install with the alias has it. */
function install() {
  rmSync(`${site}node_modules`, { recursive: true, force: true });
  mkdirSync(`${site}node_modules/@astrojs`, { recursive: true });
  mkdirSync(`${site}node_modules/@qwik.dev`);
  // A copy, not a link: it must resolve @qwik.dev/partytown from here, not from the repo's
  // node_modules (which has the real Partytown, to compare against).
  cpSync(`${repo}node_modules/@astrojs/partytown`, `${site}node_modules/@astrojs/partytown`, {
    recursive: true,
  });
  symlinkSync(installed, `${site}node_modules/@qwik.dev/partytown`);
}

/** Loads the page; clicks the button; returns the events the offloaded tag saw. */
async function forwarded(browser, url) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForSelector('body[data-offloaded][data-app-ready]', { timeout: 20_000 });
  await page.click('#count');
  await page
    .waitForFunction(() => /click/.test(document.body.dataset.events), { timeout: 10_000 })
    .catch(() => {});
  const events = await page.evaluate(() => document.body.dataset.events);
  await page.close();
  return events;
}

describe('@astrojs/partytown running offstage-partytown', () => {
  let browser;
  const servers = [];
  before(async () => {
    install();
    buildAstroSite(site);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const { server } of servers) server.close();
  });

  it('astro build copies the lib (without debug/, as it asks) and inlines the snippet', () => {
    for (const file of ['partytown.js', 'main.js', 'sw.js', 'offstage-worker.js'])
      assert.ok(existsSync(`${site}dist/~partytown/${file}`), file);
    assert.ok(!existsSync(`${site}dist/~partytown/debug`));
    const html = readFileSync(`${site}dist/index.html`, 'utf8');
    assert.ok(
      html.includes('(window,{"lib":"/~partytown/","forward":["dataLayer.push"],"debug":false})'),
    );
  });

  for (const isolated of [true, false]) {
    const transport = isolated ? 'Atomics' : 'the service worker';
    it(`the text/partytown script runs in the worker over ${transport}; forwarded calls reach it`, async () => {
      const served = await serve({ root: `${site}dist`, isolated });
      servers.push(served);
      assert.deepEqual(
        await visit(browser, `${served.url}/`, { type: 'text/partytown' }),
        ranOffloaded(isolated, "Partytown's Astro integration | Astro"),
      );
      // As on the page: the push made before the tag loaded, then the click's.
      assert.equal(await forwarded(browser, `${served.url}/`), 'before click');
    });
  }

  it('astro dev serves the lib from the package (debug build) and the page works', async () => {
    const { dev } = await import('astro');
    process.env.ASTRO_TELEMETRY_DISABLED = '1';
    const server = await dev({
      root: site,
      logLevel: 'error',
      server: { host: '127.0.0.1', port: 0 },
    });
    try {
      const origin = `http://127.0.0.1:${server.address.port}`;
      const served = await fetch(`${origin}/~partytown/debug/offstage-worker.js`);
      assert.equal(served.status, 200);
      assert.equal(
        await served.text(),
        readFileSync(`${installed}/lib/debug/offstage-worker.js`, 'utf8'),
      );
      assert.deepEqual(
        await visit(browser, `${origin}/`, { type: 'text/partytown' }),
        ranOffloaded(false, "Partytown's Astro integration | Astro"),
      );
    } finally {
      await server.stop();
    }
  });
});
