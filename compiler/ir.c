/* Blocks and jump lists: the building blocks every generator function uses.
 *
 * The invariant that keeps programs loop-free: a condition's exits are only ever patched to
 * the entry of a condition generated after it (and/or splice a then b), and a generator only
 * links its own blocks forward, so the graph is a DAG; emission lays it out in topological
 * order, which makes every jump forward. */
#include <string.h>

#include "compiler/insn_use.h"
#include "compiler/ir.h"

void ns_ir_init(ns_ir *ir, ns_ctx *ctx)
{
	memset(ir, 0, sizeof(*ir));
	ir->ctx = ctx;
}

ns_block *ns_ir_block(ns_ir *ir)
{
	if (ir->nblocks == ir->cap) {
		int cap = ir->cap ? ir->cap * 2 : 64;
		ns_block **nb = ns_alloc(ir->ctx, (size_t)cap * sizeof(*nb));
		if (ir->nblocks)
			memcpy(nb, ir->blocks, (size_t)ir->nblocks * sizeof(*nb));
		ir->blocks = nb;
		ir->cap = cap;
	}
	ns_block *b = ns_alloc(ir->ctx, sizeof(*b));
	b->id = ir->nblocks;
	b->jcode = NS_BPF_JMP | NS_BPF_JA;
	ir->blocks[ir->nblocks++] = b;
	return b;
}

void ns_ir_stmt(ns_ir *ir, ns_block *b, uint16_t code, uint32_t k)
{
	if (b->nstmts == b->cap) {
		int cap = b->cap ? b->cap * 2 : 4;
		ns_stmt *ns = ns_alloc(ir->ctx, (size_t)cap * sizeof(*ns));
		if (b->nstmts)
			memcpy(ns, b->stmts, (size_t)b->nstmts * sizeof(*ns));
		b->stmts = ns;
		b->cap = cap;
	}
	b->stmts[b->nstmts++] = (ns_stmt){code, k};
}

void ns_ir_stmts(ns_ir *ir, ns_block *b, const ns_stmt *s, int n)
{
	for (int i = 0; i < n; i++)
		ns_ir_stmt(ir, b, s[i].code, s[i].k);
}

ns_jlist ns_jlist_one(ns_ir *ir, ns_block **slot)
{
	ns_patch *p = ns_alloc(ir->ctx, sizeof(*p));
	p->slot = slot;
	return (ns_jlist){p, p};
}

ns_jlist ns_jlist_concat(ns_jlist a, ns_jlist b)
{
	if (!a.head)
		return b;
	if (!b.head)
		return a;
	a.tail->next = b.head;
	return (ns_jlist){a.head, b.tail};
}

ns_cond ns_ir_cond_jump(ns_ir *ir, ns_block *b, uint16_t jcode, uint32_t k)
{
	b->jcode = jcode;
	b->k = k;
	return (ns_cond){b, ns_jlist_one(ir, &b->jt), ns_jlist_one(ir, &b->jf)};
}

ns_cond ns_ir_true(ns_ir *ir)
{
	ns_block *b = ns_ir_block(ir);
	return (ns_cond){b, ns_jlist_one(ir, &b->jt), {NULL, NULL}};
}

ns_cond ns_ir_false(ns_ir *ir)
{
	ns_block *b = ns_ir_block(ir);
	return (ns_cond){b, {NULL, NULL}, ns_jlist_one(ir, &b->jt)};
}

void ns_ir_patch(ns_jlist l, ns_block *target)
{
	for (ns_patch *p = l.head; p; p = p->next) {
		*p->slot = target;
		if (p == l.tail)
			break;
	}
}

ns_cond ns_ir_and(ns_cond a, ns_cond b)
{
	ns_ir_patch(a.t, b.entry);
	return (ns_cond){a.entry, b.t, ns_jlist_concat(a.f, b.f)};
}

ns_cond ns_ir_or(ns_cond a, ns_cond b)
{
	ns_ir_patch(a.f, b.entry);
	return (ns_cond){a.entry, ns_jlist_concat(a.t, b.t), b.f};
}

