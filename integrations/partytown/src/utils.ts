import { cp, readFile, readdir } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LibDirOptions {
  /** The debug build's folder (`lib/debug`) instead. */
  debugDir?: boolean;
}

export interface CopyLibFilesOptions {
  /** Copy the debug build (`debug/`) too. Default true; `false` leaves it out. */
  debugDir?: boolean;
}

/**
 * The absolute path of this package's `lib` folder: the files a page serves at its `lib`
 * path (`/~partytown/` by default) — Offstage's snippet (also as `partytown.js`), runtime,
 * service worker and workers — and `debug/`, the debug build.
 */
export function libDirPath({ debugDir = false }: LibDirOptions = {}): string {
  // This file is <package>/utils/index.(c|m)js, bundled: lib is its sibling.
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  return resolve(here, '..', 'lib', debugDir ? 'debug' : '');
}

/**
 * Copies the lib files into `dest` (relative to the working directory; created if missing),
 * e.g. `public/~partytown`, as Partytown's `copyLibFiles()`. Rejects with an Error naming the
 * directory and the cause if it cannot.
 */
export async function copyLibFiles(
  dest: string,
  { debugDir = true }: CopyLibFilesOptions = {},
): Promise<{ src: string; dest: string }> {
  if (typeof dest !== 'string' || !dest) {
    throw new TypeError('copyLibFiles: give the directory to copy to, e.g. "public/~partytown"');
  }
  const src = libDirPath();
  const to = resolve(dest);
  const names: string[] = await readdir(src).catch(() => []);
  if (!names.includes('partytown.js')) {
    throw new Error(`copyLibFiles: ${src} is missing or incomplete; reinstall the package`);
  }
  try {
    await cp(src, to, {
      recursive: true,
      filter: (from) => debugDir || from !== join(src, 'debug'),
    });
  } catch (error) {
    const cause = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(
      `copyLibFiles: cannot copy the lib files to ${to} (${cause}). ` +
        'Pass a directory you can write to; it is created if missing.',
      { cause: error },
    );
  }
  return { src, dest: to };
}

export interface PartytownRollupOptions {
  /** Where to copy the lib files: an absolute path. Default `<output dir>/~partytown`. */
  dest?: string;
  /** Copy the debug build too. Default true. */
  debug?: boolean;
}
export type PartytownViteOptions = PartytownRollupOptions;

/** A Rollup (and Vite) plugin that copies the lib files when the bundle is written. */
export function partytownRollup(options: PartytownRollupOptions = {}) {
  return {
    name: 'rollup-plugin-partytown',
    async writeBundle(output: { dir?: string }) {
      const dir = options.dest ?? (output.dir ? join(output.dir, '~partytown') : undefined);
      if (!dir) {
        throw new Error(
          'partytownRollup: no destination: pass { dest } or set Rollup\'s output "dir"',
        );
      }
      if (!isAbsolute(dir)) {
        throw new Error(`partytownRollup: dest must be an absolute path, not "${dir}"`);
      }
      await copyLibFiles(dir, { debugDir: options.debug });
    },
  };
}

interface DevServer {
  middlewares: {
    use(
      handler: (
        req: { url?: string },
        res: {
          writeHead(status: number, headers: Record<string, string>): void;
          end(body: Buffer): void;
        },
        next: () => void,
      ) => void,
    ): void;
  };
}

/**
 * A Vite plugin: copies the lib files with the build (as `partytownRollup`), and serves them
 * from the dev server at any path with a `partytown` folder in it (`/~partytown/main.js`).
 */
export function partytownVite(options: PartytownViteOptions = {}) {
  return {
    ...partytownRollup(options),
    name: 'vite-plugin-partytown',
    configureServer(server: DevServer) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!;
        const at = /\/[^/]*partytown[^/]*\/(debug\/)?([\w.-]+\.js(?:\.map)?)$/.exec(path);
        if (!at || path.includes('/.vite/')) return next();
        readFile(join(libDirPath({ debugDir: !!at[1] }), at[2]!)).then(
          (body) => {
            res.writeHead(200, {
              'Content-Type': `${at[2]!.endsWith('.map') ? 'application/json' : 'text/javascript'}; charset=utf-8`,
              'Cache-Control': 'no-cache',
            });
            res.end(body);
          },
          () => next(),
        );
      });
    },
  };
}
