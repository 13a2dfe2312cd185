import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
// The package's public entries, as any user of it would import them.
import { offstageSnippet, type SnippetConfig } from 'offstage/integration';
import { copyLibFiles } from 'offstage/utils';
import { offstage as offstageVite } from 'offstage/vite';

export interface OffstageAstroOptions {
  /** The snippet's config (`window.offstage`); its `lib` is where the files are served. */
  config?: SnippetConfig;
  /** Also serve and copy the debug build (`debug/`), for `config.debug`. Default true. */
  debug?: boolean;
}

/**
 * Offstage for Astro, as `@astrojs/partytown` is Partytown's: the snippet inline in every
 * page's `<head>`, the lib files served by the dev server and copied into the build. Pages
 * then mark scripts `<script type="text/offstage" is:inline>`.
 */
export default function offstage({
  config = {},
  debug = true,
}: OffstageAstroOptions = {}): AstroIntegration {
  const lib = config.lib ?? '/~offstage/';
  return {
    name: 'offstage',
    hooks: {
      'astro:config:setup': ({ injectScript, updateConfig }) => {
        injectScript('head-inline', offstageSnippet({ ...config, lib }));
        // In dev only: the build copies the files itself, once, when it is done.
        // (Astro's own Vite runs it: its types may be another version's than offstage/vite's.)
        const dev = { ...offstageVite({ lib, debug }), apply: 'serve' } as never;
        updateConfig({ vite: { plugins: [dev] } });
      },
      'astro:build:done': ({ dir }) => {
        copyLibFiles(join(fileURLToPath(dir), lib), { debug });
      },
    },
  };
}
