import { isPageObject } from '../proxy/remote-proxy.js';

/**
 * Makes the worker's global object the offloaded scripts' `window`. Scripts run as real
 * global code (classic scripts by `importScripts`, modules by `import()`), so their `var`,
 * `function`, `let`, `const` and `class` declarations are shared as on a page, top-level
 * `this` is the window, and `window === self === globalThis`.
 *
 * Each name the page's window has and the worker lacks becomes an accessor on the worker's
 * global that reads the page (`document`, `localStorage`, page globals, `HTMLElement`, …);
 * so do the names both have but that scripts expect from the page (`PAGE_NAMES`). Writes
 * stay in the worker — `window.x = 1` or `var x` makes a worker global, shared by all
 * offloaded scripts — except for the page-owned names. Worker-only names are removed, since
 * some SDKs refuse to run in a worker. A name the page gains later is added when the page
 * next hands over scripts; until then, reading it bare throws a ReferenceError.
 *
 * The global object also stands for the page's window on the channel (`standIn`): passed to
 * the page it is the page's window, and the page's window arrives as it
 * (`document.defaultView === window`). It reads as a Window: its `constructor` is the page's
 * `Window` (`window instanceof Window` holds, see the proxies' `Symbol.hasInstance`) and its
 * `Symbol.toStringTag` the page window's (`String(window)`). Its listeners for `error` and
 * `unhandledrejection` hear the worker's errors as well as the page's.
 */

/** Names a worker has too, that scripts expect from the page. */
const PAGE_OWNED = new Set([
  'navigator',
  'location',
  'origin',
  'name',
  'close',
  'addEventListener',
  'removeEventListener',
  'dispatchEvent',
  'postMessage',
  'onmessage',
  // The page's timeline: navigation and paint entries, marks, timestamps analytics compare.
  'performance',
  'PerformanceObserver',
]);
const WINDOW_NAMES = ['window', 'frames'];
/**
 * Window events that offloaded code raises itself: the scripts' listeners for them hear both
 * the page's (its scripts' errors) and the worker's (errors of offloaded code, which the
 * worker reports on its own global).
 */
const BOTH_EVENTS = new Set(['error', 'unhandledrejection', 'rejectionhandled']);
/** Names the worker has too, whose values are the page's, though writes stay here. */
const PAGE_VALUES = new Set(['constructor']);
/** The page's own window where it is in a frame; else this global, like `window`. */
const FRAME_NAMES = ['top', 'parent'];
const WORKER_ONLY = [
  'WorkerGlobalScope',
  'DedicatedWorkerGlobalScope',
  'WorkerNavigator',
  'WorkerLocation',
];
/** The page's objects that never change for a window's life: read once. */
const STABLE = new Set([
  'document',
  'navigator',
  'location',
  'history',
  'screen',
  'localStorage',
  'sessionStorage',
  'customElements',
  'visualViewport',
  'performance',
]);

/**
 * Turns the worker's global into the window. Returns how to add names the page gained
 * since. Take what the worker itself needs (`importScripts`, `postMessage`) before.
 */
export function becomeWindow(
  page: Record<string | symbol, unknown>,
  standIn: (handle: object, local: object) => void,
  {
    names,
    pageOwned,
    workerOwned,
    known,
  }: {
    /** The names of the page's window. */
    names: string[];
    /** `mainWindowAccessors`: more names read from and written to the page. */
    pageOwned: string[];
    /** Names the scripts own here even though the page has them (the roots of `forward` paths). */
    workerOwned: string[];
    /** Page values already read, by name (`document`, `top`, …): not asked for again. */
    known: Record<string, unknown>;
  },
): (names: string[]) => void {
  const global = self as unknown as Record<string, unknown>;
  const PAGE_NAMES = new Set([...PAGE_OWNED, ...pageOwned]);
  const OWN = new Set(workerOwned);
  standIn(page, self);
  let tag: unknown;
  Object.defineProperty(global, Symbol.toStringTag, {
    get: () => (tag ??= page[Symbol.toStringTag]),
    configurable: true,
  });
  delete (WorkerGlobalScope.prototype as Partial<WorkerGlobalScope>).importScripts;
  for (const name of WORKER_ONLY) delete global[name];
  for (const name of WINDOW_NAMES)
    Object.defineProperty(global, name, { value: self, configurable: true, enumerable: true });
  for (const name of FRAME_NAMES) {
    const value = name in known ? known[name] : page[name];
    Object.defineProperty(global, name, {
      // Read before the stand-in was made: the page's window as its handle.
      value: value === page ? self : value,
      configurable: true,
      enumerable: true,
    });
  }

  const stable = new Map<string, unknown>(
    Object.entries(known).filter(([name]) => STABLE.has(name)),
  );
  const listening = (method: 'addEventListener' | 'removeEventListener') => {
    const own = EventTarget.prototype[method];
    return (type: string, ...rest: unknown[]) => {
      if (BOTH_EVENTS.has(String(type))) Reflect.apply(own, self, [type, ...rest]);
      return (page[method] as (...args: unknown[]) => unknown)(type, ...rest);
    };
  };
  const here: Record<string, unknown> = {
    addEventListener: listening('addEventListener'),
    removeEventListener: listening('removeEventListener'),
  };
  const read = (name: string) => {
    if (Object.hasOwn(here, name)) return here[name];
    if (!STABLE.has(name)) return page[name];
    if (!stable.has(name)) stable.set(name, page[name]);
    return stable.get(name);
  };
  const add = (names: string[]) => {
    for (const name of names) {
      if (
        (name in global && !PAGE_NAMES.has(name) && !PAGE_VALUES.has(name)) ||
        OWN.has(name) ||
        WINDOW_NAMES.includes(name) ||
        FRAME_NAMES.includes(name)
      )
        continue;
      Object.defineProperty(global, name, {
        get: () => read(name),
        set(value: unknown) {
          if (PAGE_NAMES.has(name)) page[name] = value;
          else
            Object.defineProperty(global, name, {
              value,
              writable: true,
              enumerable: true,
              configurable: true,
            });
        },
        enumerable: true,
        configurable: true,
      });
    }
  };
  add([...names, ...pageOwned]);
  pageEventsAreEvents(page, names);
  return add;
}

/**
 * The worker keeps its own `Event`, `CustomEvent`, … (scripts create events to dispatch);
 * a page event their listeners get is an instance of them too, as it is on the page
 * (`e instanceof Event`, `instanceof MouseEvent`): the page's constructor of that name
 * answers for page objects.
 */
function pageEventsAreEvents(page: Record<string, unknown>, names: string[]): void {
  for (const name of names) {
    // The worker's own constructors are values; the page's names are accessors.
    const own: unknown = name.endsWith('Event')
      ? Object.getOwnPropertyDescriptor(self, name)?.value
      : undefined;
    if (typeof own !== 'function') continue;
    let pages: unknown;
    Object.defineProperty(own, Symbol.hasInstance, {
      value: (value: unknown) =>
        Function.prototype[Symbol.hasInstance].call(own, value) ||
        (isPageObject(value) && value instanceof ((pages ??= page[name]) as typeof Event)),
      configurable: true,
    });
  }
}
