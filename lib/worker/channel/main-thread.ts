import type { Call, Handlers, Post } from '../../shared/channel/handlers.js';
import type { RefKind, TransportKind } from '../../shared/channel/protocol.js';

/**
 * The worker's view of the page: synchronous calls to the handlers it registered. With the
 * page's handler map as `H` (`MainThread<typeof handlers>`), names, arguments and answers
 * are checked against it.
 */
export interface MainThread<H extends object = Handlers> {
  /** Which transport blocks this worker: `'atomics'` or `'service-worker'`. */
  readonly transport: TransportKind;
  /**
   * Calls the page's handler `name` and blocks until it answers. Returns the handler's
   * value (a Promise's settled value) or throws what it threw (same name and message).
   */
  call: Call<H>;
  /**
   * Calls the page's handler `name` without waiting and without its result. Posted calls
   * are sent as one message just before the next `call()`, or at the end of the current
   * task; so a thousand posts and one call make one round trip. Their arguments are read
   * when they are sent. A posted call that throws is reported on the page's console.
   */
  post: Post<H>;
  /**
   * Posts a call whose result is a page object, and returns its handle at once: the worker
   * picks the object's id and the page files the result under it. So
   * `postNew(Access.Method, [document, 'createElement', ['div']], 'element')` makes an
   * element without a round trip. `kind` says what the result will be, for proxies that
   * know node and element methods by name. If the call throws on the page, the error is
   * reported on the page's console and the handle stands for the error.
   */
  postNew(name: string, args: unknown[], kind?: 'node' | 'element'): object;
  /**
   * Makes the worker's object `local` stand for the page object behind `handle` from now on:
   * passed to the page it arrives as that object, and that object arrives here as `local`.
   */
  standIn(handle: object, local: object): void;
}

/**
 * A channel whatever its contract: what functions that work with any channel take
 * (`fetchSync`, `instantiateWasm`), so that a typed `MainThread<H>` can be passed to them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMainThread = MainThread<any>;

/**
 * What a layer above the channel gets to build handles with: a blocking call whose answer is
 * a Promise where the page's was one (as page code would get), and a posted call. Targets
 * are handler names or page functions.
 */
export interface HandleCalls {
  call(target: unknown, ...args: unknown[]): unknown;
  post(target: unknown, ...args: unknown[]): void;
  /**
   * How many calls and posts the worker has sent or queued so far, through any layer: a
   * layer that keeps what it read of the page can tell whether anything else may have
   * changed the page since.
   */
  sent(): number;
}

/** Makes the worker's stand-in for page object `id` (see `RefKind` for what `kind` says). */
export type MakeHandle = (id: number, kind: RefKind) => object;

/** Given the channel's calls, makes handles (the proxy layer's `proxyHandles`). */
export type HandleFactory = (calls: HandleCalls) => MakeHandle;

export interface ChannelOptions {
  /** How page objects arrive. Default: opaque `RemoteObject` handles, page functions callable. */
  handles?: HandleFactory;
  /**
   * Told of every blocking call once it returns or throws: what was called, and for how long (ms).
   */
  onRoundTrip?: (target: unknown, args: unknown[], ms: number) => void;
  /** Told of every posted call as it is queued. */
  onPost?: (target: unknown, args: unknown[]) => void;
  /** Told of what a blocking call throws, before it is thrown. */
  onThrown?: (error: unknown) => void;
  /**
   * Every post waits for its answer, as a call: what the page refuses throws where it was
   * posted (the worker of scripts a policy governs).
   */
  waits?: boolean;
}
