// offstage/vite with the real Vite: a test app (./test-app) built with `vite build` and served
// by `vite preview`, cross-origin isolated (Atomics) and not (service worker), and by the dev
// server; each loaded in Chromium. Run with node --test (npm test does).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build, createServer, preview } from 'vite';
import { offstage } from 'offstage/vite';
import { launchChromium, ranOffloaded, visit } from '../../tests/helpers/visit-offloaded.mjs';

const root = new URL('./test-app/', import.meta.url).pathname;
const outDir = mkdtempSync(join(tmpdir(), 'offstage-vite-'));
const quiet = { configFile: false, logLevel: 'silent', root };
/** What the app's offloaded script read of the page. */
const OFFLOADED = 'Offstage in a Vite app | BUTTON';

describe('offstage/vite in a real Vite app', () => {
  let browser;
  const servers = [];
  before(async () => {
    await build({ ...quiet, plugins: [offstage({ snippet: true })], build: { outDir } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await Promise.all(servers.map((server) => server.close()));
  });

  it('vite build emits the lib files at /~offstage/ and puts the snippet in the page', () => {
    for (const file of ['offstage.js', 'main.js', 'sw.js', 'offstage-worker.js', 'debug/main.js'])
      assert.ok(existsSync(join(outDir, '~offstage', file)), file);
  });

  for (const crossOriginIsolation of [true, false]) {
    const transport = crossOriginIsolation ? 'Atomics' : 'the service worker';
    it(`vite preview: the offloaded script runs in the worker over ${transport}; the page stays interactive`, async () => {
      const server = await preview({
        ...quiet,
        plugins: [offstage({ crossOriginIsolation })],
        build: { outDir },
        preview: { port: 0, host: '127.0.0.1' },
      });
      servers.push(server);
      const seen = await visit(browser, server.resolvedUrls.local[0]);
      assert.deepEqual(seen, ranOffloaded(crossOriginIsolation, OFFLOADED));
    });
  }

  it('vite dev serves the lib files and the snippet, isolated on request', async () => {
    const server = await createServer({
      ...quiet,
      plugins: [offstage({ snippet: { debug: true }, crossOriginIsolation: true })],
      server: { port: 0, host: '127.0.0.1' },
    });
    await server.listen();
    servers.push(server);
    const seen = await visit(browser, server.resolvedUrls.local[0]);
    assert.deepEqual(seen, ranOffloaded(true, OFFLOADED));
  });

  it('refuses a lib that is not a path on the site, saying what to give', () => {
    assert.throws(
      () => offstage({ lib: 'https://cdn.example/~offstage/' }),
      /lib must be a path on this site, such as "\/~offstage\/"/,
    );
  });
});
