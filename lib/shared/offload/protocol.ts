/**
 * The offload layer's contract: what the page (lib/main/offload/) and the offloaded-scripts
 * worker (lib/worker/offload/) say to each other over the channel. Every handler name is an
 * `OffloadCall`, every payload is declared here once, and `OffloadHandlers` types both the
 * page's handlers and the worker's calls. Types and const enums only.
 *
 * Start-up is one blocking call: the worker hands over its `WorkerEnd` and gets a `StartUp`,
 * everything it needs to run — no call back into the blocked worker, the same on both
 * transports. Afterwards the page calls the `WorkerEnd` functions, which post to the worker
 * (fire and forget, in order on the worker's one channel).
 */
import type { AccessHandlers, MethodTable } from '../proxy/protocol.js';
import type { SyncApiHandlers } from '../sync-apis/protocol.js';

/** Page handlers of the offload layer. */
export const enum OffloadCall {
  /** (worker: WorkerEnd) → StartUp */
  StartUp = 'offstage:start-up',
  /** (script, cause): a script failed in the worker; reported on the page's console. Posted. */
  Error = 'offstage:error',
  /**
   * (url, data) → true: `navigator.sendBeacon` sent as a keepalive `fetch` with the page's options.
   */
  Beacon = 'offstage:beacon',
  /**
   * (url, request, reply): a keepalive `fetch`, sent by the page so that it outlives the page.
   * Posted.
   */
  Keepalive = 'offstage:keepalive',
  /**
   * (script element | null, markup): `document.write` output, inserted after the script. Posted.
   */
  Write = 'offstage:write',
  /** (path, args) → the page API at `path` called with args (`offstage.callPage`). */
  CallPath = 'offstage:call-path',
  /** (url, type) → the URL after the page's `resolveUrl`. */
  ResolveUrl = 'offstage:resolve-url',
  /**
   * (name, definition, react): `customElements.define` of a class an offloaded script made: the
   * page defines a class of its own whose constructor and reactions call `react`.
   */
  DefineElement = 'offstage:define-element',
  /**
   * (name, value): a global the offloaded scripts made or changed (a primitive, or a function
   * of theirs), set on the page's window for page code and frames. Posted.
   */
  ShareGlobal = 'offstage:share-global',
}

/** What the page needs of an offloaded custom element's class to define its own. */
export interface ElementDefinition {
  /** The class's `observedAttributes`. */
  observed: string[];
  /** `extends` of `define()`'s options: a customized built-in element. */
  extends?: string;
}

/** A custom element's construction or lifecycle reaction, run in the worker. */
export const enum Reaction {
  Construct,
  Connected,
  Disconnected,
  Adopted,
  AttributeChanged,
}

/** The worker function the page's class calls: (reaction, element, …the reaction's arguments). */
export type React = (reaction: Reaction, element: object, ...args: unknown[]) => void;

/** What a URL an offloaded script loads is for, as `resolveUrl` is told. */
export type UrlType = 'script' | 'fetch' | 'xhr' | 'sendBeacon' | 'image' | 'iframe';

/** An offloaded script as the page hands it over. */
export interface OffloadedScript {
  /** The page's `<script>` element, lent as a reference. */
  element: object;
  src?: string;
  text?: string;
  /** `data-type="module"`. */
  module?: boolean;
  /**
   * Runs as soon as it has loaded, not in order: an external or module script whose element
   * is `async` (the attribute, or a script inserted by code and not set `async = false`).
   */
  async?: boolean;
}

/** The worker's functions the page calls after start-up (each call is posted to the worker). */
export interface WorkerEnd {
  /** Scripts added to the page since, with the page's global names added since. */
  deliver(scripts: OffloadedScript[], names: string[]): void;
  /** A call the page made to a `forward` path. */
  forward(path: string, args: unknown[]): void;
  /** The profiler's figures so far, handed to `reply` (a page function). */
  report(reply: (stats: ProfiledScript[]) => void): void;
}

