import { Access } from '../shared/protocol.js';

type Call = (name: string, ...args: unknown[]) => unknown;

/**
 * Makes the handles for page objects behave like the objects themselves: every property
 * read or write, method call and `new` is a synchronous call to the page (see
 * lib/main/remote-access.ts). The same page object is always the same proxy.
 *
 * Writes are batched (see `MainThread.post`), and so are calls of methods `posted` names
 * (they return nothing). A method is read once per object and name: later reads return the
 * same bound method without asking (its calls run the page's current method of that name).
 * The price: a property that was a method and that page code replaces with a non-function
 * still reads as a method in the worker. A function-valued property comes back as a method bound to the object it was read from,
 * so `el.setAttribute('id', 'x')` runs with `el` as `this` on the page. `then` reads as
 * undefined, so a proxy is never mistaken for a Promise.
 */
/** Answers a read locally — `{ value }` — instead of asking the page; undefined to ask. */
export type LocalRead = (proxy: object, key: string) => { value: unknown } | undefined;

/** Handles a write locally instead of sending it — returns true if it did. */
export type LocalWrite = (proxy: object, key: string, value: unknown) => boolean;

/** True for a page function whose calls may be posted: it returns nothing. */
export type PostedMethod = (fn: unknown) => boolean;

export interface ProxyHooks {
  /** Answers chosen reads without asking the page. */
  local?: LocalRead;
  /** Takes chosen writes before they are sent. */
  write?: LocalWrite;
  /** Page methods whose calls need no answer: posted (batched) like writes. */
  posted?: PostedMethod;
}

export function proxyHandles(call: Call, post: Call, { local, write, posted }: ProxyHooks = {}): (id: number, isFunction: boolean) => object {
  /** The proxy of each target, for traps that are not given the receiver. */
  const proxies = new WeakMap<object, object>();
  /** Every proxy made here. */
  const handles = new WeakSet<object>();
  /** Bound methods by object and name, so that `el.focus === el.focus`. */
  const methods = new WeakMap<object, Map<string, unknown>>();

  const traps: ProxyHandler<object> = {
    get(target, key, receiver) {
      const proxy = proxies.get(target)!;
      if (key === Symbol.iterator) return iterator(proxy);
      if (typeof key === 'symbol' || key === 'then') return Reflect.get(target, key, receiver);
      const own = local?.(proxy, key);
      if (own) return own.value;
      // A method read before is not asked for again: calling it calls whatever the page
      // object has under that name at that moment (see Access.Method).
      const known = methods.get(proxy)?.get(key);
      if (known) return known;
      const value = call(Access.Get, proxy, key);
      return typeof value === 'function' && handles.has(value) && !key.startsWith('on') ? method(proxy, key, value) : value;
    },
    set(target, key, value) {
      if (typeof key === 'symbol') return false;
      const proxy = proxies.get(target)!;
      if (write?.(proxy, key, value)) return true;
      methods.get(proxy)?.delete(key);
      // Writes are posted: they go just before the next read, in order, so a run of writes costs no round trip.
      post(Access.Set, proxy, key, value);
      return true;
    },
    has(target, key) {
      return typeof key === 'string' && (call(Access.Has, proxies.get(target), key) as boolean);
    },
    // The page's prototype chain, so that `el instanceof HTMLElement` (the page's) holds.
    getPrototypeOf(target) {
      return call(Access.Proto, proxies.get(target)) as object | null;
    },
    ownKeys(target) {
      return call(Access.Keys, proxies.get(target)) as string[];
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'symbol') return undefined;
      // An accessor, read only if asked: `Object.keys(proxy)` checks every key's descriptor,
      // and fetching each value would cost a round trip per key.
      const proxy = proxies.get(target)!;
      return {
        get: () => traps.get!(target, key, proxy),
        set: (value: unknown) => void traps.set!(target, key, value, proxy),
        enumerable: true,
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

  function method(owner: object, key: string, fn: unknown): unknown {
    let byName = methods.get(owner);
    if (!byName) methods.set(owner, (byName = new Map()));
    let bound = byName.get(key);
    if (!bound) {
      bound = new Proxy(fn as () => unknown, {
        // `this` is the object the method was read from unless it is called on another page object.
        apply: (_fn, thisArg, args) =>
          key === 'forEach' && forEachHere(handles.has(thisArg as object) ? thisArg as object : owner, args)
            ? undefined
            : (posted?.(fn) ? post : call)(Access.Method, handles.has(thisArg as object) ? thisArg : owner, key, args),
        construct: (_fn, args) => call(Access.Construct, fn, args) as object,
      });
      byName.set(key, bound);
    }
    return bound;
  }

  return (_id, isFunction) => {
    const target = isFunction ? function remote() {} : {};
    const proxy: object = new Proxy(
      target,
      isFunction
        ? {
            ...traps,
            apply: (_t, thisArg, args) => call(Access.Apply, proxy, thisArg, args),
            construct: (_t, args) => call(Access.Construct, proxy, args) as object,
          }
        : traps,
    );
    proxies.set(target, proxy);
    handles.add(proxy);
    return proxy;
  };
}
