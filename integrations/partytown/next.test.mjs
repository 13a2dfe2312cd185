// Next.js's own `<Script strategy="worker">` (Pages Router, `nextScriptWorkers`), unchanged,
// with offstage-partytown installed as @builder.io/partytown (as a site's npm alias would):
// ./next-app is built once (`next build --webpack`: Next.js's worker scripts do not work
// under Turbopack, whichever package provides them) and served by `next start`; / is loaded
// over the service worker, /isolated over Atomics. Run with node --test (npm test does).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { buildAndStartNext } from '../../tests/helpers/next-app.mjs';
import { launchChromium, ranOffloaded, visit } from '../../tests/helpers/visit-offloaded.mjs';

const app = new URL('./next-app/', import.meta.url).pathname;
const installed = new URL(
  '../../tests/build/package/node_modules/@builder.io/partytown',
  import.meta.url,
).pathname;

describe('Next.js\'s <Script strategy="worker"> running offstage-partytown', () => {
  let browser;
  let origin;
  let stop;
  before(async () => {
    rmSync(`${app}node_modules`, { recursive: true, force: true });
    mkdirSync(`${app}node_modules/@builder.io`, { recursive: true });
    symlinkSync(installed, `${app}node_modules/@builder.io/partytown`);
    ({ origin, stop } = await buildAndStartNext(app, { build: ['--webpack'] }));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    stop?.();
  });

  it('next build copies the lib into .next/static/~partytown with its own copyLibFiles()', () => {
    for (const file of ['partytown.js', 'main.js', 'sw.js', 'offstage-worker.js', 'debug/main.js'])
      assert.ok(existsSync(`${app}.next/static/~partytown/${file}`), file);
    assert.equal(
      readFileSync(`${app}.next/static/~partytown/main.js`, 'utf8'),
      readFileSync(`${installed}/lib/main.js`, 'utf8'),
    );
  });

  it('the worker script runs in the worker over the service worker; the page stays interactive', async () => {
    assert.deepEqual(
      await visit(browser, `${origin}/`, { type: 'text/partytown' }),
      ranOffloaded(false, 'Next.js worker scripts | Pages Router'),
    );
  });

  it('cross-origin isolated: the same over Atomics', async () => {
    assert.deepEqual(
      await visit(browser, `${origin}/isolated`, { type: 'text/partytown' }),
      ranOffloaded(true, 'Next.js worker scripts | Pages Router'),
    );
  });
});
