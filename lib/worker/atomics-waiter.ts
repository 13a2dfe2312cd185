import { offstageError } from '../shared/errors.js';
import { Layout, Phase, Slot } from '../shared/protocol.js';
import type { Waiter } from './waiter.js';

const word = (id: number, phase: Phase) => (id << Layout.PhaseBits) | phase;

/**
 * Blocks with `Atomics.wait` on a buffer shared with the page. The state word names both
 * the call and the phase, so an answer that arrives after we gave up on its call can never
 * be taken for the answer to the next one: the page writes only while the word says
 * "waiting for this very id" (see atomics-responder.ts for the other half).
 */
export class AtomicsWaiter implements Waiter {
  private readonly state: Int32Array;
  private readonly chunk: Uint8Array;

  constructor(
    buffer: SharedArrayBuffer,
    /** Asks the page for the next chunk of a long answer. */
    private readonly requestMore: (id: number) => void,
  ) {
    this.state = new Int32Array(buffer, 0, 3);
    this.chunk = new Uint8Array(buffer, Layout.HeaderBytes);
  }

  begin(id: number): void {
    Atomics.store(this.state, Slot.State, word(id, Phase.Waiting));
  }

  wait(id: number, timeout: number): Uint8Array<ArrayBuffer> {
    const deadline = performance.now() + timeout;
    let answer: Uint8Array<ArrayBuffer> | undefined;
    let received = 0;
    for (;;) {
      const now = Atomics.load(this.state, Slot.State);
      const phase = now & Layout.PhaseMask;
      if (now >>> Layout.PhaseBits === id && (phase === Phase.Ready || phase === Phase.Partial)) {
        const length = this.state[Slot.ChunkLength]!;
        answer ??= new Uint8Array(this.state[Slot.TotalLength]!);
        answer.set(this.chunk.subarray(0, length), received);
        received += length;
        if (phase === Phase.Ready) {
          Atomics.store(this.state, Slot.State, word(id, Phase.Idle));
          return answer;
        }
        Atomics.store(this.state, Slot.State, word(id, Phase.Waiting));
        this.requestMore(id);
        continue;
      }
      const left = deadline - performance.now();
      if (left <= 0 && phase === Phase.Waiting) {
        // Give up only if the page is not mid-write; otherwise its bytes are moments away.
        if (Atomics.compareExchange(this.state, Slot.State, now, word(id, Phase.Idle)) === now) {
          throw offstageError('timeout', `no answer within ${timeout} ms`);
        }
        continue;
      }
      Atomics.wait(this.state, Slot.State, now, phase === Phase.Writing ? 50 : Math.max(left, 0));
    }
  }
}
