export { connectMain, type ConnectMainOptions } from './connect-main.js';
export type { AnyMainThread, MainThread } from './channel/main-thread.js';
export type { ProxyHooks, LocalRead, LocalWrite, CallMode } from './proxy/remote-proxy.js';
export type { Answer, Handler, Handlers } from '../shared/channel/handlers.js';
export { OffstageError, type ErrorCode } from '../shared/errors.js';
export { RemoteObject } from '../shared/channel/remote-object.js';
export type { TransportKind } from '../shared/channel/protocol.js';
