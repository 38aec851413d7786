/* The fast interpreter: the program is decoded once (ns_vm_prepare) into an array of handler
 * addresses with their operands, then run by jumping from handler to handler (GCC's computed
 * goto, "direct threading"). Per packet this skips what bpf_filter() redoes per instruction:
 * decoding the opcode, range-checking the switch, adding jump offsets.
 *
 * Prepare-time decisions keep the run loop free of checks that cannot fail for valid programs:
 * an absolute load's end offset is computed once (one compare per load), constant shifts are
 * reduced modulo 32 and constant division by zero, bad scratch indices and invalid opcodes
 * become "return 0" (what ns_vm_run does when it meets them); every jump target is a pointer, and
 * a target outside the program points at a trailing "return 0". Scratch memory is zeroed per
 * packet only for programs the kernel's rules would not prove safe. Results are ns_vm_run's,
 * which the differential tests check. */
#include <stdint.h>
#include <stdlib.h>

#include "vm/vm_int.h"

enum handler {
	H_RET0, H_RET_K, H_RET_A, H_LD_IMM, H_LDX_IMM, H_LD_LEN, H_LDX_LEN,
	H_LDW_ABS, H_LDH_ABS, H_LDB_ABS, H_LD_ANC, H_LDW_IND, H_LDH_IND, H_LDB_IND, H_LDX_MSH,
	H_LD_MEM, H_LDX_MEM, H_ST, H_STX,
	H_ADD_K, H_ADD_X, H_SUB_K, H_SUB_X, H_MUL_K, H_MUL_X, H_DIV_K, H_DIV_X, H_MOD_K, H_MOD_X,
	H_OR_K, H_OR_X, H_AND_K, H_AND_X, H_XOR_K, H_XOR_X, H_LSH_K, H_LSH_X, H_RSH_K, H_RSH_X,
	H_NEG, H_TAX, H_TXA, H_JA, H_JA_BACK,
	H_JEQ_K, H_JEQ_X, H_JGT_K, H_JGT_X, H_JGE_K, H_JGE_X, H_JSET_K, H_JSET_X,
	H_LDH_JEQ, H_LDB_JEQ,
	H_COUNT
};

typedef struct dinsn {
	const void *h;
	const struct dinsn *jt, *jf;
	uint64_t end;                 /* loads: offset + size, the bytes that must be captured */
	const ns_ancillary *anc;
	uint32_t k;
	uint32_t k2;                  /* fused load+compare: the compare's constant */
} dinsn;

struct ns_vm_prog {
	size_t len;
	int zero_mem;
	dinsn code[];                 /* len + 1: the last is the "return 0" sentinel */
};

#define NEXT() do { ip++; goto *ip->h; } while (0)
#define JUMP(t) do { ip = (t); goto *ip->h; } while (0)

/* Called with p == NULL once to hand out the handler addresses; noinline/noclone so there is
 * one copy of the labels. */
