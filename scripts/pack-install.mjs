// Packs the package as `npm publish` would (`npm pack`) and installs the tarball into a fresh
// project, tests/build/package/, as a user would: the package tests (tests/node/package,
// tests/package) use what landed there. Needs dist/ built. No network: the package has no
// dependencies.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const project = resolve('tests/build/package');
rmSync(project, { recursive: true, force: true });
mkdirSync(project, { recursive: true });
const npm = (args, cwd) => execFileSync('npm', args, { cwd, encoding: 'utf8' });
const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', project], '.'));
writeFileSync(join(project, 'packed.json'), JSON.stringify(packed, null, 2));
// The Partytown-compatible package, installed under Partytown's names as its users alias it.
const [compat] = JSON.parse(
  npm(['pack', '--json', '--pack-destination', project], 'integrations/partytown'),
);
writeFileSync(join(project, 'packed-partytown.json'), JSON.stringify(compat, null, 2));
writeFileSync(
  join(project, 'package.json'),
  JSON.stringify({ name: 'offstage-user', private: true, type: 'module' }, null, 2),
);
npm(
  [
    'install',
    join(project, packed.filename),
    `@builder.io/partytown@file:${join(project, compat.filename)}`,
    `@qwik.dev/partytown@file:${join(project, compat.filename)}`,
    '--offline',
    '--no-audit',
    '--no-fund',
    '--ignore-scripts',
  ],
  project,
);
console.log(
  `packed ${packed.filename} (${packed.entryCount} files) and ${compat.filename} ` +
    `(${compat.entryCount} files, installed as @builder.io/partytown and @qwik.dev/partytown) ` +
    `and installed them in ${project}`,
);
