/**
 * Globals the channel needs, taken when the worker loads: code running in the worker may
 * replace the originals later (Offstage's own script runner makes `postMessage` and
 * `performance` the page's), and the channel must not go through replacements. Layers above
 * use them too (the script runner's synchronous XHR).
 */
export const now: () => number = performance.now.bind(performance);
export const postToPage = self.postMessage.bind(self) as (
  message: unknown,
  transfer?: Transferable[],
) => void;

const proto = XMLHttpRequest.prototype;
const setter = (name: string) => Object.getOwnPropertyDescriptor(proto, name)!.set!;
/**
 * XMLHttpRequest as it was when Offstage loaded. Scripts in the worker may wrap `open` and
 * `send` (analytics and error trackers do, and Offstage's own resolveUrl does); the
 * transport must not go through their wrappers, which could call the page — through the
 * transport.
 */
export const xhr_ = {
  open: proto.open,
  send: proto.send,
  responseType: setter('responseType'),
  timeout: setter('timeout'),
};
