import { matches } from '../../shared/offload/policy-match.js';

/**
 * What the offloaded scripts it names may do to the page (`offload({ policies: [...] })`).
 * Each policy's scripts run in a worker of their own, and the page answers that worker's
 * every access by the policy: what the policy does not grant is refused, and the script's
 * access throws a `SecurityError` naming the rule. Patterns take `*` for any run of
 * characters, or a RegExp.
 */
export interface ScriptPolicy {
  /** Named in errors and in `stats()`. */
  name: string;
  /** The scripts it governs: patterns of their `src`, or of `#id` for inline scripts (`#chat-*`). */
  scripts: (string | RegExp)[];
  /**
   * Selectors of the page's subtrees the scripts may read and change (`['#chat-root']`).
   * Elements in the page outside them cannot be reached; elements not in the page (made by
   * the script and not yet inserted) can. Default: none.
   */
  dom?: string[];
  /**
   * Selectors of elements the scripts may never reach, even inside `dom`. Default
   * `['input[type=password]']`.
   */
  hidden?: string[];
  /** Cookie names the scripts may read and write (`document.cookie`, `cookieStore`). Default: none. */
  cookies?: (string | RegExp)[];
  /** `localStorage` and `sessionStorage` keys they may read and write. Default: none. */
  storage?: (string | RegExp)[];
  /**
   * Whether they may navigate the page: write `location`, call `history`'s and `navigation`'s
   * methods, `open()`, submit forms, click links. Default false.
   */
  navigation?: boolean;
  /**
   * Page functions they may call: paths from the window (`'myApp.track'`) and names of
   * `functions` (`offstage.call`). The platform's own functions are governed by the other
   * rules. Default: none.
   */
  calls?: string[];
  /**
   * Hosts they may send to or load from (`'api.example.com'`, `'*.example.com'`, `'self'`):
   * `fetch`, XHR, `sendBeacon`, WebSocket, EventSource, the scripts they load, and the URLs they
   * give page elements (`img.src`, `a.href`). Default: none.
   */
  hosts?: string[];
}

/** The policy that governs an offloaded script element, if any: the first that names it. */
export function policyOf(
  element: HTMLScriptElement,
  policies: ScriptPolicy[],
): ScriptPolicy | undefined {
  return policies.find((policy) =>
    policy.scripts?.some((pattern) =>
      element.src
        ? matches(pattern, element.src)
        : !!element.id && typeof pattern === 'string' && matches(pattern, `#${element.id}`),
    ),
  );
}
