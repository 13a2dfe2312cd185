import { OffloadCall, type OffloadContract, type UrlType } from '../../shared/offload/protocol.js';
import type { AnyMainThread, MainThread } from '../channel/main-thread.js';
import { fetchSync, sleepSync } from '../sync-apis/sync-apis.js';
import type { instantiateWasm } from '../wasm/instantiate-wasm.js';
import { importScripts, WORKER_URL } from './worker-originals.js';

type InstantiateWasm = typeof instantiateWasm;

/**
 * The scripts' own `offstage` global (not the page's config object of that name): blocking
 * calls to the page's `functions` and to any page API by its path, the page's `fetch` and a
 * sleep as blocking calls, and WebAssembly with the offstage.h imports — its loader
 * (`offstage-wasm.js`) downloaded on first use, so scripts without WebAssembly never load it.
 */
export function scriptsApi(
  main: MainThread<OffloadContract>,
  page: object,
  resolve: (url: string, type: UrlType) => string,
  createElement: (tag: string) => unknown,
) {
  let wasm: { instantiateWasm: InstantiateWasm } | undefined;
  // The page's `functions` are the page's own names: any name, any arguments.
  const anyCall: AnyMainThread = main;
  return {
    call: anyCall.call,
    callPage: (path: string, ...args: unknown[]) => main.call(OffloadCall.CallPath, path, args),
    fetchSync: (url: string | URL, init?: RequestInit) =>
      fetchSync(main, resolve(String(url), 'fetch'), init),
    sleep: (ms: number) => sleepSync(main, ms),
    instantiateWasm(
      source: Parameters<InstantiateWasm>[0],
      options: Omit<Parameters<InstantiateWasm>[1], 'main'> = {},
    ) {
      if (!wasm) {
        importScripts(new URL('offstage-wasm.js', WORKER_URL).href);
        const global = self as unknown as { __offstageWasm?: typeof wasm };
        wasm = global.__offstageWasm;
        global.__offstageWasm = undefined; // a var: it cannot be deleted
      }
      // Its elements are made as the scripts' are (a <script> it adds runs offloaded too), and
      // its fetches follow the page's resolveUrl, as the scripts' own do.
      return wasm!.instantiateWasm(source, {
        window: page,
        ...options,
        main,
        createElement,
        resolveUrl: (url) => resolve(url, 'fetch'),
      });
    },
  };
}
