import { offstageError } from '../../shared/errors.js';
import type { HandleTable } from './handle-table.js';
import type { LinearMemory } from './linear-memory.js';

/**
 * A page object as the worker sees it: a proxy (lib/worker/proxy/remote-proxy.ts). The worker has
 * no DOM types; these name only what the imports use.
 */
export interface PageObject {
  [key: string]: unknown;
}
interface PageNode extends PageObject {
  textContent: string | null;
}
export interface PageDocument extends PageNode {
  createElement(tag: string): unknown;
  cookie: string;
}
export interface PageWindow extends PageObject {
  readonly document: PageDocument;
  readonly localStorage: PageObject;
}

/** What the `offstage` import namespace needs from the page (see offstage.h). */
export interface WasmPage {
  readonly document: PageDocument;
  readonly window: PageWindow;
  /** A page function by name, blocking until it settles. */
  call(name: string, ...args: unknown[]): unknown;
  /** Calls target[method](...args) and waits for its result. */
  invoke(target: unknown, method: string, args: unknown[]): unknown;
  /**
   * Calls target[method](...args) without waiting (posted: in order, before the next blocking
   * call).
   */
  post(target: unknown, method: string, args: unknown[]): void;
  /** document.createElement(tag), without a round trip where it can. */
  create(tag: string): unknown;
  /** The whole response, or throws the page's network error. */
  fetch(url: string, init: RequestInit): { status: number; headers: Headers; bytes(): Uint8Array };
  sleep(ms: number): void;
}

type Listener = { target: PageNode; type: string; fn: (event: unknown) => void };
type Response = { status: number; headers: [string, string][]; body: Uint8Array };

const encoder = new TextEncoder();

/**
 * The `offstage` namespace: the functions offstage.h declares, over the page's proxies.
 * `exports` is read when an event arrives (the instance does not exist yet when the imports are
 * made).
 */
