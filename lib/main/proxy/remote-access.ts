import { ByReference, isPlainData } from '../../shared/channel/codec.js';
import { Access, type AccessHandlers, type CallOutcome } from '../../shared/proxy/protocol.js';

/** `Storage.prototype.getItem` as the platform made it, taken before page code can wrap it. */
const platformGetItem = Storage.prototype.getItem;
/** The most characters of keys and values `Access.Items` sends. */
const ITEMS_AT_MOST = 32_768;

/**
 * Handlers that let the worker use page objects it holds references to, as if they were
 * its own: read and write properties, call methods, construct. Pass them to `connect()`
 * (`handlers: { ...remoteAccess }`) and connect the worker with `connectMain({ proxies: true })`.
 * They give the worker whatever `window` reaches: use them only for code you would run on
 * the page.
 */
export const remoteAccess: AccessHandlers = {
  [Access.Global]: () => window,
  [Access.Get]: (target, key) => lent(Reflect.get(target, key)),
  [Access.Set]: (target, key, value) => Reflect.set(target, key, value),
  [Access.Has]: (target, key) => key in target,
  [Access.Keys]: (target) => Object.keys(target),
  [Access.Entries]: (target) => entries(target, (key) => lent(Reflect.get(target, key))),
  [Access.ReadAhead]: (_target, _key, groups) =>
    groups.map(([object, keys]) => primitives(keys, (key) => lent(Reflect.get(object, key)), true)),
  [Access.Items]: (target) => {
    if (!(target instanceof Storage) || target.getItem !== platformGetItem) return null;
    const keys = Object.keys(target);
    const values = keys.map((key) => platformGetItem.call(target, key)!);
    const size = keys.reduce((sum, key, i) => sum + key.length + values[i]!.length, 0);
    return size > ITEMS_AT_MOST ? null : [keys, values];
  },
  [Access.Proto]: (target) => Object.getPrototypeOf(target),
  [Access.Method]: (target, key, args) => {
    const fn = (target as Record<string, () => unknown>)[key]!;
    return Reflect.apply(originals.get(fn) ?? fn, target, args);
  },
  [Access.Apply]: (fn, thisArg, args) => Reflect.apply(fn as () => unknown, thisArg, args),
  [Access.Construct]: (fn, args) => Reflect.construct(fn as new () => object, args),
  [Access.Delete]: (target, key) => Reflect.deleteProperty(target, key),
  [Access.Tag]: (target) => Object.prototype.toString.call(target).slice(8, -1),
  [Access.InstanceOf]: (value, fn) => value instanceof (fn as new () => object),
  [Access.List]: (target, arrayLike) => {
    const list = target as Iterable<unknown> & { length?: unknown };
    const listable = arrayLike ? typeof list.length === 'number' : Symbol.iterator in list;
    return listable ? Array.from(list, lent) : null;
  },
  [Access.Own]: (target, key) => own(target, key, () => lent(Reflect.get(target, key))),
  [Access.Replace]: (target, key, replay) => {
    const owner = target as Record<string, (...args: unknown[]) => unknown>;
    const current = owner[key]!;
    // A replacement of a replacement: the worker's chain of functions calls the first.
    const original = originals.get(current) ?? current;
    const replaced = function (this: object | undefined, ...args: unknown[]) {
      let outcome: CallOutcome;
      try {
        outcome = { result: Reflect.apply(original, this, args) };
      } catch (error) {
        outcome = { error };
      }
      replay(this, args, outcome);
      if ('error' in outcome) throw outcome.error;
      return outcome.result;
    };
    originals.set(replaced, original);
    owner[key] = replaced;
  },
};

/**
 * A page value as a read gives it to the worker: an Array or object literal that page code
 * can change (`window.queue`, `window.config`) is lent, so that what a script reads and
 * writes of it is the page's own, as for a page script; a frozen one (`navigator.languages`)
 * can only be read, and crosses as a copy. The results of calls are fresh values: copies.
 */
export const lent = (value: unknown): unknown =>
  isPlainData(value) && !Object.isFrozen(value) ? new ByReference(value) : value;

/** The original of each page method a script replaced (`Access.Replace`), by replacement. */
const originals = new WeakMap<object, (...args: unknown[]) => unknown>();

/** `Access.Own`: what kind of own property `key` is, a value's read with `read`. */
export function own(
  target: object,
  key: string,
  read: () => unknown,
): [enumerable: boolean, writable?: boolean, value?: unknown] | null {
  const found = Reflect.getOwnPropertyDescriptor(target, key);
  if (!found) return null;
  return 'value' in found ? [!!found.enumerable, !!found.writable, read()] : [!!found.enumerable];
}

/**
 * `Access.Entries`: an object's own enumerable keys, and the values of those that are
 * primitives (of plain data, any but functions), read with `read`; any other value, or one
 * whose read throws, is left for the worker to read itself. An array's keys include its
 * `length`. With them, which keys are read-only values and which accessors,
 * so that the worker can tell their descriptors without asking.
 */
export function entries(
  target: object,
  read: (key: string) => unknown,
): [keys: string[], values: unknown[], objects: number[], readOnly: number[], accessors: number[]] {
  const isArray = Array.isArray(target);
  // An array's `length` too, in its place among the keys, as the worker's proxy must list it.
  const keys = isArray
    ? Object.getOwnPropertyNames(target).filter(
        (key) => key === 'length' || Object.prototype.propertyIsEnumerable.call(target, key),
      )
    : Object.keys(target);
  const readOnly: number[] = [];
  const accessors: number[] = [];
  keys.forEach((key, i) => {
    const found = Reflect.getOwnPropertyDescriptor(target, key);
    if (found && !('value' in found)) accessors.push(i);
    else if (!found?.writable) readOnly.push(i);
  });
  // Of plain data, the objects too (lent, see `lent`): `config.nested.x` costs no more trips.
  return [keys, ...primitives(keys, read, isPlainData(target)), readOnly, accessors];
}

/**
 * The values of `keys`, read with `read`, where they are primitives (or, with `objects`, any
 * but functions), and the indexes of those that are not: a method, a symbol, a value whose
 * read throws, or without `objects` an object, is left for the worker to read itself
 * (`Access.Entries`, `Access.ReadAhead`).
 */
export function primitives(
  keys: string[],
  read: (key: string) => unknown,
  objects = false,
): [values: unknown[], unread: number[]] {
  const values: unknown[] = [];
  const unread: number[] = [];
  keys.forEach((key, i) => {
    try {
      const value = read(key);
      const type = value === null ? 'null' : typeof value;
      if (type !== 'function' && type !== 'symbol' && (objects || type !== 'object'))
        return void values.push(value);
    } catch {
      // Left for the worker, whose own read throws it.
    }
    values.push(undefined);
    unread.push(i);
  });
  return [values, unread];
}
