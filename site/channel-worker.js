// Runs in a Web Worker. Every main.call() blocks this worker — not the page — until the
// page's handler answers, even when that handler is asynchronous (fetch).
import { connectMain } from '/dist/worker.js';

const main = await connectMain();

addEventListener('message', ({ data }) => {
  if (data !== 'run') return;
  const started = performance.now();
  main.call('log', `transport: ${main.transport}`);
  main.call('log', `document.title is "${main.call('get', 'title')}"`);
  main.call('setCookie', `offstage-demo=${Date.now()}`);
  main.call('log', `document.cookie is "${main.call('readCookie')}"`);
  const text = main.call('fetchText', '/site/data.json'); // fetch() on the page, awaited for us
  const rows = JSON.parse(text).rows;
  for (const row of rows) main.call('addItem', `${row.name}: ${row.value}`);
  let calls = 5 + rows.length;
  for (let i = 0; i < 1000; i++, calls++) main.call('get', 'scrollY');
  const ms = performance.now() - started;
  main.call(
    'done',
    `${calls} synchronous calls in ${ms.toFixed(0)} ms (${((ms * 1000) / calls).toFixed(0)} µs each)`,
  );
});
