// offstage-partytown as its users get it: packed and installed under Partytown's names
// (scripts/pack-install.mjs), compared with the real @qwik.dev/partytown where the two must
// agree (entry points and their exports, how the snippet writes its config), and its helpers
// (copyLibFiles, libDirPath, the CLI, the Rollup and Vite plugins, <Partytown/>) run for real.
// Run with node --test (npm test does).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

const project = new URL('../../tests/build/package/', import.meta.url).pathname;
const ours = join(project, 'node_modules/@qwik.dev/partytown');
const real = new URL('../../node_modules/@qwik.dev/partytown', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const manifest = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const fresh = () => mkdtempSync(join(tmpdir(), 'offstage-partytown-'));
/** Every file under `dir`, as relative paths. */
const filesIn = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();

describe('offstage-partytown: the same surface as Partytown', () => {
  it("has Partytown's entry points, and each exports the same names, as ESM and as CommonJS", async () => {
    assert.deepEqual(
      Object.keys(manifest(ours).exports).sort(),
      Object.keys(manifest(real).exports).sort(),
    );
    for (const entry of ['', '/integration', '/react', '/services', '/utils']) {
      const names = async (dir) => ({
        esm: Object.keys(await import(`${dir}${entry}/index.mjs`)).sort(),
        cjs: Object.keys(require(`${dir}${entry}/index.cjs`)).sort(),
      });
      assert.deepEqual(await names(ours), await names(real), `${entry || '.'}`);
    }
    // Next.js requires `<main>/../utils`, a folder; Astro reads <package.json>/../lib.
    assert.equal(typeof require(join(ours, 'utils')).copyLibFiles, 'function');
    assert.ok(existsSync(join(ours, 'lib/partytown.js')));
  });

  it("is what it says: its own name and version, not Partytown's", async () => {
    const { version } = await import(join(ours, 'index.mjs'));
    assert.equal(manifest(ours).name, 'offstage-partytown');
    assert.equal(version, manifest(ours).version);
  });

  it("partytownSnippet() sets window.partytown as Partytown's does", async () => {
    const { partytownSnippet, SCRIPT_TYPE } = await import(join(ours, 'integration/index.mjs'));
    const partytown = await import(join(real, 'integration/index.mjs'));
    assert.equal(SCRIPT_TYPE, partytown.SCRIPT_TYPE);
    // Only the config part of each snippet runs here, in a stand-in window.
    const configPart = {
      ours: (s) => s.slice(0, s.indexOf(';(function(){') + 1),
      real: (s, end = `})(window,'partytown','forward');`) =>
        s.slice(0, s.indexOf(end) + end.length),
    };
    const configSet = (which, snippet, before) => {
      const window = { crossOriginIsolated: true, partytown: structuredClone(before) };
      new Function('window', configPart[which](snippet))(window);
      return window.partytown;
    };
    const cases = [
      [undefined, undefined],
      [undefined, { lib: '/_next/static/~partytown/' }], // Next.js's own config script
      [{ lib: '/base/~partytown/', debug: true }, undefined], // @astrojs/partytown
      [{ forward: ['dataLayer.push', ['fbq', { preserveBehavior: true }]] }, { forward: ['a.b'] }],
      [{ debug: false, fallbackTimeout: 100, mainWindowAccessors: ['x'] }, { lib: '/l/' }],
    ];
    for (const [config, before] of cases) {
      assert.deepEqual(
        configSet('ours', partytownSnippet(config), before),
        configSet('real', partytown.partytownSnippet(config), before),
        JSON.stringify({ config, before }),
      );
    }
    // Functions run as written (Partytown writes them as strings it evaluates later).
    const resolveUrl = (url) => (url.hostname === 'a.test' ? new URL('/proxy', url) : undefined);
    const set = configSet('ours', partytownSnippet({ resolveUrl }), undefined);
    assert.equal(set.resolveUrl(new URL('https://a.test/x')).href, 'https://a.test/proxy');
  });

  it('<Partytown/> renders the snippet in a data-partytown script, without hooks', async () => {
    const { Partytown } = await import(join(ours, 'react/index.mjs'));
    const { partytownSnippet } = await import(join(ours, 'integration/index.mjs'));
    const html = renderToStaticMarkup(createElement(Partytown, { debug: true, nonce: 'n1' }));
    const script = /^<script data-partytown="" nonce="n1">(.*)<\/script>$/s.exec(html);
    assert.ok(script, html.slice(0, 200));
    assert.equal(script[1], partytownSnippet({ debug: true, nonce: 'n1' }));
  });
});

describe('offstage-partytown: its files', () => {
  const { copyLibFiles, libDirPath } = require(join(ours, 'utils'));

  it('libDirPath() is its lib folder (debugDir: the debug build)', () => {
    assert.equal(libDirPath(), join(ours, 'lib'));
    assert.equal(libDirPath({ debugDir: true }), join(ours, 'lib/debug'));
    assert.deepEqual(
      filesIn(libDirPath()).filter((f) => !f.startsWith('debug/')),
      [
        'main.js',
        'offstage-policy.js',
        'offstage-wasm.js',
        'offstage-worker.js',
        'offstage.js',
        'partytown.js',
        'policy.js',
        'sw.js',
      ],
    );
  });

  it('copyLibFiles() copies lib, with debug/ unless debugDir is false; clear errors', async () => {
    const all = fresh();
    assert.deepEqual(await copyLibFiles(all), { src: libDirPath(), dest: all });
    assert.deepEqual(filesIn(all), filesIn(libDirPath()));
    const lean = join(fresh(), 'nested/~partytown');
    await copyLibFiles(lean, { debugDir: false });
    assert.deepEqual(
      filesIn(lean),
      filesIn(libDirPath()).filter((f) => !f.startsWith('debug/')),
    );
    await assert.rejects(copyLibFiles(''), /give the directory to copy to/);
    const file = join(fresh(), 'a-file');
    writeFileSync(file, '');
    await assert.rejects(copyLibFiles(join(file, 'lib')), (e) =>
      e.message.includes(`cannot copy the lib files to ${join(file, 'lib')} (`),
    );
  });

  it('the partytown CLI: copylib, --no-debug, --silent, version, and errors', () => {
    const cli = (...args) =>
      spawnSync(join(project, 'node_modules/.bin/partytown'), args, { encoding: 'utf8' });
    const dir = join(fresh(), 'public/~partytown');
    const copied = cli('copylib', dir, '--no-debug');
    assert.equal(copied.status, 0, copied.stderr);
    assert.equal(copied.stdout.trim(), `partytown: lib copied to ${dir}`);
    assert.ok(existsSync(join(dir, 'partytown.js')) && !existsSync(join(dir, 'debug')));
    assert.equal(cli('copylib', join(fresh(), 'x'), '--silent').stdout, '');
    assert.equal(cli('version').stdout.trim(), manifest(ours).version);
    const missing = cli('copylib');
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /give one directory, e\.g\. partytown copylib public\/~partytown/);
    assert.match(cli('serve').stderr, /unknown command "serve"/);
  });

  it('partytownRollup() copies the lib next to a real Rollup build', async () => {
    const { rollup } = await import('rollup');
    const { partytownRollup } = await import(join(ours, 'utils/index.mjs'));
    const dir = fresh();
    writeFileSync(join(dir, 'entry.js'), 'console.log(1);');
    const bundle = await rollup({ input: join(dir, 'entry.js'), plugins: [partytownRollup()] });
    await bundle.write({ dir: join(dir, 'out') });
    assert.deepEqual(filesIn(join(dir, 'out/~partytown')), filesIn(libDirPath()));
    const relative = await rollup({
      input: join(dir, 'entry.js'),
      plugins: [partytownRollup({ dest: 'rel/~partytown' })],
    });
    await assert.rejects(
      relative.write({ dir: join(dir, 'out2') }),
      /dest must be an absolute path/,
    );
  });

  it("partytownVite(): Vite's dev server serves the lib; vite build copies it to dest", async () => {
    const { createServer, build } = await import('vite');
    const { partytownVite } = await import(join(ours, 'utils/index.mjs'));
    const root = fresh();
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><title>t</title><script type="module" src="/main.js"></script>',
    );
    writeFileSync(join(root, 'main.js'), 'console.log(1);');
    const server = await createServer({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [partytownVite({ dest: join(root, 'dist/~partytown') })],
      server: { port: 0, host: '127.0.0.1' },
    });
    await server.listen();
    try {
      const base = server.resolvedUrls.local[0];
      for (const [path, file] of [
        ['~partytown/main.js', 'main.js'],
        ['~partytown/debug/offstage-worker.js', 'debug/offstage-worker.js'],
        ['static/~partytown/partytown.js?v=1', 'partytown.js'],
      ]) {
        const response = await fetch(new URL(path, base));
        assert.equal(response.status, 200, path);
        assert.match(response.headers.get('content-type'), /^text\/javascript/);
        assert.equal(await response.text(), readFileSync(join(libDirPath(), file), 'utf8'), path);
      }
    } finally {
      await server.close();
    }
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      plugins: [partytownVite({ dest: join(root, 'dist/~partytown'), debug: false })],
    });
    assert.deepEqual(
      filesIn(join(root, 'dist/~partytown')),
      filesIn(libDirPath()).filter((f) => !f.startsWith('debug/')),
    );
  });
});
