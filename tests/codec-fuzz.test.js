import { deepEqual, equal } from './helpers/assert.js';
import { difference } from './helpers/deep-equal.js';
import { openChannel } from './helpers/channel.js';
import { randomValues } from './fixtures/random-values.js';

// Property-based round trips of the codec: random values of every kind it carries (numbers
// with -0, NaN and the int32 edges, BigInts, strings in every script with lone surrogates and
// past the encoder's chunks, repeated short strings, arrays, arguments objects, plain and
// null-prototype objects, Dates, RegExps, Maps, Sets, errors, buffers, typed-array views with
// offsets, shared sub-objects and cycles) made from one seed on both sides, sent each way and
// compared. 2,000 each way here; `node scripts/fuzz-codec.mjs` sends 100,000.
const SEED = 20261203;
const CHUNK = 250;

describe('codec fuzz: random values cross intact both ways', () => {
  let channel;
  let count;
  before(async () => {
    count = Number(await (await fetch('/~fuzz-count')).text());
  });
  afterEach(() => channel?.close());

  it('page → worker: every random value arrives equal (seed 20261203)', async function () {
    this.timeout(30_000 + count * 5);
    const values = randomValues(SEED, count);
    channel = await openChannel({
      handlers: { fuzzGive: (from, n) => values.slice(from, from + n) },
    });
    deepEqual(await channel.run('fuzzReceive', SEED, count, CHUNK), []);
  });

  it('worker → page: every random value arrives equal (seed 20261204)', async function () {
    this.timeout(30_000 + count * 5);
    const values = randomValues(SEED + 1, count);
    const differences = [];
    let received = 0;
    channel = await openChannel({
      handlers: {
        fuzzTake: (from, got) => {
          got.forEach((value, i) => {
            const d = difference(value, values[from + i], `#${from + i}`);
            if (d && differences.length < 20) differences.push(d);
          });
          received += got.length;
        },
      },
    });
    equal(await channel.run('fuzzSend', SEED + 1, count, CHUNK), true);
    deepEqual(differences, []);
    equal(received, count, 'values received:');
  });
});
