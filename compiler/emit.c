/* Emission: the block DAG laid out as a classic-BPF instruction array.
 *
 * Order: reverse postorder of a depth-first walk that visits the true successor before the
 * false one, so the false successor tends to come right after its block (jf 0, the common
 * fall-through). Any topological order keeps every jump forward.
 *
 * Long jumps: a conditional jump's offsets are 8 bits. When a target is more than 255
 * instructions away, the jump goes to a `ja` trampoline (32-bit offset) placed as far on as
 * the 8-bit offset reaches, and later far jumps to the same target share it while it is in
 * reach, so a filter of hundreds of terms does not pay one trampoline per jump. Layout is
 * recomputed until no jump is out of reach; trampolines are only ever added, so this
 * terminates. */
#include <stdlib.h>
#include <string.h>

#include "compiler/ir.h"

/* Empty `ja` blocks are only glue from the generator: jump past them. */
static ns_block *skip_glue(ns_block *b)
{
	while (b && ns_block_is_ja(b) && b->nstmts == 0 && b->jt)
		b = b->jt;
	return b;
}

/* An unconditional jump costs an instruction unless its target comes right after it. The
 * depth-first order often puts another path between a `ja` block and a target that several
 * paths share (ports tested once for IPv4 and IPv6): such a block moves down to sit right
 * before its target. That keeps the order topological (the block's one successor still follows
 * it, its predecessors were all before its old place) and saves the jump, unless the block
 * was itself reached by falling out of a `ja`, or the target already has such a neighbour. */
static void pull_jumps_to_targets(ns_ir *ir, ns_block **order, int n)
{
	ns_ctx *ctx = ir->ctx;
	int *prev = ns_alloc(ctx, (size_t)(n + 2) * sizeof(*prev));
	int *next = ns_alloc(ctx, (size_t)(n + 2) * sizeof(*next));
	/* list of order indices, with n as head/tail sentinel; a block's aux is its index */
	for (int i = 0; i < n; i++) {
		order[i]->aux = i;
		prev[i] = i ? i - 1 : n;
		next[i] = i + 1 < n ? i + 1 : n;
	}
	prev[n] = n - 1;
	next[n] = 0;
	bool moved = false;
	for (int i = 0; i < n; i++) {
		ns_block *b = order[i];
		if (!ns_block_is_ja(b))
			continue;
		int t = b->jt->aux;
		if (next[i] == t)
			continue;
		int before_t = prev[t], before_b = prev[i];
		if (before_t != n && ns_block_is_ja(order[before_t]) && order[before_t]->jt == b->jt)
			continue;
		if (before_b != n && ns_block_is_ja(order[before_b]) && order[before_b]->jt == b)
			continue;
		next[before_b] = next[i];
		prev[next[i]] = before_b;
		before_t = prev[t];
		next[before_t] = i;
		prev[i] = before_t;
		next[i] = t;
		prev[t] = i;
		moved = true;
	}
	if (!moved)
		return;
	ns_block **copy = ns_alloc(ctx, (size_t)n * sizeof(*copy));
	memcpy(copy, order, (size_t)n * sizeof(*copy));
	int k = 0;
	for (int i = next[n]; i != n; i = next[i])
		order[k++] = copy[i];
}

