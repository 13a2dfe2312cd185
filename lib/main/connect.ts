import { Decoder, Encoder } from '../shared/codec.js';
import { OffstageError, offstageError, type ErrorCode } from '../shared/errors.js';
import {
  Builtin,
  Outcome,
  RefKind,
  Wire,
  type Init,
  type PageMessage,
  type TransportKind,
  type WorkerMessage,
} from '../shared/protocol.js';
import { RefTable } from '../shared/ref-table.js';
import { RemoteObject } from '../shared/remote-object.js';
import { AtomicsResponder } from './atomics-responder.js';
import type { Responder } from './responder.js';
import {
  selectTransport,
  type TransportChoice,
  type TransportOptions,
} from './select-transport.js';
import { ServiceWorkerResponder } from './service-worker-responder.js';

/** A main-thread function the worker calls by name. It may return a Promise: the worker blocks until it settles. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (...args: any[]) => unknown;

export interface ConnectOptions extends TransportOptions {
  /** Handlers by name; more can be added later with `host.handle()`. */
  handlers?: Record<string, Handler>;
  /** How long (ms) the worker waits for one answer before its call throws. Default 30 000. */
  timeout?: number;
  /** How long (ms) the worker may take to call `connectMain()` before `connect` rejects. Default: `timeout`. */
  startTimeout?: number;
  /** Atomics only: bytes of shared buffer; longer answers are sent in chunks. Default 1 MiB. */
  bufferSize?: number;
}

/** The page's side of a channel to one worker. */
export interface Host {
  readonly transport: TransportKind;
  readonly worker: Worker;
  /** Registers (or replaces) a handler. */
  handle(name: string, handler: Handler): void;
  /**
   * Until the current task ends, and for at most `ms` in all, each call the page makes to a
   * worker function blocks the page until the worker has run it — answering the worker's
   * calls meanwhile. So worker listeners of an event run while it is dispatched: they can
   * call `preventDefault()`, and what they send from `pagehide` leaves before the page goes
   * away. Atomics only (a page cannot read service-worker requests while it blocks):
   * returns false, and changes nothing, on the service-worker transport.
   */
  holdPage(ms: number): boolean;
  /** Blocking calls answered, posted calls run, and live references in each direction. */
  stats(): { calls: number; posted: number; lent: number; borrowed: number };
  /** Stops answering. Calls the worker makes afterwards time out; their messages are still kept from the application. */
  close(): void;
}

const DEFAULT_TIMEOUT = 30_000;

/**
 * Connects to a worker that calls `connectMain()`. Pass a function that creates the worker
 * when it may use the service-worker transport: the worker must be created after the
 * service worker is active to be controlled by it.
 * Rejects with an OffstageError: `no-sync-transport` (fall back to the main thread),
 * `not-controlled`, or `timeout` if the worker never calls `connectMain()`.
 */
