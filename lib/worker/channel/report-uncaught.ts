const dispatch = EventTarget.prototype.dispatchEvent;

/**
 * Reports an exception of worker code that nothing caught — a worker function the page ran
 * while it waited, a batch that could not be sent — as uncaught, on the worker's global:
 * `onerror` and `error` listeners see it, as they would a script's own uncaught exception;
 * if none cancels it, it goes to the console.
 *
 * Not `reportError()`: WebKit sends that report through the page's thread, which may be the
 * very thread waiting for this worker (a listener the page runs during its `el.click()`),
 * and both would wait for good. The global's `dispatchEvent` is taken at load: the scripts'
 * window makes it the page's.
 */
export function reportUncaught(error: unknown): void {
  const message = 'Uncaught ' + String(error);
  const event = new ErrorEvent('error', { message, error, cancelable: true });
  if (Reflect.apply(dispatch, self, [event])) console.error(message, error);
}
