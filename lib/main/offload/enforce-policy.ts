import { isPlainData } from '../../shared/channel/codec.js';
import { hostAllowed, matches } from '../../shared/offload/policy-match.js';
import { OffloadCall } from '../../shared/offload/protocol.js';
import { OFFLOADED_TYPE, PARTYTOWN_TYPE } from '../../shared/offload/script-type.js';
import { SyncApi } from '../../shared/sync-apis/protocol.js';
import { Access, type AccessHandlers } from '../../shared/proxy/protocol.js';
import { entries } from '../proxy/remote-access.js';
import { readingThrough } from './access-hooks.js';
import type { ScriptPolicy } from './policy.js';

/** How one policy is kept on the page: see `enforcePolicy`. */
export interface Enforcement {
  /** Run on every page object the worker is lent or names: throws if it is out of reach. */
  guard(value: object): void;
  /** The access handlers, each refusing what the policy does not grant. */
  access: AccessHandlers;
  /** Throws if the policy does not let the scripts reach `url` (what a page element loads). */
  host(url: string, what: string): void;
  /** The handlers of the policy's worker beyond property access, each keeping to it. */
  handlers<H extends object>(handlers: H): H;
  /** `window` (the top or parent of a framed page) if the worker may be lent it, else null. */
  reachable(other: Window | null): Window | null;
  /** Throws: the scripts may not do `what`, by `rule`. */
  deny(what: string, rule: string): never;
  /** The script elements the scripts made: they run in their worker, whatever their src. */
  madeScripts: WeakSet<object>;
  /** The policy's script elements, in reach of its worker wherever they are in the page. */
  scripts: WeakSet<object>;
}

const OFFLOADED = [OFFLOADED_TYPE, PARTYTOWN_TYPE];
/** Element properties and attributes whose value is a URL the page loads or sends to. */
const URL_NAMES = new Set([
  'src',
  'href',
  'action',
  'formaction',
  'data',
  'poster',
  'ping',
  'background',
  'codebase',
  'xlink:href',
]);
/** Properties whose value is markup the page parses. */
const MARKUP_NAMES = new Set(['innerhtml', 'outerhtml', 'srcdoc']);
/** What markup may not hold: elements that run or load code, and event handlers. */
const UNSAFE_MARKUP = 'script,iframe,frame,object,embed,base,meta,link,form,portal';

/** A DOMException like the platform's, naming the policy and its rule. */
function securityError(policy: ScriptPolicy, what: string, rule: string): DOMException {
  return new DOMException(
    `Offstage policy "${policy.name}": ${what} is not allowed (${rule})`,
    'SecurityError',
  );
}

const isNative = (fn: object): boolean =>
  /\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(fn));

const describe = (element: Element): string =>
  `<${element.localName}${element.id ? `#${element.id}` : ''}>`;

/** Whether `value` is a window (of any origin). */
function isWindow(value: object): value is Window {
  try {
    return (value as Window).window === value;
  } catch {
    return false;
  }
}

/** Whether `value` quacks as a DOM node, of this window or another's. */
function isNode(value: object): value is Node {
  try {
    return typeof (value as Node).nodeType === 'number' && 'ownerDocument' in value;
  } catch {
    return false; // a prototype (`HTMLElement.prototype`), whose getters need a node
  }
}

/** A tag name as the page makes it. */
const tagOf = (value: unknown): string => String(value).toLowerCase();

/**
 * Keeps one policy (see policy.ts) on the page: wraps the access handlers of its scripts'
 * worker so that each access the policy does not grant throws a `SecurityError`, and gives the
 * channel a guard that no page object out of the policy's reach is lent or used. What the
 * guard covers, the handlers need not: a node outside the policy's subtrees can be neither
 * read nor named.
 */
