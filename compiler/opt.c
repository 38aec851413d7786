/* The optimizer: one forward pass over the block DAG in topological order that
 * - removes reloads of a value already in A or X on every path (redundant `ldh [12]`,
 *   `ldxb 4*([14]&0xf)`), folds constant arithmetic,
 * - decides tests whose outcome is already known on every path into the block (the ethertype
 *   test repeated in `host a or host b`), turning them into unconditional jumps,
 * - threads each edge past tests that the facts known on that edge decide, or that test a
 *   constant, when skipping the blocks leaves A and X as the target needs them,
 * then rounds of dead-store removal and tail merging, and dead code disappears with the blocks
 * no path reaches any more (emission only lays out reachable blocks).
 *
 * Facts are about packet bytes, which never change while a program runs, so a fact learnt on
 * a path stays true to its end; a block's facts are those common to all its incoming edges,
 * capped at NS_OPT_MAXFACTS (the most recent) so the pass stays linear in the program size.
 *
 * Which loads remain decides the verdict on a truncated packet (a load past the captured
 * bytes rejects it), and the reference for `-O` is libpcap 1.10's optimized program: so, as
 * its dead-store pass does, a statement whose result nobody reads goes, packet loads and
 * divisions included, and, as its opt_root does, the load of the program's first test stays
 * when that test goes (docs/filter-semantics.md, "The optimizer"). */
#include <string.h>

#include "compiler/ir.h"

enum { NS_OPT_MAXFACTS = 24 };

typedef enum sigkind { SIG_UNKNOWN, SIG_LOAD, SIG_CONST, SIG_MSH } sigkind;

/* What a register holds: (load(code, k) & mask), a constant, or 4*(P[k]&0xf). An indexed
 * load also names what X held (xkind, xk: a constant or 4*(P[xk]&0xf)), which is enough to
 * identify the bytes it read. */
typedef struct sig {
	uint8_t kind;
	uint8_t xkind;
	uint16_t code;
	uint32_t k, mask, xk;
} sig;

typedef struct fact {
	sig s;
	uint16_t op; /* NS_BPF_JEQ, JGT, JGE, JSET */
	uint32_t v;
	bool truth;
} fact;

typedef struct bstate {
	bool seeded;
	int nf;
	fact f[NS_OPT_MAXFACTS];
	sig a, x;
} bstate;

static bool sig_eq(sig p, sig q)
{
	return p.kind != SIG_UNKNOWN && p.kind == q.kind && p.code == q.code && p.k == q.k &&
	       p.mask == q.mask && p.xkind == q.xkind && p.xk == q.xk;
}

static const sig unknown = {SIG_UNKNOWN, 0, 0, 0, 0, 0};

static bool alu_fold(uint16_t op, uint32_t a, uint32_t k, uint32_t *out)
{
	switch (op) {
	case NS_BPF_ADD: *out = a + k; return true;
	case NS_BPF_SUB: *out = a - k; return true;
	case NS_BPF_MUL: *out = a * k; return true;
	case NS_BPF_DIV: if (!k) return false; *out = a / k; return true;
	case NS_BPF_MOD: if (!k) return false; *out = a % k; return true;
	case NS_BPF_AND: *out = a & k; return true;
	case NS_BPF_OR: *out = a | k; return true;
	case NS_BPF_XOR: *out = a ^ k; return true;
	case NS_BPF_LSH: if (k > 31) return false; *out = a << k; return true;
	case NS_BPF_RSH: if (k > 31) return false; *out = a >> k; return true;
	case NS_BPF_NEG: *out = (uint32_t)-a; return true;
	default: return false;
	}
}

/* Runs b's statements over (A, X) = (*a, *x). With rewrite, drops the redundant ones and folds
 * constants in place. Returns true when every statement was redundant (the block changes
 * nothing but may still test). */
