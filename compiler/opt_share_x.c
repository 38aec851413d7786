/* Sharing transport-header tests between IPv6 and IPv4, the optimizer's last pass.
 *
 * libpcap tests a port, or any field past the network-layer header, twice: over IPv6 with
 * absolute loads ([nl + 40 + d]) and over IPv4 with loads relative to X, which holds the IPv4
 * header's length ([x + nl + d]). With X = 40 the IPv4 code reads exactly the bytes the IPv6
 * code reads, so the IPv6 copy can become `ldx #40` and a jump into the IPv4 one. Every
 * packet then meets the same loads in the same order as before, so verdicts, cut packets
 * included, stay libpcap's.
 *
 * Done last, on the optimized program: merged earlier, the two paths would lose the facts
 * (this is IPv6, that is IPv4) that let later tests be decided, and the program would grow.
 *
 * Two subgraphs match when they are equal once the IPv6 one's absolute loads at k >= 40 are
 * read as [x + k - 40]: both get numbers bottom-up from one table of block forms, the plain
 * form of each block and its "X = 40" form. A block whose X=40 form reads X, directly or
 * further down before X is written again, gets a number of its own: the value X held there
 * still matters, so nothing can stand in for it. */
#include <string.h>

#include "compiler/insn_use.h"
#include "compiler/ir.h"

enum { IPV6_HEADER = 40 };

typedef struct form {
	const ns_stmt *stmts;
	int nstmts;
	uint16_t jcode;
	uint32_t k;
	int t, f; /* successors' numbers, -1 for none */
} form;

typedef struct numbering {
	form *forms; /* by number; fresh numbers have no form */
	int count, cap;
	int *table;  /* open addressing, -1 empty */
	int tcap;
} numbering;

static uint32_t form_hash(const form *x)
{
	uint32_t h = 2166136261u;
	h = ns_hash_mix(h, x->jcode);
	h = ns_hash_mix(h, x->k);
	h = ns_hash_mix(h, (uint32_t)x->t);
	h = ns_hash_mix(h, (uint32_t)x->f);
	return ns_stmts_hash(h, x->stmts, x->nstmts);
}

static bool form_same(const form *p, const form *q)
{
	return p->jcode == q->jcode && p->k == q->k && p->t == q->t && p->f == q->f &&
	       p->nstmts == q->nstmts && ns_stmts_equal(p->stmts, q->stmts, p->nstmts);
}

static int number_of(numbering *nb, const form *x)
{
	uint32_t h = form_hash(x) & (uint32_t)(nb->tcap - 1);
	while (nb->table[h] >= 0) {
		if (form_same(&nb->forms[nb->table[h]], x))
			return nb->table[h];
		h = (h + 1) & (uint32_t)(nb->tcap - 1);
	}
	nb->forms[nb->count] = *x;
	nb->table[h] = nb->count;
	return nb->count++;
}

static int fresh_number(numbering *nb)
{
	nb->forms[nb->count] = (form){NULL, 0, 0, 0, -2, -2};
	return nb->count++;
}

static bool jump_reads_x(const ns_block *b)
{
	if (ns_block_is_ret(b))
		return NS_BPF_RVAL(b->jcode) == NS_BPF_X;
	return !ns_block_is_ja(b) && NS_BPF_SRC(b->jcode) == NS_BPF_X;
}

/* Reverse postorder of the reachable blocks; sets each block's aux to its place. */
static int reachable(ns_ir *ir, ns_block **out)
{
	int n = ns_ir_rpo(ir, out);
	for (int i = 0; i < n; i++)
		out[i]->aux = i;
	return n;
}

/* Splits a block after its last write of X when statements reading X follow, so that the
 * IPv4 test behind `ldxb` starts a block another path can jump into. */
