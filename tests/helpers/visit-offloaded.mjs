// For the integrations' Node suites: loads an app's page in Chromium (puppeteer-core) and
// returns what a user would see — where its offloaded script ran, the transport, whether the
// app's own #count button still counts a click (each app sets body[data-app-ready] once its
// button works).
import { launch } from 'puppeteer-core';
import { browserPaths, CHROMIUM_ARGS } from '../../scripts/browsers.mjs';

/** Headless Debian Chromium, as the other suites run it. */
export const launchChromium = () =>
  launch({ executablePath: browserPaths().chromium, headless: true, args: CHROMIUM_ARGS });

/** What `visit()` gives when the script ran in the worker and the page kept working. */
export const ranOffloaded = (isolated, offloaded) => ({
  state: 'done',
  errors: [],
  isolated,
  offloaded,
  clicks: '1',
});

/** `type`: the offloaded script's (`text/partytown` on pages written for Partytown). */
export async function visit(browser, url, { type = 'text/offstage' } = {}) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  // The offloaded script's state: 'done' only once it ran in the worker.
  const state = await page.waitForFunction(
    (type) => {
      const state = document.querySelector(`script[type="${type}"]`)?.dataset.offstage;
      return ['done', 'failed', 'main-thread'].includes(state) && state;
    },
    { timeout: 20_000 },
    type,
  );
  await page.waitForSelector('body[data-offloaded]', { timeout: 20_000 });
  // The app's own code marks when its button works (bound, hydrated).
  await page.waitForSelector('body[data-app-ready]', { timeout: 20_000 });
  await page.click('#count');
  await page
    .waitForFunction(() => document.getElementById('count').textContent !== '0', {
      timeout: 5_000,
    })
    .catch(() => {});
  const seen = await page.evaluate(() => ({
    isolated: self.crossOriginIsolated,
    offloaded: document.body.dataset.offloaded,
    clicks: document.getElementById('count').textContent,
  }));
  await page.close();
  return { state: await state.jsonValue(), errors, ...seen };
}
