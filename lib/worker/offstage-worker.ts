import { Access, RefKind, type CallMode, type MethodTable } from '../shared/protocol.js';
import { callPath } from '../shared/call-path.js';
import { isJavaScript, OFFLOADED_TYPE } from '../shared/script-type.js';
import { connectMain } from './connect-main.js';
import { patchNetwork } from './network.js';
import { accessLog } from './access-log.js';
import { becomeWindow } from './window-global.js';
import { createNode } from './create-node.js';
import { fetchSync, sleepSync } from './sync-apis.js';
import type { instantiateWasm } from './wasm/instantiate-wasm.js';

/**
 * The worker that runs a page's `<script type="text/offstage">` scripts (started by
 * lib/main/offload.ts), in the order the page hands them over. Its global object is the
 * scripts' window (lib/worker/window-global.ts): classic scripts run as global code through
 * `importScripts`, module scripts (`data-type="module"`) through `import()`.
 */

interface OffloadedScript {
  element: Record<string, unknown>;
  src?: string;
  text?: string;
  module?: boolean;
  /** Its src, or "inline script #n" in the order they arrived. */
  name?: string;
}

/** What `offstage:setup` answers (lib/main/offload.ts). */
interface Setup {
  window: Record<string, unknown>;
  document: object;
  location: object;
  navigator: object;
  top: unknown;
  parent: unknown;
  methods: MethodTable;
  resolves: boolean;
  beaconOptions: boolean;
  globals: string[];
  pageNames: string[];
}

interface ScriptStats {
  script: string;
  roundTrips: number;
  blockedMs: number;
  paths: Record<string, { count: number; ms: number }>;
}

// What the page asked for, by the worker's URL: `offstage-worker.js?profile&log=calls,getters`.
const QUERY = new URLSearchParams(location.search);
const PROFILE = QUERY.has('profile');
const LOG = (QUERY.get('log') ?? '').split(',');
// Taken before the scripts' window replaces or hides them.
const importScripts = self.importScripts.bind(self);
const WORKER_URL = location.href;
const { open, send } = XMLHttpRequest.prototype;

type Report = (target: unknown, args: unknown[], ms: number) => void;
/** Both reports, either, or none (then round trips are not even timed). */
const compose = (log: Report | undefined, profile: Report): Report | undefined =>
  log && PROFILE
    ? (target, args, ms) => (log(target, args, ms), profile(target, args, ms))
    : (log ?? (PROFILE ? profile : undefined));