ns_cond ns_ir_not(ns_cond a)
{
	return (ns_cond){a.entry, a.f, a.t};
}

void ns_ir_finish(ns_ir *ir, ns_cond c, uint32_t snaplen)
{
	ns_block *acc = ns_ir_block(ir);
	acc->jcode = NS_BPF_RET | NS_BPF_K;
	acc->k = snaplen;
	ns_block *rej = ns_ir_block(ir);
	rej->jcode = NS_BPF_RET | NS_BPF_K;
	rej->k = 0;
	ns_ir_patch(c.t, acc);
	ns_ir_patch(c.f, rej);
	ir->root = c.entry;
	ir->ret_accept = acc;
	ir->ret_reject = rej;
}

static const char *const jop_names[] = {"ja", "jeq", "jgt", "jge", "jset"};

static void dump_stmt(FILE *f, ns_stmt s)
{
	uint16_t c = s.code;
	switch (NS_BPF_CLASS(c)) {
	case NS_BPF_LD:
	case NS_BPF_LDX: {
		const char *sz = NS_BPF_SIZE(c) == NS_BPF_B ? "b" : NS_BPF_SIZE(c) == NS_BPF_H ? "h" : "";
		const char *x = NS_BPF_CLASS(c) == NS_BPF_LDX ? "x" : "";
		switch (NS_BPF_MODE(c)) {
		case NS_BPF_IMM: fprintf(f, "ld%s #%u", x, s.k); break;
		case NS_BPF_ABS: fprintf(f, "ld%s%s [%u]", x, sz, s.k); break;
		case NS_BPF_IND: fprintf(f, "ld%s [x + %u]", sz, s.k); break;
		case NS_BPF_MEM: fprintf(f, "ld%s M[%u]", x, s.k); break;
		case NS_BPF_LEN: fprintf(f, "ld%s #pktlen", x); break;
		case NS_BPF_MSH: fprintf(f, "ldxb 4*([%u]&0xf)", s.k); break;
		}
		break;
	}
	case NS_BPF_ST: fprintf(f, "st M[%u]", s.k); break;
	case NS_BPF_STX: fprintf(f, "stx M[%u]", s.k); break;
	case NS_BPF_ALU: {
		static const char *const ops[] = {"add", "sub", "mul", "div", "or", "and", "lsh", "rsh",
						  "neg", "mod", "xor"};
		unsigned op = NS_BPF_OP(c) >> 4;
		const char *name = op < 11 ? ops[op] : "alu?";
		if (NS_BPF_OP(c) == NS_BPF_NEG)
			fprintf(f, "neg");
		else if (NS_BPF_SRC(c) == NS_BPF_X)
			fprintf(f, "%s x", name);
		else
			fprintf(f, "%s #%u", name, s.k);
		break;
	}
	case NS_BPF_MISC: fprintf(f, NS_BPF_MISCOP(c) == NS_BPF_TAX ? "tax" : "txa"); break;
	default: fprintf(f, "?%#x %u", c, s.k); break;
	}
}

static void dump_from(const ns_ir *ir, ns_block *b, FILE *f)
{
	if (!b || b->mark == -7)
		return;
	b->mark = -7;
	fprintf(f, "B%d:\n", b->id);
	for (int i = 0; i < b->nstmts; i++) {
		fprintf(f, "\t");
		dump_stmt(f, b->stmts[i]);
		fprintf(f, "\n");
	}
	if (ns_block_is_ret(b))
		fprintf(f, "\tret #%u\n", b->k);
	else if (ns_block_is_ja(b))
		fprintf(f, "\tja B%d\n", b->jt ? b->jt->id : -1);
	else
		fprintf(f, "\t%s %s%u -> B%d, B%d\n", jop_names[NS_BPF_OP(b->jcode) >> 4],
			NS_BPF_SRC(b->jcode) == NS_BPF_X ? "x/" : "#", b->k, b->jt ? b->jt->id : -1,
			b->jf ? b->jf->id : -1);
	if (!ns_block_is_ret(b)) {
		dump_from(ir, b->jt, f);
		if (!ns_block_is_ja(b))
			dump_from(ir, b->jf, f);
	}
}

