/* Set-aware code generation (gen_set.c): a disjunction of the same primitive over many values
 * (`host a or host b or ...`, `net X/24 or ...`, `port p or ...`) becomes one sorted search per
 * field instead of one comparison chain per value. */
#ifndef NETSIFT_COMPILER_GEN_SET_H
#define NETSIFT_COMPILER_GEN_SET_H

#include "compiler/gen.h"

/* Below this many terms a run keeps libpcap's term-by-term shape. From 4 terms on, the search
 * is shorter than the term-by-term program after our optimizer and within one or two
 * instructions of libpcap's (4 hosts on Ethernet: 23 instructions optimized, as libpcap's). */
enum { NS_SET_MIN_TERMS = 4 };

/* Generates the disjunction rooted at n (an NS_N_OR): its operands, flattened in source order,
 * are generated one by one, except long enough runs of compatible primitives,
 * which become one search each. */
ns_cond ns_gen_or_chain(ns_gen *g, ns_node *n);

#endif
