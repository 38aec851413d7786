/* Which registers a classic-BPF statement reads and writes, and what is live before it, for the
 * optimizer's passes. */
#ifndef NETSIFT_COMPILER_INSN_USE_H
#define NETSIFT_COMPILER_INSN_USE_H

#include <stdbool.h>
#include <stdint.h>

#include "compiler/ir.h"
#include "vm/bpf.h"

static inline bool ns_reads_a(uint16_t c)
{
	switch (NS_BPF_CLASS(c)) {
	case NS_BPF_ALU: case NS_BPF_ST: return true;
	case NS_BPF_MISC: return NS_BPF_MISCOP(c) == NS_BPF_TAX;
	default: return false;
	}
}
static inline bool ns_writes_a(uint16_t c)
{
	return NS_BPF_CLASS(c) == NS_BPF_LD || NS_BPF_CLASS(c) == NS_BPF_ALU ||
	       (NS_BPF_CLASS(c) == NS_BPF_MISC && NS_BPF_MISCOP(c) == NS_BPF_TXA);
}
static inline bool ns_reads_x(uint16_t c)
{
	switch (NS_BPF_CLASS(c)) {
	case NS_BPF_LD: return NS_BPF_MODE(c) == NS_BPF_IND;
	case NS_BPF_ALU: return NS_BPF_SRC(c) == NS_BPF_X && NS_BPF_OP(c) != NS_BPF_NEG;
	case NS_BPF_STX: return true;
	case NS_BPF_MISC: return NS_BPF_MISCOP(c) == NS_BPF_TXA;
	default: return false;
	}
}
static inline bool ns_writes_x(uint16_t c)
{
	return NS_BPF_CLASS(c) == NS_BPF_LDX ||
	       (NS_BPF_CLASS(c) == NS_BPF_MISC && NS_BPF_MISCOP(c) == NS_BPF_TAX);
}

/* Liveness bits: A (bit 0), X (bit 1) and scratch cell k (bit 2 + k). */
enum { NS_LIVE_A = 1, NS_LIVE_X = 2 };
static inline int ns_mem_bit(uint32_t k)
{
	return k < NS_BPF_MEMWORDS ? 1 << (2 + k) : 0;
}
static inline bool ns_reads_mem(uint16_t c)
{
	return (NS_BPF_CLASS(c) == NS_BPF_LD || NS_BPF_CLASS(c) == NS_BPF_LDX) &&
	       NS_BPF_MODE(c) == NS_BPF_MEM;
}
static inline bool ns_is_store(uint16_t c)
{
	return NS_BPF_CLASS(c) == NS_BPF_ST || NS_BPF_CLASS(c) == NS_BPF_STX;
}
/* What is live before statement s, given what is live after it. */
static inline int ns_live_before(ns_stmt s, int live)
{
	uint16_t c = s.code;
	if (ns_writes_a(c))
		live &= ~NS_LIVE_A;
	if (ns_writes_x(c))
		live &= ~NS_LIVE_X;
	if (ns_is_store(c))
		live &= ~ns_mem_bit(s.k);
	if (ns_reads_a(c))
		live |= NS_LIVE_A;
	if (ns_reads_x(c))
		live |= NS_LIVE_X;
	if (ns_reads_mem(c))
		live |= ns_mem_bit(s.k);
	return live;
}

#endif
