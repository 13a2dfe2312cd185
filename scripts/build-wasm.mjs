// Compiles the C sources of the Wasm tests, examples and benchmarks with Debian's toolchain
// (clang + wasm-ld + wasi-libc, binaryen, emscripten) into tests/build/wasm/ (not committed).
// Run by npm test and npm start; a file newer than its sources is kept.
// Usage: node scripts/build-wasm.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';

const OUT = 'tests/build/wasm';
const HEADER = 'lib/worker/wasm/offstage.h';
const wasi = ['--target=wasm32-wasi', '-O2', '-Ilib/worker/wasm'];
// Debian's emscripten finds its node modules there; its cache is its own default.
const EMSCRIPTEN = { NODE_PATH: '/usr/share/nodejs' };

/** Each output: the command that makes it, and the sources it depends on. */
export const programs = [
  {
    out: `${OUT}/dom-api.wasm`,
    sources: ['tests/wasm/dom-api.c', HEADER],
    run: (out) => [
      'clang',
      ...wasi,
      '-mexec-model=reactor',
      '-Wl,--export=malloc,--export=free',
      'tests/wasm/dom-api.c',
      '-o',
      out,
    ],
  },
  {
    out: `${OUT}/command.wasm`,
    sources: ['tests/wasm/command.c', HEADER],
    run: (out) => ['clang', ...wasi, 'tests/wasm/command.c', '-o', out],
  },
  {
    out: `${OUT}/no-listener-export.wasm`,
    sources: ['tests/wasm/no-listener-export.c', HEADER],
    // No libc at all: clang and wasm-ld alone.
    run: (out) => [
      'clang',
      '--target=wasm32',
      '-O2',
      '-nostdlib',
      '-Ilib/worker/wasm',
      '-Wl,--no-entry',
      'tests/wasm/no-listener-export.c',
      '-o',
      out,
    ],
  },
  // The seed's failure case, from one source: plain for Offstage, and with Asyncify.
  {
    out: `${OUT}/deep-recursion.wasm`,
    sources: ['tests/wasm/deep-recursion.c', HEADER],
    // A C stack (wasm-ld's default is 64 KiB) for deep recursions: about 32 bytes a frame.
    run: (out) => [
      'clang',
      ...wasi,
      '-mexec-model=reactor',
      '-Wl,--export=malloc',
      '-Wl,-z,stack-size=4194304',
      'tests/wasm/deep-recursion.c',
      '-o',
      out,
    ],
  },
  {
    out: `${OUT}/deep-recursion-asyncify.js`,
    sources: ['tests/wasm/deep-recursion.c'],
    // Asyncify at its default stack size (ASYNCIFY_STACK_SIZE=4096 bytes), as a user would build it.
    run: (out) => [
      'emcc',
      '-O2',
      'tests/wasm/deep-recursion.c',
      '-sASYNCIFY',
      '-sMODULARIZE',
      '-sEXPORT_NAME=createDeepAsyncify',
      '-sEXPORTED_FUNCTIONS=_deep',
      '-sEXPORTED_RUNTIME_METHODS=ccall',
      '-sENVIRONMENT=web',
      '-o',
      out,
    ],
    env: EMSCRIPTEN,
  },
  // Emscripten without Asyncify, its EM_JS using the page's document and a blocking fetch.
  {
    out: `${OUT}/emscripten-page.js`,
    sources: ['tests/wasm/emscripten-page.c'],
    run: (out) => [
      'emcc',
      '-O2',
      'tests/wasm/emscripten-page.c',
      '-sMODULARIZE',
      '-sEXPORT_NAME=createEmscriptenPage',
      '-sENVIRONMENT=web,worker',
      '-sEXPORTED_FUNCTIONS=_main,_malloc,_free',
      '-o',
      out,
    ],
    env: EMSCRIPTEN,
  },
  // The Wasm benchmark's program: plain (Offstage, JSPI) and through Asyncify (fetch only).
  {
    out: `${OUT}/bench-table.clang.wasm`,
    sources: ['tests/bench/wasm-table.c', HEADER],
    run: (out) => [
      'clang',
      ...wasi,
      '-mexec-model=reactor',
      '-Wl,--export=malloc',
      'tests/bench/wasm-table.c',
      '-o',
      out,
    ],
  },
  // Both through wasm-opt -O2, so that their sizes compare.
  {
    out: `${OUT}/bench-table.wasm`,
    sources: [`${OUT}/bench-table.clang.wasm`],
    run: (out) => ['wasm-opt', '-O2', `${OUT}/bench-table.clang.wasm`, '-o', out],
  },
  {
    out: `${OUT}/bench-table-asyncify.wasm`,
    sources: [`${OUT}/bench-table.clang.wasm`],
    run: (out) => [
      'wasm-opt',
      '-O2',
      '--asyncify',
      '--pass-arg=asyncify-imports@offstage.fetch',
      `${OUT}/bench-table.clang.wasm`,
      '-o',
      out,
    ],
  },
  // The example (examples/wasm-table), for the demo.
  {
    out: `${OUT}/table.wasm`,
    sources: ['examples/wasm-table/table.c', HEADER],
    run: (out) => [
      'clang',
      ...wasi,
      '-mexec-model=reactor',
      'examples/wasm-table/table.c',
      '-o',
      out,
    ],
  },
];

const fresh = ({ out, sources }) =>
  existsSync(out) && sources.every((s) => statSync(s).mtimeMs <= statSync(out).mtimeMs);

const TOOLS = 'apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32 binaryen emscripten';
mkdirSync(OUT, { recursive: true });
for (const program of programs) {
  if (fresh(program)) continue;
  const [command, ...args] = program.run(program.out);
  try {
    execFileSync(command, args, { stdio: 'inherit', env: { ...process.env, ...program.env } });
  } catch (error) {
    const why =
      error.code === 'ENOENT' ? `${command} is not installed (${TOOLS})` : `${command} failed`;
    console.error(`build-wasm: ${program.out}: ${why}`);
    process.exit(1);
  }
  console.log(`built ${program.out}`);
}
