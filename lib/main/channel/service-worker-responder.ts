import type { ServiceWorkerMessage } from '../../shared/channel/protocol.js';
import type { Responder } from './responder.js';

/** Posts answers to the Offstage service worker, which completes the worker's pending XHR. */
export class ServiceWorkerResponder implements Responder {
  readonly #registration: ServiceWorkerRegistration;
  readonly #channel: string;
  constructor(registration: ServiceWorkerRegistration, channel: string) {
    this.#registration = registration;
    this.#channel = channel;
    this.#post({ k: 'open', channel });
  }

  request(_id: number, body: ArrayBuffer | undefined): Uint8Array<ArrayBuffer> | undefined {
    return body && new Uint8Array(body);
  }

  answer(id: number, body: Uint8Array<ArrayBuffer>): void {
    const buffer = body.slice().buffer;
    this.#post({ k: 'answer', channel: this.#channel, id, body: buffer }, [buffer]);
  }

  more(): void {}

  poll(): undefined {
    return undefined;
  }

  startInvoke(): boolean {
    return false;
  }

  invoked(): boolean {
    return true;
  }

  #post(message: ServiceWorkerMessage, transfer: Transferable[] = []) {
    const { active, waiting, installing } = this.#registration;
    (active ?? waiting ?? installing)?.postMessage(message, transfer);
  }
}