static bool simulate(ns_block *b, sig *a, sig *x, bool rewrite)
{
	int out = 0;
	bool all_redundant = true;
	/* scratch cells written in this block (cells are not tracked across blocks) */
	sig mem[NS_BPF_MEMWORDS];
	for (int r = 0; r < NS_BPF_MEMWORDS; r++)
		mem[r] = unknown;
	for (int i = 0; i < b->nstmts; i++) {
		ns_stmt s = b->stmts[i];
		uint16_t c = s.code;
		bool drop = false;
		switch (NS_BPF_CLASS(c)) {
		case NS_BPF_LD:
			if (NS_BPF_MODE(c) == NS_BPF_ABS ||
			    (NS_BPF_MODE(c) == NS_BPF_IND && (x->kind == SIG_MSH || x->kind == SIG_CONST))) {
				sig n = {SIG_LOAD, 0, c, s.k, 0xffffffffu, 0};
				if (NS_BPF_MODE(c) == NS_BPF_IND) {
					n.xkind = x->kind;
					n.xk = x->k;
				}
				/* `ld [k]; and #m` when A already holds load(k) & m */
				if (i + 1 < b->nstmts && b->stmts[i + 1].code == (NS_BPF_ALU | NS_BPF_AND | NS_BPF_K)) {
					sig nm = n;
					nm.mask = b->stmts[i + 1].k;
					if (sig_eq(*a, nm)) {
						i++;
						drop = true;
						break;
					}
				}
				if (sig_eq(*a, n))
					drop = true;
				else
					*a = n;
			} else if (NS_BPF_MODE(c) == NS_BPF_IMM) {
				sig n = {SIG_CONST, 0, 0, s.k, 0, 0};
				if (sig_eq(*a, n))
					drop = true;
				else
					*a = n;
			} else if (NS_BPF_MODE(c) == NS_BPF_LEN) {
				sig n = {SIG_LOAD, 0, c, 0, 0xffffffffu, 0};
				if (sig_eq(*a, n))
					drop = true;
				else
					*a = n;
			} else if (NS_BPF_MODE(c) == NS_BPF_MEM && s.k < NS_BPF_MEMWORDS) {
				*a = mem[s.k];
			} else {
				*a = unknown;
			}
			break;
		case NS_BPF_LDX:
			if (NS_BPF_MODE(c) == NS_BPF_MSH) {
				sig n = {SIG_MSH, 0, c, s.k, 0, 0};
				if (sig_eq(*x, n))
					drop = true;
				else
					*x = n;
			} else if (NS_BPF_MODE(c) == NS_BPF_IMM) {
				sig n = {SIG_CONST, 0, 0, s.k, 0, 0};
				if (sig_eq(*x, n))
					drop = true;
				else
					*x = n;
			} else if (NS_BPF_MODE(c) == NS_BPF_MEM && s.k < NS_BPF_MEMWORDS) {
				*x = mem[s.k];
			} else {
				*x = unknown;
			}
			break;
		case NS_BPF_ALU: {
			uint16_t op = NS_BPF_OP(c);
			uint32_t v;
			bool a_zero = a->kind == SIG_CONST && a->k == 0;
			bool x_zero = x->kind == SIG_CONST && x->k == 0;
			bool k_src = NS_BPF_SRC(c) == NS_BPF_K;
			if (k_src && op == NS_BPF_AND && a->kind == SIG_LOAD) {
				a->mask &= s.k;
				if (a->mask == 0) {
					/* libpcap turns `and #0` into `ld #0`, which kills the load */
					*a = (sig){SIG_CONST, 0, 0, 0, 0, 0};
					if (rewrite) {
						s.code = NS_BPF_LD | NS_BPF_IMM;
						s.k = 0;
					}
				}
			} else if (((op == NS_BPF_AND || op == NS_BPF_MUL) &&
				    (k_src ? s.k == 0 : x_zero)) ||
				   (a_zero && (op == NS_BPF_AND || op == NS_BPF_MUL || op == NS_BPF_DIV || op == NS_BPF_MOD ||
					       op == NS_BPF_LSH || op == NS_BPF_RSH))) {
				/* x & 0, x * 0, 0 op x: 0 whatever x is (a division by a zero X ends
				 * the program before anyone sees A). These are the rules libpcap's
				 * optimizer applies (0 % x included), so both refuse the same filters as
				 * matching nothing. */
				*a = (sig){SIG_CONST, 0, 0, 0, 0, 0};
				if (rewrite && k_src && s.k == 0) {
					s.code = NS_BPF_LD | NS_BPF_IMM;
					s.k = 0;
				}
			} else if (a->kind == SIG_CONST && (NS_BPF_SRC(c) == NS_BPF_K || op == NS_BPF_NEG) &&
				   alu_fold(op, a->k, s.k, &v)) {
				a->k = v;
				if (rewrite) {
					s.code = NS_BPF_LD | NS_BPF_IMM;
					s.k = v;
				}
			} else if (a->kind == SIG_CONST && NS_BPF_SRC(c) == NS_BPF_X && x->kind == SIG_CONST &&
				   alu_fold(op, a->k, x->k, &v)) {
				a->k = v;
				if (rewrite) {
					s.code = NS_BPF_LD | NS_BPF_IMM;
					s.k = v;
				}
			} else {
				*a = unknown;
			}
			all_redundant = false;
			break;
		}
		case NS_BPF_MISC:
			if (NS_BPF_MISCOP(c) == NS_BPF_TAX) {
				if (sig_eq(*x, *a))
					drop = true;
				else
					*x = *a;
			} else {
				if (sig_eq(*a, *x))
					drop = true;
				else
					*a = *x;
			}
			break;
		case NS_BPF_ST:
			if (s.k < NS_BPF_MEMWORDS)
				mem[s.k] = *a;
			all_redundant = false;
			break;
		case NS_BPF_STX:
			if (s.k < NS_BPF_MEMWORDS)
				mem[s.k] = *x;
			all_redundant = false;
			break;
		default:
			all_redundant = false;
			break;
		}
		if (!drop) {
			if (NS_BPF_CLASS(c) != NS_BPF_ALU && NS_BPF_CLASS(c) != NS_BPF_ST &&
			    NS_BPF_CLASS(c) != NS_BPF_STX)
				all_redundant = false;
			if (rewrite)
				b->stmts[out++] = s;
		}
	}
	if (rewrite)
		b->nstmts = out;
	return all_redundant;
}

