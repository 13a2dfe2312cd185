import { offstageError } from '../../shared/errors.js';
import { trustedScriptUrl } from '../../shared/trusted-types.js';

/**
 * Registers the Offstage service worker and resolves once it is activated, so that a
 * worker created afterwards inside its scope is controlled — on the very first load too.
 */
export async function registerServiceWorker(
  url: string | URL,
  scope?: string,
): Promise<ServiceWorkerRegistration> {
  const registration = await navigator.serviceWorker.register(
    trustedScriptUrl(url),
    scope ? { scope } : {},
  );
  await activation(registration);
  // A page inside the scope is claimed on activation; wait for it, so blob: workers the
  // page creates inherit the controller.
  if (location.href.startsWith(registration.scope) && !navigator.serviceWorker.controller) {
    await new Promise<void>((resolve) => {
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true });
      setTimeout(resolve, 3000);
    });
  }
  return registration;
}

/** Follows the newest worker of the registration (not whichever is active now) to `activated`. */
function activation(registration: ServiceWorkerRegistration): Promise<void> {
  return new Promise((resolve, reject) => {
    const follow = () => {
      const worker = registration.installing ?? registration.waiting ?? registration.active;
      if (!worker)
        return reject(offstageError('no-sync-transport', 'the service worker failed to install'));
      const check = () => {
        if (worker.state === 'activated') return resolve();
        if (worker.state === 'redundant') return follow(); // replaced by a newer one, or failed
        worker.addEventListener('statechange', check, { once: true });
      };
      check();
    };
    follow();
  });
}
