import { connect, OffstageError } from '/dist/debug/main.js';
import { deepEqual, equal, ok, rejects } from './helpers/assert.js';
import {
  expectedTransport,
  openChannel,
  pageErrors,
  serviceWorker,
  sleep,
  WORKER,
} from './helpers/channel.js';

describe('connect', () => {
  let channel;
  afterEach(() => channel?.close());

  it(`uses the ${expectedTransport} transport on this page, and the worker really blocks on it`, async () => {
    channel = await openChannel({ handlers: { answer: () => 42 } });
    equal(channel.host.transport, expectedTransport);
    equal(await channel.run('transport'), expectedTransport);
    equal(await channel.run('call', 'answer'), 42);
    const httpRequests = await channel.run('syncRequests');
    if (expectedTransport === 'atomics')
      equal(httpRequests, 0, 'sync HTTP requests under Atomics:');
    else
      ok(
        httpRequests >= 1,
        `expected sync requests through the service worker, saw ${httpRequests}`,
      );
  });

  it('passes arguments and returns the handler result synchronously, in order', async () => {
    const seen = [];
    channel = await openChannel({
      handlers: { add: (a, b) => a + b, record: (i) => (seen.push(i), i * 2) },
    });
    equal(await channel.run('call', 'add', 2, 40), 42);
    deepEqual(
      await channel.run('callMany', 'record', 200),
      Array.from({ length: 200 }, (_, i) => i * 2),
    );
    deepEqual(
      seen,
      Array.from({ length: 200 }, (_, i) => i),
      'each call delivered once, in order:',
    );
  });

  it('blocks the worker until a Promise returned by a handler settles', async () => {
    channel = await openChannel({ handlers: { later: (v) => sleep(100).then(() => `late ${v}`) } });
    equal(await channel.run('call', 'later', 'answer'), 'late answer');
  });

  it('turns an async web API into a synchronous call (fetch on the main thread)', async () => {
    channel = await openChannel({ handlers: { text: (url) => fetch(url).then((r) => r.text()) } });
    const text = await channel.run('call', 'text', '/tests/fixtures/silent-worker.js');
    ok(text.includes('never calls connectMain'), `unexpected body: ${text}`);
  });

  it('handlers added later with host.handle() are callable', async () => {
    channel = await openChannel();
    channel.host.handle('late', () => 'here');
    equal(await channel.run('call', 'late'), 'here');
  });

  it('rethrows a handler error in the worker with the same name and message', async () => {
    channel = await openChannel({
      handlers: {
        throwsType: () => {
          throw new TypeError('bad type');
        },
        rejectsRange: () => Promise.reject(new RangeError('out of range')),
        rejectsDom: () => Promise.reject(new DOMException('denied', 'NotAllowedError')),
        throwsString: () => {
          throw 'just a string';
        },
      },
    });
    deepEqual(await channel.run('callError', 'throwsType'), {
      name: 'TypeError',
      message: 'bad type',
      code: undefined,
      constructor: 'TypeError',
      offstage: false,
    });
    deepEqual(await channel.run('callError', 'rejectsRange'), {
      name: 'RangeError',
      message: 'out of range',
      code: undefined,
      constructor: 'RangeError',
      offstage: false,
    });
    // A DOMException arrives as one (the worker's), with what the page's has.
    const onPage = new DOMException('denied', 'NotAllowedError');
    deepEqual(await channel.run('callError', 'rejectsDom'), {
      name: onPage.name,
      message: onPage.message,
      code: onPage.code,
      constructor: onPage.constructor.name,
      offstage: false,
    });
    await rejects(channel.run('call', 'throwsString'), { message: undefined });
  });

  it('an unknown handler name is a clear error naming it and the registered ones', async () => {
    channel = await openChannel({ handlers: { known: () => 1 } });
    const error = await channel.run('callError', 'nope');
    equal(error.code, 'unknown-handler');
    equal(error.offstage, true);
    ok(error.message.includes('"nope"') && error.message.includes('known'), error.message);
    ok(error.message.includes('host.handle'), 'debug builds explain the fix: ' + error.message);
  });

  it('times out instead of hanging, and a late answer is never taken for a later call', async () => {
    channel = await openChannel({
      timeout: 300,
      handlers: {
        slow: () => sleep(900).then(() => 'slow'),
        medium: (i) => sleep(250).then(() => `medium ${i}`),
      },
    });
    const results = await channel.run('timeoutThenMore', 4);
    deepEqual(results, ['timeout', 'medium 0', 'medium 1', 'medium 2', 'medium 3']);
    await sleep(100);
    equal(await channel.run('call', 'medium', 'after'), 'medium after');
  });

  it('a worker terminated mid-call leaves the page healthy', async () => {
    let release;
    const errors = await pageErrors(async () => {
      channel = await openChannel({ handlers: { hang: () => new Promise((r) => (release = r)) } });
      channel.run('call', 'hang');
      while (!release) await sleep(10);
      channel.worker.terminate();
      release('too late');
      await sleep(200);
      channel.close();
      channel = await openChannel({ handlers: { ping: () => 'pong' } });
      equal(await channel.run('call', 'ping'), 'pong');
    });
    deepEqual(errors, []);
  });

  it('after host.close() the worker gets no answers', async () => {
    channel = await openChannel({ timeout: 300, handlers: { ping: () => 'pong' } });
    channel.host.close();
    const error = await channel.run('callError', 'ping');
    equal(error.code, 'timeout');
  });

  it("keeps its messages from the application's own message listeners on both sides", async () => {
    channel = await openChannel({
      timeout: 500,
      handlers: { ping: () => 'pong', listen: (fn) => fn('event'), sameListener: () => true },
    });
    let seenByPage = 0;
    channel.worker.addEventListener(
      'message',
      ({ data }) => data?.offstage !== undefined && seenByPage++,
    );
    await channel.run('callMany', 'ping', 20);
    equal(await channel.run('passCallback'), true); // the page invokes the worker's function: page → worker messages
    channel.host.close();
    equal((await channel.run('callError', 'ping')).code, 'timeout');
    equal(seenByPage, 0, 'Offstage messages seen by the page:');
    equal(await channel.run('offstageSeen'), 0, 'Offstage messages seen by the worker:');
  });

  it('posted calls ride with the next blocking call, before it and in order: one round trip', async () => {
    const seen = [];
    channel = await openChannel({
      handlers: { record: (i) => seen.push(i), count: () => seen.length },
    });
    equal(
      await channel.run('postMany', 'record', 1000, 'count'),
      1000,
      'posted calls seen when the call ran:',
    );
    deepEqual(
      seen,
      Array.from({ length: 1000 }, (_, i) => i),
    );
    const { calls, posted } = channel.host.stats();
    deepEqual({ calls, posted }, { calls: 1, posted: 1000 });
  });

  it('a posted call whose argument cannot cross is dropped, and later calls still work', async () => {
    const seen = [];
    channel = await openChannel({ handlers: { record: (x) => seen.push(x), ping: () => 'pong' } });
    channel.worker.addEventListener('error', (e) => e.preventDefault()); // the worker reports the dropped batch
    equal(await channel.run('postUncloneableThenCall', 'record', 'ping'), 'pong');
    equal(await channel.run('call', 'ping'), 'pong');
    deepEqual(seen, []);
  });

  it('posted calls are sent at the end of the task when no call follows', async () => {
    const seen = [];
    channel = await openChannel({ handlers: { record: (i) => seen.push(i) } });
    equal(await channel.run('postMany', 'record', 3), null);
    const deadline = Date.now() + 5000;
    while (seen.length < 3 && Date.now() < deadline) await sleep(10);
    deepEqual(seen, [0, 1, 2]);
    equal(channel.host.stats().calls, 0, 'blocking calls:');
  });

  it('a posted call that throws is reported on the page console, and the rest still run', async () => {
    const seen = [];
    const logged = [];
    const original = console.error;
    console.error = (...args) => logged.push(args);
    try {
      channel = await openChannel({
        handlers: {
          record: (i) => {
            if (i === 1) throw new TypeError('bad record');
            seen.push(i);
          },
          count: () => seen.length,
        },
      });
      equal(await channel.run('postMany', 'record', 3, 'count'), 2);
    } finally {
      console.error = original;
    }
    deepEqual(seen, [0, 2]);
    equal(logged.length, 1);
    ok(
      String(logged[0][0]).includes('"record"') && logged[0][1] instanceof TypeError,
      String(logged[0]),
    );
  });

  it('keeps working when code in the worker wraps XMLHttpRequest', async () => {
    channel = await openChannel({ handlers: { ping: () => 'pong' } });
    equal(await channel.run('callWithXhrWrapped', 'ping'), 'pong');
  });

  it('counts the calls it answered', async () => {
    channel = await openChannel({ handlers: { ping: () => 'pong' } });
    await channel.run('callMany', 'ping', 10);
    equal(channel.host.stats().calls, 10);
  });

  it('rejects with a timeout when the worker never calls connectMain()', async () => {
    await rejects(
      connect(() => new Worker('/tests/fixtures/silent-worker.js', { type: 'module' }), {
        serviceWorker,
        startTimeout: 500,
      }),
      { name: 'OffstageError', code: 'timeout', includes: 'connectMain' },
    );
  });

  it('rejects when the worker script fails to load', async () => {
    const error = await rejects(
      connect(() => new Worker('/tests/fixtures/missing-worker.js', { type: 'module' }), {
        serviceWorker,
        timeout: 10_000,
      }),
    );
    ok(error instanceof OffstageError, String(error));
    equal(error.code, 'transport-failed');
  });

  it('reports "no-sync-transport" when the requested transport cannot work here', async () => {
    if (self.crossOriginIsolated) {
      // Isolated pages can use both transports: make the service worker's registration fail.
      // (Not with a 404 script: after one, WebKitGTK 2.50 leaves later workers uncontrolled
      // for the rest of the browser session. A non-HTTP URL is refused before any job starts.)
      await rejects(
        connect(() => new Worker(WORKER, { type: 'module' }), {
          serviceWorker: { url: 'data:text/javascript,', scope: '/no/such/' },
          transport: 'service-worker',
        }),
        { code: 'no-sync-transport', includes: 'data:text/javascript' },
      );
    } else {
      await rejects(
        connect(() => new Worker(WORKER, { type: 'module' }), { transport: 'atomics' }),
        { code: 'no-sync-transport', includes: 'isolated' },
      );
    }
  });
});