/* Does what is known decide "A op k"? Returns -1 (no), 0 (false) or 1 (true). */
static int decide(const fact *f, int nf, sig a, uint16_t op, uint32_t k)
{
	if (a.kind == SIG_CONST) {
		switch (op) {
		case NS_BPF_JEQ: return a.k == k;
		case NS_BPF_JGT: return a.k > k;
		case NS_BPF_JGE: return a.k >= k;
		case NS_BPF_JSET: return (a.k & k) != 0;
		}
		return -1;
	}
	if (a.kind != SIG_LOAD)
		return -1;
	for (int i = nf - 1; i >= 0; i--) {
		const fact *p = &f[i];
		if (!sig_eq(p->s, a))
			continue;
		if (p->op == op && p->v == k)
			return p->truth;
		/* Only what libpcap's optimizer also infers: the same test, and "A == v" deciding
		 * "A == k". Inferring more would refuse as matching nothing filters that tcpdump
		 * accepts. */
		if (p->op == NS_BPF_JEQ && p->truth && op == NS_BPF_JEQ)
			return p->v == k;
	}
	return -1;
}

static void add_fact(fact *f, int *nf, fact n)
{
	if (*nf == NS_OPT_MAXFACTS) {
		memmove(f, f + 1, (NS_OPT_MAXFACTS - 1) * sizeof(*f));
		(*nf)--;
	}
	f[(*nf)++] = n;
}

static void push(bstate *t, const fact *f, int nf, sig a, sig x)
{
	if (!t->seeded) {
		t->seeded = true;
		if (nf)
			memcpy(t->f, f, (size_t)nf * sizeof(*f));
		t->nf = nf;
		t->a = a;
		t->x = x;
		return;
	}
	int out = 0;
	for (int i = 0; i < t->nf; i++) {
		bool keep = false;
		for (int j = 0; j < nf && !keep; j++)
			keep = sig_eq(t->f[i].s, f[j].s) && t->f[i].op == f[j].op && t->f[i].v == f[j].v &&
			       t->f[i].truth == f[j].truth;
		if (keep)
			t->f[out++] = t->f[i];
	}
	t->nf = out;
	if (!sig_eq(t->a, a))
		t->a = unknown;
	if (!sig_eq(t->x, x))
		t->x = unknown;
}

static bool is_cond(const ns_block *b)
{
	return !ns_block_is_ret(b) && !ns_block_is_ja(b) && NS_BPF_SRC(b->jcode) == NS_BPF_K;
}

