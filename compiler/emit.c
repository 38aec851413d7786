/* Emission: the block DAG laid out as a classic-BPF instruction array.
 *
 * Order: reverse postorder of a depth-first walk that visits the true successor before the
 * false one, so the false successor tends to come right after its block (jf 0, the common
 * fall-through). Any topological order keeps every jump forward.
 *
 * Long jumps: a conditional jump's offsets are 8 bits. When a target is more than 255
 * instructions away, the block gets a `ja` trampoline right after its jump (32-bit offset)
 * and the conditional offset points at the trampoline. Layout is recomputed until no new
 * trampoline is needed; trampolines are only ever added, so this terminates. */
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

/* Reverse postorder of the blocks reachable from root; returns the count. */
static int order_blocks(ns_ir *ir, ns_block **order)
{
	int n = 0, top = 0;
	ns_block **stack = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*stack));
	int *state = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*state));
	for (int i = 0; i < ir->nblocks; i++)
		ir->blocks[i]->aux = i;
	/* state: 0 unseen, 1 on stack (children pending), 2 done */
	stack[top++] = ir->root;
	state[ir->root->aux] = 1;
	ns_block **post = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*post));
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
			state[b->aux] = 2;
			post[n++] = b;
			top--;
		}
	}
	for (int i = 0; i < n; i++)
		order[i] = post[n - 1 - i];
	return n;
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
	ns_block **order = ns_alloc(ctx, (size_t)(ir->nblocks + 1) * sizeof(*order));
	int n = order_blocks(ir, order);
	/* per block: aux = flags (1: true trampoline, 2: false trampoline) */
	for (int i = 0; i < n; i++) {
		order[i]->aux = 0;
		order[i]->mark = i;
	}
	size_t total = 0;
	for (;;) {
		size_t pos = 0;
		for (int i = 0; i < n; i++) {
			ns_block *b = order[i];
			b->pos = (int)pos;
			pos += (size_t)b->nstmts;
			if (ns_block_is_ret(b))
				pos += 1;
			else if (ns_block_is_ja(b))
				pos += (i + 1 < n && order[i + 1] == b->jt) ? 0 : 1;
			else
				pos += 1 + ((b->aux & 1) != 0) + ((b->aux & 2) != 0);
		}
		total = pos;
		bool changed = false;
		for (int i = 0; i < n; i++) {
			ns_block *b = order[i];
			if (ns_block_is_ret(b) || ns_block_is_ja(b))
				continue;
			int at = b->pos + b->nstmts; /* the conditional jump */
			if (!(b->aux & 1) && b->jt->pos - at - 1 > 255) {
				b->aux |= 1;
				changed = true;
			}
			if (!(b->aux & 2) && b->jf->pos - at - 1 > 255) {
				b->aux |= 2;
				changed = true;
			}
		}
		if (!changed)
			break;
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
			size_t at = pc++;
			int tramp = (int)at + 1;
			int jt, jf;
			if (b->aux & 1) {
				code[tramp] = NS_BPF_STMT(NS_BPF_JMP | NS_BPF_JA, (uint32_t)(b->jt->pos - tramp - 1));
				jt = tramp - (int)at - 1;
				tramp++;
				pc++;
			} else {
				jt = b->jt->pos - (int)at - 1;
			}
			if (b->aux & 2) {
				code[tramp] = NS_BPF_STMT(NS_BPF_JMP | NS_BPF_JA, (uint32_t)(b->jf->pos - tramp - 1));
				jf = tramp - (int)at - 1;
				pc++;
			} else {
				jf = b->jf->pos - (int)at - 1;
			}
			code[at] = NS_BPF_JUMP(b->jcode, b->k, jt, jf);
		}
	}
	out->insns = code;
	out->len = pc;
}
