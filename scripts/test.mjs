// npm test: builds, then runs the browser suites in every engine × transport and ends with
// one line "N passed, N failed, N skipped".
// Options: --engine chromium|firefox|webkit (repeatable), --transport atomics|service-worker,
//          --files tests/a.test.js,tests/b.test.js, --no-build.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserPaths, missing } from './browsers.mjs';

const args = process.argv.slice(2);
const option = (name) => args.flatMap((a, i) => (a === `--${name}` ? [args[i + 1]] : []));
const engines = option('engine').length ? option('engine') : ['chromium', 'firefox', 'webkit'];
const transports = option('transport').length ? option('transport') : ['atomics', 'service-worker'];
const files = option('files')[0];
const CI = Boolean(process.env.CI);

// Formatting first: an unformatted file fails the run before anything is built.
const formatted = spawnSync(
  'node',
  [
    'node_modules/prettier/bin/prettier.cjs',
    '--check',
    'lib',
    'scripts',
    'tests',
    'site',
    'integrations',
  ],
  {
    stdio: 'inherit',
  },
);
if (formatted.status !== 0) {
  console.log('\n0 passed, 1 failed, 0 skipped (unformatted files: run npm run format)');
  process.exit(1);
}

// Vendor scripts for the compatibility suite, fetched once (scripts/vendor.mjs), and the C
// programs of the Wasm suite, compiled when their sources changed (scripts/build-wasm.mjs).
for (const script of ['scripts/vendor.mjs', 'scripts/build-wasm.mjs']) {
  const done = spawnSync('node', [script], { stdio: 'inherit' });
  if (done.status !== 0) process.exit(done.status ?? 1);
}

if (!args.includes('--no-build')) {
  for (const script of ['scripts/build.mjs', 'scripts/check-size.mjs']) {
    const built = spawnSync('node', [script], { stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
}

const total = { passed: 0, failed: 0, skipped: 0, failures: [] };

// The package as users install it: packed, installed into a fresh project, then checked in
// Node (tests/node/: the CLI, offstage/utils, offstage/integration) and, by
// tests/package.test.js, in the browsers.
if (!args.includes('--no-build') || !existsSync('tests/build/package/packed.json')) {
  const packed = spawnSync('node', ['scripts/pack-install.mjs'], { stdio: 'inherit' });
  if (packed.status !== 0) process.exit(packed.status ?? 1);
}
// Node suites are *.test.mjs (tests/node/, integrations/*/); browser suites *.test.js.
const isNodeSuite = (f) => f.endsWith('.mjs');
const nodeFiles = files ? files.split(',').filter(isNodeSuite) : ['tests/node/', 'integrations/'];
const browserFiles = files
  ?.split(',')
  .filter((f) => !isNodeSuite(f))
  .join(',');
if (nodeFiles.length) {
  console.log('\n=== node ===');
  const run = spawnSync('node', ['--test', '--test-reporter=tap', ...nodeFiles], {
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  const count = (name) => Number(run.stdout.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  const counts = { passed: count('pass'), failed: count('fail'), skipped: count('skipped') };
  if (run.status !== 0 && !counts.failed) counts.failed = 1;
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  for (const [, name] of run.stdout.matchAll(/^\s*not ok \d+ - (.*)$/gm))
    total.failures.push(`node: ${name}`);
  console.log(`node: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}
const paths = browserPaths();
const dir = mkdtempSync(join(tmpdir(), 'offstage-test-'));

for (const engine of browserFiles === '' ? [] : engines) {
  const why = missing(engine, paths);
  if (why) {
    if (CI) {
      total.failed++;
      total.failures.push(`${engine}: ${why}`);
    } else {
      console.log(`\nSKIPPING ${engine}: ${why}. (In CI, a missing engine is a failure.)`);
    }
    continue;
  }
  const driver = engine === 'webkit' ? await startWebKitDriver() : undefined;
  try {
    for (const transport of transports) {
      console.log(`\n=== ${engine} · ${transport} ===`);
      const results = join(dir, `${engine}-${transport}.json`);
      const env = {
        ...process.env,
        OFFSTAGE_ENGINE: engine,
        OFFSTAGE_TRANSPORT: transport,
        OFFSTAGE_RESULTS: results,
        ...(driver ? { OFFSTAGE_WEBDRIVER_PORT: String(driver.port) } : {}),
        // The browser suites among them (the rest run in Node, above).
        ...(files ? { OFFSTAGE_FILES: browserFiles } : {}),
      };
      const run = spawnSync(
        'node',
        ['node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs'],
        {
          stdio: 'inherit',
          env,
          timeout: 20 * 60_000,
        },
      );
      if (!existsSync(results)) {
        total.failed++;
        total.failures.push(
          `${engine} · ${transport}: the test runner exited (${run.status ?? run.signal}) without results`,
        );
        continue;
      }
      const counts = JSON.parse(readFileSync(results, 'utf8'));
      total.passed += counts.passed;
      total.failed += counts.failed;
      total.skipped += counts.skipped;
      total.failures.push(...counts.failures.map((f) => `${transport}: ${f}`));
      console.log(
        `${engine} · ${transport}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
      );
    }
  } finally {
    driver?.stop();
  }
}

if (total.failures.length) console.log(`\nFailures:\n- ${total.failures.join('\n- ')}`);
console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed ? 1 : 0);

/** WebKitGTK's WebDriver under a virtual display, with SharedArrayBuffer enabled. */
async function startWebKitDriver() {
  const port = await freePort();
  const child = spawn(paths.xvfbRun, ['-a', paths.webdriver, `--port=${port}`], {
    env: { ...process.env, JSC_useSharedArrayBuffer: '1' },
    stdio: 'ignore',
    detached: true,
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    port,
    stop: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
    },
  };
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
