// The offstage.h API from C, one exported function per behaviour tests/wasm.test.js checks.
// Built by scripts/build-wasm.mjs: clang --target=wasm32-wasi, a reactor (no main).
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "offstage.h"

#define S(text) text, strlen(text)
#define EXPORT(name) __attribute__((export_name(#name)))

static char buf[4096];

// Hands a result to the page's report() function (registered by the test).
static void report(const char *name, const char *value) {
  char arg[4096];
  int32_t len;
  int n = snprintf(arg, sizeof arg, "%s=%s", name, value);
  offstage_call(S("report"), arg, n, buf, sizeof buf, &len);
}

// A table of rows × 3 cells in #wasm-root; every handle released afterwards.
EXPORT(build_table) int build_table(int rows) {
  offstage_handle root = offstage_query(OFFSTAGE_DOCUMENT, S("#wasm-root"));
  if (root == OFFSTAGE_NONE) return -1;
  offstage_handle table = offstage_create(S("table"));
  offstage_set_attribute(table, S("id"), S("wasm-table"));
  for (int r = 0; r < rows; r++) {
    offstage_handle tr = offstage_create(S("tr"));
    for (int c = 0; c < 3; c++) {
      char text[32];
      int n = snprintf(text, sizeof text, "r%dc%d", r, c);
      offstage_handle td = offstage_create(S("td"));
      offstage_set_text(td, text, n);
      offstage_append(tr, td);
      offstage_release(td);
    }
    offstage_append(table, tr);
    offstage_release(tr);
  }
  offstage_append(root, table);
  offstage_release(table);
  offstage_release(root);
  return rows;
}

// Adds <script src> to the page's head, as a tag loader would.
EXPORT(add_script) void add_script(const char *src) {
  offstage_handle script = offstage_create(S("script"));
  offstage_set_attribute(script, S("src"), S(src));
  offstage_handle head = offstage_query(OFFSTAGE_DOCUMENT, S("head"));
  offstage_append(head, script);
  offstage_release(head);
  offstage_release(script);
}

// Reads and writes text, attributes and properties; reports what it read.
EXPORT(read_write) void read_write(void) {
  offstage_handle root = offstage_query(OFFSTAGE_DOCUMENT, S("#wasm-root"));
  char out[1024];
  int n = offstage_get_attribute(root, S("data-in"), buf, sizeof buf);
  report("attribute", n < 0 ? "(none)" : (buf[n] = 0, buf));
  n = offstage_get_attribute(root, S("data-missing"), buf, sizeof buf);
  snprintf(out, sizeof out, "%d", n);
  report("missing-attribute", out);
  n = offstage_get_string(OFFSTAGE_DOCUMENT, S("title"), buf, sizeof buf);
  buf[n] = 0;
  report("title", buf);
  snprintf(out, sizeof out, "%s (wasm)", buf);
  offstage_set_string(OFFSTAGE_DOCUMENT, S("title"), S(out));
  offstage_set_attribute(root, S("data-out"), S("from C: é ✓"));
  offstage_set_number(root, S("tabIndex"), 3);
  snprintf(out, sizeof out, "%g", offstage_get_number(root, S("tabIndex")));
  report("tab-index", out);
  // A result longer than the buffer: the full length comes back, the buffer holds its start.
  offstage_set_text(root, S("0123456789abcdef"));
  char small[4];
  n = offstage_get_text(root, small, sizeof small);
  snprintf(out, sizeof out, "%d:%.4s", n, small);
  report("truncated", out);
  offstage_handle style = offstage_get_object(root, S("style"));
  offstage_set_string(style, S("color"), S("rgb(1, 2, 3)"));
  offstage_release(style);
  report("no-such-object", offstage_get_object(root, S("noSuchProperty")) == OFFSTAGE_NONE ? "none" : "some");
  offstage_release(root);
}

