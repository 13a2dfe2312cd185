import { connect } from '/dist/main.js';

const $ = (id) => document.getElementById(id);
let clicks = 0;
$('click').onclick = () => ($('clicks').textContent = String(++clicks));

// Handlers the worker may call. A handler may return a Promise: the worker waits for it.
const handlers = {
  get: (name) => ({ title: document.title, scrollY: window.scrollY })[name],
  readCookie: () => document.cookie,
  setCookie: (cookie) => void (document.cookie = `${cookie}; SameSite=Lax; path=/`),
  fetchText: (url) => fetch(url).then((response) => response.text()),
  log: (text) => addItem(text),
  addItem: (text) => addItem(text),
  done: (text) => void ($('result').textContent = text),
};

function addItem(text) {
  const li = document.createElement('li');
  li.textContent = text;
  $('list').append(li);
}

fetch('channel-worker.js')
  .then((r) => r.text())
  .then((code) => ($('code').textContent = code));

try {
  let worker;
  const host = await connect(
    () => (worker = new Worker('/site/channel-worker.js', { type: 'module' })),
    {
      // The service worker's scope must cover the worker's URL.
      serviceWorker: { url: '/dist/sw.js', scope: '/site/' },
      handlers,
    },
  );
  $('transport').textContent =
    host.transport === 'atomics'
      ? 'Transport: Atomics (this page is cross-origin isolated)'
      : 'Transport: service worker (this page is not cross-origin isolated)';
  $('run').disabled = false;
  $('run').onclick = () => {
    $('list').textContent = '';
    worker.postMessage('run');
  };
} catch (error) {
  $('transport').textContent = `No synchronous transport here: ${error.message}`;
}
