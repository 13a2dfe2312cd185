import { Decoder, Encoder } from '../../shared/channel/codec.js';
import type { Handler } from '../../shared/channel/handlers.js';
import {
  Builtin,
  Outcome,
  RefKind,
  type PageMessage,
  type WorkerMessage,
} from '../../shared/channel/protocol.js';
import { RefTable } from '../../shared/channel/ref-table.js';
import { RemoteObject } from '../../shared/channel/remote-object.js';
import { HandlerTable } from './handler-table.js';
import { PageHold } from './page-hold.js';
import { PostedBatch } from './posted-batch.js';
import type { Responder } from './responder.js';

/**
 * The page's end of one channel: it reads the worker's calls, runs their handlers and
 * answers through the transport's `Responder`; it runs the batches of calls the worker
 * posts; and it makes the handles of worker functions the page is handed, whose calls go to
 * the worker (fire and forget, or — while the page is held — waited for).
 */
export class PageChannel {
  readonly hold = new PageHold();
  readonly handlers: HandlerTable;
  /** Blocking calls answered, and posted calls run. */
  calls = 0;
  posted = 0;
  readonly #refs: RefTable;
  readonly #encoder: Encoder;
  readonly #decoder: Decoder;
  /** The worker call being answered right now, if any: the worker is blocked waiting for it. */
  #handling: number | undefined;
  /** Worker functions called while answering a call, to run before its answer (`Outcome.Invokes`). */
  readonly #deferred = new Map<number, [fn: object, args: unknown[], self: unknown][]>();
  #listening = true;
  /** A posted batch that ran past its slice: it goes on in a later task. */
  #paused: PostedBatch | undefined;
  /**
   * The worker's messages that came while a batch was paused: they wait behind it, so
   * everything still runs in the order the worker sent it.
   */
  readonly #backlog: WorkerMessage[] = [];
  /** False while the page catches up at once (`#catchUp`). */
  #slicing = true;
  /** Where the next slice of a paused batch is scheduled: a task, and not a throttled timer. */
  #nextSlice: MessagePort | undefined;
  /** What the guard refused last: an invocation it refuses is not made (see `#invoke`). */
  #refused: unknown;
  /** Told of the worker's `ready` message (with its error, if it cannot work). */
  onReady: (error?: { code: string; message: string }) => void = () => {};

