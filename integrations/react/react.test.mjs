// offstage/react with the real Next.js: ./next-app, built once with `next build` and served by
// `next start`, has <Offstage /> in its App Router root layout and its Pages Router _document.
// Each page is loaded in Chromium: / and /legacy over the service worker, /isolated over
// Atomics. Run with node --test (npm test does).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Offstage, SCRIPT_TYPE } from 'offstage/react';
import { copyLibFiles } from 'offstage/utils';
import { launchChromium, ranOffloaded, visit } from '../../tests/helpers/visit-offloaded.mjs';

const app = new URL('./next-app/', import.meta.url).pathname;
const next = new URL('../../node_modules/next/dist/bin/next', import.meta.url).pathname;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

describe('offstage/react in a real Next.js app', () => {
  let browser;
  let server;
  let origin;
  before(async () => {
    // As an install would have it: the package as node_modules/offstage, the lib files in public/.
    rmSync(`${app}node_modules`, { recursive: true, force: true });
    mkdirSync(`${app}node_modules`);
    symlinkSync('../../../..', `${app}node_modules/offstage`);
    copyLibFiles(`${app}public/~offstage`);
    const built = spawnSync('node', [next, 'build'], { cwd: app, env, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stdout + built.stderr);
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    server = spawn('node', [next, 'start', '-p', String(port), '-H', '127.0.0.1'], {
      cwd: app,
      env,
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(origin).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.kill();
  });

  it('renders the snippet without hooks (as a Server Component can), nonce on the script', () => {
    const html = renderToStaticMarkup(
      createElement(Offstage, { lib: '/static/~offstage/', nonce: 'abc', resolveUrl: (u) => u }),
    );
    assert.match(
      html,
      /^<script nonce="abc">window\.offstage=\{"lib":"\/static\/~offstage\/","nonce":"abc","resolveUrl":\(\(u\) => u\)\};/,
    );
    assert.equal(SCRIPT_TYPE, 'text/offstage');
  });

  it('App Router root layout: the offloaded script runs in the worker (service worker); the page stays interactive', async () => {
    assert.deepEqual(
      await visit(browser, `${origin}/`),
      ranOffloaded(false, 'Offstage in Next | App Router'),
    );
  });

  it('App Router, cross-origin isolated: the same over Atomics', async () => {
    assert.deepEqual(
      await visit(browser, `${origin}/isolated`),
      ranOffloaded(true, 'Offstage in Next | App Router'),
    );
  });

  it('Pages Router _document: the same', async () => {
    assert.deepEqual(
      await visit(browser, `${origin}/legacy`),
      ranOffloaded(false, 'Offstage in Next | Pages Router'),
    );
  });
});
