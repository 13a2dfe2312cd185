/**
 * The page's half of a transport: where it reads a blocked worker's request and how it
 * hands back the answer. One implementation per transport, same signature; the page never
 * blocks in either.
 */
export interface Responder {
  /**
   * The request bytes of call `id` (from `body`, or from wherever the transport put them),
   * or undefined if the worker already gave up on that call. Valid until the next request.
   */
  request(id: number, body: ArrayBuffer | undefined): Uint8Array<ArrayBuffer> | undefined;
  /** Delivers the encoded answer to call `id` (copying it). Safe after the worker gave up or died. */
  answer(id: number, body: Uint8Array<ArrayBuffer>): void;
  /** The worker asks for the next chunk of a long answer (Atomics only). */
  more(id: number): void;
  /**
   * Without waiting for messages: the id of a call whose request can be read now, sending
   * the next chunk of a long answer if that is what the worker waits for. Lets a page that
   * blocks itself (`Host.holdPage`) keep answering. Always undefined where requests arrive
   * only as messages (the service worker).
   */
  poll(): number | undefined;
}
