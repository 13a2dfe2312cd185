import { sleep } from './channel.js';

/** Waits until `read()` is truthy, or `timeout` ms pass; returns its last value. */
export async function until(read, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let value;
  while (!(value = await read()) && Date.now() < deadline) await sleep(20);
  return value;
}

/** The hits the test server's collector recorded under `key` once there are `count` (or `timeout` ms pass), then after `settle` ms more. */
export async function collected(key, count, { timeout = 5000, settle = 0 } = {}) {
  const hits = async () => (await fetch(`/collected/${key}`)).json();
  await until(async () => (await hits()).length >= count, timeout);
  if (settle) await sleep(settle); // anything sent twice would arrive now
  return hits();
}

/**
 * Loads `src` in a frame and resolves with the `field` of the first message it posts with
 * one; the frame is removed then.
 */
export function frameReport(src, field) {
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    addEventListener('message', function listen(event) {
      if (event.source !== frame.contentWindow || !event.data?.[field]) return;
      removeEventListener('message', listen);
      frame.remove();
      resolve(event.data[field]);
    });
    frame.src = src;
    document.body.append(frame);
  });
}

/**
 * The `result`s that pages (tabs, frames) post as `{ tab: name, result }`, by name, once each
 * of `names` has posted one. `{ tab, stage }` messages say what happened on the way: the
 * error names them for a page that never reports.
 */
export function tabReports(names, timeout = 30_000) {
  const results = {};
  const stages = {};
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const missing = names.filter((n) => !results[n]);
      const where = missing.map((n) => `${n}${stages[n] ?? ''}`);
      reject(new Error(`no report from ${where.join(', ')}`));
    }, timeout);
    addEventListener('message', function listen({ data }) {
      if (!names.includes(data?.tab)) return;
      if (data.stage) return void (stages[data.tab] = `${stages[data.tab] ?? ''} | ${data.stage}`);
      results[data.tab] = data.result;
      if (names.every((n) => results[n])) {
        removeEventListener('message', listen);
        clearTimeout(timer);
        resolve(results);
      }
    });
  });
}
