import { OFFLOADED_TYPE } from '../../shared/offload/script-type.js';
import type { OffloadOptions } from '../offload/offload-options.js';

/** The `type` of a script to run offloaded: `<script type={SCRIPT_TYPE}>`. */
export const SCRIPT_TYPE = OFFLOADED_TYPE;

/** What `offstageSnippet()` takes: the snippet's `window.offstage` config. */
export interface SnippetConfig extends OffloadOptions {
  /** Loads the debug build (from `lib` + `debug/`): readable code and explanatory errors. */
  debug?: boolean;
}

/** How `offstageSnippet()` writes its config. */
export interface SnippetOptions {
  /**
   * The global the config goes in. `'offstage'` (default) sets `window.offstage` to it.
   * `'partytown'` writes it as Partytown's snippet does, for pages and frameworks written for
   * Partytown: merged into the `window.partytown` the page may already have (Next.js sets
   * `lib` there in a script of its own), `forward` lists joined; the default `lib` is then
   * `/~partytown/`.
   */
  global?: 'offstage' | 'partytown';
}

/**
 * The inline script a page puts in its `<head>`, before the scripts it offloads: sets
 * `window.offstage` to `config`, then runs the snippet, which loads the rest from `lib`.
 * Functions in the config (`resolveUrl`, hooks) run on the page, so they are written out as
 * their source: they must not use variables from around them. The text is safe inside a
 * `<script>` element (no `</script`, no `<!--`). Use it server-side (React, Astro, a
 * template) or at build time; it needs no DOM.
 */
export function offstageSnippet(
  config: SnippetConfig = {},
  { global = 'offstage' }: SnippetOptions = {},
): string {
  const data = sourceOf(config, 'config');
  const set =
    global === 'partytown'
      ? `(function(w,c,p){p=w.partytown||{};c.forward=(p.forward||[]).concat(c.forward||[]);w.partytown=Object.assign(p,c)})(window,${data});`
      : `window.offstage=${data};`;
  // In a function of its own, so that its "use strict" still applies after the config.
  const source = `${set}(function(){${OFFSTAGE_SNIPPET}})();`;
  // `<\/script` and `<\!--` mean the same in strings, regular expressions and comments,
  // the only places the two can appear in script text.
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** `value` as JavaScript source: data as JSON, functions as their own source. */
function sourceOf(value: unknown, path: string): string {
  if (typeof value === 'function') return functionSource(value, path);
  if (Array.isArray(value)) return `[${value.map((v, i) => sourceOf(v, `${path}[${i}]`))}]`;
  // `loadScriptsOnMainThread` patterns.
  if (value instanceof RegExp) {
    return `new RegExp(${JSON.stringify(value.source)},${JSON.stringify(value.flags)})`;
  }
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(
        `offstageSnippet: ${path} is a ${proto?.constructor?.name ?? 'non-plain'} object, which a ` +
          'config cannot hold; use plain objects, arrays, strings, numbers, booleans, RegExps and functions',
      );
    }
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sourceOf(v, `${path}.${k}`)}`)}}`;
  }
  if (value === undefined) return 'undefined';
  if (typeof value === 'bigint' || typeof value === 'symbol') {
    throw new TypeError(
      `offstageSnippet: ${path} is a ${typeof value}, which a config cannot hold`,
    );
  }
  return JSON.stringify(value);
}

/**
 * A function's source as an expression. A method (`resolveUrl(url) { … }`) is not one by
 * itself: it is written as the method of an object literal.
 */
function functionSource(fn: Function, path: string): string {
  const text = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(text)) {
    throw new TypeError(
      `offstageSnippet: ${path} is a built-in or bound function, which has no source to write ` +
        'into the page; pass a function written in your code',
    );
  }
  // No function expression or arrow starts with `name(`: only a method does.
  const method = /^(?:async\s+)?(?:\*\s*)?(?!function\b|class\b|async\b)([\w$]+)\s*\(/.exec(text);
  if (method) return `({${text}})[${JSON.stringify(method[1])}]`;
  return `(${text})`;
}
