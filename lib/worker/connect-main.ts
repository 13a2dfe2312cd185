import type { Handlers } from '../shared/channel/handlers.js';
import { connectChannel } from './channel/connect-channel.js';
import type { ChannelOptions, MainThread } from './channel/main-thread.js';
import { proxyHandles, type ProxyHooks } from './proxy/remote-proxy.js';

export interface ConnectMainOptions extends Omit<ChannelOptions, 'handles'> {
  /**
   * Page objects arrive as proxies that behave like them (property reads and writes,
   * method calls, `new`), each access a synchronous call. The page must pass
   * `remoteAccess` in its handlers. Hooks may answer chosen reads or take chosen writes
   * without the page, and name page methods whose calls need no answer (they are posted,
   * batched like writes). Default: opaque `RemoteObject` handles.
   */
  proxies?: boolean | ProxyHooks;
}

/**
 * Waits for the page's `connect()` and returns the channel: the channel layer, with page
 * objects as proxies if asked. Call it during the worker's first task (at top level), so
 * that its listener is there when the page's first message arrives. Offstage's messages
 * carry an `offstage` field; its listener consumes them, so the worker's own `message`
 * listeners added after this call never see them. Pass the page's handler map as `H` to have
 * calls checked against it.
 */
export function connectMain<H extends object = Handlers>(
  options: ConnectMainOptions = {},
): Promise<MainThread<H>> {
  const { proxies, ...rest } = options;
  const hooks = typeof proxies === 'object' ? proxies : {};
  return connectChannel<H>({ ...rest, handles: proxies ? proxyHandles(hooks) : undefined });
}
