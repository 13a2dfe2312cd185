import { offstageError } from '../../shared/errors.js';
import { SyncParam, Wire, type WorkerMessage } from '../../shared/channel/protocol.js';
import { xhr_ } from './original-globals.js';
import type { Waiter } from './waiter.js';

/**
 * Blocks in a synchronous XHR that the Offstage service worker holds open until the page
 * has posted it the answer. The page gets the request straight from the worker's port, in
 * parallel with the XHR, so the only extra hop over a bare service-worker round trip is the
 * page's postMessage to the service worker.
 */
export class ServiceWorkerWaiter implements Waiter {
  readonly #endpoint: string;
  readonly #channel: string;
  readonly #post: (message: WorkerMessage, transfer?: Transferable[]) => void;
  constructor(
    endpoint: string,
    channel: string,
    post: (message: WorkerMessage, transfer?: Transferable[]) => void,
  ) {
    this.#endpoint = endpoint;
    this.#channel = channel;
    this.#post = post;
  }

  /** Start-up check that a service worker (not the network) answers us; returns its scope. */
  probe(): string {
    const xhr = this.#get(`${SyncParam.Probe}=1`, 10_000, 'text');
    if (xhr.status === 409) {
      throw offstageError(
        'not-controlled',
        'another version of the service worker controls the worker',
      );
    }
    if (xhr.status !== 200 || xhr.getResponseHeader(Wire.AnswerHeader) !== '1') {
      throw offstageError(
        'not-controlled',
        `${this.#endpoint} answered HTTP ${xhr.status} instead of the service worker`,
      );
    }
    return xhr.responseText;
  }

  roundTrip(
    id: number,
    request: Uint8Array<ArrayBuffer>,
    timeout: number,
    posted?: ArrayBuffer,
  ): Uint8Array<ArrayBuffer> {
    const body = request.slice().buffer;
    this.#post({ offstage: 'call', id, body, posted }, posted ? [body, posted] : [body]);
    const xhr = this.#get(
      `${SyncParam.Id}=${id}&${SyncParam.Timeout}=${timeout}`,
      timeout + 1000,
      'arraybuffer',
    );
    if (xhr.status === 200 && xhr.getResponseHeader(Wire.AnswerHeader) === '1') {
      return new Uint8Array(xhr.response as ArrayBuffer);
    }
    if (xhr.status === 504) throw offstageError('timeout', `no answer within ${timeout} ms`);
    throw offstageError('transport-failed', `the sync request answered HTTP ${xhr.status}`);
  }

  #get(query: string, timeout: number, type: XMLHttpRequestResponseType): XMLHttpRequest {
    const xhr = new XMLHttpRequest();
    xhr_.open.call(
      xhr,
      'GET',
      `${this.#endpoint}?${SyncParam.Channel}=${this.#channel}&${query}`,
      false,
    );
    xhr_.responseType.call(xhr, type);
    xhr_.timeout.call(xhr, timeout);
    try {
      xhr_.send.call(xhr);
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError') throw offstageError('timeout', `no answer within ${timeout} ms`);
      throw offstageError('transport-failed', `${name}: ${(error as Error).message}`);
    }
    return xhr;
  }
}
