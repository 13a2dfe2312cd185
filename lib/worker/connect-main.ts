import { Decoder, Encoder } from '../shared/codec.js';
import { offstageError, type OffstageError } from '../shared/errors.js';
import {
  Layout,
  Outcome,
  type Init,
  type PageMessage,
  type TransportKind,
  type WorkerMessage,
} from '../shared/protocol.js';
import { RefTable } from '../shared/ref-table.js';
import { RemoteObject } from '../shared/remote-object.js';
import { AtomicsWaiter } from './atomics-waiter.js';
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
}

/**
 * Waits for the page's `connect()` and returns the channel. Call it during the worker's
 * first task (at top level), so that its listener is there when the page's first message
 * arrives. The page's message carries `offstage: 'init'`; the worker's own handlers may
 * ignore it.
 */
export function connectMain(): Promise<MainThread> {
  return new Promise((resolve, reject) => {
    const onInit = (event: MessageEvent) => {
      const init = event.data as Init | undefined;
      if (init?.offstage !== 'init') return;
      self.removeEventListener('message', onInit);
      try {
        resolve(open(init));
      } catch (error) {
        reject(error);
      }
    };
    self.addEventListener('message', onInit);
  });
}

function open(init: Init): MainThread {
  const { port, timeout, transport } = init;
  const post = (message: WorkerMessage, transfer: Transferable[] = []) => port.postMessage(message, transfer);
  const refs = new RefTable(
    (id, isFunction) => (isFunction ? remoteFunction() : new RemoteObject()),
    (released) => post({ k: 'release', refs: released }),
  );
  const encoder = new Encoder(refs);
  const decoder = new Decoder(refs);
  let waiter: Waiter;
  let nextId = 0;

  /** A page function we hold a reference to: calling it is a synchronous call like any other. */
  function remoteFunction(): object {
    const fn = (...args: unknown[]) => send(fn, args);
    return fn;
  }

  function send(target: unknown, args: unknown[]): unknown {
    const id = (nextId = (nextId + 1) & Layout.IdLimit);
    const body = encoder.encode([target, args]).buffer as ArrayBuffer;
    waiter.begin(id);
    post({ k: 'call', id, body }, [body]);
    const [outcome, value] = decoder.decode(waiter.wait(id, timeout));
    if (outcome === Outcome.Thrown) throw value;
    return value;
  }

  port.onmessage = (event: MessageEvent<PageMessage>) => {
    const message = event.data;
    if (message.k === 'release') return refs.release(message.refs);
    const [, [fn, args]] = decoder.decode(new Uint8Array(message.body)) as [number, [(...a: unknown[]) => unknown, unknown[]]];
    fn(...args);
  };

  if (transport.kind === 'atomics') {
    waiter = new AtomicsWaiter(transport.buffer, (id) => post({ k: 'more', id }));
  } else {
    const sw = new ServiceWorkerWaiter(transport.endpoint, transport.channel);
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
      post({ k: 'ready', error: { code: (error as OffstageError).code, message: (error as Error).message } });
      throw error;
    }
  }
  post({ k: 'ready' });
  return {
    transport: transport.kind,
    call: (name, ...args) => send(name, args) as never,
  };
}
