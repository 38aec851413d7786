/* Random programs and packet sets for the VM's differential tests and benchmarks (see
 * vm_corpus.h). Everything is driven by an explicit seed so a failure can be replayed. */
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "tests/support/vm_corpus.h"
#include "vm/opcodes.h"
#include "vm/vm.h"

uint64_t vt_next(vt_rng *r)
{
	/* splitmix64: tiny, and good enough for test data. */
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint32_t vt_below(vt_rng *r, uint32_t n)
{
	return (uint32_t)(vt_next(r) % n);
}

static void push(vt_packets *set, const uint8_t *data, uint32_t caplen, uint32_t wirelen)
{
	if (set->n == set->cap) {
		set->cap = set->cap ? 2 * set->cap : 256;
		set->p = realloc(set->p, set->cap * sizeof(*set->p));
		if (!set->p)
			abort();
	}
	vt_packet *p = &set->p[set->n++];
	p->data = malloc(caplen ? caplen : 1);
	if (!p->data)
		abort();
	if (caplen)
		memcpy(p->data, data, caplen);
	p->caplen = caplen;
	p->wirelen = wirelen;
}

int vt_load_pcap(vt_packets *set, const char *path)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_t *pc = pcap_open_offline(path, errbuf);
	if (!pc)
		return -1;
	struct pcap_pkthdr *h;
	const u_char *d;
	int rc;
	while ((rc = pcap_next_ex(pc, &h, &d)) == 1)
		push(set, d, h->caplen, h->len);
	pcap_close(pc);
	return rc == PCAP_ERROR ? -1 : 0;
}

void vt_add_random(vt_packets *set, vt_rng *r, size_t n)
{
	uint8_t buf[256];
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < sizeof(buf); j++)
			buf[j] = (uint8_t)vt_next(r);
		/* Plausible headers half of the time, so protocol tests take both branches. */
		if (vt_below(r, 2)) {
			static const uint16_t types[] = {0x0800, 0x86dd, 0x0806, 0x8100};
			uint16_t t = types[vt_below(r, 4)];
			buf[12] = (uint8_t)(t >> 8), buf[13] = (uint8_t)t;
			if (t == 0x0800) {
				buf[14] = (uint8_t)(0x40 | (5 + vt_below(r, 3)));
				static const uint8_t protos[] = {6, 17, 1, 47};
				buf[23] = protos[vt_below(r, 4)];
				buf[20] = (uint8_t)(vt_below(r, 4) ? 0 : vt_next(r));
				buf[21] = (uint8_t)(vt_below(r, 4) ? 0 : vt_next(r));
			} else if (t == 0x86dd) {
				buf[14] = 0x60;
				static const uint8_t nh[] = {6, 17, 58, 0, 44};
				buf[20] = nh[vt_below(r, 5)];
			}
		}
		uint32_t wire = 1 + vt_below(r, sizeof(buf));
		uint32_t cap = vt_below(r, 4) ? wire : vt_below(r, wire + 1);
		if (vt_below(r, 16) == 0)
			wire += vt_below(r, 100000);
		push(set, buf, cap, wire);
	}
}

void vt_packets_free(vt_packets *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->p[i].data);
	free(set->p);
	memset(set, 0, sizeof(*set));
}

/* Constants that make comparisons and loads interesting. */
static uint32_t interesting_k(vt_rng *r)
{
	static const uint32_t ks[] = {0, 1, 2, 4, 6, 12, 14, 17, 20, 23, 0x800, 0x86dd, 0xff,
				      0xffff, 0x80000000u, 0xffffffffu, 0x7fffffff, 31, 32, 0x1fff};
	switch (vt_below(r, 4)) {
	case 0: return ks[vt_below(r, sizeof(ks) / sizeof(ks[0]))];
	case 1: return vt_below(r, 64);
	case 2: return vt_below(r, 300);
	default: return (uint32_t)vt_next(r);
	}
}

static uint32_t load_offset(vt_rng *r)
{
	switch (vt_below(r, 10)) {
	case 0: return 0xfffff000u + 4 * vt_below(r, 16);     /* ancillary */
	case 1: return (uint32_t)vt_next(r);                  /* far out */
	case 2: return 0xffffffffu - vt_below(r, 4);          /* wrap-around bait */
	default: return vt_below(r, 90);
	}
}

