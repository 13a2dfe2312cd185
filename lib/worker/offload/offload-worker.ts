import {
  OffloadCall,
  WorkerParam,
  type OffloadContract,
  type WorkerEnd,
} from '../../shared/offload/protocol.js';
import { connectChannel } from '../channel/connect-channel.js';
import { proxyHandles } from '../proxy/remote-proxy.js';
import { MethodModes } from '../proxy/method-modes.js';
import { accessLog } from './access-log.js';
import { CurrentScript } from './current-script.js';
import { CustomElements } from './custom-elements.js';
import { patchNetwork } from './network.js';
import { ReadAhead } from './read-ahead.js';
import { PageOverrides } from './page-overrides.js';
import { Profiler } from './profiler.js';
import { ScriptRunner } from './script-runner.js';
import { SharedGlobals } from './shared-globals.js';
import { scriptsApi } from './scripts-api.js';
import { becomeWindow } from './window-global.js';

/**
 * The worker that runs a page's `<script type="text/offstage">` scripts (started by
 * lib/main/offload/offload.ts), in the order the page hands them over. Its global object is
 * the scripts' window (window-global.ts): classic scripts run as global code through
 * `importScripts`, module scripts (`data-type="module"`) through `import()`.
 */

type Report = (target: unknown, args: unknown[], ms: number) => void;

async function runOffloadedScripts(): Promise<void> {
  // What the page asked for, by the worker's URL: `offstage-worker.js?profile&log=calls,getters`.
  const query = new URLSearchParams(location.search);
  const current = new CurrentScript();
  /** The policy the page keeps these scripts to, if any: every access then waits for its answer. */
  const policy = query.get(WorkerParam.Policy) ?? undefined;
  const profiler = query.has(WorkerParam.Profile) ? new Profiler(current, policy) : undefined;
  // Debug builds only: production builds leave the logger out.
  const log = DEV ? logFor(query.get(WorkerParam.Log), current) : undefined;
  const methods = new MethodModes();
  const overrides = new PageOverrides(current);
  const elements = new CustomElements();
  const readAhead = new ReadAhead();
  const handles = proxyHandles({
    local: (proxy, key) => elements.read(proxy, key) ?? overrides.read(proxy, key),
    write: (proxy, key, value) =>
      elements.write(proxy, key, value) || overrides.write(proxy, key, value),
    callMode: methods.callMode,
    knownMethod: methods.knownMethod,
    readAhead: readAhead.groupOf,
    remember: readAhead.keeps,
    lasts: readAhead.lasts,
    around: (self, key, args, call) =>
      elements.around(self, key, args, (wait) =>
        overrides.around(self, key, args, () => call(wait)),
      ),
    construct: elements.construct,
    prototypeOf: elements.prototypeOf,
  });
  const main = await connectChannel<OffloadContract>({
    handles,
    // Under a policy, a write is a call the page may refuse: the script must get its error.
    waits: policy !== undefined,
    onRoundTrip: both(log, profiler?.record),
    onPost: log,
    onThrown: profiler?.thrown,
  });

  // The page calls these only after it has answered the start-up call (each call is posted);
  // they may still come while the worker is in a later call of its start-up (a policy's
  // worker waits for each write): they wait until `runner` and `addNames` below exist.
  let early: (() => void)[] | undefined = [];
  const once = (run: () => void) => (early ? early.push(run) : run());
  const end: WorkerEnd = {
    deliver: (scripts, names) =>
      once(() => {
        addNames(names);
        globals.pageHas(names);
        runner.add(scripts.map(overrides.asInserted));
      }),
    forward: (path, args) => once(() => runner.forward(path, args)),
    report: (reply) => reply(profiler?.report() ?? []),
  };
  // Everything the page tells before any script runs, in one round trip.
  const startUp = main.call(OffloadCall.StartUp, end);
  methods.learn(startUp.methods);
  readAhead.learn(startUp);
  const resolve = patchNetwork(
    main,
    startUp.location,
    startUp.resolves,
    startUp.hosts && { name: policy!, hosts: startUp.hosts, denied: profiler?.thrown },
  );
  overrides.attach({
    main,
    document: startUp.document,
    navigator: startUp.navigator,
    sendBeacon: beacon(),
    runNow: (element, text) => runner.runNow(element, text),
    madeElement: (element, name) => {
      readAhead.made(element, name);
      elements.made(element, name);
    },
  });
  elements.attach(
    main,
    () => (self as unknown as { customElements: unknown }).customElements,
    (name) => overrides.createElement(name) as object,
  );
  (self as unknown as { offstage: unknown }).offstage = scriptsApi(
    main,
    startUp.window,
    resolve,
    overrides.createElement,
  );
  // `document`, `location`, `navigator`, `top`, `parent` are read already.
  const addNames = becomeWindow(startUp.window, main.standIn, {
    names: startUp.globals,
    pageOwned: startUp.pageNames,
    workerOwned: startUp.workerGlobals,
    known: startUp as unknown as Record<string, unknown>,
  });
  const globals = new SharedGlobals(main, startUp.workerGlobals);
  const runner = new ScriptRunner(main, current, resolve, () => globals.share());
  runner.add(startUp.scripts);
  for (const [path, args] of startUp.forwarded) runner.forward(path, args);
  for (const run of early.splice(0)) run();
  early = undefined;

  /**
   * The scripts' `navigator.sendBeacon` where it differs from the page's: its URL through
   * resolveUrl like fetch's, or, with resolveSendBeaconRequestParameters, the page's
   * keepalive fetch. Otherwise the page's own (it outlives the page).
   */
  function beacon() {
    if (!startUp.resolves && !startUp.beaconOptions) return undefined;
    const { sendBeacon } = startUp.navigator as {
      sendBeacon: (url: string, data?: unknown) => boolean;
    };
    const sendOne = startUp.beaconOptions
      ? (url: string, data?: unknown) => main.call(OffloadCall.Beacon, url, data)
      : sendBeacon;
    return (url: string, data?: unknown) => sendOne(resolve(url, 'sendBeacon'), data);
  }
}

/** The access log for `?log=calls,getters,setters`, if any are asked for. */
function logFor(kinds: string | null, current: CurrentScript) {
  const logged = (kinds ?? '').split(',');
  if (!logged.some(Boolean)) return undefined;
  const calls = logged.includes('calls');
  const getters = logged.includes('getters');
  const setters = logged.includes('setters');
  return accessLog({ calls, getters, setters }, () => current.name);
}

/** Both reports, either, or none (then round trips are not even timed). */
function both(a: Report | undefined, b: Report | undefined): Report | undefined {
  return a && b ? (target, args, ms) => (a(target, args, ms), b(target, args, ms)) : (a ?? b);
}

void runOffloadedScripts();
