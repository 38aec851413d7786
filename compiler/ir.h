/* The code generator's intermediate form: a DAG of basic blocks, and conditions under
 * construction as explicit true/false jump lists.
 *
 * A block is a straight run of non-jump BPF statements followed by one terminator: a
 * conditional jump (jt/jf), an unconditional jump (JA, jt only) or a return. A condition being
 * built (ns_cond) is an entry block plus two lists of still-unset successor slots: where control
 * goes when the condition holds (t) and when it does not (f). `and`, `or` and `not` only patch
 * and splice these lists (Lua's expdesc/luaK_patchlist), so no block ever carries a "sense" bit
 * that flips its meaning. Blocks are only ever linked to blocks created later, which keeps the
 * graph acyclic and every emitted jump forward, as the kernel requires.
 *
 * Everything lives in the compilation's arena. */
#ifndef NETSIFT_COMPILER_IR_H
#define NETSIFT_COMPILER_IR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "compiler/ctx.h"

typedef struct ns_stmt {
	uint16_t code;
	uint32_t k;
} ns_stmt;

typedef struct ns_block ns_block;
struct ns_block {
	int id;
	ns_stmt *stmts;
	int nstmts, cap;
	uint16_t jcode; /* NS_BPF_JMP|op|src, NS_BPF_JMP|NS_BPF_JA, or NS_BPF_RET|NS_BPF_K */
	uint32_t k;
	ns_block *jt, *jf; /* JA uses jt only; returns use neither */
	/* Scratch fields for passes; meaning is local to the pass that sets them. */
	int mark;
	int pos;
	int aux;
	/* Set by the optimizer: the block ended in a test before any pass ran. */
	bool was_test;
};

typedef struct ns_patch ns_patch;
struct ns_patch {
	ns_block **slot;
	ns_patch *next;
};

typedef struct ns_jlist {
	ns_patch *head, *tail;
} ns_jlist;

typedef struct ns_cond {
	ns_block *entry;
	ns_jlist t, f;
} ns_cond;

typedef struct ns_ir {
	ns_ctx *ctx;
	ns_block **blocks; /* every block ever created, in creation order */
	int nblocks, cap;
	ns_block *root;    /* set by ns_ir_finish */
	ns_block *ret_accept, *ret_reject;
	/* Keep every scratch store (protochain: libpcap's walk is a loop whose stores all stay
	 * live, so the loads feeding them stay too). */
	bool keep_stores;
} ns_ir;

static inline bool ns_block_is_ret(const ns_block *b)
{
	return NS_BPF_CLASS(b->jcode) == NS_BPF_RET;
}
static inline bool ns_block_is_ja(const ns_block *b)
{
	return b->jcode == (NS_BPF_JMP | NS_BPF_JA);
}

void ns_ir_init(ns_ir *ir, ns_ctx *ctx);
ns_block *ns_ir_block(ns_ir *ir);
void ns_ir_stmt(ns_ir *ir, ns_block *b, uint16_t code, uint32_t k);
/* Appends a whole statement run. */
void ns_ir_stmts(ns_ir *ir, ns_block *b, const ns_stmt *s, int n);

ns_jlist ns_jlist_one(ns_ir *ir, ns_block **slot);
ns_jlist ns_jlist_concat(ns_jlist a, ns_jlist b);

/* The condition "jump op k" ending block b: t is b->jt, f is b->jf. */
ns_cond ns_ir_cond_jump(ns_ir *ir, ns_block *b, uint16_t jcode, uint32_t k);
ns_cond ns_ir_true(ns_ir *ir);
ns_cond ns_ir_false(ns_ir *ir);
ns_cond ns_ir_and(ns_cond a, ns_cond b);
ns_cond ns_ir_or(ns_cond a, ns_cond b);
ns_cond ns_ir_not(ns_cond a);
/* A condition that is constant: true when both lists are set, false, or neither; it is
 * "always true" when nothing can reach f. */
void ns_ir_patch(ns_jlist l, ns_block *target);

/* Closes the condition into a whole program: true -> ret #snaplen, false -> ret #0. */
void ns_ir_finish(ns_ir *ir, ns_cond c, uint32_t snaplen);

/* The blocks reachable from the root in reverse postorder of a depth-first walk that takes
 * the true successor first (so every block comes before its successors, and a false successor
 * tends to come right after its block); returns their count. Leaves each block's aux set to
 * its index in ir->blocks. */
int ns_ir_rpo(ns_ir *ir, ns_block **out);

/* Liveness (bits of compiler/insn_use.h) on entry to b, from its successors' in their mark
 * fields; ns_ir_liveness sets mark to that for every block of a topological order, last first. */
int ns_block_live_in(const ns_block *b);
void ns_ir_liveness(ns_block **order, int n);

/* Statement runs, compared and hashed field by field (a statement's padding bytes are not
 * part of it). */
bool ns_stmts_equal(const ns_stmt *a, const ns_stmt *b, int n);
uint32_t ns_stmts_hash(uint32_t h, const ns_stmt *s, int n);
static inline uint32_t ns_hash_mix(uint32_t h, uint32_t v)
{
	return (h ^ v) * 16777619u; /* FNV-1a */
}

/* Whether target can be reached from the root. */
bool ns_ir_reaches(ns_ir *ir, const ns_block *target);

/* Prints the blocks reachable from the root, for opts.dump_ir. */
void ns_ir_dump(const ns_ir *ir, FILE *f, const char *title);

/* Passes. */
void ns_opt(ns_ir *ir);                                 /* compiler/opt.c */
void ns_opt_share_x(ns_ir *ir);                         /* compiler/opt_share_x.c */
void ns_emit(ns_ir *ir, ns_program *out);               /* compiler/emit.c */

#endif
