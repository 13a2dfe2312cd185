import {
  type ProfiledScript,
  type ScriptStats,
  type WorkerEnd,
} from '../../shared/offload/protocol.js';
import { Wire } from '../../shared/channel/protocol.js';
import { OffstageError } from '../../shared/errors.js';
import { trustedTypesProblem } from '../../shared/trusted-types.js';
import type { Host } from '../channel/connect.js';
import { remoteAccess } from '../proxy/remote-access.js';
import { hookAccess } from './access-hooks.js';
import type { Enforcement } from './enforce-policy.js';
import { installForwards } from './forward.js';
import type { Offload, OffloadOptions } from './offload-options.js';
import { policyOf } from './policy.js';
import { runOnMainThread } from './run-on-main-thread.js';
import { ScriptWatcher } from './script-watcher.js';
import { startWorker } from './start-worker.js';

/** The module that keeps policies (`policy.js`), loaded only by pages that have them. */
type PolicyModule = typeof import('./enforce-policy.js');

const SYNC_EVENTS = ['pagehide', 'beforeunload', 'visibilitychange'];

/**
 * Runs the page's `<script type="text/offstage">` scripts in a worker, in document order,
 * and those added later too. Where no synchronous transport exists, or the worker does not
 * start in time, they run on the main thread instead — each once, in order. The scripts a
 * policy governs (`policies`) run in a worker of their own, which the page keeps to it; they
 * never fall back to the main thread.
 */
export async function offload(options: OffloadOptions = {}): Promise<Offload> {
  const lib = new URL(options.lib ?? '/~offstage/', location.href).href;
  const policies = options.policies ?? [];
  // Mistakes in the config are the page's bugs: thrown, no fallback.
  const functions = pageFunctions(options.functions);
  const forwarder = options.forwarder ?? installForwards(options.forward);
  const access = hookAccess(remoteAccess, options);
  // Policies are kept by their own module, loaded only by pages that have them.
  let enforcements: Enforcement[] = [];
  let unenforced: string | undefined;
  if (policies.length) {
    const url = `${lib}policy.js`;
    const loaded = await import(/* @vite-ignore */ url).then(
      (module: PolicyModule) => module,
      (error) => void (unenforced = `could not load ${url}: ${String(error)}`),
    );
    if (loaded)
      enforcements = loaded.checkPolicies(policies).map((p) => loaded.enforcePolicy(p, access));
  }
  /** Which worker runs a script: a policy's (its index), or -1 for the page's own. */
  const workerOf = (element: HTMLScriptElement) => {
    const made = enforcements.findIndex(({ madeScripts }) => madeScripts.has(element));
    if (made >= 0) return made;
    const policy = policyOf(element, policies);
    return policy ? policies.indexOf(policy) : -1;
  };
  const own = (element: HTMLScriptElement) => workerOf(element) === -1;

  const started = policies.map(async (policy, index) => {
    const enforcement = enforcements[index]!;
    const watcher = new ScriptWatcher([], options.nonce, (element) => {
      const mine = workerOf(element) === index;
      if (mine) enforcement.scripts.add(element);
      return mine;
    });
    try {
      if (unenforced) throw new Error(unenforced);
      const { host, worker } = await startWorker({
        lib,
        options,
        watcher,
        access: enforcement.access,
        functions,
        policy,
        enforcement,
      });
      return { name: policy.name, host, worker };
    } catch (error) {
      const reason = reasonOf(error);
      console.error(`Offstage: the scripts of policy "${policy.name}" did not run: ${reason}`);
      return { name: policy.name, reason };
    }
  });

  let own$;
  try {
    own$ = await startWorker({
      lib,
      options,
      watcher: new ScriptWatcher(options.loadScriptsOnMainThread ?? [], options.nonce, own),
      access,
      functions,
      forwarder,
    });
  } catch (error) {
    await runOnMainThread(forwarder, options.nonce, own);
    return {
      where: 'main-thread',
      reason: reasonOf(error),
      policies: (await Promise.all(started)).map(outcome),
      stats: async () => [],
    };
  }
  const policed = await Promise.all(started);
  const workers = [own$, ...policed.filter((each) => each.host)] as {
    host: Host;
    worker: Promise<WorkerEnd>;
  }[];
  // Before any script can add its own listeners, so that these run first.
  const hold = () => {
    for (const { host } of workers) host.holdPage(options.syncEventTimeout ?? 500);
  };
  for (const type of options.syncEvents ?? SYNC_EVENTS) addEventListener(type, hold, true);
  return {
    where: 'worker',
    host: own$.host,
    policies: policed.map(outcome),
    stats: () => {
      if (!options.profile) {
        const fix = 'offload({ profile: true }) (window.offstage.profile)';
        return Promise.reject(new Error(`Offstage: stats() needs ${fix}`));
      }
      const each = workers.map(
        ({ worker }) =>
          new Promise<ProfiledScript[]>(
            (resolve) => void worker.then((end) => end.report(resolve)),
          ),
      );
      return Promise.all(each).then((all) => summarize(all.flat()));
    },
  };
}

/** A policy's worker as `Offload.policies` tells it. */
const outcome = ({ name, reason }: { name: string; reason?: string }) =>
  reason === undefined ? { name } : { name, reason };

/** Why a worker did not start: Offstage's own messages start with their code. */
const reasonOf = (error: unknown) =>
  (error instanceof OffstageError ? error.message : String(error)) + trustedTypesProblem();

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
function pageFunctions(
  functions: OffloadOptions['functions'] = {},
): NonNullable<OffloadOptions['functions']> {
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
