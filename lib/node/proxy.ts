import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/** What `offstageProxy()` takes. */
export interface ProxyOptions {
  /**
   * The hosts it forwards to, and no others: `'www.googletagmanager.com'`, `'*.example.com'`
   * (any subdomain, not `example.com` itself), `'127.0.0.1:8080'` (a port other than the
   * scheme's default must be named). Any other host gets 403.
   */
  hosts: string[];
  /** Names of the page's cookies that may go to those hosts. Default none. */
  cookies?: string[];
  /** How long (ms) to wait for the upstream's response headers before a 504. Default 10000. */
  timeout?: number;
  /**
   * The path the proxy is served at: redirects are rewritten through it, and as middleware
   * used for every request (not mounted at a path) it handles only that path. Default
   * `/~offstage/proxy`.
   */
  path?: string;
}

/** Connect/Express middleware, with the same proxy for Fetch API handlers as `fetch`. */
export interface OffstageProxy {
  (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void;
  /**
   * For Fetch API handlers (Next.js route handlers, servers in the style of `fetch(request)`):
   * a Request in, a Response out. (Not `handle`: connect and Express take a function with a
   * `handle` for an app of their own.)
   */
  fetch(request: Request): Promise<Response>;
}

/** Request headers sent on (others, notably `Cookie`, `Authorization` and `Host`, are not). */
const REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'cache-control',
  'content-type',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'range',
  'user-agent',
];
/** Response headers sent back (never `Set-Cookie`; the body is decoded, so no `Content-Encoding`). */
const RESPONSE_HEADERS = [
  'cache-control',
  'content-language',
  'content-range',
  'content-type',
  'etag',
  'expires',
  'last-modified',
  'location',
];
const METHODS = ['GET', 'HEAD', 'POST'];
/** Statuses whose responses have no body. */
const NULL_BODY = [101, 103, 204, 205, 304];
/**
 * On every proxied response: what comes from a third party is served from the site's own
 * origin, so if it is ever opened as a document it runs sandboxed, in an origin of its own,
 * with nothing allowed (scripts and data fetched by the offloaded code are not affected).
 */
const SERVED_AS = {
  'Content-Security-Policy': "sandbox; default-src 'none'",
  'X-Content-Type-Options': 'nosniff',
};

/**
 * A reverse proxy for the scripts and endpoints offloaded code uses whose owners send no CORS
 * headers: `<path>?url=<absolute URL>` is fetched from the upstream and streamed back, from
 * the page's own origin. Only the configured `hosts` are reached (never an open proxy);
 * cookies go only by name, and none come back. Point `resolveUrl` at it (see the README).
 */
export function offstageProxy(options: ProxyOptions): OffstageProxy {
  const allowed = allowList(options.hosts);
  const cookies = new Set(options.cookies ?? []);
  const timeout = options.timeout ?? 10_000;
  const path = options.path ?? '/~offstage/proxy';

  async function handle(request: Request): Promise<Response> {
    const unproxied = methodRefused(request.method);
    if (unproxied) return unproxied;
    const target = new URL(request.url).searchParams.get('url');
    if (!target) return refuse(400, 'give the URL to fetch as ?url=<absolute URL>');
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return refuse(400, `not an absolute URL: ${target}`);
    }
    const why = allowed(url);
    if (why) return refuse(403, why);

    const headers = new Headers();
    for (const name of REQUEST_HEADERS) {
      const value = request.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    const sent = sentCookies(request.headers.get('cookie'), cookies);
    if (sent) headers.set('cookie', sent);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeout);
    let upstream: Response;
    try {
      upstream = await fetch(url, {
        method: request.method,
        headers,
        body: request.method === 'POST' ? request.body : undefined,
        // Streams the request body: it is not read whole first.
        duplex: 'half',
        // Never followed here: a redirect must go to an allowed host too (below).
        redirect: 'manual',
        signal: abort.signal,
      } as RequestInit);
    } catch (error) {
      return abort.signal.aborted
        ? refuse(504, `${url.host} did not answer within ${timeout} ms`)
        : refuse(502, `could not reach ${url.host}: ${(error as Error).cause ?? error}`);
    } finally {
      clearTimeout(timer);
    }

    const out = new Headers(SERVED_AS);
    for (const name of RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) out.set(name, value);
    }
    const location = upstream.headers.get('location');
    if (location !== null && upstream.status >= 300 && upstream.status < 400) {
      const next = new URL(location, url);
      const refused = allowed(next);
      if (refused) {
        await upstream.body?.cancel();
        return refuse(403, `${url.host} redirects to a host not allowed: ${refused}`);
      }
      out.set('location', `${path}?url=${encodeURIComponent(next.href)}`);
    }
    const status = upstream.status;
    const body = NULL_BODY.includes(status) ? null : upstream.body;
    return new Response(body, { status, headers: out });
  }

  const middleware = ((req, res, next) => {
    // Mounted (`app.use('/~offstage/proxy', proxy)`), connect and Express give the rest of
    // the path; used for every request (`app.use(proxy)`), it takes only its own path.
    const { originalUrl } = req as IncomingMessage & { originalUrl?: string };
    const mounted = originalUrl !== undefined && originalUrl !== req.url;
    if (!mounted && new URL(req.url ?? '/', 'http://x').pathname !== path) {
      return next ? next() : send(refuse(404, `this is not the proxy's path (${path})`), res);
    }
    // Before a Request is made of it: `new Request()` throws for some (TRACE, CONNECT).
    const unproxied = methodRefused(req.method ?? '');
    if (unproxied) return send(unproxied, res);
    handle(toRequest(req)).then(
      (response) => send(response, res),
      (error) => (next ? next(error) : fail(res, error)),
    );
  }) as OffstageProxy;
  middleware.fetch = handle;
  return middleware;
}

