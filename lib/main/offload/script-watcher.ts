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

  constructor(onMainThread: (string | RegExp)[], nonce?: string) {
    this.#onMainThread = onMainThread;
    this.#nonce = nonce;
  }

  /** The offloaded scripts not taken before, in document order, marked queued. */
  take(): OffloadedScript[] {
    const found = [...document.querySelectorAll<HTMLScriptElement>(SELECTOR)];
    void runAll(
      found.filter((element) => this.#stays(element)),
      this.#nonce,
    );
    return found
      .filter((element) => !element.dataset.offstage)
      .map((element) => {
        element.dataset.offstage = ScriptState.Queued;
        const module = element.dataset.type === 'module';
        return element.src
          ? { element, src: element.src, module }
          : { element, text: element.text, module };
      });
  }

  /** From now on, hands each script added to the page to `deliver`. */
  watch(deliver: (scripts: OffloadedScript[]) => void): void {
    new MutationObserver(() => {
      const scripts = this.take();
      if (scripts.length) deliver(scripts);
    }).observe(document, { childList: true, subtree: true });
  }

  #stays(element: HTMLScriptElement): boolean {
    const text = element.src || element.id;
    return (
      !!text && this.#onMainThread.some((p) => (typeof p === 'string' ? p === text : p.test(text)))
    );
  }
}
