import { Wire, type Init } from '../../shared/channel/protocol.js';
import { AtomicsResponder } from './atomics-responder.js';
import type { Responder } from './responder.js';
import type { TransportChoice } from './select-transport.js';
import { ServiceWorkerResponder } from './service-worker-responder.js';

/** The page's half of the chosen transport, and what the worker needs to make its half. */
export function createResponder(
  choice: Exclude<TransportChoice, { kind: 'none' }>,
  bufferSize: number,
): { responder: Responder; init: Init['transport'] } {
  if (choice.kind === 'atomics') {
    const responder = new AtomicsResponder(bufferSize);
    return { responder, init: { kind: 'atomics', buffer: responder.buffer } };
  }
  const channel = crypto.randomUUID();
  const { scope } = choice.registration;
  return {
    responder: new ServiceWorkerResponder(choice.registration, channel),
    init: {
      kind: 'service-worker',
      endpoint: new URL(Wire.SyncPath, scope).href,
      channel,
      scope,
    },
  };
}
