import { RefKind } from '../../shared/channel/protocol.js';
import type { StartUp } from '../../shared/offload/protocol.js';
import type { ReadAheadGroup } from '../../shared/proxy/protocol.js';

/**
 * The properties of the page's window objects that scripts read together — analytics read
 * the screen's size and depth, the navigator's language and agent, the location's parts and
 * the document's title, referrer and cookie in a row, and Google's tag `window.origin`
 * before each cookie read — chosen from the profiler's costliest paths over the compat
 * suite (`npm run compat` prints them). Reading one of them brings all of them along in the
 * same round trip (`Access.ReadAhead`); they answer the script's reads as any value it read
 * does: until its next write or call of page code, the end of the microtask, or another
 * layer's send (lib/worker/proxy/remote-proxy.ts).
 */
const GROUPS = {
  window:
    'origin location innerWidth innerHeight devicePixelRatio scrollX scrollY pageXOffset pageYOffset',
  document:
    'cookie title referrer URL domain characterSet readyState visibilityState hidden location documentElement head body',
  location: 'href origin protocol host hostname port pathname search hash',
  navigator:
    'userAgent language platform vendor cookieEnabled doNotTrack hardwareConcurrency maxTouchPoints webdriver',
  screen: 'width height availWidth availHeight colorDepth pixelDepth',
} satisfies Partial<Record<keyof StartUp, string>>;

/**
 * What never changes while the page lives, kept for good once read: a node's kind and name;
 * the location's origin and its parts (unforgeable, and changing them loads another page).
 */
const NODE_LASTS = new Set('nodeType nodeName localName tagName namespaceURI'.split(' '));
const LOCATION_LASTS = new Set('origin protocol host hostname port'.split(' '));

/** What jQuery and tag managers read of every node they walk. */
const NODE = 'nodeType nodeName parentNode ownerDocument'.split(' ');
/** The parts of a link's URL: analytics make `<a>` elements to parse URLs. */
const LINK = 'href protocol host hostname port pathname search hash origin'.split(' ');

/**
 * The groups by page object, once the start-up answer has named the objects, or by kind
 * (nodes; links the scripts made); and whether what the scripts read is kept for their next
 * reads at all (not with a `get` or `apply` hook, which must see every access).
 */
export class ReadAhead {
  readonly #groups = new WeakMap<object, ReadAheadGroup[]>();
  #location: object | undefined;
  #keep = false;

  /** An element the scripts made (`document.createElement(name)`). */
  made(element: object, name: string): void {
    if (/^(a|area)$/i.test(name)) this.#groups.set(element, [[element, LINK]]);
  }

  learn(startUp: StartUp): void {
    this.#keep = !startUp.everyRead;
    this.#location = startUp.location;
    // The window objects' groups, all read ahead together.
    const windowObjects: ReadAheadGroup[] = Object.entries(GROUPS).map(([name, keys]) => [
      startUp[name as keyof typeof GROUPS] as object,
      keys.split(' '),
    ]);
    for (const [object] of windowObjects) this.#groups.set(object, windowObjects);
  }

  readonly groupOf = (proxy: object, kind: RefKind | undefined): ReadAheadGroup[] | undefined =>
    this.#groups.get(proxy) ?? (kind! & RefKind.Node ? [[proxy, NODE]] : undefined);
  readonly keeps = (): boolean => this.#keep;
  readonly lasts = (proxy: object, kind: RefKind | undefined, key: string): boolean =>
    this.#keep &&
    (proxy === this.#location
      ? LOCATION_LASTS.has(key)
      : !!(kind! & RefKind.Node) && NODE_LASTS.has(key));
}
