import { OffstageError, offstageError } from '../errors.js';
import { RefKind } from './protocol.js';
import type { RefTable } from './ref-table.js';
import { remoteText } from './remote-object.js';

/**
 * Values ↔ bytes, for both directions of both transports.
 *
 * Bytes rather than JSON because the Atomics transport copies the answer through a
 * SharedArrayBuffer: UTF-8 text and raw typed-array bytes go in with one copy each.
 * Layout: a tag byte, then the tag's fields; integers are little-endian.
 */
const enum Tag {
  Undefined,
  Null,
  False,
  True,
  Int32,
  Float64,
  BigInt,
  Utf8,
  /** A short ASCII string: one length byte, then the characters. */
  Ascii,
  /** A string with lone surrogates, which UTF-8 cannot carry: raw UTF-16 code units. */
  Utf16,
  Array,
  Object,
  /** The n-th object already seen in this message (cycles and shared sub-objects). */
  Seen,
  Date,
  RegExp,
  Map,
  Set,
  Error,
  ArrayBuffer,
  View,
  /** An object the sender owns and lends: the receiver gets a handle. */
  SenderRef,
  /** A handle the sender holds: the receiver gets its own object back. */
  ReceiverRef,
  /** An Event or CustomEvent, copied (see `Encoder`'s `fromWorker`). */
  Event,
  /** An `arguments` object: items as an array's, arriving as an `arguments` object. */
  Arguments,
  /** A DOMException: its name, message and stack (it arrives as the receiver's DOMException). */
  DOMException,
  /** A worker's Blob or File, copied: its type, bytes, and a File's name and date. */
  Blob,
  /** A worker's FormData, copied: its entries (strings and Files). */
  FormData,
  /** A worker's URLSearchParams, copied as its string form. */
  SearchParams,
  /**
   * The n-th short ASCII string of this message (two bytes: n): a batch of posted calls names
   * the same handlers, methods and keys over and over.
   */
  AsciiSeen,
}

/** How many short ASCII strings one message can refer back to (`Tag.AsciiSeen`). */
const ASCII_TABLE = 0xffff;

/**
 * Views by index; the order is part of the wire format. Missing constructors (Float16Array) just
 * never match.
 */
const VIEW_NAMES = [
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'DataView',
  'Float16Array',
] as const;
const ERROR_TYPES: Record<string, ErrorConstructor> = {
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
};

type ViewConstructor = new (
  buffer: ArrayBuffer,
  byteOffset: number,
  length: number,
) => ArrayBufferView;
/** Functions, and — where the DOM exists — nodes and elements, are told apart for the receiver. */
// Taken at load: in Offstage's worker, `Node` later becomes the page's (a proxy), and
// testing against it would make a call in the middle of encoding.
const { Node: DomNode, Element: DomElement } = globalThis as {
  Node?: abstract new () => object;
  Element?: abstract new () => object;
};
const refKind = (o: object): RefKind => {
  if (typeof o === 'function') return RefKind.Function;
  if (DomNode && o instanceof DomNode)
    return RefKind.Node | (DomElement && o instanceof DomElement ? RefKind.Element : 0);
  const proto = Object.getPrototypeOf(o);
  return Array.isArray(o)
    ? RefKind.Array | (proto === Array.prototype ? RefKind.Plain : 0)
    : proto === Object.prototype && isPlainObject(o)
      ? RefKind.Plain
      : RefKind.Object;
};
const toStringTag = (v: object) => Object.prototype.toString.call(v).slice(8, -1);
const textEncoder = new TextEncoder();
const UTF8_CHUNK = 4096;
const textDecoder = new TextDecoder();

/** A real `arguments` object of `length` items (all undefined, to be filled in). */
function argumentsOf(length: number): unknown[] {
  const collect = function (..._items: unknown[]) {
    // eslint-disable-next-line prefer-rest-params
    return arguments;
  };
  return collect(...new Array(length)) as unknown as unknown[];
}

/**
 * Whether `o` is an object literal (or null-prototype object): it crosses as a copy. Not an
 * interface's prototype object that happens to inherit from Object.prototype (WebKit's
 * `Screen.prototype`: reading its getters throws).
 */
