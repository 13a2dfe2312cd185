import { deepEqual, equal } from './helpers/assert.js';
import { runOffloaded } from './helpers/offstage-scripts.js';
import { collected } from './helpers/wait.js';

// Request bodies of each kind a script may send — text, Blob, File in a FormData,
// URLSearchParams, bytes — by sendBeacon and by fetch with and without keepalive. The oracle is
// the same code as a page script: the server must receive the same bodies and content types.

const KINDS = ['text', 'blob', 'params', 'form', 'bytes'];
const VIAS = ['beacon', 'keepalive', 'fetch'];

const sender = (key) => `{
  const form = new FormData();
  form.append('a', '1');
  form.append('f', new File(['file text'], 'f.txt', { type: 'text/plain' }));
  const bodies = {
    text: 'plain text',
    blob: new Blob(['{"x":1}'], { type: 'application/json' }),
    params: new URLSearchParams({ a: '1', b: 'two words' }),
    form,
    bytes: new Uint8Array([104, 105]),
  };
  for (const [kind, body] of Object.entries(bodies)) {
    const url = (via) => '/collect/${key}?via=' + via + '&kind=' + kind;
    navigator.sendBeacon(url('beacon'), body);
    fetch(url('keepalive'), { method: 'POST', body, keepalive: true });
    fetch(url('fetch'), { method: 'POST', body });
  }
}`;

/** What the server saw, in a stable order; a multipart boundary (random) named as such. */
function received(hits) {
  return hits
    .map(({ method, query, type, body }) => {
      const boundary = /boundary=(.+)$/.exec(type)?.[1];
      const plain = (s) => (boundary ? s.split(boundary).join('BOUNDARY') : s);
      return [`${query.via} ${query.kind}`, method, plain(type), plain(body)];
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
}

describe('request bodies: sent by an offloaded script as by a page script', () => {
  it('sendBeacon and fetch (keepalive or not) deliver every kind of body with its content type', async function () {
    this.timeout(30_000);
    const count = KINDS.length * VIAS.length;
    const pageKey = `bodies-page-${Math.random().toString(36).slice(2)}`;
    const script = document.createElement('script');
    script.text = sender(pageKey);
    document.body.append(script);
    const onPage = received(await collected(pageKey, count, { timeout: 10_000 }));
    equal(onPage.length, count, 'the page script sent them all');

    const workerKey = `bodies-worker-${Math.random().toString(36).slice(2)}`;
    equal(await runOffloaded(sender(workerKey)), 'done');
    const offloaded = received(await collected(workerKey, count, { timeout: 10_000, settle: 300 }));
    deepEqual(offloaded, onPage);
  });
});
