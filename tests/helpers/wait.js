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
