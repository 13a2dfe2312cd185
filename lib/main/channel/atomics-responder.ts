import { Layout, Phase, Slot } from '../../shared/channel/protocol.js';
import type { Responder } from './responder.js';

const word = (id: number, phase: Phase) => (id << Layout.PhaseBits) | phase;

/**
 * Reads requests from, and writes answers into, the buffer the worker waits on, then
 * `Atomics.notify`. An answer larger than the buffer goes in chunks: the worker copies
 * each one out and asks for the next with a `more` message.
 *
 * The page touches the buffer only after swapping the state word from "worker waits for
 * this id" to Reading or Writing; a worker that gave up on the call has already moved the
 * word on, so a late page never reads a newer request or overwrites a newer answer.
 */
export class AtomicsResponder implements Responder {
  readonly buffer: SharedArrayBuffer;
  readonly #state: Int32Array;
  readonly #data: Uint8Array;
  /** Requests are copied out here: text cannot be decoded from shared memory. */
  #scratch = new Uint8Array(4096);
  /** Answers still being sent in chunks, by call id. */
  readonly #rest = new Map<number, { body: Uint8Array; sent: number }>();
  /**
   * Calls read and not yet answered. A call read by poll() still has its message on the
   * way, and a call whose answer is a Promise waits in the buffer meanwhile: neither may be
   * read again.
   */
  readonly #taken = new Set<number>();

  constructor(capacity: number) {
    this.buffer = new SharedArrayBuffer(Layout.HeaderBytes + capacity);
    this.#state = new Int32Array(this.buffer, 0, 4);
    this.#data = new Uint8Array(this.buffer, Layout.HeaderBytes);
  }

  request(id: number, body: ArrayBuffer | undefined): Uint8Array<ArrayBuffer> | undefined {
    const waiting = word(id, Phase.Waiting);
    if (this.#taken.has(id)) return;
    if (
      Atomics.compareExchange(this.#state, Slot.State, waiting, word(id, Phase.Reading)) !== waiting
    )
      return;
    let bytes: Uint8Array<ArrayBuffer>;
    if (body) {
      bytes = new Uint8Array(body);
    } else {
      // A length the buffer cannot hold (a broken or hostile worker) reads what it holds: the
      // decoder then fails, and the worker gets that error as its answer.
      const length = Math.max(0, Math.min(this.#state[Slot.RequestLength]!, this.#data.length));
      if (this.#scratch.length < length) this.#scratch = new Uint8Array(length);
      this.#scratch.set(this.#data.subarray(0, length));
      bytes = this.#scratch.subarray(0, length);
    }
    Atomics.store(this.#state, Slot.State, waiting);
    this.#taken.add(id);
    return bytes;
  }

  poll(): number | undefined {
    const now = Atomics.load(this.#state, Slot.State);
    if ((now & Layout.PhaseMask) !== Phase.Waiting) return;
    const id = now >>> Layout.PhaseBits;
    if (this.#rest.has(id)) return void this.more(id);
    return this.#taken.has(id) || this.#state[Slot.RequestLength]! < 0 ? undefined : id;
  }

  startInvoke(id: number, body: Uint8Array): boolean {
    const waiting = word(id, Phase.Waiting);
    if (body.length > this.#data.length) return false;
    if (
      Atomics.compareExchange(this.#state, Slot.State, waiting, word(id, Phase.Writing)) !== waiting
    )
      return false;
    this.#data.set(body);
    this.#state[Slot.RequestLength] = body.length;
    Atomics.store(this.#state, Slot.State, word(id, Phase.Invoke));
    Atomics.notify(this.#state, Slot.State);
    return true;
  }

  invoked(id: number): boolean {
    const done = word(id, Phase.Invoked);
    if (Atomics.compareExchange(this.#state, Slot.State, done, word(id, Phase.Waiting)) !== done)
      return false;
    Atomics.notify(this.#state, Slot.State);
    return true;
  }

  answer(id: number, body: Uint8Array<ArrayBuffer>): void {
    this.#write(id, body, 0);
  }

  more(id: number): void {
    const pending = this.#rest.get(id);
    if (pending) this.#write(id, pending.body, pending.sent);
  }

  #write(id: number, body: Uint8Array, from: number): void {
    const waiting = word(id, Phase.Waiting);
    if (
      Atomics.compareExchange(this.#state, Slot.State, waiting, word(id, Phase.Writing)) !== waiting
    ) {
      this.#rest.delete(id);
      this.#taken.delete(id);
      return;
    }
    const length = Math.min(this.#data.length, body.length - from);
    this.#data.set(body.subarray(from, from + length));
    this.#state[Slot.ChunkLength] = length;
    this.#state[Slot.TotalLength] = body.length;
    const last = from + length === body.length;
    if (last) {
      this.#rest.delete(id);
      this.#taken.delete(id);
    }
    // The encoder reuses its buffer, so the rest of a long answer is kept as a copy.
    else if (from === 0) this.#rest.set(id, { body: body.slice(), sent: length });
    else this.#rest.get(id)!.sent += length;
    Atomics.store(this.#state, Slot.State, word(id, last ? Phase.Ready : Phase.Partial));
    Atomics.notify(this.#state, Slot.State);
  }
}
