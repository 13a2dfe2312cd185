/**
 * The string form of an object that has one of its own (a `toString` other than Object's, or
 * `Symbol.toPrimitive`): what the page would get converting the object itself. Undefined for
 * functions and plain objects, or if converting throws.
 */
export function textOf(o: object): string | undefined {
  if (typeof o === 'function') return undefined;
  const own = (o as { toString?: unknown }).toString !== Object.prototype.toString;
  if (!own && !(Symbol.toPrimitive in o)) return undefined;
  try {
    return String(o);
  } catch {
    return undefined;
  }
}
