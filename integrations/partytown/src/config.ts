// Partytown's config, as its users write it: the same names and shapes, so that their code
// type-checks unchanged. Offstage runs it on the page (see the README's "Coming from
// Partytown" for the options it has no use for).

/** What a URL is being loaded for, as `resolveUrl` is told. */
export type ResolveUrlType = 'fetch' | 'xhr' | 'script' | 'iframe' | 'image' | 'sendBeacon';

/** A `forward` entry: a path on `window`, optionally also run on the page. */
export type PartytownForwardProperty = string | [string, { preserveBehavior?: boolean }?];

/** What Partytown's `get`/`set`/`apply` hooks receive; Offstage runs them on the page. */
export interface HookOptions {
  name: string;
  continue: symbol;
  nodeName: string | undefined;
  constructor: string | undefined;
  window: Window;
  [key: string]: unknown;
}
export type GetHook = (options: HookOptions) => unknown;
export type SetHook = (options: HookOptions & { value: unknown; prevent: symbol }) => unknown;
export type ApplyHook = (options: HookOptions & { args: unknown[] }) => unknown;

export interface PartytownConfig {
  /** Rewrites the URLs offloaded scripts load; return nothing to keep one. */
  resolveUrl?(url: URL, location: Location, type: ResolveUrlType): URL | undefined | null;
  /** The request options of `navigator.sendBeacon` calls, sent with `fetch` instead. */
  resolveSendBeaconRequestParameters?(
    url: URL,
    location: Location,
  ): Pick<RequestInit, 'keepalive' | 'mode' | 'headers' | 'cache'> | undefined | null;
  /** Loads the debug build, from `lib` + `debug/`. */
  debug?: boolean;
  /** Paths on `window` whose calls on the page go to the worker: `['dataLayer.push']`. */
  forward?: PartytownForwardProperty[];
  /** How long (ms) the worker may take to start before the scripts run on the page. */
  fallbackTimeout?: number;
  /** Window properties read from and written to the page even where the worker has its own. */
  mainWindowAccessors?: string[];
  /** Accepted; not needed (offloaded scripts' global functions are global). */
  globalFns?: string[];
  /** Scripts (by `src`, or an inline script's `id`) to run on the page instead. */
  loadScriptsOnMainThread?: (string | RegExp)[];
  get?: GetHook;
  set?: SetHook;
  apply?: ApplyHook;
  /** Where the lib files are served. Default `/~partytown/`. */
  lib?: string;
  /** Debug builds only: log the scripts' calls, reads and writes in the worker's console. */
  logCalls?: boolean;
  logGetters?: boolean;
  logSetters?: boolean;
  /** The CSP nonce for scripts Offstage adds to the page. */
  nonce?: string;
  /** Accepted for compatibility; Offstage has no use for these (see the README). */
  sandboxParent?: string;
  allowXhrCredentials?: boolean;
  swPath?: string;
  strictProxyHas?: boolean;
  logForwardedEvents?: boolean;
  logImageRequests?: boolean;
  logMainAccess?: boolean;
  logScriptExecution?: boolean;
  logSendBeaconRequests?: boolean;
  logStackTraces?: boolean;
}
