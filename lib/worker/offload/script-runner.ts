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
    for (const script of scripts) this.#queue = this.#queue.then(() => this.#run(script));
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
        url = blobUrl(this.#source(script));
        importScripts(url);
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

  /** A classic script's source: its text, or its `src` loaded with a synchronous XHR. */
  #source(script: OffloadedScript): string {
    if (script.text !== undefined) return script.text;
    const xhr = new XMLHttpRequest();
    // The URL is resolved once, here.
    xhr_.open.call(xhr, 'GET', this.#resolve(script.src!, 'script'), false);
    let failed = false;
    try {
      xhr_.send.call(xhr);
    } catch {
      failed = true;
    }
    // Chromium and WebKit throw on a network or CORS error; Firefox answers status 0.
    if (failed || xhr.status === 0) {
      throw offstageError('script-load', `could not load ${script.src} (a network or CORS error)`);
    }
    if (xhr.status !== 200) throw new Error(`${script.src} answered HTTP ${xhr.status}`);
    return xhr.responseText;
  }
}

const blobUrl = (text: string) =>
  URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
