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
 * Calls the function at `path` under `root`, with its owner as `this`: how forwarded calls
 * are delivered in the worker and replayed by the main-thread fallback.
 */
export function callPath(root: object, path: string, args: unknown[]): void {
  const [owner, key] = methodAt(root, path);
  (owner[key] as (...a: unknown[]) => unknown).apply(owner, args);
}
