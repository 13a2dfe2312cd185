// The published package, as a user gets it: scripts/pack-install.mjs packed it (npm pack) and
// installed the tarball into a fresh project, tests/build/package/. Run with node --test.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const project = resolve('tests/build/package');
const installed = join(project, 'node_modules/offstage');
const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
const packed = JSON.parse(readFileSync(join(project, 'packed.json'), 'utf8'));

/** Runs Node in the user's project (so `offstage/…` resolves through the package's exports). */
const nodeIn = (args, cwd = project) =>
  spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
const inProject = (code) => nodeIn(['--input-type=module', '-e', code]);
const offstageBin = (...args) =>
  spawnSync(join(project, 'node_modules/.bin/offstage'), args, { cwd: project, encoding: 'utf8' });
const fresh = () => mkdtempSync(join(tmpdir(), 'offstage-user-'));

describe('the package', () => {
  it('is publishable: not private, licensed, with a changelog, a 0.x version and its metadata', () => {
    assert.equal(manifest.private, undefined);
    assert.match(manifest.version, /^0\.\d+\.\d+$/);
    assert.equal(manifest.license, 'MIT');
    for (const field of ['description', 'keywords', 'repository', 'sideEffects', 'bin', 'exports'])
      assert.ok(manifest[field], `package.json has ${field}`);
    const files = packed.files.map((f) => f.path);
    for (const file of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json'])
      assert.ok(files.includes(file), `the tarball has ${file}`);
    assert.match(readFileSync(join(installed, 'LICENSE'), 'utf8'), /MIT License/);
  });

  it('ships the library and its types, not the demo site, tests or sources', () => {
    const files = packed.files.map((f) => f.path);
    assert.ok(
      files.every((f) => !/^(site|tests|lib|scripts|dist\/site)\//.test(f)),
      files.join(' '),
    );
    for (const file of [
      'dist/main.js',
      'dist/offstage-worker.js',
      'dist/sw.js',
      'dist/debug/main.js',
    ])
      assert.ok(files.includes(file), `the tarball has ${file}`);
  });

  it('resolves every exports entry to a file it ships, with types where it has them', () => {
    for (const [entry, target] of Object.entries(manifest.exports)) {
      const paths = typeof target === 'string' ? [target] : Object.values(target);
      for (const path of paths) assert.ok(existsSync(join(installed, path)), `${entry}: ${path}`);
    }
    // The Node entries load in Node, by their package names.
    const loaded = inProject(`
      const utils = await import('offstage/utils');
      const integration = await import('offstage/integration');
      const proxy = await import('offstage/proxy');
      console.log(JSON.stringify([utils, integration, proxy].map((m) => Object.keys(m).sort())));
    `);
    assert.equal(loaded.status, 0, loaded.stderr);
    assert.deepEqual(JSON.parse(loaded.stdout), [
      ['LIB_FILES', 'copyLibFiles', 'libDirPath'],
      ['SCRIPT_TYPE', 'offstageSnippet'],
      ['offstageProxy'],
    ]);
  });
});

describe('offstage copylib and offstage/utils', () => {
  it('copies the files a page serves, debug build included, from the installed package', () => {
    const dest = join(fresh(), 'public/~offstage');
    const run = offstageBin('copylib', dest);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /copied 21 files/);
    for (const file of [
      'offstage.js',
      'main.js',
      'sw.js',
      'offstage-worker.js',
      'offstage-wasm.js',
    ]) {
      assert.equal(
        readFileSync(join(dest, file), 'utf8'),
        readFileSync(join(installed, 'dist', file), 'utf8'),
        file,
      );
      assert.ok(existsSync(join(dest, 'debug', file)), `debug/${file}`);
    }
  });

  it('leaves the debug build out with --no-debug / { debug: false }; libDirPath is the package dist', () => {
    const dest = join(fresh(), 'lib');
    assert.equal(offstageBin('copylib', dest, '--no-debug').status, 0);
    assert.deepEqual(readdirSync(dest).sort(), [
      'main.js',
      'offstage-policy.js',
      'offstage-wasm.js',
      'offstage-worker.js',
      'offstage.js',
      'policy.js',
      'sw.js',
    ]);
    const other = join(fresh(), 'lib');
    const run = inProject(`
      import { copyLibFiles, libDirPath } from 'offstage/utils';
      const { src, files } = copyLibFiles(${JSON.stringify(other)}, { debug: false });
      console.log(JSON.stringify([src, files.length]));
    `);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [join(installed, 'dist'), 7]);
  });

  it('says what is wrong and how to fix it: no directory, a path it cannot write, an unknown command', () => {
    const none = offstageBin('copylib');
    assert.equal(none.status, 1);
    assert.match(none.stderr, /give one directory, e\.g\. offstage copylib public\/~offstage/);
    const file = join(fresh(), 'a-file');
    writeFileSync(file, '');
    const blocked = offstageBin('copylib', join(file, 'lib'));
    assert.equal(blocked.status, 1);
    assert.match(blocked.stderr, /cannot copy the lib files to .*a-file\/lib \(ENOTDIR\)/);
    assert.match(blocked.stderr, /Pass a directory you can write to/);
    const unknown = offstageBin('copy');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /unknown command "copy"[\s\S]*Usage: offstage copylib/);
    const empty = inProject(`
      import { copyLibFiles } from 'offstage/utils';
      try { copyLibFiles(''); } catch (e) { console.log(e.message); }
    `);
    assert.match(empty.stdout, /give the directory to copy to/);
  });
});

