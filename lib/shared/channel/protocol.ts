/**
 * The wire protocol: every message that crosses a thread boundary, and nothing else.
 * Types and const enums only: nothing here survives compilation. Values inside `body` fields
 * are bytes written by `codec.ts`. What is said over the channel — handler names and their
 * arguments — is each layer's own contract: `lib/shared/proxy/protocol.ts` (page objects),
 * `lib/shared/sync-apis/protocol.ts`, `lib/shared/offload/protocol.ts` (offloaded scripts).
 *
 * Threads: the page (main thread), the worker, and — in service-worker mode — the service
 * worker.
 */

/** How the worker blocks for an answer. */
export type TransportKind = 'atomics' | 'service-worker';

/** Phases of the Atomics state word; the word holds `callId << PHASE_BITS | phase`. */
export const enum Phase {
  /** The worker waits for call `id`; only now may the page write. */
  Waiting = 0,
  /** The page is copying bytes in; the worker keeps waiting. */
  Writing = 1,
  /** The last (or only) chunk of the answer is in the buffer. */
  Ready = 2,
  /** A chunk is in the buffer and more follow: the worker copies it and asks for `More`. */
  Partial = 3,
  /** No call in flight (between calls, or the worker gave up on one). */
  Idle = 4,
  /** The page is copying the request out of the buffer; the worker keeps waiting. */
  Reading = 5,
  /**
   * While answering call `id`, the page calls a worker function (an event listener of an
   * element the call clicked): `[fn, args]` is in the buffer; the worker runs it, making
   * calls of its own meanwhile, then sets `Invoked` and keeps waiting for its answer.
   */
  Invoke = 6,
  /** The worker ran what `Invoke` gave it; the page sets the word back to `Waiting`. */
  Invoked = 7,
}
/**
 * Byte layout of the shared buffer: four Int32 header slots, then one data area. The
 * worker writes its request there and waits; the page copies the request out (Reading),
 * later writes the answer there (Writing) and wakes the worker (Ready or Partial).
 */
export const enum Slot {
  State = 0,
  ChunkLength = 1,
  TotalLength = 2,
  /** Bytes of the request in the buffer; -1 when it travels in the `call` message instead. */
  RequestLength = 3,
}
export const enum Layout {
  PhaseBits = 3,
  PhaseMask = 7,
  /** Call ids wrap below this so that `id << PhaseBits` stays a positive Int32. */
  IdLimit = 0x0fffffff,
  HeaderBytes = 16,
}

/**
 * Page ↔ worker messages travel on the worker's own channel (`worker.postMessage` and
 * `self.postMessage`): in Chromium a MessageChannel port costs about twice as much per
 * message, and that is the floor of every call. Each message carries an `offstage` field;
 * Offstage's listeners take such messages and stop them reaching the application's.
 */

/** First message, page → worker. */
export interface Init {
  offstage: 'init';
  timeout: number;
  transport: AtomicsInit | ServiceWorkerInit;
}
export interface AtomicsInit {
  kind: 'atomics';
  buffer: SharedArrayBuffer;
}
export interface ServiceWorkerInit {
  kind: 'service-worker';
  /** Absolute URL of the sync endpoint (absolute, so `blob:` workers can use it). */
  endpoint: string;
  /** Unguessable id of this page↔worker channel; the service worker routes by it. */
  channel: string;
  /** Scope of the registration the page answers through. */
  scope: string;
}

