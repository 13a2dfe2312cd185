// Adds an event listener without exporting offstage_on_event: a clear error, not a silent no-op.
#include "offstage.h"
__attribute__((export_name("listen"))) int listen(void) {
  return offstage_add_listener(OFFSTAGE_DOCUMENT, "click", 5, 1);
}
