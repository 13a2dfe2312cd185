/**
 * The network half of a policy, in the worker of the scripts it governs: a classic script
 * (`offstage-policy.js`) that network.ts loads only there. esbuild puts the exports on the
 * global `__offstagePolicy`.
 */
import { hostAllowed } from '../../shared/offload/policy-match.js';
import { looksNative } from './looks-native.js';

/** The policy a worker's scripts run under: what they may reach on the network. */
export interface NetworkPolicy {
  name: string;
  hosts: string[];
  /** Told of each refusal (the profiler counts them). */
  denied?: (error: DOMException) => void;
}

/** Returns `url` if the policy lets the scripts reach it, else throws a `SecurityError`. */
export function hostCheck(
  policy: NetworkPolicy,
  pageLocation: { href: string },
): (url: string, what: string) => string {
  return (url, what) => {
    if (hostAllowed(policy.hosts, url, pageLocation.href)) return url;
    const error = new DOMException(
      `Offstage policy "${policy.name}": ${what} ${JSON.stringify(url)} is not allowed (hosts: ${policy.hosts.join(', ') || 'none'})`,
      'SecurityError',
    );
    policy.denied?.(error);
    throw error;
  };
}

/**
 * Under a policy, what else in the worker reaches the network keeps to its hosts: WebSocket
 * and EventSource check their URL; workers of the scripts' own, which would start with none of
 * this, are refused. (A script bent on getting around these has the worker's CSP against it:
 * see README, "Security model".)
 */
export function keepToHosts(
  check: (url: string, what: string) => string,
  pageLocation: { href: string },
): void {
  // The original fetch is a prototype's: a script must not get around the check through it.
  for (let o = Object.getPrototypeOf(self); o; o = Object.getPrototypeOf(o)) {
    if (Object.hasOwn(o, 'fetch')) o.fetch = self.fetch;
  }
  const scope = self as unknown as Record<string, unknown>;
  for (const name of ['WebSocket', 'EventSource']) {
    const Original = scope[name] as (new (url: string, ...rest: unknown[]) => object) | undefined;
    if (!Original) continue;
    const Checked = function (this: unknown, url: string | URL, ...rest: unknown[]) {
      if (!new.target) throw new TypeError(`Failed to construct '${name}': use 'new'`);
      check(new URL(url, pageLocation.href).href, `new ${name}() to`);
      return Reflect.construct(Original, [url, ...rest], new.target);
    } as unknown as typeof Original;
    Checked.prototype = Original.prototype;
    Object.setPrototypeOf(Checked, Original);
    scope[name] = looksNative(Original, Checked);
  }
  for (const name of ['Worker', 'SharedWorker']) {
    if (!scope[name]) continue;
    scope[name] = function () {
      throw new DOMException(
        `Offstage policy: new ${name}() is not allowed (a worker of the scripts' own would keep to no policy)`,
        'SecurityError',
      );
    };
  }
}
