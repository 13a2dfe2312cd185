// offstage/proxy: a local upstream stands for a third party without CORS; the proxy runs as
// a plain Node handler, as connect middleware inside a real Vite dev server, and as a Fetch
// API handler. It must reach only its allowed hosts (hostile URLs get 403), stream both ways,
// pass no cookies but those named, and bring none back.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { offstageProxy } from 'offstage/proxy';

/** Resolves with a server's `http://127.0.0.1:<port>` once it listens. */
const listen = (server) =>
  new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)),
  );

/** A promise with its resolve function, to hand steps between the test and the upstream. */
const signal = () => {
  let resolve;
  const promise = new Promise((r) => (resolve = r));
  return { promise, resolve };
};

describe('offstage/proxy', () => {
  let upstream; // http://127.0.0.1:<port>, the allowed third party
  let upstreamPort;
  let closedPort; // nothing listens there
  const servers = [];
  const steps = {};
  let proxy;
  let direct; // the proxy as a plain Node server

  before(async () => {
    const third = createServer(async (req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      if (path === '/script.js') {
        res.writeHead(200, {
          'Content-Type': 'text/javascript',
          'Set-Cookie': 'tracker=1; Path=/',
          'Cache-Control': 'max-age=60',
          'Access-Control-Allow-Origin': '*',
        });
        return res.end('window.fromThirdParty = 1;');
      }
      if (path === '/echo') {
        const chunks = [];
        for await (const chunk of req) {
          chunks.push(chunk);
          steps.bodyChunk?.resolve(String(chunk));
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(
          JSON.stringify({
            method: req.method,
            cookie: req.headers.cookie ?? null,
            authorization: req.headers.authorization ?? null,
            host: req.headers.host,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      }
      if (path === '/stream') {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.write('part1;');
        // The rest only once the client has read the first part through the proxy: a proxy
        // that buffered whole responses would never let it.
        await steps.firstPartRead.promise;
        return res.end('part2');
      }
      if (path === '/to-script') {
        res.writeHead(302, { Location: '/script.js' });
        return res.end();
      }
      if (path === '/to-localhost') {
        res.writeHead(302, { Location: `http://localhost:${upstreamPort}/script.js` });
        return res.end();
      }
      if (path === '/slow') return; // never answers
      res.writeHead(404).end();
    });
    servers.push(third);
    upstream = await listen(third);
    upstreamPort = new URL(upstream).port;
    const closed = createServer();
    closedPort = new URL(await listen(closed)).port;
    await new Promise((r) => closed.close(r));

    proxy = offstageProxy({ hosts: [`127.0.0.1:${upstreamPort}`], cookies: ['_ga'], timeout: 300 });
    const server = createServer((req, res) => proxy(req, res));
    servers.push(server);
    direct = `${await listen(server)}/~offstage/proxy`;
  });
  after(() => {
    for (const server of servers) (server.closeAllConnections?.(), server.close());
  });

  const via = (base, target, init) => fetch(`${base}?url=${encodeURIComponent(target)}`, init);

  it('fetches an allowed host, with what a script needs and no cookie from it', async () => {
    const response = await via(direct, `${upstream}/script.js`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'window.fromThirdParty = 1;');
    assert.equal(response.headers.get('content-type'), 'text/javascript');
    assert.equal(response.headers.get('cache-control'), 'max-age=60');
    assert.equal(response.headers.get('set-cookie'), null);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    // Opened as a document, it would run sandboxed, not as the site.
    assert.equal(response.headers.get('content-security-policy'), "sandbox; default-src 'none'");
  });

  it('refuses every URL that is not on an allowed host, and says why', async () => {
    const hostile = [
      'file:///etc/passwd',
      `http://localhost:${upstreamPort}/script.js`,
      `http://127.0.0.1:${closedPort}/`,
      `http://[::1]:${upstreamPort}/script.js`,
      `http://127.0.0.1.nip.io:${upstreamPort}/script.js`,
      `http://evil.test/?u=127.0.0.1:${upstreamPort}`,
      `http://127.0.0.1:${upstreamPort}@evil.test/`,
      `http://user:pass@127.0.0.1:${upstreamPort}/script.js`,
      `http://127.0.0.1/script.js`,
      'data:text/javascript,alert(1)',
      'javascript:alert(1)',
      `ftp://127.0.0.1:${upstreamPort}/`,
    ];
    for (const target of hostile) {
      const response = await via(direct, target);
      assert.equal(response.status, 403, target);
      // The reason names the URL: never to be taken for a page.
      assert.equal(response.headers.get('content-security-policy'), "sandbox; default-src 'none'");
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.match(await response.text(), /^Offstage proxy: /, target);
    }
    const relative = await via(direct, `//127.0.0.1:${upstreamPort}/script.js`);
    assert.equal(relative.status, 400);
    assert.match(await relative.text(), /not an absolute URL/);
    assert.equal((await fetch(direct)).status, 400);
  });

  it('follows a redirect only through itself, and only to an allowed host', async () => {
    const redirect = await via(direct, `${upstream}/to-script`, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    assert.equal(
      redirect.headers.get('location'),
      `/~offstage/proxy?url=${encodeURIComponent(`${upstream}/script.js`)}`,
    );
    const followed = await via(direct, `${upstream}/to-script`);
    assert.equal(await followed.text(), 'window.fromThirdParty = 1;');
    const away = await via(direct, `${upstream}/to-localhost`, { redirect: 'manual' });
    assert.equal(away.status, 403);
    assert.match(await away.text(), /redirects to a host not allowed: localhost:\d+ is not/);
  });

  it('sends only the named cookies, never Authorization; the upstream sees its own Host', async () => {
    const response = await via(direct, `${upstream}/echo`, {
      headers: { cookie: 'session=secret; _ga=GA1.2; other=x', authorization: 'Bearer t' },
    });
    const seen = await response.json();
    assert.deepEqual(
      { cookie: seen.cookie, authorization: seen.authorization, host: seen.host },
      { cookie: '_ga=GA1.2', authorization: null, host: `127.0.0.1:${upstreamPort}` },
    );
  });

  it('streams the response: the first part arrives before the upstream has finished', async () => {
    steps.firstPartRead = signal();
    const response = await via(direct, `${upstream}/stream`);
    const reader = response.body.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    assert.equal(first, 'part1;');
    steps.firstPartRead.resolve();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read())
      rest += new TextDecoder().decode(r.value);
    assert.equal(rest, 'part2');
  });

  it('streams a POST body: the upstream gets its first part before the client has sent the rest', async () => {
    steps.bodyChunk = signal();
    const body = new ReadableStream({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode('a=1&'));
        // Sent only once the upstream holds the first part.
        await steps.bodyChunk.promise;
        controller.enqueue(new TextEncoder().encode('b=2'));
        controller.close();
      },
    });
    const response = await via(direct, `${upstream}/echo`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const seen = await response.json();
    assert.deepEqual([seen.method, seen.body], ['POST', 'a=1&b=2']);
    delete steps.bodyChunk;
  });

  it('refuses other methods with 405, TRACE included, and stays up', async () => {
    const put = await via(direct, `${upstream}/echo`, { method: 'PUT', body: 'x' });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('allow'), 'GET, HEAD, POST');
    const trace = await new Promise((resolve, reject) => {
      const target = new URL(`${direct}?url=${encodeURIComponent(`${upstream}/echo`)}`);
      httpRequest(target, { method: 'TRACE' }, (res) => resolve(res.statusCode))
        .on('error', reject)
        .end();
    });
    assert.equal(trace, 405);
    assert.equal((await via(direct, `${upstream}/script.js`)).status, 200);
  });

  it('a silent upstream gives 504 after the timeout; an unreachable one 502', async () => {
    const slow = offstageProxy({ hosts: [`127.0.0.1:${upstreamPort}`], timeout: 100 });
    const response = await slow.fetch(
      new Request(`http://site.test/p?url=${encodeURIComponent(`${upstream}/slow`)}`),
    );
    assert.equal(response.status, 504);
    assert.match(await response.text(), /did not answer within 100 ms/);
    const down = offstageProxy({ hosts: [`127.0.0.1:${closedPort}`] });
    const unreachable = await down.fetch(
      new Request(
        `http://site.test/p?url=${encodeURIComponent(`http://127.0.0.1:${closedPort}/`)}`,
      ),
    );
    assert.equal(unreachable.status, 502);
    assert.match(await unreachable.text(), /could not reach 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
  });

  it('matches *.host entries on subdomains only', async () => {
    const wild = offstageProxy({ hosts: ['*.example.test'], timeout: 2000 });
    const status = async (url) =>
      (await wild.fetch(new Request(`http://s.test/?url=${encodeURIComponent(url)}`))).status;
    // Allowed ones are tried (and, offline, not reached); the rest are refused.
    assert.notEqual(await status('https://cdn.example.test/a.js'), 403);
    assert.equal(await status('https://example.test/a.js'), 403);
    assert.equal(await status('https://evilexample.test/a.js'), 403);
    assert.equal(await status('https://cdn.example.test.evil.test/a.js'), 403);
  });

  it('refuses a configuration that is not a list of hosts', () => {
    assert.throws(() => offstageProxy({ hosts: [] }), /give the hosts it may forward to/);
    assert.throws(() => offstageProxy({}), /give the hosts it may forward to/);
    for (const entry of ['https://a.test', 'a.test/path', 'user@a.test', 'a test'])
      assert.throws(() => offstageProxy({ hosts: [entry] }), /is not a host name/, entry);
  });

  it('as a whole server, answers only its own path', async () => {
    const other = await fetch(
      `${new URL(direct).origin}/other?url=${encodeURIComponent(`${upstream}/script.js`)}`,
    );
    assert.equal(other.status, 404);
    assert.match(await other.text(), /not the proxy's path \(\/~offstage\/proxy\)/);
  });

  it("works as connect middleware in Vite's dev server, mounted at a path or not", async () => {
    const { createServer: createVite } = await import('vite');
    const vite = await createVite({
      configFile: false,
      logLevel: 'silent',
      server: { port: 0, host: '127.0.0.1' },
      plugins: [
        {
          name: 'proxy',
          configureServer(server) {
            server.middlewares.use('/mounted/proxy', proxy);
            // Not mounted: it must let the site's other requests through.
            server.middlewares.use(proxy);
          },
        },
      ],
    });
    await vite.listen();
    try {
      const origin = vite.resolvedUrls.local[0];
      for (const base of [`${origin}mounted/proxy`, `${origin}~offstage/proxy`]) {
        const response = await via(base, `${upstream}/script.js`);
        assert.equal(await response.text(), 'window.fromThirdParty = 1;', base);
        assert.equal((await via(base, `http://localhost:${upstreamPort}/script.js`)).status, 403);
      }
      // Vite's own answer (its index page), not the proxy's.
      const page = await fetch(`${origin}?url=${encodeURIComponent(`${upstream}/script.js`)}`);
      assert.doesNotMatch(await page.text(), /fromThirdParty|Offstage proxy/);
    } finally {
      await vite.close();
    }
  });
});
