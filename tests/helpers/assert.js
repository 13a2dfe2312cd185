import { difference } from './deep-equal.js';

export function ok(value, message = 'expected a truthy value') {
  if (!value) throw new Error(message);
}
export function equal(actual, expected, message = '') {
  if (!Object.is(actual, expected))
    throw new Error(`${message} expected ${fmt(expected)}, got ${fmt(actual)}`.trim());
}
export function deepEqual(actual, expected, message = '') {
  const d = difference(actual, expected);
  if (d)
    throw new Error(
      `${message} ${d}${Array.isArray(actual) && actual.length < 20 ? ` in ${JSON.stringify(actual)}` : ''}`.trim(),
    );
}
/** Awaits `promise` and checks that it rejected with the given fields (name, code, message substring). */
export async function rejects(promise, { name, code, includes } = {}) {
  let error;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  if (!error) throw new Error('expected a rejection, but it resolved');
  if (name !== undefined) equal(error.name, name, 'error name:');
  if (code !== undefined) equal(error.code, code, 'error code:');
  if (includes !== undefined)
    ok(String(error.message).includes(includes), `message "${error.message}" lacks "${includes}"`);
  return error;
}
const fmt = (v) =>
  typeof v === 'string' ? JSON.stringify(v) : typeof v === 'bigint' ? `${v}n` : String(v);
