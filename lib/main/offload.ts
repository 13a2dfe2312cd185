import { OffstageError } from '../shared/errors.js';
import { connect, type Host } from './connect.js';
import { installForwards, type Forwarder, type ForwardEntry } from './forward.js';
import { hookAccess, type AccessHook, type ResolveUrl, type UrlType } from './access-hooks.js';
import { remoteAccess } from './remote-access.js';
import { syncApis } from './sync-apis.js';
import { methodAt } from '../shared/call-path.js';
import { Access } from '../shared/protocol.js';
import { methodTable } from './method-table.js';
import { isJavaScript, OFFLOADED_TYPE } from '../shared/script-type.js';
import { runAll, runOnMainThread, SELECTOR } from './run-on-main-thread.js';

type RawStats = Omit<ScriptStats, 'top'> & { paths: Record<string, { count: number; ms: number }> };

export interface OffloadOptions {
  /** Where Offstage's files are served: `sw.js`, `offstage-worker.js`. Default `/~offstage/`. */
  lib?: string;
  /** How long (ms) the worker may take to start before the scripts run on the main thread instead; 0 never gives up. Default 9000. */
  fallbackTimeout?: number;
  /** Which synchronous transport to use; `'auto'` (default) picks the best available. */
  transport?: 'auto' | 'atomics' | 'service-worker';
  /**
   * Paths on `window` whose calls on the page go to the worker (`['dataLayer.push', 'fbq']`);
   * `[path, { preserveBehavior: true }]` also runs the page's original.
   */
  forward?: ForwardEntry[];
  /**
   * Rewrites the URLs offloaded scripts load (`type`: 'script', 'fetch', 'xhr', 'sendBeacon', 'image', 'iframe') — e.g. to
   * a same-origin proxy for a third party without CORS. Return a URL, or nothing to keep it.
   * It runs on the page: the worker asks it, one round trip per URL.
   */
  resolveUrl?: ResolveUrl;
  /**
   * With Partytown's name: the request options of `navigator.sendBeacon` calls, which are
   * then sent with `fetch` (keepalive) on the page: `{ keepalive, mode, headers, cache }`.
   */
  resolveSendBeaconRequestParameters?: (
    url: URL,
    location: Location,
  ) => Pick<RequestInit, 'keepalive' | 'mode' | 'headers' | 'cache'> | undefined | null;
  /** Window properties the scripts read from, and write to, the page even where the worker has its own. */
  mainWindowAccessors?: string[];
  /** Partytown's escape hatch for global functions; not needed here (scripts' declarations are global), accepted for drop-in. */
  globalFns?: string[];
  /** Run on the page for each property read, write or method call of the scripts that reaches it (see access-hooks.ts). */
  get?: AccessHook;
  set?: AccessHook;
  apply?: AccessHook;
  /** The CSP nonce for the scripts Offstage adds to the page (main-thread fallback, `loadScriptsOnMainThread`). */
  nonce?: string;
  /** Scripts whose `src` (or, for inline ones, `id`) equals one of these strings or matches one of these patterns run on the page instead. */
  loadScriptsOnMainThread?: (string | RegExp)[];
  /**
   * Event types whose worker listeners run while the event is dispatched on the page: the
   * page waits for them (Atomics transport only), so they can call `preventDefault()` and
   * what they send leaves before the page goes away. Default `['pagehide', 'beforeunload',
   * 'visibilitychange']`; add `'click'` or `'submit'` for listeners that cancel links or forms.
   */
  syncEvents?: string[];
  /** How long (ms) the page waits for the worker's listeners of one such event. Default 500. */
  syncEventTimeout?: number;
  /** Measure each script's round trips for `stats()` (it costs every call a little). Default false. */
  profile?: boolean;
  /**
   * Debug builds (`debug: true`) only: log each method call, property read or property write
   * the scripts make to the page, with its duration, on the worker's console.
   */
  logCalls?: boolean;
  logGetters?: boolean;
  logSetters?: boolean;
  /**
   * Page functions the offloaded scripts call synchronously, `offstage.call(name, ...args)`
   * (and WebAssembly modules, `offstage_call`): the worker blocks until one returns, or until
   * the Promise it returns settles. Names must not start with `offstage:`.
   */
  functions?: Record<string, (...args: never[]) => unknown>;
  /** @internal The snippet installs the stubs before the page's own code runs. */
  forwarder?: Forwarder;
}

export interface Offload {
  /** `'worker'` when the scripts run offloaded, `'main-thread'` when they fell back. */
  readonly where: 'worker' | 'main-thread';
  /** Why they fell back, if they did. */
  readonly reason?: string;
  readonly host?: Host;
  /**
   * The profiler (with `profile: true`): per offloaded script, its blocking round trips, the time the worker spent
   * blocked on them, and its costliest property paths — what to `forward` or cache.
   */
  stats(): Promise<ScriptStats[]>;
}

