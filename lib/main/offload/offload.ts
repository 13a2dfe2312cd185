import {
  OffloadCall,
  WorkerParam,
  type OffloadHandlers,
  type ProfiledScript,
  type ScriptStats,
  type WorkerEnd,
} from '../../shared/offload/protocol.js';
import { Wire } from '../../shared/channel/protocol.js';
import { OffstageError } from '../../shared/errors.js';
import { trustedScriptUrl, trustedTypesProblem } from '../../shared/trusted-types.js';
import { connect } from '../channel/connect.js';
import { methodTable } from '../proxy/method-table.js';
import { remoteAccess } from '../proxy/remote-access.js';
import { syncApis } from '../sync-apis/sync-apis.js';
import { hookAccess } from './access-hooks.js';
import { forwardPath, installForwards } from './forward.js';
import { GlobalNames } from './global-names.js';
import type { Offload, OffloadOptions } from './offload-options.js';
import { pageHandlers } from './page-handlers.js';
import { runOnMainThread } from './run-on-main-thread.js';
import { ScriptWatcher } from './script-watcher.js';

const SYNC_EVENTS = ['pagehide', 'beforeunload', 'visibilitychange'];
/** How often the page looks for global names it gained, for the worker's window (ms). */
const NAMES_EVERY = 500;

/**
 * Runs the page's `<script type="text/offstage">` scripts in a worker, in document order,
 * and those added later too. Where no synchronous transport exists, or the worker does not
 * start in time, they run on the main thread instead — each once, in order.
 */
export async function offload(options: OffloadOptions = {}): Promise<Offload> {
  const lib = new URL(options.lib ?? '/~offstage/', location.href).href;
  const forwarder = options.forwarder ?? installForwards(options.forward);
  const functions = pageFunctions(options.functions); // a bad name is the page's bug: thrown, no fallback
  const globals = new GlobalNames();
  const watcher = new ScriptWatcher(options.loadScriptsOnMainThread ?? [], options.nonce);
  const access = hookAccess(remoteAccess, options);
  /** The worker's functions, from its start-up call (which may come after connect() resolves). */
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
    const forwarded = forwarder.handOver(end.forward);
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
      top: window.top,
      parent: window.parent,
      methods: methodTable(),
      resolves: typeof options.resolveUrl === 'function',
      beaconOptions: typeof options.resolveSendBeaconRequestParameters === 'function',
      everyRead: typeof options.get === 'function' || typeof options.apply === 'function',
      globals: globals.news(),
      pageNames: options.mainWindowAccessors ?? [],
      // The roots of `forward` paths: their page objects are stubs; the scripts own the real ones.
      workerGlobals: (options.forward ?? []).map((entry) => forwardPath(entry)[0].split('.')[0]!),
      scripts,
      forwarded,
    };
  };

  let host;
  try {
    host = await connect(() => new Worker(trustedScriptUrl(workerUrl(lib, options))), {
      handlers: {
        ...functions,
        ...access,
        ...syncApis,
        ...pageHandlers(options, access),
        [OffloadCall.StartUp]: startUp,
      },
      serviceWorker: { url: new URL('sw.js', lib), scope: lib },
      startTimeout: options.fallbackTimeout === 0 ? 2 ** 31 - 1 : (options.fallbackTimeout ?? 9000),
      transport: options.transport,
    });
  } catch (error) {
    // Offstage's own messages start with their code.
    const reason =
      (error instanceof OffstageError ? error.message : String(error)) + trustedTypesProblem();
    await runOnMainThread(forwarder, options.nonce);
    return { where: 'main-thread', reason, stats: async () => [] };
  }
  // Before any script can add its own listeners, so that these run first.
  const hold = () => host.holdPage(options.syncEventTimeout ?? 500);
  for (const type of options.syncEvents ?? SYNC_EVENTS) addEventListener(type, hold, true);
  return {
    where: 'worker',
    host,
    stats: () =>
      new Promise((resolve, reject) => {
        if (!options.profile) {
          const fix = 'offload({ profile: true }) (window.offstage.profile)';
          return reject(new Error(`Offstage: stats() needs ${fix}`));
        }
        void worker.then((end) => end.report((raw) => resolve(summarize(raw))));
      }),
  };
}

/** The profiler's figures, each script's ten costliest paths first. */
function summarize(raw: ProfiledScript[]): ScriptStats[] {
  return raw.map(({ paths, ...rest }) => ({
    ...rest,
    top: Object.entries(paths)
      .map(([path, cost]) => ({ path, ...cost }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 10),
  }));
}

/** `options.functions`, checked: Offstage's own handlers' names are taken. */
function pageFunctions(functions: OffloadOptions['functions'] = {}): OffloadOptions['functions'] {
  for (const [name, fn] of Object.entries(functions)) {
    if (name.startsWith(Wire.HandlerPrefix)) {
      throw new TypeError(
        `Offstage: the function name "${name}" is reserved: names starting with "offstage:" are Offstage's own`,
      );
    }
    if (typeof fn !== 'function') {
      throw new TypeError(`Offstage: functions.${name} is not a function`);
    }
  }
  return functions;
}

/**
 * The worker's URL says what to measure and log: `offstage-worker.js?profile&log=calls,getters`.
 */
function workerUrl(lib: string, options: OffloadOptions): URL {
  const url = new URL('offstage-worker.js', lib);
  if (options.profile) url.searchParams.set(WorkerParam.Profile, '');
  const log = [
    options.logCalls && 'calls',
    options.logGetters && 'getters',
    options.logSetters && 'setters',
  ].filter(Boolean);
  if (log.length) url.searchParams.set(WorkerParam.Log, log.join(','));
  return url;
}