static void split_after_x_writes(ns_ir *ir, ns_block **order, int n)
{
	for (int i = 0; i < n; i++) {
		ns_block *b = order[i];
		int last = -1;
		for (int s = 0; s < b->nstmts; s++)
			if (ns_writes_x(b->stmts[s].code))
				last = s;
		if (last < 0 || last == b->nstmts - 1)
			continue;
		bool tail_reads_x = jump_reads_x(b);
		for (int s = last + 1; s < b->nstmts; s++)
			tail_reads_x |= ns_reads_x(b->stmts[s].code);
		if (!tail_reads_x)
			continue;
		ns_block *tail = ns_ir_block(ir);
		tail->stmts = b->stmts + last + 1;
		tail->nstmts = b->nstmts - last - 1;
		tail->cap = tail->nstmts;
		tail->jcode = b->jcode;
		tail->k = b->k;
		tail->jt = b->jt;
		tail->jf = b->jf;
		tail->was_test = b->was_test;
		b->nstmts = last + 1;
		b->cap = b->nstmts;
		b->jcode = NS_BPF_JMP | NS_BPF_JA;
		b->k = 0;
		b->jt = tail;
		b->jf = NULL;
	}
}

/* The block's form with X = 40 on entry, or false when X's own value is read. */
static bool x40_form(ns_ir *ir, const ns_block *b, const int *plain, const int *x40, form *out)
{
	ns_stmt *s = ns_alloc_uninit(ir->ctx, (size_t)(b->nstmts + 1) * sizeof(*s));
	bool written = false;
	for (int i = 0; i < b->nstmts; i++) {
		ns_stmt st = b->stmts[i];
		if (!written) {
			if (ns_reads_x(st.code))
				return false;
			if (NS_BPF_CLASS(st.code) == NS_BPF_LD && NS_BPF_MODE(st.code) == NS_BPF_ABS &&
			    st.k >= IPV6_HEADER)
				st = (ns_stmt){(uint16_t)(NS_BPF_LD | NS_BPF_IND | NS_BPF_SIZE(st.code)),
					       st.k - IPV6_HEADER};
			written = ns_writes_x(st.code);
		}
		s[i] = st;
	}
	if (!written && jump_reads_x(b))
		return false;
	const int *succ = written ? plain : x40;
	*out = (form){s, b->nstmts, b->jcode, b->k, -1, -1};
	if (!ns_block_is_ret(b)) {
		out->t = succ[b->jt->aux];
		if (!ns_block_is_ja(b))
			out->f = succ[b->jf->aux];
	}
	return true;
}

typedef struct walk {
	ns_ir *ir;
	ns_block **order;
	const int *plain, *x40, *first;
	int n;
	ns_block **via; /* the `ldx #40` block standing for a copy, by the copy's place */
	ns_block **vias; /* the same blocks, in creation order */
	int nvias;
	char *seen;
	ns_block **stack;
	int top;
} walk;

/* The block an edge into b should reach; queues what the walk has to visit next. */
static ns_block *enter(walk *w, ns_block *b)
{
	int i = b->aux;
	int twin = w->x40[i] != w->plain[i] ? w->first[w->x40[i]] : -1;
	ns_block *go = b;
	if (twin >= 0 && twin != i) {
		if (!w->via[i]) {
			ns_block *v = ns_ir_block(w->ir);
			ns_ir_stmt(w->ir, v, NS_BPF_LDX | NS_BPF_IMM, IPV6_HEADER);
			v->jt = w->order[twin];
			w->via[i] = v;
			w->vias[w->nvias++] = v;
		}
		go = w->via[i];
		i = twin;
	}
	if (!w->seen[i]) {
		w->seen[i] = 1;
		w->stack[w->top++] = w->order[i];
	}
	return go;
}

/* Hoisting: `ldx #40` in a block of its own costs the instruction and often a jump. The
 * IPv6 Next Header tests that lead to it usually start in one block whose other exits never
 * read X (they reject, or set X again): there the statement can go at the end, and the block
 * of its own becomes an empty jump that emission drops. Every statement hoisted is the same
 * `ldx #40`, so a path into an emptied block always carries the 40 its twin expects.
 *
 * The climb from a block v goes up through empty tests with a single predecessor, which
 * cannot change X; it ends when all the paths into v meet in one block. */
