import { sleep } from './channel.js';

/**
 * Adds a `<script type="text/offstage">` to the page (it does not run by itself). It stands
 * for one in the page's markup, which runs in order: not `async` unless given the attribute.
 */
export function addScript({ src, text, ...attributes }) {
  const script = document.createElement('script');
  script.type = 'text/offstage';
  script.async = false;
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  if (src) script.src = src;
  else script.text = text;
  document.body.append(script);
  return script;
}

/** Waits until each script is done or failed in the worker, or ran on the main thread; returns their states. */
export async function settled(scripts, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  while (
    Date.now() < deadline &&
    scripts.some((s) => !['done', 'failed', 'main-thread'].includes(s.dataset.offstage))
  )
    await sleep(20);
  return scripts.map((s) => s.dataset.offstage);
}

/**
 * Loads the snippet as a page would. Resolves with its `offstage:ready` detail; `afterLoad`
 * runs as soon as the snippet itself has run (its stubs are in place, the library not yet).
 */
export function loadSnippet(config, afterLoad = () => {}) {
  window.offstage = config;
  const ready = new Promise((resolve) =>
    document.addEventListener('offstage:ready', (e) => resolve(e.detail), { once: true }),
  );
  const script = document.createElement('script');
  script.src = '/dist/offstage.js';
  script.onload = afterLoad;
  document.head.append(script);
  return ready;
}

let started;
/**
 * Offloads this test page's scripts once (debug build, the given options on first use), then
 * runs `code` as one more offloaded script and resolves with its state ('done' | 'failed').
 * Scripts report what they saw by writing to the page (attributes, `window.postMessage`).
 */
export async function runOffloaded(code, options = {}) {
  started ??= import('/dist/debug/main.js').then(async ({ offload }) => {
    const result = await offload({ lib: '/dist/debug/', ...options });
    if (result.where !== 'worker') throw new Error(`fell back: ${result.reason}`);
    return result;
  });
  await started;
  const [state] = await settled([addScript({ text: code })]);
  return state;
}

/**
 * Defines `report(name, value)` on the page: offloaded scripts call it (a page global, so a
 * synchronous call) to hand values to the test. Returns the reports by name.
 */
export function reporting() {
  const reports = {};
  window.report = (name, value) => void (reports[name] = value);
  return reports;
}

/**
 * Runs `code(name)` as a page script (`'onPage'`, the oracle), then offloaded
 * (`'offloaded'`); resolves with the offloaded run's blocking round trips, counted by
 * `stats` (an `offload()` result's, with `profile: true`).
 */
export async function onPageAndOffloaded(code, stats) {
  const script = document.createElement('script');
  script.text = code('onPage');
  document.body.append(script);
  const total = async () => (await stats()).reduce((n, s) => n + s.roundTrips, 0);
  const before = await total();
  const [state] = await settled([addScript({ text: code('offloaded') })]);
  if (state !== 'done') throw new Error(`the offloaded script ended ${state}`);
  return (await total()) - before;
}
