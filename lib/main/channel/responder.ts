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
  /**
   * Delivers the encoded answer to call `id` (copying it). Safe after the worker gave up or died.
   */
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
  /**
   * While the worker waits for call `id`: has it run the encoded `[fn, args]` now, before
   * answering (see `Phase.Invoke`). False if the transport cannot (the service worker, or
   * too long a body): then the function runs later, as usual.
   */
  startInvoke(id: number, body: Uint8Array): boolean;
  /**
   * True once the worker has run what `startInvoke` gave it (the call waits for its answer again).
   */
  invoked(id: number): boolean;
}
