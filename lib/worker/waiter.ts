/**
 * How the worker blocks until the page answers call `id`. One implementation per transport,
 * same signature, so the rest of the worker never knows which one it runs on.
 */
export interface Waiter {
  /** Called just before the request is posted to the page. */
  begin(id: number): void;
  /** Blocks until the answer to call `id` arrives; throws an OffstageError on timeout. */
  wait(id: number, timeout: number): Uint8Array<ArrayBuffer>;
}
