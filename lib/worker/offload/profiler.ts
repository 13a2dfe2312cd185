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

  constructor(current: CurrentScript) {
    this.#current = current;
  }

  /** `onRoundTrip`: one blocking call to `target` that took `ms`. */
  readonly record = (target: unknown, args: unknown[], ms: number): void => {
    const script = this.#current.name;
    let entry = this.#scripts.get(script);
    if (!entry)
      this.#scripts.set(script, (entry = { script, roundTrips: 0, blockedMs: 0, paths: {} }));
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

  report(): ProfiledScript[] {
    return [...this.#scripts.values()];
  }
}