export function isPlainObject(o: object, tag = toStringTag(o)): boolean {
  const proto = Object.getPrototypeOf(o);
  return (proto === Object.prototype || proto === null) && tag === 'Object';
}

/** Whether `value` is plain data: an Array or an object literal, which crosses as a copy. */
export const isPlainData = (value: unknown): value is object =>
  Array.isArray(value) || (typeof value === 'object' && value !== null && isPlainObject(value));

/**
 * Wraps an object that must cross by reference even though it is plain data (an object
 * literal, an array) that would otherwise be copied: the receiver gets a handle, and the
 * same object comes back when the handle is sent back.
 */
export class ByReference {
  constructor(readonly value: object) {}
}

/** How the worker's encoder treats the worker's own values (see `Encoder`). */
export interface WorkerValues {
  textOf(o: object): string | undefined;
  /** A Blob's bytes, read synchronously (only a worker can: `FileReaderSync`). */
  bytesOf(blob: Blob): ArrayBuffer;
}

// Taken at load, like `Node`: the decoder makes the receiver's own.
const {
  Blob: OwnBlob,
  File: OwnFile,
  FormData: OwnFormData,
  DOMException: OwnDOMException,
} = globalThis;

export class Encoder {
  #bytes: Uint8Array<ArrayBuffer> = new Uint8Array(4096);
  #view = new DataView(this.#bytes.buffer);
  #pos = 0;
  #seen = new Map<object, number>();
  /** Objects numbered so far, remembered or not (see `encodeCalls`). */
  #count = 0;
  #strings = new Map<string, number>();

  /**
   * With `fromWorker`, the encoder writes the worker's own values for the page:
   * - an Event or CustomEvent goes as a copy (type, flags, detail) rather than lent, so that
   *   `pageElement.dispatchEvent(new CustomEvent(…))` dispatches a page event (the page's
   *   events, the other way, must reach the worker by reference: `target`, `preventDefault()`);
   * - a lent object with a string form of its own (a `URL`, a trusted-URL wrapper: what
   *   `fromWorker.textOf` gives) carries it, and its handle on the page answers it: the page
   *   converts it where it needs a string (`script.src = url`), as it would the object itself;
   * - a Blob, File, FormData or URLSearchParams goes as a copy, so that the page's APIs that
   *   take one (`sendBeacon`, `fetch`, `URL.createObjectURL`) get a real one. The page's own
   *   are lent: the page cannot read a Blob's bytes synchronously.
   */
  readonly #refs: RefTable;
  readonly #fromWorker: WorkerValues | undefined;
  constructor(refs: RefTable, fromWorker?: WorkerValues) {
    this.#refs = refs;
    this.#fromWorker = fromWorker;
  }

  /**
   * Encodes `value` after one `lead` byte. The bytes live in a scratch buffer reused by the
   * next call (fresh memory is costly): copy them to keep them.
   */
  encode(value: unknown, lead = 0): Uint8Array<ArrayBuffer> {
    return this.#encode(() => this.#value(value), lead);
  }

