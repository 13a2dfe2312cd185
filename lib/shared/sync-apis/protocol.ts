/**
 * The sync-APIs contract: asynchronous web APIs the page runs for the worker while it blocks
 * (lib/main/sync-apis/sync-apis.ts answers, lib/worker/sync-apis/sync-apis.ts calls). Types
 * and const enums only.
 */

export const enum SyncApi {
  /** (url, init) → the whole response; a network error rejects. */
  Fetch = 'offstage:fetch',
  /** (ms) → answers after ms: the worker's sleep when it has no shared memory to wait on. */
  Sleep = 'offstage:sleep',
}

/** A response read whole by the page. */
export interface FetchAnswer {
  status: number;
  statusText: string;
  /** The final URL, after redirects. */
  url: string;
  headers: [string, string][];
  body: Uint8Array;
}

export interface SyncApiHandlers {
  [SyncApi.Fetch](url: string, init?: RequestInit): Promise<FetchAnswer>;
  [SyncApi.Sleep](ms: number): Promise<unknown>;
}
