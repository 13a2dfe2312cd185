import { deepEqual, equal, ok } from './helpers/assert.js';
import { openChannel, sleep } from './helpers/channel.js';

describe('remote references', () => {
  let channel;
  afterEach(() => channel?.close());

  it('a DOM node crosses as a handle: same node, same handle; passed back, the page gets the node', async () => {
    const node = document.createElement('div');
    const other = document.createElement('span');
    channel = await openChannel({
      handlers: { node: () => node, otherNode: () => other, isNode: (n) => n === node },
    });
    deepEqual(await channel.run('identity'), {
      same: true,
      remote: true,
      backOnMain: true,
      other: false,
    });
  });

  it('a worker function passed to the page becomes a callable reference, with identity', async () => {
    const listeners = [];
    channel = await openChannel({
      handlers: {
        listen: (fn) => listeners.push(fn),
        sameListener: () => listeners.length === 2 && listeners[0] === listeners[1],
      },
    });
    const calledBack = new Promise((resolve) =>
      channel.worker.addEventListener(
        'message',
        ({ data }) => data.callback && resolve(data.callback),
      ),
    );
    equal(await channel.run('passCallback'), true);
    equal(typeof listeners[0], 'function');
    listeners[0]('clicked', { x: 1 });
    deepEqual(await calledBack, ['clicked', { x: 1 }]);
  });

  it('a page function returned to the worker is callable synchronously there', async () => {
    const double = (x) => x * 2;
    channel = await openChannel({ handlers: { getDoubler: () => double } });
    deepEqual(await channel.run('mainFunction', 21), [42, true]);
  });

  it('releases page objects once the worker drops their handles (FinalizationRegistry)', async function () {
    this.timeout(60_000);
    channel = await openChannel({
      handlers: { fresh: (i) => ({ i, node: document.createElement('p') }).node },
    });
    equal(await channel.run('makeHandles', 500), 500);
    equal(channel.host.stats().lent, 500, 'held while the worker holds them:');
    await channel.run('dropHandles');
    const deadline = Date.now() + 45_000;
    while (channel.host.stats().lent > 0 && Date.now() < deadline) {
      await sleep(200);
      await channel.run('collect');
    }
    equal(channel.host.stats().lent, 0, 'lent objects after the worker dropped them:');
  });
});
