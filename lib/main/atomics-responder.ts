import { Layout, Phase, Slot } from '../shared/protocol.js';
import type { Responder } from './responder.js';

const word = (id: number, phase: Phase) => (id << Layout.PhaseBits) | phase;

/**
 * Writes answers into the buffer the worker waits on, then `Atomics.notify`. An answer
 * larger than the buffer goes in chunks: the worker copies each one out and asks for the
 * next with a `more` message.
 */
export class AtomicsResponder implements Responder {
  readonly buffer: SharedArrayBuffer;
  private readonly state: Int32Array;
  private readonly chunk: Uint8Array;
  /** Answers still being sent in chunks, by call id. */
  private readonly rest = new Map<number, { body: Uint8Array; sent: number }>();

  constructor(capacity: number) {
    this.buffer = new SharedArrayBuffer(Layout.HeaderBytes + capacity);
    this.state = new Int32Array(this.buffer, 0, 3);
    this.chunk = new Uint8Array(this.buffer, Layout.HeaderBytes);
  }

  answer(id: number, body: Uint8Array): void {
    this.write(id, body, 0);
  }

  more(id: number): void {
    const pending = this.rest.get(id);
    if (pending) this.write(id, pending.body, pending.sent);
  }

  private write(id: number, body: Uint8Array, from: number): void {
    const waiting = word(id, Phase.Waiting);
    // Only while the worker is still waiting for this id; a late answer to a call the
    // worker gave up on is dropped here rather than read as the answer to a later call.
    if (Atomics.compareExchange(this.state, Slot.State, waiting, word(id, Phase.Writing)) !== waiting) {
      this.rest.delete(id);
      return;
    }
    const length = Math.min(this.chunk.length, body.length - from);
    this.chunk.set(body.subarray(from, from + length));
    this.state[Slot.ChunkLength] = length;
    this.state[Slot.TotalLength] = body.length;
    const last = from + length === body.length;
    if (last) this.rest.delete(id);
    else this.rest.set(id, { body, sent: from + length });
    Atomics.store(this.state, Slot.State, word(id, last ? Phase.Ready : Phase.Partial));
    Atomics.notify(this.state, Slot.State);
  }
}
