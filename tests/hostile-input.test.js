import { connect } from '/dist/debug/main.js';
import { deepEqual, equal, ok } from './helpers/assert.js';
import { serviceWorker } from './helpers/channel.js';

// Nothing from a message runs as code, and malformed input never hurts the page: a worker
// (tests/fixtures/hostile-worker.js) sends the page 10,000 malformed and hostile messages
// beside a real channel. The page must throw nothing uncaught, evaluate nothing, keep running
// its own tasks, keep answering the real channel, and answer a forged reference with an error.
describe('hostile input: a worker that breaks the protocol cannot hurt the page', () => {
  it('10,000 malformed messages: nothing uncaught or evaluated, the page runs on, the channel answers, a forged reference is an error', async function () {
    this.timeout(120_000);
    const evaluated = [];
    const spy = (name, fn, isCode = () => true) =>
      new Proxy(fn, {
        apply(target, self, args) {
          if (isCode(args)) evaluated.push(name);
          return Reflect.apply(target, self, args);
        },
        construct(target, args, newTarget) {
          evaluated.push(name);
          return Reflect.construct(target, args, newTarget);
        },
      });
    const originals = {
      eval: window.eval,
      Function: window.Function,
      setTimeout: window.setTimeout,
      setInterval: window.setInterval,
      consoleError: console.error,
    };
    window.eval = spy('eval', originals.eval);
    window.Function = spy('Function', originals.Function);
    window.setTimeout = spy('setTimeout', originals.setTimeout, ([fn]) => typeof fn === 'string');
    window.setInterval = spy(
      'setInterval',
      originals.setInterval,
      ([fn]) => typeof fn === 'string',
    );
    const uncaught = [];
    const onError = (event) => uncaught.push(String(event.message ?? event.reason));
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onError);
    const reported = [];
    console.error = (...args) => reported.push(String(args[0]));
    // The page's own task, timed: the longest gap between its runs.
    let last = performance.now();
    let longestGap = 0;
    const ticker = originals.setInterval.call(
      window,
      () => {
        longestGap = Math.max(longestGap, performance.now() - last);
        last = performance.now();
      },
      10,
    );
    let worker;
    let host;
    try {
      host = await connect(
        () => (worker = new Worker('/tests/fixtures/hostile-worker.js', { type: 'module' })),
        { serviceWorker, handlers: { echo: (value) => value } },
      );
      const done = new Promise((resolve) =>
        worker.addEventListener('message', (event) => {
          if (event.data?.hostileDone) resolve(event.data.hostileDone);
        }),
      );
      worker.postMessage({ hostile: 10_000, seed: 7 });
      const result = await done;
      await new Promise((resolve) => originals.setTimeout.call(window, resolve, 100));

      deepEqual(uncaught, [], 'uncaught errors on the page:');
      deepEqual(evaluated, [], 'strings run as code on the page:');
      equal(result.echo, 'still here', 'the real channel answers after the barrage:');
      equal(result.again, 'and again');
      equal(result.forged[0], 1, 'a forged reference is answered with a thrown error:');
      ok(/reference #123456/.test(result.forged[1]), `the error names it: ${result.forged[1]}`);
      ok(
        reported.some((line) => line.startsWith('Offstage: dropped')),
        `malformed messages are reported on the console: ${reported.slice(0, 3)}`,
      );
      ok(longestGap < 5000, `the page kept running its own tasks (longest gap ${longestGap} ms)`);
    } finally {
      clearInterval(ticker);
      Object.assign(window, {
        eval: originals.eval,
        Function: originals.Function,
        setTimeout: originals.setTimeout,
        setInterval: originals.setInterval,
      });
      console.error = originals.consoleError;
      removeEventListener('error', onError);
      removeEventListener('unhandledrejection', onError);
      host?.close();
      worker?.terminate();
    }
  });
});
