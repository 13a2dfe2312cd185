// Benchmark worker, on the production build. Each measurement: `batches` batches of
// `perBatch` round trips; a batch's mean per call is one sample (browsers coarsen
// performance.now(), so single calls are too short to time alone).
import { connectMain } from '/dist/worker.js';

const main = connectMain();

function measure(roundTrip, { batches, perBatch }) {
  for (let i = 0; i < perBatch; i++) roundTrip(); // warm up
  const samples = [];
  for (let b = 0; b < batches; b++) {
    const start = performance.now();
    for (let i = 0; i < perBatch; i++) roundTrip();
    samples.push(((performance.now() - start) * 1000) / perBatch);
  }
  samples.sort((x, y) => x - y);
  return { medianUs: samples[samples.length >> 1], p90Us: samples[Math.floor(samples.length * 0.9)], calls: batches * perBatch };
}

/** The floor under Atomics: a bare postMessage to the page, which answers with Atomics.notify. */
function rawAtomics(flag) {
  return () => {
    Atomics.store(flag, 0, 0);
    postMessage('ping');
    Atomics.wait(flag, 0, 0);
  };
}

/** The floor under a service worker: a sync XHR that the service worker answers at once. */
function rawServiceWorker(url) {
  return () => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url, false);
    xhr.send();
  };
}

self.addEventListener('message', async ({ data }) => {
  if (!data?.bench) return;
  try {
    postMessage({ results: run(await main, data.bench), transport: (await main).transport });
  } catch (error) {
    postMessage({ error: String(error) });
  }
});

function run(m, { sizes, rawFlag, rawUrl }) {
  const results = {};
  if (rawFlag) results.floor = measure(rawAtomics(new Int32Array(rawFlag)), sizes.small);
  if (rawUrl) results.floor = measure(rawServiceWorker(rawUrl), sizes.small);
  results.noop = measure(() => m.call('noop'), sizes.small);
  for (const name of ['ascii100k', 'text100k']) {
    if (m.call(name).length !== 100_000) throw new Error(`bad ${name} string`);
    results[name] = measure(() => m.call(name), sizes.large);
  }
  const bytes = m.call('bytes1m');
  if (bytes.length !== 1 << 20) throw new Error('bad 1 MB array');
  results.bytes1m = measure(() => m.call('bytes1m'), sizes.large);
  return results;
}