void ns_emit(ns_ir *ir, ns_program *out)
{
	ns_ctx *ctx = ir->ctx;
	ir->root = skip_glue(ir->root);
	for (int i = 0; i < ir->nblocks; i++) {
		ns_block *b = ir->blocks[i];
		if (ns_block_is_ret(b))
			continue;
		b->jt = skip_glue(b->jt);
		if (!ns_block_is_ja(b))
			b->jf = skip_glue(b->jf);
		if (!b->jt || (!ns_block_is_ja(b) && !b->jf))
			ns_fail(ctx, -1, 0, "internal error: unpatched jump in block %d", b->id);
	}
	int nreal = ir->nblocks;
	int cap = nreal + 16;
	ns_block **order = ns_alloc(ctx, (size_t)cap * sizeof(*order));
	int n = ns_ir_rpo(ir, order);
	pull_jumps_to_targets(ir, order, n);
	/* trampolines to each real block, most recent first */
	typedef struct tlist {
		ns_block *t;
		struct tlist *next;
	} tlist;
	tlist **tramps = ns_alloc(ctx, (size_t)(nreal + 1) * sizeof(*tramps));
	typedef struct ins {
		int before;
		ns_block *t;
	} ins;
	size_t total = 0;
	for (;;) {
		int pos = 0;
		for (int i = 0; i < n; i++) {
			ns_block *b = order[i];
			b->pos = pos;
			pos += b->nstmts;
			if (ns_block_is_ret(b) || !ns_block_is_ja(b))
				pos += 1;
			else
				pos += (i + 1 < n && order[i + 1] == b->jt) ? 0 : 1;
		}
		total = (size_t)pos;
		ins *plan = NULL;
		int nplan = 0, capplan = 0;
		int j = 0; /* last insertion point candidate, moves forward with i */
		for (int i = 0; i < n; i++) {
			ns_block *b = order[i];
			if (ns_block_is_ret(b) || ns_block_is_ja(b))
				continue;
			int at = b->pos + b->nstmts;
			for (int side = 0; side < 2; side++) {
				ns_block **slot = side ? &b->jf : &b->jt;
				if ((*slot)->pos - at - 1 <= 255)
					continue;
				ns_block *f = *slot;
				while (f->id >= nreal) /* a trampoline: aim at its target */
					f = f->jt;
				tlist *c = tramps[f->id];
				if (c && c->t->pos > at && c->t->pos - at - 1 <= 255 - 64) {
					*slot = c->t;
					continue;
				}
				/* A new trampoline as far on as it can be, with room for later growth. */
				if (j < i + 1)
					j = i + 1;
				while (j + 1 < n && order[j + 1]->pos - at - 1 <= 255 - 64)
					j++;
				ns_block *t = ns_ir_block(ir);
				t->jt = f;
				t->pos = order[j]->pos;
				tlist *e = ns_alloc(ctx, sizeof(*e));
				e->t = t;
				e->next = tramps[f->id];
				tramps[f->id] = e;
				*slot = t;
				if (nplan == capplan) {
					capplan = capplan ? capplan * 2 : 64;
					ins *np = ns_alloc(ctx, (size_t)capplan * sizeof(*np));
					if (nplan)
						memcpy(np, plan, (size_t)nplan * sizeof(*np));
					plan = np;
				}
				plan[nplan++] = (ins){j, t};
			}
		}
		if (!nplan)
			break;
		/* Insert the planned trampolines (plan is sorted by insertion point). */
		ns_block **no = ns_alloc(ctx, (size_t)(n + nplan + 1) * sizeof(*no));
		int k = 0, p = 0;
		for (int i = 0; i < n; i++) {
			while (p < nplan && plan[p].before == i)
				no[k++] = plan[p++].t;
			no[k++] = order[i];
		}
		while (p < nplan)
			no[k++] = plan[p++].t;
		order = no;
		n = k;
	}
	ns_insn *code = calloc(total ? total : 1, sizeof(*code));
	if (!code)
		ns_fail(ctx, -1, 0, "out of memory");
	size_t pc = 0;
	for (int i = 0; i < n; i++) {
		ns_block *b = order[i];
		for (int s = 0; s < b->nstmts; s++)
			code[pc++] = NS_BPF_STMT(b->stmts[s].code, b->stmts[s].k);
		if (ns_block_is_ret(b)) {
			code[pc++] = NS_BPF_STMT(b->jcode, b->k);
		} else if (ns_block_is_ja(b)) {
			if (!(i + 1 < n && order[i + 1] == b->jt)) {
				code[pc] = NS_BPF_STMT(NS_BPF_JMP | NS_BPF_JA, (uint32_t)(b->jt->pos - (int)pc - 1));
				pc++;
			}
		} else {
			int jt = b->jt->pos - (int)pc - 1, jf = b->jf->pos - (int)pc - 1;
			if (jt < 0 || jt > 255 || jf < 0 || jf > 255)
				ns_fail(ctx, -1, 0, "internal error: jump out of range at %zu", pc);
			code[pc] = NS_BPF_JUMP(b->jcode, b->k, jt, jf);
			pc++;
		}
	}
	out->insns = code;
	out->len = pc;
}
