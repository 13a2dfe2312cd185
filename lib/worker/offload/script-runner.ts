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
import { fetch_, importScripts } from './worker-originals.js';

/**
 * What a script runs: its code, a module's URL, or — for a classic script from an origin
 * without CORS, which the worker may not read — its URL to import as the page would load it.
 */
type Source = { text: string } | { module: string } | { noCors: string };

/**
 * Runs offloaded scripts as a page does: each external script is fetched as soon as it is
 * handed over (in parallel); an `async` one runs as soon as it has loaded, the others one at
 * a time in the order handed over, even when a module awaits (top-level await); and the
 * page's forwarded calls run in their place in that order. Classic scripts run as global
 * code by `importScripts(blob:…)` of their source; modules by `import()`. Each script's
 * element gets its state (`data-offstage`) and, for one with a `src`, its `load` or `error`
 * event.
 */
export class ScriptRunner {
  #queue = Promise.resolve();
  #inlineCount = 0;
  readonly #names = new WeakMap<object, string>();
  /** Elements handed over or run: each runs once, however both ways reach it. */
  readonly #taken = new WeakSet<object>();

  readonly #main: MainThread<OffloadContract>;
  readonly #current: CurrentScript;
  readonly #resolve: (url: string, type: UrlType) => string;
  readonly #ran: () => void;
  /** Forwarded calls whose function no script has defined yet. */
  readonly #waiting: [path: string, args: unknown[]][] = [];

  constructor(
    main: MainThread<OffloadContract>,
    current: CurrentScript,
    resolve: (url: string, type: UrlType) => string,
    /** Told after each script and forwarded call (before the script's element is told). */
    ran: () => void,
  ) {
    this.#main = main;
    this.#current = current;
    this.#resolve = resolve;
    this.#ran = ran;
  }

  add(scripts: OffloadedScript[]): void {
    for (const script of scripts) {
      if (this.#taken.has(script.element)) continue;
      this.#taken.add(script.element);
      const loading = this.#load(script);
      const run = () =>
        loading.then(
          (source) => this.#run(script, source),
          (error) => this.#fail(script, error),
        );
      if (script.async) void run();
      else this.#queue = this.#queue.then(run);
    }
  }

  /**
   * Runs an inline classic script now, nested in the one running (which inserted it), as a
   * page runs an inline script as it is inserted.
   */
  runNow(element: object, text: string): void {
    if (this.#taken.has(element)) return;
    this.#taken.add(element);
    void this.#run({ element, text }, { text });
  }

  /**
   * A call the page made to a `forward` path, run on the scripts' window after what is
   * queued. If no script has defined its function yet (the page called it before the parser
   * reached the script that does), it waits, and the calls after it too, until a script has.
   */
  forward(path: string, args: unknown[]): void {
    this.#queue = this.#queue.then(() => {
      this.#waiting.push([path, args]);
      this.#deliver();
    });
  }

  /** Delivers the waiting forwarded calls, in order, each once, while their functions exist. */
  #deliver(): void {
    while (this.#waiting.length) {
      const [path, args] = this.#waiting[0]!;
      try {
        if (!callPath(self, path, args)) return;
      } catch (error) {
        this.#main.post(OffloadCall.Error, `a forwarded call to ${path}`, String(error));
      }
      this.#waiting.shift();
      this.#ran();
    }
  }

  /**
   * Starts loading a script's source (the URL resolved once, here); a failure to load is
   * the script's, when its turn comes.
   */
  #load(script: OffloadedScript): Promise<Source> {
    if (script.text !== undefined && !script.module) return Promise.resolve({ text: script.text });
    try {
      if (script.module) {
        return Promise.resolve({
          module: script.src ? this.#resolve(script.src, 'script') : blobUrl(script.text!),
        });
      }
      const src = this.#resolve(script.src!, 'script');
      return fetch_(src).then(
        async (response) => {
          if (!response.ok) throw new Error(`${src} answered HTTP ${response.status}`);
          // Decoded by the charset the server names, as a page and a synchronous XHR do.
          const charset = /charset=([^;]+)/i.exec(response.headers.get('content-type') ?? '');
          const bytes = await response.arrayBuffer();
          return { text: new TextDecoder(charset?.[1]!.trim()).decode(bytes) };
        },
        // A network or CORS error: loaded as the page would, when its turn comes.
        () => ({ noCors: src }),
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Runs one script; a module's evaluation may finish later (top-level await). */
  async #run(script: OffloadedScript, source: Source): Promise<void> {
    const { element } = script;
    this.#current.enter(element, this.#name(script));
    let url: string | undefined;
    try {
      if ('module' in source) await import(/* @vite-ignore */ (url = source.module));
      else if ('text' in source) importScripts((url = blobUrl(source.text)));
      else importWithoutCors(source.noCors);
      this.#ran();
      this.#main.post(Access.Method, element, 'setAttribute', ['data-offstage', ScriptState.Done]);
      if (script.src) this.#main.post(Access.Method, element, 'dispatchEvent', [new Event('load')]);
    } catch (error) {
      this.#ran();
      this.#fail(script, error);
    } finally {
      if (url?.startsWith('blob:')) URL.revokeObjectURL(url);
      this.#current.leave();
      this.#deliver();
    }
  }

  /** A script that failed to load or threw: its state, its `error` event, the console. */
  #fail(script: OffloadedScript, error: unknown): void {
    const main = this.#main;
    const { element } = script;
    main.post(Access.Method, element, 'setAttribute', ['data-offstage', ScriptState.Failed]);
    if (script.src) main.post(Access.Method, element, 'dispatchEvent', [new Event('error')]);
    const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    main.post(OffloadCall.Error, this.#name(script), cause);
  }

  /** A script's name in messages: its URL, or `inline script #n` in the order they ran. */
  #name({ src, element }: OffloadedScript): string {
    if (src) return src;
    let name = this.#names.get(element);
    if (!name) this.#names.set(element, (name = `inline script #${++this.#inlineCount}`));
    return name;
  }
}

const blobUrl = (text: string) =>
  URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));

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
