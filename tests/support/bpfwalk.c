#include "tests/support/bpfwalk.h"

#include <string.h>

enum { WALK_STEPS = 1 << 20 };

static int fetch(const uint8_t *p, uint32_t caplen, uint32_t k, uint32_t size, uint32_t *v)
{
	if (k > caplen || size > caplen - k)
		return 0;
	uint32_t r = 0;
	for (uint32_t i = 0; i < size; i++)
		r = r << 8 | p[k + i];
	*v = r;
	return 1;
}

void ts_bpf_walk(const struct bpf_insn *insns, size_t len, const uint8_t *pkt, uint32_t wirelen,
		 uint32_t caplen, ts_walk *out)
{
	static const uint32_t sizes[4] = {4, 2, 1, 0}; /* BPF_W, BPF_H, BPF_B by size field */
	uint32_t a = 0, x = 0, mem[BPF_MEMWORDS];
	unsigned written = 0;
	memset(mem, 0, sizeof(mem));
	memset(out, 0, sizeof(*out));
	size_t pc = 0;
	for (long steps = 0; pc < len; steps++) {
		if (steps >= WALK_STEPS) {
			out->hung = 1;
			return;
		}
		const struct bpf_insn *i = &insns[pc++];
		uint32_t v, k = i->k;
		switch (BPF_CLASS(i->code)) {
		case BPF_RET:
			out->verdict = BPF_RVAL(i->code) == BPF_A ? a : k;
			return;
		case BPF_LD:
			switch (BPF_MODE(i->code)) {
			case BPF_ABS: case BPF_IND:
				if (BPF_MODE(i->code) == BPF_IND) {
					if (x > caplen || k > caplen - x)
						return;
					k += x;
				}
				if (!fetch(pkt, caplen, k, sizes[BPF_SIZE(i->code) >> 3], &a))
					return;
				break;
			case BPF_LEN: a = wirelen; break;
			case BPF_IMM: a = k; break;
			case BPF_MEM:
				if (k >= BPF_MEMWORDS)
					return;
				out->scratch_unset |= !(written >> k & 1);
				a = mem[k];
				break;
			default: return;
			}
			break;
		case BPF_LDX:
			switch (BPF_MODE(i->code)) {
			case BPF_IMM: x = k; break;
			case BPF_LEN: x = wirelen; break;
			case BPF_MEM:
				if (k >= BPF_MEMWORDS)
					return;
				out->scratch_unset |= !(written >> k & 1);
				x = mem[k];
				break;
			case BPF_MSH:
				if (!fetch(pkt, caplen, k, 1, &v))
					return;
				x = (v & 0xf) << 2;
				break;
			default: return;
			}
			break;
		case BPF_ST: case BPF_STX:
			if (k >= BPF_MEMWORDS)
				return;
			mem[k] = BPF_CLASS(i->code) == BPF_ST ? a : x;
			written |= 1u << k;
			break;
		case BPF_JMP: {
			if (BPF_OP(i->code) == BPF_JA) {
				if (k >= 0x80000000u)
					out->back_jumps++;
				pc = (uint32_t)(pc + k); /* a backward jump wraps in 32 bits */
				break;
			}
			uint32_t r = BPF_SRC(i->code) == BPF_X ? x : k;
			int t;
			switch (BPF_OP(i->code)) {
			case BPF_JEQ: t = a == r; break;
			case BPF_JGT: t = a > r; break;
			case BPF_JGE: t = a >= r; break;
			case BPF_JSET: t = (a & r) != 0; break;
			default: return;
			}
			pc += t ? i->jt : i->jf;
			break;
		}
		case BPF_ALU: {
			uint32_t r = BPF_SRC(i->code) == BPF_X ? x : k;
			switch (BPF_OP(i->code)) {
			case BPF_ADD: a += r; break;
			case BPF_SUB: a -= r; break;
			case BPF_MUL: a *= r; break;
			case BPF_DIV: if (!r) return; a /= r; break;
			case BPF_MOD: if (!r) return; a %= r; break;
			case BPF_AND: a &= r; break;
			case BPF_OR: a |= r; break;
			case BPF_XOR: a ^= r; break;
			case BPF_LSH: a = r < 32 ? a << r : 0; break;
			case BPF_RSH: a = r < 32 ? a >> r : 0; break;
			case BPF_NEG: a = (uint32_t)-a; break;
			default: return;
			}
			break;
		}
		case BPF_MISC:
			if (BPF_MISCOP(i->code) == BPF_TAX)
				x = a;
			else
				a = x;
			break;
		}
	}
}
