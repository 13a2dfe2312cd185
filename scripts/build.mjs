// Builds dist/: minified production files, an unminified debug/ set, and .d.ts for the public API.
// Usage: node scripts/build.mjs
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const entries = [
  { in: 'lib/main/index.ts', out: 'main', format: 'esm' },
  // Loaded by main.js only for pages with policies.
  { in: 'lib/main/offload/enforce-policy.ts', out: 'policy', format: 'esm' },
  { in: 'lib/worker/index.ts', out: 'worker', format: 'esm' },
  { in: 'lib/worker/wasm/index.ts', out: 'wasm', format: 'esm' },
  // A service worker script is classic unless registered with {type: 'module'}, which Firefox ESR lacks.
  { in: 'lib/service-worker/sw.ts', out: 'sw', format: 'iife' },
  // The page's snippet: classic, so it can be inlined; it imports the rest on demand.
  { in: 'lib/main/offload/snippet.ts', out: 'offstage', format: 'iife' },
  // Classic, because it runs scripts with importScripts.
  { in: 'lib/worker/offload/offload-worker.ts', out: 'offstage-worker', format: 'iife' },
  // Loaded by that worker when its scripts run under a policy.
  {
    in: 'lib/worker/offload/network-policy.ts',
    out: 'offstage-policy',
    format: 'iife',
    globalName: '__offstagePolicy',
  },
  // Loaded by that worker on a script's first offstage.instantiateWasm().
  {
    in: 'lib/worker/wasm/offstage-wasm.ts',
    out: 'offstage-wasm',
    format: 'iife',
    globalName: '__offstageWasm',
  },
];

const tsc = 'node_modules/typescript/bin/tsc';
rmSync('dist', { recursive: true, force: true });
const builds = [];
for (const dev of [false, true]) {
  for (const entry of entries) {
    builds.push(
      build({
        entryPoints: { [entry.out]: entry.in },
        outdir: dev ? 'dist/debug' : 'dist',
        bundle: true,
        format: entry.format,
        globalName: entry.globalName,
        target: ['chrome111', 'firefox119', 'safari16.4'],
        minify: !dev,
        sourcemap: dev ? 'linked' : false,
        define: { DEV: String(dev) },
        legalComments: 'none',
        logLevel: 'warning',
      }),
    );
  }
}
// The demo site's Lit components, and the Wasm demo's main-thread comparison.
builds.push(
  build({
    entryPoints: { app: 'site/app.js', 'wasm-main-thread': 'site/wasm-main-thread.js' },
    outdir: 'dist/site',
    bundle: true,
    format: 'esm',
    target: ['chrome111', 'firefox119', 'safari16.4'],
    minify: true,
    define: { DEV: 'false' },
    logLevel: 'warning',
  }),
);
await Promise.all(builds);

// Build-time and server-side entry points. `offstage/integration` carries the snippet's
// production source as a string; `offstage/utils` and the CLI run in Node. Framework and
// build-tool integrations (integrations/<name>/) use the package's public entries, by name,
// and their tool is the user's. Those that run outside Node too are platform-neutral.
const serverBuild = (entryPoints, { node = false, external = [], define } = {}) =>
  build({
    entryPoints,
    outdir: node ? 'dist/node' : 'dist',
    bundle: true,
    format: 'esm',
    platform: node ? 'node' : 'neutral',
    target: node ? 'node20' : 'es2022',
    external: ['offstage', 'offstage/*', ...external],
    define,
    logLevel: 'warning',
  });
await Promise.all([
  serverBuild(
    { integration: 'lib/main/integration/offstage-snippet.ts' },
    {
      define: { OFFSTAGE_SNIPPET: JSON.stringify(readFileSync('dist/offstage.js', 'utf8').trim()) },
    },
  ),
  serverBuild(
    { utils: 'lib/node/utils.ts', cli: 'lib/node/cli.ts', proxy: 'lib/node/proxy.ts' },
    { node: true },
  ),
  serverBuild({ react: 'integrations/react/index.ts' }, { external: ['react'] }),
  serverBuild(
    { vite: 'integrations/vite/index.ts', astro: 'integrations/astro/index.ts' },
    { node: true, external: ['vite', 'astro'] },
  ),
]);
// The CLI is run directly (`bin`): a shebang, and executable.
const cli = 'dist/node/cli.js';
writeFileSync(cli, `#!/usr/bin/env node\n${readFileSync(cli, 'utf8')}`);
chmodSync(cli, 0o755);
// The C header of the Wasm imports, shipped beside them.
copyFileSync('lib/worker/wasm/offstage.h', 'dist/offstage.h');

for (const thread of ['main', 'worker']) {
  execFileSync('node', [tsc, '-p', `lib/${thread}/tsconfig.json`], { stdio: 'inherit' });
}
execFileSync('node', [tsc, '-p', 'lib/service-worker/tsconfig.json'], { stdio: 'inherit' });
execFileSync('node', [tsc, '-p', 'lib/node/tsconfig.json'], { stdio: 'inherit' });
// After the library's types, which the integrations' types import by package name.
for (const integration of ['vite', 'react', 'astro']) {
  execFileSync('node', [tsc, '-p', `integrations/${integration}/tsconfig.json`], {
    stdio: 'inherit',
  });
}
// The public types, as a user's compiler resolves them through package.json `exports`.
execFileSync('node', [tsc, '-p', 'tests/types/tsconfig.json'], { stdio: 'inherit' });
console.log('built dist/');
// The Partytown-compatible package, from what is now in dist/.
await import('./build-partytown.mjs');
