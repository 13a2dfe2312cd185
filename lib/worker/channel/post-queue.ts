import { reportUncaught } from './report-uncaught.js';
import type { Encoder } from '../../shared/channel/codec.js';

type Posted = [target: unknown, args: unknown[]];

/**
 * Calls posted to the page (`MainThread.post`), not yet sent: they ride on the next blocking
 * call's message (`take`), so the page runs them first, in order and in the same task — or go
 * as a message of their own at the end of the task if no call follows (a microtask flushes
 * them).
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
    const bytes = this.#encode();
    if (!bytes) return;
    if (this.#held) this.#sendBlocking(bytes);
    else this.#sendMessage(bytes.buffer);
  }

  /**
   * What is queued, encoded, for the blocking call about to be sent to carry; the queue is
   * empty after. While the page is held it reads the shared buffer before its messages, so
   * then the calls are sent as a blocking call of their own and nothing is returned.
   */
  take(): ArrayBuffer | undefined {
    if (this.#held) return void this.flush();
    return this.#encode()?.buffer;
  }

  #encode(): Uint8Array<ArrayBuffer> | undefined {
    if (!this.#batch.length) return;
    const calls = this.#batch;
    this.#batch = [];
    try {
      return this.#encoder.encodeCalls(calls).slice();
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
