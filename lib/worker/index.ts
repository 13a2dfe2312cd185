export { connectMain, type ConnectMainOptions, type MainThread } from './connect-main.js';
export type { ProxyHooks, LocalRead, LocalWrite, CallMode } from './remote-proxy.js';
export { OffstageError, type ErrorCode } from '../shared/errors.js';
export { RemoteObject } from '../shared/remote-object.js';
export type { TransportKind } from '../shared/protocol.js';
