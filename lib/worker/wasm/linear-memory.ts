import { offstageError } from '../../shared/errors.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Reads and writes a module's memory with every pointer and length checked: a range outside
 * the memory throws before anything is read or written. Pointers arrive as signed i32s.
 */
export class LinearMemory {
  readonly #memory: () => WebAssembly.Memory;

  constructor(memory: () => WebAssembly.Memory) {
    this.#memory = memory;
  }

  /**
   * A view of [ptr, ptr + len) (the memory may have grown since the last call: looked up each
   * time).
   */
  view(ptr: number, len: number, where: string): Uint8Array {
    const buffer = this.#memory().buffer;
    const start = ptr >>> 0;
    const size = len >>> 0;
    if (start + size > buffer.byteLength) {
      throw offstageError(
        'wasm-memory',
        `${where}: bytes ${start}…${start + size} are outside the module's ${buffer.byteLength}-byte memory`,
      );
    }
    return new Uint8Array(buffer, start, size);
  }

  /** A copy of the bytes, to keep or send. */
  bytes(ptr: number, len: number, where: string): Uint8Array<ArrayBuffer> {
    return this.view(ptr, len, where).slice();
  }

  /**
   * Decoded in place; shared memory, which TextDecoder refuses, through a copy. Short ASCII
   * (tag names, attributes, numbers as text) by hand: a call into the decoder costs more.
   */
  string(ptr: number, len: number, where: string): string {
    const view = this.view(ptr, len, where);
    if (view.length < 32) {
      let s = '';
      for (let i = 0, c; i < view.length; i++) {
        if ((c = view[i]!) > 0x7f) return decoder.decode(view.slice());
        s += String.fromCharCode(c);
      }
      return s;
    }
    return decoder.decode(view.buffer instanceof ArrayBuffer ? view : view.slice());
  }

  /**
   * Copies as much of `value` as fits in [ptr, ptr + cap) and returns its full length in
   * bytes; -1 for null or undefined (nothing written).
   */
  write(
    value: Uint8Array | string | null | undefined,
    ptr: number,
    cap: number,
    where: string,
  ): number {
    if (value == null) return -1;
    const bytes = typeof value === 'string' ? encoder.encode(value) : value;
    const target = this.view(ptr, cap, where);
    target.set(bytes.length > target.length ? bytes.subarray(0, target.length) : bytes);
    return bytes.length;
  }

  /** Stores an i32 (little-endian, as Wasm does) at ptr. */
  i32(ptr: number, value: number, where: string): void {
    const view = this.view(ptr, 4, where);
    new DataView(view.buffer, view.byteOffset, 4).setInt32(0, value, true);
  }
}
