// For the integrations' Node suites: builds an Astro test site with the repository's Astro
// (`astro build`, once), telemetry off.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const astro = new URL('../../node_modules/astro/astro.js', import.meta.url).pathname;
export const astroEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };

/** Builds the site at `site` into its `dist/`; fails with Astro's output if the build does. */
export function buildAstroSite(site) {
  const built = spawnSync('node', [astro, 'build'], { cwd: site, env: astroEnv, encoding: 'utf8' });
  assert.equal(built.status, 0, built.stdout + built.stderr);
}
