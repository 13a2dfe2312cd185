// A C program that renders a live table in the page from a Web Worker, with Offstage.
//
// load(parts) fetches data/part-1.csv … part-N.csv with plain blocking calls (the page does
// the fetching; the worker waits) and renders one row per city. tick(step) then runs a
// small population model for every city — real computation, tens of milliseconds — and
// updates the cells that changed. None of it blocks the page: only the DOM calls reach it,
// and those are posted, a whole tick's worth in one message.
//
// Build (Debian: apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32):
//   clang --target=wasm32-wasi -O2 -mexec-model=reactor -I<offstage>/dist table.c -o table.wasm
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "offstage.h"

#define S(text) text, strlen(text)
#define EXPORT(name) __attribute__((export_name(#name)))
#define MAX_CITIES 256

typedef struct {
  char name[48];
  double population;
  double growth; // per mille a year
  offstage_handle cell; // the population cell, kept for updates
} City;

static City cities[MAX_CITIES];
static int count;
static offstage_handle summary;

static void fail(const char *what) { offstage_console(2, what, strlen(what)); }

// Parses "city,population,growth" lines after the header.
static void parse(char *text) {
  char *line = strtok(text, "\n");
  for (line = strtok(NULL, "\n"); line && count < MAX_CITIES; line = strtok(NULL, "\n")) {
    City *c = &cities[count];
    char *comma = strchr(line, ',');
    if (!comma) continue;
    size_t len = (size_t)(comma - line) < sizeof c->name - 1 ? (size_t)(comma - line) : sizeof c->name - 1;
    memcpy(c->name, line, len);
    c->name[len] = 0;
    c->population = strtod(comma + 1, &comma);
    c->growth = comma && *comma == ',' ? strtod(comma + 1, NULL) : 0;
    count++;
  }
}

static offstage_handle cell(offstage_handle row, const char *text) {
  offstage_handle td = offstage_create(S("td"));
  offstage_set_text(td, text, strlen(text));
  offstage_append(row, td);
  return td;
}

// Fetches the parts, renders the table into #table-root; returns the number of cities.
EXPORT(load) int load(int parts) {
  static char body[65536];
  for (int part = 1; part <= parts; part++) {
    char url[128];
    snprintf(url, sizeof url, "/examples/wasm-table/data/part-%d.csv", part);
    offstage_handle response = offstage_fetch(S("GET"), S(url), 0, 0);
    int status = offstage_response_status(response);
    int n = offstage_response_body(response, body, sizeof body - 1);
    offstage_release(response);
    if (status != 200 || n < 0 || n >= (int)sizeof body) {
      fail("table.wasm: a data file did not load");
      continue;
    }
    body[n] = 0;
    parse(body);
  }
  offstage_handle root = offstage_query(OFFSTAGE_DOCUMENT, S("#table-root"));
  if (!root) {
    fail("table.wasm: no #table-root on the page");
    return -1;
  }
  offstage_handle table = offstage_create(S("table"));
  offstage_handle head = offstage_create(S("tr"));
  offstage_release(cell(head, "City"));
  offstage_release(cell(head, "Population"));
  offstage_release(cell(head, "Growth ‰"));
  offstage_append(table, head);
  offstage_release(head);
  for (int i = 0; i < count; i++) {
    char text[32];
    offstage_handle row = offstage_create(S("tr"));
    offstage_release(cell(row, cities[i].name));
    snprintf(text, sizeof text, "%.0f", cities[i].population);
    cities[i].cell = cell(row, text);
    snprintf(text, sizeof text, "%+.0f", cities[i].growth);
    offstage_release(cell(row, text));
    offstage_append(table, row);
    offstage_release(row);
  }
  summary = offstage_create(S("p"));
  offstage_append(root, table);
  offstage_append(root, summary);
  offstage_release(table);
  offstage_release(root);
  return count;
}

// One year of a (deliberately heavy) model: each city's population moves by its growth,
// integrated in small steps. Updates every population cell and the summary line.
EXPORT(tick) double tick(int year, int steps) {
  double total = 0;
  for (int i = 0; i < count; i++) {
    double p = cities[i].population;
    double rate = cities[i].growth / 1000.0 / steps;
    for (int s = 0; s < steps; s++) p += p * rate * (1.0 - p / 5e6);
    cities[i].population = p;
    total += p;
    char text[32];
    snprintf(text, sizeof text, "%.0f", p);
    offstage_set_text(cities[i].cell, text, strlen(text));
  }
  char line[96];
  snprintf(line, sizeof line, "Year %d: %d cities, %.0f people.", year, count, total);
  offstage_set_text(summary, line, strlen(line));
  return total;
}
