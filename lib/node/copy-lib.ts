import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The files a page serves from its `lib` path (`/~offstage/` by default): the snippet, the
 * page's runtime (and its policies' module), the service worker, the offloaded-scripts worker and its Wasm loader.
 */
export const LIB_FILES = [
  'offstage.js',
  'main.js',
  'policy.js',
  'sw.js',
  'offstage-worker.js',
  'offstage-wasm.js',
  'offstage-policy.js',
];

/**
 * The folder these files are in, in the installed package (its `debug/` folder holds the
 * debug build, which pages load with `debug: true`).
 */
export function libDirPath(): string {
  // This file is dist/node/*.js (bundled into the CLI too, in the same folder).
  return resolve(dirname(fileURLToPath(import.meta.url)), '..');
}

export interface CopyLibOptions {
  /** Also copy the debug build into `debug/` (with source maps). Default true. */
  debug?: boolean;
}

/**
 * Copies the files a page serves into `dest` (created if missing), e.g. a site's
 * `public/~offstage`. Returns where they came from and went; throws an Error naming the
 * directory and the cause if it cannot.
 */
export function copyLibFiles(
  dest: string,
  { debug = true }: CopyLibOptions = {},
): { src: string; dest: string; files: string[] } {
  if (typeof dest !== 'string' || !dest) {
    throw new TypeError(
      'Offstage copyLibFiles: give the directory to copy to, e.g. "public/~offstage"',
    );
  }
  const src = libDirPath();
  const to = resolve(dest);
  const files = debug
    ? [...LIB_FILES, ...LIB_FILES.flatMap((f) => [`debug/${f}`, `debug/${f}.map`])]
    : LIB_FILES;
  const missing = files.find((file) => !existsSync(join(src, file)));
  if (missing) {
    throw new Error(
      `Offstage copyLibFiles: ${join(src, missing)} is missing: the package is incomplete; reinstall offstage`,
    );
  }
  try {
    for (const file of files) {
      mkdirSync(dirname(join(to, file)), { recursive: true });
      copyFileSync(join(src, file), join(to, file));
    }
  } catch (error) {
    const cause = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(
      `Offstage copyLibFiles: cannot copy the lib files to ${to} (${cause}). ` +
        'Pass a directory you can write to; it is created if missing.',
      { cause: error },
    );
  }
  return { src, dest: to, files };
}
