import { connect } from '/dist/debug/main.js';
import { deepEqual, equal, ok, rejects } from './helpers/assert.js';
import { openChannel, runner, serviceWorker, WORKER } from './helpers/channel.js';

// The service-worker transport, forced so that these run on isolated pages too.
const transport = 'service-worker';

/** A channel whose `init` message (the channel's id and endpoint) the test gets to see. */
async function connectSeeingInit(handlers = {}) {
  let init;
  let worker;
  const host = await connect(
    () => {
      worker = new Worker(WORKER, { type: 'module' });
      const post = worker.postMessage.bind(worker);
      worker.postMessage = (message, transfer) => ((init ??= message), post(message, transfer));
      return worker;
    },
    { transport, serviceWorker, handlers },
  );
  return { host, worker, init };
}

describe('service-worker transport', () => {
  let channel;
  afterEach(() => channel?.close());

  it('works on the first load: a new registration installs, activates, and controls the worker', async () => {
    const scope = `${WORKER}?first-load=${crypto.randomUUID()}`;
    equal(
      await navigator.serviceWorker
        .getRegistration(scope)
        .then((r) => r?.scope === new URL(scope, location.href).href),
      false,
      'registered before:',
    );
    try {
      channel = await openChannel({
        transport,
        url: scope,
        serviceWorker: { url: serviceWorker.url, scope },
        handlers: { ping: () => 'pong' },
      });
      equal(channel.host.transport, 'service-worker');
      equal(await channel.run('call', 'ping'), 'pong');
    } finally {
      await (await navigator.serviceWorker.getRegistration(scope))?.unregister();
    }
  });

  it('a new version of the service worker takes over promptly while channels are in use', async function () {
    this.timeout(15_000); // an old version holding its events open would block activation far longer
    const scope = `${WORKER}?update=${crypto.randomUUID()}`;
    try {
      for (const [url, answer] of [
        ['/dist/sw.js', 'old'],
        ['/dist/debug/sw.js', 'new'],
      ]) {
        channel = await openChannel({
          transport,
          url: scope,
          serviceWorker: { url, scope },
          handlers: { version: () => answer },
        });
        // Answers the page posts before the worker asks are the ones the old version keeps alive.
        deepEqual(await channel.run('callMany', 'version', 50), [answer]);
        const registration = await navigator.serviceWorker.getRegistration(scope);
        equal(registration.active.scriptURL, new URL(url, location.href).href);
        channel.close();
      }
    } finally {
      await (await navigator.serviceWorker.getRegistration(scope))?.unregister();
    }
  });

  it('two tabs at once each get their own answers', async function () {
    this.timeout(60_000);
    const calls = 150;
    const tabs = ['tab-a', 'tab-b'].map((name) => ({
      name,
      window: window.open(
        `/tests/fixtures/second-page.html?name=${name}&calls=${calls}&transport=${transport}`,
      ),
    }));
    try {
      for (const tab of tabs) ok(tab.window, 'window.open was refused');
      const messages = {};
      const wait = (key) =>
        new Promise((resolve) => {
          const check = () =>
            tabs.every((t) => messages[t.name]?.[key] || messages[t.name]?.error) && resolve();
          addEventListener('message', ({ data }) => {
            if (!data?.from) return;
            Object.assign((messages[data.from] ??= {}), data);
            check();
          });
          check();
        });
      await wait('ready');
      for (const tab of tabs) tab.window.postMessage('go', location.origin);
      await wait('results');
      for (const tab of tabs) {
        const m = messages[tab.name];
        equal(m.error, undefined, `${tab.name} failed:`);
        equal(m.transport, 'service-worker');
        deepEqual(m.results, [tab.name], `${tab.name} saw answers meant for another tab:`);
      }
    } finally {
      for (const tab of tabs) tab.window?.close();
    }
  });

  it("answers only its own clients: another worker cannot read a channel's answers", async () => {
    const { host, worker: victim, init } = await connectSeeingInit({ secret: () => 'secret' });
    channel = await openChannel({ transport });
    try {
      const { endpoint, channel: id } = init.transport;
      equal(await runner(victim)('call', 'secret'), 'secret');
      equal(
        await channel.run('rawSync', `${endpoint}?c=${id}&i=2&t=100`),
        403,
        "a stranger asking for the channel's answer:",
      );
      equal(
        await channel.run('rawSync', `${endpoint}?c=${id}&probe=1`),
        403,
        'a stranger probing the channel:',
      );
      equal(await runner(victim)('call', 'secret'), 'secret', 'the owner is still served:');
    } finally {
      host.close();
      victim.terminate();
    }
  });

  it('a worker outside the scope is reported as not controlled, with the fix', async () => {
    const error = await rejects(
      openChannel({ transport, url: '/tests/outside/channel-worker.js', timeout: 10_000 }),
      { code: 'not-controlled' },
    );
    ok(error.message.includes('scope'), error.message);
  });

  it('a blob: worker from a page outside the scope is reported as not controlled', async () => {
    const url = URL.createObjectURL(
      new Blob([`import '${new URL(WORKER, location.href)}';`], { type: 'text/javascript' }),
    );
    await rejects(openChannel({ transport, url, timeout: 10_000 }), { code: 'not-controlled' });
  });

  it('a blob: worker works when the page is inside the scope (absolute endpoint URL)', async () => {
    const scope = '/';
    const url = URL.createObjectURL(
      new Blob([`import '${new URL(WORKER, location.href)}';`], { type: 'text/javascript' }),
    );
    try {
      channel = await openChannel({
        transport,
        url,
        serviceWorker: { url: serviceWorker.url, scope },
        handlers: { ping: () => 'pong' },
      });
      ok(navigator.serviceWorker.controller, 'the page was claimed on activation');
      equal(await channel.run('call', 'ping'), 'pong');
    } finally {
      await (await navigator.serviceWorker.getRegistration(scope))?.unregister();
    }
  });
});
