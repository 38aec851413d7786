/* A seeded random generator of pcap-filter expressions: primitives with their qualifiers, bare
 * ids that inherit the qualifiers before them, and/or/not/parentheses in every spelling, packet
 * accessors with arithmetic, and the named constants. About one in ten is deliberately
 * malformed (a token dropped or added, a value out of range), to test that errors agree too. */
#ifndef NETSIFT_TESTS_SUPPORT_EXPRGEN_H
#define NETSIFT_TESTS_SUPPORT_EXPRGEN_H

#include <stddef.h>
#include <stdint.h>

#include "tests/support/rng.h"

/* Writes one expression for link type dlt into buf (NUL-terminated, truncated to size). */
void ts_exprgen(ts_rng *rng, int dlt, char *buf, size_t size);

#endif
