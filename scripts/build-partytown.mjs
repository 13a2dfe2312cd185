// Builds integrations/partytown/ into the package it publishes (offstage-partytown), in
// Partytown's own layout, so that integrations written for @builder.io/partytown or
// @qwik.dev/partytown find what they look for: <entry>/index.{mjs,cjs,d.ts} and a
// package.json per entry (Next.js requires `<package>/utils` as a folder), a `partytown`
// CLI, and lib/ with Offstage's built files (plus the snippet as partytown.js) and debug/.
// Needs dist/ and dist/types/ built (scripts/build.mjs runs it last).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { LIB_FILES } from '../dist/node/utils.js';

const root = 'integrations/partytown';
const { version } = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
const folders = ['integration', 'react', 'services', 'utils'];
for (const output of [
  'index.mjs',
  'index.cjs',
  'index.d.ts',
  'config.d.ts',
  'LICENSE',
  'bin',
  'lib',
  ...folders,
])
  rmSync(`${root}/${output}`, { recursive: true, force: true });

const common = {
  outdir: root,
  bundle: true,
  // Bundled in: the package stands alone (its lib/ holds the files it would serve anyway).
  alias: { 'offstage/integration': './dist/integration.js' },
  external: ['react'],
  define: { PACKAGE_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
};
const builds = [];
for (const format of ['esm', 'cjs']) {
  const outExtension = { '.js': format === 'esm' ? '.mjs' : '.cjs' };
  const entry = (names) =>
    Object.fromEntries(names.map((n) => [n === 'index' ? n : `${n}/index`, `${root}/src/${n}.ts`]));
  builds.push(
    // Used in browsers too (the React component, a snippet built on the client).
    build({
      ...common,
      entryPoints: entry(['index', 'integration', 'react', 'services']),
      format,
      outExtension,
      platform: 'neutral',
      target: 'es2020',
    }),
    build({
      ...common,
      entryPoints: entry(['utils']),
      format,
      outExtension,
      platform: 'node',
      target: 'node18',
      // CommonJS has __dirname, which libDirPath() prefers.
      define: { ...common.define, ...(format === 'cjs' && { 'import.meta.url': 'undefined' }) },
    }),
  );
}
builds.push(
  build({
    ...common,
    entryPoints: { 'bin/partytown': `${root}/src/cli.ts` },
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    banner: { js: '#!/usr/bin/env node' },
    define: { ...common.define, 'import.meta.url': 'undefined' },
  }),
);
await Promise.all(builds);
chmodSync(`${root}/bin/partytown.cjs`, 0o755);

for (const folder of folders) {
  writeFileSync(
    `${root}/${folder}/package.json`,
    `${JSON.stringify({ name: `offstage-partytown/${folder}`, main: 'index.cjs', module: 'index.mjs', types: 'index.d.ts', version, private: true }, null, 2)}\n`,
  );
}

// Types: emitted per source file, then placed as the layout has them.
execFileSync('node', ['node_modules/typescript/bin/tsc', '-p', `${root}/tsconfig.json`], {
  stdio: 'inherit',
});
const types = 'dist/types/integrations/partytown';
copyFileSync(`${types}/index.d.ts`, `${root}/index.d.ts`);
copyFileSync(`${types}/config.d.ts`, `${root}/config.d.ts`);
for (const folder of folders) {
  const text = readFileSync(`${types}/${folder}.d.ts`, 'utf8');
  writeFileSync(
    `${root}/${folder}/index.d.ts`,
    text.replace(/from '\.\/([\w-]+)\.js'/g, (_, name) =>
      name === 'config' ? "from '../config.js'" : `from '../${name}/index.js'`,
    ),
  );
}

// lib/: what pages load, production and debug, with the snippet under Partytown's name too.
mkdirSync(`${root}/lib/debug`, { recursive: true });
for (const file of LIB_FILES) {
  copyFileSync(`dist/${file}`, `${root}/lib/${file}`);
  copyFileSync(`dist/debug/${file}`, `${root}/lib/debug/${file}`);
  copyFileSync(`dist/debug/${file}.map`, `${root}/lib/debug/${file}.map`);
}
copyFileSync('dist/offstage.js', `${root}/lib/partytown.js`);
copyFileSync('dist/debug/offstage.js', `${root}/lib/debug/partytown.js`);
copyFileSync('LICENSE', `${root}/LICENSE`);
console.log(`built ${root}/ (offstage-partytown ${version})`);
