// An Emscripten program whose EM_JS/EM_ASM code uses `document` and waits for a fetch, built
// without -sASYNCIFY (scripts/build-wasm.mjs). Run as an offloaded script, it works as on a
// page: `document` is the page's, and offstage.fetchSync blocks the worker, not the page.
#include <emscripten.h>
#include <stdio.h>
#include <stdlib.h>

EM_JS(int, read_rows, (void), {
  return Number(document.getElementById('em-root').dataset.rows);
});

EM_JS(void, set_text, (const char *text), {
  document.getElementById('em-root').textContent = UTF8ToString(text);
});

// The page's fetch, waited for: a string the caller frees.
EM_JS(char *, fetch_text, (const char *url), {
  const text = offstage.fetchSync(UTF8ToString(url)).text();
  const size = lengthBytesUTF8(text) + 1;
  const copy = _malloc(size);
  stringToUTF8(text, copy, size);
  return copy;
});

int main(void) {
  int rows = read_rows();
  EM_ASM({ document.title = 'emscripten: ' + $0 + ' rows'; }, rows);
  char *text = fetch_text("/tests/fixtures/seven.txt");
  int fetched = atoi(text);
  free(text);
  char out[64];
  snprintf(out, sizeof out, "rows=%d fetched=%d", rows, fetched);
  set_text(out);
  printf("%s\n", out);
  return 0;
}
