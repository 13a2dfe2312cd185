// The Wasm benchmark's main-thread runners: the same offstage.h imports Offstage gives the
// worker (lib/worker/wasm/offstage-imports.ts, bundled by scripts/bench-wasm.mjs), on the
// page's real DOM, with fetch awaited through JSPI or through Asyncify.
import { HandleTable } from '../../lib/worker/wasm/handle-table.ts';
import { LinearMemory } from '../../lib/worker/wasm/linear-memory.ts';
import { offstageImports } from '../../lib/worker/wasm/offstage-imports.ts';
import { wasi } from '../../lib/worker/wasm/wasi.ts';

/** The page side of the imports, with direct calls; `fetch` is replaced by each runner. */
function pageImports(getExports) {
  const page = {
    window,
    document,
    call: () => {
      throw new Error('not in this benchmark');
    },
    invoke: (target, method, args) => target[method](...args),
    post: (target, method, args) => void target[method](...args),
    create: (tag) => document.createElement(tag),
    fetch: () => {
      throw new Error('a main-thread fetch cannot block');
    },
    sleep: () => {},
  };
  const handles = new HandleTable([window, document]);
  const memory = new LinearMemory(() => getExports().memory);
  const imports = offstageImports(page, handles, memory, getExports);
  /** fetch, read whole: what the blocking import gives, as a Promise. */
  const fetchAsync = async (methodPtr, methodLen, urlPtr, urlLen) => {
    const response = await fetch(memory.string(urlPtr, urlLen, 'fetch'), { method: memory.string(methodPtr, methodLen, 'fetch') || 'GET' });
    return handles.add({ status: response.status, headers: [...response.headers], body: new Uint8Array(await response.arrayBuffer()) });
  };
  return { imports, fetchAsync, memory, wasiImports: wasi(memory, ['bench']).imports };
}

/** JSPI (Chromium): fetch suspends the Wasm stack; exports return Promises. */
export async function jspi(url) {
  let exports;
  const { imports, fetchAsync, wasiImports } = pageImports(() => exports);
  imports.fetch = new WebAssembly.Suspending(fetchAsync);
  const { instance } = await WebAssembly.instantiateStreaming(fetch(url), { offstage: imports, wasi_snapshot_preview1: wasiImports });
  exports = instance.exports;
  exports._initialize();
  return {
    exports,
    build: WebAssembly.promising(exports.build),
    fetches: WebAssembly.promising(exports.fetches),
  };
}

/**
 * Asyncify (Binaryen): on fetch, the module unwinds its stack into a buffer and returns; once
 * the Promise settles it is called again and rewinds to where it was.
 */
export async function asyncify(url, stackSize = 65536) {
  let exports;
  const { imports, fetchAsync, wasiImports } = pageImports(() => exports);
  let pending;
  let result;
  imports.fetch = (...args) => {
    if (exports.asyncify_get_state() === 2) {
      exports.asyncify_stop_rewind();
      return result;
    }
    pending = fetchAsync(...args).then((value) => (result = value));
    exports.asyncify_start_unwind(data);
  };
  const { instance } = await WebAssembly.instantiateStreaming(fetch(url), { offstage: imports, wasi_snapshot_preview1: wasiImports });
  exports = instance.exports;
  exports._initialize();
  // Asyncify's buffer: { start, end } then the saved stack.
  const data = exports.malloc(8 + stackSize);
  new Int32Array(exports.memory.buffer, data, 2).set([data + 8, data + 8 + stackSize]);
  const callAsync = (name) => async (...args) => {
    let value = exports[name](...args);
    while (exports.asyncify_get_state() === 1) {
      exports.asyncify_stop_unwind();
      await pending;
      exports.asyncify_start_rewind(data);
      value = exports[name](...args);
    }
    return value;
  };
  return { exports, build: callAsync('build'), fetches: callAsync('fetches') };
}
