import type { ScriptStats } from '../../shared/offload/protocol.js';
import type { Host } from '../channel/connect.js';
import type { AccessHook, ResolveUrl } from './access-hooks.js';
import type { Forwarder, ForwardEntry } from './forward.js';
import type { ScriptPolicy } from './policy.js';

export type { ScriptPolicy, ScriptStats };

/** The options of `offload()`, and of the snippet's `window.offstage` (or `window.partytown`). */
export interface OffloadOptions {
  /** Where Offstage's files are served: `sw.js`, `offstage-worker.js`. Default `/~offstage/`. */
  lib?: string;
  /**
   * How long (ms) the worker may take to start before the scripts run on the main thread
   * instead; 0 never gives up. Default 9000.
   */
  fallbackTimeout?: number;
  /** Which synchronous transport to use; `'auto'` (default) picks the best available. */
  transport?: 'auto' | 'atomics' | 'service-worker';
  /**
   * Paths on `window` whose calls on the page go to the worker (`['dataLayer.push', 'fbq']`);
   * `[path, { preserveBehavior: true }]` also runs the page's original.
   */
  forward?: ForwardEntry[];
  /**
   * Rewrites the URLs offloaded scripts load (`type`: 'script', 'fetch', 'xhr', 'sendBeacon',
   * 'image', 'iframe') — e.g. to a same-origin proxy for a third party without CORS. Return a
   * URL, or nothing to keep it. It runs on the page: the worker asks it, one round trip per URL.
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
  /**
   * Window properties the scripts read from, and write to, the page even where the worker has its
   * own.
   */
  mainWindowAccessors?: string[];
  /**
   * Partytown's escape hatch for global functions; not needed here (scripts' declarations are
   * global), accepted for drop-in.
   */
  globalFns?: string[];
  /**
   * Run on the page for each property read, write or method call of the scripts that reaches
   * it (see access-hooks.ts).
   */
  get?: AccessHook;
  set?: AccessHook;
  apply?: AccessHook;
  /**
   * The CSP nonce for the scripts Offstage adds to the page (main-thread fallback,
   * `loadScriptsOnMainThread`).
   */
  nonce?: string;
  /**
   * Scripts whose `src` (or, for inline ones, `id`) equals one of these strings or matches one
   * of these patterns run on the page instead.
   */
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
  /**
   * Measure each script's round trips for `stats()` (it costs every call a little). Default false.
   */
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
  /**
   * What the scripts each policy names may do to the page: they run in a worker of their
   * own, and the page refuses what the policy does not grant (see `ScriptPolicy`).
   */
  policies?: ScriptPolicy[];
  /** @internal The snippet installs the stubs before the page's own code runs. */
  forwarder?: Forwarder;
}

export interface Offload {
  /** `'worker'` when the scripts run offloaded, `'main-thread'` when they fell back. */
  readonly where: 'worker' | 'main-thread';
  /** Why they fell back, if they did. */
  readonly reason?: string;
  readonly host?: Host;
  /** Each policy's worker: `reason` says why its scripts did not run, if they did not. */
  readonly policies: { name: string; reason?: string }[];
  /**
   * The profiler (with `profile: true`): per offloaded script, its blocking round trips, the
   * time the worker spent blocked on them, and its costliest property paths — what to
   * `forward` or cache.
   */
  stats(): Promise<ScriptStats[]>;
}
