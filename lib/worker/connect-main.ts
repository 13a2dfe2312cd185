import { Decoder, Encoder } from '../shared/codec.js';
import { offstageError, type OffstageError } from '../shared/errors.js';
import {
  Builtin,
  Layout,
  RefKind,
  Outcome,
  type Init,
  type PageMessage,
  type TransportKind,
  type WorkerMessage,
} from '../shared/protocol.js';
import { RefTable } from '../shared/ref-table.js';
import { RemoteObject } from '../shared/remote-object.js';
import { AtomicsWaiter } from './atomics-waiter.js';
import { now, postToPage } from './pristine.js';
import { proxyHandles, type ProxyHooks } from './remote-proxy.js';
import { ServiceWorkerWaiter } from './service-worker-waiter.js';
import type { Waiter } from './waiter.js';

/** The worker's view of the page: synchronous calls to the handlers it registered. */
export interface MainThread {
  /** Which transport blocks this worker: `'atomics'` or `'service-worker'`. */
  readonly transport: TransportKind;
  /**
   * Calls the page's handler `name` and blocks until it answers. Returns the handler's
   * value (a Promise's settled value) or throws what it threw (same name and message).
   */
  call<T = unknown>(name: string, ...args: unknown[]): T;
  /**
   * Calls the page's handler `name` without waiting and without its result. Posted calls
   * are sent as one message just before the next `call()`, or at the end of the current
   * task; so a thousand posts and one call make one round trip. Their arguments are read
   * when they are sent. A posted call that throws is reported on the page's console.
   */
  post(name: string, ...args: unknown[]): void;
  /**
   * Posts a call whose result is a page object, and returns its handle at once: the worker
   * picks the object's id and the page files the result under it. So
   * `postNew('offstage:method', [document, 'createElement', ['div']], 'element')` makes an
   * element without a round trip. `kind` says what the result will be, for proxies that
   * know node and element methods by name. If the call throws on the page, the error is
   * reported on the page's console and the handle stands for the error.
   */
  postNew(name: string, args: unknown[], kind?: 'node' | 'element'): object;
}

/**
 * Waits for the page's `connect()` and returns the channel. Call it during the worker's
 * first task (at top level), so that its listener is there when the page's first message
 * arrives. Offstage's messages carry an `offstage` field; its listener consumes them, so
 * the worker's own `message` listeners added after this call never see them.
 */
export interface ConnectMainOptions {
  /**
   * Page objects arrive as proxies that behave like them (property reads and writes,
   * method calls, `new`), each access a synchronous call. The page must pass
   * `remoteAccess` in its handlers. Hooks may answer chosen reads or take chosen writes
   * without the page, and name page methods whose calls need no answer (they are posted,
   * batched like writes). Default: opaque `RemoteObject` handles.
   */
  proxies?: boolean | ProxyHooks;
  /** Told of every blocking call once it returns or throws: what was called, and for how long (ms). */
  onRoundTrip?: (target: unknown, args: unknown[], ms: number) => void;
  /** Told of every posted call as it is queued. */
  onPost?: (target: unknown, args: unknown[]) => void;
}

export function connectMain(options: ConnectMainOptions = {}): Promise<MainThread> {
  return new Promise((resolve, reject) => {
    // One listener, registered now, before the worker's own: it takes every Offstage message.
    let onPageMessage: ((message: PageMessage) => void) | undefined;
    self.addEventListener('message', (event: MessageEvent<Init | PageMessage>) => {
      const message = event.data;
      if (typeof message?.offstage !== 'string') return;
      event.stopImmediatePropagation();
      if (message.offstage !== 'init') return onPageMessage?.(message);
      if (onPageMessage) return; // one channel per worker
      try {
        const channel = open(message, options);
        onPageMessage = channel.onPageMessage;
        resolve(channel.main);
      } catch (error) {
        reject(error);
      }
    });
  });
}

