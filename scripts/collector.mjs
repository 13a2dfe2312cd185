// A stand-in for an analytics endpoint, used by the tests, the demo and the benchmarks.
// Any request to /collect/<key>… is recorded (method, path after the key, query, content type, body,
// arrival time); GET /collected/<key>
// answers the hits recorded under that key as JSON. It answers with CORS and CORP headers,
// so pages on other origins, and cross-origin isolated pages, can send to it.
import { appendFileSync } from 'node:fs';

const hits = new Map();

/** Handles the request if it is the collector's; returns false otherwise. Node http. */
export function collector(req, res, url) {
  const [, route, key] = url.pathname.split('/');
  if (!key || (route !== 'collect' && route !== 'collected')) return false;
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  // Echoed, not '*': a wildcard does not count for requests sent with credentials.
  res.setHeader(
    'Access-Control-Allow-Headers',
    req.headers['access-control-request-headers'] ?? 'content-type',
  );
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  if (route === 'collected') {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(hits.get(key) ?? []));
    return true;
  }
  if (req.method === 'OPTIONS') {
    res.statusCode = 204;
    res.end();
    return true;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const list = hits.get(key) ?? [];
    hits.set(key, list);
    const path = `/${url.pathname.split('/').slice(3).join('/')}`; // what follows the key
    const hit = {
      method: req.method,
      path,
      query: Object.fromEntries(url.searchParams),
      type: req.headers['content-type'] ?? '',
      body: Buffer.concat(chunks).toString(),
      at: Date.now(), // when it arrived: npm run compat's time to first hit
    };
    list.push(hit);
    // npm run compat: the compatibility suite's results, kept past the test server's life.
    if (key === 'compat-matrix' && process.env.OFFSTAGE_COMPAT_OUT)
      appendFileSync(process.env.OFFSTAGE_COMPAT_OUT, `${hit.body}\n`);
    // Scripts an SDK loads from its endpoint (PostHog's remote config) get an empty one.
    if (url.pathname.endsWith('.js')) {
      res.setHeader('Content-Type', 'text/javascript');
      res.end('// collected\n');
      return;
    }
    // Posts get an empty JSON object: SDKs read the answer (umami sends it back as a header).
    if (req.method === 'POST') {
      res.setHeader('Content-Type', 'application/json');
      res.end('{}');
      return;
    }
    // Anything else, a 1×1 transparent GIF: pixels load as images.
    res.setHeader('Content-Type', 'image/gif');
    res.end(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
  });
  return true;
}

/** The same, as web-test-runner (Koa) middleware. */
export async function collectorMiddleware(ctx, next) {
  if (ctx.path.startsWith('/collect')) {
    ctx.respond = false;
    ctx.status = 200; // for the server's own logs; the response is written by collector()
    if (collector(ctx.req, ctx.res, new URL(ctx.url, 'http://x'))) return;
    ctx.respond = true;
    ctx.status = 404;
  }
  await next();
}
