import { offstageError } from '../../shared/errors.js';
import { callPath } from '../../shared/offload/call-path.js';
import {
  OffloadCall,
  ScriptState,
  type OffloadContract,
  type OffloadedScript,
  type UrlType,
} from '../../shared/offload/protocol.js';
import { Access } from '../../shared/proxy/protocol.js';
import type { MainThread } from '../channel/main-thread.js';
import type { CurrentScript } from './current-script.js';
import { xhr_ } from '../channel/original-globals.js';
import { importScripts } from './worker-originals.js';

/**
 * Runs offloaded scripts one at a time, in the order handed over, even when a module awaits
 * (top-level await); and the page's forwarded calls, in their place in that order. Classic
 * scripts run as global code by `importScripts(blob:…)` of their source, fetched with a
 * synchronous XHR (document order); modules by `import()`. Each script's element gets its
 * state (`data-offstage`) and, for one with a `src`, its `load` or `error` event.
 */
export class ScriptRunner {
  #queue = Promise.resolve();
  #inlineCount = 0;
  /** Elements handed over or run: each runs once, however both ways reach it. */
  readonly #taken = new WeakSet<object>();

  readonly #main: MainThread<OffloadContract>;
  readonly #current: CurrentScript;
  readonly #resolve: (url: string, type: UrlType) => string;

  constructor(
    main: MainThread<OffloadContract>,
    current: CurrentScript,
    resolve: (url: string, type: UrlType) => string,
  ) {
    this.#main = main;
    this.#current = current;
    this.#resolve = resolve;
  }

  add(scripts: OffloadedScript[]): void {
    for (const script of scripts) {
      if (this.#taken.has(script.element)) continue;
      this.#taken.add(script.element);
      this.#queue = this.#queue.then(() => this.#run(script));
    }
  }

  /**
   * Runs an inline classic script now, nested in the one running (which inserted it), as a
   * page runs an inline script as it is inserted.
   */
  runNow(element: object, text: string): void {
    if (this.#taken.has(element)) return;
    this.#taken.add(element);
    void this.#run({ element, text, module: false });
  }

  /** A call the page made to a `forward` path, run on the scripts' window after what is queued. */
  forward(path: string, args: unknown[]): void {
    this.#queue = this.#queue.then(() => {
      try {
        callPath(self, path, args);
      } catch (error) {
        this.#main.post(OffloadCall.Error, `a forwarded call to ${path}`, String(error));
      }
    });
  }

  /** Runs one script; a module's evaluation may finish later (top-level await). */
  async #run(script: OffloadedScript): Promise<void> {
    const name = script.src ?? `inline script #${++this.#inlineCount}`;
    const main = this.#main;
    const { element } = script;
    this.#current.enter(element, name);
    let url: string | undefined;
    try {
      if (script.module) {
        url = script.src ? this.#resolve(script.src, 'script') : blobUrl(script.text!);
        await import(/* @vite-ignore */ url);
      } else {
        // The URL is resolved once, here.
        const src = script.src && this.#resolve(script.src, 'script');
        const text = script.text ?? read(src!);
        if (text !== undefined) importScripts((url = blobUrl(text)));
        else importWithoutCors(src!);
      }
      main.post(Access.Method, element, 'setAttribute', ['data-offstage', ScriptState.Done]);
      if (script.src) main.post(Access.Method, element, 'dispatchEvent', [new Event('load')]);
    } catch (error) {
      main.post(Access.Method, element, 'setAttribute', ['data-offstage', ScriptState.Failed]);
      if (script.src) main.post(Access.Method, element, 'dispatchEvent', [new Event('error')]);
      const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      main.post(OffloadCall.Error, name, cause);
    } finally {
      if (url?.startsWith('blob:')) URL.revokeObjectURL(url);
      this.#current.leave();
    }
  }
}

const blobUrl = (text: string) =>
  URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));

/**
 * A classic script's text, read with a synchronous XHR (which keeps document order); undefined
 * where the server sends no CORS headers, so that the worker may not read it: then it is loaded
 * as the page would load it (`importWithoutCors`).
 */
function read(src: string): string | undefined {
  const xhr = new XMLHttpRequest();
  xhr_.open.call(xhr, 'GET', src, false);
  try {
    xhr_.send.call(xhr);
  } catch {
    return undefined; // Chromium and WebKit throw on a network or CORS error
  }
  if (xhr.status === 0) return undefined; // Firefox answers status 0
  if (xhr.status !== 200) throw new Error(`${src} answered HTTP ${xhr.status}`);
  return xhr.responseText;
}

/**
 * A classic script from an origin without CORS, run as a page runs `<script src>`: a worker
 * imports classic scripts cross-origin without CORS (under `Cross-Origin-Embedder-Policy:
 * require-corp` only with `Cross-Origin-Resource-Policy`, as on the page). A script the
 * browser refuses, or a network error, is a `script-load` error.
 */
function importWithoutCors(src: string): void {
  try {
    importScripts(src);
  } catch (error) {
    if ((error as Error)?.name !== 'NetworkError') throw error;
    const isolated = self.crossOriginIsolated ? ', or refused under cross-origin isolation' : '';
    throw offstageError('script-load', `could not load ${src} (a network error${isolated})`);
  }
}