function open(
  init: Init,
  options: ConnectMainOptions,
): { main: MainThread; onPageMessage: (message: PageMessage) => void } {
  const { timeout, transport } = init;
  const post = (message: WorkerMessage, transfer: Transferable[] = []) =>
    postToPage(message, transfer);
  const call = (name: string, ...args: unknown[]) => send(name, args);
  // Proxies give scripts what page code would get: a Promise where the page's answer was one.
  const callPromising = (name: string, ...args: unknown[]) => send(name, args, true);
  const postCall = (name: string, ...args: unknown[]) => enqueue(name, args);
  const refs = new RefTable(
    options.proxies
      ? proxyHandles(
          callPromising,
          postCall,
          typeof options.proxies === 'object' ? options.proxies : {},
        )
      : (_id, kind) => (kind & RefKind.Function ? remoteFunction() : new RemoteObject()),
    (released) => post({ offstage: 'release', refs: released }),
  );
  const encoder = new Encoder(refs, true); // the worker's own events go as copies
  const decoder = new Decoder(refs);
  let waiter: Waiter;
  let nextId = 0;

  /** A page function we hold a reference to: calling it is a synchronous call like any other. */
  function remoteFunction(): object {
    const fn = (...args: unknown[]) => send(fn, args);
    return fn;
  }

  /** Posted calls not yet sent: they go just before the next call, or at the end of the task. */
  let batch: [unknown, unknown[]][] = [];
  function enqueue(target: unknown, args: unknown[]) {
    options.onPost?.(target, args);
    if (batch.push([target, args]) === 1) queueMicrotask(flush);
  }
  /** Set while the page is blocked waiting for an invocation to finish: it reads no messages then. */
  let held = false;
  /** Sends the posted calls as one message (before the next call's, on the same channel: order holds). */
  function flush() {
    if (!batch.length) return;
    const calls = batch;
    batch = [];
    try {
      const bytes = encoder.encode(calls).slice();
      if (held) return void send(Builtin.Posted, [bytes]);
      const body = bytes.buffer;
      post({ offstage: 'post', body }, [body]);
    } catch (error) {
      // An argument that cannot cross (a symbol): drop these calls, say so, keep the channel usable.
      reportError(error);
    }
  }

  const { onRoundTrip } = options;
  /** A round trip measured for `onRoundTrip`; kept apart so untimed calls pay nothing for it. */
  function timed(
    report: NonNullable<typeof onRoundTrip>,
    id: number,
    request: Uint8Array<ArrayBuffer>,
    target: unknown,
    args: unknown[],
  ) {
    const started = now();
    try {
      return waiter.roundTrip(id, request, timeout);
    } finally {
      report(target, args, now() - started);
    }
  }

  /**
   * One blocking call. An answer the page awaited (its handler returned a Promise) is the
   * settled value, or its rejection thrown — unless `promising`: then a Promise settled alike.
   */
  function send(target: unknown, args: unknown[], promising = false): unknown {
    const id = (nextId = (nextId + 1) & Layout.IdLimit);
    flush();
    const request = encoder.encode([target, args]);
    const answer = onRoundTrip
      ? timed(onRoundTrip, id, request, target, args)
      : waiter.roundTrip(id, request, timeout);
    const [outcome, value] = decoder.decode(answer);
    if (promising && outcome >= Outcome.Resolved)
      return outcome === Outcome.Resolved ? Promise.resolve(value) : Promise.reject(value);
    if (outcome === Outcome.Thrown || outcome === Outcome.Rejected) throw value;
    return value;
  }

  type Invocation = [number, [(...a: unknown[]) => unknown, unknown[]]];
  /** Runs a worker function while the page blocks, waiting for it: what it posts goes as blocking calls (the page reads no messages then). */
  function runHeld(fn: (...a: unknown[]) => unknown, args: unknown[]) {
    const wasHeld = held;
    held = true;
    try {
      fn(...args);
    } finally {
      flush();
      held = wasHeld;
    }
  }

  /** A function the page hands over while it answers one of our calls (Atomics `Phase.Invoke`). */
  function runHandedOver(body: Uint8Array<ArrayBuffer>) {
    const [, [fn, args]] = decoder.decode(body) as Invocation;
    try {
      runHeld(fn, args);
    } catch (error) {
      reportError(error);
    }
  }

  function onPageMessage(message: PageMessage) {
    if (message.offstage === 'release') return refs.release(message.refs);
    const [, [fn, args]] = decoder.decode(new Uint8Array(message.body)) as Invocation;
    if (message.wait === undefined) return fn(...args);
    // The page is held until we say this ran.
    try {
      runHeld(fn, args);
    } finally {
      send(Builtin.Invoked, [message.wait]);
    }
  }

  if (transport.kind === 'atomics') {
    waiter = new AtomicsWaiter(transport.buffer, post, runHandedOver);
  } else {
    const sw = new ServiceWorkerWaiter(transport.endpoint, transport.channel, post);
    waiter = sw;
    try {
      const scope = sw.probe();
      if (scope !== transport.scope) {
        throw offstageError(
          'not-controlled',
          `the worker is controlled by the registration for ${scope}, but the page answers through ${transport.scope}`,
        );
      }
    } catch (error) {
      post({
        offstage: 'ready',
        error: { code: (error as OffstageError).code, message: (error as Error).message },
      });
      throw error;
    }
  }
  post({ offstage: 'ready' });
  return {
    main: {
      transport: transport.kind,
      call: call as MainThread['call'],
      post: postCall,
      postNew(name, args, kind) {
        const { id, handle } = refs.reserve(
          kind === 'element'
            ? RefKind.Node | RefKind.Element
            : kind === 'node'
              ? RefKind.Node
              : RefKind.Object,
        );
        enqueue(Builtin.Adopt, [id, name, args]);
        return handle;
      },
    },
    onPageMessage,
  };
}
