import { emptyOwner } from '../../shared/offload/call-path.js';

/**
 * A path on `window` to forward (`'dataLayer.push'`), optionally also running the page's original.
 */
export type ForwardEntry = string | [path: string, options: { preserveBehavior?: boolean }];
type Sink = (path: string, args: unknown[]) => void;

type Call = [path: string, args: unknown[]];

/** An entry as `[path, options]`. */
export const forwardPath = (entry: ForwardEntry) =>
  typeof entry === 'string' ? ([entry] as const) : entry;

/**
 * Main-thread stubs for `forward` paths. The objects at those paths belong to the offloaded
 * scripts (the worker has its own `dataLayer`); the page keeps a stub of the shape page code
 * expects — an Array whose `push` forwards, for `…push` paths — which the worker never sees.
 *
 * Calls made before the worker is ready are queued; `handOver` returns them, after the items
 * a `…push` path's array already had (the worker gets them in its start-up answer), and
 * sends later calls straight to the worker: each call is delivered exactly once, in order. `restore` removes the stubs (for the main-thread
 * fallback) and returns the queued calls, to be replayed once the scripts have run.
 */
export interface Forwarder {
  handOver(sink: Sink): Call[];
  restore(): Call[];
}

export function installForwards(entries: ForwardEntry[] = []): Forwarder {
  let queue: Call[] = [];
  const before: Call[] = [];
  let sink: Sink | undefined;
  const undo: (() => void)[] = [];
  for (const entry of entries) {
    const [path, { preserveBehavior = false } = {}] = forwardPath(entry);
    const names = path.split('.');
    let owner = window as unknown as Record<string, unknown>;
    for (let i = 0; i < names.length - 1; i++) {
      const name = names[i]!;
      if (owner[name] == null) {
        const parent = owner;
        parent[name] = emptyOwner(names[i + 1]!);
        undo.push(() => delete parent[name]);
      }
      owner = owner[name] as Record<string, unknown>;
    }
    const target = owner;
    const last = names[names.length - 1]!;
    const original = target[last];
    // What page code pushed before the stub (a site's own dataLayer script above the snippet):
    // the offloaded scripts get it as pushes, first. It stays in the page's array, so a
    // fallback to the main thread has nothing to replay.
    if (last === 'push' && Array.isArray(target)) {
      for (const item of target) before.push([path, [item]]);
    }
    target[last] = function (this: unknown, ...args: unknown[]) {
      if (preserveBehavior && typeof original === 'function') original.apply(this, args);
      if (sink) sink(path, args);
      else queue.push([path, args]);
    };
    undo.push(() => (original === undefined ? delete target[last] : (target[last] = original)));
  }
  return {
    handOver(to) {
      sink = to;
      const calls = [...before, ...queue];
      queue = [];
      return calls;
    },
    restore() {
      for (const step of undo.reverse()) step();
      const calls = queue;
      queue = [];
      return calls;
    },
  };
}
