import { reportUncaught } from './report-uncaught.js';
import type { Encoder } from '../../shared/channel/codec.js';

type Posted = [target: unknown, args: unknown[]];

/**
 * Calls posted to the page (`MainThread.post`), not yet sent: they go as one message just
 * before the next blocking call's, on the same channel, so the page runs them first and in
 * order — or at the end of the task if no call follows (a microtask flushes them).
 *
 * While the page is held waiting for a worker function to finish (`whileHeld`), it reads
 * no messages: then the queue goes as a blocking call instead (`Builtin.Posted`).
 */
export class PostQueue {
  #batch: Posted[] = [];
  #held = false;

  readonly #encoder: Encoder;
  readonly #sendMessage: (body: ArrayBuffer) => void;
  readonly #sendBlocking: (bytes: Uint8Array<ArrayBuffer>) => void;
  readonly #onPost: ((target: unknown, args: unknown[]) => void) | undefined;

  constructor(
    encoder: Encoder,
    /** Sends the encoded batch as a `post` message. */
    sendMessage: (body: ArrayBuffer) => void,
    /** Sends the encoded batch as a blocking call, for a held page. */
    sendBlocking: (bytes: Uint8Array<ArrayBuffer>) => void,
    onPost?: (target: unknown, args: unknown[]) => void,
  ) {
    this.#encoder = encoder;
    this.#sendMessage = sendMessage;
    this.#sendBlocking = sendBlocking;
    this.#onPost = onPost;
  }

  add(target: unknown, args: unknown[]): void {
    this.#onPost?.(target, args);
    if (this.#batch.push([target, args]) === 1) queueMicrotask(() => this.flush());
  }

  /** Sends what is queued, if anything. */
  flush(): void {
    if (!this.#batch.length) return;
    const calls = this.#batch;
    this.#batch = [];
    try {
      const bytes = this.#encoder.encode(calls).slice();
      if (this.#held) this.#sendBlocking(bytes);
      else this.#sendMessage(bytes.buffer);
    } catch (error) {
      // An argument that cannot cross (a symbol): drop these calls, say so, keep the channel
      // usable.
      reportUncaught(error);
    }
  }

  /**
   * Runs `fn` while the page waits for it: what it posts is sent before it returns, as blocking
   * calls.
   */
  whileHeld(fn: () => void): void {
    const wasHeld = this.#held;
    this.#held = true;
    try {
      fn();
    } finally {
      this.flush();
      this.#held = wasHeld;
    }
  }
}
