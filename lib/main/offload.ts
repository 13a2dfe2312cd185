import { OffstageError } from '../shared/errors.js';
import { connect, type Host } from './connect.js';
import { installForwards, type Forwarder, type ForwardEntry } from './forward.js';
import { remoteAccess } from './remote-access.js';
import { runOnMainThread, SELECTOR } from './run-on-main-thread.js';

export interface OffloadOptions {
  /** Where Offstage's files are served: `sw.js`, `offstage-worker.js`. Default `/~offstage/`. */
  lib?: string;
  /** How long (ms) the worker may take to start before the scripts run on the main thread instead. Default 9000. */
  fallbackTimeout?: number;
  /** Which synchronous transport to use; `'auto'` (default) picks the best available. */
  transport?: 'auto' | 'atomics' | 'service-worker';
  /**
   * Paths on `window` whose calls on the page go to the worker (`['dataLayer.push', 'fbq']`);
   * `[path, { preserveBehavior: true }]` also runs the page's original.
   */
  forward?: ForwardEntry[];
  /** @internal The snippet installs the stubs before the page's own code runs. */
  forwarder?: Forwarder;
}

export interface Offload {
  /** `'worker'` when the scripts run offloaded, `'main-thread'` when they fell back. */
  readonly where: 'worker' | 'main-thread';
  /** Why they fell back, if they did. */
  readonly reason?: string;
  readonly host?: Host;
}


/**
 * Runs the page's `<script type="text/offstage">` scripts in a worker, in document order,
 * and those added later too. Where no synchronous transport exists, or the worker does not
 * start in time, they run on the main thread instead — each once, in order.
 */
export async function offload(options: OffloadOptions = {}): Promise<Offload> {
  const lib = new URL(options.lib ?? '/~offstage/', location.href).href;
  const forwarder = options.forwarder ?? installForwards(options.forward);
  let host: Host;
  try {
    host = await connect(() => new Worker(new URL('offstage-worker.js', lib)), {
      handlers: {
        ...remoteAccess,
        'offstage:watch': (deliver: (scripts: unknown[]) => void) => watch(deliver),
        'offstage:forward': (receive: (path: string, args: unknown[]) => void) => forwarder.drain(receive),
        'offstage:error': (script: string, cause: string) => console.error(`Offstage: ${script} failed in the worker: ${cause}`),
      },
      serviceWorker: { url: new URL('sw.js', lib), scope: lib },
      timeout: options.fallbackTimeout ?? 9000,
      transport: options.transport,
    });
  } catch (error) {
    const reason = error instanceof OffstageError ? `${error.code}: ${error.message}` : String(error);
    await runOnMainThread(forwarder);
    return { where: 'main-thread', reason };
  }
  return { where: 'worker', host };
}

/** Hands the worker every offloaded script now in the page, and each one added later. */
function watch(deliver: (scripts: unknown[]) => void): void {
  const take = () => {
    const scripts = [...document.querySelectorAll<HTMLScriptElement>(SELECTOR)].map((element) => {
      element.dataset.offstage = 'queued';
      return element.src ? { element, src: element.src } : { element, text: element.text };
    });
    if (scripts.length) deliver(scripts);
  };
  take();
  new MutationObserver(take).observe(document, { childList: true, subtree: true });
}
