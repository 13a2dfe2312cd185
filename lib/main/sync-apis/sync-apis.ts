import { SyncApi, type SyncApiHandlers } from '../../shared/sync-apis/protocol.js';

/**
 * Asynchronous web APIs the worker calls synchronously: the page does the work and the worker
 * blocks until it is done. `offload()` registers these; with `connect()`, pass them in
 * `handlers` (`{ ...remoteAccess, ...syncApis }`) for `instantiateWasm()` and `fetchSync()`.
 */
export const syncApis: SyncApiHandlers = {
  /**
   * fetch(): the whole response, body as bytes. A network error rejects (the worker's call throws).
   */
  [SyncApi.Fetch]: async (url, init = {}) => {
    const response = await fetch(url, init);
    return {
      status: response.status,
      statusText: response.statusText,
      url: response.url,
      headers: [...response.headers],
      body: new Uint8Array(await response.arrayBuffer()),
    };
  },
  /** Answers after ms: the worker's sleep when it has no shared memory to wait on. */
  [SyncApi.Sleep]: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