  /**
   * Encodes posted calls, `[[target, args], …]`, as `encode` would, only faster: the batch, its
   * pairs and their `args` are arrays made by the channel, never shared or seen by scripts, so
   * they are numbered without the checks and bookkeeping a script's array needs.
   */
  encodeCalls(calls: [target: unknown, args: unknown[]][]): Uint8Array<ArrayBuffer> {
    return this.#encode(() => {
      this.#array(calls.length);
      for (const [target, args] of calls) {
        this.#array(2);
        this.#value(target);
        this.#array(args.length);
        for (const arg of args) this.#value(arg);
      }
    });
  }

  #array(length: number) {
    this.#count++;
    this.#u8(Tag.Array);
    this.#u32(length);
  }

  #encode(write: () => void, lead = 0): Uint8Array<ArrayBuffer> {
    this.#pos = 0;
    this.#count = 0;
    this.#seen.clear();
    this.#strings.clear();
    try {
      this.#u8(lead);
      write();
      return this.#bytes.subarray(0, this.#pos);
    } finally {
      this.#seen.clear();
      this.#strings.clear();
      // Do not keep a huge scratch buffer alive after a one-off large message.
      if (this.#bytes.length > 1 << 22) this.#grow(0, 4096);
    }
  }

  #grow(need: number, size = Math.max(this.#bytes.length * 2, this.#pos + need)) {
    const bytes = new Uint8Array(size);
    if (need) bytes.set(this.#bytes.subarray(0, this.#pos));
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer);
  }
  #room(n: number) {
    if (this.#pos + n > this.#bytes.length) this.#grow(n);
  }
  #u8(n: number) {
    this.#room(1);
    this.#bytes[this.#pos++] = n;
  }
  #u32(n: number) {
    this.#room(4);
    this.#view.setUint32(this.#pos, n, true);
    this.#pos += 4;
  }
  #f64(n: number) {
    this.#room(8);
    this.#view.setFloat64(this.#pos, n, true);
    this.#pos += 8;
  }
  #raw(src: Uint8Array) {
    this.#room(src.length);
    this.#bytes.set(src, this.#pos);
    this.#pos += src.length;
  }

  #string(s: string) {
    const n = s.length;
    this.#room(6 + n * 3);
    // Short ASCII (handler names, keys) by hand: cheaper than a call into the encoder; the
    // second time in a message, by its number.
    if (n < 32) {
      const index = this.#strings.get(s);
      if (index !== undefined) {
        this.#bytes[this.#pos] = Tag.AsciiSeen;
        this.#view.setUint16(this.#pos + 1, index, true);
        this.#pos += 3;
        return;
      }
      const bytes = this.#bytes;
      const start = this.#pos + 2;
      let i = 0;
      for (let c; i < n && (c = s.charCodeAt(i)) < 0x80; i++) bytes[start + i] = c;
      if (i === n) {
        bytes[this.#pos] = Tag.Ascii;
        bytes[this.#pos + 1] = n;
        this.#pos = start + n;
        if (this.#strings.size < ASCII_TABLE) this.#strings.set(s, this.#strings.size);
        return;
      }
    }
    // Short strings and ASCII go as UTF-8. Longer text with other characters goes as UTF-16:
    // browsers encode and decode two-byte strings as UTF-8 slowly, and UTF-16 also carries
    // lone surrogates, which UTF-8 cannot.
    if (n < 64 ? s.isWellFormed() : true) {
      const start = this.#pos + 5;
      let end = start;
      // Long strings in chunks: the first chunk that is not ASCII ends the attempt, so text
      // in other scripts wastes at most one chunk of UTF-8 work.
      for (let i = 0; i < n; i += UTF8_CHUNK) {
        const part = n <= UTF8_CHUNK ? s : s.slice(i, i + UTF8_CHUNK);
        const { written } = textEncoder.encodeInto(part, this.#bytes.subarray(end));
        end += written;
        if (n >= 64 && written !== part.length) break;
      }
      if (n < 64 || end - start === n) {
        this.#bytes[this.#pos] = Tag.Utf8;
        this.#view.setUint32(this.#pos + 1, end - start, true);
        this.#pos = end;
        return;
      }
    }
    this.#u8(Tag.Utf16);
    this.#u32(n);
    if (this.#pos & 1) this.#pos++; // align the code units
    const units = new Uint16Array(this.#bytes.buffer, this.#pos, n);
    for (let i = 0; i < n; i++) units[i] = s.charCodeAt(i);
    this.#pos += n * 2;
  }

  #remember(v: object): boolean {
    const index = this.#seen.get(v);
    if (index !== undefined) {
      this.#u8(Tag.Seen);
      this.#u32(index);
      return true;
    }
    this.#seen.set(v, this.#count++);
    return false;
  }

  #value(v: unknown): void {
    switch (typeof v) {
      case 'undefined':
        return this.#u8(Tag.Undefined);
      case 'boolean':
        return this.#u8(v ? Tag.True : Tag.False);
      case 'number':
        if ((v | 0) === v && !Object.is(v, -0)) {
          this.#u8(Tag.Int32);
          this.#room(4);
          this.#view.setInt32(this.#pos, v, true);
          this.#pos += 4;
        } else {
          this.#u8(Tag.Float64);
          this.#f64(v);
        }
        return;
      case 'string':
        return this.#string(v);
      case 'bigint':
        this.#u8(Tag.BigInt);
        this.#u8(v < 0n ? 1 : 0);
        return this.#string((v < 0n ? -v : v).toString(16));
      case 'symbol':
        throw offstageError('uncloneable', `a symbol (${String(v.description)})`);
      case 'function':
        return this.#ref(v);
    }
    if (v === null) return this.#u8(Tag.Null);
    const o = v as object;
    // A handle may look like anything (later layers make array- or object-like ones): check it
    // first.
    if (this.#refs.idOfHandle(o) !== undefined) return this.#ref(o);
    if (o instanceof ByReference) return this.#ref(o.value);
    const tag = toStringTag(o);
    // An `arguments` object (queued by vendor snippets: `(q = q || []).push(arguments)`) crosses as
    // an `arguments` object: tags like gtag.js tell commands from data by it.
    if (Array.isArray(o) || tag === 'Arguments') {
      if (this.#remember(o)) return;
      this.#u8(tag === 'Arguments' ? Tag.Arguments : Tag.Array);
      const list = o as ArrayLike<unknown>;
      this.#u32(list.length);
      for (let i = 0; i < list.length; i++) this.#value(list[i]);
      return;
    }
    if (isPlainObject(o, tag)) {
      // A worker object literal with a string form of its own (`{ toString() {…} }`) is lent, so
      // that the page converts it as it would the object itself; a copy would lose its methods.
      const text = this.#fromWorker?.textOf(o);
      if (text !== undefined) return this.#ref(o, text);
      if (this.#remember(o)) return;
      const keys = Object.keys(o);
      this.#u8(Tag.Object);
      this.#u32(keys.length);
      for (const key of keys) {
        this.#string(key);
        this.#value((o as Record<string, unknown>)[key]);
      }
      return;
    }
    if (ArrayBuffer.isView(o)) {
      const index = VIEW_NAMES.indexOf(toStringTag(o) as (typeof VIEW_NAMES)[number]);
      if (index < 0 || o.buffer instanceof ArrayBuffer === false) return this.#ref(o);
      if (this.#remember(o)) return;
      this.#u8(Tag.View);
      this.#u8(index);
      this.#u32(o.byteOffset);
      this.#u32(o instanceof DataView ? o.byteLength : (o as unknown as { length: number }).length);
      return this.#value(o.buffer);
    }
    switch (tag) {
      case 'ArrayBuffer': {
        if (this.#remember(o)) return;
        const bytes = new Uint8Array(o as ArrayBuffer);
        this.#u8(Tag.ArrayBuffer);
        this.#u32(bytes.length);
        return this.#raw(bytes);
      }
      case 'Date':
        if (this.#remember(o)) return;
        this.#u8(Tag.Date);
        return this.#f64((o as Date).getTime());
      case 'RegExp':
        if (this.#remember(o)) return;
        this.#u8(Tag.RegExp);
        this.#string((o as RegExp).source);
        return this.#string((o as RegExp).flags);
      case 'Map':
        if (this.#remember(o)) return;
        this.#u8(Tag.Map);
        this.#u32((o as Map<unknown, unknown>).size);
        for (const [key, value] of o as Map<unknown, unknown>) {
          this.#value(key);
          this.#value(value);
        }
        return;
      case 'Set':
        if (this.#remember(o)) return;
        this.#u8(Tag.Set);
        this.#u32((o as Set<unknown>).size);
        for (const item of o as Set<unknown>) this.#value(item);
        return;
    }
    if (typeof OwnDOMException === 'function' && o instanceof OwnDOMException) {
      if (this.#remember(o)) return;
      this.#u8(Tag.DOMException);
      this.#string(o.name);
      this.#string(o.message);
      const stack = (o as { stack?: unknown }).stack;
      return this.#value(typeof stack === 'string' ? stack : undefined);
    }
    if (o instanceof Error) {
      if (this.#remember(o)) return;
      const e = o as Error;
      this.#u8(Tag.Error);
      this.#string(String(e.name));
      this.#string(String(e.message));
      const code = (e as { code?: unknown }).code;
      this.#value(typeof code === 'string' ? code : undefined);
      this.#value(typeof e.stack === 'string' ? e.stack : undefined);
      return this.#value('cause' in e ? [e.cause] : undefined);
    }
    if (this.#fromWorker) {
      switch (tag) {
        case 'Blob':
        case 'File': {
          if (this.#remember(o)) return;
          const blob = o as Blob;
          this.#u8(Tag.Blob);
          this.#string(blob.type);
          this.#value(this.#fromWorker.bytesOf(blob));
          const file = tag === 'File' ? (blob as File) : undefined;
          return this.#value(file ? [file.name, file.lastModified] : undefined);
        }
        case 'FormData': {
          if (this.#remember(o)) return;
          const entries = [...(o as FormData)];
          this.#u8(Tag.FormData);
          this.#u32(entries.length);
          for (const [name, value] of entries) {
            this.#string(name);
            this.#value(value);
          }
          return;
        }
        case 'URLSearchParams':
          if (this.#remember(o)) return;
          this.#u8(Tag.SearchParams);
          return this.#string(String(o));
      }
    }
    if (this.#fromWorker && o instanceof Event) {
      if (this.#remember(o)) return;
      const custom = o instanceof CustomEvent;
      this.#u8(Tag.Event);
      this.#u8(
        (custom ? 8 : 0) | (o.bubbles ? 1 : 0) | (o.cancelable ? 2 : 0) | (o.composed ? 4 : 0),
      );
      this.#string(o.type);
      return this.#value(custom ? o.detail : undefined);
    }
    return this.#ref(o);
  }

  /** A handle goes home as the receiver's own object; anything else is lent. */
  /** `text`: the object's string form, if the caller has it already (see `fromWorker`). */
  #ref(o: object, text?: string) {
    const handleId = this.#refs.idOfHandle(o);
    if (handleId !== undefined) {
      this.#u8(Tag.ReceiverRef);
      return this.#u32(handleId);
    }
    text ??= this.#fromWorker?.textOf(o);
    this.#u8(Tag.SenderRef);
    this.#u8(refKind(o) | (text === undefined ? 0 : RefKind.Text));
    this.#u32(this.#refs.lend(o));
    if (text !== undefined) this.#string(text);
  }
}

/** Goes on decoding a paused `Decoder.decodeEach`. */
export type Resume = () => Resume | undefined;

export class Decoder {
  #bytes: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  #view = new DataView(this.#bytes.buffer);
  #pos = 0;
  #seen: unknown[] = [];
  #strings: string[] = [];

  readonly #refs: RefTable;
  constructor(refs: RefTable) {
    this.#refs = refs;
  }

  /** Decodes bytes written by `Encoder.encode`; returns the lead byte and the value. */
  decode(bytes: Uint8Array<ArrayBuffer>): [lead: number, value: unknown] {
    this.#load(bytes);
    try {
      return [bytes[0]!, this.#value()];
    } finally {
      this.#seen.length = 0;
      this.#strings.length = 0;
    }
  }

  /**
   * Decodes an encoded array item by item, handing each to `use` before decoding the next —
   * so running a posted call may make an object that a later call in the batch refers to.
   * When `use` returns true, decoding pauses after that item: the result goes on from there
   * (decode nothing else with this decoder meanwhile). `undefined` once every item is used.
   */
  decodeEach(
    bytes: Uint8Array<ArrayBuffer>,
    use: (item: unknown) => boolean | void,
  ): Resume | undefined {
    this.#load(bytes);
    if (this.#u8() !== Tag.Array) throw new Error('Offstage: corrupt message (not a batch)');
    // The array itself holds the first back-reference slot, as when decoded whole.
    this.#seen.push(undefined);
    return this.#items(this.#count(), use);
  }

  #items(left: number, use: (item: unknown) => boolean | void): Resume | undefined {
    let paused = false;
    try {
      while (left > 0) {
        left--;
        if (use(this.#value()) === true && left > 0) {
          paused = true;
          return () => this.#items(left, use);
        }
      }
    } finally {
      if (!paused) {
        this.#seen.length = 0;
        this.#strings.length = 0;
      }
    }
  }

  /** Reads `bytes`, from after their lead byte. */
  #load(bytes: Uint8Array<ArrayBuffer>) {
    this.#bytes = bytes;
    // Messages mostly arrive in the same reused buffer: keep its view.
    if (this.#view.buffer !== bytes.buffer || this.#view.byteOffset !== bytes.byteOffset) {
      this.#view = new DataView(bytes.buffer, bytes.byteOffset);
    }
    this.#pos = 1;
  }
  #u8() {
    return this.#bytes[this.#pos++]!;
  }
  #u32() {
    const n = this.#view.getUint32(this.#pos, true);
    this.#pos += 4;
    return n;
  }
  /**
   * A count of items or bytes that follow: each takes a byte at least, so a count past the
   * message's end is corrupt (a broken or hostile sender) — refused before anything is made
   * that big.
   */
  #count() {
    const n = this.#u32();
    if (n > this.#bytes.length - this.#pos)
      throw new Error('Offstage: corrupt message (a count past its end)');
    return n;
  }
  #f64() {
    const n = this.#view.getFloat64(this.#pos, true);
    this.#pos += 8;
    return n;
  }
  #string(): string {
    return this.#value() as string;
  }
  #remember<T>(v: T): T {
    this.#seen.push(v);
    return v;
  }

  #value(): unknown {
    const tag = this.#u8() as Tag;
    switch (tag) {
      case Tag.Undefined:
        return undefined;
      case Tag.Null:
        return null;
      case Tag.False:
        return false;
      case Tag.True:
        return true;
      case Tag.Int32: {
        const n = this.#view.getInt32(this.#pos, true);
        this.#pos += 4;
        return n;
      }
      case Tag.Float64:
        return this.#f64();
      case Tag.BigInt: {
        const negative = this.#u8() === 1;
        const magnitude = BigInt('0x' + this.#string());
        return negative ? -magnitude : magnitude;
      }
      case Tag.Utf8: {
        const length = this.#count();
        const start = this.#pos;
        this.#pos += length;
        return textDecoder.decode(this.#bytes.subarray(start, this.#pos));
      }
      case Tag.Ascii: {
        const length = this.#bytes[this.#pos++]!;
        let s = '';
        for (let i = 0; i < length; i++) s += String.fromCharCode(this.#bytes[this.#pos + i]!);
        this.#pos += length;
        if (this.#strings.length < ASCII_TABLE) this.#strings.push(s);
        return s;
      }
      case Tag.AsciiSeen: {
        const s = this.#strings[this.#view.getUint16(this.#pos, true)];
        this.#pos += 2;
        if (s === undefined) throw new Error('Offstage: corrupt message (string reference)');
        return s;
      }
      case Tag.Utf16: {
        const length = this.#count();
        if (this.#pos & 1) this.#pos++;
        const at = this.#bytes.byteOffset + this.#pos;
        const units =
          at & 1
            ? new Uint16Array(this.#bytes.buffer.slice(at, at + length * 2))
            : new Uint16Array(this.#bytes.buffer, at, length);
        this.#pos += length * 2;
        let s = '';
        for (let i = 0; i < length; i += 8192) {
          s += String.fromCharCode.apply(null, units.subarray(i, i + 8192) as unknown as number[]);
        }
        return s;
      }
      case Tag.Array:
      case Tag.Arguments: {
        const length = this.#count();
        const list = this.#remember(
          tag === Tag.Array ? new Array<unknown>(length) : argumentsOf(length),
        );
        for (let i = 0; i < length; i++) list[i] = this.#value();
        return list;
      }
      case Tag.Object: {
        const count = this.#count();
        const object = this.#remember({} as Record<string, unknown>);
        for (let i = 0; i < count; i++) {
          const key = this.#string();
          // defineProperty, not assignment: a key named "__proto__" must stay a plain key.
          Object.defineProperty(object, key, {
            value: this.#value(),
            writable: true,
            enumerable: true,
            configurable: true,
          });
        }
        return object;
      }
      case Tag.Seen:
        return this.#seen[this.#u32()];
      case Tag.Date:
        return this.#remember(new Date(this.#f64()));
      case Tag.RegExp: {
        const index = this.#seen.push(undefined) - 1;
        const source = this.#string();
        return (this.#seen[index] = new RegExp(source, this.#string()));
      }
      case Tag.Map: {
        const count = this.#count();
        const map = this.#remember(new Map());
        for (let i = 0; i < count; i++) map.set(this.#value(), this.#value());
        return map;
      }
      case Tag.Set: {
        const count = this.#count();
        const set = this.#remember(new Set());
        for (let i = 0; i < count; i++) set.add(this.#value());
        return set;
      }
      case Tag.Error: {
        const index = this.#seen.push(undefined) - 1;
        const name = this.#string();
        const message = this.#string();
        const code = this.#value() as string | undefined;
        const error =
          name === 'OffstageError' && code
            ? new OffstageError(code as OffstageError['code'], message)
            : new (ERROR_TYPES[name] ?? Error)(message);
        if (error.name !== name) error.name = name;
        if (code !== undefined && !(error instanceof OffstageError))
          (error as { code?: string }).code = code;
        this.#seen[index] = error;
        const stack = this.#value();
        if (typeof stack === 'string') error.stack = stack;
        const cause = this.#value() as [unknown] | undefined;
        if (cause) error.cause = cause[0];
        return error;
      }
      case Tag.DOMException: {
        const index = this.#seen.push(undefined) - 1;
        const name = this.#string();
        const error = new OwnDOMException(this.#string(), name);
        this.#seen[index] = error;
        const stack = this.#value();
        if (typeof stack === 'string')
          Object.defineProperty(error, 'stack', {
            value: stack,
            writable: true,
            configurable: true,
          });
        return error;
      }
      case Tag.ArrayBuffer: {
        const length = this.#count();
        const start = this.#bytes.byteOffset + this.#pos;
        this.#pos += length;
        return this.#remember(this.#bytes.buffer.slice(start, start + length));
      }
      case Tag.View: {
        const index = this.#seen.push(undefined) - 1;
        const name = VIEW_NAMES[this.#u8()]!;
        const byteOffset = this.#u32();
        const length = this.#u32();
        const buffer = this.#value() as ArrayBuffer;
        const View = (globalThis as unknown as Record<string, ViewConstructor>)[name]!;
        return (this.#seen[index] = new View(buffer, byteOffset, length));
      }
      case Tag.SenderRef: {
        const kind = this.#u8() as RefKind;
        const handle = this.#refs.borrow(this.#u32(), kind & ~RefKind.Text);
        if (kind & RefKind.Text) remoteText.set(handle, this.#string());
        return handle;
      }
      case Tag.ReceiverRef:
        return this.#refs.lentObject(this.#u32());
      case Tag.Blob: {
        const index = this.#seen.push(undefined) - 1;
        const type = this.#string();
        const bytes = this.#value() as ArrayBuffer;
        const file = this.#value() as [string, number] | undefined;
        return (this.#seen[index] = file
          ? new OwnFile([bytes], file[0], { type, lastModified: file[1] })
          : new OwnBlob([bytes], { type }));
      }
      case Tag.FormData: {
        const form = this.#remember(new OwnFormData());
        for (let count = this.#count(); count > 0; count--) {
          const name = this.#string();
          form.append(name, this.#value() as string | Blob);
        }
        return form;
      }
      case Tag.SearchParams: {
        const index = this.#seen.push(undefined) - 1;
        return (this.#seen[index] = new URLSearchParams(this.#string()));
      }
      case Tag.Event: {
        const index = this.#seen.push(undefined) - 1;
        const flags = this.#u8();
        const type = this.#string();
        const init = {
          bubbles: (flags & 1) > 0,
          cancelable: (flags & 2) > 0,
          composed: (flags & 4) > 0,
          detail: this.#value(),
        };
        return (this.#seen[index] =
          flags & 8 ? new CustomEvent(type, init) : new Event(type, init));
      }
    }
    throw new Error(`Offstage: corrupt message (tag ${tag} at byte ${this.#pos - 1})`);
  }
}
