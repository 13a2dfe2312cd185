// offstage/astro with the real Astro: ./site, built once with `astro build` (the integration
// in its astro.config.mjs), served as static files cross-origin isolated (Atomics) and not
// (service worker), loaded in Chromium; a view transition (Astro's ClientRouter) then brings
// the second page, whose offloaded script must run too. Run with node --test (npm test does).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { serve } from '../../scripts/static-server.mjs';
import { buildAstroSite } from '../../tests/helpers/astro-site.mjs';
import { launchChromium, ranOffloaded, visit } from '../../tests/helpers/visit-offloaded.mjs';

const site = new URL('./site/', import.meta.url).pathname;

describe('offstage/astro in a real Astro site', () => {
  let browser;
  const servers = [];
  before(async () => {
    // As an install would have it: the package as node_modules/offstage.
    rmSync(`${site}node_modules`, { recursive: true, force: true });
    mkdirSync(`${site}node_modules`);
    symlinkSync('../../../..', `${site}node_modules/offstage`);
    buildAstroSite(site);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const { server } of servers) server.close();
  });

  it('astro build copies the lib files into the site', () => {
    for (const file of ['offstage.js', 'main.js', 'sw.js', 'offstage-worker.js', 'debug/main.js'])
      assert.ok(existsSync(`${site}dist/~offstage/${file}`), file);
  });

  for (const isolated of [true, false]) {
    const transport = isolated ? 'Atomics' : 'the service worker';
    it(`the offloaded script runs in the worker over ${transport}, and again after a view transition`, async () => {
      const served = await serve({ root: `${site}dist`, isolated });
      servers.push(served);
      assert.deepEqual(
        await visit(browser, `${served.url}/`),
        ranOffloaded(isolated, 'Offstage in Astro | First page'),
      );
      // A view transition: the ClientRouter swaps in the second page without a page load.
      const page = await browser.newPage();
      await page.goto(`${served.url}/`);
      await page.waitForSelector('body[data-offloaded]', { timeout: 20_000 });
      await page.evaluate(() => (window.sameDocument = true));
      await page.click('#next');
      await page.waitForFunction(
        () =>
          document.body.dataset.offloaded === 'Offstage in Astro | Second page' &&
          document.body.dataset.appReady,
        { timeout: 20_000 },
      );
      // (Clicked from script: a pointer click could land on the transition's overlay.)
      const after = await page.evaluate(() => {
        document.getElementById('count').click();
        return {
          sameDocument: window.sameDocument,
          state: document.querySelector('script[type="text/offstage"]').dataset.offstage,
          clicks: document.getElementById('count').textContent,
        };
      });
      await page.close();
      assert.deepEqual(after, {
        sameDocument: true,
        state: 'done',
        clicks: '1',
      });
    });
  }
});
