/**
 * The object holding the function at `path` (`'dataLayer.push'`) under `root`, and the
 * function's name there (how `offstage.callPage()` finds page APIs). Throws a TypeError if
 * there is no function at `path`.
 */
export function methodAt(
  root: object,
  path: string,
): [owner: Record<string, unknown>, key: string] {
  const names = path.split('.');
  const key = names.pop()!;
  let owner = root as Record<string, unknown>;
  for (const name of names) owner = owner?.[name] as Record<string, unknown>;
  if (typeof owner?.[key] !== 'function') throw new TypeError(`${path} is not a function`);
  return [owner, key];
}

/**
 * What a page's own snippet makes for a `forward` path's missing owners (`window.dataLayer =
 * window.dataLayer || []`): an Array where `push` follows, so that calls queue in it, else an
 * object. `next` is the name that follows.
 */
export const emptyOwner = (next: string): object => (next === 'push' ? [] : {});

/**
 * Calls the function at `path` under `root`, with its owner as `this`: how forwarded calls
 * are delivered in the worker and replayed by the main-thread fallback. Missing owners are
 * made as a page's snippet would make them (`emptyOwner`), so that `dataLayer.push` before any
 * script made `dataLayer` queues the call in a new Array, as on a page. False, and nothing
 * called, if there is no function at `path` (yet).
 */
export function callPath(root: object, path: string, args: unknown[]): boolean {
  const names = path.split('.');
  const key = names.pop()!;
  let owner = root as Record<string, unknown>;
  names.forEach((name, i) => {
    owner = (owner[name] ??= emptyOwner(names[i + 1] ?? key)) as Record<string, unknown>;
  });
  const fn = owner[key];
  if (typeof fn !== 'function') return false;
  fn.apply(owner, args);
  return true;
}
