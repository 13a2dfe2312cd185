import { SyncApi, type SyncApiHandlers } from '../../shared/sync-apis/protocol.js';
import type { AnyMainThread, MainThread } from '../channel/main-thread.js';

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
  main: AnyMainThread,
  url: string | URL,
  init: RequestInit = {},
): SyncResponse {
  const page: MainThread<SyncApiHandlers> = main;
  const answer = page.call(SyncApi.Fetch, String(url), portable(init));
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
export function sleepSync(main: AnyMainThread, ms: number): void {
  if (!(ms > 0)) return;
  if (typeof SharedArrayBuffer === 'function' && self.crossOriginIsolated) {
    sleeper ??= new Int32Array(new SharedArrayBuffer(4));
    Atomics.wait(sleeper, 0, 0, ms);
  } else {
    const page: MainThread<SyncApiHandlers> = main;
    page.call(SyncApi.Sleep, ms);
  }
}