describe('offstage/integration: offstageSnippet()', () => {
  /** Runs a snippet's config assignment in a stand-in window; returns the config it set. */
  const configOf = (snippet) => {
    const assignment = snippet.slice(0, snippet.indexOf(';(function(){'));
    const window = {};
    new Function('window', assignment)(window);
    return window.offstage;
  };
  const snippetOf = (config) => {
    const run = inProject(`
      import { offstageSnippet } from 'offstage/integration';
      console.log(JSON.stringify(offstageSnippet(${config})));
    `);
    assert.equal(run.status, 0, run.stderr);
    return JSON.parse(run.stdout);
  };

  it('writes the config, functions as their own source (methods, arrows, async), then the snippet', async () => {
    const snippet = snippetOf(`{
      debug: true,
      lib: '/static/~offstage/',
      forward: ['dataLayer.push', ['fbq', { preserveBehavior: true }]],
      resolveUrl(url, location, type) { return type === 'script' ? new URL('/proxy?u=' + encodeURIComponent(url.href), location) : undefined; },
      get: (options) => options.continue,
      apply: async function (options) { return options.continue; },
      nonce: undefined,
    }`);
    const config = configOf(snippet);
    assert.deepEqual(
      { ...config, resolveUrl: 0, get: 0, apply: 0 },
      {
        debug: true,
        lib: '/static/~offstage/',
        forward: ['dataLayer.push', ['fbq', { preserveBehavior: true }]],
        resolveUrl: 0,
        get: 0,
        apply: 0,
      },
    );
    const proxied = config.resolveUrl(
      new URL('https://x.test/a.js'),
      new URL('https://site.test/'),
      'script',
    );
    assert.equal(proxied.href, 'https://site.test/proxy?u=https%3A%2F%2Fx.test%2Fa.js');
    assert.equal(config.get({ continue: 'c' }), 'c');
    assert.equal(await config.apply({ continue: 'd' }), 'd');
    // The snippet itself follows, as built (dist/offstage.js).
    const built = readFileSync(join(installed, 'dist/offstage.js'), 'utf8').trim();
    assert.ok(snippet.endsWith(`;(function(){${built}})();`));
    new Function(snippet); // parses as script
  });

  it('is safe inside <script>: no </script or <!-- from strings or function source', () => {
    const snippet = snippetOf(`{
      lib: '</script><script>alert(1)</script><!--',
      resolveUrl: (url) => url.href.includes('</SCRIPT>') ? undefined : url,
    }`);
    assert.ok(!/<\/script|<!--/i.test(snippet), snippet.slice(0, 300));
    const config = configOf(snippet);
    assert.equal(config.lib, '</script><script>alert(1)</script><!--');
    assert.equal(config.resolveUrl({ href: 'a</SCRIPT>' }), undefined);
  });

  it('refuses what it cannot write into a page, naming the option', () => {
    const run = inProject(`
      import { offstageSnippet } from 'offstage/integration';
      for (const config of [{ resolveUrl: Math.max }, { get: (() => 1).bind(null) }, { lib: 1n }, { forward: [new Map()] }]) {
        try { offstageSnippet(config); console.log('no error'); } catch (e) { console.log(e.message); }
      }
    `);
    const [builtIn, bound, bigint, map] = run.stdout.trim().split('\n');
    assert.match(
      builtIn,
      /config\.resolveUrl is a built-in or bound function.*pass a function written in your code/,
    );
    assert.match(bound, /config\.get is a built-in or bound function/);
    assert.match(bigint, /config\.lib is a bigint/);
    assert.match(map, /config\.forward\[0\] is a Map object, which a config cannot hold/);
  });

  it('writes RegExps as RegExps (loadScriptsOnMainThread)', () => {
    const config = configOf(
      snippetOf(
        `{ loadScriptsOnMainThread: ['https://a.test/x.js', /widget\\.js$/i, /<\\/script>/] }`,
      ),
    );
    const [text, pattern, tricky] = config.loadScriptsOnMainThread;
    assert.equal(text, 'https://a.test/x.js');
    assert.ok(pattern instanceof RegExp);
    assert.deepEqual([pattern.source, pattern.flags], ['widget\\.js$', 'i']);
    assert.ok(tricky.test('</script>'));
  });

  it("with { global: 'partytown' }, merges into the page's window.partytown as Partytown's snippet does", () => {
    const run = inProject(`
      import { offstageSnippet } from 'offstage/integration';
      console.log(JSON.stringify(offstageSnippet({ debug: true, forward: ['fbq'] }, { global: 'partytown' })));
    `);
    assert.equal(run.status, 0, run.stderr);
    const snippet = JSON.parse(run.stdout);
    // As Next.js does: its own script sets lib (and a page may set forward) first.
    const window = { partytown: { lib: '/_next/static/~partytown/', forward: ['dataLayer.push'] } };
    new Function('window', snippet.slice(0, snippet.indexOf(';(function(){') + 1))(window);
    assert.deepEqual(window.partytown, {
      lib: '/_next/static/~partytown/',
      forward: ['dataLayer.push', 'fbq'],
      debug: true,
    });
    assert.equal(window.offstage, undefined);
  });
});
