/**
 * Globals the channel needs, taken when the worker loads: code running in the worker may
 * replace the originals later (Offstage's own script runner makes `postMessage` and
 * `performance` the page's), and the channel must not go through replacements.
 */
export const now: () => number = performance.now.bind(performance);
export const postToPage: (message: unknown, transfer: Transferable[]) => void =
  self.postMessage.bind(self);
