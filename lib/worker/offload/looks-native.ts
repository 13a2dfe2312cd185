/**
 * Gives a wrapper the original's `toString()`: SDKs test that `fetch` is native before using
 * it (Sentry otherwise takes a fresh one from an iframe it adds to the page).
 */
export function looksNative<T extends object>(original: T, wrapper: T): T {
  Object.defineProperty(wrapper, 'toString', {
    value: () => String(original),
    configurable: true,
    writable: true,
  });
  return wrapper;
}
