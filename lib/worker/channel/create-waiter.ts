import { offstageError } from '../../shared/errors.js';
import type { Init, WorkerMessage } from '../../shared/channel/protocol.js';
import { AtomicsWaiter } from './atomics-waiter.js';
import { ServiceWorkerWaiter } from './service-worker-waiter.js';
import type { Waiter } from './waiter.js';

/**
 * The worker's half of the transport the page chose. The service worker's is probed first:
 * it must be the very instance the page answers through (throws `not-controlled` if not).
 */
export function createWaiter(
  transport: Init['transport'],
  post: (message: WorkerMessage, transfer?: Transferable[]) => void,
  /** Runs an encoded `[fn, args]` the page hands over while a call waits (Atomics only). */
  invoke: (body: Uint8Array<ArrayBuffer>) => void,
): Waiter {
  if (transport.kind === 'atomics') return new AtomicsWaiter(transport.buffer, post, invoke);
  const waiter = new ServiceWorkerWaiter(transport.endpoint, transport.channel, post);
  const scope = waiter.probe();
  if (scope !== transport.scope) {
    throw offstageError(
      'not-controlled',
      `the worker's service worker has the scope ${scope}, the page's ${transport.scope}`,
    );
  }
  return waiter;
}
