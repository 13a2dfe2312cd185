// A small static file server for the demo and the benchmarks. `isolated` adds the headers
// that make pages cross-origin isolated (the Atomics transport); without them pages use the
// service-worker transport. Serves the repository root and the collector
// (scripts/collector.mjs); `routes` adds JSON endpoints.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { collector } from './collector.mjs';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

export function serve({
  root = '.',
  port = 0,
  host = '127.0.0.1',
  isolated = false,
  routes = {},
} = {}) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (isolated) {
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    }
    res.setHeader('Cache-Control', 'no-store');
    const route = routes[url.pathname];
    if (route) return route(req, res, url);
    if (collector(req, res, url)) return;
    const base = resolve(root);
    let path = join(base, decodeURIComponent(url.pathname));
    if (path !== base && !path.startsWith(base + sep)) return end(res, 403, 'forbidden');
    try {
      if (statSync(path).isDirectory()) path = join(path, 'index.html');
      statSync(path);
    } catch {
      return end(res, 404, 'not found');
    }
    if (path.endsWith('sw.js')) res.setHeader('Service-Worker-Allowed', '/');
    res.setHeader('Content-Type', types[extname(path)] ?? 'application/octet-stream');
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(port, host, () =>
      resolve({
        server,
        url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${server.address().port}`,
      }),
    ),
  );
}

function end(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain' });
  res.end(text);
}
