// Fails the build when a production file grows past its gzip budget, or when text meant for
// debug builds only (the long error explanations) survives into a production file.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** gzip bytes. Raise a budget only in the commit that explains why the bytes are worth it. */
const budgets = {
  'dist/main.js': 12_100, // +200 B: Trusted Types (Offstage's URLs and the fallback's scripts through its policy `offstage`; the fix named when the CSP refuses it), a fallback script the page refuses no longer stops the ones after it; +30 B: getItem known by the method table (CallModes.ReadsItem), no storage items past an apply hook; +40 B: counts past a message's end refused before anything that big is made (a hostile worker's array of 2^31 items crashed the page); +70 B: malformed worker messages dropped and said so, never thrown on the page (issue 15; lengths past the buffer read as what it holds, ready once); +30 B: the encoder's encodeCalls (shared with the worker); +350 B: a big posted batch runs in slices of 30 ms at most, what the worker sends meanwhile waiting behind it (no long task from a Wasm module's 10,000s of DOM calls); +100 B: short strings by number the second time in a message, posted calls run with the call they ride on (a 10,000-call Wasm batch 629 → 355 KB, its table phase 110 → 65 ms); +150 B: a storage area's items in one answer (Access.Items), storage writes that change only their area (CallModes.WritesSelf), read-ahead of several objects in one answer; +200 B: methods that only read (CallModes.Reads), reads ahead answered on the page (issue 12: 36% fewer round trips over the compat SDKs); +30 B: the entries a push path's array already had go to the worker (as Partytown); +20 B: a descriptor's value through Partytown's get hook; +300 B: page methods the scripts replace (Access.Replace), own-property descriptors (Access.Own), listeners called while answering run before the answer (Outcome.Invokes), events as they were when dispatched for listeners that run later; +50 B: page globals pushed to the worker between deliveries, globals the scripts make set on the page; +80 B: scripts handed over in the order a page runs them (defer and modules after parsing, async by the attribute); +140 B: custom elements defined by offloaded scripts (the page's class of their own); +120 B: Partytown hooks named by window paths for the window's own objects; +100 B: enumerations bring their primitive values (Access.Entries, through the get hook), stats() waits for the worker's start-up; +230 B: the worker's Blobs, Files, FormData and URLSearchParams arrive as real ones (sendBeacon of a Blob sent '[object RemoteObject]'); +60 B: DOMExceptions cross as such; +80 B: the scripts' window stands for the page's, instanceof asked of the page; +300 B: fidelity (arguments objects cross as such, worker objects' string forms, forward roots owned by the worker, delete and toString tags of page objects, a listener's this); +100 B: offload({ functions }), the page side of fetchSync and sleep; +70 B: worker functions run during the call that dispatched their event; +370 B: the Partytown drop-in (hooks, beacon options, main-window accessors); +200 B: the method table (node methods known by name, appendChild posted); +50 B: adopting worker-made nodes; +100 B: page globals for the worker's window, module scripts; +250 B: document.write, iteration of page lists; +550 B: the void-method table (1000 setAttribute calls become one message), copied events; +400 B: holding the page for worker listeners (pagehide, preventDefault), keepalive fetch; +200 B: shared-buffer requests and UTF-16 strings (2-8x faster); +110 B: remoteAccess; +500 B: offload(); +350 B: forward; +100 B: resolveUrl, loadScriptsOnMainThread
  'dist/worker.js': 8_100, // +40 B: as main.js; +50 B: posted calls encoded without checking and remembering the channel's own arrays (a Wasm table's worker time -10 %); +30 B: the decoder's batches can pause; +150 B: as main.js (both halves of the codec), and posted calls riding on the next call's message; +250 B: getItem answered from the area's items, own storage writes forgetting only that area, values that cannot change kept for good (hooks.lasts), several objects read ahead at once (issue 12: 829 → 749 start round trips over the 8 SDKs); +310 B: what scripts read kept until their next write or call, the microtask's end, or another layer's send; read-only methods' results; groups read ahead; +290 B: replaced page methods replayed, bound methods' own call/apply/bind, own-property descriptors asked, listeners run before the answer that dispatched their event; +20 B: the proxies' construct and prototypeOf hooks; +110 B: enumerations answered from the values they brought; +70 B: uncaught errors of worker listeners reported without reportError (WebKit deadlocked); +270 B: Blob, File, FormData and URLSearchParams copies (encoding, FileReaderSync); +70 B: DOMExceptions; +140 B: stand-ins, instanceof asked of the page; +150 B: arguments objects, string forms of worker objects, delete and toString tags of page objects, a listener's this; -100 B: #private members; // +100 B: page methods replaced by scripts stay in the worker; +60 B: objects stored on page objects by reference, defineProperty; +50 B: call modes, node kinds; +100 B: postNew, batches decoded call by call; +150 B: iteration and forEach of page lists; +150 B: posted void methods, copied events; +100 B: posted calls while the page is held; +200 B: as main.js, plus short-ASCII strings; +330 B: proxies; +40 B: local reads; +60 B: pristine XHR
  'dist/sw.js': 1_050, // +40 B: answers that are not bytes ignored, 256 unclaimed answers at most; +100 B: forgetting the channels of closed pages
  'dist/offstage-worker.js': 13_850, // +30 B: forwarded calls wait, in order, for the script that defines their function (they were lost when the page called before the parser reached it); +100 B: importScripts through the Trusted Types policy, for a worker served with a Trusted Types CSP; +40 B: as main.js; +60 B: as worker.js; +30 B: as worker.js; +150 B: as worker.js; +380 B: as worker.js, the window objects read ahead as one group, the location's and nodes' lasting values; +690 B: as worker.js, and the groups read ahead (read-ahead.ts: window objects, nodes, links the scripts made); +300 B: as worker.js; +60 B: page events are instances of the worker's Event, CustomEvent, …; +180 B: the scripts' globals given to the page (shared-globals.ts); +250 B: scripts fetched in parallel as soon as handed over, async ones run as they load (those the scripts insert unless set async = false), sources decoded by the server's charset; +50 B: scripts the scripts insert into a frame's document run there; +10 B: a detached inline script rechecked only when an element the scripts made is inserted (not on every insertion); +30 B: a custom element's prototype is its class's; +520 B: custom elements defined by offloaded scripts (constructor through super(), reactions, class members on the element, new Class()); +110 B: the same; +460 B: an inline script the scripts insert runs during the insertion (code by text, textContent, text nodes; nested currentScript; detached holders), each script once; +130 B: the same, and the scripts' error listeners hearing the worker's errors; +260 B: Blob, File, FormData and URLSearchParams copies; +70 B: DOMExceptions; +180 B: the window as a Window (stand-in, constructor, tag, instanceof), created scripts' type read back; +350 B: fidelity (as main.js and worker.js, forward roots the worker owns, scripts from origins without CORS); +50 B: the offload runtime as typed, named pieces (issue 10; the rest of that growth was paid for by #private members, which esbuild minifies); // +330 B: the scripts' own `offstage` (call, fetchSync, sleep, the Wasm loader loaded on first use), +20 B: Wasm fetches through resolveUrl; +100 B: sendBeacon through resolveUrl, CORS errors in Firefox; +200 B: method table; +150 B: createElement & co. without a round trip; +150 B: document.write, lists; +200 B: void methods, methods and stable globals read once; issue 3's budget for the worker is 14 KB; +300 B: the profiler; +300 B: keepalive fetch, page-relative URLs
  'dist/offstage-wasm.js': 3_850, // +40 B: short ASCII strings read from the module's memory without TextDecoder; loaded only by scripts that instantiate WebAssembly; +100 B: creates, appends and attribute writes posted
  'dist/wasm.js': 3_700, // offstage/wasm, for connectMain() workers
  'dist/offstage.js': 1_530, // +25 B: callPath says whether it found a function; +200 B: the fallback under Trusted Types (as main.js); +40 B: the same, and the lib found beside a snippet loaded from a file; +50 B: forward stubs shaped as page code expects (an Array for push paths), and replayed calls made into a new root; the snippet every page loads
  'dist/integration.js': 2_470, // +15 B: the same; +150 B: the snippet's Trusted Types code; +240 B: the config written as Partytown's snippet writes it (for offstage-partytown), RegExps, non-plain objects refused; the snippet (as a string) and offstageSnippet(), run server-side or at build time
};

