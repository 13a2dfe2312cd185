import {
  OffloadCall,
  ScriptState,
  type OffloadContract,
  type OffloadedScript,
} from '../../shared/offload/protocol.js';
import { isJavaScript, OFFLOADED_TYPE } from '../../shared/offload/script-type.js';
import { Access } from '../../shared/proxy/protocol.js';
import type { MainThread } from '../channel/main-thread.js';
import { createNode } from '../proxy/create-node.js';
import type { AroundCall, LocalRead, LocalWrite } from '../proxy/remote-proxy.js';
import type { CurrentScript } from './current-script.js';

/** What the overrides need of the page, known once the worker has started. */
export interface OverriddenPage {
  main: MainThread<OffloadContract>;
  document: object;
  navigator: object;
  /** The scripts' `navigator.sendBeacon`, if it must differ from the page's. */
  sendBeacon?: (url: string, data?: unknown) => boolean;
  /** Runs an inline script now, as the current script (`ScriptRunner.runNow`). */
  runNow: (element: object, text: string) => void;
  /** Told of each element the scripts make, by the name it is made as (custom elements). */
  madeElement?: (element: object, name: string) => void;
}

/** The methods that insert nodes: an inline script the scripts made runs as they insert it. */
const INSERTING = new Set([
  'appendChild',
  'insertBefore',
  'replaceChild',
  'append',
  'prepend',
  'before',
  'after',
  'replaceWith',
  'insertAdjacentElement',
  'replaceChildren',
]);
/** The properties that set a script's inline code. */
const CODE = new Set(['text', 'textContent', 'innerText', 'innerHTML']);

/**
 * Page members the worker answers itself, for the proxies' `local` and `write` hooks:
 *
 * - `document.currentScript`: the running script's element;
 * - `document.write`/`writeln`: on the page, after load, they would replace the whole
 *   document; here the markup goes in after the running script (after what it wrote
 *   before), and scripts in it run offloaded too;
 * - `document.createElement` and friends: the node is made without a round trip
 *   (lib/worker/proxy/create-node.ts), and a `<script>` is marked to run offloaded — it stays
 *   so whatever JavaScript `type` it is given later, while its `type` reads what the script
 *   set (`""` at first), as on a page;
 * - `navigator.sendBeacon`, when the page resolves URLs or has beacon options;
 * - inserting an inline script the scripts made (its code set through `text`, `textContent`,
 *   `innerText`, `innerHTML` or text nodes they made): it runs during the insertion, as on a
 *   page, if the insertion connects it to the document; the page is told not to hand it over.
 * - inserting a script the scripts made into another document (a frame's): it gets back the
 *   `type` they gave it and the browser runs it there, in that document's window, as a page
 *   would; from then on it is the page's like any other element.
 *
 * Nothing is overridden until `attach()`.
 */
export class PageOverrides {
  #page: OverriddenPage | undefined;
  /** Script elements the scripts created: they run here too, when added to the page. */
  readonly #madeScripts = new WeakSet<object>();
  /** The `type` each of them was given by the scripts, which they read back. */
  readonly #declaredTypes = new WeakMap<object, string>();
  /** Their inline code as the scripts set it, those given a `src`, and those already run. */
  readonly #code = new WeakMap<object, string>();
  readonly #external = new WeakSet<object>();
  /** Those set `async = false`: they run in order with the others. */
  readonly #inOrder = new WeakSet<object>();
  readonly #started = new WeakSet<object>();
  /** Inline scripts inserted into elements not in the document: they run once they are. */
  #detached: object[] = [];
  /** Every element the scripts made: only inserting one of them can connect a detached script. */
  readonly #madeElements = new WeakSet<object>();
  /** The text of text nodes the scripts made. */
  readonly #texts = new WeakMap<object, string>();
  readonly #document: Record<string, unknown>;

  readonly #current: CurrentScript;

