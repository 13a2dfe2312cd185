import { deepEqual, equal } from './helpers/assert.js';
import { openChannel } from './helpers/channel.js';
import { collected } from './helpers/wait.js';
import { remoteAccess, syncApis } from '/dist/debug/main.js';

// offstage/wasm in a worker of your own: connect() with remoteAccess and syncApis on the
// page, connectMain({ proxies: true }) and instantiateWasm in the worker.
describe('wasm-connect: instantiateWasm and blocking web APIs in a connectMain() worker', () => {
  let channel;
  before(async () => {
    document.body.append(Object.assign(document.createElement('div'), { id: 'wasm-root' }));
    channel = await openChannel({
      url: '/tests/fixtures/wasm-worker.js',
      handlers: {
        ...remoteAccess,
        ...syncApis,
        callCount: () => channel.host.stats().calls,
        // An asynchronous page function: the worker gets its settled value, or its rejection thrown.
        later: (what) =>
          new Promise((resolve, reject) =>
            setTimeout(
              () => (what === 'fail' ? reject(new RangeError('no')) : resolve(`later: ${what}`)),
              10,
            ),
          ),
      },
    });
  });
  after(() => channel.close());

  it('C builds a table on the page through the page window the worker asks for, in one round trip', async () => {
    // 25 rows: 100 elements made, 75 texts set, 100 appends — all posted; the query waits.
    deepEqual(await channel.run('table', 25), { built: 25, handles: 2, roundTrips: 1 });
    equal(document.querySelectorAll('#wasm-table tr').length, 25);
    equal(document.querySelector('#wasm-table tr:last-child td').textContent, 'r24c0');
  });

  it('worker JS calls fetch (with worker Headers, a signal, a body), sleep and async page functions as plain functions', async () => {
    const key = `wasm-connect-${Math.random().toString(36).slice(2)}`;
    deepEqual(await channel.run('syncCalls', key), {
      status: 200,
      ok: true,
      type: 'application/json',
      json: { rows: [1, 2, 3], label: 'données' },
      bytes: 36,
      later: 'later: value',
      postedStatus: 200,
      rejected: 'RangeError: no',
    });
    const hits = await collected(key, 1, { settle: 200 });
    deepEqual(
      hits.map((h) => [h.method, h.body]),
      [['POST', 'from the worker']],
    );
  });
});
