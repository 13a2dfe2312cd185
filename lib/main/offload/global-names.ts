/**
 * The names of the page's window (own and inherited), for the worker's window to mirror:
 * `news()` gives those not given before (all of them the first time).
 */
export class GlobalNames {
  readonly #given = new Set<string>();

  news(): string[] {
    const names: string[] = [];
    for (let o: object | null = window; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
      for (const name of Object.getOwnPropertyNames(o)) {
        if (!this.#given.has(name)) this.#given.add(name) && names.push(name);
      }
    }
    return names;
  }
}
