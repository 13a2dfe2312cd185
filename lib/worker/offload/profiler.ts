import { Wire } from '../../shared/channel/protocol.js';
import type { ProfiledScript } from '../../shared/offload/protocol.js';
import type { CurrentScript } from './current-script.js';

/**
 * The profiler, when the page asked for it (it costs each call a little): each blocking round
 * trip charged to the running script, by property path (`get cookie`, `method setAttribute`).
 */
export class Profiler {
  readonly #scripts = new Map<string, ProfiledScript>();

  readonly #current: CurrentScript;
  readonly #policy: string | undefined;

  constructor(current: CurrentScript, policy?: string) {
    this.#current = current;
    this.#policy = policy;
  }

  /** `onRoundTrip`: one blocking call to `target` that took `ms`. */
  readonly record = (target: unknown, args: unknown[], ms: number): void => {
    const entry = this.#entry();
    entry.roundTrips++;
    entry.blockedMs += ms;
    const name = String(target);
    const key = typeof args[1] === 'string' ? args[1] : '';
    const own = name.startsWith(Wire.HandlerPrefix);
    const path = own ? `${name.slice(Wire.HandlerPrefix.length)} ${key}`.trim() : name;
    const cost = (entry.paths[path] ??= { count: 0, ms: 0 });
    cost.count++;
    cost.ms += ms;
  };

  /** `onThrown`, and the network's refusals: a policy's refusals, counted. */
  readonly thrown = (error: unknown): void => {
    const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
    if (name === 'SecurityError' && String(message).startsWith('Offstage policy'))
      this.#entry().denied++;
  };

  #entry(): ProfiledScript {
    const script = this.#current.name;
    let entry = this.#scripts.get(script);
    if (!entry) {
      entry = { script, roundTrips: 0, blockedMs: 0, denied: 0, paths: {} };
      if (this.#policy) entry.policy = this.#policy;
      this.#scripts.set(script, entry);
    }
    return entry;
  }

  report(): ProfiledScript[] {
    return [...this.#scripts.values()];
  }
}