void vt_random_valid(vt_rng *r, ns_insn *prog, size_t len)
{
	size_t pc = 0;
	uint16_t written = 0;
	/* A straight-line prologue writes some scratch cells; later reads pick among them. */
	size_t stores = len > 4 ? vt_below(r, 3) : 0;
	for (size_t i = 0; i < stores && pc + 1 < len; i++) {
		uint32_t cell = vt_below(r, NS_BPF_MEMWORDS);
		prog[pc++] = NS_BPF_STMT(vt_below(r, 2) ? NS_BPF_ST : NS_BPF_STX, cell);
		written |= (uint16_t)(1u << cell);
	}
	for (; pc + 1 < len; pc++) {
		enum ns_op op = (enum ns_op)(1 + vt_below(r, NS_OP_COUNT - 1));
		const ns_opinfo *info = &ns_opinfo_table[op];
		ns_insn in = {info->code, 0, 0, interesting_k(r)};
		size_t room = len - pc - 2; /* instructions strictly between this one and the last */
		switch (info->vclass) {
		case NS_VC_ABS:
			in.k = load_offset(r);
			if (in.k >= 0xfffff000u && in.k - 0xfffff000u >= NS_SKF_AD_MAX)
				in.k = 0xfffff000u;
			break;
		case NS_VC_DIVK: if (!in.k) in.k = 1 + vt_below(r, 9); break;
		case NS_VC_SHIFTK: in.k = vt_below(r, 32); break;
		case NS_VC_MEMWR: in.k = vt_below(r, NS_BPF_MEMWORDS); break;
		case NS_VC_MEMRD:
			if (!written) {
				in = NS_BPF_STMT(NS_BPF_LD | NS_BPF_IMM, in.k);
				break;
			}
			do
				in.k = vt_below(r, NS_BPF_MEMWORDS);
			while (!(written & (1u << in.k)));
			break;
		case NS_VC_JA: in.k = vt_below(r, (uint32_t)(room < 8 ? room + 1 : 8)); break;
		case NS_VC_JCOND: {
			uint32_t span = (uint32_t)(room + 1 < 256 ? room + 1 : 256);
			in.jt = (uint8_t)vt_below(r, span < 12 ? span : 12);
			in.jf = (uint8_t)vt_below(r, span < 12 ? span : 12);
			break;
		}
		case NS_VC_PLAIN:
			if (info->fmt == NS_FMT_IND || info->fmt == NS_FMT_MSH)
				in.k = vt_below(r, 5) ? vt_below(r, 60) : (uint32_t)vt_next(r);
			break;
		case NS_VC_RET:
			break;
		}
		prog[pc] = in;
	}
	prog[len - 1] = vt_below(r, 2) ? NS_BPF_STMT(NS_BPF_RET | NS_BPF_A, 0)
				       : NS_BPF_STMT(NS_BPF_RET | NS_BPF_K, interesting_k(r));
}

void vt_mutate(vt_rng *r, ns_insn *prog, size_t len)
{
	int n = 1 + (int)vt_below(r, 2);
	for (int i = 0; i < n; i++) {
		ns_insn *in = &prog[vt_below(r, (uint32_t)len)];
		switch (vt_below(r, 9)) {
		case 0: in->code = (uint16_t)vt_below(r, 256); break;
		case 1: in->code = (uint16_t)vt_next(r); break;
		case 2: in->k = interesting_k(r); break;
		case 3: in->k = 0xfffff000u + vt_below(r, 80); break;
		case 4: in->jt = (uint8_t)vt_next(r); break;
		case 5: in->jf = (uint8_t)vt_below(r, 8); break;
		case 6: in->code = NS_BPF_LD | NS_BPF_MEM, in->k = vt_below(r, 18); break;
		case 7: prog[len - 1] = NS_BPF_STMT(NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, 1); break;
		default:
			/* Forward, backward (libpcap allows it), to itself, or anywhere. */
			in->code = NS_BPF_JMP | NS_BPF_JA;
			switch (vt_below(r, 4)) {
			case 0: in->k = vt_below(r, (uint32_t)len); break;
			case 1: in->k = (uint32_t)-(int32_t)(1 + vt_below(r, 3)); break;
			case 2: in->k = 0xffffffffu; break;
			default: in->k = (uint32_t)vt_next(r); break;
			}
			break;
		}
	}
}

void vt_random_bytes(vt_rng *r, ns_insn *prog, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		uint64_t v = vt_next(r);
		prog[i] = (ns_insn){(uint16_t)v, (uint8_t)(v >> 16), (uint8_t)(v >> 24), (uint32_t)(v >> 32)};
		/* Mostly byte-sized codes, or nearly every program fails on its first opcode. */
		if (vt_below(r, 8))
			prog[i].code &= 0xff;
	}
}

int vt_pcap_can_run(const ns_insn *prog, size_t len)
{
	if (!bpf_validate((const struct bpf_insn *)prog, (int)len))
		return 0;
	int has_mem_read = 0;
	for (size_t i = 0; i < len; i++) {
		enum ns_op op = ns_op_of(prog[i].code);
		if (op == NS_OP_INVALID)
			return 0;
		enum ns_vclass vc = ns_opinfo_table[op].vclass;
		if (vc == NS_VC_ABS && ns_ancillary_of(prog[i].k))
			return 0;
		if (vc == NS_VC_SHIFTK && prog[i].k >= 32)
			return 0;
		if (vc == NS_VC_JA && (int32_t)prog[i].k < 0)
			return 0;
		if (vc == NS_VC_MEMRD)
			has_mem_read = 1;
	}
	return !has_mem_read || ns_validate(prog, len, NULL) == 0;
}
