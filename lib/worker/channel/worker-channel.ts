import { Decoder, Encoder } from '../../shared/channel/codec.js';
import {
  Builtin,
  Layout,
  Outcome,
  RefKind,
  type Init,
  type PageMessage,
  type WorkerMessage,
} from '../../shared/channel/protocol.js';
import { RefTable } from '../../shared/channel/ref-table.js';
import { RemoteObject } from '../../shared/channel/remote-object.js';
import { createWaiter } from './create-waiter.js';
import type { ChannelOptions, MainThread } from './main-thread.js';
import { now, postToPage } from './original-globals.js';
import { PostQueue } from './post-queue.js';
import { bytesOf } from './blob-bytes.js';
import { reportUncaught } from './report-uncaught.js';
import { textOf } from './text-of.js';
import type { Waiter } from './waiter.js';

/** `[fn, args, this]`, as the page sends a call of a worker function. */
type Invocation = [number, [(...a: unknown[]) => unknown, unknown[], unknown]];

/**
 * The worker's end of the channel: blocking calls through the transport's `Waiter`, posted
 * calls through the `PostQueue`, and the worker functions the page calls (as messages, or
 * — while the page waits on them — handed over in the shared buffer).
 */
export class WorkerChannel {
  readonly main: MainThread;
  readonly #refs: RefTable;
  readonly #encoder: Encoder;
  readonly #decoder: Decoder;
  readonly #queue: PostQueue;
  readonly #waiter: Waiter;
  readonly #timeout: number;
  #nextId = 0;
  /** Calls and posts sent (or queued) so far, through any layer: see `HandleCalls.sent`. */
  #sent = 0;

  /** Throws an OffstageError if the transport cannot work (e.g. `not-controlled`). */
  readonly #options: ChannelOptions;
  constructor(init: Init, options: ChannelOptions) {
    this.#options = options;
    this.#timeout = init.timeout;
    const handleCalls = {
      // Handles give scripts what page code would get: a Promise where the page's answer was one.
      call: (target: unknown, ...args: unknown[]) => this.#send(target, args, true),
      post: (target: unknown, ...args: unknown[]) => {
        if (options.waits) return void this.#send(target, args);
        this.#sent++;
        this.#queue.add(target, args);
      },
      sent: () => this.#sent,
    };
    this.#refs = new RefTable(
      options.handles?.(handleCalls) ??
        ((_id, kind) => (kind & RefKind.Function ? this.#pageFunction() : new RemoteObject())),
      (released) => post({ offstage: 'release', refs: released }),
    );
    // The worker's own values: events as copies, objects with their string forms.
    this.#encoder = new Encoder(this.#refs, { textOf, bytesOf });
    this.#decoder = new Decoder(this.#refs);
    this.#queue = new PostQueue(
      this.#encoder,
      (body) => post({ offstage: 'post', body }, [body]),
      (bytes) => void this.#send(Builtin.Posted, [bytes]),
      options.onPost,
    );
    this.#waiter = createWaiter(init.transport, post, (body) => this.#runHandedOver(body));
    this.main = {
      transport: init.transport.kind,
      call: ((name: string, ...args: unknown[]) => this.#send(name, args)) as MainThread['call'],
      post: handleCalls.post,
      postNew: (name, args, kind) => {
        const { id, handle } = this.#refs.reserve(
          kind === 'element'
            ? RefKind.Node | RefKind.Element
            : kind === 'node'
              ? RefKind.Node
              : RefKind.Object,
        );
        this.#sent++;
        this.#queue.add(Builtin.Adopt, [id, name, args]);
        return handle;
      },
      standIn: (handle, local) => this.#refs.standIn(handle, local),
    };
  }

  /** A page message for this channel: a worker function to run, or references released. */
  onPageMessage(message: PageMessage): void {
    if (message.offstage === 'release') return this.#refs.release(message.refs);
    const [, [fn, args, self]] = this.#decoder.decode(new Uint8Array(message.body)) as Invocation;
    const run = () => fn.apply(self ?? globalThis, args);
    if (message.wait === undefined) return void run();
    // The page is held until we say this ran.
    try {
      this.#queue.whileHeld(run);
    } finally {
      this.#send(Builtin.Invoked, [message.wait]);
    }
  }

  /** A page function we hold a reference to: calling it is a synchronous call like any other. */
  #pageFunction(): object {
    const fn = (...args: unknown[]) => this.#send(fn, args);
    return fn;
  }

  /**
   * One blocking call. An answer the page awaited (its handler returned a Promise) is the
   * settled value, or its rejection thrown — unless `promising`: then a Promise settled alike.
   */
  #send(target: unknown, args: unknown[], promising = false): unknown {
    this.#sent++;
    const id = (this.#nextId = (this.#nextId + 1) & Layout.IdLimit);
    const posted = this.#queue.take();
    const request = this.#encoder.encode([target, args]);
    const report = this.#options.onRoundTrip;
    const answer = report
      ? this.#timed(report, id, request, posted, target, args)
      : this.#waiter.roundTrip(id, request, this.#timeout, posted);
    let [outcome, value] = this.#decoder.decode(answer);
    if (outcome === Outcome.Invokes) {
      const [invocations, ...answer] = value as [Invocation[1][], Outcome, unknown];
      [outcome, value] = answer;
      for (const invocation of invocations) this.#run(invocation);
    }
    if (promising && outcome >= Outcome.Resolved) {
      return outcome === Outcome.Resolved ? Promise.resolve(value) : Promise.reject(value);
    }
    if (outcome === Outcome.Thrown || outcome === Outcome.Rejected) {
      this.#options.onThrown?.(value);
      throw value;
    }
    return value;
  }

  /** A round trip measured for `onRoundTrip`; kept apart so untimed calls pay nothing for it. */
  #timed(
    report: NonNullable<ChannelOptions['onRoundTrip']>,
    id: number,
    request: Uint8Array<ArrayBuffer>,
    posted: ArrayBuffer | undefined,
    target: unknown,
    args: unknown[],
  ): Uint8Array<ArrayBuffer> {
    const started = now();
    try {
      return this.#waiter.roundTrip(id, request, this.#timeout, posted);
    } finally {
      report(target, args, now() - started);
    }
  }

  /** A function the page hands over while it answers one of our calls (Atomics `Phase.Invoke`). */
  #runHandedOver(body: Uint8Array<ArrayBuffer>): void {
    const [, invocation] = this.#decoder.decode(body) as Invocation;
    this.#queue.whileHeld(() => this.#run(invocation));
  }

  /** A worker function the page called; what it throws is uncaught, as in a page listener. */
  #run([fn, args, self]: Invocation[1]): void {
    try {
      fn.apply(self ?? globalThis, args);
    } catch (error) {
      reportUncaught(error);
    }
  }
}

const post: (message: WorkerMessage, transfer?: Transferable[]) => void = postToPage;
