// The production files, loaded as users load them: minified, dev-only text stripped.
import { connect } from '/dist/main.js';
import { equal, ok } from './helpers/assert.js';
import { expectedTransport, runner, serviceWorker } from './helpers/channel.js';

describe('production build', () => {
  let host;
  let worker;
  afterEach(() => {
    host?.close();
    worker?.terminate();
  });

  const open = async (handlers) => {
    host = await connect(
      () => (worker = new Worker('/tests/fixtures/production-worker.js', { type: 'module' })),
      {
        serviceWorker: { ...serviceWorker, url: '/dist/sw.js' },
        handlers,
      },
    );
    return runner(worker);
  };

  it('round-trips a call on the production bundles', async () => {
    const run = await open({ greet: (name) => Promise.resolve(`hello ${name}`) });
    equal(host.transport, expectedTransport);
    equal(await run('call', 'greet', 'prod'), 'hello prod');
  });

  it('keeps error codes and the cause, without the debug explanations', async () => {
    const run = await open({ known: () => 1 });
    const error = await run('callError', 'missing');
    equal(error.code, 'unknown-handler');
    ok(error.message.includes('"missing"'), error.message);
    ok(
      !error.message.includes('host.handle'),
      `production message carries debug text: ${error.message}`,
    );
  });
});