__attribute__((noinline, noclone)) static uint32_t
exec(const ns_vm_prog *p, const uint8_t *pkt, uint32_t wirelen, uint32_t caplen,
     const ns_vm_meta *meta, const void *const **labels_out)
{
	static const void *const labels[H_COUNT] = {
		[H_RET0] = &&ret0, [H_RET_K] = &&ret_k, [H_RET_A] = &&ret_a,
		[H_LD_IMM] = &&ld_imm, [H_LDX_IMM] = &&ldx_imm, [H_LD_LEN] = &&ld_len,
		[H_LDX_LEN] = &&ldx_len, [H_LDW_ABS] = &&ldw_abs, [H_LDH_ABS] = &&ldh_abs,
		[H_LDB_ABS] = &&ldb_abs, [H_LD_ANC] = &&ld_anc, [H_LDW_IND] = &&ldw_ind,
		[H_LDH_IND] = &&ldh_ind, [H_LDB_IND] = &&ldb_ind, [H_LDX_MSH] = &&ldx_msh,
		[H_LD_MEM] = &&ld_mem, [H_LDX_MEM] = &&ldx_mem, [H_ST] = &&st, [H_STX] = &&stx,
		[H_ADD_K] = &&add_k, [H_ADD_X] = &&add_x, [H_SUB_K] = &&sub_k, [H_SUB_X] = &&sub_x,
		[H_MUL_K] = &&mul_k, [H_MUL_X] = &&mul_x, [H_DIV_K] = &&div_k, [H_DIV_X] = &&div_x,
		[H_MOD_K] = &&mod_k, [H_MOD_X] = &&mod_x, [H_OR_K] = &&or_k, [H_OR_X] = &&or_x,
		[H_AND_K] = &&and_k, [H_AND_X] = &&and_x, [H_XOR_K] = &&xor_k, [H_XOR_X] = &&xor_x,
		[H_LSH_K] = &&lsh_k, [H_LSH_X] = &&lsh_x, [H_RSH_K] = &&rsh_k, [H_RSH_X] = &&rsh_x,
		[H_NEG] = &&neg, [H_TAX] = &&tax, [H_TXA] = &&txa, [H_JA] = &&ja,
		[H_JA_BACK] = &&ja_back, [H_JEQ_K] = &&jeq_k, [H_JEQ_X] = &&jeq_x,
		[H_JGT_K] = &&jgt_k, [H_JGT_X] = &&jgt_x, [H_JGE_K] = &&jge_k, [H_JGE_X] = &&jge_x,
		[H_JSET_K] = &&jset_k, [H_JSET_X] = &&jset_x,
		[H_LDH_JEQ] = &&ldh_jeq, [H_LDB_JEQ] = &&ldb_jeq,
	};
	if (!p) {
		*labels_out = labels;
		return 0;
	}
	uint32_t a = 0, x = 0, backjumps = 0;
	uint32_t mem[NS_BPF_MEMWORDS];
	if (p->zero_mem)
		memset(mem, 0, sizeof(mem));
	const dinsn *ip = p->code;
	goto *ip->h;

ret0: return 0;
ret_k: return ip->k;
ret_a: return a;
ld_imm: a = ip->k; NEXT();
ldx_imm: x = ip->k; NEXT();
ld_len: a = wirelen; NEXT();
ldx_len: x = wirelen; NEXT();
ldw_abs: if (caplen < ip->end) return 0; a = ns_get32(pkt + ip->k); NEXT();
ldh_abs: if (caplen < ip->end) return 0; a = ns_get16(pkt + ip->k); NEXT();
ldb_abs: if (caplen < ip->end) return 0; a = pkt[ip->k]; NEXT();
ld_anc: a = ns_ancillary_value(ip->anc, meta, a, x); NEXT();
ldw_ind: if ((uint64_t)x + ip->end > caplen) return 0; a = ns_get32(pkt + x + ip->k); NEXT();
ldh_ind: if ((uint64_t)x + ip->end > caplen) return 0; a = ns_get16(pkt + x + ip->k); NEXT();
ldb_ind: if ((uint64_t)x + ip->end > caplen) return 0; a = pkt[x + ip->k]; NEXT();
ldx_msh: if (caplen < ip->end) return 0; x = (uint32_t)(pkt[ip->k] & 0xf) << 2; NEXT();
ld_mem: a = mem[ip->k]; NEXT();
ldx_mem: x = mem[ip->k]; NEXT();
st: mem[ip->k] = a; NEXT();
stx: mem[ip->k] = x; NEXT();
add_k: a += ip->k; NEXT();
add_x: a += x; NEXT();
sub_k: a -= ip->k; NEXT();
sub_x: a -= x; NEXT();
mul_k: a *= ip->k; NEXT();
mul_x: a *= x; NEXT();
div_k: a /= ip->k; NEXT();
div_x: if (!x) return 0; a /= x; NEXT();
mod_k: a %= ip->k; NEXT();
mod_x: if (!x) return 0; a %= x; NEXT();
or_k: a |= ip->k; NEXT();
or_x: a |= x; NEXT();
and_k: a &= ip->k; NEXT();
and_x: a &= x; NEXT();
xor_k: a ^= ip->k; NEXT();
xor_x: a ^= x; NEXT();
lsh_k: a <<= ip->k; NEXT();
lsh_x: a = x < 32 ? a << x : 0; NEXT();
rsh_k: a >>= ip->k; NEXT();
rsh_x: a = x < 32 ? a >> x : 0; NEXT();
neg: a = 0u - a; NEXT();
tax: x = a; NEXT();
txa: a = x; NEXT();
ja: JUMP(ip->jt);
ja_back: if (++backjumps > NS_VM_BACKJUMP_LIMIT) return 0; JUMP(ip->jt);
jeq_k: JUMP(a == ip->k ? ip->jt : ip->jf);
jeq_x: JUMP(a == x ? ip->jt : ip->jf);
jgt_k: JUMP(a > ip->k ? ip->jt : ip->jf);
jgt_x: JUMP(a > x ? ip->jt : ip->jf);
jge_k: JUMP(a >= ip->k ? ip->jt : ip->jf);
jge_x: JUMP(a >= x ? ip->jt : ip->jf);
jset_k: JUMP((a & ip->k) ? ip->jt : ip->jf);
jset_x: JUMP((a & x) ? ip->jt : ip->jf);
/* A load immediately followed by a compare of A with a constant (the shape of nearly every
 * protocol test), fused; the compare's own slot is still there for jumps that land on it. */
ldh_jeq: if (caplen < ip->end) return 0; a = ns_get16(pkt + ip->k); JUMP(a == ip->k2 ? ip->jt : ip->jf);
ldb_jeq: if (caplen < ip->end) return 0; a = pkt[ip->k]; JUMP(a == ip->k2 ? ip->jt : ip->jf);
}

