import { offstageError } from '../../shared/errors.js';
import { Layout, Phase, Slot, type WorkerMessage } from '../../shared/channel/protocol.js';
import { now as clock } from './original-globals.js';
import type { Waiter } from './waiter.js';

const word = (id: number, phase: Phase) => (id << Layout.PhaseBits) | phase;

/**
 * Blocks with `Atomics.wait` on a buffer shared with the page. The state word names both
 * the call and the phase, so an answer that arrives after we gave up on its call can never
 * be taken for the answer to the next one: the page touches the buffer only while the word
 * says "waiting for this very id" (see atomics-responder.ts for the other half).
 */
export class AtomicsWaiter implements Waiter {
  readonly #state: Int32Array;
  readonly #data: Uint8Array;
  /** Reused for every answer: fresh memory is costly, and most answers are small. */
  #scratch = new Uint8Array(4096);

  readonly #post: (message: WorkerMessage, transfer?: Transferable[]) => void;
  readonly #invoke: (body: Uint8Array<ArrayBuffer>) => void;
  constructor(
    buffer: SharedArrayBuffer,
    post: (message: WorkerMessage, transfer?: Transferable[]) => void,
    /** Runs an encoded `[fn, args]` the page hands over while a call waits (`Phase.Invoke`). */
    invoke: (body: Uint8Array<ArrayBuffer>) => void = () => {},
  ) {
    this.#post = post;
    this.#invoke = invoke;
    this.#state = new Int32Array(buffer, 0, 4);
    this.#data = new Uint8Array(buffer, Layout.HeaderBytes);
  }

  roundTrip(
    id: number,
    request: Uint8Array<ArrayBuffer>,
    timeout: number,
    posted?: ArrayBuffer,
  ): Uint8Array<ArrayBuffer> {
    // A page that blocks itself (holding for a worker listener) reads calls from the buffer
    // without their messages: a call carrying posted calls goes in its message only, so the
    // page cannot answer it before running them.
    if (request.length <= this.#data.length && !posted) {
      this.#data.set(request);
      this.#state[Slot.RequestLength] = request.length;
      Atomics.store(this.#state, Slot.State, word(id, Phase.Waiting));
      this.#post({ offstage: 'call', id });
    } else {
      const body = request.slice().buffer;
      this.#state[Slot.RequestLength] = -1;
      Atomics.store(this.#state, Slot.State, word(id, Phase.Waiting));
      this.#post({ offstage: 'call', id, body, posted }, posted ? [body, posted] : [body]);
    }
    return this.#wait(id, timeout);
  }

  #wait(id: number, timeout: number): Uint8Array<ArrayBuffer> {
    const deadline = clock() + timeout;
    let received = 0;
    for (;;) {
      const now = Atomics.load(this.#state, Slot.State);
      const phase = now & Layout.PhaseMask;
      if (now >>> Layout.PhaseBits === id && (phase === Phase.Ready || phase === Phase.Partial)) {
        const length = this.#state[Slot.ChunkLength]!;
        const total = this.#state[Slot.TotalLength]!;
        if (received === 0 && this.#scratch.length < total) this.#scratch = new Uint8Array(total);
        this.#scratch.set(this.#data.subarray(0, length), received);
        received += length;
        if (phase === Phase.Ready) {
          Atomics.store(this.#state, Slot.State, word(id, Phase.Idle));
          const answer = this.#scratch.subarray(0, total);
          // do not hold a huge one
          if (this.#scratch.length > 1 << 22) this.#scratch = new Uint8Array(4096);
          return answer;
        }
        Atomics.store(this.#state, Slot.State, word(id, Phase.Waiting));
        this.#post({ offstage: 'more', id });
        continue;
      }
      if (now >>> Layout.PhaseBits === id && phase === Phase.Invoke) {
        // The page, answering this call, calls one of our functions and waits for it.
        this.#invoke(this.#data.slice(0, this.#state[Slot.RequestLength]!));
        Atomics.store(this.#state, Slot.State, word(id, Phase.Invoked));
        continue;
      }
      const left = deadline - clock();
      if (left <= 0 && phase === Phase.Waiting) {
        // Give up only if the page is not copying bytes in or out; if it is, they are moments away.
        if (Atomics.compareExchange(this.#state, Slot.State, now, word(id, Phase.Idle)) === now) {
          throw offstageError('timeout', `no answer within ${timeout} ms`);
        }
        continue;
      }
      Atomics.wait(this.#state, Slot.State, now, phase === Phase.Waiting ? Math.max(left, 0) : 50);
    }
  }
}
