import { ScriptState, type OffloadedScript } from '../../shared/offload/protocol.js';
import { runAll, SELECTOR } from './run-on-main-thread.js';

/**
 * Takes the page's offloaded scripts for the worker: those in the page now (`take()`), and,
 * once `watch()` is called, each one added later. Those matching `onMainThread` (by `src`,
 * or `id` for inline ones) run on the page instead.
 */
export class ScriptWatcher {
  readonly #onMainThread: (string | RegExp)[];
  readonly #nonce: string | undefined;
  /** `defer` scripts and modules found while the page is parsing: they wait until it has. */
  readonly #deferred: OffloadedScript[] = [];

  readonly #takes: (element: HTMLScriptElement) => boolean;

  constructor(
    onMainThread: (string | RegExp)[],
    nonce?: string,
    /** Which offloaded scripts are this worker's (the others are another's). */
    takes: (element: HTMLScriptElement) => boolean = () => true,
  ) {
    this.#onMainThread = onMainThread;
    this.#nonce = nonce;
    this.#takes = takes;
  }

  /**
   * The offloaded scripts not taken before, marked queued, in the order a page runs them:
   * `defer` scripts and modules that are not `async` after the others — and, while the page
   * is still parsing, not yet (`watch()` hands them over when it has parsed).
   */
  take(): OffloadedScript[] {
    const found = [...document.querySelectorAll<HTMLScriptElement>(SELECTOR)].filter(this.#takes);
    void runAll(
      found.filter((element) => this.#stays(element)),
      this.#nonce,
    );
    const now: OffloadedScript[] = [];
    for (const element of found) {
      if (element.dataset.offstage) continue;
      element.dataset.offstage = ScriptState.Queued;
      const module = element.dataset.type === 'module';
      // By the attribute, as in markup: the page cannot tell scripts inserted by code, whose
      // `async` is true by default, from those in markup, since a script whose type the
      // browser does not run reads `async` true from then on (the worker knows its own).
      const async = element.hasAttribute('async') && (module || !!element.src);
      const script = element.src
        ? { element, src: element.src, module, async }
        : { element, text: element.text, module, async };
      const deferred = !async && (module || (!!element.src && element.defer));
      (deferred ? this.#deferred : now).push(script);
    }
    return document.readyState === 'loading' ? now : [...now, ...this.#deferred.splice(0)];
  }

  /** From now on, hands each script added to the page to `deliver`. */
  watch(deliver: (scripts: OffloadedScript[]) => void): void {
    const handOver = () => {
      const scripts = this.take();
      if (scripts.length) deliver(scripts);
    };
    new MutationObserver(handOver).observe(document, { childList: true, subtree: true });
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', handOver);
  }

  #stays(element: HTMLScriptElement): boolean {
    const text = element.src || element.id;
    return (
      !!text && this.#onMainThread.some((p) => (typeof p === 'string' ? p === text : p.test(text)))
    );
  }
}
