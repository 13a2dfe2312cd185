import { Access } from '../../shared/proxy/protocol.js';
import type { AnyMainThread } from '../channel/main-thread.js';

/**
 * A name `createElement` certainly accepts: the call cannot throw, so it need not be waited for.
 */
const SAFE_NAME = /^[a-z][a-z\d-]*$/i;

/**
 * `document[method](...args)` for the methods that make a node (`createElement`,
 * `createTextNode`, …), without a round trip: the worker picks the node's id and the page
 * files it there (`MainThread.postNew`). `nameAt` is the index of the element name among the
 * arguments (-1: there is none); a name that may be invalid goes the slow way, so that the
 * page's error is thrown here.
 */
export function createNode(
  main: AnyMainThread,
  document: unknown,
  method: string,
  args: unknown[],
  nameAt: number,
  kind: 'node' | 'element',
): unknown {
  const name = args[nameAt];
  return nameAt < 0 || (typeof name === 'string' && SAFE_NAME.test(name))
    ? main.postNew(Access.Method, [document, method, args], kind)
    : main.call(Access.Method, document, method, args);
}
