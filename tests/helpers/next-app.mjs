// For the integrations' Node suites: builds a Next.js test app with the repository's Next
// (`next build`, once) and serves it with `next start` on a free port.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

const next = new URL('../../node_modules/next/dist/bin/next', import.meta.url).pathname;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * Builds `app` (extra `next build` arguments in `build`), starts it (with `env` added to its
 * environment); resolves `{ origin, stop }`.
 */
export async function buildAndStartNext(app, { build = [], env: extra = {} } = {}) {
  const built = spawnSync('node', [next, 'build', ...build], { cwd: app, env, encoding: 'utf8' });
  assert.equal(built.status, 0, built.stdout + built.stderr);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = spawn('node', [next, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: app,
    env: { ...env, ...extra },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    const up = await fetch(origin).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { origin, stop: () => server.kill() };
}
