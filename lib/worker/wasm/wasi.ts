import type { LinearMemory } from './linear-memory.js';

/**
 * Thrown by `proc_exit` to unwind the module; `instantiateWasm().run()` turns it into the exit
 * code.
 */
export class WasiExit {
  constructor(readonly code: number) {}
}

/**
 * The worker's own clock, even where the global `performance` is the page's (the offloaded
 * scripts' window shadows it with an accessor on the global itself): from the prototypes.
 */
function ownClock(): Performance {
  for (let o = Object.getPrototypeOf(self); o; o = Object.getPrototypeOf(o)) {
    const get = Object.getOwnPropertyDescriptor(o, 'performance')?.get;
    if (get) return get.call(self) as Performance;
  }
  return performance;
}
const clock = ownClock();

const SUCCESS = 0;
const BADF = 8;
const NOSYS = 52;

/**
 * Just enough of `wasi_snapshot_preview1` for a C program built against wasi-libc: its
 * arguments, no environment, stdout and stderr to the console (a line at a time), clocks,
 * random bytes and exit. Every other WASI call answers ENOSYS.
 */
export function wasi(
  memory: LinearMemory,
  args: string[],
): { imports: Record<string, (...a: never[]) => unknown>; flush(): void } {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const pending = ['', '', ''];
  const argv = args.map((a) => encoder.encode(`${a}\0`));
  /** Prints what is left of an unfinished line. */
  const flush = () => {
    for (const fd of [1, 2]) if (pending[fd]) (fd === 1 ? console.log : console.error)(pending[fd]);
    pending.fill('');
  };

  const calls: Record<string, (...a: never[]) => unknown> = {
    args_sizes_get(count: number, size: number) {
      memory.i32(count, argv.length, 'args_sizes_get');
      memory.i32(
        size,
        argv.reduce((n, a) => n + a.length, 0),
        'args_sizes_get',
      );
      return SUCCESS;
    },
    args_get(pointers: number, buf: number) {
      for (const [i, arg] of argv.entries()) {
        memory.i32(pointers + 4 * i, buf, 'args_get');
        memory.write(arg, buf, arg.length, 'args_get');
        buf += arg.length;
      }
      return SUCCESS;
    },
    environ_sizes_get(count: number, size: number) {
      memory.i32(count, 0, 'environ_sizes_get');
      memory.i32(size, 0, 'environ_sizes_get');
      return SUCCESS;
    },
    environ_get: () => SUCCESS,
    fd_write(fd: number, iovs: number, count: number, written: number) {
      if (fd !== 1 && fd !== 2) return BADF;
      let total = 0;
      for (let i = 0; i < count; i++) {
        const vec = memory.view(iovs + 8 * i, 8, 'fd_write');
        const at = new DataView(vec.buffer, vec.byteOffset, 8);
        const bytes = memory.bytes(at.getUint32(0, true), at.getUint32(4, true), 'fd_write');
        pending[fd] += decoder.decode(bytes, { stream: true });
        total += bytes.length;
      }
      const lines = pending[fd]!.split('\n');
      pending[fd] = lines.pop()!;
      for (const line of lines) (fd === 1 ? console.log : console.error)(line);
      memory.i32(written, total, 'fd_write');
      return SUCCESS;
    },
    fd_close: () => SUCCESS,
    fd_seek: () => BADF,
    fd_fdstat_get(fd: number, stat: number) {
      if (fd > 2) return BADF;
      const fields = new Uint8Array(24);
      fields[0] = 2; // a character device
      memory.write(fields, stat, 24, 'fd_fdstat_get');
      return SUCCESS;
    },
    clock_time_get(id: number, _precision: bigint, time: number) {
      const ms = id === 0 ? Date.now() : clock.now();
      const view = memory.view(time, 8, 'clock_time_get');
      new DataView(view.buffer, view.byteOffset, 8).setBigUint64(
        0,
        BigInt(Math.round(ms * 1e6)),
        true,
      );
      return SUCCESS;
    },
    random_get(buf: number, len: number) {
      const bytes = new Uint8Array(len >>> 0);
      for (let at = 0; at < bytes.length; at += 65536)
        crypto.getRandomValues(bytes.subarray(at, at + 65536));
      memory.write(bytes, buf, len, 'random_get');
      return SUCCESS;
    },
    proc_exit(code: number) {
      flush();
      throw new WasiExit(code);
    },
    sched_yield: () => SUCCESS,
  };
  return {
    imports: new Proxy(calls, { get: (target, name: string) => target[name] ?? (() => NOSYS) }),
    flush,
  };
}
