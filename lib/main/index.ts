export { connect, type ConnectOptions, type Handler, type Host } from './connect.js';
export { remoteAccess } from './remote-access.js';
export { syncApis } from './sync-apis.js';
export { offload, type Offload, type OffloadOptions, type ScriptStats } from './offload.js';
export {
  selectTransport,
  type TransportChoice,
  type TransportOptions,
} from './select-transport.js';
export { registerServiceWorker } from './register-service-worker.js';
export { OffstageError, type ErrorCode } from '../shared/errors.js';
export { RemoteObject } from '../shared/remote-object.js';
export type { TransportKind } from '../shared/protocol.js';
