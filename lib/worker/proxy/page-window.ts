import { Access } from '../../shared/proxy/protocol.js';
import type { AnyMainThread } from '../channel/main-thread.js';

/**
 * The page's window as a proxy: for `connectMain({ proxies: true })` with the page's
 * `remoteAccess`.
 */
export function pageWindow(main: AnyMainThread): object {
  return main.call(Access.Global) as object;
}
