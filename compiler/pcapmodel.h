/* A model of what libpcap 1.10's optimizer can prove about a program, used only to decide
 * which filters to refuse in optimized mode exactly where tcpdump refuses them.
 *
 * Input: the program libpcap's code generator would build (ns_gen.pcap_shape). Output: whether
 * libpcap's optimized program would start with `ret #0` ("expression rejects all packets"); the
 * run fails the compilation itself with libpcap's message when its optimizer would meet a
 * constant division by zero or shift by more than 31 bits in a block that survives its branch
 * phase. docs/filter-semantics.md, "Which filters are refused", states the rules. */
#ifndef NETSIFT_COMPILER_PCAPMODEL_H
#define NETSIFT_COMPILER_PCAPMODEL_H

#include "compiler/ir.h"

typedef enum ns_pcapmodel {
	NS_PCAPMODEL_UNKNOWN,     /* too large to model (libpcap's own cost is quadratic) */
	NS_PCAPMODEL_ACCEPTS,     /* libpcap compiles it */
	NS_PCAPMODEL_REJECTS_ALL, /* libpcap: "expression rejects all packets" */
} ns_pcapmodel;

/* Past this many blocks the model gives up (libpcap's own analysis is quadratic in size too). */
enum { NS_PCAPMODEL_MAX_BLOCKS = 2048 };

/* Reads ir (not changed). */
ns_pcapmodel ns_pcapmodel_run(ns_ir *ir);

#endif
