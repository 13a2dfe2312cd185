import type { UrlType } from '../../shared/offload/protocol.js';
import { Access, type AccessHandlers } from '../../shared/proxy/protocol.js';
import { entries } from '../proxy/remote-access.js';

/** What a hook is told about an access (Partytown's hook options, on the page). */
export interface HookOptions {
  /** The property or method name. */
  name: string;
  /** Return this to let the access go ahead unchanged. */
  continue: symbol;
  /** `set` only: return this to drop the write. */
  prevent: symbol;
  /** The page object accessed, and its `nodeName` and constructor name. */
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
  const options = (instance: object, name: string): HookOptions => ({
    name,
    continue: CONTINUE,
    prevent: PREVENT,
    instance,
    nodeName: (instance as Partial<Node>).nodeName,
    constructor: (instance as { constructor?: { name?: string } }).constructor?.name,
    window,
  });
  const hooked = { ...access };
  if (get) {
    hooked[Access.Get] = (target: object, key: string) => {
      const result = get(options(target, key));
      return result === CONTINUE ? access[Access.Get](target, key) : result;
    };
    // The values an enumeration brings along go through the hook too.
    hooked[Access.Entries] = (target: object) =>
      entries(target, (key) => hooked[Access.Get](target, key));
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
  }
  return hooked;
}