typedef struct graph {
	ns_block **order;
	int n;
	int *pred_start, *preds; /* predecessors of order[i]: preds[pred_start[i] .. pred_start[i+1]) */
} graph; /* and each block's mark: what is live on entry (ns_ir_liveness) */

static bool exit_ok(const ns_block *e, const char *in_region, const ns_block *v)
{
	return e == v || in_region[e->aux] || !(e->mark & NS_LIVE_X);
}

static bool exits_ok(const ns_block *b, const char *in_region, const ns_block *v)
{
	if (ns_block_is_ret(b))
		return false;
	if (!exit_ok(b->jt, in_region, v))
		return false;
	return ns_block_is_ja(b) || exit_ok(b->jf, in_region, v);
}

static bool ends_with_ldx40(const ns_block *b)
{
	return b->nstmts > 0 && b->stmts[b->nstmts - 1].code == (NS_BPF_LDX | NS_BPF_IMM) &&
	       b->stmts[b->nstmts - 1].k == IPV6_HEADER;
}

static void hoist_one(ns_ir *ir, const graph *gr, ns_block *v, char *in_region, int *frontier,
		      int *touched)
{
	int i = v->aux, nf = 0, nt = 0;
	for (int p = gr->pred_start[i]; p < gr->pred_start[i + 1]; p++)
		frontier[nf++] = gr->preds[p];
	bool ok = nf > 0;
	int head = -1;
	while (ok && nf > 0) {
		int q = frontier[--nf];
		if (in_region[q] || q == head)
			continue;
		ns_block *b = gr->order[q];
		int np = gr->pred_start[q + 1] - gr->pred_start[q];
		bool climbable = b->nstmts == 0 && !ns_block_is_ja(b) && !ns_block_is_ret(b) && np == 1 &&
				 NS_BPF_SRC(b->jcode) == NS_BPF_K;
		if (climbable) {
			in_region[q] = 1;
			touched[nt++] = q;
			frontier[nf++] = gr->preds[gr->pred_start[q]];
		} else if (head < 0) {
			head = q;
		} else {
			ok = false; /* the paths into v meet in no single block */
		}
	}
	ns_block *h = head >= 0 ? gr->order[head] : NULL;
	ok = ok && h && !ns_block_is_ret(h) &&
	     (ns_block_is_ja(h) || NS_BPF_SRC(h->jcode) == NS_BPF_K) && exits_ok(h, in_region, v);
	for (int t = 0; ok && t < nt; t++)
		ok = exits_ok(gr->order[touched[t]], in_region, v);
	for (int t = 0; t < nt; t++)
		in_region[touched[t]] = 0;
	if (!ok)
		return;
	if (!ends_with_ldx40(h))
		ns_ir_stmt(ir, h, NS_BPF_LDX | NS_BPF_IMM, IPV6_HEADER);
	v->nstmts = 0;
}

static void hoist_ldx(ns_ir *ir, ns_block **vias, int nvias)
{
	ns_ctx *ctx = ir->ctx;
	graph gr;
	gr.order = ns_alloc(ctx, (size_t)(ir->nblocks + 1) * sizeof(*gr.order));
	gr.n = reachable(ir, gr.order);
	int n = gr.n;
	gr.pred_start = ns_alloc(ctx, (size_t)(n + 2) * sizeof(int));
	gr.preds = ns_alloc(ctx, (size_t)(2 * n + 1) * sizeof(int));
	for (int i = 0; i < n; i++) {
		ns_block *b = gr.order[i];
		if (ns_block_is_ret(b))
			continue;
		gr.pred_start[b->jt->aux + 2]++;
		if (!ns_block_is_ja(b) && b->jf != b->jt)
			gr.pred_start[b->jf->aux + 2]++;
	}
	for (int i = 0; i < n; i++)
		gr.pred_start[i + 2] += gr.pred_start[i + 1];
	for (int i = 0; i < n; i++) {
		ns_block *b = gr.order[i];
		if (ns_block_is_ret(b))
			continue;
		gr.preds[gr.pred_start[b->jt->aux + 1]++] = i;
		if (!ns_block_is_ja(b) && b->jf != b->jt)
			gr.preds[gr.pred_start[b->jf->aux + 1]++] = i;
	}
	ns_ir_liveness(gr.order, n);
	char *in_region = ns_alloc(ctx, (size_t)n + 1);
	int *frontier = ns_alloc(ctx, (size_t)(2 * n + 1) * sizeof(int));
	int *touched = ns_alloc(ctx, (size_t)(n + 1) * sizeof(int));
	for (int k = 0; k < nvias; k++)
		if (gr.order[vias[k]->aux] == vias[k])
			hoist_one(ir, &gr, vias[k], in_region, frontier, touched);
}

