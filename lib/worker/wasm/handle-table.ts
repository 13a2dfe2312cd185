import { offstageError } from '../../shared/errors.js';

/** The objects a WebAssembly module holds, by the small integers it knows them by. 0 is none. */
export class HandleTable {
  readonly #values: unknown[] = [undefined];
  readonly #free: number[] = [];

  /** `fixed` take handles 1, 2, …: they are never released. */
  readonly #fixed: unknown[];

  constructor(fixed: unknown[]) {
    this.#fixed = fixed;
    this.#values.push(...fixed);
  }

  /** A handle for value; 0 for null or undefined. */
  add(value: unknown): number {
    if (value == null) return 0;
    const handle = this.#free.pop() ?? this.#values.length;
    this.#values[handle] = value;
    return handle;
  }

  /** The value behind handle; `where` names the call, for the error. */
  get<T = unknown>(handle: number, where: string): T {
    const value = this.#values[handle];
    if (value === undefined || !Number.isInteger(handle) || handle <= 0)
      throw offstageError('wasm-handle', `${where}: ${handle} is not a live handle`);
    return value as T;
  }

  release(handle: number, where: string): void {
    this.get(handle, where);
    if (handle <= this.#fixed.length) return;
    this.#values[handle] = undefined;
    this.#free.push(handle);
  }

  /** Live handles, the fixed ones included. */
  get size(): number {
    return this.#values.length - 1 - this.#free.length;
  }
}