export interface ScriptStats {
  /** Its src, or "inline script #n". */
  script: string;
  roundTrips: number;
  blockedMs: number;
  /** The costliest paths first, e.g. `{ path: 'get cookie', count: 40, ms: 3.1 }`. */
  top: { path: string; count: number; ms: number }[];
}

const SYNC_EVENTS = ['pagehide', 'beforeunload', 'visibilitychange'];

/** `options.functions`, checked: Offstage's own handlers' names are taken. */
function pageFunctions(
  functions: OffloadOptions['functions'] = {},
): Record<string, (...args: never[]) => unknown> {
  for (const [name, fn] of Object.entries(functions)) {
    if (name.startsWith('offstage:'))
      throw new TypeError(
        `Offstage: the function name "${name}" is reserved: names starting with "offstage:" are Offstage's own`,
      );
    if (typeof fn !== 'function')
      throw new TypeError(`Offstage: functions.${name} is not a function`);
  }
  return functions;
}

/**
 * Runs the page's `<script type="text/offstage">` scripts in a worker, in document order,
 * and those added later too. Where no synchronous transport exists, or the worker does not
 * start in time, they run on the main thread instead — each once, in order.
 */
export async function offload(options: OffloadOptions = {}): Promise<Offload> {
  const lib = new URL(options.lib ?? '/~offstage/', location.href).href;
  const forwarder = options.forwarder ?? installForwards(options.forward);
  /** The worker's function that reports its measurements (to the function it is given). */
  let statsSource: ((reply: (raw: RawStats[]) => void) => void) | undefined;
  let host: Host;
  const globals = globalNames();
  const functions = pageFunctions(options.functions); // a bad name is the page's bug: thrown, no fallback
  const access = hookAccess(remoteAccess, options);
  try {
    host = await connect(() => new Worker(workerUrl(lib, options)), {
      handlers: {
        ...functions,
        ...access,
        ...syncApis,
        // What the worker needs before any script runs, in one round trip.
        'offstage:setup': () => ({
          window,
          document,
          location,
          navigator,
          top: window.top,
          parent: window.parent,
          methods: methodTable(),
          // Whether the worker must ask the page about URLs: to resolve them, or for beacons' options.
          resolves: typeof options.resolveUrl === 'function',
          beaconOptions: typeof options.resolveSendBeaconRequestParameters === 'function',
          globals: globals.news(),
          pageNames: options.mainWindowAccessors ?? [],
        }),
        // The worker's functions: its profiler's report, where scripts go (now and when added
        // later, with the page's new global names), and where forwarded calls go (after the
        // scripts present now).
        'offstage:start': (
          source: typeof statsSource,
          deliver: (scripts: unknown[], names: string[]) => void,
          receive: (path: string, args: unknown[]) => void,
        ) => {
          statsSource = source;
          watch(
            (scripts) => deliver(scripts, globals.news()),
            options.loadScriptsOnMainThread ?? [],
            options.nonce,
          );
          forwarder.drain(receive);
        },
        'offstage:beacon': beacon(options.resolveSendBeaconRequestParameters),
        'offstage:error': (script: string, cause: string) =>
          console.error(`Offstage: ${script} failed in the worker: ${cause}`),
        'offstage:keepalive': keepalive,
        'offstage:write': write,
        // offstage.callPage('crypto.subtle.digest', …): a page API by its path, its Promise
        // awaited; a method call like any other (the `apply` hook sees it).
        'offstage:call-path': (path: string, args: unknown[]) =>
          access[Access.Method]!(...methodAt(window, path), args),
        'offstage:resolve-url': (url: string, type: UrlType) =>
          String(options.resolveUrl?.(new URL(url, location.href), location, type) ?? url),
      },
      serviceWorker: { url: new URL('sw.js', lib), scope: lib },
      startTimeout: options.fallbackTimeout === 0 ? 2 ** 31 - 1 : (options.fallbackTimeout ?? 9000),
      transport: options.transport,
    });
    // Before any script can add its own listeners, so that these run first.
    const hold = () => host.holdPage(options.syncEventTimeout ?? 500);
    for (const type of options.syncEvents ?? SYNC_EVENTS) addEventListener(type, hold, true);
  } catch (error) {
    const reason =
      error instanceof OffstageError ? `${error.code}: ${error.message}` : String(error);
    await runOnMainThread(forwarder, options.nonce);
    return { where: 'main-thread', reason, stats: async () => [] };
  }
  return {
    where: 'worker',
    host,
    stats: () =>
      new Promise((resolve, reject) =>
        !options.profile
          ? reject(
              new Error(
                'Offstage: stats() needs offload({ profile: true }) (window.offstage.profile)',
              ),
            )
          : statsSource!((raw) =>
              resolve(
                raw.map(({ paths, ...rest }) => ({
                  ...rest,
                  top: Object.entries(paths)
                    .map(([path, cost]) => ({ path, ...cost }))
                    .sort((a, b) => b.ms - a.ms)
                    .slice(0, 10),
                })),
              ),
            ),
      ),
  };
}

