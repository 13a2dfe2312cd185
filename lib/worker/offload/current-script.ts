/**
 * Which offloaded script is running, if any: what `document.currentScript` answers, where
 * `document.write` output goes, and whom the profiler and the access log charge.
 */
export class CurrentScript {
  /** The running script's element, or null between scripts. */
  element: object | null = null;
  /** Its src or "inline script #n"; "(start-up)" before the first, "(between scripts)" after. */
  name = '(start-up)';

  enter(element: object, name: string): void {
    this.element = element;
    this.name = name;
  }

  leave(): void {
    this.element = null;
    this.name = '(between scripts)';
  }
}
