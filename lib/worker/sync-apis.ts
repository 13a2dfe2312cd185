import { Access } from '../shared/protocol.js';
import type { MainThread } from './connect-main.js';

/** A response read whole by the page: what `fetchSync()` returns. */
export interface SyncResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  /** The final URL, after redirects. */
  readonly url: string;
  readonly headers: Headers;
  bytes(): Uint8Array;
  text(): string;
  json<T = unknown>(): T;
}

/**
 * `fetch()` that blocks the worker until the page has the whole response. A network error
 * throws the page's TypeError. Needs the page's `syncApis` handlers (offload() has them).
 */
export function fetchSync(
  main: MainThread,
  url: string | URL,
  init: RequestInit = {},
): SyncResponse {
  const answer = main.call<{
    status: number;
    statusText: string;
    url: string;
    headers: [string, string][];
    body: Uint8Array;
  }>('offstage:fetch', String(url), portable(init));
  const body = answer.body;
  return {
    status: answer.status,
    statusText: answer.statusText,
    ok: answer.status >= 200 && answer.status < 300,
    url: answer.url,
    headers: new Headers(answer.headers),
    bytes: () => body.slice(),
    text: () => new TextDecoder().decode(body),
    json: () => JSON.parse(new TextDecoder().decode(body)),
  };
}

/**
 * The request options as plain data the page can use: headers as pairs (a worker `Headers`
 * would cross as a reference), no `signal` (a blocking call cannot be aborted from here).
 */
function portable(init: RequestInit): RequestInit {
  const { signal: _signal, headers, ...rest } = init;
  return headers === undefined ? rest : { ...rest, headers: [...new Headers(headers)] };
}

let sleeper: Int32Array | undefined;
/**
 * Blocks the worker for ms milliseconds. With shared memory it waits on its own (the page
 * is not involved); otherwise the page answers after ms.
 */
export function sleepSync(main: MainThread, ms: number): void {
  if (!(ms > 0)) return;
  if (typeof SharedArrayBuffer === 'function' && self.crossOriginIsolated) {
    sleeper ??= new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(sleeper, 0, 0, ms);
  } else {
    main.call('offstage:sleep', ms);
  }
}

/** The page's window as a proxy: for `connectMain({ proxies: true })` with the page's `remoteAccess`. */
export function pageWindow(main: MainThread): object {
  return main.call<object>(Access.Global);
}