/** Worker → page. */
export type WorkerMessage =
  /**
   * The worker is listening; `error` if its transport cannot work (e.g. not controlled by the
   * service worker).
   */
  | { offstage: 'ready'; error?: { code: string; message: string } }
  /**
   * A blocking call. The request encodes `[target, args]` (target: a handler name or a
   * function reference). It is in `body`, or — under Atomics, when it fits — in the shared buffer.
   * `posted`: calls posted since the last message, encoded as in `post`; the page runs them
   * first, in the same task (no rendering between them and the call).
   */
  | { offstage: 'call'; id: number; body?: ArrayBuffer; posted?: ArrayBuffer }
  /**
   * Posted calls (results unused), sent before the next call or at the end of a task: `body`
   * encodes `[[target, args], …]`.
   */
  | { offstage: 'post'; body: ArrayBuffer }
  /** Atomics only: the worker copied a `Partial` chunk of call `id` and wants the next one. */
  | { offstage: 'more'; id: number }
  | Release;

/** Page → worker, after `Init`. */
export type PageMessage =
  /**
   * Run a worker function the page holds a reference to; `body` encodes `[fn, args]`. Fire
   * and forget — unless `wait` is set: then the page is blocked until the worker calls
   * `Builtin.Invoked` with that number (see `Host.holdPage`).
   */
  { offstage: 'invoke'; body: ArrayBuffer; wait?: number } | Release;

/** Either side: these references, received `count` times, are no longer held. */
export interface Release {
  offstage: 'release';
  refs: [id: number, count: number][];
}

/** Page → service worker. */
export type ServiceWorkerMessage =
  { k: 'open'; channel: string } | { k: 'answer'; channel: string; id: number; body: ArrayBuffer };

/** Query parameters of a sync request, worker → service worker. */
export const enum SyncParam {
  Channel = 'c',
  Id = 'i',
  /** Present on the start-up probe instead of an id. */
  Probe = 'probe',
  /** How long (ms) the worker waits for this answer: the service worker gives up then (504). */
  Timeout = 't',
}
export const enum Wire {
  /** Path of the sync endpoint, relative to the registration's scope. */
  SyncPath = '~offstage-sync',
  /** Every handler name of Offstage's own starts so; an application's may not. */
  HandlerPrefix = 'offstage:',
  /**
   * Header the service worker sets on its answers, so a 200 from a real server is not mistaken for
   * one.
   */
  AnswerHeader = 'x-offstage',
}

/** Calls the channel itself answers on the page, whatever the handlers. */
export const enum Builtin {
  /**
   * (bytes) → runs the encoded `[[target, args], …]` as posted calls. Used instead of a `post`
   * message while the page is held.
   */
  Posted = 'offstage:posted',
  /** (wait) → the worker has run the invocation the page is held for. */
  Invoked = 'offstage:invoked',
  /**
   * (id, target, args) → calls `target(...args)` and lends the object it returns under `id`, an id
   * the worker chose (see `MainThread.postNew`).
   */
  Adopt = 'offstage:adopt',
}

/**
 * What a lent reference is, as bits sent with it: its handle can then behave accordingly
 * without asking (a function handle is callable; a node's methods are known by name).
 */
export const enum RefKind {
  Object = 0,
  Function = 1,
  /** A DOM Node (page objects only). */
  Node = 2,
  /** A DOM Element (with `Node`). */
  Element = 4,
  /** Its string form follows (see `Encoder`'s `fromWorker`); not a kind its handle keeps. */
  Text = 8,
  /** An Array: its handle is one too (`Array.isArray`). */
  Array = 16,
  /**
   * Plain data (an object literal or an Array) whose prototype is the sender's own
   * `Object.prototype` or `Array.prototype`: the receiver's handle inherits from its own.
   */
  Plain = 32,
}

/** First byte of an answer body. */
export const enum Outcome {
  Value = 0,
  Thrown = 1,
  /** The handler returned a Promise (a thenable), and it resolved with the value. */
  Resolved = 2,
  /** … and it rejected with the value. */
  Rejected = 3,
  /**
   * The value is `[invocations, outcome, value]`: worker functions the page called while
   * answering (`[fn, args, this]` each: a page listener of an event the call dispatched),
   * which the transport could not hand over at once (`Responder.startInvoke`). The worker
   * runs them, in order, before the call returns what `outcome` and `value` say.
   */
  Invokes = 4,
}
