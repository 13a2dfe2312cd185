import type { TransportKind } from '../../shared/channel/protocol.js';
import { registerServiceWorker } from './register-service-worker.js';

export interface TransportOptions {
  /**
   * `'auto'` (default): Atomics when the page is cross-origin isolated, else the service worker.
   */
  transport?: 'auto' | TransportKind;
  /**
   * Where the Offstage service worker is, and its scope. Defaults: `sw.js` beside this module, its
   * folder.
   */
  serviceWorker?: { url?: string | URL; scope?: string };
}

export type TransportChoice =
  | { kind: 'atomics' }
  | { kind: 'service-worker'; registration: ServiceWorkerRegistration }
  | { kind: 'none'; reason: string };

/**
 * Picks the synchronous transport this page can use, registering the service worker when
 * that is the one. Never throws: `{ kind: 'none', reason }` tells callers to fall back.
 */
export async function selectTransport(options: TransportOptions = {}): Promise<TransportChoice> {
  const wanted = options.transport ?? 'auto';
  if (wanted !== 'service-worker') {
    if (self.crossOriginIsolated && typeof SharedArrayBuffer === 'function')
      return { kind: 'atomics' };
    if (wanted === 'atomics') {
      return {
        kind: 'none',
        reason: 'Atomics was requested but the page is not cross-origin isolated',
      };
    }
  }
  if (!self.isSecureContext || !('serviceWorker' in navigator)) {
    return {
      kind: 'none',
      reason: 'the page is not cross-origin isolated and service workers are unavailable here',
    };
  }
  const url = options.serviceWorker?.url ?? new URL('./sw.js', import.meta.url);
  try {
    return {
      kind: 'service-worker',
      registration: await registerServiceWorker(url, options.serviceWorker?.scope),
    };
  } catch (error) {
    return {
      kind: 'none',
      reason: `registering the service worker ${url} failed (${(error as Error).message})`,
    };
  }
}
