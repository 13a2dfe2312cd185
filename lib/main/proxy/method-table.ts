/**
 * What the worker may know about page methods without asking (see
 * lib/worker/proxy/remote-proxy.ts):
 * - which calls it can post (batch) rather than wait for: methods that return nothing
 *   (`setAttribute`, `addEventListener`, `localStorage.setItem`, …) and methods that return
 *   one of their arguments (`appendChild` returns the node it appended) — so 1000
 *   `setAttribute` calls and one read are one round trip;
 * - which methods only read the page (`getItem`, `getAttribute`): calling them keeps what the
 *   worker kept of the page, and their primitive results answer the same call again;
 * - which methods every DOM node and every element has, so that reading `el.appendChild`
 *   costs nothing.
 * (Call modes: see `CallMode` in lib/shared/proxy/protocol.ts.)
 * The cost of posting: an exception such a call throws is reported on the page's console
 * instead of thrown in the worker. Methods that dispatch events (`click`, `focus`) are
 * waited for, so that the worker's listeners run during the call, as on the page.
 */
import { CallModes, type CallMode, type MethodTable } from '../../shared/proxy/protocol.js';

/**
 * Methods, by interface, whose calls can be posted: `name` returns nothing, `name:n` returns
 * argument n.
 */
const POSTED: Record<string, string[]> = {
  EventTarget: ['addEventListener', 'removeEventListener'],
  Node: ['appendChild:0', 'insertBefore:0', 'removeChild:0', 'replaceChild:1', 'normalize'],
  Element: [
    'setAttribute',
    'setAttributeNS',
    'removeAttribute',
    'removeAttributeNS',
    'append',
    'prepend',
    'after',
    'before',
    'replaceWith',
    'remove',
    'replaceChildren',
    'insertAdjacentHTML',
    'insertAdjacentText',
    'scrollIntoView',
    'scrollTo',
    'scrollBy',
  ],
  CharacterData: [
    'appendData',
    'deleteData',
    'insertData',
    'replaceData',
    'after',
    'before',
    'replaceWith',
    'remove',
  ],
  Document: ['append', 'prepend', 'replaceChildren'],
  DocumentFragment: ['append', 'prepend', 'replaceChildren'],
  DOMTokenList: ['add', 'remove'],
  CSSStyleDeclaration: ['setProperty'],
  History: ['pushState', 'replaceState', 'back', 'forward', 'go'],
};
/**
 * Methods, by interface, that only read the page: no page code runs in them, nothing
 * changes, so what the worker keeps of the page stays and a primitive result is kept too
 * (`CallModes.Reads`): analytics ask `localStorage.getItem` for the same key again and again.
 */
const READS: Record<string, string[]> = {
  Storage: ['key'],
  Node: ['contains'],
  Element: [
    'getAttribute',
    'hasAttribute',
    'matches',
    'closest',
    'querySelector',
    'querySelectorAll',
  ],
  Document: ['getElementById', 'querySelector', 'querySelectorAll'],
  CSSStyleDeclaration: ['getPropertyValue'],
  DOMTokenList: ['contains'],
};
/**
 * Methods, by interface, that only read one item of their object by a string key
 * (`CallModes.ReadsItem`): the first call brings all the items along.
 */
const READS_ITEM: Record<string, string[]> = {
  Storage: ['getItem'],
};
/**
 * Methods, by interface, whose calls can be posted and change only the object they are
 * called on, running no page code (`CallModes.WritesSelf`): a storage area's items. (A
 * storage event fires in the page's other windows, not in this one.)
 */
const WRITES_SELF: Record<string, string[]> = {
  Storage: ['setItem', 'removeItem', 'clear'],
};
const WINDOW_POSTED = ['scrollTo', 'scrollBy', 'postMessage'];
const CONSOLE_POSTED = ['log', 'info', 'warn', 'error', 'debug'];

export function methodTable(): MethodTable {
  const page = window as unknown as Record<string, { prototype?: object } | undefined>;
  const modes = new Map<string, Map<string, CallMode>>();
  for (const [type, names] of Object.entries(POSTED)) {
    modes.set(
      type,
      new Map(
        names.map((entry) => {
          const [name, returns] = entry.split(':');
          return [name!, returns === undefined ? CallModes.ReturnsNothing : Number(returns)];
        }),
      ),
    );
  }
  for (const [table, mode] of [
    [READS, CallModes.Reads],
    [READS_ITEM, CallModes.ReadsItem],
    [WRITES_SELF, CallModes.WritesSelf],
  ] as const) {
    for (const [type, names] of Object.entries(table)) {
      const byName = modes.get(type) ?? new Map<string, CallMode>();
      for (const name of names) byName.set(name, mode);
      modes.set(type, byName);
    }
  }
  const known: MethodTable['known'] = [];
  for (const [type, byName] of modes) {
    const prototype = page[type]?.prototype;
    for (const [name, mode] of byName) {
      const fn = prototype && Object.getOwnPropertyDescriptor(prototype, name)?.value;
      if (typeof fn === 'function') known.push([fn, mode]);
    }
  }
  for (const name of WINDOW_POSTED)
    if (typeof page[name] === 'function') known.push([page[name], CallModes.ReturnsNothing]);
  for (const name of CONSOLE_POSTED)
    known.push([(console as unknown as Record<string, unknown>)[name], CallModes.ReturnsNothing]);

  /** The methods of these interfaces' prototypes, with their modes. */
  const methodsOf = (...types: string[]) => {
    const table: Record<string, CallMode> = {};
    for (const type of types) {
      const prototype = page[type]?.prototype;
      if (!prototype) continue;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const { value } = Object.getOwnPropertyDescriptor(prototype, name)!;
        if (typeof value === 'function' && name !== 'constructor')
          table[name] = modes.get(type)?.get(name) ?? null;
      }
    }
    return table;
  };
  return { known, node: methodsOf('EventTarget', 'Node'), element: methodsOf('Element') };
}
