// offstage/react with the real Next.js: ./next-app, built once with `next build` and served by
// `next start`, has <Offstage /> in its App Router root layout and its Pages Router _document.
// Each page is loaded in Chromium: / and /legacy over the service worker, /isolated over
// Atomics. Run with node --test (npm test does).
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { Offstage, SCRIPT_TYPE } from 'offstage/react';
import { copyLibFiles } from 'offstage/utils';
import { buildAndStartNext } from '../../tests/helpers/next-app.mjs';
import { launchChromium, ranOffloaded, visit } from '../../tests/helpers/visit-offloaded.mjs';

const app = new URL('./next-app/', import.meta.url).pathname;
describe('offstage/react in a real Next.js app', () => {
  let browser;
  let origin;
  let stop;
  // A third party that sends no CORS or CORP headers (so an isolated page's worker cannot
  // load its script): the app reaches it through offstage/proxy, in a route handler.
  let thirdParty;
  const thirdPartyRequests = [];
  const script = `document.body.setAttribute('data-offloaded', document.title + ' | ' + document.querySelector('h1').textContent);`;
  before(async () => {
    thirdParty = createServer((req, res) => {
      thirdPartyRequests.push(req.headers);
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    });
    await new Promise((resolve) => thirdParty.listen(0, '127.0.0.1', resolve));
    const thirdPartyHost = `127.0.0.1:${thirdParty.address().port}`;
    // As an install would have it: the package as node_modules/offstage, the lib files in public/.
    rmSync(`${app}node_modules`, { recursive: true, force: true });
    mkdirSync(`${app}node_modules`);
    symlinkSync('../../../..', `${app}node_modules/offstage`);
    copyLibFiles(`${app}public/~offstage`);
    ({ origin, stop } = await buildAndStartNext(app, {
      env: {
        THIRD_PARTY_HOSTS: thirdPartyHost,
        THIRD_PARTY_SCRIPT: `http://${thirdPartyHost}/third-party.js`,
      },
    }));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    stop?.();
    thirdParty?.close();
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

  it('offstage/proxy as a route handler reaches its hosts only', async () => {
    const proxied = (url) => fetch(`${origin}/api/offstage-proxy?url=${encodeURIComponent(url)}`);
    const { port } = thirdParty.address();
    const allowed = await proxied(`http://127.0.0.1:${port}/third-party.js`);
    assert.equal(allowed.status, 200);
    assert.equal(await allowed.text(), script);
    for (const url of [`http://localhost:${port}/third-party.js`, 'file:///etc/passwd'])
      assert.equal((await proxied(url)).status, 403, url);
  });

  it("a third party's script without CORS, on an isolated page, runs in the worker through the proxy (Atomics)", async () => {
    thirdPartyRequests.length = 0;
    assert.deepEqual(
      await visit(browser, `${origin}/proxied`),
      ranOffloaded(true, 'Offstage in Next | Proxied'),
    );
    // Fetched by the proxy (no Sec-Fetch-Site, which a browser sends), not by the browser.
    assert.ok(thirdPartyRequests.length > 0);
    assert.deepEqual(
      thirdPartyRequests.filter((headers) => 'sec-fetch-site' in headers),
      [],
    );
  });
});
