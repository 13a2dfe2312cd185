import { OffloadCall, type OffloadContract } from '../../shared/offload/protocol.js';
import type { MainThread } from '../channel/main-thread.js';
import { setInterval_ } from './worker-originals.js';

/** How often, at most, globals written outside a script's run reach the page (ms). */
const EVERY = 250;

/**
 * The scripts' own globals, given to the page's window so that page code and frames see
 * them (`window.x`, `top.x`), as they would see a page script's: each primitive, and each
 * function (the page calls it in the worker). Objects are not given — the page could not
 * read them — so page code that tests for one (`if (window.sdk)`) sees it absent, as before.
 *
 * Globals are compared after each script and forwarded call, and every `EVERY` ms for those
 * written later (timers, events); each change is posted once. Names the page owns, or the
 * scripts own by `forward`, are not given.
 */
export class SharedGlobals {
  readonly #main: MainThread<OffloadContract>;
  /** Names not the scripts' own: the worker's, the page's, the `forward` roots. */
  readonly #skip: Set<string>;
  /** What the page was given, by name. */
  readonly #given = new Map<string, unknown>();

  constructor(main: MainThread<OffloadContract>, own: string[]) {
    this.#main = main;
    this.#skip = new Set([...Object.getOwnPropertyNames(self), ...own]);
    setInterval_(() => this.share(), EVERY);
  }

  /** Names the page's window has (added as accessors that read it): not the scripts'. */
  pageHas(names: string[]): void {
    for (const name of names) if (!this.#given.has(name)) this.#skip.add(name);
  }

  /** Gives the page what the scripts made or changed since last time. */
  share(): void {
    const global = self as unknown as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(self)) {
      if (this.#skip.has(name)) continue;
      const value = global[name];
      if (this.#given.has(name) && Object.is(this.#given.get(name), value)) continue;
      if (typeof value === 'object' ? value !== null : typeof value === 'symbol') continue;
      this.#given.set(name, value);
      this.#main.post(OffloadCall.ShareGlobal, name, value);
    }
  }
}
