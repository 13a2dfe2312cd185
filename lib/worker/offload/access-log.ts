import { Builtin } from '../../shared/channel/protocol.js';
import { Access } from '../../shared/proxy/protocol.js';
import { isPageObject } from '../proxy/remote-proxy.js';

export interface LogOptions {
  calls: boolean;
  getters: boolean;
  setters: boolean;
}

/**
 * `logCalls`, `logGetters`, `logSetters`: each access an offloaded script makes to the page,
 * on the worker's console — what, from which script, and how long the worker was blocked
 * (or "posted" for calls sent without waiting).
 */
export function accessLog(
  options: LogOptions,
  script: () => string,
): (target: unknown, args: unknown[], ms?: number) => void {
  return (target, args, ms) => {
    const line = describe(options, target, args);
    if (line)
      console.debug(
        `Offstage · ${script()} · ${line} (${ms === undefined ? 'posted' : `${ms.toFixed(2)} ms`})`,
      );
  };
}

function describe(
  { calls, getters, setters }: LogOptions,
  target: unknown,
  args: unknown[],
): string | undefined {
  const [, key] = args as [unknown, string];
  switch (target) {
    case Access.Get:
    case Access.ReadAhead:
    case Access.Has:
      return getters ? `${target === Access.Has ? 'has' : 'get'} ${key}` : undefined;
    case Access.Set:
      return setters ? `set ${key} = ${show(args[2])}` : undefined;
    case Access.Method:
      return calls ? `call ${key}(${(args[2] as unknown[]).map(show).join(', ')})` : undefined;
    case Access.Apply:
    case Access.Construct:
      return calls ? `${target === Access.Apply ? 'call' : 'new'} ${show(args[0])}(…)` : undefined;
    case Builtin.Adopt: // a call that makes a page object without waiting: (id, target, args)
      return describe({ calls, getters, setters }, args[1], args[2] as unknown[]);
    default:
      return calls && typeof target === 'string' ? `${target}` : undefined;
  }
}

function show(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'function') return '[function]';
  if (value && typeof value === 'object')
    // A page array's length would be a round trip of its own.
    return Array.isArray(value) && !isPageObject(value) ? `[${value.length} items]` : '[object]';
  return String(value);
}
