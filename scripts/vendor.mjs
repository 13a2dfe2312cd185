// Third-party browser scripts the compatibility suite needs that no npm package ships on its
// own: each is taken, unmodified, from a pinned npm tarball and checked against its hash.
// Written to tests/compat/vendor/ (not committed); a file already there with the right hash
// is kept. Run by npm test and npm run compat before the browsers start.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const files = [
  {
    // umami's tracker: the whole app is one npm package (a Next.js server with heavy
    // dependencies); the tracker it serves as /script.js is built from this one file.
    spec: 'umami@2.10.0',
    from: 'package/src/tracker/index.js',
    to: 'tests/compat/vendor/umami/script.js',
    sha256: 'eb8ec1e5fd41f1937b3a6a0df92be46f97ca8bfc3baacaa5f70159d5e0df50d1',
    license: { from: 'package/LICENSE', to: 'tests/compat/vendor/umami/LICENSE' },
  },
];

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

for (const file of files) {
  if (existsSync(file.to) && sha256(readFileSync(file.to)) === file.sha256) continue;
  const dir = mkdtempSync(join(tmpdir(), 'offstage-vendor-'));
  try {
    // npm pack downloads the tarball (checked against the registry's integrity) and installs nothing.
    const tarball = execFileSync(
      'npm',
      ['pack', file.spec, '--silent', '--pack-destination', dir],
      { encoding: 'utf8' },
    )
      .trim()
      .split('\n')
      .pop();
    execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir, file.from, file.license.from]);
    const bytes = readFileSync(join(dir, file.from));
    if (sha256(bytes) !== file.sha256)
      throw new Error(
        `${file.spec} ${file.from}: sha256 ${sha256(bytes)}, expected ${file.sha256}`,
      );
    mkdirSync(dirname(file.to), { recursive: true });
    writeFileSync(file.to, bytes);
    writeFileSync(
      file.license.to,
      `From ${file.spec}, ${file.from}.\n\n${readFileSync(join(dir, file.license.from), 'utf8')}`,
    );
    console.log(`vendored ${file.to} from ${file.spec}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
