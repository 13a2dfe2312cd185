import { Access } from '../shared/protocol.js';
import type { Handler } from './connect.js';

/**
 * Handlers that let the worker use page objects it holds references to, as if they were
 * its own: read and write properties, call methods, construct. Pass them to `connect()`
 * (`handlers: { ...remoteAccess }`) and connect the worker with `connectMain({ proxies: true })`.
 * They give the worker whatever `window` reaches: use them only for code you would run on
 * the page.
 */
export const remoteAccess: Record<string, Handler> = {
  [Access.Global]: () => window,
  [Access.Get]: (target: object, key: string) => Reflect.get(target, key),
  [Access.Set]: (target: object, key: string, value: unknown) => Reflect.set(target, key, value),
  [Access.Has]: (target: object, key: string) => key in target,
  [Access.Keys]: (target: object) => Object.keys(target),
  [Access.Proto]: (target: object) => Object.getPrototypeOf(target),
  [Access.Method]: (
    target: Record<string, (...args: unknown[]) => unknown>,
    key: string,
    args: unknown[],
  ) => Reflect.apply(target[key]!, target, args),
  [Access.Apply]: (fn: (...args: unknown[]) => unknown, thisArg: unknown, args: unknown[]) =>
    Reflect.apply(fn, thisArg, args),
  [Access.Construct]: (fn: new (...args: unknown[]) => object, args: unknown[]) =>
    Reflect.construct(fn, args),
  [Access.List]: (target: Iterable<unknown> & { length?: unknown }, arrayLike: boolean) =>
    (arrayLike ? typeof target.length === 'number' : Symbol.iterator in Object(target))
      ? Array.from(target)
      : null,
};
