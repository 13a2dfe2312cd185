import { Reaction, type ElementDefinition, type React } from '../../shared/offload/protocol.js';

/**
 * `customElements.define(name, Class)` where an offloaded script made `Class`: the page
 * defines a class of its own, extending `HTMLElement` (or the built-in element it `extends`),
 * whose constructor and lifecycle reactions run the script's in the worker (`react`). Called
 * from the worker's own calls (an element the script makes or inserts), they run during that
 * call under Atomics; anything else runs them when the worker is next free, as page code
 * cannot wait for a worker function.
 */
export function defineElement(name: string, definition: ElementDefinition, react: React): void {
  const Base = (
    definition.extends ? document.createElement(definition.extends).constructor : HTMLElement
  ) as typeof HTMLElement;
  const observed = [...definition.observed];
  const OffloadedElement = class extends Base {
    static get observedAttributes(): string[] {
      return observed;
    }
    constructor() {
      super();
      // After the constructor returns: an element the worker asked for is first filed under
      // the worker's id for it, and only then lent.
      queueMicrotask(() => react(Reaction.Construct, this));
    }
    connectedCallback() {
      react(Reaction.Connected, this);
    }
    disconnectedCallback() {
      react(Reaction.Disconnected, this);
    }
    adoptedCallback() {
      react(Reaction.Adopted, this);
    }
    attributeChangedCallback(attribute: string, old: string | null, value: string | null) {
      react(Reaction.AttributeChanged, this, attribute, old, value);
    }
  };
  customElements.define(
    name,
    OffloadedElement,
    definition.extends ? { extends: definition.extends } : undefined,
  );
}
