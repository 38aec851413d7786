/* A seeded packet generator for the differential compile tests: for one link type, packets
 * whose fields take the values filter expressions test (addresses, networks, ports, protocol
 * numbers, VLAN ids, MPLS labels, PPPoE sessions, VNIs, lengths, ICMP types, TCP flags), over
 * the encapsulations the filter language knows, plus truncated and mutated ones.
 *
 * Hints are the literal values found in the expressions under test, so that generated packets
 * match the filters as often as they miss them. */
#ifndef NETSIFT_TESTS_SUPPORT_PKTGEN_H
#define NETSIFT_TESTS_SUPPORT_PKTGEN_H

#include <stddef.h>
#include <stdint.h>

#include "tests/support/pktset.h"

#define TS_HINTS_MAX 256

typedef struct ts_hints {
	uint32_t ipv4[TS_HINTS_MAX];      /* host byte order */
	size_t n4;
	uint8_t ipv6[TS_HINTS_MAX][16];
	size_t n6;
	uint8_t mac[TS_HINTS_MAX][6];
	size_t nmac;
	uint32_t num[TS_HINTS_MAX];       /* plain numbers: ports, ids, labels, protocol numbers */
	size_t nnum;
} ts_hints;

void ts_hints_init(ts_hints *h);
/* Adds the addresses and numbers written in expr (a full pool keeps a spread of values). */
void ts_hints_scan(ts_hints *h, const char *expr);

/* Appends count packets for out->dlt, the same ones for the same seed and hints. */
void ts_pktgen(ts_pktset *out, uint64_t seed, size_t count, const ts_hints *h);

#endif
