import { copyLibFiles } from './utils.js';

const USAGE = `Usage: partytown copylib <dir> [--no-debug] [--silent]

  copylib <dir>   copies the lib files (Offstage's, under Partytown's names) into <dir>,
                  created if missing; serve it at your lib path (default /~partytown/)
  --no-debug      leaves out the debug build (debug/)
  --silent        prints nothing on success`;

/** Runs `partytown <args>` as Partytown's CLI takes them; resolves with the exit code. */
async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args.filter((a) => !a.startsWith('-'));
  const flags = args.filter((a) => a.startsWith('-'));
  if (command === 'help' || flags.includes('--help') || flags.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (command === 'version' || flags.includes('--version') || flags.includes('-v')) {
    console.log(PACKAGE_VERSION);
    return 0;
  }
  if (command !== 'copylib') {
    console.error(
      `partytown: ${command ? `unknown command "${command}"` : 'no command'}\n\n${USAGE}`,
    );
    return 1;
  }
  const unknown = flags.find((f) => f !== '--no-debug' && f !== '--silent');
  if (rest.length !== 1 || unknown) {
    const why = unknown ? `unknown option ${unknown}` : 'give one directory';
    console.error(
      `partytown copylib: ${why}, e.g. partytown copylib public/~partytown\n\n${USAGE}`,
    );
    return 1;
  }
  try {
    const { dest } = await copyLibFiles(rest[0]!, { debugDir: !flags.includes('--no-debug') });
    if (!flags.includes('--silent')) console.log(`partytown: lib copied to ${dest}`);
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => (process.exitCode = code));
