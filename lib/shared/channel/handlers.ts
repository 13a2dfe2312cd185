/**
 * The types that carry a channel's contract from the page's handlers to the worker's calls,
 * as Comlink's `Remote<T>` does: declare the handlers once, and `connect(worker, { handlers })`
 * on the page and `connectMain<typeof handlers>()` in the worker check names, arguments and
 * answers against the same declaration. Types only.
 */

/**
 * A page function the worker calls by name. It may return a Promise: the worker blocks until it
 * settles.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (...args: any[]) => unknown;

/** Handlers by name. */
export type Handlers = Record<string, Handler>;

/** What a blocking call of `H` gives the worker: its value, or what its Promise resolved with. */
export type Answer<H> = H extends Handler ? Awaited<ReturnType<H>> : never;

/** The arguments of `H`, as the worker passes them. */
export type Arguments<H> = H extends Handler ? Parameters<H> : never;

/** `any`: a channel of any contract (what code that works with every channel accepts). */
type IsAny<H> = 0 extends 1 & H ? true : false;

/**
 * `main.call`: with a declared map, only its names, with their arguments, returning their
 * answers; with an open one (`Handlers`), any name, and the caller names the answer's type.
 */
export type Call<H> =
  IsAny<H> extends true
    ? (name: string, ...args: any[]) => any // eslint-disable-line @typescript-eslint/no-explicit-any
    : string extends keyof H
      ? <T = unknown>(name: string, ...args: unknown[]) => T
      : <K extends keyof H & string>(name: K, ...args: Arguments<H[K]>) => Answer<H[K]>;

/** `main.post`: the same names and arguments as `call`; nothing comes back. */
export type Post<H> =
  IsAny<H> extends true
    ? (name: string, ...args: any[]) => void // eslint-disable-line @typescript-eslint/no-explicit-any
    : string extends keyof H
      ? (name: string, ...args: unknown[]) => void
      : <K extends keyof H & string>(name: K, ...args: Arguments<H[K]>) => void;
