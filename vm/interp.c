/* The simple interpreter: one instruction at a time straight from the ns_insn array, with
 * libpcap's bpf_filter() semantics and the Linux ancillary loads. It is the reference the
 * pre-decoded interpreter (exec.c) is tested against and the one that traces.
 *
 * Nothing here trusts the program: the program counter, scratch indices and jump targets are
 * checked as they are used, and anything libpcap would crash on or loop on ends the run with 0.
 * Packet bounds are checked in the form `k > len || size > len - k`, which cannot overflow. */
#include "vm/vm_int.h"

/* Reads size bytes at offset off; 0 when they are not all captured. */
static inline int load(const uint8_t *pkt, uint32_t caplen, uint32_t off, uint32_t size,
		       uint32_t *out)
{
	if (off > caplen || size > caplen - off)
		return 0;
	*out = size == 4 ? ns_get32(pkt + off) : size == 2 ? ns_get16(pkt + off) : pkt[off];
	return 1;
}

static inline int load_ind(const uint8_t *pkt, uint32_t caplen, uint32_t x, uint32_t k,
			   uint32_t size, uint32_t *out)
{
	/* libpcap checks k and X separately so that X + k cannot wrap around. */
	if (k > caplen || x > caplen - k)
		return 0;
	return load(pkt, caplen, x + k, size, out);
}

static uint32_t run(const ns_insn *prog, size_t len, const uint8_t *pkt, uint32_t wirelen,
		    uint32_t caplen, const ns_vm_meta *meta, ns_vm_trace_fn *trace, void *arg)
{
	uint32_t a = 0, x = 0, mem[NS_BPF_MEMWORDS] = {0};
	uint32_t backjumps = 0;
	size_t pc = 0;

	for (;;) {
		if (pc >= len)
			return 0;
		const ns_insn *in = &prog[pc];
		uint32_t k = in->k;
		if (trace)
			trace(arg, pc, in, a, x);
		pc++;
		enum ns_op op = ns_op_of(in->code);
		switch (op) {
		case NS_OP_INVALID: return 0;
		case NS_OP_RET_K: return k;
		case NS_OP_RET_A: return a;
		case NS_OP_LD_IMM: a = k; break;
		case NS_OP_LDX_IMM: x = k; break;
		case NS_OP_LD_LEN: a = wirelen; break;
		case NS_OP_LDX_LEN: x = wirelen; break;
		case NS_OP_LD_W_ABS:
		case NS_OP_LD_H_ABS:
		case NS_OP_LD_B_ABS: {
			const ns_ancillary *anc;
			if (k >= (uint32_t)NS_SKF_AD_OFF && (anc = ns_ancillary_of(k)) != NULL) {
				a = ns_ancillary_value(anc, meta, a, x);
				break;
			}
			uint32_t size = op == NS_OP_LD_W_ABS ? 4 : op == NS_OP_LD_H_ABS ? 2 : 1;
			if (!load(pkt, caplen, k, size, &a))
				return 0;
			break;
		}
		case NS_OP_LD_W_IND: if (!load_ind(pkt, caplen, x, k, 4, &a)) return 0; break;
		case NS_OP_LD_H_IND: if (!load_ind(pkt, caplen, x, k, 2, &a)) return 0; break;
		case NS_OP_LD_B_IND: if (!load_ind(pkt, caplen, x, k, 1, &a)) return 0; break;
		case NS_OP_LDX_MSH: {
			uint32_t b;
			if (!load(pkt, caplen, k, 1, &b))
				return 0;
			x = (b & 0xf) << 2;
			break;
		}
		case NS_OP_LD_MEM: if (k >= NS_BPF_MEMWORDS) return 0; a = mem[k]; break;
		case NS_OP_LDX_MEM: if (k >= NS_BPF_MEMWORDS) return 0; x = mem[k]; break;
		case NS_OP_ST: if (k >= NS_BPF_MEMWORDS) return 0; mem[k] = a; break;
		case NS_OP_STX: if (k >= NS_BPF_MEMWORDS) return 0; mem[k] = x; break;
		case NS_OP_ADD_K: a += k; break;
		case NS_OP_ADD_X: a += x; break;
		case NS_OP_SUB_K: a -= k; break;
		case NS_OP_SUB_X: a -= x; break;
		case NS_OP_MUL_K: a *= k; break;
		case NS_OP_MUL_X: a *= x; break;
		case NS_OP_DIV_K: if (!k) return 0; a /= k; break;
		case NS_OP_DIV_X: if (!x) return 0; a /= x; break;
		case NS_OP_MOD_K: if (!k) return 0; a %= k; break;
		case NS_OP_MOD_X: if (!x) return 0; a %= x; break;
		case NS_OP_OR_K: a |= k; break;
		case NS_OP_OR_X: a |= x; break;
		case NS_OP_AND_K: a &= k; break;
		case NS_OP_AND_X: a &= x; break;
		case NS_OP_XOR_K: a ^= k; break;
		case NS_OP_XOR_X: a ^= x; break;
		/* A constant shift of 32 or more is refused by the validators; x86 (where libpcap's
		 * C shift lands) uses the count modulo 32, so an unvalidated one does the same. */
		case NS_OP_LSH_K: a <<= (k & 31); break;
		case NS_OP_RSH_K: a >>= (k & 31); break;
		case NS_OP_LSH_X: a = x < 32 ? a << x : 0; break;
		case NS_OP_RSH_X: a = x < 32 ? a >> x : 0; break;
		case NS_OP_NEG: a = 0u - a; break;
		case NS_OP_TAX: x = a; break;
		case NS_OP_TXA: a = x; break;
		case NS_OP_JA: {
			/* Signed, as in libpcap: a negative k jumps backwards. */
			int64_t target = (int64_t)pc + (int32_t)k;
			if (target < 0 || (uint64_t)target >= len)
				return 0;
			if ((size_t)target < pc && ++backjumps > NS_VM_BACKJUMP_LIMIT)
				return 0;
			pc = (size_t)target;
			break;
		}
		case NS_OP_JEQ_K: pc += a == k ? in->jt : in->jf; break;
		case NS_OP_JEQ_X: pc += a == x ? in->jt : in->jf; break;
		case NS_OP_JGT_K: pc += a > k ? in->jt : in->jf; break;
		case NS_OP_JGT_X: pc += a > x ? in->jt : in->jf; break;
		case NS_OP_JGE_K: pc += a >= k ? in->jt : in->jf; break;
		case NS_OP_JGE_X: pc += a >= x ? in->jt : in->jf; break;
		case NS_OP_JSET_K: pc += (a & k) ? in->jt : in->jf; break;
		case NS_OP_JSET_X: pc += (a & x) ? in->jt : in->jf; break;
		case NS_OP_COUNT: return 0;
		}
	}
}

uint32_t ns_vm_run(const ns_insn *prog, size_t len, const uint8_t *pkt, uint32_t wirelen,
		   uint32_t caplen, const ns_vm_meta *meta)
{
	return run(prog, len, pkt, wirelen, caplen, meta, NULL, NULL);
}

uint32_t ns_vm_run_traced(const ns_insn *prog, size_t len, const uint8_t *pkt, uint32_t wirelen,
			  uint32_t caplen, const ns_vm_meta *meta, ns_vm_trace_fn *trace, void *arg)
{
	return run(prog, len, pkt, wirelen, caplen, meta, trace, arg);
}
