// npm run compat: runs tests/compat.test.js (real vendor scripts, main thread vs offloaded)
// in every engine × transport and prints the matrix: script × engine × transport → pass or
// fail, with the offloaded run's blocking round trips and time the worker spent blocked; then
// the time from page load to each SDK's first hit at the collector, offloaded and on the main
// thread.
// Options as npm test's: --engine, --transport, --no-build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name) => args.flatMap((a, i) => (a === `--${name}` ? [args[i + 1]] : []));
const engines = option('engine').length ? option('engine') : ['chromium', 'firefox', 'webkit'];
const dir = mkdtempSync(join(tmpdir(), 'offstage-compat-'));
const rows = [];
let build = !args.includes('--no-build');
for (const engine of engines) {
  const out = join(dir, `${engine}.jsonl`);
  const run = spawnSync(
    'node',
    [
      'scripts/test.mjs',
      '--engine',
      engine,
      '--files',
      'tests/compat.test.js',
      ...(build ? [] : ['--no-build']),
      ...option('transport').flatMap((t) => ['--transport', t]),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, OFFSTAGE_COMPAT_OUT: out },
      encoding: 'utf8',
    },
  );
  build = false;
  const last = run.stdout.trim().split('\n').pop();
  console.log(`${engine}: ${last}`);
  if (existsSync(out))
    for (const line of readFileSync(out, 'utf8').split('\n').filter(Boolean))
      rows.push({ engine, ...JSON.parse(line) });
}

const cell = (row) =>
  row
    ? `${row.passed ? 'pass' : '**FAIL**'}${row.roundTrips !== undefined ? ` · ${row.roundTrips} rt · ${row.blockedMs.toFixed(0)} ms` : ''}`
    : '—';
const columns = engines.flatMap((engine) =>
  ['atomics', 'service-worker'].map((transport) => ({ engine, transport })),
);
const scripts = [...new Set(rows.map((r) => r.script))];
/** A Markdown table: a row per script, a column per engine × transport, `cell` of each row. */
const table = (title, cell) => {
  console.log(`\n| ${title} | ${columns.map((c) => `${c.engine} · ${c.transport}`).join(' | ')} |`);
  console.log(`| --- | ${columns.map(() => '---').join(' | ')} |`);
  for (const script of scripts) {
    const find = (c) =>
      rows.find((r) => r.script === script && r.engine === c.engine && r.transport === c.transport);
    console.log(`| ${script} | ${columns.map((c) => cell(find(c))).join(' | ')} |`);
  }
};
table('script', cell);
console.log(
  '\nrt: blocking round trips of the offloaded run; ms: time its worker spent blocked on them.',
);
// Where users feel it: from page load to the SDK's first request at the collector.
table('first hit: offloaded / main thread', (row) => {
  const { main, worker } = row?.firstHits ?? {};
  if (main === undefined || worker === undefined) return '—';
  return `${worker.toFixed(0)} / ${main.toFixed(0)} ms (${(worker / main).toFixed(2)}×)`;
});
// What to cache or read ahead: the paths that cost the most round trips, over all scripts
// (each script's ten costliest, from the profiler), per engine and transport.
for (const { engine, transport } of columns) {
  const counts = {};
  for (const row of rows.filter((r) => r.engine === engine && r.transport === transport))
    for (const [path, count] of Object.entries(row.top ?? {})) {
      const total = (counts[path] ??= { count: 0, scripts: [] });
      total.count += count;
      total.scripts.push(row.script);
    }
  const top = Object.entries(counts)
    .sort(([, a], [, b]) => b.count - a.count)
    .slice(0, 15);
  if (!top.length) continue;
  console.log(`\nCostliest paths, ${engine} · ${transport}:`);
  for (const [path, { count, scripts }] of top)
    console.log(`  ${String(count).padStart(5)}  ${path}  (${scripts.join(', ')})`);
}
if (rows.some((r) => !r.passed)) process.exitCode = 1;
