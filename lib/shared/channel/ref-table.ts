import { offstageError } from '../errors.js';
import type { RefKind } from './protocol.js';

/** One received generation of a handle; `count` is how many times its id arrived. */
interface Receipt {
  id: number;
  count: number;
}

/**
 * The references one thread holds to the other's objects, and the objects it has lent out.
 *
 * Lending: the same local object always gets the same id, and we count how many times we
 * sent it. Borrowing: the same id always yields the same handle while that handle is alive,
 * and we count how many times it arrived. When a handle is garbage-collected we tell the
 * lender the count; it frees the object once every send is accounted for. Counting (rather
 * than a plain "release id") keeps an object alive when a new send crosses a release in flight.
 */
export class RefTable {
  #nextId = 1;
  /**
   * Ids this side picks for objects the other side will make (see `reserve`): from 2^31 up
   * (ids travel as unsigned 32-bit), far above the other side's own, which count from 1.
   */
  #nextReserved = 0x8000_0000;
  readonly #lentIds = new WeakMap<object, number>();
  readonly #lent = new Map<number, { value: object; sent: number }>();
  readonly #handleIds = new WeakMap<object, number>();
  readonly #borrowed = new Map<number, { handle: WeakRef<object>; receipt: Receipt }>();
  readonly #registry = new FinalizationRegistry<Receipt>((r) => this.#collected(r));
  /** Our objects standing for the other side's (see `standIn`), by its id; their handles kept. */
  readonly #standIns = new Map<number, { local: object; handle: object }>();
  #pending: [number, number][] = [];

  readonly #makeHandle: (id: number, kind: RefKind) => object;
  readonly #sendRelease: (refs: [number, number][]) => void;
  readonly #guard: ((value: object) => void) | undefined;
  constructor(
    /** Makes the local stand-in for the other side's object `id`. */
    makeHandle: (id: number, kind: RefKind) => object,
    /** Tells the other side which of its ids we no longer hold (batched, asynchronous). */
    sendRelease: (refs: [number, number][]) => void,
    /**
     * Run on each of our objects as it is lent, and each time the other side names one: it
     * throws to refuse it (the page's policy for a worker, see `ConnectOptions.guard`).
     */
    guard?: (value: object) => void,
  ) {
    this.#makeHandle = makeHandle;
    this.#sendRelease = sendRelease;
    this.#guard = guard;
  }

  /** The other side's id for `value`, if `value` is one of our handles. */
  idOfHandle(value: object): number | undefined {
    return this.#handleIds.get(value);
  }

  /**
   * Makes our object `local` stand for the other side's object behind `handle`, for good:
   * sent, `local` goes as that object; arriving, that object is `local`. (The offloaded
   * scripts' window is the worker's global object and stands for the page's window, so that
   * `document.defaultView === window`.)
   */
  standIn(handle: object, local: object): void {
    const id = this.#handleIds.get(handle);
    if (id === undefined)
      throw new TypeError('Offstage: standIn() needs a handle of the other side');
    this.#handleIds.set(local, id);
    this.#standIns.set(id, { local, handle });
  }

  /** Lends `value` to the other side and returns its id. */
  lend(value: object): number {
    this.#guard?.(value);
    let id = this.#lentIds.get(value);
    if (id === undefined) {
      id = this.#nextId++;
      this.#lentIds.set(value, id);
      this.#lent.set(id, { value, sent: 1 });
    } else {
      this.#lent.get(id)!.sent++;
    }
    return id;
  }

  /** Our own object that the other side refers to as `id`. */
  lentObject(id: number): object {
    const entry = this.#lent.get(id);
    if (!entry) throw offstageError('released-reference', `reference #${id}`);
    this.#guard?.(entry.value);
    return entry.value;
  }

  /** The handle for the other side's object `id`. */
  borrow(id: number, kind: RefKind): object {
    const entry = this.#borrowed.get(id);
    const alive = entry?.handle.deref();
    if (alive) {
      entry!.receipt.count++;
      return this.#standIns.get(id)?.local ?? alive;
    }
    const handle = this.#makeHandle(id, kind);
    const receipt = { id, count: 1 };
    this.#handleIds.set(handle, id);
    this.#borrowed.set(id, { handle: new WeakRef(handle), receipt });
    this.#registry.register(handle, receipt);
    return handle;
  }

  /**
   * A handle for an object the other side has not made yet: it will make it and `adopt` it
   * under the returned id. Counts as received once.
   */
  reserve(kind: RefKind): { id: number; handle: object } {
    const id = this.#nextReserved++;
    return { id, handle: this.borrow(id, kind) };
  }

  /** Lends `value` under the id the other side reserved for it, as sent once. */
  adopt(id: number, value: object): void {
    if (this.#lentIds.has(value))
      throw offstageError('uncloneable', `the object made for reference #${id} was already lent`);
    this.#lentIds.set(value, id);
    this.#lent.set(id, { value, sent: 1 });
  }

  /** The other side dropped handles: forget our objects once every send is accounted for. */
  release(refs: [number, number][]): void {
    for (const [id, count] of refs) {
      const entry = this.#lent.get(id);
      if (!entry) continue;
      entry.sent -= count;
      if (entry.sent <= 0) {
        this.#lent.delete(id);
        this.#lentIds.delete(entry.value);
      }
    }
  }

  get size(): { lent: number; borrowed: number } {
    return { lent: this.#lent.size, borrowed: this.#borrowed.size };
  }

  #collected(receipt: Receipt): void {
    if (this.#borrowed.get(receipt.id)?.receipt === receipt) this.#borrowed.delete(receipt.id);
    if (this.#pending.push([receipt.id, receipt.count]) === 1) {
      setTimeout(() => {
        const refs = this.#pending;
        this.#pending = [];
        this.#sendRelease(refs);
      });
    }
  }
}
