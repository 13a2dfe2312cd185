/**
 * Page methods that return nothing, whose calls from the worker are posted (batched) rather
 * than waited for: `el.setAttribute(…)` a thousand times and one read is one round trip. The
 * worker knows them by identity — the page hands it these very functions — so a page
 * global's own `add` or `remove` is never mistaken for one. The cost: an exception such a
 * call throws is reported on the page's console instead of thrown in the worker.
 */
const VOID_METHODS: Record<string, string[]> = {
  EventTarget: ['addEventListener', 'removeEventListener'],
  Element: [
    'setAttribute', 'setAttributeNS', 'removeAttribute', 'removeAttributeNS', 'append', 'prepend', 'after',
    'before', 'replaceWith', 'remove', 'replaceChildren', 'insertAdjacentHTML', 'insertAdjacentText',
    'scrollIntoView', 'scrollTo', 'scrollBy',
  ],
  CharacterData: ['appendData', 'deleteData', 'insertData', 'replaceData', 'after', 'before', 'replaceWith', 'remove'],
  Document: ['append', 'prepend', 'replaceChildren'],
  DocumentFragment: ['append', 'prepend', 'replaceChildren'],
  HTMLElement: ['focus', 'blur', 'click'],
  DOMTokenList: ['add', 'remove'],
  CSSStyleDeclaration: ['setProperty'],
  Storage: ['setItem', 'removeItem', 'clear'],
  History: ['pushState', 'replaceState', 'back', 'forward', 'go'],
};
const WINDOW_VOID = ['scrollTo', 'scrollBy', 'postMessage'];
const CONSOLE_VOID = ['log', 'info', 'warn', 'error', 'debug'];

/** The page's functions of the list above, as far as this browser has them. */
export function voidMethods(): unknown[] {
  const found: unknown[] = [];
  const page = window as unknown as Record<string, { prototype?: object } | undefined>;
  for (const [type, names] of Object.entries(VOID_METHODS)) {
    const prototype = page[type]?.prototype;
    for (const name of names) found.push(prototype && Object.getOwnPropertyDescriptor(prototype, name)?.value);
  }
  for (const name of WINDOW_VOID) found.push(page[name]);
  for (const name of CONSOLE_VOID) found.push((console as unknown as Record<string, unknown>)[name]);
  return found.filter((fn) => typeof fn === 'function');
}
