import { deepEqual, equal, ok } from './helpers/assert.js';
import { reporting, runOffloaded } from './helpers/offstage-scripts.js';
import { collected, until } from './helpers/wait.js';

// C compiled to WebAssembly (tests/wasm/*.c, built by scripts/build-wasm.mjs) running in the
// offloaded scripts' worker with the offstage.h imports: every call that reaches the page
// blocks the worker, never the page.
const WASM = '/tests/build/wasm';

/**
 * Runs `code` in the worker with `program` (dom-api.wasm, instantiated once per page) and
 * `cstr(text)` (a C string in its memory) in scope; resolves with what it reported.
 */
const reports = reporting();
async function inWorker(code) {
  const key = `done-${Math.random()}`;
  const state = await runOffloaded(`
    self.domApi ??= offstage.instantiateWasm('${WASM}/dom-api.wasm');
    domApi.then(function (program) {
      var cstr = function (text) {
        var bytes = new TextEncoder().encode(text + '\\0');
        var at = program.exports.malloc(bytes.length);
        new Uint8Array(program.exports.memory.buffer, at, bytes.length).set(bytes);
        return at;
      };
      var result;
      try { result = { value: (function () { ${code} })() }; }
      catch (e) { result = { error: e.name + ' ' + (e.code || '') + ': ' + e.message }; }
      result.handles = program.handles;
      report(${JSON.stringify(key)}, result);
    }, function (e) { report(${JSON.stringify(key)}, { error: 'instantiate: ' + e.message }); });
  `);
  equal(state, 'done');
  return until(() => reports[key], 15_000);
}

/** What C handed to report("name=value"), by name. */
const fromC = {};

