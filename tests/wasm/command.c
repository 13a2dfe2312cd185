// A WASI command: main() with arguments and stdout, run by WasmProgram.run().
#include <stdio.h>
#include <string.h>
#include "offstage.h"

int main(int argc, char **argv) {
  printf("command %s\n", argc > 1 ? argv[1] : "(no argument)");
  offstage_handle root = offstage_query(OFFSTAGE_DOCUMENT, "#wasm-root", 10);
  if (root) {
    char text[64];
    int n = snprintf(text, sizeof text, "main(%d, %s)", argc, argc > 1 ? argv[1] : "");
    offstage_set_attribute(root, "data-main", 9, text, n);
    offstage_release(root);
  }
  return argc + 1;
}