/* Register use of one statement. */
static bool reads_a(uint16_t c)
{
	switch (NS_BPF_CLASS(c)) {
	case NS_BPF_ALU: case NS_BPF_ST: return true;
	case NS_BPF_MISC: return NS_BPF_MISCOP(c) == NS_BPF_TAX;
	default: return false;
	}
}
static bool writes_a(uint16_t c)
{
	return NS_BPF_CLASS(c) == NS_BPF_LD || NS_BPF_CLASS(c) == NS_BPF_ALU ||
	       (NS_BPF_CLASS(c) == NS_BPF_MISC && NS_BPF_MISCOP(c) == NS_BPF_TXA);
}
static bool reads_x(uint16_t c)
{
	switch (NS_BPF_CLASS(c)) {
	case NS_BPF_LD: return NS_BPF_MODE(c) == NS_BPF_IND;
	case NS_BPF_ALU: return NS_BPF_SRC(c) == NS_BPF_X && NS_BPF_OP(c) != NS_BPF_NEG;
	case NS_BPF_STX: return true;
	case NS_BPF_MISC: return NS_BPF_MISCOP(c) == NS_BPF_TXA;
	default: return false;
	}
}
static bool writes_x(uint16_t c)
{
	return NS_BPF_CLASS(c) == NS_BPF_LDX ||
	       (NS_BPF_CLASS(c) == NS_BPF_MISC && NS_BPF_MISCOP(c) == NS_BPF_TAX);
}

/* Liveness bits: A (bit 0), X (bit 1) and scratch cell k (bit 2 + k); KEEP_STORES marks every
 * store useful (ns_ir.keep_stores). */
enum { KEEP_STORES = 1 << 30 };
static int mem_bit(uint32_t k)
{
	return k < NS_BPF_MEMWORDS ? 1 << (2 + k) : 0;
}
static bool reads_mem(uint16_t c)
{
	return (NS_BPF_CLASS(c) == NS_BPF_LD || NS_BPF_CLASS(c) == NS_BPF_LDX) &&
	       NS_BPF_MODE(c) == NS_BPF_MEM;
}
static bool is_store(uint16_t c)
{
	return NS_BPF_CLASS(c) == NS_BPF_ST || NS_BPF_CLASS(c) == NS_BPF_STX;
}
/* What is live before statement s, given what is live after it. */
static int live_before(ns_stmt s, int live)
{
	uint16_t c = s.code;
	if (writes_a(c))
		live &= ~1;
	if (writes_x(c))
		live &= ~2;
	if (is_store(c))
		live &= ~mem_bit(s.k);
	if (reads_a(c))
		live |= 1;
	if (reads_x(c))
		live |= 2;
	if (reads_mem(c))
		live |= mem_bit(s.k);
	return live;
}
/* Whether statement s computes something live after it (libpcap's dead-store rule: a packet
 * load nobody reads goes too). */
static bool stmt_useful(ns_stmt s, int live)
{
	uint16_t c = s.code;
	return (is_store(c) && (live & mem_bit(s.k) || (live & KEEP_STORES))) || (writes_a(c) && (live & 1)) ||
	       (writes_x(c) && (live & 2));
}

/* Live-in of A (bit 0) and X (bit 1) for each block, from its successors' (in b->mark). */
static int live_in(const ns_block *b)
{
	int out = 0;
	if (!ns_block_is_ret(b)) {
		out = b->jt ? b->jt->mark : 0;
		if (!ns_block_is_ja(b) && b->jf)
			out |= b->jf->mark;
		if (!ns_block_is_ja(b)) {
			out |= 1;
			if (NS_BPF_SRC(b->jcode) == NS_BPF_X)
				out |= 2;
		}
	}
	for (int i = b->nstmts - 1; i >= 0; i--)
		out = live_before(b->stmts[i], out);
	return out;
}

static bool is_pure_load(const ns_block *b, sig *s)
{
	if (b->nstmts < 1 || b->nstmts > 2)
		return false;
	uint16_t c = b->stmts[0].code;
	if (NS_BPF_CLASS(c) != NS_BPF_LD || NS_BPF_MODE(c) != NS_BPF_ABS)
		return false;
	*s = (sig){SIG_LOAD, 0, c, b->stmts[0].k, 0xffffffffu, 0};
	if (b->nstmts == 2) {
		if (b->stmts[1].code != (NS_BPF_ALU | NS_BPF_AND | NS_BPF_K))
			return false;
		s->mask = b->stmts[1].k;
	}
	return true;
}

