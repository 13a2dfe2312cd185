/**
 * Trusted Types. Where a CSP has `require-trusted-types-for 'script'`, script sinks refuse
 * strings. The URLs and code Offstage itself hands them — its worker and service worker, the
 * page's own offloaded scripts run on the main thread by the fallback, `importScripts` of a
 * script's source in the worker — go through one policy named `offstage`, which the CSP lists:
 * `trusted-types offstage`.
 *
 * Strings from offloaded scripts never do: what they write to the page (`innerHTML`, a
 * script's `src`) reaches the page's sinks as the string it is, so the page's own rules (its
 * `default` policy, or a refusal) apply as they would to the same script on the main thread.
 */
export const TRUSTED_TYPES_POLICY = 'offstage';

interface Policy {
  createScriptURL(url: string): string;
  createScript(code: string): string;
}
type Factory = { createPolicy(name: string, rules: Policy): Policy };

let policy: Policy | null | undefined;
/** Whether the CSP refused the policy's name. */
let refused = false;

/** The policy, made on first use (once per bundle); null without Trusted Types. */
function offstagePolicy(): Policy | null {
  if (policy === undefined) {
    const factory = (globalThis as { trustedTypes?: Factory }).trustedTypes;
    const same = (value: string) => value;
    try {
      policy =
        factory?.createPolicy(TRUSTED_TYPES_POLICY, {
          createScriptURL: same,
          createScript: same,
        }) ?? null;
    } catch {
      // The CSP does not allow the name: strings go on, and where a sink refuses them,
      // `trustedTypesProblem()` says why.
      refused = true;
      policy = null;
    }
  }
  return policy;
}

/** The fix, if the CSP refused Offstage's policy (for the errors of sinks that refuse strings). */
export const trustedTypesProblem = (): string =>
  refused ? ` (add "trusted-types ${TRUSTED_TYPES_POLICY}" to the Content-Security-Policy)` : '';

/** `url`, Offstage's own, as script sinks take it (a TrustedScriptURL under Trusted Types). */
export function trustedScriptUrl(url: string | URL): string {
  return offstagePolicy()?.createScriptURL(String(url)) ?? String(url);
}

/** `code`, the page's own, as script sinks take it (a TrustedScript under Trusted Types). */
export function trustedScript(code: string): string {
  return offstagePolicy()?.createScript(code) ?? code;
}
