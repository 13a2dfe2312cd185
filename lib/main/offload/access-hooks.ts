import type { UrlType } from '../../shared/offload/protocol.js';
import { Access, type AccessHandlers, type ReadAheadGroup } from '../../shared/proxy/protocol.js';
import { entries, own, primitives } from '../proxy/remote-access.js';

/** What a hook is told about an access (Partytown's hook options, on the page). */
export interface HookOptions {
  /**
   * The property or method name; for the window's own objects (`WINDOW_OBJECTS`), its path
   * from the window, as Partytown gives it: `'localStorage.getItem'`, `'history.pushState'`.
   */
  name: string;
  /** Return this to let the access go ahead unchanged. */
  continue: symbol;
  /** `set` only: return this to drop the write. */
  prevent: symbol;
  /** The page object accessed (the window, for its own objects), its `nodeName` and constructor name. */
  instance: object;
  nodeName: string | undefined;
  constructor: string | undefined;
  window: Window;
  /** `set`: the value being written. `apply`: the arguments. */
  value?: unknown;
  args?: unknown[];
}
export type AccessHook = (options: HookOptions) => unknown;

export type ResolveUrl = (
  url: URL,
  location: Location,
  type: UrlType,
) => URL | string | undefined | null;

export interface AccessHooks {
  get?: AccessHook;
  set?: AccessHook;
  apply?: AccessHook;
  resolveUrl?: ResolveUrl;
}

/**
 * The window's objects that Partytown reaches by a path from the window rather than as
 * objects of their own: hooks see an access to one as the window's, named by the path.
 */
const WINDOW_OBJECTS = [
  'localStorage',
  'sessionStorage',
  'history',
  'screen',
  'navigator',
  'location',
  'performance',
  'visualViewport',
  'crypto',
  'crypto.subtle',
];

/** Each of the window's objects, by identity, to its path (read when a hook first runs). */
function windowPaths(): WeakMap<object, string> {
  const paths = new WeakMap<object, string>();
  for (const path of WINDOW_OBJECTS) {
    try {
      const value = path
        .split('.')
        .reduce<unknown>((o, name) => (o as Record<string, unknown>)?.[name], window);
      if (value && typeof value === 'object') paths.set(value, path);
    } catch {
      // A storage the browser refuses (blocked cookies): not one of them.
    }
  }
  return paths;
}

const CONTINUE = Symbol('continue');
const PREVENT = Symbol('prevent');

/**
 * Wraps the remote-access handlers with what the page does around the worker's accesses:
 * the `get`/`set`/`apply` hooks of the config (Partytown's, but run here on the page with
 * the page's objects — nothing is sent to the worker as code), and `resolveUrl` for the
 * `src` of images and iframes the scripts load. Reads the worker answers itself (methods it
 * knows, `document` read once) never reach the hooks.
 */
export function hookAccess(
  access: AccessHandlers,
  { get, set, apply, resolveUrl }: AccessHooks,
): AccessHandlers {
  let paths: WeakMap<object, string> | undefined;
  const options = (target: object, key: string): HookOptions => {
    const path = (paths ??= windowPaths()).get(target);
    const instance = path === undefined ? target : window;
    return {
      name: path === undefined ? key : `${path}.${key}`,
      continue: CONTINUE,
      prevent: PREVENT,
      instance,
      nodeName: (instance as Partial<Node>).nodeName,
      constructor: (instance as { constructor?: { name?: string } }).constructor?.name,
      window,
    };
  };
  const hooked = { ...access };
  if (get) {
    Object.assign(
      hooked,
      readingThrough((target, key) => {
        const result = get(options(target, key));
        return result === CONTINUE ? access[Access.Get](target, key) : result;
      }),
    );
  }
  if (set || resolveUrl) {
    hooked[Access.Set] = (target: object, key: string, value: unknown) => {
      if (resolveUrl && key === 'src' && typeof value === 'string') {
        const type: UrlType | undefined =
          target instanceof HTMLImageElement
            ? 'image'
            : target instanceof HTMLIFrameElement
              ? 'iframe'
              : undefined;
        if (type)
          value = String(resolveUrl(new URL(value, location.href), location, type) ?? value);
      }
      const result = set ? set({ ...options(target, key), value }) : CONTINUE;
      if (result === PREVENT) return true;
      return access[Access.Set](target, key, result === CONTINUE ? value : result);
    };
  }
  if (apply) {
    hooked[Access.Method] = (target: object, key: string, args: unknown[]) => {
      const result = apply({ ...options(target, key), args });
      return result === CONTINUE ? access[Access.Method](target, key, args) : result;
    };
    // All of a storage area's items at once would read past the hook: each `getItem` goes
    // through it instead.
    hooked[Access.Items] = () => null;
  }
  return hooked;
}

/**
 * The handlers that read a page object's properties, each read made by `read` (a hook, a
 * policy): the values an enumeration or a descriptor brings along too, and a read-ahead reads
 * only the key asked for, so that `read` sees the reads the script makes.
 */
export function readingThrough(
  read: (target: object, key: string) => unknown,
): Pick<AccessHandlers, Access.Get | Access.Entries | Access.Own | Access.ReadAhead> {
  const unread = Symbol();
  return {
    [Access.Get]: read,
    [Access.Entries]: (target) => entries(target, (key) => read(target, key)),
    [Access.Own]: (target, key) => own(target, key, () => read(target, key)),
    [Access.ReadAhead]: (target: object, key: string, groups: ReadAheadGroup[]) =>
      groups.map(([object, keys]) =>
        primitives(
          keys,
          (each) => (object === target && each === key ? read(target, key) : unread),
          true,
        ),
      ),
  };
}
