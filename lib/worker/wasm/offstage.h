/*
 * offstage.h: the `offstage` import namespace for WebAssembly modules run in Offstage's worker.
 *
 * The module runs in a Web Worker. Each call below that touches the page blocks the worker
 * (never the page) until the main thread has answered, so C code written for synchronous
 * access to the DOM and to asynchronous web APIs (fetch, sleep, page functions) runs as is:
 * no Asyncify, no JSPI.
 *
 * Conventions
 * - Page objects are handles: small positive integers. 0 means "none" (null or undefined).
 *   OFFSTAGE_WINDOW and OFFSTAGE_DOCUMENT are always there; every other handle a function
 *   returns stays valid until offstage_release().
 * - Strings are UTF-8, passed as pointer + length (not NUL-terminated).
 * - Results are copied into a buffer the caller gives (buf, cap). The function returns the
 *   result's full length in bytes, which may be more than cap: then only cap bytes were
 *   written, and a call with a buffer that large gets it all. -1 means "none" (null,
 *   undefined, no such attribute).
 * - A bad handle, or a pointer and length outside the module's memory, is a programming
 *   error: the call traps with a JavaScript error naming the function and the cause. Nothing
 *   is written out of bounds, and the worker stays usable.
 */
#ifndef OFFSTAGE_H
#define OFFSTAGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define OFFSTAGE_IMPORT(name) __attribute__((import_module("offstage"), import_name(#name)))

typedef int32_t offstage_handle;

#define OFFSTAGE_NONE 0
#define OFFSTAGE_WINDOW 1
#define OFFSTAGE_DOCUMENT 2

/* Console: level 0 log, 1 warn, 2 error. */
OFFSTAGE_IMPORT(console) void offstage_console(int32_t level, const char *text, size_t len);

/* Handles. */
OFFSTAGE_IMPORT(release) void offstage_release(offstage_handle handle);

/* Elements: root.querySelector(selector) (0 if none); document.createElement(tag). */
OFFSTAGE_IMPORT(query) offstage_handle offstage_query(offstage_handle root, const char *selector, size_t len);
OFFSTAGE_IMPORT(create) offstage_handle offstage_create(const char *tag, size_t len);
/* parent.append(child); node.remove(). Both are posted: they cost no round trip of their own. */
OFFSTAGE_IMPORT(append) void offstage_append(offstage_handle parent, offstage_handle child);
OFFSTAGE_IMPORT(remove) void offstage_remove(offstage_handle node);

/* node.textContent. Setting is posted. */
OFFSTAGE_IMPORT(set_text) void offstage_set_text(offstage_handle node, const char *text, size_t len);
OFFSTAGE_IMPORT(get_text) int32_t offstage_get_text(offstage_handle node, char *buf, size_t cap);

/* element.setAttribute(name, value) (posted); element.getAttribute(name), -1 if absent. */
OFFSTAGE_IMPORT(set_attribute)
void offstage_set_attribute(offstage_handle element, const char *name, size_t name_len, const char *value, size_t value_len);
OFFSTAGE_IMPORT(get_attribute)
int32_t offstage_get_attribute(offstage_handle element, const char *name, size_t name_len, char *buf, size_t cap);

/* Any property: object[name], as a string (String(value); -1 if null or undefined), a number
 * (NaN if not a number) or a handle (0 if null or undefined). Setting is posted. */
OFFSTAGE_IMPORT(get_string)
int32_t offstage_get_string(offstage_handle object, const char *name, size_t name_len, char *buf, size_t cap);
OFFSTAGE_IMPORT(set_string)
void offstage_set_string(offstage_handle object, const char *name, size_t name_len, const char *value, size_t value_len);
OFFSTAGE_IMPORT(get_number) double offstage_get_number(offstage_handle object, const char *name, size_t name_len);
OFFSTAGE_IMPORT(set_number) void offstage_set_number(offstage_handle object, const char *name, size_t name_len, double value);
OFFSTAGE_IMPORT(get_object) offstage_handle offstage_get_object(offstage_handle object, const char *name, size_t name_len);

/* Events: target.addEventListener(type, …). Each event calls the module's exported
 *   void offstage_on_event(int32_t user_data, offstage_handle event);
 * after the call that added the listener has returned (events wait for the worker to be
 * free). The event handle is released when offstage_on_event returns. Returns an id for
 * offstage_remove_listener. */
OFFSTAGE_IMPORT(add_listener)
int32_t offstage_add_listener(offstage_handle target, const char *type, size_t type_len, int32_t user_data);
OFFSTAGE_IMPORT(remove_listener) void offstage_remove_listener(int32_t listener);

/* localStorage: get returns -1 if the key is absent. */
OFFSTAGE_IMPORT(storage_get) int32_t offstage_storage_get(const char *key, size_t key_len, char *buf, size_t cap);
OFFSTAGE_IMPORT(storage_set) void offstage_storage_set(const char *key, size_t key_len, const char *value, size_t value_len);
OFFSTAGE_IMPORT(storage_remove) void offstage_storage_remove(const char *key, size_t key_len);

/* document.cookie: read all; set one ("name=value; path=/"). */
OFFSTAGE_IMPORT(cookie_get) int32_t offstage_cookie_get(char *buf, size_t cap);
OFFSTAGE_IMPORT(cookie_set) void offstage_cookie_set(const char *cookie, size_t len);

/* Synchronous fetch, made by the page. method may be empty (GET), body may be empty. Returns a
 * response handle: its status is 0 if the request failed (the body then holds the reason).
 * Headers as "name: value\n" lines (lower-case names) or one header by name (-1 if absent). */
OFFSTAGE_IMPORT(fetch)
offstage_handle offstage_fetch(const char *method, size_t method_len, const char *url, size_t url_len, const void *body, size_t body_len);
OFFSTAGE_IMPORT(response_status) int32_t offstage_response_status(offstage_handle response);
OFFSTAGE_IMPORT(response_headers) int32_t offstage_response_headers(offstage_handle response, char *buf, size_t cap);
OFFSTAGE_IMPORT(response_header)
int32_t offstage_response_header(offstage_handle response, const char *name, size_t name_len, char *buf, size_t cap);
OFFSTAGE_IMPORT(response_body) int32_t offstage_response_body(offstage_handle response, void *buf, size_t cap);

/* Blocks the worker for ms milliseconds (the page is not blocked). */
OFFSTAGE_IMPORT(sleep) void offstage_sleep(int32_t ms);

/* Calls a function the page registered (offload({ functions }) or connect()'s handlers) with
 * one string argument, waits for it (a Promise is awaited) and copies its result: a string as
 * is, anything else as JSON. Returns 0 if it returned, 1 if it threw or rejected (buf then
 * holds the error's message); *len is the result's full length (-1 for undefined). */
OFFSTAGE_IMPORT(call)
int32_t offstage_call(const char *name, size_t name_len, const char *arg, size_t arg_len, char *buf, size_t cap, int32_t *len);

#ifdef __cplusplus
}
#endif

#endif /* OFFSTAGE_H */
