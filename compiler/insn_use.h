/* Which registers a classic-BPF statement reads and writes, for the optimizer's passes. */
#ifndef NETSIFT_COMPILER_INSN_USE_H
#define NETSIFT_COMPILER_INSN_USE_H

#include <stdbool.h>
#include <stdint.h>

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

#endif
