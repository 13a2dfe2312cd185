import { deepEqual, equal, ok } from './helpers/assert.js';
import { difference } from './helpers/deep-equal.js';
import { openChannel } from './helpers/channel.js';
import { sampleValues } from './fixtures/sample-values.js';

describe('codec: values cross intact in both directions', () => {
  let channel;
  afterEach(() => channel?.close());

  it('page → worker: every sample value arrives equal (types, -0, NaN, BigInt, lone surrogates, cycles, views)', async () => {
    const values = sampleValues();
    channel = await openChannel({ handlers: { give: (key) => values[key] } });
    deepEqual(await channel.run('receiveSamples'), []);
  });

  it('an arguments object crosses as one, both ways (gtag.js tells commands by it)', async () => {
    const args = (function () {
      return arguments;
    })(1, 'two', { three: 3 });
    let received;
    channel = await openChannel({
      handlers: { args: () => [args], take: (value) => void (received = value) },
    });
    // The oracle: what the page itself sees of an arguments object.
    const onPage = [Object.prototype.toString.call(args), Array.from(args)];
    deepEqual(await channel.run('seen', 'args'), onPage);
    await channel.run('giveArguments', 'take');
    deepEqual([Object.prototype.toString.call(received), Array.from(received)], onPage);
  });

  it('worker → page: every sample value arrives equal', async () => {
    const expected = sampleValues();
    const differences = [];
    const received = {};
    channel = await openChannel({
      handlers: {
        take: (key, value) => {
          received[key] = value;
          const d = difference(value, expected[key], key);
          if (d) differences.push(d);
        },
      },
    });
    equal(await channel.run('sendSamples'), true);
    deepEqual(differences, []);
    equal(Object.keys(received).length, Object.keys(expected).length, 'every value delivered:');
    ok(
      received.sharedTwice[0] === received.sharedTwice[1],
      'one object sent twice arrives as one object',
    );
    ok(received.cyclic.self === received.cyclic, 'cycles survive');
    ok(
      received.twoViewsOneBuffer[0].buffer === received.twoViewsOneBuffer[1].buffer,
      'views share their buffer',
    );
  });

  it('an object key named __proto__ stays a plain key and does not change the prototype', async () => {
    channel = await openChannel({
      handlers: { give: () => JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') },
    });
    const result = await channel.run('call', 'give');
    equal(result.polluted, undefined);
    equal(Object.getPrototypeOf(result), Object.prototype);
  });

  it('a symbol cannot cross: the handler result becomes a clear error in the worker', async () => {
    channel = await openChannel({ handlers: { symbol: () => Symbol('mine') } });
    const error = await channel.run('callError', 'symbol');
    equal(error.code, 'uncloneable');
    ok(error.message.includes('mine'), error.message);
  });
});
