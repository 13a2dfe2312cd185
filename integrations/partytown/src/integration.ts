import { offstageSnippet, type SnippetConfig } from 'offstage/integration';
import type { PartytownConfig } from './config.js';

export type * from './config.js';

/** The `type` that marks a script to offload: `<script type="text/partytown">`. */
export const SCRIPT_TYPE = 'text/partytown';

/**
 * The inline script for a page's `<head>`, as Partytown's `partytownSnippet()`: merges
 * `config` into `window.partytown` (which the page, or a framework, may have set already),
 * then runs Offstage's snippet, which loads the rest from `lib` (default `/~partytown/`).
 * Functions in the config are written out as their own source.
 */
export function partytownSnippet(config: PartytownConfig = {}): string {
  return offstageSnippet(config as SnippetConfig, { global: 'partytown' });
}
