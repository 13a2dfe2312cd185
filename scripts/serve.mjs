// npm start: builds, then serves the demo on two origins at once — one cross-origin
// isolated (the Atomics transport), one not (the service-worker transport).
// Usage: node scripts/serve.mjs [--port 8080]
import { spawnSync } from 'node:child_process';
import { serve } from './static-server.mjs';

const at = process.argv.indexOf('--port');
const port = at > 0 ? Number(process.argv[at + 1]) : Number(process.env.PORT ?? 8080);

for (const script of ['scripts/build.mjs', 'scripts/check-size.mjs']) {
  if (spawnSync('node', [script], { stdio: 'inherit' }).status !== 0) process.exit(1);
}
// The Wasm demo's program; without the C toolchain the rest of the demo still runs.
if (spawnSync('node', ['scripts/build-wasm.mjs'], { stdio: 'inherit' }).status !== 0) {
  console.warn(
    'The Wasm demo (site/wasm.html) needs clang: apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32 binaryen emscripten',
  );
}
const isolated = await serve({ port, isolated: true });
const plain = await serve({ port: port + 1, isolated: false });
console.log(`
Offstage demo
  Atomics transport (cross-origin isolated):  ${isolated.url}/site/
  Service-worker transport (no isolation):    ${plain.url}/site/
Ctrl-C to stop.`);
