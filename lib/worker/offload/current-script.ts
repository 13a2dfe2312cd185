/**
 * Which offloaded script is running, if any: what `document.currentScript` answers, where
 * `document.write` output goes, and whom the profiler and the access log charge. Scripts
 * nest: an inline script another inserts runs during the insertion, then the outer one goes on.
 */
export class CurrentScript {
  readonly #running: [element: object, name: string][] = [];
  #after = '(start-up)';

  /** The running script's element, or null between scripts. */
  get element(): object | null {
    return this.#running.at(-1)?.[0] ?? null;
  }

  /** Its src or "inline script #n"; "(start-up)" before the first, "(between scripts)" after. */
  get name(): string {
    return this.#running.at(-1)?.[1] ?? this.#after;
  }

  enter(element: object, name: string): void {
    this.#running.push([element, name]);
  }

  leave(): void {
    this.#running.pop();
    this.#after = '(between scripts)';
  }
}
