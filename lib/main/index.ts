export {
  connect,
  type ConnectOptions,
  type Handler,
  type Handlers,
  type Host,
} from './channel/connect.js';
export { remoteAccess } from './proxy/remote-access.js';
export { syncApis } from './sync-apis/sync-apis.js';
export { offload } from './offload/offload.js';
export type {
  Offload,
  OffloadOptions,
  ScriptPolicy,
  ScriptStats,
} from './offload/offload-options.js';
export type { ForwardEntry } from './offload/forward.js';
export type { AccessHook, HookOptions, ResolveUrl } from './offload/access-hooks.js';
export type { UrlType } from '../shared/offload/protocol.js';
export {
  selectTransport,
  type TransportChoice,
  type TransportOptions,
} from './channel/select-transport.js';
export { registerServiceWorker } from './channel/register-service-worker.js';
export { OffstageError, type ErrorCode } from '../shared/errors.js';
export { RemoteObject } from '../shared/channel/remote-object.js';
export type { TransportKind } from '../shared/channel/protocol.js';