/** Where each script's `document.write` output goes next: after what it wrote before. */
const written = new WeakMap<Element, ChildNode>();

/**
 * `document.write(markup)` from an offloaded script: the markup goes in after the script
 * (after its earlier writes), or at the end of the body when no script is running. Scripts
 * in it become offloaded scripts, picked up like any added later.
 */
function write(script: HTMLScriptElement | null, markup: string): void {
  const template = document.createElement('template');
  template.innerHTML = markup;
  for (const inner of template.content.querySelectorAll('script')) {
    if (isJavaScript(inner.type)) inner.type = OFFLOADED_TYPE;
  }
  const nodes = [...template.content.childNodes];
  if (!nodes.length) return;
  const after = script && (written.get(script) ?? script);
  if (after?.parentNode) after.after(template.content);
  else document.body.append(template.content);
  if (script) written.set(script, nodes[nodes.length - 1]!);
}

/**
 * `navigator.sendBeacon` when the page has `resolveSendBeaconRequestParameters`: sent with a
 * keepalive `fetch` and the options it gives, as Partytown does.
 */
function beacon(parameters: OffloadOptions['resolveSendBeaconRequestParameters']) {
  return (url: string, data?: BodyInit | null) => {
    const target = new URL(url, location.href);
    const init = parameters?.(target, location) ?? {};
    fetch(target, {
      method: 'POST',
      body: data ?? null,
      keepalive: true,
      mode: 'no-cors',
      credentials: 'include',
      ...init,
    }).catch(() => {});
    return true;
  };
}

type FetchReply = (
  error: string | null,
  status?: number,
  statusText?: string,
  headers?: [string, string][],
  body?: ArrayBuffer,
) => void;

/** A `fetch(…, { keepalive: true })` from an offloaded script, sent by the page so that it outlives the page. */
function keepalive(url: string, init: RequestInit, reply: FetchReply): void {
  fetch(url, { ...init, keepalive: true })
    .then(async (response) =>
      reply(
        null,
        response.status,
        response.statusText,
        [...response.headers],
        await response.arrayBuffer(),
      ),
    )
    .catch((error: Error) => reply(`${error.name}: ${error.message}`));
}

/** The worker's URL says what to measure and log: `offstage-worker.js?profile&log=calls,getters`. */
function workerUrl(lib: string, options: OffloadOptions): URL {
  const url = new URL('offstage-worker.js', lib);
  if (options.profile) url.searchParams.set('profile', '');
  const log = [
    options.logCalls && 'calls',
    options.logGetters && 'getters',
    options.logSetters && 'setters',
  ].filter(Boolean);
  if (log.length) url.searchParams.set('log', log.join(','));
  return url;
}

/** The names of the page's window (own and inherited); `news()` gives those not given before. */
function globalNames(): { news(): string[] } {
  const given = new Set<string>();
  return {
    news() {
      const names: string[] = [];
      for (
        let o: object | null = window;
        o && o !== Object.prototype;
        o = Object.getPrototypeOf(o)
      ) {
        for (const name of Object.getOwnPropertyNames(o))
          if (!given.has(name)) given.add(name) && names.push(name);
      }
      return names;
    },
  };
}

/**
 * Hands the worker every offloaded script now in the page, and each one added later; those
 * matching `onMainThread` run on the page instead.
 */
function watch(
  deliver: (scripts: unknown[]) => void,
  onMainThread: (string | RegExp)[],
  nonce?: string,
): void {
  const matches = (text: string) =>
    !!text && onMainThread.some((p) => (typeof p === 'string' ? p === text : p.test(text)));
  const stays = (element: HTMLScriptElement) =>
    element.src ? matches(element.src) : matches(element.id);
  const take = () => {
    const found = [...document.querySelectorAll<HTMLScriptElement>(SELECTOR)];
    void runAll(found.filter(stays), nonce);
    const scripts = found
      .filter((element) => !element.dataset.offstage)
      .map((element) => {
        element.dataset.offstage = 'queued';
        const module = element.dataset.type === 'module';
        return element.src
          ? { element, src: element.src, module }
          : { element, text: element.text, module };
      });
    if (scripts.length) deliver(scripts);
  };
  take();
  new MutationObserver(take).observe(document, { childList: true, subtree: true });
}