  constructor(current: CurrentScript) {
    this.#current = current;
    this.#document = {
      write: this.#documentWrite(''),
      writeln: this.#documentWrite('\n'),
      createElement: this.#create('createElement', 0, 'element'),
      createElementNS: this.#create('createElementNS', 1, 'element'),
      createTextNode: this.#create('createTextNode', -1, 'node'),
      createComment: this.#create('createComment', -1, 'node'),
      createDocumentFragment: this.#create('createDocumentFragment', -1, 'node'),
    };
  }

  attach(page: OverriddenPage): void {
    this.#page = page;
  }

  /** The scripts' `document.createElement` (Wasm modules make their elements with it too). */
  get createElement(): (tag: string) => unknown {
    return this.#document.createElement as (tag: string) => unknown;
  }

  readonly read: LocalRead = (proxy, key) => {
    const page = this.#page;
    if (proxy === page?.document) {
      if (key === 'currentScript') return { value: this.#current.element };
      // Own names only: `constructor`, `toString` and the rest of Object.prototype are the page's.
      return Object.hasOwn(this.#document, key) ? { value: this.#document[key] } : undefined;
    }
    if (proxy === page?.navigator && key === 'sendBeacon' && page.sendBeacon) {
      return { value: page.sendBeacon };
    }
    if (key === 'type' && this.#madeScripts.has(proxy)) {
      return { value: this.#declaredTypes.get(proxy) ?? '' };
    }
    return undefined;
  };

  /**
   * A script handed over by the page, with `async` as a page has it for one the scripts
   * made: an external or module script inserted by code runs as soon as it has loaded,
   * unless they set `async = false`. (The page cannot tell: to it, every offloaded script
   * looks inserted by code, so it goes by the `async` attribute, as in markup.)
   */
  readonly asInserted = (script: OffloadedScript): OffloadedScript =>
    this.#madeScripts.has(script.element)
      ? {
          ...script,
          async: !this.#inOrder.has(script.element) && (!!script.src || !!script.module),
        }
      : script;

  readonly write: LocalWrite = (proxy, key, value) => {
    if (!this.#madeScripts.has(proxy)) return false;
    if (key === 'async') {
      if (value) this.#inOrder.delete(proxy);
      else this.#inOrder.add(proxy);
    }
    if (CODE.has(key)) this.#code.set(proxy, String(value));
    if (key === 'src') this.#external.add(proxy);
    if (key !== 'type') return false;
    this.#declaredTypes.set(proxy, String(value));
    const type = isJavaScript(String(value)) ? OFFLOADED_TYPE : value;
    this.#page!.main.post(Access.Set, proxy, key, type);
    return true;
  };

  readonly around: AroundCall = (self, key, args, call) => {
    // Text the scripts add to a script they made is part of its code.
    if (this.#madeScripts.has(self) && (key === 'appendChild' || key === 'append')) {
      for (const arg of args) {
        const text = typeof arg === 'string' ? arg : this.#texts.get(arg as object);
        if (text !== undefined) this.#code.set(self, (this.#code.get(self) ?? '') + text);
      }
      return call();
    }
    if (!INSERTING.has(key)) return call();
    const made = args.filter((arg) => this.#madeScripts.has(arg as object)) as object[];
    if (made.length && this.#inFrame(self)) {
      // Another document's scripts run in its window, on the page, as they would there.
      for (const script of made) this.#runOnPage(script);
      return call();
    }
    const inserted = args.filter((arg) => this.#runsWhenInserted(arg)) as object[];
    // A detached script's holder is one the scripts made: other insertions leave it detached.
    const recheck =
      this.#detached.length > 0 && args.some((arg) => this.#madeElements.has(arg as object));
    if (!inserted.length && !recheck) return call();
    const { main, runNow } = this.#page!;
    const scripts = recheck ? [...inserted, ...this.#detached] : inserted;
    // The page must not hand them over as they are inserted: they run here.
    for (const script of scripts) {
      this.#started.add(script);
      main.post(Access.Method, script, 'setAttribute', ['data-offstage', ScriptState.Queued]);
    }
    const result = call();
    if (recheck) this.#detached = [];
    for (const script of scripts) {
      if ((script as { isConnected: boolean }).isConnected) {
        runNow(script, this.#code.get(script)!);
      } else {
        // Not in the document yet: it runs when an insertion puts it there, or, if that
        // happens some other way, the page hands it over.
        this.#detached.push(script);
        main.post(Access.Method, script, 'removeAttribute', ['data-offstage']);
      }
    }
    return result;
  };

  /** Whether `node` belongs to a document other than the page's (a frame's). */
  #inFrame(node: object): boolean {
    const { document } = this.#page!;
    const owner = (node as { ownerDocument: object | null }).ownerDocument;
    return (owner ?? node) !== document;
  }

  /** Gives a script the scripts made back its own `type`, for the browser to run it. */
  #runOnPage(script: object): void {
    const { main } = this.#page!;
    this.#madeScripts.delete(script);
    const type = this.#declaredTypes.get(script);
    if (type === undefined) main.post(Access.Method, script, 'removeAttribute', ['type']);
    else main.post(Access.Set, script, 'type', type);
  }

  #runsWhenInserted(node: unknown): boolean {
    if (!this.#madeScripts.has(node as object)) return false;
    const script = node as object;
    return (
      !this.#started.has(script) &&
      !this.#external.has(script) &&
      !!this.#code.get(script) &&
      isJavaScript(this.#declaredTypes.get(script) ?? '')
    );
  }

  #documentWrite(line: string) {
    return (...markup: string[]) => {
      const { main } = this.#page!;
      main.post(OffloadCall.Write, this.#current.element, markup.join('') + line);
    };
  }

  #create(method: string, nameAt: number, kind: 'node' | 'element') {
    return (...args: unknown[]) => {
      const { main, document } = this.#page!;
      const node = createNode(main, document, method, args, nameAt, kind) as object;
      if (method === 'createTextNode') this.#texts.set(node, String(args[0]));
      if (kind === 'element') {
        this.#madeElements.add(node);
        const is = (args[nameAt + 1] as { is?: unknown } | undefined)?.is;
        this.#page!.madeElement?.(node, String(is ?? args[nameAt]));
      }
      const html = method === 'createElement' || args[0] === 'http://www.w3.org/1999/xhtml';
      if (html && String(args[nameAt]).toLowerCase() === 'script') {
        this.#madeScripts.add(node);
        this.#page!.main.post(Access.Set, node, 'type', OFFLOADED_TYPE);
      }
      return node;
    };
  }
}