describe('wasm: C code reaching the page through offstage.h, in the worker', () => {
  before(async () => {
    const root = Object.assign(document.createElement('div'), { id: 'wasm-root' });
    root.dataset.in = 'from the page';
    const button = Object.assign(document.createElement('button'), {
      id: 'wasm-button',
      textContent: 'not clicked',
    });
    document.body.append(root, button);
    await runOffloaded('', {
      // The module's fetches follow it too.
      resolveUrl: (url) =>
        url.pathname.endsWith('/wasm-renamed.json')
          ? new URL('/tests/fixtures/wasm-data.json', url)
          : undefined,
      functions: {
        report: (pair) => {
          const at = pair.indexOf('=');
          fromC[pair.slice(0, at)] = pair.slice(at + 1);
        },
        // Asynchronous page functions: the worker waits for them to settle.
        double: (n) =>
          new Promise((resolve) => setTimeout(() => resolve(String(2 * Number(n))), 20)),
        describe: (text) => Promise.resolve({ text, length: text.length }),
        refuse: (why) => Promise.reject(new Error(`refused: ${why}`)),
      },
    });
  });

  it('builds a DOM table (created, filled and appended by C) and releases every handle', async () => {
    const result = await inWorker('return program.exports.build_table(40);');
    deepEqual(result, { value: 40, handles: 2 });
    const table = document.getElementById('wasm-table');
    equal(table.rows.length, 40);
    deepEqual(
      [...table.rows[39].cells].map((c) => c.textContent),
      ['r39c0', 'r39c1', 'r39c2'],
    );
  });

  it('a script element C adds to the page runs offloaded, as those the scripts add do', async () => {
    await inWorker(`program.exports.add_script(cstr('/tests/fixtures/wasm-inserted-script.js'));`);
    equal(await until(() => reports['wasm-inserted-script'], 10_000), 'worker');
    const script = document.querySelector('script[src="/tests/fixtures/wasm-inserted-script.js"]');
    equal(
      await until(() => (script.dataset.offstage === 'done' ? 'done' : undefined), 10_000),
      'done',
    );
  });

  it('reads and writes attributes, properties, text and styles, with UTF-8 both ways and truncation', async () => {
    document.title = 'Wasm tests';
    const result = await inWorker('program.exports.read_write();');
    equal(result.error, undefined);
    const root = document.getElementById('wasm-root');
    deepEqual(
      [
        fromC.attribute,
        fromC['missing-attribute'],
        fromC.title,
        fromC['tab-index'],
        fromC.truncated,
        fromC['no-such-object'],
      ],
      ['from the page', '-1', 'Wasm tests', '3', '16:0123', 'none'],
    );
    equal(document.title, 'Wasm tests (wasm)');
    equal(root.dataset.out, 'from C: é ✓');
    equal(root.style.color, 'rgb(1, 2, 3)');
    equal(root.textContent, '0123456789abcdef');
    equal(result.handles, 2);
  });

  it('uses localStorage and document.cookie', async () => {
    localStorage.removeItem('wasm-key');
    await inWorker('program.exports.storage_and_cookie();');
    deepEqual(
      [fromC.storage, fromC['storage-absent'], fromC.cookie],
      ['stored by C', '-1', 'found'],
    );
    equal(localStorage.getItem('wasm-key'), 'stored by C');
    ok(document.cookie.includes('wasm_cookie=from-c'), document.cookie);
  });

  it('fetches synchronously: status, headers and body; a 404; a network error as status 0; through resolveUrl', async () => {
    const missing = `http://127.0.0.1:1/nothing-listens-here`;
    await inWorker(`
      program.exports.fetch_url(cstr('GET'), cstr('/tests/fixtures/wasm-data.json'), cstr(''));
      program.exports.fetch_url(cstr(''), cstr('/tests/fixtures/no-such-file.json'), cstr(''));
      program.exports.fetch_url(cstr('GET'), cstr('${missing}'), cstr(''));
      program.exports.fetch_url(cstr('GET'), cstr('/tests/fixtures/wasm-renamed.json'), cstr(''));
    `);
    equal(fromC['/tests/fixtures/wasm-renamed.json'].split('|')[0], '200', 'through resolveUrl:');
    const [status, type, body] = fromC['/tests/fixtures/wasm-data.json'].split('|');
    deepEqual(
      [status, type.split(';')[0], JSON.parse(body)],
      ['200', 'application/json', { rows: [1, 2, 3], label: 'données' }],
    );
    equal(fromC['/tests/fixtures/no-such-file.json'].split('|')[0], '404');
    const [failed, , reason] = fromC[missing].split('|');
    equal(failed, '0');
    ok(reason.length > 0, 'the body says why');
  });

  it('posts a body with fetch, delivered once', async () => {
    const key = `wasm-post-${Math.random().toString(36).slice(2)}`;
    await inWorker(
      `program.exports.fetch_url(cstr('POST'), cstr('/collect/${key}'), cstr('{"from":"C"}'));`,
    );
    equal(fromC[`/collect/${key}`].split('|')[0], '200');
    const hits = await collected(key, 1, { settle: 200 });
    deepEqual(
      hits.map((h) => [h.method, h.body]),
      [['POST', '{"from":"C"}']],
    );
  });

  it('calls async page functions as plain calls: the settled value, JSON for objects, a rejection as status 1', async () => {
    await inWorker(`
      program.exports.call_page(cstr('double'), cstr('21'));
      program.exports.call_page(cstr('describe'), cstr('héllo'));
      program.exports.call_page(cstr('refuse'), cstr('no'));
      program.exports.call_page(cstr('no-such-function'), cstr(''));
    `);
    equal(fromC.double, '0|42|2');
    equal(fromC.describe, '0|{"text":"héllo","length":5}|28'); // bytes of UTF-8
    ok(fromC.refuse.startsWith('1|refused: no|'), fromC.refuse);
    ok(/^1\|.*no-such-function/.test(fromC['no-such-function']), fromC['no-such-function']);
  });

  it('sleeps (the WASI clock sees the time pass) and carries on', async () => {
    const result = await inWorker('program.exports.sleep_ms(40); return program.exports.canary();');
    equal(result.value, 42);
    ok(Number(fromC.slept) >= 39, `slept ${fromC.slept} ms`);
  });

  it('calls an exported function for each event on a page element, until the listener is removed', async () => {
    const { value: id } = await inWorker('return program.exports.listen();');
    const button = document.getElementById('wasm-button');
    button.click();
    equal(
      await until(
        () => (button.textContent.startsWith('click') ? button.textContent : undefined),
        10_000,
      ),
      'click 7 #1',
    );
    button.click();
    equal(
      await until(
        () => (button.textContent.endsWith('#2') ? button.textContent : undefined),
        10_000,
      ),
      'click 7 #2',
    );
    const after = await inWorker(`program.exports.unlisten(${id}); return program.handles;`);
    equal(after.value, 2, 'event handles are released');
    button.click();
    // Proof that no third call comes: a later call's effect is seen, the listener's is not.
    await inWorker('program.exports.canary();');
    equal(button.textContent, 'click 7 #2');
  });

  it("writes to the worker's console: offstage_console by level, stdout and stderr by line", async () => {
    const result = await inWorker(`
      var seen = [];
      var saved = {};
      ['log', 'warn', 'error'].forEach(function (level) {
        saved[level] = console[level];
        console[level] = function (text) { seen.push(level + ': ' + text); };
      });
      try { program.exports.speak(); } finally { Object.assign(console, saved); }
      return seen;
    `);
    deepEqual(result.value, [
      'log: a log',
      'warn: a warning',
      'error: an error: é',
      'log: to stdout, one line',
      'error: to stderr',
    ]);
  });

  it('a bad handle, a released handle or an out-of-bounds buffer traps with an error naming the call; the worker carries on', async () => {
    const bad = await inWorker('program.exports.use_bad_handle();');
    ok(
      /OffstageError wasm-handle: .*offstage_set_text: 4242 is not a live handle/.test(bad.error),
      bad.error,
    );
    const released = await inWorker('program.exports.use_released_handle();');
    ok(/wasm-handle: .*offstage_set_text/.test(released.error), released.error);
    const outside = await inWorker('program.exports.write_out_of_bounds();');
    ok(
      /OffstageError wasm-memory: .*offstage_get_text: bytes \d+…\d+ are outside/.test(
        outside.error,
      ),
      outside.error,
    );
    equal((await inWorker('return program.exports.canary();')).value, 42);
  });

  it('a module without offstage_on_event gets a clear error when it adds a listener', async () => {
    const key = 'no-export';
    await runOffloaded(`
      offstage.instantiateWasm('${WASM}/no-listener-export.wasm').then(function (program) {
        try { program.exports.listen(); report('${key}', 'no error'); }
        catch (e) { report('${key}', e.code + ': ' + e.message); }
      });
    `);
    ok(
      /^wasm-export: .*offstage_on_event/.test(await until(() => reports[key], 10_000)),
      reports[key],
    );
  });

  it('a module whose start function calls an import gets a clear error, not a crash', async () => {
    // (module (import "offstage" "console" (func (param i32 i32 i32)))
    //   (func (call 0 (i32.const 0) (i32.const 0) (i32.const 0))) (start 1)), by hand.
    const bytes = [
      0x00,
      0x61,
      0x73,
      0x6d,
      0x01,
      0x00,
      0x00,
      0x00,
      0x01,
      0x0a,
      0x02,
      0x60,
      0x03,
      0x7f,
      0x7f,
      0x7f,
      0x00,
      0x60,
      0x00,
      0x00,
      0x02,
      0x14,
      0x01,
      0x08,
      ...new TextEncoder().encode('offstage'),
      0x07,
      ...new TextEncoder().encode('console'),
      0x00,
      0x00,
      0x03,
      0x02,
      0x01,
      0x01,
      0x08,
      0x01,
      0x01,
      0x0a,
      0x0c,
      0x01,
      0x0a,
      0x00,
      0x41,
      0x00,
      0x41,
      0x00,
      0x41,
      0x00,
      0x10,
      0x00,
      0x0b,
    ];
    const key = 'start-function';
    await runOffloaded(`
      offstage.instantiateWasm(new Uint8Array(${JSON.stringify(bytes)})).then(
        function () { report('${key}', 'instantiated?'); },
        function (e) { report('${key}', e.code + ': ' + e.message); });
    `);
    ok(
      /^wasm-export: .*start function/.test(await until(() => reports[key], 10_000)),
      reports[key],
    );
  });

  it('runs a WASI command: main() gets its arguments, and run() returns its exit status', async () => {
    const key = 'command';
    await runOffloaded(`
      offstage.instantiateWasm('${WASM}/command.wasm', { args: ['command', 'hello'] }).then(function (program) {
        report('${key}', program.run());
      });
    `);
    equal(await until(() => reports[key], 10_000), 3);
    equal(document.getElementById('wasm-root').dataset.main, 'main(2, hello)');
  });

  it('a module that fails to load rejects instantiateWasm with the cause; other scripts run', async () => {
    const key = 'missing-module';
    await runOffloaded(`
      offstage.instantiateWasm('${WASM}/no-such-module.wasm').then(
        function () { report('${key}', 'loaded?'); },
        function (e) { report('${key}', e.message); });
    `);
    ok(
      /no-such-module\.wasm answered HTTP 404/.test(await until(() => reports[key], 10_000)),
      reports[key],
    );
    equal(await runOffloaded(`report('after', 1)`), 'done');
  });

  it('offloaded JS calls async page functions, page APIs by path and fetch as plain calls too', async () => {
    await runOffloaded(`
      var refused, missing;
      try { offstage.call('refuse', 'x'); } catch (e) { refused = e.message; }
      try { offstage.callPage('no.such.api', 1); } catch (e) { missing = e.name + ': ' + e.message; }
      var digest = offstage.callPage('crypto.subtle.digest', 'SHA-256', new TextEncoder().encode('abc'));
      var hex = Array.from(new Uint8Array(digest), function (b) { return b.toString(16).padStart(2, '0'); }).join('');
      report('js', [offstage.call('double', '4'), offstage.fetchSync('/tests/fixtures/seven.txt').text().trim(), refused, hex.slice(0, 16), missing]);
    `);
    deepEqual(await until(() => reports.js, 10_000), [
      '8',
      '7',
      'refused: x',
      'ba7816bf8f01cfea',
      'TypeError: no.such.api is not a function',
    ]);
  });

  it("offload() refuses a page function named like Offstage's own", async () => {
    const { offload } = await import('/dist/debug/main.js');
    let error;
    try {
      await offload({ lib: '/dist/debug/', functions: { 'offstage:setup': () => 1 } });
    } catch (e) {
      error = e;
    }
    ok(error instanceof TypeError && /offstage:setup.*reserved/.test(error.message), String(error));
  });

  it('runs an Emscripten program (no Asyncify) whose EM_JS code uses document and waits for a fetch', async () => {
    const root = Object.assign(document.createElement('div'), { id: 'em-root' });
    root.dataset.rows = '12';
    document.body.append(root);
    const key = 'emscripten';
    // Emscripten's own JS, unchanged, inserted by an offloaded script: it runs offloaded too.
    await runOffloaded(`
      var s = document.createElement('script');
      s.src = '${WASM}/emscripten-page.js';
      s.onload = function () {
        createEmscriptenPage({ print: function (line) { report('${key}-stdout', line); } }).then(
          function () { report('${key}', 'ran'); },
          function (e) { report('${key}', 'failed: ' + e); });
      };
      document.head.appendChild(s);
    `);
    equal(await until(() => reports[key], 20_000), 'ran');
    equal(root.textContent, 'rows=12 fetched=7');
    equal(document.title, 'emscripten: 12 rows');
    equal(reports[`${key}-stdout`], 'rows=12 fetched=7');
  });

  // 5,000 frames: Asyncify's default 4 KiB buffer holds about 250 of this function's; a
  // worker's native stack holds 5,000–10,000 in Chromium, 20,000–30,000 in Firefox and
  // 40,000–50,000 in WebKit (measured here), so 5,000 is what all three engines can run.
  describe("the seed's failure case: an async call at the bottom of a 5,000-frame recursion", () => {
    const DEPTH = 5_000;
    const URL_OF_SEVEN = '/tests/fixtures/seven.txt';
    /** What deep(depth) returns: 7 hashed through each level, as tests/wasm/deep-recursion.c does. */
    const expected = (depth) => {
      let value = 7;
      for (let d = 1; d <= depth; d++) value = (value * 31 + d) % 1000003;
      return value;
    };

    it('built with Asyncify (default stack size), it works shallow and traps at depth, on the main thread', async () => {
      await new Promise((resolve, reject) => {
        const script = Object.assign(document.createElement('script'), {
          src: `${WASM}/deep-recursion-asyncify.js`,
          onload: resolve,
          onerror: reject,
        });
        document.head.append(script);
      });
      const module = await createDeepAsyncify({ print: () => {}, printErr: () => {} });
      const call = (depth) =>
        module.ccall('deep', 'number', ['number', 'string'], [depth, URL_OF_SEVEN], {
          async: true,
        });
      equal(await call(10), expected(10), 'the build itself works');
      let failure;
      try {
        await call(DEPTH);
      } catch (error) {
        failure = error;
      }
      ok(failure, `Asyncify at depth ${DEPTH} should have failed`);
      ok(
        /unreachable|abort|memory access out of bounds|stack/i.test(String(failure)),
        String(failure),
      );
    });

    it('built plainly and run under Offstage, it returns the right value', async () => {
      const key = 'deep';
      await runOffloaded(`
        offstage.instantiateWasm('${WASM}/deep-recursion.wasm').then(function (program) {
          var url = new TextEncoder().encode('${URL_OF_SEVEN}\\0');
          var at = program.exports.malloc(url.length);
          new Uint8Array(program.exports.memory.buffer, at, url.length).set(url);
          try { report('${key}', program.exports.deep(${DEPTH}, at)); }
          catch (e) { report('${key}', String(e)); }
        });
      `);
      equal(await until(() => reports[key], 20_000), expected(DEPTH));
    });
  });
});
