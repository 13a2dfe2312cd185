import type { Handler, Handlers } from '../../shared/channel/handlers.js';
import { OffstageError, offstageError, type ErrorCode } from '../../shared/errors.js';
import type { Init, TransportKind } from '../../shared/channel/protocol.js';
import { createResponder } from './create-responder.js';
import { PageChannel } from './page-channel.js';
import {
  selectTransport,
  type TransportChoice,
  type TransportOptions,
} from './select-transport.js';

export type { Handler, Handlers };

export interface ConnectOptions<H extends object = Handlers> extends TransportOptions {
  /** Handlers by name; more can be added later with `host.handle()`. */
  handlers?: H;
  /** How long (ms) the worker waits for one answer before its call throws. Default 30 000. */
  timeout?: number;
  /**
   * How long (ms) the worker may take to call `connectMain()` before `connect` rejects. Default:
   * `timeout`.
   */
  startTimeout?: number;
  /** Atomics only: bytes of shared buffer; longer answers are sent in chunks. Default 1 MiB. */
  bufferSize?: number;
  /**
   * Run on every page object as it is lent to the worker, and each time the worker names one
   * in a call: throwing refuses it, and the worker's call throws that error. How a page keeps
   * a worker from objects it must not reach, whatever path led there.
   */
  guard?: (value: object) => void;
}

/** The page's side of a channel to one worker. */
export interface Host<H extends object = Handlers> {
  readonly transport: TransportKind;
  readonly worker: Worker;
  /** Registers (or replaces) a handler. */
  handle<K extends keyof H & string>(name: K, handler: H[K]): void;
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
  /**
   * Stops answering. Calls the worker makes afterwards time out; their messages are still kept from
   * the application.
   */
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
export async function connect<H extends object = Handlers>(
  worker: Worker | (() => Worker),
  options: ConnectOptions<H> = {},
): Promise<Host<H>> {
  const choice = await selectTransport(options);
  if (choice.kind === 'none') throw offstageError('no-sync-transport', choice.reason);
  // WebKit may start a worker uncontrolled when another page registered the same new
  // service worker a moment earlier; a worker we create ourselves gets a few more tries.
  const attempts = typeof worker === 'function' && choice.kind === 'service-worker' ? 4 : 1;
  for (let attempt = 1; ; attempt++) {
    const target = typeof worker === 'function' ? worker() : worker;
    try {
      return await handshake<H>(target, choice, options);
    } catch (error) {
      if ((error as OffstageError).code !== 'not-controlled' || attempt === attempts) throw error;
      target.terminate();
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

/** One handshake with one worker over the chosen transport. */
async function handshake<H extends object>(
  target: Worker,
  choice: Exclude<TransportChoice, { kind: 'none' }>,
  options: ConnectOptions<H>,
): Promise<Host<H>> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const { responder, init } = createResponder(choice, options.bufferSize ?? 1 << 20);
  const channel = new PageChannel(
    target,
    responder,
    options.handlers ?? {},
    timeout,
    options.guard,
  );
  const startTimeout = options.startTimeout ?? timeout;
  const ready = new Promise<void>((resolve, reject) => {
    const fail = (error: OffstageError) => {
      channel.close();
      reject(error);
    };
    const timer = setTimeout(
      () =>
        fail(
          offstageError(
            'timeout',
            `the worker did not call connectMain() within ${startTimeout} ms`,
          ),
        ),
      startTimeout,
    );
    const onError = (event: ErrorEvent) => {
      clearTimeout(timer);
      event.preventDefault();
      const cause = event.message || 'script error (does its URL load?)';
      fail(offstageError('transport-failed', `the worker failed to start: ${cause}`));
    };
    target.addEventListener('error', onError, { once: true });
    channel.onReady = (error) => {
      // Once: a worker that says `ready` again (or says it failed, later) changes nothing.
      channel.onReady = () => {};
      clearTimeout(timer);
      target.removeEventListener('error', onError);
      // The worker's own OffstageError, its message as it made it.
      if (error) fail(new OffstageError(error.code as ErrorCode, error.message));
      else resolve();
    };
  });
  target.postMessage({ offstage: 'init', timeout, transport: init } satisfies Init);
  await ready;

  return {
    transport: choice.kind,
    worker: target,
    handle: (name, handler) => channel.handlers.set(name, handler as Handler),
    holdPage(ms) {
      if (choice.kind !== 'atomics') return false;
      channel.hold.extend(ms);
      return true;
    },
    stats: () => ({ calls: channel.calls, posted: channel.posted, ...channel.references }),
    close: () => channel.close(),
  };
}
