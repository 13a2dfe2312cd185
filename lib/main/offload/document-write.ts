import { isJavaScript, OFFLOADED_TYPE } from '../../shared/offload/script-type.js';

/** Where each script's `document.write` output goes next: after what it wrote before. */
const written = new WeakMap<Element, ChildNode>();

/**
 * `document.write(markup)` from an offloaded script: the markup goes in after the script
 * (after its earlier writes), or at the end of the body when no script is running. Scripts
 * in it become offloaded scripts, picked up like any added later.
 */
export function documentWrite(script: HTMLScriptElement | null, markup: string): void {
  const template = document.createElement('template');
  template.innerHTML = markup;
  for (const inner of template.content.querySelectorAll('script')) {
    if (isJavaScript(inner.type)) inner.type = OFFLOADED_TYPE;
  }
  const nodes = [...template.content.childNodes];
  if (!nodes.length) return;
  const after = script && (written.get(script) ?? script);
  if (after?.parentNode) after.after(template.content);
  else document.body.append(template.content);
  if (script) written.set(script, nodes[nodes.length - 1]!);
}
