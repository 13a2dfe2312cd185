import type { Offload, OffloadOptions } from './offload-options.js';
import { installForwards } from './forward.js';
import { runOnMainThread } from './run-on-main-thread.js';

/**
 * The small script a page includes (`dist/offstage.js`, or inlined): it reads
 * `window.offstage` (or a Partytown page's `window.partytown`), loads the rest of Offstage from
 * `lib` (the debug build with `debug: true`) and offloads the page's scripts. If even that load fails, the scripts run
 * on the main thread. Either way `document` receives an `offstage:ready` event whose
 * `detail` is `{ where: 'worker' | 'main-thread', reason? }`, and the config object gets
 * `stats()`.
 */
interface Config extends OffloadOptions {
  debug?: boolean;
  /** Set by the snippet once the scripts run: the profiler (see `Offload.stats`). */
  stats?: Offload['stats'];
}

// A page written for Partytown keeps its `window.partytown` config, and its default lib path.
const { offstage, partytown } = window as unknown as { offstage?: Config; partytown?: Config };
const config: Config = offstage ?? partytown ?? {};
// Now, before the page's own code can call them.
const forwarder = installForwards(config.forward);
// Without `lib`, a snippet loaded from a file (`<script src=".../offstage.js">`) finds the rest
// beside it (the debug build's own folder is `debug/` in lib); an inline one, at the default.
const beside = (document.currentScript as HTMLScriptElement | null)?.src.replace(
  /(debug\/)?[^/]*$/,
  '',
);
const fallback = offstage || !partytown ? '/~offstage/' : '/~partytown/';
const lib = new URL(
  `${config.debug ? 'debug/' : ''}`,
  new URL(config.lib ?? (beside || fallback), location.href),
).href;
const ready = ({ stats, ...detail }: Pick<Offload, 'where' | 'reason' | 'stats'>) => {
  // The profiler, from the console too: `await offstage.stats()` (with `profile: true`).
  // Not in the event's detail, which pages may post elsewhere (a function cannot be cloned).
  config.stats = stats;
  document.dispatchEvent(new CustomEvent('offstage:ready', { detail }));
};

// A plain variable, not a literal: dev servers and bundlers rewrite literal import() specifiers.
const entry = `${lib}main.js`;
import(/* @vite-ignore */ entry).then(
  ({ offload }: { offload: (options: OffloadOptions) => Promise<Offload> }) =>
    offload({ ...config, lib, forwarder }).then(({ where, reason, stats }) =>
      ready({ where, reason, stats }),
    ),
  // Scripts a policy governs never run on the page; without main.js none can tell which they are.
  (error: Error) =>
    runOnMainThread(forwarder, config.nonce, () => !config.policies?.length).then(() =>
      ready({
        where: 'main-thread',
        reason: `could not load ${entry}: ${error.message}`,
        stats: async () => [],
      }),
    ),
);