static bool loaded_before(const fact *f, int nf, sig s)
{
	for (int i = 0; i < nf; i++)
		if (f[i].s.kind == SIG_LOAD && f[i].s.code == s.code && f[i].s.k == s.k &&
		    f[i].s.xkind == s.xkind && f[i].s.xk == s.xk)
			return true;
	return false;
}

/* Follows an edge as far as the facts on it decide the tests met. A block may be skipped when
 * its statements only reload what A and X hold, or when they only load into A a value whose
 * load already succeeded on this path and nothing after the final target reads A before
 * writing it (mark holds the original graph's register liveness). */
/* Whether a block's statements can neither end the program (packet loads, division by X) nor
 * change scratch memory: skipping it then only changes what A and X hold. */
static bool cannot_fail(const ns_block *b)
{
	for (int i = 0; i < b->nstmts; i++) {
		uint16_t c = b->stmts[i].code;
		switch (NS_BPF_CLASS(c)) {
		case NS_BPF_LD: case NS_BPF_LDX:
			if (NS_BPF_MODE(c) != NS_BPF_IMM && NS_BPF_MODE(c) != NS_BPF_LEN &&
			    NS_BPF_MODE(c) != NS_BPF_MEM)
				return false;
			break;
		case NS_BPF_ALU:
			if (NS_BPF_SRC(c) == NS_BPF_X &&
			    (NS_BPF_OP(c) == NS_BPF_DIV || NS_BPF_OP(c) == NS_BPF_MOD))
				return false;
			break;
		case NS_BPF_MISC:
			break;
		default:
			return false;
		}
	}
	return true;
}

static ns_block *thread(ns_block *t, const fact *f, int nf, sig a, sig x, int budget)
{
	ns_block *best = t;
	int dirty = 0; /* registers (A bit 0, X bit 1) the skipped blocks would have changed */
	while (budget-- > 0 && !ns_block_is_ret(t)) {
		sig ta = a, tx = x;
		int changes = 0;
		if (t->nstmts && !simulate(t, &ta, &tx, false)) {
			sig ls;
			if (is_cond(t) && is_pure_load(t, &ls) && loaded_before(f, nf, ls)) {
				ta = ls;
				changes = 1;
			} else if (cannot_fail(t)) {
				/* a constant test (`ld #5; jeq #0x80`): libpcap decides it on
				 * every edge into it, whatever the block computes */
				ta = a;
				tx = x;
				simulate(t, &ta, &tx, false);
				changes = 3;
			} else {
				break;
			}
		}
		if (ns_block_is_ja(t)) {
			t = t->jt;
		} else {
			if (!is_cond(t))
				break;
			int d = decide(f, nf, ta, NS_BPF_OP(t->jcode), t->k);
			if (d < 0)
				break;
			t = d ? t->jt : t->jf;
		}
		dirty |= changes;
		if (!(t->mark & dirty))
			best = t;
	}
	return best;
}

static int order(ns_ir *ir, ns_block **out)
{
	int n = 0, top = 0;
	ns_block **stack = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*stack));
	ns_block **post = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*post));
	char *state = ns_alloc(ir->ctx, (size_t)ir->nblocks + 1);
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

/* Removes statements whose result nobody reads (libpcap's dead-store rule: packet loads,
 * divisions and scratch stores included; in protochain programs every store stays), and turns
 * a test whose two outcomes lead to the same place into a jump. Returns whether anything
 * changed. */
static ns_block *skip_empty(ns_block *b)
{
	while (ns_block_is_ja(b) && b->nstmts == 0 && b->jt)
		b = b->jt;
	return b;
}

