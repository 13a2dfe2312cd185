import { ByReference, isPlainData } from '../../shared/channel/codec.js';
import { RefKind } from '../../shared/channel/protocol.js';
import {
  Access,
  CallModes,
  type CallMode,
  type CallOutcome,
  type ReadAheadGroup,
} from '../../shared/proxy/protocol.js';
import type { HandleCalls, HandleFactory } from '../channel/main-thread.js';

/**
 * Makes the handles for page objects behave like the objects themselves: every property
 * read or write, method call and `new` is a synchronous call to the page (see
 * lib/main/proxy/remote-access.ts). The same page object is always the same proxy; `then` reads
 * as undefined, so a proxy is never mistaken for a Promise.
 *
 * A function-valued property comes back as a method bound to the object it was read from,
 * so `el.setAttribute('id', 'x')` runs with `el` as `this` on the page. A method is read once
 * per object and name, and methods every DOM node or element has are not read at all: the
 * page calls whatever the object has under that name when the call arrives. (The price: a
 * method that page code replaces with a non-function still reads as a method here.)
 *
 * Writes are batched (see `MainThread.post`), and so are calls of methods whose result the
 * worker needs no answer for: those that return nothing, and those that return one of their
 * arguments (`appendChild`). An exception such a call throws goes to the page's console.
 */
/** Answers a read locally — `{ value }` — instead of asking the page; undefined to ask. */
export type LocalRead = (proxy: object, key: string) => { value: unknown } | undefined;

/** Handles a write locally instead of sending it — returns true if it did. */
export type LocalWrite = (proxy: object, key: string, value: unknown) => boolean;

export type { CallMode };
const CALL_AND_WAIT = null;

/**
 * Runs around a call of a page method: given the page object, the method's name, the
 * arguments and the call itself, returns what the call should return. `call(true)` waits for
 * the page even where the call would be posted.
 */
export type AroundCall = (
  self: object,
  key: string,
  args: unknown[],
  call: (wait?: boolean) => unknown,
) => unknown;

export interface ProxyHooks {
  /** Answers chosen reads without asking the page. */
  local?: LocalRead;
  /** Takes chosen writes before they are sent. */
  write?: LocalWrite;
  /** The call mode of a page function (by identity); undefined for "call and wait". */
  callMode?: (fn: unknown) => CallMode | undefined;
  /**
   * The call mode of the method `key` that every page object of this kind (RefKind bits:
   * Node, Element) has, or undefined if not every such object has one: then it is read.
   */
  knownMethod?: (kind: RefKind, key: string) => CallMode | undefined;
  /** Runs around every call of a page method. */
  around?: AroundCall;
  /**
   * `new` of a page constructor (`super()` included): an object to give instead of asking the
   * page, or undefined. `newTarget` is the class being constructed.
   */
  construct?: (fn: object, args: unknown[], newTarget: unknown) => object | undefined;
  /** A prototype to give for a page object instead of asking the page, or undefined. */
  prototypeOf?: (proxy: object) => object | undefined;
  /**
   * The properties that scripts read together with those of a page object (of this kind:
   * RefKind bits) — `screen.width`, `screen.height`, …, `location.href`; a node's
   * `nodeType`, `parentNode`, … — as `[object, keys]` groups, `proxy`'s among them; or
   * undefined: reading one of `proxy`'s brings all the groups' values along
   * (`Access.ReadAhead`).
   */
  readAhead?: (proxy: object, kind: RefKind | undefined) => ReadAheadGroup[] | undefined;
  /**
   * Whether a primitive or page object read answers the script's next reads of the same
   * property too, until its next write or call, or the end of the microtask (as a page
   * script's synchronous code sees the page stand still). Not while a page hook must see
   * every read.
   */
  remember?: () => boolean;
  /**
   * Whether `proxy[key]` (of this kind) can never change while the page lives (a node's
   * `nodeType`, the location's `origin`): a value read is kept for good, past writes, calls
   * and tasks. Asked only where `remember` allows keeping.
   */
  lasts?: (proxy: object, kind: RefKind | undefined, key: string) => boolean;
}

/** Where a storage area's items are kept among its snapshot's values (see `reading`). */
const ITEMS = '\0items';

/** The most keys of page plain data whose values a read brings along, once it is known. */
const SMALL = 64;

const isPrimitive = (value: unknown) =>
  value === null || (typeof value !== 'object' && typeof value !== 'function');

