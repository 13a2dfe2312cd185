import { Access, type AccessHandlers } from '../../shared/proxy/protocol.js';

/**
 * Handlers that let the worker use page objects it holds references to, as if they were
 * its own: read and write properties, call methods, construct. Pass them to `connect()`
 * (`handlers: { ...remoteAccess }`) and connect the worker with `connectMain({ proxies: true })`.
 * They give the worker whatever `window` reaches: use them only for code you would run on
 * the page.
 */
export const remoteAccess: AccessHandlers = {
  [Access.Global]: () => window,
  [Access.Get]: (target, key) => Reflect.get(target, key),
  [Access.Set]: (target, key, value) => Reflect.set(target, key, value),
  [Access.Has]: (target, key) => key in target,
  [Access.Keys]: (target) => Object.keys(target),
  [Access.Entries]: (target) => entries(target, (key) => Reflect.get(target, key)),
  [Access.Proto]: (target) => Object.getPrototypeOf(target),
  [Access.Method]: (target, key, args) =>
    Reflect.apply((target as Record<string, () => unknown>)[key]!, target, args),
  [Access.Apply]: (fn, thisArg, args) => Reflect.apply(fn as () => unknown, thisArg, args),
  [Access.Construct]: (fn, args) => Reflect.construct(fn as new () => object, args),
  [Access.Delete]: (target, key) => Reflect.deleteProperty(target, key),
  [Access.Tag]: (target) => Object.prototype.toString.call(target).slice(8, -1),
  [Access.InstanceOf]: (value, fn) => value instanceof (fn as new () => object),
  [Access.List]: (target, arrayLike) => {
    const list = target as Iterable<unknown> & { length?: unknown };
    const listable = arrayLike ? typeof list.length === 'number' : Symbol.iterator in list;
    return listable ? Array.from(list) : null;
  },
};

/**
 * `Access.Entries`: an object's own enumerable keys, and the values of those that are
 * primitives, read with `read`; a value that is an object, or whose read throws, is left for
 * the worker to read itself.
 */
export function entries(
  target: object,
  read: (key: string) => unknown,
): [keys: string[], values: unknown[], objects: number[]] {
  const keys = Object.keys(target);
  const values: unknown[] = [];
  const objects: number[] = [];
  keys.forEach((key, i) => {
    try {
      const value = read(key);
      if (value === null || (typeof value !== 'object' && typeof value !== 'function'))
        return void values.push(value);
    } catch {
      // Left for the worker, whose own read throws it.
    }
    values.push(undefined);
    objects.push(i);
  });
  return [keys, values, objects];
}