static bool dead_writes(ns_ir *ir)
{
	ns_block **topo = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*topo));
	int n = order(ir, topo);
	bool changed = false;
	for (int i = n - 1; i >= 0; i--) {
		ns_block *b = topo[i];
		if (!ns_block_is_ret(b)) {
			b->jt = skip_empty(b->jt);
			if (!ns_block_is_ja(b))
				b->jf = skip_empty(b->jf);
		}
		/* a test whose two outcomes go to the same place decides nothing */
		if (!ns_block_is_ret(b) && !ns_block_is_ja(b) && b->jt == b->jf) {
			b->jcode = NS_BPF_JMP | NS_BPF_JA;
			b->k = 0;
			b->jf = NULL;
			changed = true;
		}
		int live = ir->keep_stores ? KEEP_STORES : 0;
		if (!ns_block_is_ret(b)) {
			live |= b->jt->mark;
			if (!ns_block_is_ja(b)) {
				live |= b->jf->mark | 1;
				if (NS_BPF_SRC(b->jcode) == NS_BPF_X)
					live |= 2;
			}
		}
		int out = b->nstmts;
		bool *keep = ns_alloc(ir->ctx, (size_t)b->nstmts + 1);
		for (int s = b->nstmts - 1; s >= 0; s--) {
			keep[s] = stmt_useful(b->stmts[s], live);
			if (!keep[s]) {
				out--;
				continue;
			}
			live = live_before(b->stmts[s], live);
		}
		if (out != b->nstmts) {
			changed = true;
			int k = 0;
			for (int s = 0; s < b->nstmts; s++)
				if (keep[s])
					b->stmts[k++] = b->stmts[s];
			b->nstmts = k;
		}
		b->mark = live;
	}
	ir->root = skip_empty(ir->root);
	return changed;
}

/* Merges blocks with the same statements, test and successors (bottom-up, so whole identical
 * tails collapse), with a hash table over the reachable blocks. */
static uint32_t block_hash(const ns_block *b)
{
	uint32_t h = 2166136261u;
#define MIX(v) (h = (h ^ (uint32_t)(v)) * 16777619u)
	MIX(b->jcode);
	MIX(b->k);
	MIX(b->jt ? b->jt->id : -1);
	MIX(!ns_block_is_ja(b) && b->jf ? b->jf->id : -1);
	MIX(b->nstmts);
	for (int i = 0; i < b->nstmts; i++) {
		MIX(b->stmts[i].code);
		MIX(b->stmts[i].k);
	}
#undef MIX
	return h;
}

static bool block_same(const ns_block *p, const ns_block *q)
{
	if (p->jcode != q->jcode || p->k != q->k || p->nstmts != q->nstmts)
		return false;
	if (!ns_block_is_ret(p)) {
		if (p->jt != q->jt)
			return false;
		if (!ns_block_is_ja(p) && p->jf != q->jf)
			return false;
	}
	return p->nstmts == 0 || memcmp(p->stmts, q->stmts, (size_t)p->nstmts * sizeof(ns_stmt)) == 0;
}

static bool merge_tails(ns_ir *ir)
{
	ns_block **topo = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*topo));
	int n = order(ir, topo);
	int cap = 1;
	while (cap < 2 * n)
		cap <<= 1;
	ns_block **table = ns_alloc(ir->ctx, (size_t)cap * sizeof(*table));
	ns_block **canon = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*canon));
	bool merged = false;
	for (int i = n - 1; i >= 0; i--) {
		ns_block *b = topo[i];
		if (!ns_block_is_ret(b)) {
			b->jt = canon[b->jt->aux] ? canon[b->jt->aux] : b->jt;
			if (!ns_block_is_ja(b))
				b->jf = canon[b->jf->aux] ? canon[b->jf->aux] : b->jf;
		}
		uint32_t h = block_hash(b) & (uint32_t)(cap - 1);
		while (table[h] && !block_same(table[h], b))
			h = (h + 1) & (uint32_t)(cap - 1);
		if (!table[h])
			table[h] = b;
		else
			merged = true;
		canon[b->aux] = table[h];
	}
	ir->root = canon[ir->root->aux];
	return merged;
}

/* libpcap never deletes the test its program starts with: when that test is decided, or both
 * its outcomes lead to the same place, libpcap moves the start to the common successor and
 * puts the old first block's statements in front of it, the load the test read included
 * (unless the program is then a bare return). On a short packet that load still rejects, so
 * to give libpcap's verdicts we keep it too: the root's statements, minus those whose result
 * is overwritten before use, go back in front of the chain of jumps that replaced the test. */