const failures = [];
for (const [file, budget] of Object.entries(budgets)) {
  const size = gzipSync(readFileSync(file), { level: 9 }).length;
  const verdict = size > budget ? 'OVER BUDGET' : 'ok';
  console.log(
    `${file.padEnd(16)} ${String(size).padStart(6)} B gzip  (budget ${budget})  ${verdict}`,
  );
  if (size > budget) failures.push(`${file} is ${size} B gzipped, over its ${budget} B budget`);
}

// Every long string literal of the messages table is debug-only.
const debugOnly = [
  // Single- or double-quoted (Prettier picks double quotes for text with apostrophes).
  ...readFileSync('lib/shared/messages.ts', 'utf8').matchAll(
    /(['"])((?:(?!\1)[^\\\n]|\\.){40,})\1/g,
  ),
].map((m) => m[2].replace(/\\(['"])/g, '$1').slice(0, 40));
if (debugOnly.length < 5)
  failures.push(
    `found only ${debugOnly.length} debug strings in messages.ts: the check itself is broken`,
  );
const debugBundle = readFileSync('dist/debug/main.js', 'utf8');
for (const text of debugOnly) {
  if (!debugBundle.includes(text))
    failures.push(`debug build lacks "${text}": the check itself is broken`);
  for (const file of Object.keys(budgets)) {
    if (readFileSync(file, 'utf8').includes(text))
      failures.push(`${file} contains debug-only text "${text}"`);
  }
}

if (failures.length) {
  console.error(`\nsize check failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `size check passed (${debugOnly.length} debug-only strings absent from production files)`,
);
