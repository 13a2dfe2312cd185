import {
  OffloadCall,
  WorkerParam,
  type OffloadHandlers,
  type WorkerEnd,
} from '../../shared/offload/protocol.js';
import type { AccessHandlers } from '../../shared/proxy/protocol.js';
import { trustedScriptUrl } from '../../shared/trusted-types.js';
import { connect, type Host } from '../channel/connect.js';
import { methodTable } from '../proxy/method-table.js';
import { syncApis } from '../sync-apis/sync-apis.js';
import type { Enforcement } from './enforce-policy.js';
import { forwardPath, type Forwarder } from './forward.js';
import { GlobalNames } from './global-names.js';
import type { OffloadOptions } from './offload-options.js';
import { pageHandlers } from './page-handlers.js';
import type { ScriptPolicy } from './policy.js';
import type { ScriptWatcher } from './script-watcher.js';

/** How often the page looks for global names it gained, for the worker's window (ms). */
const NAMES_EVERY = 500;

/** What one worker of offloaded scripts is given: its scripts, and what it may do. */
export interface WorkerPlan {
  lib: string;
  options: OffloadOptions;
  watcher: ScriptWatcher;
  access: AccessHandlers;
  functions: NonNullable<OffloadOptions['functions']>;
  /** The page's own worker: the forwarded calls are its. */
  forwarder?: Forwarder;
  /** A policy's worker: the page keeps its scripts to it. */
  policy?: ScriptPolicy;
  enforcement?: Enforcement;
}

/**
 * Starts one worker of offloaded scripts and connects it: its handlers (under a policy,
 * each keeping to it) and its start-up answer. Resolves with the host and the worker's
 * functions, once it has started up; rejects as `connect()` does.
 */
export async function startWorker(
  plan: WorkerPlan,
): Promise<{ host: Host; worker: Promise<WorkerEnd> }> {
  const { options, watcher, access, forwarder, enforcement } = plan;
  const globals = new GlobalNames();
  let startedUp!: (end: WorkerEnd) => void;
  const worker = new Promise<WorkerEnd>((resolve) => (startedUp = resolve));

  /**
   * Everything the worker needs before a script runs, as one answer: the page's objects and
   * names, its method table, the scripts present and the forwarded calls made so far. Later
   * scripts and forwarded calls are posted to the worker's functions.
   */
  const startUp: OffloadHandlers[OffloadCall.StartUp] = (end) => {
    startedUp(end);
    const scripts = watcher.take();
    const forwarded = forwarder?.handOver(end.forward) ?? [];
    watcher.watch((later) => end.deliver(later, globals.news()));
    // Globals the page gains between deliveries (page code, a frame writing `parent.x`).
    setInterval(() => {
      const names = globals.news();
      if (names.length) end.deliver([], names);
    }, NAMES_EVERY);
    return {
      window: window as unknown as Record<string, unknown>,
      document,
      location,
      navigator,
      screen,
      // Under a policy, a framed page's windows of its own origin are out of reach: null.
      top: enforcement ? enforcement.reachable(window.top) : window.top,
      parent: enforcement ? enforcement.reachable(window.parent) : window.parent,
      methods: methodTable(),
      resolves: typeof options.resolveUrl === 'function',
      beaconOptions: typeof options.resolveSendBeaconRequestParameters === 'function',
      everyRead: typeof options.get === 'function' || typeof options.apply === 'function',
      globals: globals.news(),
      pageNames: options.mainWindowAccessors ?? [],
      // The roots of `forward` paths: their page objects are stubs; the scripts own the real ones.
      workerGlobals: forwarder
        ? (options.forward ?? []).map((entry) => forwardPath(entry)[0].split('.')[0]!)
        : [],
      scripts,
      forwarded,
      hosts: plan.policy && (plan.policy.hosts ?? []),
    };
  };

  const handlers = {
    ...plan.functions,
    ...access,
    ...syncApis,
    ...pageHandlers(options, access),
    [OffloadCall.StartUp]: startUp,
  };
  const host = await connect(
    () => new Worker(trustedScriptUrl(workerUrl(plan.lib, options, plan.policy))),
    {
      handlers: enforcement ? enforcement.handlers(handlers) : handlers,
      serviceWorker: { url: new URL('sw.js', plan.lib), scope: plan.lib },
      startTimeout: options.fallbackTimeout === 0 ? 2 ** 31 - 1 : (options.fallbackTimeout ?? 9000),
      transport: options.transport,
      guard: enforcement?.guard,
    },
  );
  return { host, worker };
}

/**
 * The worker's URL says what to measure and log, and under which policy it runs (for a
 * server that sends each policy's worker its own CSP): `offstage-worker.js?profile&policy=chat`.
 */
function workerUrl(lib: string, options: OffloadOptions, policy?: ScriptPolicy): URL {
  const url = new URL('offstage-worker.js', lib);
  if (options.profile) url.searchParams.set(WorkerParam.Profile, '');
  const log = [
    options.logCalls && 'calls',
    options.logGetters && 'getters',
    options.logSetters && 'setters',
  ].filter(Boolean);
  if (log.length) url.searchParams.set(WorkerParam.Log, log.join(','));
  if (policy) url.searchParams.set(WorkerParam.Policy, policy.name);
  return url;
}
