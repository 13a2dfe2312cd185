// `offstage/wasm`: WebAssembly and blocking web APIs for workers connected with
// `connectMain({ proxies: true })`, apart from `offstage/worker` so that workers without
// WebAssembly do not carry it.
export { fetchSync, sleepSync, type SyncResponse } from '../sync-apis/sync-apis.js';
export { pageWindow } from '../proxy/page-window.js';
export {
  instantiateWasm,
  type InstantiateWasmOptions,
  type WasmProgram,
} from './instantiate-wasm.js';
export type { PageObject, PageDocument, PageWindow } from './offstage-imports.js';
