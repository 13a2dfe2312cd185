/**
 * A worker Blob's bytes, read synchronously, for the encoder's copies of the worker's Blobs
 * (see `Encoder`'s `fromWorker`). Only a worker can: `FileReaderSync`.
 *
 * WebKit makes and reads a worker's Blobs through the page's thread: while the page blocks,
 * holding for the worker's `pagehide` listeners, `new Blob()` in the worker waits for the
 * hold to end.
 */
export function bytesOf(blob: Blob): ArrayBuffer {
  return new FileReaderSync().readAsArrayBuffer(blob);
}
