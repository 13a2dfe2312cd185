/**
 * Calls the function at `path` (`'dataLayer.push'`) under `root`, with its owner as `this`,
 * and returns what it returns: how forwarded calls are delivered in the worker and replayed
 * by the main-thread fallback, and how `offstage.callPage()` reaches page APIs.
 */
export function callPath(root: object, path: string, args: unknown[]): unknown {
  const names = path.split('.');
  const last = names.pop()!;
  let owner = root as Record<string, unknown>;
  for (const name of names) owner = owner?.[name] as Record<string, unknown>;
  const fn = owner?.[last];
  if (typeof fn !== 'function') throw new TypeError(`${path} is not a function`);
  return fn.apply(owner, args);
}
