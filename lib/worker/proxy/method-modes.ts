import { RefKind } from '../../shared/channel/protocol.js';
import type { CallMode, MethodTable } from '../../shared/proxy/protocol.js';
import type { ProxyHooks } from './remote-proxy.js';

/**
 * What the page said of its methods (lib/main/proxy/method-table.ts), as the proxies ask it:
 * the call mode of a page function by identity, and the methods every node or element has,
 * by name. Empty until `learn()`.
 */
export class MethodModes implements Required<Pick<ProxyHooks, 'callMode' | 'knownMethod'>> {
  readonly #modes = new WeakMap<object, CallMode>();
  #node: Record<string, CallMode> = {};
  #element: Record<string, CallMode> = {};

  learn(table: MethodTable): void {
    for (const [fn, mode] of table.known) this.#modes.set(fn as object, mode);
    this.#node = table.node;
    this.#element = table.element;
  }

  readonly callMode = (fn: unknown): CallMode | undefined => this.#modes.get(fn as object);

  readonly knownMethod = (kind: RefKind, key: string): CallMode | undefined =>
    Object.hasOwn(this.#node, key)
      ? this.#node[key]
      : kind & RefKind.Element && Object.hasOwn(this.#element, key)
        ? this.#element[key]
        : undefined;
}
