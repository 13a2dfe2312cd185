/**
 * How the worker makes one blocking call. One implementation per transport, same
 * signature, so the rest of the worker never knows which one it runs on.
 */
export interface Waiter {
  /**
   * Sends request `id` to the page and blocks until its answer arrives. The returned bytes
   * are only valid until the next call. Throws an OffstageError on timeout. `posted`: calls
   * posted since the last send (see `PostQueue.take`), which the page runs first, in the same
   * task.
   */
  roundTrip(
    id: number,
    request: Uint8Array<ArrayBuffer>,
    timeout: number,
    posted?: ArrayBuffer,
  ): Uint8Array<ArrayBuffer>;
}