export function offstageImports(
  page: WasmPage,
  handles: HandleTable,
  memory: LinearMemory,
  exports: () => WebAssembly.Exports,
): Record<string, (...args: number[]) => unknown> {
  const listeners = new Map<number, Listener>();
  let nextListener = 1;
  const str = (ptr: number, len: number, where: string) => memory.string(ptr, len, where);
  const obj = <T = PageNode>(handle: number, where: string) => handles.get<T>(handle, where);
  const prop = (handle: number, namePtr: number, nameLen: number, where: string) =>
    obj(handle, where)[str(namePtr, nameLen, where)];
  const response = (handle: number, where: string) => {
    const value = obj<Response>(handle, where);
    if (!(value.body instanceof Uint8Array))
      throw offstageError('wasm-handle', `${where}: ${handle} is not a response`);
    return value;
  };

  return {
    console(level, ptr, len) {
      const text = str(ptr, len, 'offstage_console');
      (level === 2 ? console.error : level === 1 ? console.warn : console.log)(text);
    },
    release: (handle) => handles.release(handle, 'offstage_release'),

    query: (root, ptr, len) =>
      handles.add(
        page.invoke(obj(root, 'offstage_query'), 'querySelector', [
          str(ptr, len, 'offstage_query'),
        ]),
      ),
    create: (ptr, len) => handles.add(page.create(str(ptr, len, 'offstage_create'))),
    append(parent, child) {
      page.post(obj(parent, 'offstage_append'), 'append', [obj(child, 'offstage_append')]);
    },
    remove(node) {
      page.post(obj(node, 'offstage_remove'), 'remove', []);
    },

    set_text(node, ptr, len) {
      obj(node, 'offstage_set_text').textContent = str(ptr, len, 'offstage_set_text');
    },
    get_text: (node, buf, cap) =>
      memory.write(obj(node, 'offstage_get_text').textContent, buf, cap, 'offstage_get_text'),

    set_attribute(element, name, nameLen, value, valueLen) {
      const where = 'offstage_set_attribute';
      page.post(obj(element, where), 'setAttribute', [
        str(name, nameLen, where),
        str(value, valueLen, where),
      ]);
    },
    get_attribute(element, name, nameLen, buf, cap) {
      const where = 'offstage_get_attribute';
      return memory.write(
        page.invoke(obj(element, where), 'getAttribute', [str(name, nameLen, where)]) as
          string | null,
        buf,
        cap,
        where,
      );
    },

    get_string(object, name, nameLen, buf, cap) {
      const value = prop(object, name, nameLen, 'offstage_get_string');
      return memory.write(value == null ? value : String(value), buf, cap, 'offstage_get_string');
    },
    set_string(object, name, nameLen, value, valueLen) {
      const where = 'offstage_set_string';
      obj(object, where)[str(name, nameLen, where)] = str(value, valueLen, where);
    },
    get_number: (object, name, nameLen) =>
      Number(prop(object, name, nameLen, 'offstage_get_number')),
    set_number(object, name, nameLen, value) {
      obj(object, 'offstage_set_number')[str(name, nameLen, 'offstage_set_number')] = value;
    },
    get_object: (object, name, nameLen) =>
      handles.add(prop(object, name, nameLen, 'offstage_get_object')),

    add_listener(target, typePtr, typeLen, userData) {
      const where = 'offstage_add_listener';
      const object = obj(target, where);
      const type = str(typePtr, typeLen, where);
      const onEvent = exports().offstage_on_event;
      if (typeof onEvent !== 'function')
        throw offstageError('wasm-export', `${where}: no offstage_on_event export`);
      const fn = (event: unknown) => {
        const handle = handles.add(event);
        try {
          (onEvent as (user: number, event: number) => void)(userData, handle);
        } finally {
          handles.release(handle, 'offstage_on_event');
        }
      };
      page.post(object, 'addEventListener', [type, fn]);
      const id = nextListener++;
      listeners.set(id, { target: object, type, fn });
      return id;
    },
    remove_listener(id) {
      const listener = listeners.get(id);
      if (!listener)
        throw offstageError('wasm-handle', `offstage_remove_listener: ${id} is not a listener`);
      page.post(listener.target, 'removeEventListener', [listener.type, listener.fn]);
      listeners.delete(id);
    },

    storage_get: (key, keyLen, buf, cap) =>
      memory.write(
        page.invoke(page.window.localStorage, 'getItem', [
          str(key, keyLen, 'offstage_storage_get'),
        ]) as string | null,
        buf,
        cap,
        'offstage_storage_get',
      ),
    storage_set(key, keyLen, value, valueLen) {
      page.post(page.window.localStorage, 'setItem', [
        str(key, keyLen, 'offstage_storage_set'),
        str(value, valueLen, 'offstage_storage_set'),
      ]);
    },
    storage_remove(key, keyLen) {
      page.post(page.window.localStorage, 'removeItem', [
        str(key, keyLen, 'offstage_storage_remove'),
      ]);
    },
    cookie_get: (buf, cap) => memory.write(page.document.cookie, buf, cap, 'offstage_cookie_get'),
    cookie_set(ptr, len) {
      page.document.cookie = str(ptr, len, 'offstage_cookie_set');
    },

    fetch(method, methodLen, url, urlLen, body, bodyLen) {
      const where = 'offstage_fetch';
      const init: RequestInit = { method: str(method, methodLen, where) || 'GET' };
      if (bodyLen) init.body = memory.bytes(body, bodyLen, where);
      const target = str(url, urlLen, where);
      let answer: Response;
      try {
        const r = page.fetch(target, init);
        answer = { status: r.status, headers: [...r.headers], body: r.bytes() };
      } catch (error) {
        answer = {
          status: 0,
          headers: [],
          body: encoder.encode(String((error as Error)?.message ?? error)),
        };
      }
      return handles.add(answer);
    },
    response_status: (handle) => response(handle, 'offstage_response_status').status,
    response_headers(handle, buf, cap) {
      const lines = response(handle, 'offstage_response_headers').headers.map(
        ([name, value]) => `${name}: ${value}\n`,
      );
      return memory.write(lines.join(''), buf, cap, 'offstage_response_headers');
    },
    response_header(handle, name, nameLen, buf, cap) {
      const where = 'offstage_response_header';
      const wanted = str(name, nameLen, where).toLowerCase();
      const found = response(handle, where).headers.find(([key]) => key === wanted);
      return memory.write(found?.[1], buf, cap, where);
    },
    response_body: (handle, buf, cap) =>
      memory.write(
        response(handle, 'offstage_response_body').body,
        buf,
        cap,
        'offstage_response_body',
      ),

    sleep(ms) {
      page.sleep(ms);
    },

    call(name, nameLen, arg, argLen, buf, cap, lenPtr) {
      const where = 'offstage_call';
      const fn = str(name, nameLen, where);
      const input = str(arg, argLen, where);
      memory.view(buf, cap, where); // both out-parameters checked before the page runs anything
      memory.view(lenPtr, 4, where);
      let status = 0;
      let result: string | undefined;
      try {
        const value = page.call(fn, input);
        result =
          value === undefined
            ? undefined
            : typeof value === 'string'
              ? value
              : JSON.stringify(value);
      } catch (error) {
        status = 1;
        result = String((error as Error)?.message ?? error);
      }
      memory.i32(lenPtr, memory.write(result, buf, cap, where), where);
      return status;
    },
  };
}
