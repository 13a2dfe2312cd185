import {
  OffloadCall,
  Reaction,
  type OffloadContract,
  type React,
} from '../../shared/offload/protocol.js';
import type { MainThread } from '../channel/main-thread.js';
import {
  isPageObject,
  type AroundCall,
  type LocalRead,
  type LocalWrite,
} from '../proxy/remote-proxy.js';

type ElementClass = (new (...args: unknown[]) => object) & { observedAttributes?: unknown };

const CALLBACKS: Record<Exclude<Reaction, Reaction.Construct>, string> = {
  [Reaction.Connected]: 'connectedCallback',
  [Reaction.Disconnected]: 'disconnectedCallback',
  [Reaction.Adopted]: 'adoptedCallback',
  [Reaction.AttributeChanged]: 'attributeChangedCallback',
};

/**
 * Custom elements whose classes offloaded scripts define. `customElements.define(name, Class)`
 * has the page define a class of its own (lib/main/offload/define-element.ts) whose
 * constructor and reactions run the script's here, on the page element: `super()` — the page's
 * `HTMLElement`, which the page would refuse to construct — gives the element being made, so
 * the constructor runs with it as `this`; members of the script's class (methods, accessors)
 * read through the element's proxy are the class's, and so is its prototype. An element a script makes
 * (`document.createElement(name)`, `new Class()`) is constructed at once, as on a page; one
 * the page makes, when the page's constructor tells the worker.
 */
export class CustomElements {
  #main: MainThread<OffloadContract> | undefined;
  #registry: (() => unknown) | undefined;
  #create: ((name: string) => object) | undefined;
  /** Making the element of a `new Class()`: its construction is that one. */
  #making = false;
  readonly #byName = new Map<string, ElementClass>();
  readonly #names = new Map<ElementClass, string>();
  /** Elements being constructed, innermost last: what `super()` gives. */
  readonly #constructing: object[] = [];
  /** Each element's class, once its construction began. */
  readonly #classes = new WeakMap<object, ElementClass>();

  attach(
    main: MainThread<OffloadContract>,
    /** The page's `customElements`, read when first needed. */
    registry: () => unknown,
    create: (name: string) => object,
  ): void {
    this.#main = main;
    this.#registry = registry;
    this.#create = create;
  }

  /**
   * `customElements.define(name, Class)` with a class of the scripts'; and a method called on
   * or with one of their elements (`setAttribute`, `appendChild`) waits for the page, so that
   * the reactions it causes run during the call, as on a page (under Atomics: the service
   * worker cannot run them before the call returns).
   */
  readonly around: AroundCall = (self, key, args, call) => {
    const involved =
      this.#byName.size > 0 &&
      (this.#classes.has(self) || args.some((arg) => this.#classes.has(arg as object)));
    if (involved) return call(true);
    if (key !== 'define' || self !== this.#registry?.()) return call();
    const [name, Class, options] = args as [string, ElementClass, { extends?: string }?];
    if (typeof Class !== 'function' || isPageObject(Class)) return call();
    const observed = Class.observedAttributes;
    this.#main!.call(
      OffloadCall.DefineElement,
      String(name),
      {
        observed: Array.isArray(observed) ? observed.map(String) : [],
        ...(options?.extends ? { extends: String(options.extends) } : {}),
      },
      this.#react(Class),
    );
    this.#byName.set(String(name).toLowerCase(), Class);
    this.#names.set(Class, String(name));
    return undefined;
  };

  /** `super()` of a class of the scripts', or `new Class()`: the element it makes. */
  readonly construct = (_fn: object, _args: unknown[], newTarget: unknown): object | undefined => {
    const current = this.#constructing.at(-1);
    if (current) return current;
    const name = this.#names.get(newTarget as ElementClass);
    if (name === undefined) return undefined;
    // `new Class()`: the page makes the element; this construction is its construction.
    this.#making = true;
    let element: object;
    try {
      element = this.#create!(name);
    } finally {
      this.#making = false;
    }
    this.#classes.set(element, newTarget as ElementClass);
    return element;
  };

  /** An element a script made by name: constructed now, as on a page. */
  made(element: object, name: string): void {
    if (this.#making) return;
    const Class = this.#byName.get(name.toLowerCase());
    if (Class) this.#construct(Class, element);
  }

  /** An element's prototype is its class's (`el instanceof Class`). */
  readonly prototypeOf = (proxy: object): object | undefined =>
    this.#classes.get(proxy)?.prototype as object | undefined;

  /** Members of the script's class, read through the element's proxy. */
  readonly read: LocalRead = (proxy, key) => {
    const found = this.#member(proxy, key);
    if (!found) return undefined;
    return { value: found.get ? found.get.call(proxy) : found.value };
  };

  readonly write: LocalWrite = (proxy, key, value) => {
    const found = this.#member(proxy, key);
    if (!found?.set) return false;
    found.set.call(proxy, value);
    return true;
  };

  #member(proxy: object, key: string): PropertyDescriptor | undefined {
    const Class = this.#classes.get(proxy);
    if (!Class) return undefined;
    for (
      let p: object | null = Class.prototype;
      p && !isPageObject(p);
      p = Object.getPrototypeOf(p)
    ) {
      const found = Object.getOwnPropertyDescriptor(p, key);
      if (found) return found;
    }
    return undefined;
  }

  #react(Class: ElementClass): React {
    return (reaction, element, ...args) => {
      this.#construct(Class, element);
      if (reaction === Reaction.Construct) return;
      const callback = this.#member(element, CALLBACKS[reaction]);
      const fn = callback?.value ?? callback?.get?.call(element);
      if (typeof fn === 'function') fn.apply(element, args);
    };
  }

  #construct(Class: ElementClass, element: object): void {
    if (this.#classes.has(element)) return;
    this.#classes.set(element, Class);
    this.#constructing.push(element);
    try {
      Reflect.construct(Class, []);
    } finally {
      this.#constructing.pop();
    }
  }
}
