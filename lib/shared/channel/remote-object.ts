/** The string form the other side gave a handle, if any (see `Encoder`'s `fromWorker`). */
export const remoteText = new WeakMap<object, string>();

/**
 * A handle to an object that lives on the other thread (a DOM node, a class instance).
 * It has no properties of its own: pass it back in a call and the other side receives the
 * original object. The same remote object always arrives as the same handle. Converted to
 * a string, it gives the object's own string form where the object has one (a worker `URL`).
 */
export class RemoteObject {
  get [Symbol.toStringTag]() {
    return 'RemoteObject';
  }

  toString(): string {
    return remoteText.get(this) ?? Object.prototype.toString.call(this);
  }
}
