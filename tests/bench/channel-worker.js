// Benchmark worker, on the production build. Each measurement: `batches` batches of
// `perBatch` round trips; a batch's mean per call is one sample (browsers coarsen
// performance.now(), so single calls are too short to time alone).
import { connectMain } from '/dist/worker.js';

const main = connectMain();

function measure(roundTrips, { batches, perBatch }) {
  // Batches of each kind alternate, so that noise from the shared machine hits all alike.
  const samples = roundTrips.map(() => []);
  for (const roundTrip of roundTrips) for (let i = 0; i < perBatch; i++) roundTrip(); // warm up
  for (let b = 0; b < batches; b++) {
    roundTrips.forEach((roundTrip, k) => {
      const start = performance.now();
      for (let i = 0; i < perBatch; i++) roundTrip();
      samples[k].push(((performance.now() - start) * 1000) / perBatch);
    });
  }
  return samples.map((s) => {
    s.sort((x, y) => x - y);
    return {
      medianUs: s[s.length >> 1],
      p90Us: s[Math.floor(s.length * 0.9)],
      calls: batches * perBatch,
    };
  });
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
  const floor = rawFlag ? rawAtomics(new Int32Array(rawFlag)) : rawServiceWorker(rawUrl);
  const results = {};
  [results.floor, results.noop] = measure([floor, () => m.call('noop')], sizes.small);
  for (const name of ['ascii100k', 'text100k', 'bytes1m']) {
    const length = m.call(name).length;
    if (length !== (name === 'bytes1m' ? 1 << 20 : 100_000)) throw new Error(`bad ${name} answer`);
    [results[name]] = measure([() => m.call(name)], sizes.large);
  }
  return results;
}