void ns_opt_share_x(ns_ir *ir)
{
	ns_ctx *ctx = ir->ctx;
	ns_block **order = ns_alloc(ctx, (size_t)(ir->nblocks + 1) * sizeof(*order));
	int n = reachable(ir, order);
	split_after_x_writes(ir, order, n);
	order = ns_alloc(ctx, (size_t)(ir->nblocks + 1) * sizeof(*order));
	n = reachable(ir, order);

	numbering nb = {0};
	nb.cap = 2 * n + 2;
	nb.forms = ns_alloc_uninit(ctx, (size_t)nb.cap * sizeof(*nb.forms));
	nb.tcap = 1;
	while (nb.tcap < 2 * nb.cap)
		nb.tcap <<= 1;
	nb.table = ns_alloc_uninit(ctx, (size_t)nb.tcap * sizeof(*nb.table));
	memset(nb.table, 0xff, (size_t)nb.tcap * sizeof(*nb.table));
	int *plain = ns_alloc(ctx, (size_t)n * sizeof(*plain));
	int *x40 = ns_alloc(ctx, (size_t)n * sizeof(*x40));
	for (int i = n - 1; i >= 0; i--) {
		const ns_block *b = order[i];
		form p = {b->stmts, b->nstmts, b->jcode, b->k, -1, -1};
		if (!ns_block_is_ret(b)) {
			p.t = plain[b->jt->aux];
			if (!ns_block_is_ja(b))
				p.f = plain[b->jf->aux];
		}
		plain[i] = number_of(&nb, &p);
		form x;
		x40[i] = x40_form(ir, b, plain, x40, &x) ? number_of(&nb, &x) : fresh_number(&nb);
	}
	/* The topmost block of each plain number is the one others jump into. */
	int *first = ns_alloc(ctx, (size_t)nb.count * sizeof(*first));
	for (int i = 0; i < nb.count; i++)
		first[i] = -1;
	for (int i = 0; i < n; i++)
		if (first[plain[i]] < 0)
			first[plain[i]] = i;

	/* From the root down, every edge into an IPv6 copy goes to `ldx #40` in front of its IPv4
	 * twin; the copy, no longer reached, is dropped by emission. */
	walk w = {.ir = ir, .order = order, .plain = plain, .x40 = x40, .first = first, .n = n};
	w.via = ns_alloc(ctx, (size_t)n * sizeof(*w.via));
	w.vias = ns_alloc(ctx, (size_t)n * sizeof(*w.vias));
	w.seen = ns_alloc(ctx, (size_t)n + 1);
	w.stack = ns_alloc(ctx, (size_t)(n + 1) * sizeof(*w.stack));
	ir->root = enter(&w, ir->root);
	while (w.top) {
		ns_block *b = w.stack[--w.top];
		if (ns_block_is_ret(b))
			continue;
		b->jt = enter(&w, b->jt);
		if (!ns_block_is_ja(b))
			b->jf = enter(&w, b->jf);
	}
	if (w.nvias)
		hoist_ldx(ir, w.vias, w.nvias);
}
