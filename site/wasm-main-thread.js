// The offstage.h imports on the page itself, calling the DOM directly: the same import code
// as in Offstage's worker (lib/worker/wasm/offstage-imports.ts) with a page that needs no
// channel. Used by the demo's comparison (site/wasm.html?where=main), where the blocking
// fetch has to be a synchronous XMLHttpRequest — the page stops while it waits and while the
// program computes — and by the benchmark's Asyncify and JSPI runners (tests/bench/).
import { HandleTable } from '../lib/worker/wasm/handle-table.ts';
import { LinearMemory } from '../lib/worker/wasm/linear-memory.ts';
import { offstageImports } from '../lib/worker/wasm/offstage-imports.ts';
import { wasi } from '../lib/worker/wasm/wasi.ts';

/**
 * The import object for a module whose exports `getExports()` returns once instantiated;
 * `fetch(url, init)` answers the blocking fetch import. Also returns the handle table and
 * memory, for runners that replace an import.
 */
export function pageImports(getExports, fetch) {
  const page = {
    window,
    document,
    call: () => {
      throw new Error('no page functions here');
    },
    invoke: (target, method, args) => target[method](...args),
    post: (target, method, args) => void target[method](...args),
    create: (tag) => document.createElement(tag),
    fetch,
    sleep: () => {},
  };
  const handles = new HandleTable([window, document]);
  const memory = new LinearMemory(() => getExports().memory);
  const imports = {
    offstage: offstageImports(page, handles, memory, getExports),
    wasi_snapshot_preview1: wasi(memory, ['main']).imports,
  };
  return { imports, handles, memory };
}

/** A synchronous XMLHttpRequest: what a blocking fetch can be on the page. */
function fetchBlocking(target, init) {
  const xhr = new XMLHttpRequest();
  xhr.open(init.method ?? 'GET', target, false);
  xhr.send(init.body ?? null);
  return {
    status: xhr.status,
    headers: new Headers(),
    bytes: () => new TextEncoder().encode(xhr.responseText),
  };
}

export async function instantiateOnPage(url) {
  let exports;
  const { imports } = pageImports(() => exports, fetchBlocking);
  const { instance } = await WebAssembly.instantiateStreaming(fetch(url), imports);
  exports = instance.exports;
  exports._initialize?.();
  return { exports };
}
