// The real Google tag for the compatibility suite: GA4's gtag.js and GTM's gtm.js, unmodified,
// from ../shared/fixtures/google-tag/ (see its README), served where Google's snippets load
// them from (`/gtag/js?id=…`, `/gtm.js?id=…`).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../shared/fixtures/google-tag/', import.meta.url));
const files = { '/gtag/js': 'gtag.js', '/gtm.js': 'gtm.js' };

/** The fixture served at `path`, or undefined; a missing fixture throws, naming it. */
export function googleTag(path) {
  const file = files[path];
  if (!file) return undefined;
  try {
    return readFileSync(dir + file);
  } catch (error) {
    throw new Error(
      `the Google tag fixture ${dir + file} is missing (../shared/ must sit beside the checkout): ${error.message}`,
    );
  }
}

/** How the fixtures are served: a script that cross-origin isolated pages may load. */
const HEADERS = {
  'Content-Type': 'text/javascript',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** The same, as web-test-runner (Koa) middleware. */
export async function googleTagMiddleware(ctx, next) {
  const body = googleTag(ctx.path);
  if (!body) return next();
  ctx.set(HEADERS);
  ctx.body = body;
}

/** The same, as routes of scripts/static-server.mjs (the benchmarks' server). */
export const googleTagRoutes = Object.fromEntries(
  Object.keys(files).map((path) => [
    path,
    (_req, res) => {
      res.writeHead(200, HEADERS);
      res.end(googleTag(path));
    },
  ]),
);