export async function connect(
  worker: Worker | (() => Worker),
  options: ConnectOptions = {},
): Promise<Host> {
  const choice = await selectTransport(options);
  if (choice.kind === 'none') throw offstageError('no-sync-transport', choice.reason);
  const handlers = new Map(Object.entries(options.handlers ?? {}));
  // WebKit may start a worker uncontrolled when another page registered the same new
  // service worker a moment earlier; a worker we create ourselves gets a few more tries.
  const attempts = typeof worker === 'function' && choice.kind === 'service-worker' ? 4 : 1;
  for (let attempt = 1; ; attempt++) {
    const target = typeof worker === 'function' ? worker() : worker;
    try {
      return await start(target, choice, handlers, options);
    } catch (error) {
      if ((error as OffstageError).code !== 'not-controlled' || attempt === attempts) throw error;
      target.terminate();
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** One handshake with one worker over the chosen transport. */
async function start(
  target: Worker,
  choice: Exclude<TransportChoice, { kind: 'none' }>,
  handlers: Map<string, Handler>,
  options: ConnectOptions,
): Promise<Host> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const post = (message: PageMessage, transfer: Transferable[] = []) =>
    target.postMessage(message, transfer);

  let responder: Responder;
  let init: Init['transport'];
  if (choice.kind === 'atomics') {
    const atomics = new AtomicsResponder(options.bufferSize ?? 1 << 20);
    responder = atomics;
    init = { kind: 'atomics', buffer: atomics.buffer };
  } else {
    const channel = crypto.randomUUID();
    const { scope } = choice.registration;
    responder = new ServiceWorkerResponder(choice.registration, channel);
    init = { kind: 'service-worker', endpoint: new URL(Wire.SyncPath, scope).href, channel, scope };
  }

  const refs = new RefTable(
    (_id, kind) => (kind & RefKind.Function ? workerFunction() : new RemoteObject()),
    (released) => post({ offstage: 'release', refs: released }),
  );
  const encoder = new Encoder(refs);
  const decoder = new Decoder(refs);
  let calls = 0;
  let posted = 0;

  /** The worker call being answered right now, if any: the worker is blocked waiting for it. */
  let handling: number | undefined;
  /**
   * Spins until `done()` or `deadline`, answering the worker's calls from the shared buffer:
   * the page cannot receive messages while it blocks itself.
   */
  function answerUntil(done: () => boolean, deadline: number) {
    while (!done() && performance.now() < deadline) {
      const call = responder.poll();
      if (call !== undefined) onCall(call, undefined);
    }
  }

  /** While the page is held (see `holdPage`): when it stops waiting, and the invocations made. */
  let holdUntil = 0;
  let invocations = 0;
  let invoked = 0;

  /**
   * A worker function we hold: calling it runs it in the worker once it is free (fire and
   * forget) — or, while the page is held, before the call returns.
   */
  function workerFunction(): object {
    const fn = (...args: unknown[]) => {
      const encoded = encoder.encode([fn, args]);
      // Called while answering the worker (`el.click()` running its listeners): the worker
      // is blocked, waiting; it runs fn now, answering its calls meanwhile.
      const blocked = handling;
      if (blocked !== undefined && responder.startInvoke(blocked, encoded)) {
        return answerUntil(() => responder.invoked(blocked), performance.now() + timeout);
      }
      const body = encoded.slice().buffer;
      if (performance.now() >= holdUntil) return post({ offstage: 'invoke', body }, [body]);
      const wait = ++invocations;
      post({ offstage: 'invoke', body, wait }, [body]);
      answerUntil(() => invoked === wait, holdUntil);
    };
    return fn;
  }

  function reply(id: number, outcome: Outcome, value: unknown) {
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = encoder.encode(value, outcome);
    } catch (error) {
      body = encoder.encode(error, Outcome.Thrown);
    }
    responder.answer(id, body);
  }

  const builtins = new Map<string, Handler>([
    [Builtin.Posted, (batch: Uint8Array<ArrayBuffer>) => runPosted(batch)],
    [Builtin.Invoked, (wait: number) => void (invoked = wait)],
    [
      Builtin.Adopt,
      (id: number, name: unknown, args: unknown[]) => {
        let made: unknown;
        try {
          made = handler(name)(...args);
          if (Object(made) !== made)
            throw new TypeError(`${String(name)} made no object for reference #${id}`);
        } catch (error) {
          // Later calls that use it still find something (and fail visibly); this one is reported.
          made = Object(error) === error ? error : new Error(String(error));
          throw error;
        } finally {
          refs.adopt(id, made as object);
        }
      },
    ],
  ]);

  function handler(name: unknown): Handler {
    const fn = typeof name === 'string' ? (builtins.get(name) ?? handlers.get(name)) : name;
    if (typeof fn === 'function') return fn as Handler;
    const known = [...handlers.keys()].join(', ') || 'none';
    throw offstageError('unknown-handler', `no handler "${String(name)}" (registered: ${known})`);
  }

  /**
   * Runs an encoded batch of posted calls in order; nobody waits for them, so a failure goes
   * to the console. Each runs as soon as it is decoded: a call may make an
   * object (`Builtin.Adopt`) that the next ones refer to. A decoder per batch, since a call
   * may lead to another batch being run before this one ends (a held page).
   */
  function runPosted(batch: Uint8Array<ArrayBuffer>) {
    new Decoder(refs).decodeEach(batch, (call) => {
      const [name, args] = call as [unknown, unknown[]];
      posted++;
      try {
        const result = handler(name)(...args);
        if (result instanceof Promise) result.catch((error) => reportPosted(name, error));
      } catch (error) {
        reportPosted(name, error);
      }
    });
  }
  function reportPosted(name: unknown, error: unknown) {
    console.error(`Offstage: a call the worker posted to "${String(name)}" failed:`, error);
  }

  function onCall(id: number, body: ArrayBuffer | undefined) {
    const request = responder.request(id, body);
    if (!request) return; // the worker gave up on this call before we got to it
    calls++;
    let result: unknown;
    const outer = handling;
    try {
      const [, [name, args]] = decoder.decode(request) as [number, [unknown, unknown[]]];
      handling = id;
      result = handler(name)(...args);
    } catch (error) {
      return reply(id, Outcome.Thrown, error);
    } finally {
      handling = outer;
    }
    if (
      result instanceof Promise ||
      typeof (result as PromiseLike<unknown> | undefined)?.then === 'function'
    ) {
      Promise.resolve(result).then(
        (value) => reply(id, Outcome.Resolved, value),
        (error) => reply(id, Outcome.Rejected, error),
      );
    } else {
      reply(id, Outcome.Value, result);
    }
  }

  let listening = true;
  const onMessage = (event: MessageEvent<WorkerMessage>) => {
    const message = event.data;
    if (typeof message?.offstage !== 'string') return;
    // Offstage's messages never reach the application's listeners, even after close().
    event.stopImmediatePropagation();
    if (!listening) return;
    switch (message.offstage) {
      case 'call':
        return onCall(message.id, message.body);
      case 'post':
        return runPosted(new Uint8Array(message.body));
      case 'more':
        return responder.more(message.id);
      case 'release':
        return refs.release(message.refs);
      case 'ready':
        return onReady(message.error);
    }
  };
  target.addEventListener('message', onMessage);
  let onReady: (error?: { code: string; message: string }) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    const fail = (code: ErrorCode, message: string) => {
      listening = false;
      reject(new OffstageError(code, message));
    };
    const startTimeout = options.startTimeout ?? timeout;
    const timer = setTimeout(
      () => fail('timeout', `the worker did not call connectMain() within ${startTimeout} ms`),
      startTimeout,
    );
    const onError = (event: ErrorEvent) => {
      clearTimeout(timer);
      event.preventDefault();
      fail(
        'transport-failed',
        `the worker failed to start: ${event.message || 'script error (does its URL load?)'}`,
      );
    };
    target.addEventListener('error', onError, { once: true });
    onReady = (error) => {
      clearTimeout(timer);
      target.removeEventListener('error', onError);
      if (error) fail(error.code as ErrorCode, error.message);
      else resolve();
    };
  });
  target.postMessage({ offstage: 'init', timeout, transport: init } satisfies Init);
  await ready;

  return {
    transport: choice.kind,
    worker: target,
    handle: (name, handler) => void handlers.set(name, handler),
    holdPage(ms) {
      if (choice.kind !== 'atomics') return false;
      if (performance.now() >= holdUntil) setTimeout(() => (holdUntil = 0));
      holdUntil = Math.max(holdUntil, performance.now() + ms);
      return true;
    },
    stats: () => ({ calls, posted, ...refs.size }),
    close: () => {
      listening = false;
    },
  };
}
