import { deepEqual, equal, ok } from './helpers/assert.js';
import { addScript, reporting, runOffloaded, settled } from './helpers/offstage-scripts.js';
import { until } from './helpers/wait.js';

describe('scripts: what offloaded scripts load, insert and create', () => {
  const reports = reporting();
  // Only the page has the first; only offloaded scripts the second.
  before(async () => {
    window.__pageOnlyMarker = true;
    await runOffloaded('var workerOnlyMarker = true;');
  });

  it('a script element an offloaded script inserts runs in the worker, then fires its onload', async () => {
    await runOffloaded(`
      var s = document.createElement('script');
      s.type = 'text/javascript';
      s.async = true;
      s.src = '/tests/fixtures/inserted-script.js';
      s.onload = function () { report('inserted', [insertedRanIn, s.getAttribute('type')]); };
      var first = document.getElementsByTagName('script')[0];
      first.parentNode.insertBefore(s, first);
    `);
    deepEqual(await until(() => reports.inserted, 8000), ['worker', 'text/offstage']);
  });

  it('fires onerror for an inserted script that fails to load; other scripts still run', async () => {
    const errors = [];
    const consoleError = console.error;
    console.error = (...args) => errors.push(args.join(' '));
    try {
      await runOffloaded(`
        var s = document.createElement('script');
        s.src = '/tests/fixtures/no-such-inserted-script.js';
        s.onerror = function (e) { report('inserted-error', e.type); };
        document.head.appendChild(s);
      `);
      equal(await until(() => reports['inserted-error'], 8000), 'error');
      ok(
        errors.some((e) => e.includes('no-such-inserted-script.js') && e.includes('404')),
        errors.join('\n'),
      );
      equal(await runOffloaded(`report('still', 'running')`), 'done');
      equal(reports.still, 'running');
    } finally {
      console.error = consoleError;
    }
  });

  it('inline inserted scripts run in the worker; non-JavaScript ones (JSON-LD) stay data', async () => {
    await runOffloaded(`
      var s = document.createElement('script');
      s.textContent = "report('inline-inserted', typeof workerOnlyMarker === 'boolean' && typeof __pageOnlyMarker === 'boolean' ? 'worker, sees the page' : 'page')";
      document.body.appendChild(s);
      var data = document.createElement('script');
      data.type = 'application/ld+json';
      data.id = 'ld';
      data.textContent = '{"@type": "Thing"}';
      document.body.appendChild(data);
    `);
    equal(await until(() => reports['inline-inserted'], 8000), 'worker, sees the page');
    equal(document.getElementById('ld').type, 'application/ld+json');
    equal(document.getElementById('ld').dataset.offstage, undefined, 'not taken as a script:');
  });

  it('an inline script an offloaded script inserts runs during the insertion, as on a page', async () => {
    // The oracle: the same code as a page script. Code set by text, textContent and a text
    // node; inserted by appendChild, insertBefore and append; nested currentScript; a JSON
    // script and a script in a detached element do not run then.
    const code = (name) => `(function () {
      var outer = document.currentScript;
      window.${name} = [];
      var log = window.${name};
      var a = document.createElement('script');
      a.text = "${name}.push('a ran, current: ' + (document.currentScript === window.${name}A))";
      window.${name}A = a;
      document.head.appendChild(a);
      log.push('after a, current is outer: ' + (document.currentScript === outer));
      var b = document.createElement('script');
      b.textContent = "${name}.push('b ran')";
      document.head.insertBefore(b, document.head.firstChild);
      log.push('after b');
      var c = document.createElement('script');
      c.appendChild(document.createTextNode("${name}.push('c ran')"));
      document.body.append(c);
      log.push('after c');
      var d = document.createElement('script');
      d.type = 'application/json';
      d.text = "${name}.push('d ran')";
      document.body.appendChild(d);
      var holder = document.createElement('div');
      var e = document.createElement('script');
      e.text = "${name}.push('e ran')";
      holder.appendChild(e);
      log.push('after e, detached');
      document.body.appendChild(holder);
      log.push('after holder');
      report('${name}', log.slice());
    })();`;
    const script = document.createElement('script');
    script.text = code('insertedOnPage');
    document.body.append(script);
    equal(await runOffloaded(code('insertedOffloaded')), 'done');
    const onPage = reports.insertedOnPage;
    equal(onPage[0], 'a ran, current: true', 'the page ran a first');
    deepEqual(await until(() => reports.insertedOffloaded, 8000), onPage);
  });

  it('scripts in the markup run in the order a page runs them: in order, defer and modules after parsing, a slow async one when it has loaded', async () => {
    const order = async (query) => {
      const frame = document.createElement('iframe');
      frame.src = `/tests/fixtures/script-order.html${query}`;
      document.body.append(frame);
      try {
        return await until(
          () => frame.contentWindow.order?.length === 6 && frame.contentWindow.order.slice(),
          15_000,
        );
      } finally {
        frame.remove();
      }
    };
    const onPage = await order('?page');
    equal(onPage.at(-1), 'slow-async', 'the page ran the slow async script last');
    deepEqual(await order(''), onPage);
  });

  it('scripts inserted by offloaded code run as inserted scripts do: async ones as they load, async = false in order', async () => {
    // The oracle: the same code as a page script. The scripts note their names with the
    // page's noteOrder.
    const code = `(function () {
      var visit = Math.random().toString(36).slice(2);
      function add(name, delay, inOrder) {
        var s = document.createElement('script');
        if (inOrder) s.async = false;
        s.src = '/slow/' + delay + '/tests/fixtures/note-order.js?' + name + '&' + visit;
        document.head.appendChild(s);
      }
      add('slow-async', 1200, false);
      add('fast-async', 0, false);
      add('slow-in-order', 400, true);
      add('fast-in-order', 0, true);
    })();`;
    const run = async (how) => {
      const order = [];
      window.noteOrder = (name) => order.push(name);
      await how();
      return until(() => order.length === 4 && order, 8000);
    };
    const onPage = await run(() => {
      const script = document.createElement('script');
      script.text = code;
      document.body.append(script);
    });
    deepEqual(onPage, ['fast-async', 'slow-in-order', 'fast-in-order', 'slow-async'], 'the page');
    deepEqual(await run(() => runOffloaded(code)), onPage);
  });

  it('a script an offloaded script inserts into a frame runs in the frame, as on a page', async () => {
    // The oracle: the same code as a page script. Inline and external scripts made by the
    // page's document or by the frame's, inserted into the frame's document.
    const code = (name) => `(function () {
      var log = [];
      var frame = document.createElement('iframe');
      frame.src = '/tests/fixtures/blank.html';
      frame.onload = function () {
        var doc = frame.contentDocument;
        var inline = document.createElement('script');
        inline.text = 'window.inlineRan = window !== top';
        doc.body.appendChild(inline);
        log.push('inline ran in the frame: ' + frame.contentWindow.inlineRan + ', type ' + inline.type);
        var own = doc.createElement('script');
        own.textContent = 'window.ownRan = window !== top';
        doc.head.appendChild(own);
        log.push('own ran in the frame: ' + frame.contentWindow.ownRan);
        var external = document.createElement('script');
        external.type = 'text/javascript';
        external.src = '/tests/fixtures/frame-script.js';
        external.onload = function () {
          log.push('external ran in the frame: ' + frame.contentWindow.ranInFrame + ', type ' + external.type);
          report('${name}', log);
        };
        doc.body.appendChild(external);
      };
      document.body.appendChild(frame);
    })();`;
    const script = document.createElement('script');
    script.text = code('frameOnPage');
    document.body.append(script);
    const onPage = await until(() => reports.frameOnPage, 8000);
    equal(onPage[0], 'inline ran in the frame: true, type ', 'the page ran it in the frame');
    equal(await runOffloaded(code('frameOffloaded')), 'done');
    deepEqual(await until(() => reports.frameOffloaded, 8000), onPage);
  });

  it('iframes a script creates load on the page', async () => {
    await runOffloaded(`
      var frame = document.createElement('iframe');
      frame.id = 'made-frame';
      frame.src = '/tests/fixtures/second-page.html?name=frame';
      frame.onload = function () { report('frame', frame.contentWindow.location.pathname); };
      document.body.appendChild(frame);
    `);
    equal(await until(() => reports.frame, 8000), '/tests/fixtures/second-page.html');
  });

  it('runs as global code: top-level this is window, let/const/class shared between scripts, UMD wrappers work', async () => {
    await runOffloaded(`
      let sharedLet = 'let';
      const sharedConst = 'const';
      class SharedClass {}
      var topThis = this;
      (function (root, factory) { root.umdLibrary = factory(root.document); })(this, function (doc) { return { title: doc.title }; });
    `);
    await runOffloaded(`
      report('global-code', [topThis === window, window === self, self === globalThis, sharedLet, sharedConst, typeof SharedClass, umdLibrary.title === document.title, typeof window.document.body]);
    `);
    deepEqual(reports['global-code'], [
      true,
      true,
      true,
      'let',
      'const',
      'function',
      true,
      'object',
    ]);
  });

  it("globals an offloaded script makes are the page's too: page code sees their values, later changes, and calls its functions", async () => {
    // The oracle: the same code as a page script.
    const code = (p) => `
      var ${p}Var = 'var';
      window.${p}Prop = 42;
      ${p}Implicit = true;
      function ${p}Fn(x) { report('${p}Called', [x, this === window, typeof ${p}Var]); }
      // Later, when the test asks (a timer here raced the test's first look).
      addEventListener('message', function (e) {
        if (e.data === '${p}-change') { window.${p}Prop = 43; ${p}Var = 'changed'; }
      });
    `;
    const seen = (p) => [
      typeof window[`${p}Var`],
      window[`${p}Var`],
      window[`${p}Prop`],
      window[`${p}Implicit`],
      typeof window[`${p}Fn`],
      `${p}Var` in window,
    ];
    const check = async (p, run) => {
      await run();
      const first = seen(p);
      window[`${p}Fn`]('called');
      const called = await until(() => reports[`${p}Called`], 5000);
      postMessage(`${p}-change`, '*');
      await until(() => window[`${p}Prop`] === 43 && window[`${p}Var`] === 'changed', 5000);
      return [first, called, seen(p)];
    };
    const onPage = await check('globalsOnPage', () => {
      const script = document.createElement('script');
      script.text = code('globalsOnPage');
      document.body.append(script);
    });
    deepEqual(onPage[0], ['string', 'var', 42, true, 'function', true], 'the page');
    deepEqual(
      await check('globalsOffloaded', () => runOffloaded(code('globalsOffloaded'))),
      onPage,
    );
  });

  it("a page method an offloaded script replaces is replaced for page code too: the replacement runs, the original once, with the page's result or error", async () => {
    // The oracle: the same code as a page script, then the same page calls.
    const code = (p) => `
      var seen = [];
      var pushState = history.pushState;
      history.pushState = function (state, title, url) {
        seen.push(['pushState', this === history, url]);
        var result = pushState.apply(this, arguments);
        seen.push([location.hash, result === undefined]);
        report('${p}', seen.slice());
      };
      var createAttribute = document.createAttribute;
      document.createAttribute = function (name) {
        try {
          var attr = createAttribute.call(this, name);
          seen.push(['createAttribute', name, attr.name]);
          return attr;
        } catch (error) {
          seen.push(['createAttribute', name, error.name]);
          throw error;
        } finally {
          report('${p}', seen.slice());
        }
      };
      var add = pageCounter.add;
      pageCounter.add = function (n) {
        try {
          var sum = add.call(this, n);
          seen.push(['add', n, sum]);
          return sum;
        } catch (error) {
          seen.push(['add', n, error.name]);
          throw error;
        } finally {
          report('${p}', seen.slice());
        }
      };
      history.pushState(null, '', '#self');
    `;
    const check = async (p, run) => {
      const url = location.pathname + location.search;
      // A page object of the page's own (an instance: plain objects reach the worker as
      // copies), whose method counts its calls.
      window.pageCounter = new (class Counter {
        calls = 0;
        add(n) {
          this.calls++;
          if (n < 0) throw new RangeError('negative');
          return n * 2;
        }
      })();
      await run();
      history.pushState(null, '', '#page');
      const attr = document.createAttribute('data-x');
      let error;
      try {
        document.createAttribute('no spaces');
      } catch (e) {
        error = e.name;
      }
      const page = [attr.name, attr instanceof Attr, error, location.hash, pageCounter.add(2)];
      try {
        pageCounter.add(-1);
      } catch (e) {
        page.push(e.name);
      }
      const seen = await until(() => reports[p]?.length === 8 && reports[p], 5000);
      // The original ran once per call.
      page.push(pageCounter.calls);
      delete history.pushState;
      delete document.createAttribute;
      history.replaceState(null, '', url);
      return [page, seen];
    };
    const onPage = await check('replacedOnPage', () => {
      const script = document.createElement('script');
      script.text = code('replacedOnPage');
      document.body.append(script);
    });
    deepEqual(
      onPage[0],
      ['data-x', true, 'InvalidCharacterError', '#page', 4, 'RangeError', 2],
      'the page',
    );
    deepEqual(
      await check('replacedOffloaded', () => runOffloaded(code('replacedOffloaded'))),
      onPage,
    );
  });

  it('sees page globals a frame adds while offloaded code runs, without a new script', async () => {
    // A timer of an offloaded script reads a name the page gains after the script ran.
    equal(
      await runOffloaded(`setTimeout(function () {
        report('fromFrame', [typeof addedByFrame === 'string' && addedByFrame, window.addedByFrame]);
      }, 1500);`),
      'done',
    );
    const frame = document.createElement('iframe');
    frame.src = '/tests/fixtures/blank.html';
    document.body.append(frame);
    await new Promise((resolve) => (frame.onload = resolve));
    frame.contentWindow.eval("parent.addedByFrame = 'frame'");
    // What a page script's timer would see.
    deepEqual(await until(() => reports.fromFrame, 5000), ['frame', 'frame']);
    frame.remove();
  });

  it('sees page globals created after the worker started, bare and through window', async () => {
    window.lateGlobal = { from: 'page' };
    await runOffloaded(
      `report('late', [lateGlobal.from, window.lateGlobal.from, 'lateGlobal' in window])`,
    );
    deepEqual(reports.late, ['page', 'page', true]);
  });

  it('runs ES modules (data-type="module"): by src with imports, and inline, after the classic scripts (deferred, as in markup)', async () => {
    const order = [];
    window.noteOrder = (name) => order.push(name);
    const scripts = [
      addScript({ src: '/tests/fixtures/modules/main.js', 'data-type': 'module' }),
      addScript({ text: `noteOrder('classic after module')` }),
      addScript({
        text: `const m = await Promise.resolve('inline module'); noteOrder(m + ' ' + (typeof this));`,
        'data-type': 'module',
      }),
      addScript({ text: `noteOrder('classic after inline module')` }),
    ];
    deepEqual(await settled(scripts), ['done', 'done', 'done', 'done']);
    equal(document.body.dataset.module, 'imported undefined true');
    deepEqual(order, [
      'classic after module',
      'classic after inline module',
      'inline module undefined',
    ]);
  });

  it('a page function or property that gives a Promise gives offloaded scripts one too: then, await and rejections as on the page', async () => {
    window.pageLater = (n) => new Promise((resolve) => setTimeout(() => resolve(n * 2), 10));
    window.pageRefuse = () => Promise.reject(new TypeError('refused'));
    await runOffloaded(`
      var later = pageLater(21);
      report('promise', [later instanceof Promise, typeof later.then]);
      later.then(function (n) { report('then', n); });
      (async function () { report('await', await pageLater(2)); })();
      pageRefuse().catch(function (e) { report('rejected', e.name + ': ' + e.message); });
      document.fonts.ready.then(function (fonts) { report('fonts', fonts === document.fonts); });
    `);
    deepEqual(await until(() => reports.promise), [true, 'function']);
    equal(await until(() => reports.then), 42);
    equal(await until(() => reports.await), 4);
    equal(await until(() => reports.rejected), 'TypeError: refused');
    equal(await until(() => reports.fonts), true);
  });
});
