// The case Asyncify cannot take: a call to an asynchronous web API at the bottom of a deep
// recursion. Built twice from this one source (scripts/build-wasm.mjs):
// - with Emscripten and -sASYNCIFY (default stack size), fetch awaited through EM_ASYNC_JS:
//   unwinding 5,000 frames overflows Asyncify's 4 KiB buffer (about 250 of these frames fit),
//   and the call traps;
// - with clang for Offstage's worker, fetch through offstage.h: it blocks, nothing unwinds.
#include <stdlib.h>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#define EXPORT EMSCRIPTEN_KEEPALIVE
EM_ASYNC_JS(int, fetch_number, (const char *url), {
  const response = await fetch(UTF8ToString(url));
  return Number(await response.text());
});
#else
#include "offstage.h"
#define EXPORT __attribute__((export_name("deep")))
static int fetch_number(const char *url) {
  size_t len = 0;
  while (url[len]) len++;
  offstage_handle response = offstage_fetch("GET", 3, url, len, 0, 0);
  char text[32];
  int n = offstage_response_body(response, text, sizeof text - 1);
  offstage_release(response);
  text[n < 0 ? 0 : n < (int)sizeof text - 1 ? n : (int)sizeof text - 1] = 0;
  return atoi(text);
}
#endif

// Each level keeps its own frame: it works on the result of the level below (a hash, so the
// compiler cannot turn the recursion into a loop, and every level counts in the result).
__attribute__((noinline)) static int recurse(int depth, const char *url) {
  if (depth == 0) return fetch_number(url);
  int below = recurse(depth - 1, url);
  return (below * 31 + depth) % 1000003;
}

// The number the URL answers, hashed through `depth` levels (tests/wasm.test.js computes the same).
EXPORT int deep(int depth, const char *url) { return recurse(depth, url); }
