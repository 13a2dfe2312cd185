// scripts/soak.mjs's worker: round trips, or page objects referenced and dropped, on request.
import { connectMain } from '/dist/worker.js';

const ready = connectMain();
addEventListener('message', async (event) => {
  const { routine, count } = event.data ?? {};
  if (!routine) return;
  const main = await ready;
  const started = performance.now();
  if (routine === 'calls') for (let i = 0; i < count; i++) main.call('noop');
  if (routine === 'objects') for (let i = 0; i < count; i++) main.call('make');
  // Let the FinalizationRegistry run once collected (scripts/soak.mjs collects garbage).
  if (routine === 'settle') await new Promise((resolve) => setTimeout(resolve, count));
  postMessage({ soaked: performance.now() - started });
});
