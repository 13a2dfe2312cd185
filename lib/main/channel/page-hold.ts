/**
 * Holding the page (`Host.holdPage`): until the current task ends, and for at most a given
 * time, each call the page makes to a worker function blocks the page until the worker has
 * run it. Each such invocation gets a number; the worker says it ran one with
 * `Builtin.Invoked`. Atomics only: a page cannot read service-worker requests while it
 * blocks.
 */
export class PageHold {
  /** When the page stops waiting (`performance.now()` time); 0: not held. */
  #until = 0;
  /** The numbers given to invocations made while held, and the last one the worker ran. */
  #issued = 0;
  #ran = 0;

  /** Holds the page for up to `ms` more, until the end of this task. */
  extend(ms: number): void {
    if (!this.held()) setTimeout(() => (this.#until = 0));
    this.#until = Math.max(this.#until, performance.now() + ms);
  }

  held(): boolean {
    return performance.now() < this.#until;
  }

  get deadline(): number {
    return this.#until;
  }

  /** The number of a new invocation the page will wait for. */
  issue(): number {
    return ++this.#issued;
  }

  /** The worker ran invocation `wait` (`Builtin.Invoked`). */
  ranUpTo(wait: number): void {
    this.#ran = wait;
  }

  hasRun(wait: number): boolean {
    return this.#ran === wait;
  }
}
