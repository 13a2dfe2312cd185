import { Decoder, type Resume } from '../../shared/channel/codec.js';
import type { RefTable } from '../../shared/channel/ref-table.js';

/** The longest a batch runs in one page task when sliced: long tasks are those over 50 ms. */
const SLICE_MS = 30;

/**
 * One batch of calls the worker posted, run on the page in order, each as soon as it is decoded
 * (a call may make an object that a later one refers to) — all at once, or in slices, so that
 * a batch of many thousand DOM calls leaves the page's input and rendering room between them.
 */
export class PostedBatch {
  readonly #run: (call: unknown) => void;
  #resume: Resume | undefined;
  #until = Infinity;
  #count = 0;

  constructor(refs: RefTable, bytes: Uint8Array<ArrayBuffer>, run: (call: unknown) => void) {
    this.#run = run;
    this.#resume = () => new Decoder(refs).decodeEach(bytes, this.#use);
  }

  readonly #use = (call: unknown): boolean => {
    this.#run(call);
    // The clock every 64 calls: a DOM call is about a microsecond.
    return (++this.#count & 63) === 0 && performance.now() > this.#until;
  };

  /**
   * Runs the next calls: a slice of them, or all that are left. True once all have run — or
   * once the batch turns out unreadable (a broken or hostile worker): the calls before that
   * point ran, the rest is dropped, and the console says so.
   */
  step(sliced: boolean): boolean {
    this.#until = sliced ? performance.now() + SLICE_MS : Infinity;
    try {
      this.#resume = this.#resume?.();
    } catch (error) {
      this.#resume = undefined;
      console.error('Offstage: dropped the rest of an unreadable batch of posted calls:', error);
    }
    return !this.#resume;
  }
}
