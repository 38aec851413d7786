/* The opcode and ancillary tables generated from vm/opcodes.h, and their lookups. The code ->
 * op lookup is a 256-entry constant array: every valid code fits in 8 bits, so anything at or
 * above 256 is invalid without looking. */
#include <stddef.h>
#include <string.h>

#include "vm/opcodes.h"
#include "vm/vm.h"

const ns_opinfo ns_opinfo_table[NS_OP_COUNT] = {
	[NS_OP_INVALID] = {0xffff, "unimp", NS_FMT_NONE, NS_VC_PLAIN},
#define NS_X_INFO(code, name, mn, fmt, vc) [NS_OP_##name] = {code, mn, fmt, vc},
	NS_OPCODES(NS_X_INFO)
#undef NS_X_INFO
};

const uint8_t ns_op_by_code[256] = {
#define NS_X_LOOKUP(code, name, mn, fmt, vc) [code] = NS_OP_##name,
	NS_OPCODES(NS_X_LOOKUP)
#undef NS_X_LOOKUP
};

#define META(f) (int)offsetof(ns_vm_meta, f)
/* Indexed by SKF_AD_* / 4. The names are libpcap's (-d) and the Linux bpf_asm ones. */
static const ns_ancillary ancillary[NS_SKF_AD_MAX / 4] = {
	{NS_SKF_AD_PROTOCOL, "proto", "proto", META(protocol)},
	{NS_SKF_AD_PKTTYPE, "type", "type", META(pkttype)},
	{NS_SKF_AD_IFINDEX, "ifidx", "ifidx", META(ifindex)},
	{NS_SKF_AD_NLATTR, "nla", "nla", -1},
	{NS_SKF_AD_NLATTR_NEST, "nlan", "nlan", -1},
	{NS_SKF_AD_MARK, "mark", "mark", META(mark)},
	{NS_SKF_AD_QUEUE, "queue", "queue", META(queue)},
	{NS_SKF_AD_HATYPE, "hatype", "hatype", META(hatype)},
	{NS_SKF_AD_RXHASH, "rxhash", "rxhash", META(rxhash)},
	{NS_SKF_AD_CPU, "cpu", "cpu", META(cpu)},
	{NS_SKF_AD_ALU_XOR_X, "xor_x", "xor_x", -1},
	{NS_SKF_AD_VLAN_TAG, "vlan_tci", "vlan_tci", META(vlan_tci)},
	{NS_SKF_AD_VLAN_TAG_PRESENT, "vlanp", "vlan_avail", META(vlan_present)},
	{NS_SKF_AD_PAY_OFFSET, "poff", "poff", -1},
	{NS_SKF_AD_RANDOM, "random", "rand", META(random)},
	{NS_SKF_AD_VLAN_TPID, "vlan_tpid", "vlan_tpid", META(vlan_tpid)},
};
#undef META

const ns_ancillary *ns_ancillary_of(uint32_t k)
{
	uint32_t base = (uint32_t)NS_SKF_AD_OFF;
	if (k < base || k - base >= NS_SKF_AD_MAX || (k - base) % 4)
		return NULL;
	return &ancillary[(k - base) / 4];
}

const ns_ancillary *ns_ancillary_by_name(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(ancillary) / sizeof(ancillary[0]); i++) {
		const ns_ancillary *a = &ancillary[i];
		if ((strlen(a->name) == len && !memcmp(a->name, name, len)) ||
		    (strlen(a->asm_name) == len && !memcmp(a->asm_name, name, len)))
			return a;
	}
	return NULL;
}
