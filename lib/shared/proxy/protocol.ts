/**
 * The proxy layer's contract: the handlers through which the worker uses page objects as
 * if they were its own (lib/main/proxy/remote-access.ts answers them, the proxies of
 * lib/worker/proxy/remote-proxy.ts call them), and what the page tells the worker of its
 * methods. Types and const enums only.
 */

/**
 * How the worker calls a page method: `null` waits for its result; a number ≥ -1 posts the
 * call (batched, no answer) and returns nothing (`CallModes.ReturnsNothing`) or its argument
 * n ≥ 0 (`appendChild` returns the node); `CallModes.Reads` waits for a method that only
 * reads the page (`getItem`, `getAttribute`, `matches`): it runs no page code and changes
 * nothing, so what the worker keeps of the page stays, and a primitive result answers the same
 * call again as a property read would; `CallModes.WritesSelf` posts a call that returns nothing
 * and changes only the object it is called on, running no page code (`localStorage.setItem`):
 * the worker forgets what it kept of that object only; `CallModes.ReadsItem` is `Reads` for a
 * method that reads one item of its object by a string key (`localStorage.getItem`): its first
 * call brings all the object's items along, when they are few (`Access.Items`), and they
 * answer the later calls. The page decides
 * (lib/main/proxy/method-table.ts), the proxies obey (lib/worker/proxy/remote-proxy.ts).
 */
export type CallMode = number | null;
export const enum CallModes {
  ReturnsNothing = -1,
  Reads = -2,
  WritesSelf = -3,
  ReadsItem = -4,
}

/** What the page tells the worker of its methods, once (in the offload start-up). */
export interface MethodTable {
  /** Page functions whose calls are posted or only read, with their modes. */
  known: [fn: unknown, mode: CallMode][];
  /** Methods every Node has (EventTarget's and Node's), by name. */
  node: Record<string, CallMode>;
  /** Methods every Element has beyond those. */
  element: Record<string, CallMode>;
}

/** Handler names of remote property access. Arguments: `[target, key, …]`. */
export const enum Access {
  /** → the page's `window` */
  Global = 'offstage:global',
  /** (target, key) → target[key] */
  Get = 'offstage:get',
  /** (target, key, value) → true */
  Set = 'offstage:set',
  /** (target, key) → key in target */
  Has = 'offstage:has',
  /** (target) → own enumerable string keys */
  Keys = 'offstage:keys',
  /** (target) → Object.getPrototypeOf(target) */
  Proto = 'offstage:proto',
  /** (target, key, args) → target[key](...args), with target as `this` */
  Method = 'offstage:method',
  /** (fn, thisArg, args) → fn.apply(thisArg, args) */
  Apply = 'offstage:apply',
  /** (fn, args) → new fn(...args) */
  Construct = 'offstage:construct',
  /**
   * (target, arrayLike) → Array.from(target) if it is iterable (with `arrayLike`: if it has a
   * numeric length), else null
   */
  List = 'offstage:list',
  /** (target, key) → delete target[key] */
  Delete = 'offstage:delete',
  /** (target) → the tag of Object.prototype.toString.call(target): 'HTMLDocument', 'Storage', … */
  Tag = 'offstage:tag',
  /** (value, fn) → value instanceof fn */
  InstanceOf = 'offstage:instanceof',
  /**
   * (target) → [own enumerable string keys, their values where primitive (else undefined),
   * the indexes of the values that are not]
   */
  Entries = 'offstage:entries',
  /**
   * (target, key, replay): a script replaced page method `target[key]` with its own function.
   * The page's `target[key]` becomes a function that calls the original, then
   * `replay(this, args, outcome)` (a worker function, run as the page's calls of worker
   * functions are: see `Host.holdPage`), and returns or throws as the original did.
   * `Access.Method` calls the original: the worker calls its replacement itself.
   */
  Replace = 'offstage:replace',
  /**
   * (target, key, groups) → [values, unread] per group: a read of `key` that brings along
   * the other properties of `groups` — `[object, keys]` pairs, one of them `target`'s,
   * holding `key`: each group's values, in its order, and the indexes of those not read
   * (methods, reads that threw, keys a `get` hook did not let be read). The worker answers
   * its next reads of them from these until its next write or call, or the end of the
   * microtask.
   */
  ReadAhead = 'offstage:read-ahead',
  /**
   * (target) → [keys, values] | null: all the items of a storage area (`localStorage`) whose
   * `getItem` is the platform's, for the worker's `getItem` calls to be answered from, as
   * read-ahead values are; null for any other object, or items too large to send each time.
   */
  Items = 'offstage:items',
  /**
   * (target, key) → what `Object.getOwnPropertyDescriptor(target, key)` says: null if none,
   * `[enumerable, writable, value]` for a value, `[enumerable]` for an accessor
   */
  Own = 'offstage:own',
}

/** A page object and the properties of it that a read-ahead brings along. */
export type ReadAheadGroup = [object: object, keys: string[]];

/** What a page call of a replaced method gave: its result, or what it threw. */
export type CallOutcome = { result: unknown } | { error: unknown };

/** The worker function behind a replaced page method (see `Access.Replace`). */
export type Replay = (self: object | undefined, args: unknown[], outcome: CallOutcome) => void;

/** The signatures of the `Access` handlers, as the page answers them. */
export interface AccessHandlers {
  [Access.Global](): object;
  [Access.Get](target: object, key: string): unknown;
  [Access.Set](target: object, key: string, value: unknown): boolean;
  [Access.Has](target: object, key: string): boolean;
  [Access.Keys](target: object): string[];
  [Access.Proto](target: object): object | null;
  [Access.Method](target: object, key: string, args: unknown[]): unknown;
  [Access.Apply](fn: object, thisArg: unknown, args: unknown[]): unknown;
  [Access.Construct](fn: object, args: unknown[]): object;
  [Access.List](target: object, arrayLike: boolean): unknown[] | null;
  [Access.Delete](target: object, key: string): boolean;
  [Access.Tag](target: object): string;
  [Access.InstanceOf](value: object, fn: object): boolean;
  [Access.Entries](
    target: object,
  ): [
    keys: string[],
    values: unknown[],
    objects: number[],
    readOnly: number[],
    accessors: number[],
  ];
  [Access.Replace](target: object, key: string, replay: Replay): void;
  [Access.ReadAhead](
    target: object,
    key: string,
    groups: ReadAheadGroup[],
  ): [values: unknown[], unread: number[]][];
  [Access.Items](target: object): [keys: string[], values: string[]] | null;
  [Access.Own](
    target: object,
    key: string,
  ): [enumerable: boolean, writable?: boolean, value?: unknown] | null;
}
