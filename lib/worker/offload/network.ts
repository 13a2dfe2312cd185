import {
  OffloadCall,
  type KeepaliveRequest,
  type OffloadContract,
  type UrlType,
} from '../../shared/offload/protocol.js';
import type { MainThread } from '../channel/main-thread.js';

/**
 * Gives a wrapper the original's `toString()`: SDKs test that `fetch` is native before using
 * it (Sentry otherwise takes a fresh one from an iframe it adds to the page).
 */
function looksNative<T extends object>(original: T, wrapper: T): T {
  Object.defineProperty(wrapper, 'toString', {
    value: () => String(original),
    configurable: true,
    writable: true,
  });
  return wrapper;
}

/**
 * The worker's `fetch` and `XMLHttpRequest` as offloaded scripts see them: URLs relative to
 * the page (not to this worker's script), passed through the page's `resolveUrl` when it
 * has one; and `fetch(…, { keepalive: true })` sent by the page, since it must outlive the
 * page and the worker dies with it. Returns the URL resolver, for script sources.
 */
export function patchNetwork(
  main: MainThread<OffloadContract>,
  pageLocation: { href: string },
  resolves: boolean,
): (url: string | URL, type: UrlType) => string {
  // An absolute path needs no round trip for the page's location.
  const absolute = (url: string | URL): string =>
    /^([a-z][a-z\d+.-]*:|\/)/i.test(String(url))
      ? String(url)
      : new URL(url, pageLocation.href).href;
  const resolve = (url: string | URL, type: UrlType): string =>
    resolves
      ? main.call(OffloadCall.ResolveUrl, new URL(absolute(url), location.href).href, type)
      : absolute(url);

  const { fetch } = self;
  self.fetch = looksNative(fetch, (input, init) => {
    const body = init?.body;
    const sendable =
      body == null ||
      typeof body === 'string' ||
      body instanceof URLSearchParams ||
      body instanceof Blob ||
      body instanceof FormData ||
      body instanceof ArrayBuffer ||
      ArrayBuffer.isView(body);
    if (init?.keepalive && !(input instanceof Request) && sendable)
      return keepalive(resolve(input, 'fetch'), init);
    if (!(input instanceof Request)) return fetch(resolve(input, 'fetch'), init);
    return fetch(resolves ? new Request(resolve(input.url, 'fetch'), input) : input, init);
  });

  function keepalive(url: string, init: RequestInit): Promise<Response> {
    return new Promise((settle, fail) => {
      const headers = [...new Headers(init.headers)];
      let body = init.body;
      if (body instanceof URLSearchParams) {
        if (!headers.some(([name]) => name === 'content-type'))
          headers.push(['content-type', 'application/x-www-form-urlencoded;charset=UTF-8']);
        body = String(body);
      }
      const request: KeepaliveRequest = {
        method: init.method,
        headers,
        body,
        credentials: init.credentials,
        mode: init.mode,
      };
      main.post(
        OffloadCall.Keepalive,
        url,
        request,
        (error, status, statusText, headers, bytes) => {
          if (error !== null) return fail(new TypeError(error));
          const empty = status === 204 || status === 304;
          settle(new Response(empty ? null : bytes, { status, statusText, headers }));
        },
      );
    });
  }

  const { open } = XMLHttpRequest.prototype;
  XMLHttpRequest.prototype.open = looksNative(open, function (
    this: XMLHttpRequest,
    method: string,
    url: string | URL,
    ...rest: unknown[]
  ) {
    return (open as (...args: unknown[]) => void).call(this, method, resolve(url, 'xhr'), ...rest);
  } as typeof open);
  return resolve;
}
