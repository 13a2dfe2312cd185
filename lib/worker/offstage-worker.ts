import { Access } from '../shared/protocol.js';
import { callPath } from '../shared/call-path.js';
import { isJavaScript, OFFLOADED_TYPE } from '../shared/script-type.js';
import { connectMain } from './connect-main.js';

/**
 * The worker that runs a page's `<script type="text/offstage">` scripts (started by
 * lib/main/offload.ts). Each script runs as classic global code — `importScripts` of its
 * source wrapped in `with (scope) { … }` — so that:
 * - its top-level `var` and `function` declarations become globals later scripts see;
 * - a name it does not declare is looked up on the page's `window` (one round trip), and
 *   reading one that exists nowhere throws a ReferenceError, as on the page;
 * - `window`, `self`, `globalThis` are a window whose reads fall through to the page's and
 *   whose writes stay in the worker; `document.currentScript` is its own element; worker-only names (`importScripts`, `WorkerGlobalScope`, …) are hidden.
 * Known limit: top-level `this` is the worker's global, not `window`.
 */

interface OffloadedScript {
  element: Record<string, unknown>;
  src?: string;
  text?: string;
  /** Its src, or "inline script #n" in the order they arrived. */
  name?: string;
}

interface ScriptStats {
  script: string;
  roundTrips: number;
  blockedMs: number;
  paths: Record<string, { count: number; ms: number }>;
}

const HIDDEN = new Set(['importScripts', 'WorkerGlobalScope', 'DedicatedWorkerGlobalScope', 'WorkerNavigator', 'WorkerLocation']);
const WINDOW_NAMES = new Set(['window', 'self', 'globalThis', 'top', 'parent', 'frames']);
/** Names a worker has too, that scripts expect from the page. */
const PAGE_NAMES = new Set([
  'navigator', 'location', 'origin', 'name', 'close',
  'addEventListener', 'removeEventListener', 'dispatchEvent', 'postMessage', 'onmessage',
  // The page's timeline: navigation and paint entries, marks, timestamps analytics compare.
  'performance', 'PerformanceObserver',
]);
const SCOPE = '__offstageScope__';
/** `offload({ profile: true })` starts this worker as `offstage-worker.js?profile`. */
const PROFILE = new URLSearchParams(location.search).has('profile');
/** The page's objects that never change for a window's life: read once. */
const STABLE = new Set(['document', 'navigator', 'location', 'history', 'screen', 'localStorage', 'sessionStorage', 'customElements', 'visualViewport', 'performance']);

