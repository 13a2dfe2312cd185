// The Wasm benchmark's program (npm run bench): 10,000 DOM calls building a table, then 100
// small fetches (and, in one variant, pure computation between them). One source, built plainly (for Offstage's worker, and for JSPI on the main
// thread) and through Binaryen's Asyncify (main thread); see scripts/build-wasm.mjs.
#include <stdio.h>
#include <string.h>
#include "offstage.h"

#define S(text) text, strlen(text)
#define EXPORT(name) __attribute__((export_name(#name)))

// rows × 8 DOM calls: make a row, and twice (make a cell, set its text, append it), then
// append the row. With read_back, one more per row that needs the page's answer.
EXPORT(build) int build(int rows, int read_back) {
  offstage_handle root = offstage_query(OFFSTAGE_DOCUMENT, S("#bench-root"));
  offstage_handle table = offstage_create(S("table"));
  offstage_append(root, table);
  int sum = 0;
  for (int r = 0; r < rows; r++) {
    offstage_handle tr = offstage_create(S("tr"));
    for (int c = 0; c < 2; c++) {
      char text[16];
      int n = snprintf(text, sizeof text, "%d", r * 2 + c);
      offstage_handle td = offstage_create(S("td"));
      offstage_set_text(td, text, n);
      offstage_append(tr, td);
      offstage_release(td);
    }
    offstage_append(table, tr);
    if (read_back) sum += (int)offstage_get_number(tr, S("childElementCount"));
    offstage_release(tr);
  }
  offstage_release(table);
  offstage_release(root);
  return sum;
}

// Work that touches nothing outside the module: n rounds of an integer hash.
EXPORT(compute) int compute(int n) {
  unsigned h = 2166136261u;
  for (int i = 0; i < n; i++) h = (h ^ (unsigned)i) * 16777619u;
  return (int)h;
}

// n fetches of a small file, each read whole; returns the bytes read.
EXPORT(fetches) int fetches(int n, const char *url) {
  int total = 0;
  char body[64];
  for (int i = 0; i < n; i++) {
    offstage_handle response = offstage_fetch(S("GET"), S(url), 0, 0);
    total += offstage_response_body(response, body, sizeof body);
    offstage_release(response);
  }
  return total;
}
