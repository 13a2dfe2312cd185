// The package as a user installs it (scripts/pack-install.mjs: npm pack, then npm install of
// the tarball into tests/build/package/): every `exports` entry loads where it is meant to run,
// and offstageSnippet()'s output offloads a script, its config's functions included.
import { deepEqual, equal, ok } from './helpers/assert.js';
import { addScript, settled } from './helpers/offstage-scripts.js';
import { until } from './helpers/wait.js';

const installed = '/tests/build/package/node_modules/offstage/';
const manifest = await (await fetch(`${installed}package.json`)).json();
const file = (entry) => {
  const target = manifest.exports[entry];
  return installed + (typeof target === 'string' ? target : target.default).slice(2);
};
const names = (module) => Object.keys(module).sort();

describe('the installed package', () => {
  it('page entries load in the page with their API', async () => {
    for (const entry of ['.', './debug/main.js']) {
      const module = await import(file(entry));
      for (const name of ['offload', 'connect', 'remoteAccess', 'syncApis', 'OffstageError'])
        ok(name in module, `${entry} exports ${name}`);
    }
    deepEqual(names(await import(file('./integration'))), ['SCRIPT_TYPE', 'offstageSnippet']);
  });

  it('worker entries load in a module worker with their API', async () => {
    const exported = async (entry) => {
      const source = `import(${JSON.stringify(new URL(file(entry), location.href).href)}).then(
        (m) => postMessage(Object.keys(m).sort()), (e) => postMessage(String(e)));`;
      const worker = new Worker(
        URL.createObjectURL(new Blob([source], { type: 'text/javascript' })),
        { type: 'module' },
      );
      const keys = await new Promise((resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => resolve(`worker error: ${e.message}`);
      });
      worker.terminate();
      return keys;
    };
    for (const entry of ['./worker', './debug/worker.js'])
      deepEqual(
        await exported(entry),
        ['OffstageError', 'RemoteObject', 'connectMain'],
        String(await exported(entry)),
      );
    const wasm = await exported('./wasm');
    ok(Array.isArray(wasm) && wasm.includes('fetchSync'), String(wasm));
  });

  it('files served as they are (service workers, the C header, types) are there', async () => {
    for (const entry of ['./sw.js', './debug/sw.js', './offstage.h'])
      equal((await fetch(file(entry))).status, 200, entry);
    for (const [entry, target] of Object.entries(manifest.exports))
      if (target.types) equal((await fetch(installed + target.types.slice(2))).status, 200, entry);
  });

  it("offstageSnippet()'s output offloads the page's scripts, with its config's functions", async () => {
    const { offstageSnippet, SCRIPT_TYPE } = await import(file('./integration'));
    equal(SCRIPT_TYPE, 'text/offstage');
    // resolveUrl, written out as source, sends a missing script to one that exists.
    const script = addScript({
      text: `var s = document.createElement('script');
        s.src = '/tests/fixtures/not-here.js';
        s.onload = function () { document.body.dataset.snippetRan = typeof insertedRanIn + ' ' + s.getAttribute('type'); };
        document.head.appendChild(s);`,
    });
    const ready = new Promise((resolve) =>
      document.addEventListener('offstage:ready', (e) => resolve(e.detail), { once: true }),
    );
    const inline = document.createElement('script');
    inline.textContent = offstageSnippet({
      lib: `${installed}dist/`,
      resolveUrl(url) {
        if (url.pathname.endsWith('/not-here.js'))
          return new URL('/tests/fixtures/inserted-script.js', url);
      },
    });
    document.head.append(inline);
    equal((await ready).where, 'worker');
    deepEqual(await settled([script]), ['done']);
    // It loaded (through resolveUrl), in the worker (a script it inserts reads as offloaded).
    equal(await until(() => document.body.dataset.snippetRan, 8000), 'string text/offstage');
  });
});