  readonly #target: Worker;
  readonly #responder: Responder;
  readonly #timeout: number;
  constructor(
    target: Worker,
    responder: Responder,
    handlers: Record<string, Handler>,
    /** How long the page waits, at most, for a worker function it runs while answering. */
    timeout: number,
    /** Refuses page objects the worker must not reach (see `ConnectOptions.guard`). */
    guard?: (value: object) => void,
  ) {
    this.#target = target;
    this.#responder = responder;
    this.#timeout = timeout;
    this.#refs = new RefTable(
      (_id, kind) => (kind & RefKind.Function ? this.#workerFunction() : new RemoteObject()),
      (released) => this.#send({ offstage: 'release', refs: released }),
      guard &&
        ((value) => {
          try {
            guard(value);
          } catch (error) {
            this.#refused = error;
            throw error;
          }
        }),
    );
    this.#encoder = new Encoder(this.#refs);
    this.#decoder = new Decoder(this.#refs);
    this.handlers = new HandlerTable(
      handlers,
      new Map<string, Handler>([
        [Builtin.Posted, (batch: Uint8Array<ArrayBuffer>) => this.#runPosted(batch)],
        [Builtin.Invoked, (wait: number) => this.hold.ranUpTo(wait)],
        [
          Builtin.Adopt,
          (id: number, target: unknown, args: unknown[]) => this.#adopt(id, target, args),
        ],
      ]),
    );
    target.addEventListener('message', this.#onMessage);
  }

  get references(): { lent: number; borrowed: number } {
    return this.#refs.size;
  }

  /** Stops answering; Offstage's messages are still kept from the application's listeners. */
  close(): void {
    this.#listening = false;
  }

  #send(message: PageMessage, transfer: Transferable[] = []): void {
    this.#target.postMessage(message, transfer);
  }

  readonly #onMessage = (event: MessageEvent<WorkerMessage>) => {
    const message = event.data;
    if (typeof message?.offstage !== 'string') return;
    // Offstage's messages never reach the application's listeners, even after close().
    event.stopImmediatePropagation();
    if (!this.#listening) return;
    if (this.#paused) return void this.#backlog.push(message);
    this.#handle(message);
  };

  #handle(message: WorkerMessage): void {
    try {
      this.#dispatch(message);
    } catch (error) {
      // A message the page cannot use (a broken or hostile worker): what is left of it is
      // dropped, the console says so, and the page carries on.
      console.error('Offstage: dropped a malformed message from the worker:', error);
    }
  }

  #dispatch(message: WorkerMessage): void {
    switch (message.offstage) {
      case 'call':
        if (message.posted) {
          this.#runPosted(new Uint8Array(message.posted), this.#slicing);
          // The call waits behind the rest of its batch, before what waited already.
          if (this.#paused) return void this.#backlog.unshift({ ...message, posted: undefined });
        }
        return this.#onCall(message.id, message.body);
      case 'post':
        return this.#runPosted(new Uint8Array(message.body), this.#slicing);
      case 'more':
        return this.#responder.more(message.id);
      case 'release':
        return this.#refs.release(message.refs);
      case 'ready':
        return this.onReady(message.error);
    }
  }

  #onCall(id: number, body: ArrayBuffer | undefined): void {
    const request = this.#responder.request(id, body);
    if (!request) return; // the worker gave up on this call before we got to it
    this.calls++;
    let result: unknown;
    const outer = this.#handling;
    try {
      const [, [target, args]] = this.#decoder.decode(request) as [number, [unknown, unknown[]]];
      this.#handling = id;
      result = this.handlers.resolve(target)(...args);
    } catch (error) {
      return this.#reply(id, Outcome.Thrown, error);
    } finally {
      this.#handling = outer;
    }
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
      Promise.resolve(result).then(
        (value) => this.#reply(id, Outcome.Resolved, value),
        (error) => this.#reply(id, Outcome.Rejected, error),
      );
    } else {
      this.#reply(id, Outcome.Value, result);
    }
  }

  #reply(id: number, outcome: Outcome, value: unknown): void {
    const invocations = this.#deferred.get(id);
    if (invocations) {
      this.#deferred.delete(id);
      value = [invocations, outcome, value];
      outcome = Outcome.Invokes;
    }
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = this.#encoder.encode(value, outcome);
    } catch (error) {
      body = this.#encoder.encode(error, Outcome.Thrown);
    }
    this.#responder.answer(id, body);
  }

  /**
   * Runs an encoded batch of posted calls in order; nobody waits for them, so a failure goes
   * to the console. Each runs as soon as it is decoded: a call may make an object
   * (`Builtin.Adopt`) that the next ones refer to. A decoder per batch, since a call may lead
   * to another batch being run before this one ends (a held page). `sliced`: a batch that runs
   * long pauses, and goes on in later tasks (see `#paused`).
   */
  #runPosted(bytes: Uint8Array<ArrayBuffer>, sliced = false): void {
    const batch = new PostedBatch(this.#refs, bytes, (call) => {
      const [target, args] = call as [unknown, unknown[]];
      this.posted++;
      try {
        const result = this.handlers.resolve(target)(...args);
        if (result instanceof Promise) result.catch((error) => reportPosted(target, error));
      } catch (error) {
        reportPosted(target, error);
      }
    });
    if (batch.step(sliced)) return;
    this.#paused = batch;
    this.#sliceLater();
  }

  /**
   * Runs the next slice of the paused batch, and once it is done the messages that waited —
   * until one of them pauses another batch.
   */
  #goOn(): void {
    if (!this.#paused) return;
    if (!this.#listening) {
      this.#paused = undefined;
      this.#backlog.length = 0;
      return;
    }
    if (!this.#paused.step(this.#slicing)) return this.#sliceLater();
    this.#paused = undefined;
    while (!this.#paused && this.#backlog.length) this.#handle(this.#backlog.shift()!);
  }

  #sliceLater(): void {
    if (!this.#nextSlice) {
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = () => this.#goOn();
      this.#nextSlice = port2;
    }
    this.#nextSlice.postMessage(0);
  }

  /**
   * Runs what waits behind a paused batch now: the page is about to block itself, answering
   * calls from the shared buffer, and must not answer one before the calls posted ahead of it.
   */
  #catchUp(): void {
    if (!this.#paused) return;
    this.#slicing = false;
    try {
      while (this.#paused) this.#goOn();
    } finally {
      this.#slicing = true;
    }
  }

  /** `Builtin.Adopt`: makes an object and lends it under the id the worker chose. */
  #adopt(id: number, target: unknown, args: unknown[]): void {
    let made: unknown;
    try {
      made = this.handlers.resolve(target)(...args);
      if (Object(made) !== made) {
        throw new TypeError(`${String(target)} made no object for reference #${id}`);
      }
    } catch (error) {
      // Later calls that use it still find something (and fail visibly); this one is reported.
      made = Object(error) === error ? error : new Error(String(error));
      throw error;
    } finally {
      this.#refs.adopt(id, made as object);
    }
  }

  /**
   * A worker function we hold: calling it runs it in the worker once it is free (fire and
   * forget) — or, while the page is held, before the call returns.
   */
  #workerFunction(): object {
    const channel = this;
    const fn = function (this: unknown, ...args: unknown[]) {
      // `this` goes too (a listener's element), but not the page's window: there the worker's
      // own global stands for it.
      const self = this === window ? undefined : this;
      return channel.#invoke(fn, args, self);
    };
    return fn;
  }

  /** Runs worker function `fn` (see `#workerFunction`). */
  #invoke(fn: object, args: unknown[], self: unknown): void {
    // Called while answering the worker (`el.click()` running its listeners): the worker
    // is blocked, waiting; it runs fn now, answering its calls meanwhile — or, where the
    // transport cannot hand fn over now, as soon as it has the answer, before the call
    // returns.
    const blocked = this.#handling;
    if (blocked !== undefined) {
      const invocation = this.#encodeInvocation([fn, args, self]);
      if (!invocation) return;
      if (this.#responder.startInvoke(blocked, invocation)) {
        const deadline = performance.now() + this.#timeout;
        return this.#answerUntil(() => this.#responder.invoked(blocked), deadline);
      }
      const deferred = this.#deferred.get(blocked) ?? [];
      this.#deferred.set(blocked, deferred);
      return void deferred.push([fn, args.map(asDispatched), self]);
    }
    const held = this.hold.held();
    const sent = [fn, held ? args : args.map(asDispatched), self];
    const body = this.#encodeInvocation(sent)?.slice().buffer;
    if (!body) return;
    if (!held) return this.#send({ offstage: 'invoke', body }, [body]);
    const wait = this.hold.issue();
    this.#send({ offstage: 'invoke', body, wait }, [body]);
    this.#answerUntil(() => this.hold.hasRun(wait), this.hold.deadline);
  }

  /**
   * An invocation of a worker function, encoded; undefined if the guard refuses what it
   * would lend (an event outside a policy's subtrees): the call is not made.
   */
  #encodeInvocation(invocation: unknown[]): Uint8Array<ArrayBuffer> | undefined {
    try {
      return this.#encoder.encode(invocation);
    } catch (error) {
      if (error === this.#refused) return undefined;
      throw error;
    }
  }

  /**
   * Spins until `done()` or `deadline`, answering the worker's calls from the shared buffer:
   * the page cannot receive messages while it blocks itself.
   */
  #answerUntil(done: () => boolean, deadline: number): void {
    this.#catchUp();
    while (!done() && performance.now() < deadline) {
      const call = this.#responder.poll();
      if (call !== undefined) this.#onCall(call, undefined);
    }
  }
}

/**
 * An event being dispatched, for a worker listener that runs after the dispatch: it reads
 * `currentTarget` and `eventPhase` as they were when it was called (they are null and 0
 * once the dispatch is over); anything else is the event's own.
 */
function asDispatched(value: unknown): unknown {
  if (!(value instanceof Event) || value.eventPhase === Event.NONE) return value;
  const now = { currentTarget: value.currentTarget, eventPhase: value.eventPhase };
  return new Proxy(value, {
    get(event, key) {
      if (Object.hasOwn(now, key)) return now[key as keyof typeof now];
      const found: unknown = Reflect.get(event, key, event);
      // Its methods run on the event itself; its constructor stays the page's.
      return typeof found === 'function' && key !== 'constructor' ? found.bind(event) : found;
    },
  });
}

function reportPosted(target: unknown, error: unknown): void {
  console.error(`Offstage: a call the worker posted to "${String(target)}" failed:`, error);
}
