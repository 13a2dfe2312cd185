import { copyLibFiles } from './copy-lib.js';

const USAGE = `Usage: offstage copylib <dir> [--no-debug]

  copylib <dir>   copies the files a page serves (snippet, runtime, service worker,
                  workers) into <dir>, created if missing; serve it at your lib path
                  (default /~offstage/)
  --no-debug      leaves out the debug build (debug/), used only with debug: true`;

/** Runs `offstage <args>`; returns the exit code. */
export function main(args: string[]): number {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command === undefined ? 1 : 0;
  }
  if (command !== 'copylib') {
    console.error(`offstage: unknown command "${command}"\n\n${USAGE}`);
    return 1;
  }
  const dirs = rest.filter((a) => !a.startsWith('--'));
  const unknown = rest.filter((a) => a.startsWith('--') && a !== '--no-debug');
  if (dirs.length !== 1 || unknown.length) {
    const why = unknown.length ? `unknown option ${unknown[0]}` : 'give one directory';
    console.error(`offstage copylib: ${why}, e.g. offstage copylib public/~offstage\n\n${USAGE}`);
    return 1;
  }
  try {
    const { dest, files } = copyLibFiles(dirs[0]!, { debug: !rest.includes('--no-debug') });
    console.log(`offstage: copied ${files.length} files to ${dest}`);
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
