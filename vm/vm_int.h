/* The VM's private helpers shared by the simple interpreter (interp.c) and the pre-decoded one
 * (exec.c): packet reads in network byte order and the ancillary values. */
#ifndef NETSIFT_VM_VM_INT_H
#define NETSIFT_VM_VM_INT_H

#include <stdint.h>
#include <string.h>

#include "vm/opcodes.h"
#include "vm/vm.h"

/* Backward jumps are legal for libpcap's bpf_filter (its protochain code loops) but may never
 * end; past this many taken backward jumps a run returns 0 instead of hanging. */
#define NS_VM_BACKJUMP_LIMIT 65536u

static inline uint32_t ns_get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint32_t ns_get16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

/* The value of an ancillary load; x is the X register (for SKF_AD_ALU_XOR_X). */
static inline uint32_t ns_ancillary_value(const ns_ancillary *anc, const ns_vm_meta *meta,
					  uint32_t a, uint32_t x)
{
	if (anc->off == NS_SKF_AD_ALU_XOR_X)
		return a ^ x;
	if (!meta || anc->meta_field < 0)
		return 0;
	uint32_t v;
	memcpy(&v, (const char *)meta + anc->meta_field, sizeof(v));
	return v;
}

#endif
