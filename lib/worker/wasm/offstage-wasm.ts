/**
 * The Wasm loader as a classic script, for the offloaded-scripts worker: it loads this file
 * (`offstage-wasm.js`) the first time a script calls `offstage.instantiateWasm()`, so
 * scripts that use no WebAssembly do not download it. esbuild puts the exports on the
 * global `__offstageWasm`.
 */
export { instantiateWasm } from './instantiate-wasm.js';
