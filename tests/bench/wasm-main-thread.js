// The Wasm benchmark's main-thread runners: the offstage.h imports on the page's real DOM
// (site/wasm-main-thread.js: the worker's own import code), with fetch awaited through JSPI
// or through Asyncify. Bundled for the page by scripts/bench-wasm.mjs.
import { pageImports } from '../../site/wasm-main-thread.js';

const blocked = () => {
  throw new Error('a main-thread fetch cannot block');
};

/** Imports whose fetch is an async function: it reads the response whole, as the blocking import does. */
function asyncImports(getExports) {
  const { imports, handles, memory } = pageImports(getExports, blocked);
  const fetchAsync = async (methodPtr, methodLen, urlPtr, urlLen) => {
    const response = await fetch(memory.string(urlPtr, urlLen, 'fetch'), {
      method: memory.string(methodPtr, methodLen, 'fetch') || 'GET',
    });
    return handles.add({
      status: response.status,
      headers: [...response.headers],
      body: new Uint8Array(await response.arrayBuffer()),
    });
  };
  return { imports, fetchAsync };
}

/** JSPI (Chromium): fetch suspends the Wasm stack; exports return Promises. */
export async function jspi(url) {
  let exports;
  const { imports, fetchAsync } = asyncImports(() => exports);
  imports.offstage.fetch = new WebAssembly.Suspending(fetchAsync);
  const { instance } = await WebAssembly.instantiateStreaming(fetch(url), imports);
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
  const { imports, fetchAsync } = asyncImports(() => exports);
  let pending;
  let result;
  imports.offstage.fetch = (...args) => {
    if (exports.asyncify_get_state() === 2) {
      exports.asyncify_stop_rewind();
      return result;
    }
    pending = fetchAsync(...args).then((value) => (result = value));
    exports.asyncify_start_unwind(data);
  };
  const { instance } = await WebAssembly.instantiateStreaming(fetch(url), imports);
  exports = instance.exports;
  exports._initialize();
  // Asyncify's buffer: { start, end } then the saved stack.
  const data = exports.malloc(8 + stackSize);
  new Int32Array(exports.memory.buffer, data, 2).set([data + 8, data + 8 + stackSize]);
  const callAsync =
    (name) =>
    async (...args) => {
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
