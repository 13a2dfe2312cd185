/**
 * How the page hands an answer to the blocked worker. One implementation per transport,
 * same signature; the page never blocks in either.
 */
export interface Responder {
  /** Delivers the encoded answer to call `id`. Safe to call after the worker gave up or died. */
  answer(id: number, body: Uint8Array): void;
  /** The worker asks for the next chunk of a long answer (Atomics only). */
  more(id: number): void;
}