async function start(): Promise<void> {
  let current: OffloadedScript | undefined;
  let pageDocument: object | undefined;
  const stats = new Map<string, ScriptStats>();
  /** Page methods that return nothing (lib/main/void-methods.ts): their calls are posted. */
  const voidMethods = new WeakSet<object>();
  let inlineCount = 0;
  const main = await connectMain({
    // Each script's `document.currentScript` is its own element, answered without a round trip.
    proxies: {
      local: (proxy, key) => (proxy === pageDocument ? documentHere(key) : undefined),
      // A script element a script made stays offloaded whatever type it is given, unless that is not JavaScript.
      write(proxy, key, value) {
        if (key !== 'type' || !madeScripts.has(proxy)) return false;
        main.post(Access.Set, proxy, key, isJavaScript(String(value)) ? OFFLOADED_TYPE : value);
        return true;
      },
      posted: (fn) => voidMethods.has(fn as object),
    },
    // The profiler, when the page asked for it (it costs each call a little): what each script costs the page, by property path.
    onRoundTrip: PROFILE ? (target, args, ms) => {
      const script = current?.name ?? '(between scripts)';
      let entry = stats.get(script);
      if (!entry) stats.set(script, (entry = { script, roundTrips: 0, blockedMs: 0, paths: {} }));
      entry.roundTrips++;
      entry.blockedMs += ms;
      const name = String(target);
      const path = name.startsWith('offstage:') ? `${name.slice(9)} ${typeof args[1] === 'string' ? args[1] : ''}`.trim() : name;
      const cost = (entry.paths[path] ??= { count: 0, ms: 0 });
      cost.count++;
      cost.ms += ms;
    } : undefined,
  });
  /**
   * What `document` answers here, not from the page: each script's own `currentScript`, and
   * `write`/`writeln` — on the page, after load, they would replace the whole document; here
   * the markup goes in after the running script (after what it wrote before), and scripts
   * in it run offloaded too.
   */
  const write = (line: string) =>
    function (...markup: string[]) {
      main.post('offstage:write', current?.element ?? null, markup.join('') + line);
    };
  /** Script elements the scripts created: they run here too, when they are added to the page. */
  const madeScripts = new WeakSet<object>();
  const create = (method: string) =>
    function (...args: unknown[]) {
      const element = main.call(Access.Method, pageDocument, method, args) as Record<string, unknown>;
      if (String(element.localName) === 'script') {
        madeScripts.add(element);
        element.type = OFFLOADED_TYPE;
      }
      return element;
    };
  const local = { write: write(''), writeln: write('\n'), createElement: create('createElement'), createElementNS: create('createElementNS') } as Record<string, unknown>;
  function documentHere(key: string): { value: unknown } | undefined {
    if (key === 'currentScript') return { value: current?.element ?? null };
    return key in local ? { value: local[key] } : undefined;
  }

  const page = main.call(Access.Global) as Record<string | symbol, unknown>;
  for (const fn of main.call('offstage:void-methods') as object[]) voidMethods.add(fn);
  pageDocument = page.document as object;

  const worker = self as unknown as Record<string | symbol, unknown>;
  /**
   * Names the page was found to have: a global the page defines is rarely deleted, and each
   * bare name a script uses (`document`) would otherwise cost a round trip to ask.
   */
  const pageNames = new Set<string>();
  const onPage = (key: string) => pageNames.has(key) || (key in page && !!pageNames.add(key));
  /** The values of `STABLE` names, read once. */
  const stable = new Map<string, unknown>();
  /**
   * The scripts' `window` — and the `with` scope their names resolve in. Reads come from
   * the worker's global when it has the name (the scripts' own globals), else from the page;
   * writes stay in the worker, shared by all offloaded scripts, except the page's own
   * (`location`, `name`, …). So `window.dataLayer = window.dataLayer || []` makes a worker
   * array, not a copy on the page.
   */
  const scope: Record<string | symbol, unknown> = new Proxy(worker, {
    has: (target, key) =>
      typeof key === 'string' && (key in target || HIDDEN.has(key) || WINDOW_NAMES.has(key) || onPage(key)),
    get(target, key) {
      if (key === Symbol.unscopables) return undefined;
      if (typeof key !== 'string') return Reflect.get(target, key);
      if (WINDOW_NAMES.has(key)) return scope;
      if (HIDDEN.has(key)) return undefined;
      if (key in target && !PAGE_NAMES.has(key)) return target[key];
      if (STABLE.has(key)) return stable.get(key) ?? stable.set(key, page[key]).get(key);
      return page[key];
    },
    set(target, key, value) {
      if (typeof key === 'string' && PAGE_NAMES.has(key)) page[key] = value;
      else target[key] = value;
      return true;
    },
  });
  worker[SCOPE] = scope;

  // URLs the scripts load go through the page's resolveUrl, when it has one.
  const resolves = main.call('offstage:resolves-urls') as boolean;
  // Relative to the page, not to this worker's script; an absolute path needs no round trip.
  const absolute = (url: string | URL): string =>
    /^([a-z][a-z\d+.-]*:|\/)/i.test(String(url)) ? String(url) : new URL(url, (page.location as { href: string }).href).href;
  const resolve = (url: string | URL, type: 'script' | 'fetch' | 'xhr'): string =>
    resolves ? (main.call('offstage:resolve-url', new URL(absolute(url), location.href).href, type) as string) : absolute(url);
  const { open } = XMLHttpRequest.prototype;
  const { fetch } = self;
  self.fetch = (input, init) => {
    const body = init?.body;
    // A keepalive request must outlive the page, and the worker dies with it: the page sends it.
    if (init?.keepalive && !(input instanceof Request) && (body == null || typeof body === 'string' || body instanceof URLSearchParams || body instanceof ArrayBuffer || ArrayBuffer.isView(body))) {
      return new Promise<Response>((settle, fail) => {
        const headers = [...new Headers(init.headers)];
        if (body instanceof URLSearchParams && !headers.some(([name]) => name === 'content-type')) {
          headers.push(['content-type', 'application/x-www-form-urlencoded;charset=UTF-8']);
        }
        const request = { method: init.method, headers, body: body instanceof URLSearchParams ? String(body) : body, credentials: init.credentials, mode: init.mode };
        main.post('offstage:keepalive', resolve(input, 'fetch'), request, (error: string | null, status: number, statusText: string, headers: [string, string][], bytes: ArrayBuffer) =>
          error === null ? settle(new Response(status === 204 || status === 304 ? null : bytes, { status, statusText, headers })) : fail(new TypeError(error)),
        );
      });
    }
    return input instanceof Request ? fetch(resolves ? new Request(resolve(input.url, 'fetch'), input) : input, init) : fetch(resolve(input, 'fetch'), init);
  };
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    return (open as (...args: unknown[]) => void).call(this, method, resolve(url, 'xhr'), ...rest);
  } as typeof open;

  function source(script: OffloadedScript): string {
    if (script.text !== undefined) return script.text;
    const xhr = new XMLHttpRequest();
    open.call(xhr, 'GET', resolve(script.src!, 'script'), false); // not the patched open: resolved once
    try {
      xhr.send();
    } catch {
      throw new Error(`could not load ${script.src} (a network or CORS error: serve it with CORS, or load it on the main thread)`);
    }
    if (xhr.status !== 200) throw new Error(`${script.src} answered HTTP ${xhr.status}`);
    return xhr.responseText;
  }

  function run(script: OffloadedScript): void {
    const name = (script.name = script.src ?? `inline script #${++inlineCount}`);
    current = script;
    let url: string | undefined;
    try {
      const code = source(script);
      url = URL.createObjectURL(new Blob([`with(self.${SCOPE}){${code}\n}`], { type: 'text/javascript' }));
      (worker.importScripts as (url: string) => void)(url);
      main.post(Access.Method, script.element, 'setAttribute', ['data-offstage', 'done']);
      if (script.src) main.post(Access.Method, script.element, 'dispatchEvent', [new Event('load')]);
    } catch (error) {
      main.post(Access.Method, script.element, 'setAttribute', ['data-offstage', 'failed']);
      if (script.src) main.post(Access.Method, script.element, 'dispatchEvent', [new Event('error')]);
      main.post('offstage:error', name, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    } finally {
      if (url) URL.revokeObjectURL(url);
      current = undefined;
    }
  }

  main.call('offstage:stats', (reply: (stats: ScriptStats[]) => void) => reply([...stats.values()]));
  main.call('offstage:watch', (scripts: OffloadedScript[]) => scripts.forEach(run));
  // After the scripts present at start (the page delivers in that order): calls the page
  // made to `forward` paths, run here on the scripts' window.
  main.call('offstage:forward', (path: string, args: unknown[]) => {
    try {
      callPath(scope, path, args);
    } catch (error) {
      main.post('offstage:error', `a forwarded call to ${path}`, String(error));
    }
  });
}

void start();