void ns_ir_dump(const ns_ir *ir, FILE *f, const char *title)
{
	int *saved = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(int));
	for (int i = 0; i < ir->nblocks; i++)
		saved[i] = ir->blocks[i]->mark;
	fprintf(f, "; IR after %s\n", title);
	dump_from(ir, ir->root, f);
	for (int i = 0; i < ir->nblocks; i++)
		ir->blocks[i]->mark = saved[i];
}

bool ns_ir_reaches(ns_ir *ir, const ns_block *target)
{
	ns_block **stack = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*stack));
	char *seen = ns_alloc(ir->ctx, (size_t)ir->nblocks + 1);
	int top = 0;
	stack[top++] = ir->root;
	seen[ir->root->id] = 1;
	while (top) {
		ns_block *b = stack[--top];
		if (b == target)
			return true;
		if (ns_block_is_ret(b))
			continue;
		ns_block *next[2] = {b->jt, ns_block_is_ja(b) ? NULL : b->jf};
		for (int i = 0; i < 2; i++)
			if (next[i] && !seen[next[i]->id]) {
				seen[next[i]->id] = 1;
				stack[top++] = next[i];
			}
	}
	return false;
}

int ns_ir_rpo(ns_ir *ir, ns_block **out)
{
	int n = 0, top = 0;
	ns_block **stack = ns_alloc_uninit(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*stack));
	ns_block **post = ns_alloc_uninit(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*post));
	char *state = ns_alloc(ir->ctx, (size_t)ir->nblocks + 1); /* 0 unseen, 1 seen */
	for (int i = 0; i < ir->nblocks; i++)
		ir->blocks[i]->aux = i;
	stack[top++] = ir->root;
	state[ir->root->aux] = 1;
	while (top) {
		ns_block *b = stack[top - 1];
		ns_block *next = NULL;
		if (!ns_block_is_ret(b)) {
			if (b->jt && !state[b->jt->aux])
				next = b->jt;
			else if (!ns_block_is_ja(b) && b->jf && !state[b->jf->aux])
				next = b->jf;
		}
		if (next) {
			state[next->aux] = 1;
			stack[top++] = next;
		} else {
			post[n++] = b;
			top--;
		}
	}
	for (int i = 0; i < n; i++)
		out[i] = post[n - 1 - i];
	return n;
}

int ns_block_live_in(const ns_block *b)
{
	int out = 0;
	if (ns_block_is_ret(b)) {
		if (NS_BPF_RVAL(b->jcode) == NS_BPF_A)
			out = NS_LIVE_A;
		else if (NS_BPF_RVAL(b->jcode) == NS_BPF_X)
			out = NS_LIVE_X;
	} else {
		out = b->jt ? b->jt->mark : 0;
		if (!ns_block_is_ja(b)) {
			if (b->jf)
				out |= b->jf->mark;
			out |= NS_LIVE_A;
			if (NS_BPF_SRC(b->jcode) == NS_BPF_X)
				out |= NS_LIVE_X;
		}
	}
	for (int i = b->nstmts - 1; i >= 0; i--)
		out = ns_live_before(b->stmts[i], out);
	return out;
}

void ns_ir_liveness(ns_block **order, int n)
{
	for (int i = n - 1; i >= 0; i--)
		order[i]->mark = ns_block_live_in(order[i]);
}

bool ns_stmts_equal(const ns_stmt *a, const ns_stmt *b, int n)
{
	for (int i = 0; i < n; i++)
		if (a[i].code != b[i].code || a[i].k != b[i].k)
			return false;
	return true;
}

uint32_t ns_stmts_hash(uint32_t h, const ns_stmt *s, int n)
{
	h = ns_hash_mix(h, (uint32_t)n);
	for (int i = 0; i < n; i++)
		h = ns_hash_mix(ns_hash_mix(h, s[i].code), s[i].k);
	return h;
}