export function enforcePolicy(policy: ScriptPolicy, access: AccessHandlers): Enforcement {
  const dom = policy.dom ?? [];
  const hidden = policy.hidden ?? ['input[type=password]'];
  const cookies = policy.cookies ?? [];
  const storage = policy.storage ?? [];
  const hosts = policy.hosts ?? [];
  const calls = policy.calls ?? [];
  const madeScripts = new WeakSet<object>();
  const scripts = new WeakSet<object>();

  const deny = (what: string, rule: string): never => {
    throw securityError(policy, what, rule);
  };
  const list = (values: readonly (string | RegExp)[]) =>
    values.length ? values.map(String).join(', ') : 'none';
  const navigate = (what: string) => {
    if (!policy.navigation) deny(what, 'navigation: false');
  };
  const cookieAllowed = (name: string) => cookies.some((pattern) => matches(pattern, name));
  const storageAllowed = (key: string) => storage.some((pattern) => matches(pattern, key));
  const storageKey = (key: string, what: string) => {
    if (!storageAllowed(key)) deny(`${what} the storage key "${key}"`, `storage: ${list(storage)}`);
  };
  const host = (url: string, what: string) => {
    // Page elements never load blob: URLs the scripts made: a document there is the page's origin.
    if (/^\s*blob:/i.test(url) || !hostAllowed(hosts, url, location.href))
      deny(`${what} ${JSON.stringify(url)}`, `hosts: ${list(hosts)}`);
  };

  /** Why `node` is out of reach, if it is. */
  function outOfReach(node: Node): string | undefined {
    const owner = node.nodeType === Node.DOCUMENT_NODE ? (node as Document) : node.ownerDocument;
    // Documents without a window (DOMParser's, createHTMLDocument's) run nothing: the scripts'.
    if (owner !== document)
      return owner?.defaultView ? "a node of another window's document" : undefined;
    if (node === document) return undefined;
    const element =
      node.nodeType === Node.ELEMENT_NODE
        ? (node as Element)
        : node.nodeType === Node.ATTRIBUTE_NODE
          ? (node as Attr).ownerElement
          : (node.parentElement ?? (node as ShadowRoot).host ?? null);
    if (!element?.isConnected) return undefined;
    let inside = false;
    for (
      let at: Element | undefined = element;
      at && !inside;
      at = (at.getRootNode() as ShadowRoot).host
    )
      inside = dom.some((selector) => at!.closest(selector));
    if (!inside)
      return `the element ${describe(element)}, outside the subtrees (dom: ${list(dom)})`;
    if (hidden.some((selector) => element.matches(selector)))
      return `the element ${describe(element)} (hidden: ${list(hidden)})`;
    return undefined;
  }

  // The page's functions that run text as code, and those some rule governs, by identity.
  let rules: Map<object, (self: unknown, args: unknown[]) => void> | undefined;
  let evaluators: Set<unknown> | undefined;
  const code = (what: string) => deny(what, 'code is never run on the page');
  function ruleOf(fn: object) {
    if (!rules) {
      evaluators = new Set([
        Function,
        eval,
        (async () => {}).constructor,
        function* () {}.constructor,
        async function* () {}.constructor,
      ]);
      rules = functionRules();
    }
    return rules.get(fn);
  }

  /** The rules of the platform's functions a policy governs. */
  function functionRules() {
    const table = new Map<object, (self: unknown, args: unknown[]) => void>();
    const add = (
      owner: object | undefined,
      names: string[],
      rule: (self: unknown, args: unknown[], name: string) => void,
    ) => {
      for (const name of names) {
        const fn = (owner as Record<string, unknown> | undefined)?.[name];
        if (typeof fn === 'function') table.set(fn, (self, args) => rule(self, args, name));
      }
    };
    const timer = (_self: unknown, args: unknown[]) => {
      if (typeof args[0] !== 'function') code('a timer given text');
    };
    add(window, ['setTimeout', 'setInterval'], timer);
    add(window, ['open'], () => navigate('window.open()'));
    add(window, ['fetch'], (_self, args) =>
      host(args[0] instanceof Request ? args[0].url : String(args[0]), 'fetching'),
    );
    add(Navigator.prototype, ['sendBeacon'], (_self, args) => host(String(args[0]), 'a beacon to'));
    add(XMLHttpRequest.prototype, ['open'], (_self, args) => host(String(args[1]), 'a request to'));
    add(Document.prototype, ['write', 'writeln', 'open', 'close', 'execCommand'], (_s, _a, name) =>
      deny(`document.${name}()`, 'the document itself is in no `dom` subtree'),
    );
    add(Element.prototype, ['setAttribute'], (self, args) =>
      attribute(self as Element, String(args[0]), args[1]),
    );
    add(Element.prototype, ['setAttributeNS'], (self, args) =>
      attribute(self as Element, String(args[1]), args[2]),
    );
    add(Element.prototype, ['removeAttribute', 'toggleAttribute'], (self, args) =>
      attribute(self as Element, String(args[0]), null),
    );
    add(Element.prototype, ['insertAdjacentHTML'], (_self, args) => markup(String(args[1])));
    for (const owner of [Element.prototype, ShadowRoot.prototype])
      add(owner, ['setHTMLUnsafe'], (_self, args) => markup(String(args[0])));
    add(Range.prototype, ['createContextualFragment'], (_self, args) => markup(String(args[0])));
    add(Storage.prototype, ['getItem', 'removeItem'], (_self, args, name) =>
      storageKey(String(args[0]), name === 'getItem' ? 'reading' : 'removing'),
    );
    add(Storage.prototype, ['setItem'], (_self, args) => storageKey(String(args[0]), 'writing'));
    add(Storage.prototype, ['key', 'clear'], (_self, _args, name) => {
      if (!storage.includes('*')) deny(`storage.${name}()`, `storage: ${list(storage)}`);
    });
    add(History.prototype, ['pushState', 'replaceState', 'back', 'forward', 'go'], (_s, _a, name) =>
      navigate(`history.${name}()`),
    );
    add(location, ['assign', 'replace', 'reload'], (_s, _a, name) =>
      navigate(`location.${name}()`),
    );
    const navigation = (window as { Navigation?: { prototype: object } }).Navigation;
    add(
      navigation?.prototype,
      ['navigate', 'reload', 'back', 'forward', 'traverseTo'],
      (_s, _a, n) => navigate(`navigation.${n}()`),
    );
    add(HTMLFormElement.prototype, ['submit', 'requestSubmit'], (_s, _a, name) =>
      navigate(`form.${name}()`),
    );
    add(HTMLElement.prototype, ['click'], (self) => {
      const element = self as HTMLElement;
      if (element.closest?.('a[href],area[href]') || (element as HTMLButtonElement).form)
        navigate('clicking a link or a form button');
    });
    const cookieStore = (window as { CookieStore?: { prototype: object } }).CookieStore;
    add(cookieStore?.prototype, ['get', 'getAll', 'set', 'delete'], (_self, args, name) => {
      const given = args[0] as string | { name?: string } | undefined;
      const cookie = typeof given === 'string' ? given : given?.name;
      if (cookie === undefined ? !cookies.includes('*') : !cookieAllowed(cookie))
        deny(`cookieStore.${name}(${cookie ?? ''})`, `cookies: ${list(cookies)}`);
    });
    add(Node.prototype, ['cloneNode'], (self) => {
      if ((self as Node).nodeName === 'SCRIPT')
        deny('copying a script element', 'scripts run in the worker');
    });
    // Nodes of another document (DOMParser's, a template's) enter the page's checked as markup.
    const inserting = (_self: unknown, args: unknown[]) => {
      for (const arg of args) {
        if (arg && typeof arg === 'object' && isNode(arg) && arg.ownerDocument !== document)
          foreign(arg);
      }
    };
    add(Node.prototype, ['appendChild', 'insertBefore', 'replaceChild'], inserting);
    const many = ['append', 'prepend', 'before', 'after', 'replaceWith', 'replaceChildren'];
    add(Element.prototype, [...many, 'insertAdjacentElement'], inserting);
    add(CharacterData.prototype, many, inserting);
    add(DocumentFragment.prototype, many, inserting);
    add(Document.prototype, [...many, 'adoptNode', 'importNode'], inserting);
    add(Range.prototype, ['insertNode', 'surroundContents'], inserting);
    for (const name of ['Worker', 'SharedWorker', 'XSLTProcessor']) {
      const constructor = (window as unknown as Record<string, object | undefined>)[name];
      if (constructor) table.set(constructor, () => code(`new ${name}()`));
    }
    for (const name of ['WebSocket', 'EventSource', 'Image', 'Audio']) {
      const constructor = (window as unknown as Record<string, object | undefined>)[name];
      if (constructor)
        table.set(constructor, (_self, args) => {
          if (args[0] !== undefined) host(String(args[0]), `new ${name}() to`);
        });
    }
    add(window, ['alert', 'confirm', 'prompt', 'print'], (_s, _a, name) =>
      deny(`${name}()`, "the page's dialogs are the page's"),
    );
    const powerful = (type: string, names: string[]) =>
      add(
        (window as unknown as Record<string, { prototype: object } | undefined>)[type]?.prototype,
        names,
        (_s, _a, name) =>
          deny(`${type}.${name}()`, 'what the browser keeps for the page is the page\u2019s'),
      );
    powerful('CredentialsContainer', ['get', 'create', 'store', 'preventSilentAccess']);
    powerful('Clipboard', ['read', 'readText']);
    const register = navigator.serviceWorker?.register;
    if (register) table.set(register, () => code('registering a service worker'));
    return table;
  }

  /**
   * A call the scripts make of a page function `fn`, on `self`, with `args`; `run` makes it.
   * A script element it makes is the scripts': inert on the page, it runs in their worker.
   */
  function checkCall(fn: unknown, self: unknown, args: unknown[], run: () => unknown): unknown {
    passed(self, args);
    if (typeof fn !== 'function') return run();
    const rule = ruleOf(fn);
    if (evaluators!.has(fn)) code(`calling the page's ${fn.name || 'eval'}`);
    if (rule) rule(self, args);
    else if (!isNative(fn) && !granted(fn))
      deny(`calling the page function ${fn.name || '(anonymous)'}`, `calls: ${list(calls)}`);
    const result = run();
    const { createElement, createElementNS } = Document.prototype;
    const tag = tagOf(fn === createElementNS ? args[1] : args[0]);
    if ((fn === createElement || fn === createElementNS) && tag.endsWith('script')) {
      const script = result as HTMLScriptElement;
      script.setAttribute('type', OFFLOADED_TYPE);
      madeScripts.add(script);
    }
    return result;
  }

  /** Whether `fn` is a page function the policy grants (`calls`). */
  const granted = (fn: object) => calls.some((path) => pageFunction(path) === fn);

  /**
   * Values the scripts hand a page function (its `this`, its arguments, a value written):
   * never a function some rule governs, nor the page's evaluators, which the page would then
   * call on their behalf past the rule (`setTimeout(storage.setItem.bind(…))`,
   * `Reflect.apply`, `.call`, a callback). Plain data is looked into.
   */
  function passed(...values: unknown[]): void {
    const seen = new Set<unknown>();
    const look = (value: unknown): void => {
      if (typeof value === 'function') {
        ruleOf(value);
        if (rules!.has(value) || evaluators!.has(value))
          deny(
            `handing over the page's ${value.name || 'function'}`,
            'functions a rule governs are called by name',
          );
      } else if (isPlainData(value) && !seen.has(value)) {
        seen.add(value);
        for (const each of Object.values(value)) look(each);
      }
    };
    values.forEach(look);
  }

  /** Markup the scripts give the page to parse: refused if it would run or load anything. */
  function markup(text: string): void {
    const parsed = new DOMParser().parseFromString(text, 'text/html');
    elements(parsed.querySelectorAll('*'), true);
  }

  /** A node of another document entering the page's, with all it holds. */
  function foreign(node: Node): void {
    const root = node.nodeType === Node.ELEMENT_NODE ? [node as Element] : [];
    elements([...root, ...((node as Element).querySelectorAll?.('*') ?? [])], false);
  }

  /** Elements about to be the page's: none that runs or loads code, no handler, no other host. */
  function elements(all: Iterable<Element>, parsed: boolean): void {
    for (const element of all) {
      if (element.matches(UNSAFE_MARKUP) && !madeScripts.has(element))
        deny(`markup with ${describe(element)}`, 'markup may not hold elements that run code');
      for (const { name, value } of element.attributes) attribute(element, name, value, parsed);
      // A template's content (a shadow root, with `setHTMLUnsafe`) is the page's once used.
      if (element instanceof HTMLTemplateElement)
        elements(element.content.querySelectorAll('*'), parsed);
    }
  }

  /** An attribute the scripts set (`value` null: removed) on `element`. */
  function attribute(element: Element, name: string, value: unknown, parsed = false): void {
    const lower = name.toLowerCase();
    if (lower.startsWith('on') && value !== null) code(`the ${lower} attribute`);
    if (element.localName === 'script' && lower === 'type' && !OFFLOADED.includes(String(value)))
      deny(`setting a script's type to ${String(value)}`, 'scripts run in the worker');
    if (MARKUP_NAMES.has(lower) && value !== null) markup(String(value));
    // Each candidate of a srcset (`<img>`, `<source>`, a preload's imagesrcset) is a URL.
    if ((lower === 'srcset' || lower === 'imagesrcset') && value !== null) {
      for (const candidate of String(value).split(','))
        host(candidate.trim().split(/\s+/)[0]!, parsed ? 'markup loading' : `${lower} =`);
      return;
    }
    if (value === null || !URL_NAMES.has(lower)) return;
    // A link loads nothing until the user follows it; only code in it is refused.
    if (lower === 'href' && (element.localName === 'a' || element.localName === 'area')) {
      if (/^\s*javascript:/i.test(String(value))) code('a javascript: link');
      return;
    }
    host(String(value), parsed ? `markup loading` : `${lower} =`);
  }

  /** A property write the scripts make. */
  function write(target: object, key: string, value: unknown): void {
    // A function of the scripts' in place of the page's (`XMLHttpRequest.prototype.send`,
    // `window.onerror`) would hear page code: only on their nodes (handlers) and page data.
    if (typeof value === 'function' && !isNode(target) && !isPlainData(target))
      deny(
        `putting a function of the script's at ${key}`,
        'page code would call it with what is the page’s',
      );
    if (target === document) {
      if (key === 'cookie') {
        const name = String(value).split(';')[0]!.split('=')[0]!.trim();
        if (!cookieAllowed(name)) deny(`writing the cookie "${name}"`, `cookies: ${list(cookies)}`);
        return;
      }
      if (key === 'location') return navigate('document.location =');
      deny(`writing document.${key}`, 'the document itself is in no `dom` subtree');
    }
    if (target === window && key === 'location') return navigate('window.location =');
    if (target === location) return navigate(`location.${key} =`);
    if (target instanceof History) return navigate(`history.${key} =`);
    if (target instanceof Storage) return storageKey(key, 'writing');
    if (isNode(target) && target.nodeType === Node.ATTRIBUTE_NODE) {
      const attr = target as Attr;
      if (attr.ownerElement && ['value', 'nodeValue', 'textContent'].includes(key))
        attribute(attr.ownerElement, attr.name, value);
      return;
    }
    if (!isNode(target) || target.nodeType !== Node.ELEMENT_NODE) return;
    const lower = key.toLowerCase();
    // A function as a handler runs in the worker; text would be page code.
    if (lower.startsWith('on') && typeof value === 'function') return;
    attribute(target as Element, key, value);
  }

  /** A read the scripts make of `key` on `target`. */
  const read = (target: object, key: string): unknown => {
    if (target === document && key === 'cookie') {
      // The cookies the policy names, and no others, as if the page had only those.
      return document.cookie
        .split('; ')
        .filter((pair) => pair && cookieAllowed(pair.split('=')[0]!))
        .join('; ');
    }
    if (target instanceof Storage && !(key in Storage.prototype)) storageKey(key, 'reading');
    const value = access[Access.Get](target, key);
    // A page function not granted cannot even be read, to be passed along for the page to
    // call on the scripts' behalf (`setTimeout(pageFunction)`).
    if (typeof value === 'function' && !isNative(value) && !granted(value))
      deny(`reaching the page function ${value.name || '(anonymous)'}`, `calls: ${list(calls)}`);
    return value;
  };
  /** Whether a storage key is hidden from the scripts: it is as if the page had none. */
  const hiddenKey = (target: object, key: string) =>
    target instanceof Storage && !(key in Storage.prototype) && !storageAllowed(key);
  const visible = (target: object, keys: string[]) =>
    target instanceof Storage ? keys.filter((key) => !hiddenKey(target, key)) : keys;

  const reading = readingThrough(read);
  const enforced: AccessHandlers = {
    ...access,
    [Access.Get]: read,
    [Access.Set]: (target, key, value) => {
      passed(value);
      write(target, key, value);
      return access[Access.Set](target, key, value);
    },
    [Access.Has]: (target, key) => !hiddenKey(target, key) && access[Access.Has](target, key),
    [Access.Keys]: (target) => visible(target, access[Access.Keys](target)),
    [Access.Entries]: (target) => {
      if (!(target instanceof Storage)) return reading[Access.Entries](target);
      const shown = Object.fromEntries(visible(target, Object.keys(target)).map((k) => [k, 0]));
      return entries(shown, (key) => read(target, key));
    },
    [Access.Own]: (target, key) =>
      hiddenKey(target, key) ? null : reading[Access.Own](target, key),
    [Access.ReadAhead]: reading[Access.ReadAhead],
    // Each storage item by its key, through `Access.Get`.
    [Access.Items]: () => null,
    [Access.Delete]: (target, key) => {
      if (target instanceof Storage) storageKey(key, 'removing');
      if (target === document || target === location) write(target, key, undefined);
      return access[Access.Delete](target, key);
    },
    [Access.Method]: (target, key, args) =>
      checkCall((target as Record<string, unknown>)[key], target, args, () =>
        access[Access.Method](target, key, args),
      ),
    [Access.Apply]: (fn, thisArg, args) =>
      checkCall(fn, thisArg, args, () => access[Access.Apply](fn, thisArg, args)),
    [Access.Construct]: (fn, args) =>
      checkCall(fn, undefined, args, () => access[Access.Construct](fn, args)) as object,
    [Access.Replace]: (target, key, replay) => {
      passed(target);
      write(target, key, replay);
      return access[Access.Replace](target, key, replay);
    },
  };

  const guard = (value: object) => {
    if (typeof value === 'function') {
      ruleOf(value);
      if (evaluators!.has(value)) code(`the page's ${(value as () => void).name || 'eval'}`);
      // `get cookie`, `set innerHTML`: reached only through their properties, by the rules.
      if (/^(get|set) /.test((value as () => void).name) && isNative(value))
        deny(`the page's ${(value as () => void).name} function`, 'properties are reached by name');
      return;
    }
    if (value instanceof Event) {
      // What happens outside the subtrees (keys typed in the page's fields) is not theirs.
      const target = value.target as object | null;
      if (target && isNode(target) && !scripts.has(target)) {
        const why = outOfReach(target);
        if (why) deny(`an event of ${why}`, 'the page keeps what it did not grant');
      }
      if (value instanceof StorageEvent && value.key !== null && !storageAllowed(value.key))
        deny(`a storage event of "${value.key}"`, `storage: ${list(storage)}`);
      return;
    }
    if (isWindow(value)) {
      if (value === window) return;
      let sameOrigin = false;
      try {
        sameOrigin = !!value.document;
      } catch {
        // Another origin's window: only what any origin may do (postMessage) reaches it.
      }
      if (sameOrigin) deny('reaching another window of this origin', 'its code is the page’s');
      return;
    }
    if (isNode(value) && !scripts.has(value)) {
      const why = outOfReach(value);
      if (why) deny(`reaching ${why}`, 'the page keeps what it did not grant');
    }
  };

  return {
    guard,
    access: enforced,
    host,
    handlers: (handlers) =>
      policed(
        handlers,
        host,
        (name) => {
          if (!calls.includes(name))
            deny(`calling the page function ${name}`, `calls: ${list(calls)}`);
        },
        deny,
      ),
    reachable: (other) => {
      try {
        if (other) guard(other);
        return other;
      } catch {
        return null;
      }
    },
    deny,
    madeScripts,
    scripts,
  };
}

