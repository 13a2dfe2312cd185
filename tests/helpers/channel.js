import { connect } from '/dist/debug/main.js';

/** The transport a test page should get: Atomics when served cross-origin isolated. */
export const expectedTransport = self.crossOriginIsolated ? 'atomics' : 'service-worker';
export const serviceWorker = { url: '/dist/debug/sw.js', scope: '/tests/fixtures/' };
export const WORKER = '/tests/fixtures/channel-worker.js';

/** Connects a fresh channel worker; `run(routine, ...args)` runs one of its routines. */
export async function openChannel({ handlers = {}, url = WORKER, ...options } = {}) {
  let worker;
  const host = await connect(() => (worker = new Worker(url, { type: 'module' })), {
    serviceWorker,
    handlers,
    ...options,
  });
  return {
    host,
    worker,
    run: runner(worker),
    close() {
      host.close();
      worker.terminate();
    },
  };
}

export function runner(worker) {
  let next = 0;
  const pending = new Map();
  worker.addEventListener('message', ({ data }) => {
    const p = pending.get(data?.id);
    if (!p) return;
    pending.delete(data.id);
    if (data.error) p.reject(Object.assign(new Error(data.error.message), data.error));
    else p.resolve(data.value);
  });
  return (routine, ...args) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, routine, args });
    });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The errors and unhandled rejections this page sees while `run` runs. */
export async function pageErrors(run) {
  const errors = [];
  const onError = (e) => errors.push(String(e.reason ?? e.message));
  addEventListener('unhandledrejection', onError);
  addEventListener('error', onError);
  try {
    await run();
  } finally {
    removeEventListener('unhandledrejection', onError);
    removeEventListener('error', onError);
  }
  return errors;
}
