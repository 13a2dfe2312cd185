import { callPath } from '../../shared/offload/call-path.js';
import { OFFLOADED_TYPE, PARTYTOWN_TYPE } from '../../shared/offload/script-type.js';
import { ScriptState } from '../../shared/offload/protocol.js';
import { trustedScript, trustedScriptUrl } from '../../shared/trusted-types.js';
import type { Forwarder } from './forward.js';

/** Offloaded scripts not yet taken by the worker or the fallback. */
export const SELECTOR = `script:is([type="${OFFLOADED_TYPE}"],[type="${PARTYTOWN_TYPE}"]):not([data-offstage])`;

/**
 * The fallback: each offloaded script becomes a normal one, in order, each run once. Calls
 * queued by `forward` stubs are replayed on the page once the scripts have run.
 */
export async function runOnMainThread(
  forwarder?: Forwarder,
  nonce?: string,
  /** Which scripts may: not those a policy governs (they never run on the page). */
  runs: (element: HTMLScriptElement) => boolean = () => true,
): Promise<void> {
  const forwarded = forwarder?.restore() ?? [];
  const pending = () => [...document.querySelectorAll<HTMLScriptElement>(SELECTOR)].filter(runs);
  new MutationObserver(() => void runAll(pending(), nonce)).observe(document, {
    childList: true,
    subtree: true,
  });
  await runAll(pending(), nonce);
  for (const [path, args] of forwarded) {
    try {
      if (!callPath(window, path, args)) throw new TypeError('not a function');
    } catch (error) {
      console.error(`Offstage: replaying a forwarded call to ${path} failed:`, error);
    }
  }
}

let chain = Promise.resolve();
/**
 * Runs offloaded scripts as ordinary page scripts, one after another. Under a CSP with
 * nonces each gets its original's nonce, or `nonce` (the page's config) — a parsed
 * element's nonce attribute reads empty, so copying attributes would lose it.
 */
export function runAll(scripts: HTMLScriptElement[], nonce?: string): Promise<void> {
  for (const original of scripts) {
    original.dataset.offstage = ScriptState.MainThread;
    chain = chain.then(() =>
      new Promise<void>((resolve) => {
        const script = document.createElement('script');
        // Its markup's attributes are the page's own: under Trusted Types, `src` and `on…`
        // go through Offstage's policy (`src` is set below).
        for (const { name, value } of original.attributes) {
          if (name === 'type' || name === 'data-offstage' || name === 'src') continue;
          script.setAttribute(name, name.startsWith('on') ? trustedScript(value) : value);
        }
        script.nonce = original.nonce || nonce || '';
        // An inline module goes by a blob: URL, as in the worker: only external scripts
        // say when they are done (load), and the next script must wait for it.
        const module = original.dataset.type === 'module';
        if (module) script.type = 'module';
        const src =
          original.src ||
          (module
            ? URL.createObjectURL(new Blob([original.text], { type: 'text/javascript' }))
            : '');
        if (src) {
          script.src = trustedScriptUrl(src);
          script.onload = script.onerror = () => {
            if (src !== original.src) URL.revokeObjectURL(src);
            resolve();
          };
        } else {
          script.text = trustedScript(original.text);
        }
        original.after(script);
        if (!src) resolve();
      }).catch((error: unknown) =>
        // A script the page refuses (its Trusted Types) is reported; the next still runs.
        console.error('Offstage: could not run an offloaded script on the main thread:', error),
      ),
    );
  }
  return chain;
}