/* Most ops map to one handler; row 0 (invalid opcode) returns 0. */
static const uint8_t handler_of[NS_OP_COUNT] = {
	[NS_OP_INVALID] = H_RET0, [NS_OP_RET_K] = H_RET_K, [NS_OP_RET_A] = H_RET_A,
	[NS_OP_LD_IMM] = H_LD_IMM, [NS_OP_LDX_IMM] = H_LDX_IMM, [NS_OP_LD_LEN] = H_LD_LEN,
	[NS_OP_LDX_LEN] = H_LDX_LEN, [NS_OP_LD_W_ABS] = H_LDW_ABS, [NS_OP_LD_H_ABS] = H_LDH_ABS,
	[NS_OP_LD_B_ABS] = H_LDB_ABS, [NS_OP_LD_W_IND] = H_LDW_IND, [NS_OP_LD_H_IND] = H_LDH_IND,
	[NS_OP_LD_B_IND] = H_LDB_IND, [NS_OP_LDX_MSH] = H_LDX_MSH, [NS_OP_LD_MEM] = H_LD_MEM,
	[NS_OP_LDX_MEM] = H_LDX_MEM, [NS_OP_ST] = H_ST, [NS_OP_STX] = H_STX,
	[NS_OP_ADD_K] = H_ADD_K, [NS_OP_ADD_X] = H_ADD_X, [NS_OP_SUB_K] = H_SUB_K,
	[NS_OP_SUB_X] = H_SUB_X, [NS_OP_MUL_K] = H_MUL_K, [NS_OP_MUL_X] = H_MUL_X,
	[NS_OP_DIV_K] = H_DIV_K, [NS_OP_DIV_X] = H_DIV_X, [NS_OP_MOD_K] = H_MOD_K,
	[NS_OP_MOD_X] = H_MOD_X, [NS_OP_OR_K] = H_OR_K, [NS_OP_OR_X] = H_OR_X,
	[NS_OP_AND_K] = H_AND_K, [NS_OP_AND_X] = H_AND_X, [NS_OP_XOR_K] = H_XOR_K,
	[NS_OP_XOR_X] = H_XOR_X, [NS_OP_LSH_K] = H_LSH_K, [NS_OP_LSH_X] = H_LSH_X,
	[NS_OP_RSH_K] = H_RSH_K, [NS_OP_RSH_X] = H_RSH_X, [NS_OP_NEG] = H_NEG,
	[NS_OP_TAX] = H_TAX, [NS_OP_TXA] = H_TXA, [NS_OP_JA] = H_JA,
	[NS_OP_JEQ_K] = H_JEQ_K, [NS_OP_JEQ_X] = H_JEQ_X, [NS_OP_JGT_K] = H_JGT_K,
	[NS_OP_JGT_X] = H_JGT_X, [NS_OP_JGE_K] = H_JGE_K, [NS_OP_JGE_X] = H_JGE_X,
	[NS_OP_JSET_K] = H_JSET_K, [NS_OP_JSET_X] = H_JSET_X,
};

