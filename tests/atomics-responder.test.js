import { deepEqual, equal } from './helpers/assert.js';
import { openChannel } from './helpers/channel.js';

// Answers larger than the shared buffer go in chunks under Atomics; the service worker
// carries them whole. Both must deliver every byte.
describe('large payloads', () => {
  let channel;
  afterEach(() => channel?.close());

  const bytes = new Uint8Array(16 * 1024 * 1024).map((_, i) => (i * 31) & 255);
  const text = 'ab✓😀'.repeat((256 * 1024) / 4) + 'end!';
  const expected = () => {
    let sum = 0;
    for (let i = 0; i < bytes.length; i += 4099) sum = (sum + bytes[i]) | 0;
    return {
      type: 'Uint8Array',
      length: bytes.length,
      sum,
      last: bytes[bytes.length - 1],
      textLength: text.length,
      textTail: 'end!',
      back: checksum(bytes),
    };
  };
  const checksum = (b) => b.reduce((s, v, i) => (s + v * ((i % 7) + 1)) | 0, 0);

  for (const bufferSize of [undefined, 64 * 1024]) {
    it(`a 16 MB typed array and a 1 MB string cross intact both ways (buffer ${bufferSize ?? 'default'})`, async function () {
      this.timeout(60_000);
      channel = await openChannel({
        bufferSize,
        handlers: { bigBytes: () => bytes, bigString: () => text, checksum },
      });
      deepEqual(await channel.run('big'), expected());
    });
  }

  it('chunked answers interleave correctly with small ones', async () => {
    const medium = 'x'.repeat(100_000);
    channel = await openChannel({
      bufferSize: 1000,
      handlers: { medium: () => medium, small: (i) => i },
    });
    deepEqual(await channel.run('callMany', 'small', 5), [0, 1, 2, 3, 4]);
    equal(await channel.run('call', 'medium'), medium);
    equal(await channel.run('call', 'small', 7), 7);
  });
});