/** Every page object's proxy, whichever channel made it. */
const pageObjects = new WeakSet<object>();

/** Whether `value` is a page object's proxy (not one of the worker's own values). */
export const isPageObject = (value: unknown): boolean => pageObjects.has(value as object);

/**
 * A plain object or array a script stores on a page object stays the script's: it crosses by
 * reference, so reading it back gives the same object (jQuery keeps its data so, on an
 * expando property). Page code reading it sees an opaque handle.
 */
const byReference = (value: unknown) => (isPlainData(value) ? new ByReference(value) : value);

export function proxyHandles(hooks: ProxyHooks = {}): HandleFactory {
  return (calls) => proxyMaker(calls, hooks);
}

type Call = (target: unknown, ...args: unknown[]) => unknown;

function proxyMaker(
  { call: ask, post, sent }: HandleCalls,
  {
    local,
    write,
    callMode,
    knownMethod,
    around,
    construct,
    prototypeOf,
    readAhead,
    remember: remembers,
    lasts,
  }: ProxyHooks,
): (id: number, kind: RefKind) => object {
  /** The proxy of each target, for traps that are not given the receiver. */
  const proxies = new WeakMap<object, object>();
  /** Every proxy made here. */
  const handles = new WeakSet<object>();
  /** What the page said each node handle is (RefKind bits). */
  const kinds = new WeakMap<object, RefKind>();
  /**
   * The worker's own prototype of each handle for page plain data (RefKind.Plain):
   * `Array.prototype` or `Object.prototype`, so that `pageQueue instanceof Array` holds and
   * `pageQueue.push(x)` runs the worker's `push` on the page's array, as on the page.
   */
  const plain = new WeakMap<object, object>();
  /** How many keys each page object had at its last enumeration. */
  const sizes = new WeakMap<object, number>();
  /** Page objects' toString tags, asked once each (an object's interface does not change). */
  const tags = new WeakMap<object, string>();
  const tagOf = (proxy: object) => {
    let tag = tags.get(proxy);
    if (tag === undefined) tags.set(proxy, (tag = call(Access.Tag, proxy) as string));
    return tag;
  };
  /**
   * A page function's `[Symbol.hasInstance]`: asked of the page, in one round trip, so that a
   * value the worker has standing for a page object counts as it (`window instanceof Window`).
   */
  const instanceChecks = new WeakMap<object, (value: unknown) => boolean>();
  const hasInstance = (fn: object) => {
    let check = instanceChecks.get(fn);
    if (!check) {
      check = (value) =>
        (typeof value === 'object' && value !== null) || typeof value === 'function'
          ? (call(Access.InstanceOf, value, fn) as boolean)
          : false;
      instanceChecks.set(fn, check);
    }
    return check;
  };
  /**
   * What the worker has read of each page object: the primitive values an enumeration
   * brought along (`Object.keys`, `JSON.stringify`, `for…in`: see `ownKeys`), and, with the
   * `remember` hook, each property read, a group read ahead (`readAhead`) and the primitive
   * results of read-only methods (`reading`): reads of them are answered here,
   * as the page would answer them while the worker's synchronous code runs, until the next
   * write or call, or the end of the microtask.
   */
  let snapshots = new Map<object, Map<string, unknown>>();
  /** The keys each enumeration listed, kept as long as its snapshot. */
  let enumerated = new Map<object, Map<string, boolean | undefined>>();
  const forget = () => {
    if (snapshots.size) snapshots = new Map();
    if (enumerated.size) enumerated = new Map();
  };
  /**
   * The channel's count of calls and posts after this layer's last call: if it has moved on
   * when a call is made here, another layer sent the page something (`offstage.call()`,
   * `document.write`), which may have changed it, and what was kept is forgotten.
   */
  let seen = 0;
  const forgetIfOthersSent = () => {
    if (sent() !== seen) forget();
  };
  const call: Call = (target, ...args) => {
    forgetIfOthersSent();
    try {
      return ask(target, ...args);
    } finally {
      seen = sent();
    }
  };
  /** The values that never change (`ProxyHooks.lasts`), by object: never forgotten. */
  const lasting = new WeakMap<object, Map<string, unknown>>();
  /** Keeps the values the page gave for `proxy`'s `keys` (but those at `unread`), with any kept. */
  const remember = (proxy: object, keys: string[], values: unknown[], unread: number[]) => {
    if (!snapshots.size) queueMicrotask(forget);
    let known = snapshots.get(proxy);
    if (!known) snapshots.set(proxy, (known = new Map()));
    const kind = kinds.get(proxy);
    keys.forEach((key, i) => {
      if (unread.includes(i)) return;
      known.set(key, values[i]);
      if (lasts?.(proxy, kind, key)) {
        let fixed = lasting.get(proxy);
        if (!fixed) lasting.set(proxy, (fixed = new Map()));
        fixed.set(key, values[i]);
      }
    });
    return known;
  };
  /** Bound methods by object and name, so that `el.focus === el.focus`. */
  const methods = new WeakMap<object, Map<string, unknown>>();
  /**
   * While a script's replacement of a page method runs for a call page code made (see
   * `replayOf`): its call of the original gives what the page's call of it gave.
   */
  let replaying: { self: object; key: string; outcome: CallOutcome } | undefined;
  /**
   * The worker function the page calls after page code called `owner[key]`, now the script's
   * `replacement`: the page ran the original first; the replacement runs with the same `this`
   * and arguments, and its own call of the original (usually through the method it read
   * before replacing it) is answered with the page's outcome instead of calling it again.
   */
  const replayOf =
    (owner: object, key: string, replacement: (...args: unknown[]) => unknown) =>
    (self: object | undefined, args: unknown[], outcome: CallOutcome) => {
      const before = replaying;
      // The page's window arrives as the worker's global, which stands for it.
      const on = handles.has(self as object) ? (self as object) : owner;
      replaying = { self: on, key, outcome };
      try {
        replacement.apply(self ?? owner, args);
      } catch (error) {
        // Passing on the original's error is what page code already got; anything else
        // could not reach it and is this worker's uncaught error.
        if (!('error' in outcome && error === outcome.error)) throw error;
      } finally {
        replaying = before;
      }
    };
  /** The page's outcome for a call of `key` on `self` being replayed, used once. */
  const replayed = (self: object, key: string): CallOutcome | undefined => {
    const outcome =
      replaying?.self === self && replaying.key === key ? replaying.outcome : undefined;
    if (outcome) replaying = undefined;
    return outcome;
  };
  /**
   * Runs a call of page code: what was kept of the page is forgotten before it, and after it
   * (the page's own code may have run during it: listeners of an event it dispatched).
   */
  const calling = <T>(run: () => T): T => {
    forget();
    try {
      return run();
    } finally {
      forget();
    }
  };
  /**
   * A call of a method that only reads the page (`CallModes.Reads`): nothing kept is
   * forgotten, and a primitive result answers the same call (same object, method and
   * primitive arguments) as a kept property read would. `byKey` (`CallModes.ReadsItem`): it
   * reads one item of `self` by a string key, answered from all of them, brought along once.
   */
  const reading = (
    self: object,
    key: string,
    args: unknown[],
    run: () => unknown,
    byKey: boolean,
  ) => {
    forgetIfOthersSent();
    // Typed, so that getItem(null) and getItem('null') are told apart.
    const memo =
      remembers?.() && args.every(isPrimitive)
        ? `\0${key}${JSON.stringify(args.map((arg) => [typeof arg, String(arg)]))}`
        : '';
    const kept = snapshots.get(self);
    if (memo && kept?.has(memo)) return kept.get(memo);
    // `localStorage.getItem(key)`: the first call brings all the items along, if few.
    if (memo && byKey && args.length === 1 && typeof args[0] === 'string') {
      let items = kept?.get(ITEMS) as Map<string, string> | null | undefined;
      if (items === undefined) {
        const answer = call(Access.Items, self) as [string[], string[]] | null;
        items = answer && new Map(answer[0].map((item, i) => [item, answer[1][i]!]));
        remember(self, [ITEMS], [items], []);
      }
      if (items) return items.get(args[0]) ?? null;
    }
    const result = run();
    if (memo && isPrimitive(result)) remember(self, [memo], [result], []);
    return result;
  };
  /**
   * A posted call that changes only `self` (`CallModes.WritesSelf`: `localStorage.setItem`):
   * what was kept of `self` is forgotten, what was kept of other objects stays.
   */
  const writingSelf = (self: object, run: () => unknown) => {
    forgetIfOthersSent();
    snapshots.delete(self);
    enumerated.delete(self);
    try {
      return run();
    } finally {
      seen = sent();
    }
  };
  /** `new fn(...args)` of a page constructor, `super()` included. */
  const constructPage = (fn: object, args: unknown[], newTarget: unknown) =>
    construct?.(fn, args, newTarget) ?? calling(() => call(Access.Construct, fn, args) as object);

  const traps: ProxyHandler<object> = {
    get(target, key, receiver) {
      const proxy = proxies.get(target)!;
      if (key === Symbol.iterator) return iterator(proxy);
      // `Object.prototype.toString.call(document)` is "[object HTMLDocument]", as on the page.
      if (key === Symbol.toStringTag) return tagOf(proxy);
      if (key === Symbol.hasInstance && typeof target === 'function') return hasInstance(proxy);
      if (typeof key === 'symbol' || key === 'then') return Reflect.get(target, key, receiver);
      const own = local?.(proxy, key);
      if (own) return own.value;
      // A method read before is not asked for again: calling it calls whatever the page
      // object has under that name at that moment (see Access.Method).
      const known = methods.get(proxy)?.get(key);
      if (known) return known;
      const kind = kinds.get(proxy);
      const mode = kind === undefined ? undefined : knownMethod?.(kind, key);
      if (mode !== undefined) return method(proxy, key, undefined, mode);
      const proto = plain.get(proxy);
      // A name plain data inherits (`push`, `hasOwnProperty`, `constructor`): the page
      // object's own property if it has one (`dataLayer.push` replaced by a tag), else the
      // worker's builtin, which works on the page object through this proxy.
      if (proto && key !== 'length' && key in proto) {
        const own = call(Access.Own, proxy, key) as [boolean, boolean?, unknown?] | null;
        if (!own) return Reflect.get(proto, key, receiver);
        if (own[1] !== undefined) return fromPage(proxy, key, own[2]);
        // An accessor of its own: read as any property.
      }
      const fixed = lasting.get(proxy);
      if (fixed?.has(key)) return fixed.get(key);
      forgetIfOthersSent();
      const snapshot = snapshots.get(proxy);
      if (snapshot?.has(key)) return snapshot.get(key);
      const keep = remembers?.();
      // Page plain data's values come all at once, as an enumeration brings them; not for a
      // big one, which a loop that writes or calls between reads would fetch whole each time.
      if (keep && proto && !enumerated.has(proxy) && !((sizes.get(proxy) ?? 0) > SMALL)) {
        traps.ownKeys!(target);
        const known = snapshots.get(proxy);
        if (known?.has(key)) return known.get(key);
      }
      const groups = keep ? readAhead?.(proxy, kind) : undefined;
      if (groups?.some(([object, keys]) => object === proxy && keys.includes(key))) {
        const answers = call(Access.ReadAhead, proxy, key, groups) as [unknown[], number[]][];
        groups.forEach(([object, keys], i) => remember(object, keys, ...answers[i]!));
        const known = snapshots.get(proxy);
        if (known?.has(key)) return known.get(key);
      }
      const value = fromPage(proxy, key, call(Access.Get, proxy, key));
      if (keep && typeof value !== 'function') remember(proxy, [key], [value], []);
      return value;
    },
    set(target, key, value) {
      if (typeof key === 'symbol') return false;
      const proxy = proxies.get(target)!;
      forget();
      if (write?.(proxy, key, value)) return true;
      // A script replacing a page method with its own function (`history.pushState`, as
      // analytics do; `EventTarget.prototype.addEventListener`, as error trackers do): the
      // worker's code calls the replacement here; page code calls a page function that runs
      // the original and then has the replacement run, as if it had called the original
      // (Access.Replace; the page cannot wait for a worker function's result). (Event
      // handler properties, `on…`, are set on the page as they are.)
      if (
        typeof value === 'function' &&
        !handles.has(value) &&
        !key.startsWith('on') &&
        typeof call(Access.Get, proxy, key) === 'function'
      ) {
        methodsOf(proxy).set(key, value);
        post(Access.Replace, proxy, key, replayOf(proxy, key, value as () => unknown));
        return true;
      }
      methods.get(proxy)?.delete(key);
      // Writes are posted: they go just before the next read, in order, so a run of writes costs no
      // round trip.
      // Into page plain data (a queue, a config), a copy: page code reads what was stored.
      post(Access.Set, proxy, key, plain.has(proxy) ? value : byReference(value));
      return true;
    },
    // `Object.defineProperty(pageObject, key, { value })`: a write. Accessors cannot cross.
    defineProperty(target, key, descriptor) {
      if (typeof key === 'symbol' || !('value' in descriptor)) return false;
      return traps.set!(target, key, descriptor.value, proxies.get(target));
    },
    // `delete localStorage.key`, `delete el.dataset.x`: on the page.
    deleteProperty(target, key) {
      if (typeof key === 'symbol') return false;
      const proxy = proxies.get(target)!;
      methods.get(proxy)?.delete(key);
      forget();
      return call(Access.Delete, proxy, key) as boolean;
    },
    has(target, key) {
      return typeof key === 'string' && (call(Access.Has, proxies.get(target), key) as boolean);
    },
    // The page's prototype chain, so that `el instanceof HTMLElement` (the page's) holds.
    getPrototypeOf(target) {
      const proxy = proxies.get(target)!;
      return (
        prototypeOf?.(proxy) ?? plain.get(proxy) ?? (call(Access.Proto, proxy) as object | null)
      );
    },
    // The keys, with the values that are primitives: `JSON.stringify(getComputedStyle(el))`
    // is one round trip rather than one per property.
    ownKeys(target) {
      const proxy = proxies.get(target)!;
      const [keys, values, objects, readOnly, accessors] = call(Access.Entries, proxy) as [
        string[],
        unknown[],
        number[],
        number[],
        number[],
      ];
      remember(proxy, keys, values, objects);
      sizes.set(proxy, keys.length);
      // Each key's descriptor, as far as known: writable (true), read-only (false) or an
      // accessor (undefined).
      const listed = new Map(
        keys.map((key, i) => [key, accessors.includes(i) ? undefined : !readOnly.includes(i)]),
      );
      // An array's keys include its `length` (its target has one: a proxy must list it),
      // which is not enumerable.
      if (Array.isArray(target)) listed.delete('length');
      enumerated.set(proxy, listed);
      return keys;
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'symbol') return undefined;
      const proxy = proxies.get(target)!;
      // An array's `length` is fixed in place, as its target's is.
      if (key === 'length' && Array.isArray(target)) {
        const value = traps.get!(target, key, proxy);
        return { value, writable: true, enumerable: false, configurable: false };
      }
      // A key the enumeration just listed is own and enumerable: `Object.keys(proxy)` checks
      // every key's descriptor, and asking for each would cost a round trip per key. A value
      // that came along is given as one; any other is read if asked (an accessor here).
      const listed = enumerated.get(proxy);
      const shape = listed?.get(key);
      const kept = snapshots.get(proxy);
      const own: [boolean, boolean?, unknown?] | null = listed?.has(key)
        ? shape !== undefined && kept?.has(key)
          ? [true, shape, kept.get(key)]
          : [true]
        : (call(Access.Own, proxy, key) as [boolean, boolean?, unknown?] | null);
      if (!own) return undefined;
      // Always configurable: a proxy cannot report what its target does not have as fixed.
      const [enumerable, writable, value] = own;
      if (writable !== undefined) {
        return { value: fromPage(proxy, key, value), writable, enumerable, configurable: true };
      }
      // An accessor, read only if asked; called on another page object (`desc.get.call(el)`
      // with a prototype's descriptor), it reads that object's.
      return {
        get(this: unknown) {
          return handles.has(this as object)
            ? Reflect.get(this as object, key)
            : traps.get!(target, key, proxy);
        },
        set(this: unknown, value: unknown) {
          if (handles.has(this as object)) Reflect.set(this as object, key, value);
          else traps.set!(target, key, value, proxy);
        },
        enumerable,
        configurable: true,
      };
    },
  };

  /**
   * A page object's `[Symbol.iterator]`: its items fetched in one round trip (as the items
   * were when it was read; a later call fetches them again). Undefined if it is not iterable.
   */
  function iterator(proxy: object): (() => Iterator<unknown>) | undefined {
    let items = call(Access.List, proxy, false) as unknown[] | null;
    if (!items) return undefined;
    return () => {
      const list = items ?? (call(Access.List, proxy, false) as unknown[]);
      items = null;
      return list[Symbol.iterator]();
    };
  }

  /**
   * `list.forEach(fn)` on a page NodeList, DOMTokenList, …: the page cannot wait for a worker
   * function, so the items come over in one round trip and fn runs on them here, in order.
   * False if the object has no length: then the page's forEach is called as any method.
   */
  function forEachHere(owner: object, args: unknown[]): boolean {
    const [fn, thisArg] = args as [(...a: unknown[]) => void, unknown];
    if (typeof fn !== 'function' || handles.has(fn)) return false;
    const items = call(Access.List, owner, true) as unknown[] | null;
    items?.forEach((item, i) => fn.call(thisArg, item, i, owner));
    return !!items;
  }

  /** What the page gave for `proxy[key]`, as the worker reads it: a function as a bound method. */
  function fromPage(proxy: object, key: string, value: unknown): unknown {
    return typeof value === 'function' && handles.has(value) && !key.startsWith('on')
      ? method(proxy, key, value, callMode?.(value) ?? CALL_AND_WAIT)
      : value;
  }

  /** The methods read (or replaced by the script) of one page object, by name. */
  function methodsOf(owner: object): Map<string, unknown> {
    let byName = methods.get(owner);
    if (!byName) methods.set(owner, (byName = new Map()));
    return byName;
  }

  /** The bound method `key` of `owner`: `fn` is the page function if it was read. */
  function method(owner: object, key: string, fn: unknown, mode: CallMode): unknown {
    const byName = methodsOf(owner);
    let bound = byName.get(key);
    if (!bound) {
      const reads = mode === CallModes.Reads || mode === CallModes.ReadsItem;
      bound = new Proxy((fn ?? function () {}) as () => unknown, {
        // `method.call(el, …)`, `.apply`, `.bind` are the worker's own, so that they reach
        // `apply` below (not the page's `Function.prototype.call` of the page function).
        get: (target, name, receiver) =>
          name === 'call' || name === 'apply' || name === 'bind'
            ? Function.prototype[name]
            : Reflect.get(target, name, receiver),
        apply(_fn, thisArg, args) {
          // `this` is the object the method was read from unless it is called on another page
          // object.
          const self = handles.has(thisArg as object) ? (thisArg as object) : owner;
          const outcome = replayed(self, key);
          if (outcome) {
            if ('error' in outcome) throw outcome.error;
            return outcome.result;
          }
          const run = (wait = false) => {
            if (key === 'forEach' && forEachHere(self, args)) return undefined;
            if (wait || mode === CALL_AND_WAIT || reads)
              return call(Access.Method, self, key, args);
            post(Access.Method, self, key, args);
            return mode! < 0 ? undefined : args[mode!];
          };
          const go = () => (around ? around(self, key, args, run) : run());
          if (reads) return reading(self, key, args, go, mode === CallModes.ReadsItem);
          return mode === CallModes.WritesSelf ? writingSelf(self, go) : calling(go);
        },
        construct(_fn, args, newTarget) {
          if (!fn) throw new TypeError(`${key} is not a constructor`);
          return constructPage(fn as object, args, newTarget);
        },
      });
      byName.set(key, bound);
    }
    return bound;
  }

  return (_id, kind) => {
    const isFunction = (kind & RefKind.Function) > 0;
    // A bound function: callable and constructible, with no own property a trap could not
    // report as the page's (a plain function's `prototype` is not configurable, so a proxy
    // of one could only report it as its own: Sentry reads it when it wraps a page listener).
    const target = isFunction ? function remote() {}.bind(null) : kind & RefKind.Array ? [] : {};
    const proxy: object = new Proxy(
      target,
      isFunction
        ? {
            ...traps,
            // `this` crosses only if it is a page object: a worker object (say the worker's
            // global, from `fetch.bind(self)`) means no particular page object.
            apply: (_t, thisArg, args) =>
              calling(() =>
                call(
                  Access.Apply,
                  proxy,
                  handles.has(thisArg as object) ? thisArg : undefined,
                  args,
                ),
              ),
            construct: (_t, args, newTarget) => constructPage(proxy, args, newTarget),
          }
        : traps,
    );
    proxies.set(target, proxy);
    handles.add(proxy);
    pageObjects.add(proxy);
    if (kind & RefKind.Node) kinds.set(proxy, kind);
    if (kind & RefKind.Plain)
      plain.set(proxy, kind & RefKind.Array ? Array.prototype : Object.prototype);
    return proxy;
  };
}
