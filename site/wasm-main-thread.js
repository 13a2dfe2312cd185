// For the demo's comparison (site/wasm.html?where=main): the same table.wasm with the same
// import code as in Offstage's worker (lib/worker/wasm/offstage-imports.ts), run on the page
// itself. Its blocking fetch has to be a synchronous XMLHttpRequest there: the page stops
// while it waits, and while the program computes.
import { HandleTable } from '../lib/worker/wasm/handle-table.ts';
import { LinearMemory } from '../lib/worker/wasm/linear-memory.ts';
import { offstageImports } from '../lib/worker/wasm/offstage-imports.ts';
import { wasi } from '../lib/worker/wasm/wasi.ts';

export async function instantiateOnPage(url) {
  let exports;
  const memory = new LinearMemory(() => exports.memory);
  const handles = new HandleTable([window, document]);
  const page = {
    window,
    document,
    call: () => {
      throw new Error('no page functions in this demo');
    },
    invoke: (target, method, args) => target[method](...args),
    post: (target, method, args) => void target[method](...args),
    create: (tag) => document.createElement(tag),
    fetch(target, init) {
      const xhr = new XMLHttpRequest();
      xhr.open(init.method ?? 'GET', target, false);
      xhr.send(init.body ?? null);
      return { status: xhr.status, headers: new Headers(), bytes: () => new TextEncoder().encode(xhr.responseText) };
    },
    sleep: () => {},
  };
  const imports = { offstage: offstageImports(page, handles, memory, () => exports), wasi_snapshot_preview1: wasi(memory, ['table']).imports };
  const { instance } = await WebAssembly.instantiateStreaming(fetch(url), imports);
  exports = instance.exports;
  exports._initialize?.();
  return { exports };
}