/**
 * A check of URLs against the hosts: undefined if allowed, else why not. Entries are checked
 * when the proxy is made, so a mistyped one fails at start-up, not on a request.
 */
function allowList(hosts: string[]): (url: URL) => string | undefined {
  if (!Array.isArray(hosts) || hosts.length === 0) {
    throw new TypeError(
      'offstageProxy: give the hosts it may forward to, e.g. { hosts: ["www.googletagmanager.com"] }',
    );
  }
  const entries = hosts.map((entry) => {
    const wildcard = entry.startsWith('*.');
    const host = wildcard ? entry.slice(2) : entry;
    let parsed: URL;
    try {
      parsed = new URL(`https://${host}`);
    } catch {
      parsed = new URL('https://invalid');
    }
    if (parsed.host !== host.toLowerCase() || parsed.pathname !== '/' || host.includes('@')) {
      throw new TypeError(
        `offstageProxy: "${entry}" is not a host name (with a port if not the default): ` +
          'write "cdn.example.com", "*.example.com" or "127.0.0.1:8080", without scheme or path',
      );
    }
    return { wildcard, hostname: parsed.hostname, port: parsed.port };
  });
  return (url) => {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return `only http: and https: URLs are proxied, not ${url.protocol}`;
    }
    if (url.username || url.password) return 'URLs with credentials are not proxied';
    const port = url.port;
    const match = entries.some(
      (e) =>
        e.port === port &&
        (e.wildcard ? url.hostname.endsWith(`.${e.hostname}`) : url.hostname === e.hostname),
    );
    return match ? undefined : `${url.host} is not in the proxy's hosts`;
  };
}

/** A 405 for the methods it does not proxy. */
function methodRefused(method: string): Response | undefined {
  if (METHODS.includes(method)) return;
  return refuse(405, `${method} is not proxied (only ${METHODS.join(', ')})`, {
    Allow: METHODS.join(', '),
  });
}

/** The cookies of the page's Cookie header that are named in `names`. */
function sentCookies(header: string | null, names: Set<string>): string {
  if (!header || names.size === 0) return '';
  return header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => names.has(pair.slice(0, pair.indexOf('=')).trim()))
    .join('; ');
}

/** An error response whose text says why. */
function refuse(status: number, why: string, headers: Record<string, string> = {}): Response {
  // It names what was asked for: served as the proxy's answers are, never as a page.
  return new Response(`Offstage proxy: ${why}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SERVED_AS, ...headers },
  });
}

/** A Node request as a Fetch API Request (its body streamed, not read first). */
function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(name === 'cookie' ? '; ' : ', '));
  }
  const hasBody = req.method === 'POST';
  // Only the query matters (`?url=`): the origin is a placeholder.
  return new Request(new URL(req.url ?? '/', 'http://proxy.invalid'), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    duplex: 'half',
  } as RequestInit);
}

/** Streams a Fetch API Response out through a Node response. */
function send(response: Response, res: ServerResponse): void {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  const body = Readable.fromWeb(response.body as NodeReadableStream);
  body.on('error', (error) => res.destroy(error));
  body.pipe(res);
}

function fail(res: ServerResponse, error: unknown): void {
  if (res.headersSent) return void res.destroy(error as Error);
  res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`Offstage proxy: ${(error as Error).message ?? error}\n`);
}