static void keep_root_loads(ns_ir *ir, ns_block *root0, const ns_stmt *snap, int n)
{
	if (!root0->was_test || !ns_block_is_ja(root0) || n == 0)
		return;
	ns_block *b = root0;
	while (!ns_block_is_ret(b) && ns_block_is_ja(b))
		b = b->jt;
	if (ns_block_is_ret(b))
		return;
	int live = 1 | (root0->jt->mark & ~1) | (ir->keep_stores ? KEEP_STORES : 0);
	bool *keep = ns_alloc(ir->ctx, (size_t)n + 1);
	for (int i = n - 1; i >= 0; i--) {
		keep[i] = stmt_useful(snap[i], live);
		if (keep[i])
			live = live_before(snap[i], live);
	}
	ns_stmt *out = ns_alloc(ir->ctx, (size_t)n * sizeof(*out));
	int k = 0;
	for (int i = 0; i < n; i++)
		if (keep[i])
			out[k++] = snap[i];
	root0->stmts = out;
	root0->nstmts = k;
	root0->cap = n;
	ir->root = root0;
}

void ns_opt(ns_ir *ir)
{
	if (!ir->root)
		return;
	ns_block **topo = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*topo));
	int n = order(ir, topo);
	bstate *st = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*st));
	/* aux = index in creation order, set by order() */
	st[ir->root->aux].seeded = true;
	st[ir->root->aux].a = unknown;
	st[ir->root->aux].x = unknown;
	fact *tmp = ns_alloc(ir->ctx, (NS_OPT_MAXFACTS + 1) * sizeof(*tmp));
	for (int i = n - 1; i >= 0; i--) {
		topo[i]->mark = live_in(topo[i]);
		topo[i]->was_test = is_cond(topo[i]);
	}
	for (int i = 0; i < n; i++) {
		ns_block *b = topo[i];
		bstate *s = &st[b->aux];
		if (!s->seeded || ns_block_is_ret(b))
			continue;
		sig a = s->a, x = s->x;
		simulate(b, &a, &x, true);
		/* `jop x` with X a known constant is `jop #k` */
		if (!ns_block_is_ret(b) && !ns_block_is_ja(b) && NS_BPF_SRC(b->jcode) == NS_BPF_X &&
		    x.kind == SIG_CONST) {
			b->jcode = (uint16_t)(b->jcode & ~NS_BPF_X);
			b->k = x.k;
		}
		if (ns_block_is_ja(b)) {
			ns_block *t = thread(b->jt, s->f, s->nf, a, x, 64);
			b->jt = t;
			push(&st[t->aux], s->f, s->nf, a, x);
			continue;
		}
		if (is_cond(b)) {
			int d = decide(s->f, s->nf, a, NS_BPF_OP(b->jcode), b->k);
			if (d >= 0) {
				ns_block *t = d ? b->jt : b->jf;
				b->jcode = NS_BPF_JMP | NS_BPF_JA;
				b->k = 0;
				b->jt = thread(t, s->f, s->nf, a, x, 64);
				b->jf = NULL;
				push(&st[b->jt->aux], s->f, s->nf, a, x);
				continue;
			}
		}
		for (int side = 0; side < 2; side++) {
			int nf = s->nf;
			if (nf)
				memcpy(tmp, s->f, (size_t)nf * sizeof(*tmp));
			if (is_cond(b) && a.kind == SIG_LOAD)
				add_fact(tmp, &nf, (fact){a, NS_BPF_OP(b->jcode), b->k, side == 0});
			ns_block **slot = side == 0 ? &b->jt : &b->jf;
			*slot = thread(*slot, tmp, nf, a, x, 64);
			push(&st[(*slot)->aux], tmp, nf, a, x);
		}
	}
	/* The root's statements as the first pass left them, for keep_root_loads. */
	ns_block *root0 = ir->root;
	while (ns_block_is_ja(root0) && root0->nstmts == 0 && !root0->was_test)
		root0 = root0->jt;
	int nroot = root0->nstmts;
	ns_stmt *root_stmts = ns_alloc(ir->ctx, (size_t)(nroot + 1) * sizeof(*root_stmts));
	if (nroot)
		memcpy(root_stmts, root0->stmts, (size_t)nroot * sizeof(*root_stmts));
	/* Each round can expose more: merged tails make both outcomes of a test equal, which
	 * makes its load dead. A few rounds keep the cost linear. */
	for (int round = 0; round < 4; round++) {
		bool changed = dead_writes(ir);
		changed |= merge_tails(ir);
		if (!changed)
			break;
	}
	keep_root_loads(ir, root0, root_stmts, nroot);
}
