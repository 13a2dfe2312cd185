import { sleep } from './channel.js';

/** Adds a `<script type="text/offstage">` to the page (it does not run by itself). */
export function addScript({ src, text, ...attributes }) {
  const script = document.createElement('script');
  script.type = 'text/offstage';
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  if (src) script.src = src;
  else script.text = text;
  document.body.append(script);
  return script;
}

/** Waits until each script is done or failed in the worker, or ran on the main thread; returns their states. */
export async function settled(scripts, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline && scripts.some((s) => !['done', 'failed', 'main-thread'].includes(s.dataset.offstage))) await sleep(20);
  return scripts.map((s) => s.dataset.offstage);
}

/**
 * Loads the snippet as a page would. Resolves with its `offstage:ready` detail; `afterLoad`
 * runs as soon as the snippet itself has run (its stubs are in place, the library not yet).
 */
export function loadSnippet(config, afterLoad = () => {}) {
  window.offstage = config;
  const ready = new Promise((resolve) => document.addEventListener('offstage:ready', (e) => resolve(e.detail), { once: true }));
  const script = document.createElement('script');
  script.src = '/dist/offstage.js';
  script.onload = afterLoad;
  document.head.append(script);
  return ready;
}