EXPORT(storage_and_cookie) void storage_and_cookie(void) {
  offstage_storage_set(S("wasm-key"), S("stored by C"));
  int n = offstage_storage_get(S("wasm-key"), buf, sizeof buf);
  buf[n] = 0;
  report("storage", buf);
  char out[32];
  snprintf(out, sizeof out, "%d", offstage_storage_get(S("wasm-absent"), buf, sizeof buf));
  report("storage-absent", out);
  offstage_cookie_set(S("wasm_cookie=from-c; path=/"));
  n = offstage_cookie_get(buf, sizeof buf);
  buf[n] = 0;
  report("cookie", strstr(buf, "wasm_cookie=from-c") ? "found" : buf);
}

// Fetches url synchronously and reports "status|content-type|body".
EXPORT(fetch_url) void fetch_url(const char *method, const char *url, const char *body) {
  offstage_handle response = offstage_fetch(S(method), S(url), S(body));
  char type[128] = "";
  int t = offstage_response_header(response, S("Content-Type"), type, sizeof type - 1);
  if (t >= 0) type[t < (int)sizeof type - 1 ? t : (int)sizeof type - 1] = 0;
  int n = offstage_response_body(response, buf, sizeof buf - 1);
  buf[n < (int)sizeof buf - 1 ? n : (int)sizeof buf - 1] = 0;
  char out[4096 + 256];
  snprintf(out, sizeof out, "%d|%s|%s", offstage_response_status(response), t < 0 ? "(none)" : type, buf);
  report(url, out);
  offstage_release(response);
}

// Calls the page function name with arg; reports "status|result|length".
EXPORT(call_page) void call_page(const char *name, const char *arg) {
  int32_t len = 0;
  int status = offstage_call(S(name), S(arg), buf, sizeof buf - 1, &len);
  buf[len >= 0 && len < (int)sizeof buf - 1 ? len : 0] = 0;
  char out[4096 + 64];
  snprintf(out, sizeof out, "%d|%s|%d", status, buf, len);
  report(name, out);
}

// Sleeps and reports how long it slept by the WASI clock, in whole ms.
EXPORT(sleep_ms) void sleep_ms(int ms) {
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  offstage_sleep(ms);
  clock_gettime(CLOCK_MONOTONIC, &b);
  char out[32];
  snprintf(out, sizeof out, "%ld", (long)((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000));
  report("slept", out);
}

// Events: a click on #wasm-button calls offstage_on_event, which writes into the button.
static int clicks;
EXPORT(listen) int listen(void) {
  offstage_handle button = offstage_query(OFFSTAGE_DOCUMENT, S("#wasm-button"));
  int id = offstage_add_listener(button, S("click"), 7);
  offstage_release(button);
  return id;
}
EXPORT(offstage_on_event) void offstage_on_event(int32_t user_data, offstage_handle event) {
  char type[32];
  int n = offstage_get_string(event, S("type"), type, sizeof type - 1);
  type[n] = 0;
  char out[64];
  snprintf(out, sizeof out, "%s %d #%d", type, user_data, ++clicks);
  offstage_handle button = offstage_query(OFFSTAGE_DOCUMENT, S("#wasm-button"));
  offstage_set_text(button, S(out));
  offstage_release(button);
}
EXPORT(unlisten) void unlisten(int id) { offstage_remove_listener(id); }

// Programming errors: each traps with a clear error, and nothing is written.
EXPORT(use_bad_handle) void use_bad_handle(void) { offstage_set_text(4242, S("never")); }
EXPORT(use_released_handle) void use_released_handle(void) {
  offstage_handle root = offstage_query(OFFSTAGE_DOCUMENT, S("#wasm-root"));
  offstage_release(root);
  offstage_set_text(root, S("never"));
}
EXPORT(write_out_of_bounds) int write_out_of_bounds(void) {
  offstage_handle root = offstage_query(OFFSTAGE_DOCUMENT, S("#wasm-root"));
  return offstage_get_text(root, (char *)0x7ffffff0, 4096);
}
EXPORT(canary) int canary(void) { return 42; }

// The console, directly and through stdout/stderr (WASI, a line at a time).
EXPORT(speak) void speak(void) {
  offstage_console(0, S("a log"));
  offstage_console(1, S("a warning"));
  offstage_console(2, S("an error: é"));
  printf("to stdout, ");
  printf("one line\n");
  fprintf(stderr, "to stderr\n");
  fflush(stdout);
}
