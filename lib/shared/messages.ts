import type { ErrorCode } from './errors.js';

/**
 * Long explanations for each error code. Imported only under `if (DEV)`, so production
 * bundles carry the codes alone (scripts/check-size.mjs fails the build otherwise).
 */
export const messages: Record<ErrorCode, string> = {
  timeout:
    'The main thread did not answer in time. The handler may be slow, or awaiting something that never settles; raise `timeout` in the connect() options if the wait is legitimate.',
  'unknown-handler':
    'No handler is registered on the main thread under this name. Pass it in `handlers` to connect(), or call host.handle(name, fn) before the worker calls it.',
  'no-sync-transport':
    "Neither synchronous transport is available. Atomics needs a cross-origin isolated page (serve it with `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`); the service-worker transport needs a secure context (https or localhost) with service workers enabled and the worker inside the registration's scope.",
  'not-controlled':
    "The worker is not controlled by the Offstage service worker, so its synchronous requests cannot be answered. Create the worker from a URL inside the registration's scope, or from a blob: URL on a page that the scope controls.",
  uncloneable:
    'This value cannot be sent between threads. Symbols have no cross-thread form; convert the value first.',
  'released-reference':
    'A remote reference was used after the thread that owns the object released it. This is a bug in Offstage: please report it with the steps that led to it.',
  'transport-failed':
    'The synchronous request failed before the main thread could answer. The service worker may have been unregistered or replaced; reload the page.',
  'channel-closed': 'The channel was closed with host.close() or the worker was terminated.',
  'script-load':
    'The worker could not load this offloaded script: the network failed, or the browser refused it. A cross-origin isolated page (Cross-Origin-Embedder-Policy: require-corp) may load a script from another origin only if it is served with CORS or with Cross-Origin-Resource-Policy: cross-origin; the page itself could not load it either. Serve it so, proxy it through a same-origin URL with resolveUrl, use COEP credentialless, or list it in loadScriptsOnMainThread to run it on the page.',
  'wasm-handle':
    'The WebAssembly module passed a handle that is not live: 0, a number never returned, or one given to offstage_release() already. Keep handles until you release them, and check for 0 (OFFSTAGE_NONE) where a call may find nothing.',
  'wasm-memory':
    "The WebAssembly module passed a pointer and length that reach outside its memory. Pass the buffer's real size as its capacity; nothing was read or written.",
  'wasm-export':
    'The WebAssembly module lacks an export Offstage needs: its linear memory as `memory`, and for event listeners `offstage_on_event(int32_t user_data, int32_t event)`. Export them (clang: -Wl,--export=offstage_on_event).',
};