/** The answer to `OffloadCall.StartUp`: everything the worker needs before a script runs. */
export interface StartUp {
  window: Record<string, unknown>;
  document: object;
  location: { href: string };
  navigator: object;
  screen: object;
  top: unknown;
  parent: unknown;
  methods: MethodTable;
  /** Whether the worker must ask the page about URLs: to resolve them… */
  resolves: boolean;
  /** … or for the options of beacons. */
  beaconOptions: boolean;
  /**
   * Whether a `get` or `apply` hook must see every read and call the scripts make: then
   * nothing read is kept for later reads (see `ProxyHooks.remember`).
   */
  everyRead: boolean;
  /** The names of the page's window (own and inherited). */
  globals: string[];
  /**
   * `mainWindowAccessors`: names read from and written to the page even where the worker has its
   * own.
   */
  pageNames: string[];
  /**
   * Names of the page's window that the offloaded scripts own in the worker: the roots of
   * `forward` paths (`dataLayer`), whose page objects are only stubs.
   */
  workerGlobals: string[];
  /** The offloaded scripts in the page now, in document order. */
  scripts: OffloadedScript[];
  /** Calls the page made to `forward` paths so far, in order: run after `scripts`. */
  forwarded: [path: string, args: unknown[]][];
  /** Under a policy, the hosts the scripts may reach (see `ScriptPolicy.hosts`). */
  hosts?: string[];
}

/** A keepalive `fetch`'s request, as plain data the page can send. */
export interface KeepaliveRequest {
  method?: string;
  headers: [string, string][];
  body?: BodyInit | null;
  credentials?: RequestCredentials;
  mode?: RequestMode;
}

/** The page's answer to a keepalive `fetch`: an error text, or the response. */
export type FetchReply = (
  error: string | null,
  status?: number,
  statusText?: string,
  headers?: [string, string][],
  body?: ArrayBuffer,
) => void;

export interface OffloadHandlers {
  [OffloadCall.StartUp](worker: WorkerEnd): StartUp;
  [OffloadCall.Error](script: string, cause: string): void;
  [OffloadCall.Beacon](url: string, data?: unknown): boolean;
  [OffloadCall.Keepalive](url: string, request: KeepaliveRequest, reply: FetchReply): void;
  [OffloadCall.Write](script: object | null, markup: string): void;
  [OffloadCall.CallPath](path: string, args: unknown[]): unknown;
  [OffloadCall.ResolveUrl](url: string, type: UrlType): string;
  [OffloadCall.DefineElement](name: string, definition: ElementDefinition, react: React): void;
  [OffloadCall.ShareGlobal](name: string, value: unknown): void;
}

/** Every page handler the offloaded-scripts worker calls (the page's `functions` aside). */
export type OffloadContract = OffloadHandlers & AccessHandlers & SyncApiHandlers;

/** One offloaded script's cost, as the profiler counts it. */
export interface ScriptStats {
  /** Its src, or "inline script #n"; "(start-up)" for the calls made before the first script. */
  script: string;
  roundTrips: number;
  blockedMs: number;
  /** Accesses its policy refused (each a `SecurityError` in the script). */
  denied: number;
  /** The policy it runs under, if any. */
  policy?: string;
  /** The costliest paths first, e.g. `{ path: 'get cookie', count: 40, ms: 3.1 }`. */
  top: { path: string; count: number; ms: number }[];
}

/** What the worker's profiler reports: every path, not yet sorted. */
export interface ProfiledScript extends Omit<ScriptStats, 'top'> {
  paths: Record<string, { count: number; ms: number }>;
}

/** The state of an offloaded script, in its element's `data-offstage` attribute. */
export const enum ScriptState {
  /** Handed to the worker, not yet run. */
  Queued = 'queued',
  Done = 'done',
  Failed = 'failed',
  /** Run on the page instead (the fallback, `loadScriptsOnMainThread`). */
  MainThread = 'main-thread',
}

/** Query parameters of the worker's URL: what the page asked it to measure and log. */
export const enum WorkerParam {
  /** Present: profile each script's round trips. */
  Profile = 'profile',
  /** `calls,getters,setters`: log those accesses (debug builds). */
  Log = 'log',
  /** The name of the policy the worker's scripts run under. */
  Policy = 'policy',
}