/** The page function at `path` from the window, if there is one. */
function pageFunction(path: string): unknown {
  let value: unknown = window;
  for (const name of path.split('.')) value = (value as Record<string, unknown> | null)?.[name];
  return value;
}

/**
 * The handlers of a policy's worker beyond property access (which `enforcement.access`
 * keeps): its page functions by name, what it sends, and what it would change page-wide.
 */
function policed<H extends object>(
  handlers: H,
  host: Enforcement['host'],
  call: (name: string) => void,
  deny: Enforcement['deny'],
): H {
  const kept = { ...handlers } as Record<string, unknown>;
  const shared = new Set<string>();
  for (const [name, fn] of Object.entries(handlers as Record<string, unknown>)) {
    if (name.startsWith('offstage:')) continue;
    kept[name] = (...args: unknown[]) => {
      call(name);
      return (fn as (...args: unknown[]) => unknown)(...args);
    };
  }
  const around =
    <A extends unknown[]>(name: string, check: (...args: A) => void) =>
    (...args: A) => {
      check(...args);
      return ((handlers as Record<string, unknown>)[name] as (...args: A) => unknown)(...args);
    };
  kept[OffloadCall.Beacon] = around(OffloadCall.Beacon, (url: string) => host(url, 'a beacon to'));
  kept[OffloadCall.Keepalive] = around(OffloadCall.Keepalive, (url: string) =>
    host(url, 'fetching'),
  );
  kept[SyncApi.Fetch] = around(SyncApi.Fetch, (url: string) => host(url, 'fetching'));
  kept[OffloadCall.Write] = () =>
    deny('document.write()', 'the document itself is in no `dom` subtree');
  kept[OffloadCall.DefineElement] = (name: string) =>
    deny(`defining the custom element <${name}>`, 'custom elements are the page’s');
  // A global the scripts declare reaches page code, but never replaces one of the page's.
  kept[OffloadCall.ShareGlobal] = (name: string, value: unknown) => {
    const page = window as unknown as Record<string, unknown>;
    if (name in page && !shared.has(name))
      return console.error(
        `Offstage policy: a script's global "${name}" would replace the page's: kept in its worker`,
      );
    shared.add(name);
    page[name] = value;
  };
  return kept as H;
}

/** Checks the page's policies: each named once, each with its scripts. */
export function checkPolicies(policies: ScriptPolicy[] = []): ScriptPolicy[] {
  const names = new Set<string>();
  for (const policy of policies) {
    const name = policy?.name;
    if (typeof name !== 'string' || !name || names.has(name)) {
      throw new TypeError(
        `Offstage: each of \`policies\` needs a name of its own (${JSON.stringify(name)})`,
      );
    }
    names.add(name);
    if (!Array.isArray(policy.scripts) || !policy.scripts.length) {
      throw new TypeError(
        `Offstage: policy "${name}" names no scripts: give \`scripts\`, patterns of their src or "#id"`,
      );
    }
    // A selector the page cannot parse would fail every access, with the browser's words.
    for (const selector of [...(policy.dom ?? []), ...(policy.hidden ?? [])]) {
      try {
        document.querySelector(selector);
      } catch {
        throw new TypeError(
          `Offstage: policy "${name}" has a selector the page cannot parse: ${JSON.stringify(selector)}`,
        );
      }
    }
  }
  return policies;
}