static const dinsn *target(const ns_vm_prog *p, size_t pc, int64_t off)
{
	int64_t t = (int64_t)pc + 1 + off;
	if (t < 0 || (uint64_t)t >= p->len)
		return &p->code[p->len];
	return &p->code[t];
}

ns_vm_prog *ns_vm_prepare(const ns_insn *prog, size_t len)
{
	const void *const *labels;
	exec(NULL, NULL, 0, 0, NULL, &labels);
	if (len >= (SIZE_MAX - sizeof(ns_vm_prog)) / sizeof(dinsn))
		return NULL;
	ns_vm_prog *p = calloc(1, sizeof(*p) + (len + 1) * sizeof(dinsn));
	if (!p)
		return NULL;
	p->len = len;
	/* Programs the kernel would accept never read a scratch cell before writing it. */
	p->zero_mem = ns_validate(prog, len, NULL) != 0;
	for (size_t pc = 0; pc <= len; pc++) {
		dinsn *d = &p->code[pc];
		enum handler h = H_RET0;
		if (pc < len) {
			const ns_insn *in = &prog[pc];
			uint32_t k = in->k;
			d->k = k;
			d->jt = target(p, pc, in->jt);
			d->jf = target(p, pc, in->jf);
			enum ns_op op = ns_op_of(in->code);
			h = (enum handler)handler_of[op];
			/* The operand-dependent decisions; everything else is the table. */
			switch (h) {
			case H_LDW_ABS: case H_LDW_IND: d->end = (uint64_t)k + 4; break;
			case H_LDH_ABS: case H_LDH_IND: d->end = (uint64_t)k + 2; break;
			case H_LDB_ABS: case H_LDB_IND: case H_LDX_MSH: d->end = (uint64_t)k + 1; break;
			case H_LD_MEM: case H_LDX_MEM: case H_ST: case H_STX:
				if (k >= NS_BPF_MEMWORDS)
					h = H_RET0;
				break;
			case H_DIV_K: case H_MOD_K:
				if (!k)
					h = H_RET0;
				break;
			case H_LSH_K: case H_RSH_K: d->k = k & 31; break;
			case H_JA:
				d->jt = target(p, pc, (int32_t)k);
				if (d->jt <= d)   /* k == -1 jumps to itself */
					h = H_JA_BACK;
				break;
			default: break;
			}
			if (h >= H_LDW_ABS && h <= H_LDB_ABS) {
				d->anc = ns_ancillary_of(k);
				if (d->anc)
					h = H_LD_ANC;
			}
		}
		d->h = labels[h];
		if (pc < len && (h == H_LDH_ABS || h == H_LDB_ABS) && pc + 1 < len &&
		    prog[pc + 1].code == (NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K)) {
			d->h = labels[h == H_LDH_ABS ? H_LDH_JEQ : H_LDB_JEQ];
			d->k2 = prog[pc + 1].k;
			d->jt = target(p, pc + 1, prog[pc + 1].jt);
			d->jf = target(p, pc + 1, prog[pc + 1].jf);
		}
	}
	return p;
}

uint32_t ns_vm_exec(const ns_vm_prog *p, const uint8_t *pkt, uint32_t wirelen, uint32_t caplen,
		    const ns_vm_meta *meta)
{
	return exec(p, pkt, wirelen, caplen, meta, NULL);
}

void ns_vm_prog_free(ns_vm_prog *p)
{
	free(p);
}
