import { remoteAccess } from '/dist/debug/main.js';
import { deepEqual, equal } from './helpers/assert.js';
import { openChannel } from './helpers/channel.js';

// With `proxies: true` and the page's `remoteAccess` handlers, page objects behave like
// themselves in the worker; every effect below is checked on the page's real DOM.
describe('remote proxies', () => {
  let channel;
  afterEach(() => {
    channel?.close();
    document.getElementById('from-worker')?.remove();
    localStorage.removeItem('offstage-key');
  });
  const open = () =>
    openChannel({ url: '/tests/fixtures/proxy-worker.js', handlers: { ...remoteAccess } });

  it("refuses what the page's guard refuses: an object as it is lent, and one the worker names", async () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      '<p id="guard-open">open</p><p id="guard-closed">closed</p>',
    );
    let closed = false;
    const guard = (object) => {
      if (object.id === 'guard-closed' || (closed && object.id === 'guard-open'))
        throw new DOMException(`refused #${object.id}`, 'SecurityError');
    };
    channel = await openChannel({
      url: '/tests/fixtures/proxy-worker.js',
      handlers: { ...remoteAccess, closeGuard: () => void (closed = true) },
      guard,
    });
    try {
      deepEqual(await channel.run('guarded'), {
        text: 'open',
        lent: 'refused #guard-closed',
        named: 'refused #guard-open',
      });
    } finally {
      document.getElementById('guard-open').remove();
      document.getElementById('guard-closed').remove();
    }
  });

  it('reads and writes the DOM synchronously, with identity, typeof, `in` and instanceof intact', async () => {
    const before = document.title;
    channel = await open();
    const result = await channel.run('basics');
    try {
      deepEqual(result, {
        title: before,
        sameBody: true,
        typeofDocument: 'object',
        typeofMethod: 'function',
        hasTitle: true,
        hasMissing: false,
        tagName: 'DIV',
        foundIsSame: true,
        sameMethod: true,
        thenIsUndefined: true,
        storageKeys: true,
        childCount: 1,
        isHTMLElement: true,
        notAnImage: false,
      });
      const div = document.getElementById('from-worker');
      equal(div.textContent, 'hello');
      equal(div.dataset.x, '1');
      equal(div.className, 'a b');
      equal(div.style.color, 'red');
      equal(document.title, 'set from the worker');
      equal(localStorage.getItem('offstage-key'), 'v');
    } finally {
      document.title = before;
    }
  });

  it('constructs page objects with `new` and dispatches events the page receives', async () => {
    channel = await open();
    const received = new Promise((resolve) =>
      document.body.addEventListener('made-in-worker', (e) => resolve(e.detail), { once: true }),
    );
    deepEqual(await channel.run('construct'), {
      q: '1',
      host: 'example.test',
      type: 'made-in-worker',
    });
    deepEqual(await received, { n: 1 });
  });

  it('delivers page events to worker listeners, which can read the event', async () => {
    channel = await open();
    equal(await channel.run('listen'), true);
    const delivered = new Promise((resolve) =>
      channel.worker.addEventListener('message', ({ data }) => data.event && resolve(data)),
    );
    document.body.dispatchEvent(new CustomEvent('offstage-ping', { detail: 'pong' }));
    deepEqual(await delivered, { event: 'offstage-ping', detail: 'pong' });
  });

  it('batches writes: 1000 property writes and one read make one round trip', async () => {
    channel = await openChannel({
      url: '/tests/fixtures/proxy-worker.js',
      handlers: { ...remoteAccess, callCount: () => channel.host.stats().calls },
    });
    deepEqual(await channel.run('manyWrites', 1000), { text: '999', roundTrips: 1 });
  });

  it('enumerates page objects in one round trip (Object.keys), values read on demand (Object.entries)', async () => {
    for (let i = 0; i < 20; i++)
      localStorage.setItem(`offstage-k${String(i).padStart(2, '0')}`, String(i));
    try {
      channel = await openChannel({
        url: '/tests/fixtures/proxy-worker.js',
        handlers: { ...remoteAccess, callCount: () => channel.host.stats().calls },
      });
      const { keys, entries, roundTrips } = await channel.run('storageKeys');
      equal(keys.length, 20);
      deepEqual(entries[3], ['offstage-k03', '3']);
      equal(roundTrips, 1, 'round trips for Object.keys:');
    } finally {
      for (let i = 0; i < 20; i++)
        localStorage.removeItem(`offstage-k${String(i).padStart(2, '0')}`);
    }
  });

  it('rethrows DOM exceptions from the page in the worker', async () => {
    channel = await open();
    deepEqual(await channel.run('throws'), { name: 'SyntaxError' });
  });
});
