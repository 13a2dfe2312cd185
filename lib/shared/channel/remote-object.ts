/**
 * A handle to an object that lives on the other thread (a DOM node, a class instance).
 * It has no properties of its own: pass it back in a call and the other side receives the
 * original object. The same remote object always arrives as the same handle.
 */
export class RemoteObject {
  get [Symbol.toStringTag]() {
    return 'RemoteObject';
  }
}
