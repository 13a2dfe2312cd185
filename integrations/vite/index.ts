import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
// The package's public entries, as any user of it would import them.
import { offstageSnippet, type SnippetConfig } from 'offstage/integration';
import { LIB_FILES, libDirPath } from 'offstage/utils';

export interface OffstageViteOptions {
  /** The URL path the lib files are served at. Default `/~offstage/`. */
  lib?: string;
  /** Also serve and copy the debug build (`debug/`), which pages load with `debug: true`. Default true. */
  debug?: boolean;
  /**
   * Puts the snippet in each HTML page's `<head>`: `true`, or its config (`lib` is this
   * plugin's). Default false: you render it yourself (`offstageSnippet()`).
   */
  snippet?: boolean | Omit<SnippetConfig, 'lib'>;
  /**
   * Sends `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy:
   * require-corp` from the dev and preview servers, so pages get the Atomics transport
   * there. Your production host must send them too (see the README). Default false.
   */
  crossOriginIsolation?: boolean;
}

const ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Offstage for Vite: serves the lib files in dev, emits them with the build, can put the
 * snippet in the HTML, and can make the dev and preview servers cross-origin isolated.
 */
export function offstage(options: OffstageViteOptions = {}): Plugin {
  const lib = normalizeLib(options.lib ?? '/~offstage/');
  const debug = options.debug ?? true;
  const files = debug ? [...LIB_FILES, ...LIB_FILES.map((f) => `debug/${f}`)] : LIB_FILES;
  const src = libDirPath();
  return {
    name: 'offstage',
    config() {
      if (!options.crossOriginIsolation) return;
      return { server: { headers: ISOLATION }, preview: { headers: ISOLATION } };
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!;
        const file = path.startsWith(lib) ? path.slice(lib.length) : undefined;
        if (!file || !files.includes(file)) return next();
        res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
        res.setHeader('Cache-Control', 'no-cache');
        // A worker's isolation is its own script's (this runs before Vite adds its headers).
        if (options.crossOriginIsolation) {
          for (const [name, value] of Object.entries(ISOLATION)) res.setHeader(name, value);
        }
        // The service worker's scope is the lib folder: it may control only the worker there.
        res.end(readFileSync(join(src, file)));
      });
    },
    generateBundle() {
      for (const file of files) {
        this.emitFile({
          type: 'asset',
          fileName: `${lib.slice(1)}${file}`,
          source: readFileSync(join(src, file)),
        });
      }
    },
    transformIndexHtml() {
      if (!options.snippet) return;
      const config = options.snippet === true ? {} : options.snippet;
      return [
        {
          tag: 'script',
          children: offstageSnippet({ ...config, lib }),
          injectTo: 'head-prepend',
        },
      ];
    },
  };
}

/** `lib` as a path that starts and ends with a slash; a full URL cannot be served here. */
function normalizeLib(lib: string): string {
  if (/^[a-z]+:/i.test(lib) || lib.startsWith('//')) {
    throw new TypeError(
      `offstage (vite): lib must be a path on this site, such as "/~offstage/", not ${lib}`,
    );
  }
  return `/${lib.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}
