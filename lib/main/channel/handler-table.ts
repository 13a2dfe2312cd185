import { offstageError } from '../../shared/errors.js';
import type { Handler } from '../../shared/channel/handlers.js';

/**
 * The page's handlers by name: the application's (from `connect()` and `host.handle()`) and
 * the channel's own builtins, which take precedence. A call may also name a page function
 * the worker holds a reference to, instead of a handler.
 */
export class HandlerTable {
  readonly #handlers: Map<string, Handler>;

  readonly #builtins: Map<string, Handler>;
  constructor(handlers: Record<string, Handler>, builtins: Map<string, Handler>) {
    this.#builtins = builtins;
    this.#handlers = new Map(Object.entries(handlers));
  }

  set(name: string, handler: Handler): void {
    this.#handlers.set(name, handler);
  }

  /** The function a call targets: a handler by name, or the page function itself. */
  resolve(target: unknown): Handler {
    const fn =
      typeof target === 'string'
        ? (this.#builtins.get(target) ?? this.#handlers.get(target))
        : target;
    if (typeof fn === 'function') return fn as Handler;
    const known = [...this.#handlers.keys()].join(', ') || 'none';
    throw offstageError('unknown-handler', `no handler "${String(target)}" (registered: ${known})`);
  }
}
