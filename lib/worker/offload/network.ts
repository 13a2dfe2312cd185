import {
  OffloadCall,
  type KeepaliveRequest,
  type OffloadContract,
  type UrlType,
} from '../../shared/offload/protocol.js';
import type { MainThread } from '../channel/main-thread.js';
import { looksNative } from './looks-native.js';
import type { NetworkPolicy } from './network-policy.js';
import { importScripts, WORKER_URL } from './worker-originals.js';

/** The network half of a policy, loaded (`offstage-policy.js`) by policy workers only. */
type PolicyModule = typeof import('./network-policy.js');

/**
 * The worker's `fetch` and `XMLHttpRequest` as offloaded scripts see them: URLs relative to
 * the page (not to this worker's script), passed through the page's `resolveUrl` when it
 * has one; and `fetch(…, { keepalive: true })` sent by the page, since it must outlive the
 * page and the worker dies with it. Under a policy, each URL must be on one of its hosts
 * (else a `SecurityError`), and what else reaches the network is kept to them too. Returns
 * the URL resolver, for script sources.
 */
export function patchNetwork(
  main: MainThread<OffloadContract>,
  pageLocation: { href: string },
  resolves: boolean,
  policy?: NetworkPolicy,
): (url: string | URL, type: UrlType) => string {
  // An absolute path needs no round trip for the page's location.
  const absolute = (url: string | URL): string =>
    /^([a-z][a-z\d+.-]*:|\/)/i.test(String(url))
      ? String(url)
      : new URL(url, pageLocation.href).href;
  let loaded: PolicyModule | undefined;
  if (policy) {
    importScripts(new URL('offstage-policy.js', WORKER_URL).href);
    const global = self as unknown as { __offstagePolicy?: PolicyModule };
    loaded = global.__offstagePolicy!;
    global.__offstagePolicy = undefined; // a var: it cannot be deleted
  }
  const check = loaded?.hostCheck(policy!, pageLocation);
  const resolve = (url: string | URL, type: UrlType): string => {
    const resolved = resolves
      ? main.call(OffloadCall.ResolveUrl, new URL(absolute(url), location.href).href, type)
      : absolute(url);
    return check
      ? check(resolved, type === 'script' ? 'loading a script from' : `${type} to`)
      : resolved;
  };

  const { fetch } = self;
  const send: typeof fetch = (input, init) => {
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
    check?.(input.url, 'fetch to');
    return fetch(resolves ? new Request(resolve(input.url, 'fetch'), input) : input, init);
  };
  // As the platform's, a refused fetch rejects: it never throws.
  self.fetch = looksNative(fetch, (input, init) => {
    try {
      return send(input, init);
    } catch (error) {
      return Promise.reject(error);
    }
  });
  if (check) loaded!.keepToHosts(check, pageLocation);

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