async function start(): Promise<void> {
  let current: OffloadedScript | undefined;
  let pageDocument: object | undefined;
  let pageNavigator: object | undefined;
  let beacon: { value: unknown } | undefined;
  const stats = new Map<string, ScriptStats>();
  /** What the page says of its methods (lib/main/method-table.ts). */
  const callModes = new WeakMap<object, CallMode>();
  let nodeMethods: Record<string, CallMode> = {};
  let elementMethods: Record<string, CallMode> = {};
  /** Script elements the scripts created: they run here too, when they are added to the page. */
  const madeScripts = new WeakSet<object>();
  let inlineCount = 0;
  const scriptName = () => current?.name ?? '(between scripts)';
  // Debug builds only: production builds leave the logger out.
  const log =
    DEV && LOG.some(Boolean)
      ? accessLog(
          {
            calls: LOG.includes('calls'),
            getters: LOG.includes('getters'),
            setters: LOG.includes('setters'),
          },
          scriptName,
        )
      : undefined;
  const main = await connectMain({
    proxies: {
      local: (proxy, key) =>
        proxy === pageDocument
          ? documentHere(key)
          : proxy === pageNavigator && key === 'sendBeacon'
            ? beacon
            : undefined,
      // A script element a script made stays offloaded whatever type it is given, unless that is not JavaScript.
      write(proxy, key, value) {
        if (key !== 'type' || !madeScripts.has(proxy)) return false;
        main.post(Access.Set, proxy, key, isJavaScript(String(value)) ? OFFLOADED_TYPE : value);
        return true;
      },
      callMode: (fn) => callModes.get(fn as object),
      knownMethod: (kind, key) =>
        Object.hasOwn(nodeMethods, key)
          ? nodeMethods[key]
          : kind & RefKind.Element && Object.hasOwn(elementMethods, key)
            ? elementMethods[key]
            : undefined,
    },
    onRoundTrip: compose(log, profile),
    onPost: log,
  });

  /** The profiler, when the page asked for it (it costs each call a little): what each script costs the page, by property path. */
  function profile(target: unknown, args: unknown[], ms: number) {
    const script = scriptName();
    let entry = stats.get(script);
    if (!entry) stats.set(script, (entry = { script, roundTrips: 0, blockedMs: 0, paths: {} }));
    entry.roundTrips++;
    entry.blockedMs += ms;
    const name = String(target);
    const path = name.startsWith('offstage:')
      ? `${name.slice(9)} ${typeof args[1] === 'string' ? args[1] : ''}`.trim()
      : name;
    const cost = (entry.paths[path] ??= { count: 0, ms: 0 });
    cost.count++;
    cost.ms += ms;
  }

  /**
   * What `document` answers here, not from the page: each script's own `currentScript`;
   * `write`/`writeln` — on the page, after load, they would replace the whole document; here
   * the markup goes in after the running script (after what it wrote before), and scripts
   * in it run offloaded too; `createElement('script')`, marked to run offloaded.
   */
  const write = (line: string) =>
    function (...markup: string[]) {
      main.post('offstage:write', current?.element ?? null, markup.join('') + line);
    };
  /** `document.createElement` and friends make the node without a round trip (lib/worker/create-node.ts). */
  const create = (method: string, nameAt: number, kind: 'node' | 'element') =>
    function (...args: unknown[]) {
      const element = createNode(main, pageDocument, method, args, nameAt, kind) as Record<
        string,
        unknown
      >;
      const name = args[nameAt];
      const html = method === 'createElement' || args[0] === 'http://www.w3.org/1999/xhtml';
      if (html && String(name).toLowerCase() === 'script') {
        madeScripts.add(element);
        element.type = OFFLOADED_TYPE;
      }
      return element;
    };
  const local: Record<string, unknown> = {
    write: write(''),
    writeln: write('\n'),
    createElement: create('createElement', 0, 'element'),
    createElementNS: create('createElementNS', 1, 'element'),
    createTextNode: create('createTextNode', -1, 'node'),
    createComment: create('createComment', -1, 'node'),
    createDocumentFragment: create('createDocumentFragment', -1, 'node'),
  };
  function documentHere(key: string): { value: unknown } | undefined {
    if (key === 'currentScript') return { value: current?.element ?? null };
    return key in local ? { value: local[key] } : undefined;
  }

  // Everything the page tells before any script runs, in one round trip.
  const setup = main.call<Setup>('offstage:setup');
  const page = setup.window;
  for (const [fn, mode] of setup.methods.posted) callModes.set(fn as object, mode);
  ({ node: nodeMethods, element: elementMethods } = setup.methods);
  pageDocument = setup.document;
  pageNavigator = setup.navigator;
  const resolve = patchNetwork(main, setup.location as { href: string }, setup.resolves);
  // The page's sendBeacon (it outlives the page), its URL through resolveUrl like fetch's;
  // or, with resolveSendBeaconRequestParameters, the page's keepalive fetch.
  if (setup.resolves || setup.beaconOptions) {
    const { sendBeacon } = setup.navigator as {
      sendBeacon: (url: string, data?: unknown) => boolean;
    };
    const sendOne = setup.beaconOptions
      ? (url: string, data?: unknown) => main.call<boolean>('offstage:beacon', url, data)
      : sendBeacon;
    beacon = { value: (url: string, data?: unknown) => sendOne(resolve(url, 'sendBeacon'), data) };
  }
  // The scripts' own `offstage` (not the page's config object of that name): blocking calls
  // to the page's functions and to async web APIs, and WebAssembly with the offstage.h imports.
  let wasm: { instantiateWasm: typeof instantiateWasm } | undefined;
  (self as unknown as { offstage: unknown }).offstage = {
    call: (name: string, ...args: unknown[]) => main.call(name, ...args),
    callPage: (path: string, ...args: unknown[]) => main.call('offstage:call-path', path, args),
    fetchSync: (url: string | URL, init?: RequestInit) =>
      fetchSync(main, resolve(String(url), 'fetch'), init),
    sleep: (ms: number) => sleepSync(main, ms),
    instantiateWasm(
      source: Parameters<typeof instantiateWasm>[0],
      options: Omit<Parameters<typeof instantiateWasm>[1], 'main'> = {},
    ) {
      if (!wasm) {
        // Loaded on first use: scripts without WebAssembly never download it.
        importScripts(new URL('offstage-wasm.js', WORKER_URL).href);
        const global = self as unknown as { __offstageWasm?: typeof wasm };
        wasm = global.__offstageWasm;
        global.__offstageWasm = undefined; // a var: it cannot be deleted
      }
      // The module's fetches follow the page's resolveUrl, as the scripts' own do.
      // Its elements are made as the scripts' are (a <script> it adds runs offloaded too), and
      // its fetches follow the page's resolveUrl, as the scripts' own do.
      return wasm!.instantiateWasm(source, {
        window: page,
        ...options,
        main,
        createElement: local.createElement as (tag: string) => unknown,
        resolveUrl: (url) => resolve(url, 'fetch'),
      });
    },
  };
  // `document`, `location`, `navigator`, `top`, `parent` are read already.
  const addNames = becomeWindow(
    page,
    setup.globals,
    setup.pageNames,
    setup as unknown as Record<string, unknown>,
  );

  function source(script: OffloadedScript): string {
    if (script.text !== undefined) return script.text;
    const xhr = new XMLHttpRequest();
    // The originals, not what scripts may have wrapped; the URL is resolved once, here.
    open.call(xhr, 'GET', resolve(script.src!, 'script'), false);
    let failed = false;
    try {
      send.call(xhr);
    } catch {
      failed = true;
    }
    // Chromium and WebKit throw on a network or CORS error; Firefox answers status 0.
    if (failed || xhr.status === 0) {
      throw new Error(
        `could not load ${script.src}: a network or CORS error. Serve it with CORS headers, proxy it through a same-origin URL with resolveUrl, or list it in loadScriptsOnMainThread`,
      );
    }
    if (xhr.status !== 200) throw new Error(`${script.src} answered HTTP ${xhr.status}`);
    return xhr.responseText;
  }

  /** Runs one script; a module's evaluation may finish later (top-level await). */
  async function run(script: OffloadedScript): Promise<void> {
    const name = (script.name = script.src ?? `inline script #${++inlineCount}`);
    current = script;
    let url: string | undefined;
    try {
      if (script.module) {
        url = script.src
          ? resolve(script.src, 'script')
          : URL.createObjectURL(new Blob([script.text!], { type: 'text/javascript' }));
        await import(/* @vite-ignore */ url);
      } else {
        url = URL.createObjectURL(new Blob([source(script)], { type: 'text/javascript' }));
        importScripts(url);
      }
      main.post(Access.Method, script.element, 'setAttribute', ['data-offstage', 'done']);
      if (script.src)
        main.post(Access.Method, script.element, 'dispatchEvent', [new Event('load')]);
    } catch (error) {
      main.post(Access.Method, script.element, 'setAttribute', ['data-offstage', 'failed']);
      if (script.src)
        main.post(Access.Method, script.element, 'dispatchEvent', [new Event('error')]);
      main.post(
        'offstage:error',
        name,
        error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      );
    } finally {
      if (url?.startsWith('blob:')) URL.revokeObjectURL(url);
      current = undefined;
    }
  }

  /** Scripts run one at a time, in the order handed over, even when a module awaits. */
  let queue = Promise.resolve();
  main.call(
    'offstage:start',
    (reply: (stats: ScriptStats[]) => void) => reply([...stats.values()]),
    (scripts: OffloadedScript[], names: string[]) => {
      addNames(names);
      for (const script of scripts) queue = queue.then(() => run(script));
    },
    // After the scripts present at start (the page delivers them first): calls the page made
    // to `forward` paths, run here on the scripts' window.
    (path: string, args: unknown[]) => {
      queue = queue.then(() => {
        try {
          callPath(self, path, args);
        } catch (error) {
          main.post('offstage:error', `a forwarded call to ${path}`, String(error));
        }
      });
    },
  );
}

void start();
