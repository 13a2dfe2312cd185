// The codec's full fuzz run: tests/codec-fuzz.test.js with 100,000 random values each way
// (npm test sends 2,000), in every engine × transport unless told otherwise.
// Usage: node scripts/fuzz-codec.mjs [--count n] [--engine e] [--transport t] [--no-build]
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const at = args.indexOf('--count');
const count = at >= 0 ? args.splice(at, 2)[1] : '100000';
const run = spawnSync(
  'node',
  ['scripts/test.mjs', '--files', 'tests/codec-fuzz.test.js', ...args],
  { stdio: 'inherit', env: { ...process.env, OFFSTAGE_FUZZ_COUNT: count } },
);
process.exit(run.status ?? 1);
