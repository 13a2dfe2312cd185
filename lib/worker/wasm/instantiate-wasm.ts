import { offstageError } from '../../shared/errors.js';
import { Access } from '../../shared/proxy/protocol.js';
import type { AnyMainThread } from '../channel/main-thread.js';
import { createNode } from '../proxy/create-node.js';
import { pageWindow } from '../proxy/page-window.js';
import { fetchSync, sleepSync } from '../sync-apis/sync-apis.js';
import { HandleTable } from './handle-table.js';
import { LinearMemory } from './linear-memory.js';
import { offstageImports, type PageWindow, type WasmPage } from './offstage-imports.js';
import { wasi, WasiExit } from './wasi.js';

export interface InstantiateWasmOptions {
  /** The channel to the page, connected with `proxies: true` (offloaded scripts: given). */
  main: AnyMainThread;
  /** The page's window proxy. Default: asked of the page (its `remoteAccess` handlers). */
  window?: PageWindow | object;
  /**
   * More import namespaces (your own; `env` for Emscripten's), beside `offstage` and
   * `wasi_snapshot_preview1`.
   */
  imports?: WebAssembly.Imports;
  /** A WASI program's arguments (`argv`); the first is its name. Default `['main']`. */
  args?: string[];
  /** Rewrites the URLs the module fetches (offloaded scripts: the page's `resolveUrl`). */
  resolveUrl?: (url: string) => string;
  /**
   * Makes the module's elements (offloaded scripts: their own `document.createElement`, so
   * that a script element the module adds runs offloaded). Default: without a round trip.
   */
  createElement?: (tag: string) => unknown;
}

export interface WasmProgram {
  readonly module: WebAssembly.Module;
  readonly instance: WebAssembly.Instance;
  readonly exports: WebAssembly.Exports;
  /** Runs a WASI command's `main` (its `_start` export) and returns its exit status. */
  run(): number;
  /** How many handles the module holds (window and document are always there: at least 2). */
  readonly handles: number;
}

type Source = string | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Instantiates a WebAssembly module in the worker with the `offstage` imports (offstage.h)
 * and a minimal WASI, so that C code reaches the page's DOM and its asynchronous APIs by
 * plain blocking calls. A reactor's `_initialize` runs here; a command's `main` runs on `run()`.
 */
export async function instantiateWasm(
  source: Source,
  options: InstantiateWasmOptions,
): Promise<WasmProgram> {
  const { main } = options;
  const window = (options.window ?? pageWindow(main)) as PageWindow;
  const document = window.document;
  const page: WasmPage = {
    window,
    document,
    call: (name, ...args) => main.call(name, ...args),
    invoke: (target, method, args) => main.call(Access.Method, target, method, args),
    post: (target, method, args) => main.post(Access.Method, target, method, args),
    create:
      options.createElement ??
      ((tag) => createNode(main, document, 'createElement', [tag], 0, 'element')),
    fetch: (url, init) => fetchSync(main, options.resolveUrl?.(url) ?? url, init),
    sleep: (ms) => sleepSync(main, ms),
  };
  let instance: WebAssembly.Instance | undefined;
  const exports = () => {
    if (!instance)
      throw offstageError(
        'wasm-export',
        'an import was called while the module was being instantiated (by its start function): its memory is not known yet',
      );
    return instance.exports;
  };
  const memory = new LinearMemory(() => {
    const exported = exports().memory;
    if (!(exported instanceof WebAssembly.Memory))
      throw offstageError('wasm-export', 'no memory export');
    return exported;
  });
  const handles = new HandleTable([window, document]);
  const system = wasi(memory, options.args ?? ['main']);
  const imports: WebAssembly.Imports = {
    wasi_snapshot_preview1: system.imports,
    ...options.imports,
    offstage: offstageImports(page, handles, memory, exports),
  };
  const module = source instanceof WebAssembly.Module ? source : await compile(source);
  instance = await WebAssembly.instantiate(module, imports);
  if (typeof instance.exports._initialize === 'function')
    (instance.exports._initialize as () => void)();
  return {
    module,
    instance,
    exports: instance.exports,
    get handles() {
      return handles.size;
    },
    run() {
      const start = instance!.exports._start;
      if (typeof start !== 'function')
        throw offstageError(
          'wasm-export',
          'run(): no _start export (build a WASI command, or call your own export)',
        );
      try {
        start();
        return 0;
      } catch (error) {
        if (error instanceof WasiExit) return error.code;
        throw error;
      } finally {
        system.flush();
      }
    },
  };
}

async function compile(
  source: string | URL | Response | BufferSource,
): Promise<WebAssembly.Module> {
  const response =
    typeof source === 'string' || source instanceof URL ? await fetch(source) : source;
  if (response instanceof Response) {
    if (!response.ok) throw new Error(`Offstage: ${response.url} answered HTTP ${response.status}`);
    return WebAssembly.compile(await response.arrayBuffer());
  }
  return WebAssembly.compile(response);
}
