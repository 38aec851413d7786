/* The optimizer, in libpcap's two phases. The branch phase: a forward pass over the block DAG
 * in topological order that
 * - decides tests whose outcome is already known on every path into the block (the ethertype
 *   test repeated in `host a or host b`), turning them into unconditional jumps,
 * - threads each edge past tests that the facts known on that edge decide, or that test a
 *   constant, when skipping the blocks leaves A and X as the target needs them,
 * then dead-store removal, then the pull-ups (libpcap's or/and pull-up: the tests of a chain
 * regrouped by the value they test, below), again while they move something. The statement
 * phase: a forward pass that removes reloads of a value already in A or X on every path
 * (redundant `ldh [12]`, `ldxb 4*([14]&0xf)`) and folds constant arithmetic, then rounds of
 * dead-store removal and tail merging; dead code disappears with the blocks no path reaches
 * any more (emission only lays out reachable blocks).
 *
 * Facts are about packet bytes, which never change while a program runs, so a fact learnt on
 * a path stays true to its end; a block's facts are those common to all its incoming edges,
 * capped at NS_OPT_MAXFACTS (the most recent) so the pass stays linear in the program size.
 *
 * Which loads remain decides the verdict on a truncated packet (a load past the captured
 * bytes rejects it), and the reference for `-O` is libpcap 1.10's optimized program: so, as
 * its dead-store pass does, a statement whose result nobody reads goes, packet loads and
 * divisions included; as its opt_root does, the load of the program's first test stays when
 * that test goes; and as its pull-ups do, the tests of a chain are reordered so that each
 * field is read once for all its comparisons (docs/filter-semantics.md, "The optimizer").
 * Every pass is linear in the program's size (the pull-ups: a bounded number of rounds). */
#include <string.h>

#include "compiler/insn_use.h"
#include "compiler/ir.h"

enum { NS_OPT_MAXFACTS = 24, NS_OPT_PULLUP_ROUNDS = 16, NS_OPT_BRANCH_ROUNDS = 4 };
enum { NS_OPT_ABS_LIMIT = 0x10000000 };

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

/* Scratch cells holding a known constant (bit r of known: M[r] == v[r]), followed across
 * blocks: the offsets a shared search keeps in a cell (`ldx #16; stx M[0]`) become
 * constants again once only one protocol's path reaches it. */
typedef struct memconst {
	uint16_t known;
	uint32_t v[NS_BPF_MEMWORDS];
} memconst;

typedef struct bstate {
	bool seeded;
	int nf;
	fact f[NS_OPT_MAXFACTS];
	sig a, x;
	memconst mc;
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

static void note_store(memconst *mc, uint32_t r, sig v)
{
	if (!mc)
		return;
	if (v.kind == SIG_CONST) {
		mc->known |= (uint16_t)(1u << r);
		mc->v[r] = v.k;
	} else {
		mc->known &= (uint16_t)~(1u << r);
	}
}

/* Runs b's statements over (A, X) = (*a, *x). With rewrite, drops the redundant ones and folds
 * constants in place. Returns true when every statement was redundant (the block changes
 * nothing but may still test). */
static bool simulate(ns_block *b, sig *a, sig *x, bool rewrite, memconst *mc)
{
	int out = 0;
	bool all_redundant = true;
	/* scratch cells written in this block (cells are not tracked across blocks) */
	sig mem[NS_BPF_MEMWORDS];
	for (int r = 0; r < NS_BPF_MEMWORDS; r++)
		mem[r] = mc && (mc->known & (1u << r)) ? (sig){SIG_CONST, 0, 0, mc->v[r], 0, 0} : unknown;
	/* Cells known to hold exactly what A (or X) holds now, whatever that is: `st M[k]` then
	 * `ld M[k]` reloads nothing, even when the value has no name (computed arithmetic). */
	uint32_t a_in = 0, x_in = 0;
	for (int i = 0; i < b->nstmts; i++) {
		ns_stmt s = b->stmts[i];
		uint16_t c = s.code;
		bool drop = false;
		/* `ld [x + k]` with X a known constant reads a fixed place: libpcap's statement
		 * phase makes it an absolute load, and so does this one (not into the ancillary
		 * range at the top of the offsets). */
		if (rewrite && NS_BPF_CLASS(c) == NS_BPF_LD && NS_BPF_MODE(c) == NS_BPF_IND &&
		    x->kind == SIG_CONST && x->k < NS_OPT_ABS_LIMIT && s.k < NS_OPT_ABS_LIMIT) {
			s.code = c = (uint16_t)(NS_BPF_LD | NS_BPF_ABS | NS_BPF_SIZE(c));
			s.k += x->k;
		}
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
				if (a_in & (1u << s.k))
					drop = true;
				else
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
				if ((x_in & (1u << s.k)) || sig_eq(*x, mem[s.k]))
					drop = true;
				else
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
			if (s.k < NS_BPF_MEMWORDS) {
				mem[s.k] = *a;
				note_store(mc, s.k, *a);
				a_in |= 1u << s.k;
				x_in &= ~(1u << s.k);
			}
			all_redundant = false;
			break;
		case NS_BPF_STX:
			if (s.k < NS_BPF_MEMWORDS) {
				mem[s.k] = *x;
				note_store(mc, s.k, *x);
				x_in |= 1u << s.k;
				a_in &= ~(1u << s.k);
			}
			all_redundant = false;
			break;
		default:
			all_redundant = false;
			break;
		}
		if (!drop && ns_writes_a(c))
			a_in = 0;
		if (!drop && ns_writes_x(c))
			x_in = 0;
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

/* When the list is full, the oldest "A != v" goes first: such a fact decides only its own
 * test again, and a long chain of them (a list of 25 hosts) would otherwise push out the
 * ethertype and protocol facts every later term needs. */
static void add_fact(fact *f, int *nf, fact n)
{
	if (*nf == NS_OPT_MAXFACTS) {
		int drop = 0;
		for (int i = 0; i < *nf; i++)
			if (f[i].op == NS_BPF_JEQ && !f[i].truth) {
				drop = i;
				break;
			}
		memmove(f + drop, f + drop + 1, (size_t)(NS_OPT_MAXFACTS - 1 - drop) * sizeof(*f));
		(*nf)--;
	}
	f[(*nf)++] = n;
}

static void push(bstate *t, const fact *f, int nf, sig a, sig x, const memconst *mc)
{
	if (!t->seeded) {
		t->seeded = true;
		t->mc = *mc;
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
	for (int r = 0; r < NS_BPF_MEMWORDS; r++)
		if ((t->mc.known & (1u << r)) && (!(mc->known & (1u << r)) || mc->v[r] != t->mc.v[r]))
			t->mc.known &= (uint16_t)~(1u << r);
	if (!sig_eq(t->a, a))
		t->a = unknown;
	if (!sig_eq(t->x, x))
		t->x = unknown;
}

static bool is_cond(const ns_block *b)
{
	return !ns_block_is_ret(b) && !ns_block_is_ja(b) && NS_BPF_SRC(b->jcode) == NS_BPF_K;
}

/* KEEP_STORES, beside the liveness bits of insn_use.h, marks every store useful
 * (ns_ir.keep_stores). */
enum { KEEP_STORES = 1 << 30 };
/* Whether statement s computes something live after it (libpcap's dead-store rule: a packet
 * load nobody reads goes too). */
static bool stmt_useful(ns_stmt s, int live)
{
	uint16_t c = s.code;
	return (ns_is_store(c) && (live & ns_mem_bit(s.k) || (live & KEEP_STORES))) || (ns_writes_a(c) && (live & 1)) ||
	       (ns_writes_x(c) && (live & 2));
}

/* Whether b only loads one packet field into A (masked or not) and sets X to what it already
 * holds (the `ldxb` in front of each IPv4 transport-header load); *s is the field. */
static bool is_pure_load(const ns_block *b, sig x, sig *s)
{
	int i = 0;
	while (i < b->nstmts && NS_BPF_CLASS(b->stmts[i].code) == NS_BPF_LDX) {
		uint16_t c = b->stmts[i].code;
		sig n = {NS_BPF_MODE(c) == NS_BPF_MSH ? SIG_MSH : SIG_CONST, 0,
			 NS_BPF_MODE(c) == NS_BPF_MSH ? c : 0, b->stmts[i].k, 0, 0};
		if ((NS_BPF_MODE(c) != NS_BPF_MSH && NS_BPF_MODE(c) != NS_BPF_IMM) || !sig_eq(x, n))
			return false;
		i++;
	}
	int left = b->nstmts - i;
	if (left < 1 || left > 2)
		return false;
	uint16_t c = b->stmts[i].code;
	if (NS_BPF_CLASS(c) != NS_BPF_LD)
		return false;
	*s = (sig){SIG_LOAD, 0, c, b->stmts[i].k, 0xffffffffu, 0};
	if (NS_BPF_MODE(c) == NS_BPF_IND) {
		if (x.kind != SIG_MSH && x.kind != SIG_CONST)
			return false;
		s->xkind = x.kind;
		s->xk = x.k;
	} else if (NS_BPF_MODE(c) != NS_BPF_ABS) {
		return false;
	}
	if (left == 2) {
		if (b->stmts[i + 1].code != (NS_BPF_ALU | NS_BPF_AND | NS_BPF_K))
			return false;
		s->mask = b->stmts[i + 1].k;
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
		if (t->nstmts && !simulate(t, &ta, &tx, false, NULL)) {
			sig ls;
			if (is_cond(t) && is_pure_load(t, x, &ls) && loaded_before(f, nf, ls)) {
				ta = ls;
				changes = 1;
			} else if (cannot_fail(t)) {
				/* a constant test (`ld #5; jeq #0x80`): libpcap decides it on
				 * every edge into it, whatever the block computes */
				ta = a;
				tx = x;
				simulate(t, &ta, &tx, false, NULL);
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
	int n = ns_ir_rpo(ir, topo);
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
			live = ns_live_before(b->stmts[s], live);
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
	h = ns_hash_mix(h, b->jcode);
	h = ns_hash_mix(h, b->k);
	h = ns_hash_mix(h, (uint32_t)(b->jt ? b->jt->id : -1));
	h = ns_hash_mix(h, (uint32_t)(!ns_block_is_ja(b) && b->jf ? b->jf->id : -1));
	return ns_stmts_hash(h, b->stmts, b->nstmts);
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
	return ns_stmts_equal(p->stmts, q->stmts, p->nstmts);
}

static bool merge_tails(ns_ir *ir)
{
	ns_block **topo = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*topo));
	int n = ns_ir_rpo(ir, topo);
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

/* Whether scratch cell k is read after statement i of b before being written again. */
static bool cell_read_after(const ns_block *b, int i, uint32_t k)
{
	for (int s = i + 1; s < b->nstmts; s++) {
		ns_stmt st = b->stmts[s];
		if (ns_reads_mem(st.code) && st.k == k)
			return true;
		if (ns_is_store(st.code) && st.k == k)
			return false;
	}
	int out = 0;
	if (!ns_block_is_ret(b)) {
		out = b->jt->mark;
		if (!ns_block_is_ja(b))
			out |= b->jf->mark;
	}
	return (out & ns_mem_bit(k)) != 0;
}

/* `st M[k]; ...; ldx M[k]` where nothing between touches X or the cell: X can take the value
 * right away (`tax`), and the reload goes, when nobody reads the cell afterwards. This is how a
 * relation with a computed right side (`ip[2:2] == ip[4:2]`) moves its operand into X. */
static void store_to_tax(ns_block *b)
{
	for (int i = 0; i < b->nstmts; i++) {
		if (b->stmts[i].code != NS_BPF_ST)
			continue;
		uint32_t k = b->stmts[i].k;
		for (int j = i + 1; j < b->nstmts; j++) {
			ns_stmt st = b->stmts[j];
			if (st.code == (NS_BPF_LDX | NS_BPF_MEM) && st.k == k) {
				if (cell_read_after(b, j, k))
					break;
				b->stmts[i] = (ns_stmt){NS_BPF_MISC | NS_BPF_TAX, 0};
				memmove(b->stmts + j, b->stmts + j + 1, (size_t)(b->nstmts - j - 1) * sizeof(ns_stmt));
				b->nstmts--;
				break;
			}
			if (ns_reads_x(st.code) || ns_writes_x(st.code) || (ns_reads_mem(st.code) && st.k == k) ||
			    (ns_is_store(st.code) && st.k == k))
				break;
		}
	}
}

/* libpcap's peepholes, on the final program, where nothing after the test reads A:
 * `and #m; jeq #0` is `jset #m` with the outcomes swapped, and `sub #k; jeq #0` (or `sub x`)
 * is `jeq #k` (`jeq x`); each saves an instruction. */
static void peephole(ns_ir *ir)
{
	ns_block **topo = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*topo));
	int n = ns_ir_rpo(ir, topo);
	ns_ir_liveness(topo, n);
	for (int i = 0; i < n; i++) {
		ns_block *b = topo[i];
		if (!ir->keep_stores)
			store_to_tax(b);
		if (!is_cond(b) || b->jcode != (NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K) || b->k != 0 ||
		    b->nstmts == 0 || (b->jt->mark & 1) || (b->jf->mark & 1))
			continue;
		ns_stmt last = b->stmts[b->nstmts - 1];
		if (last.code == (NS_BPF_ALU | NS_BPF_AND | NS_BPF_K)) {
			b->nstmts--;
			b->k = last.k;
			b->jcode = NS_BPF_JMP | NS_BPF_JSET | NS_BPF_K;
			ns_block *t = b->jt;
			b->jt = b->jf;
			b->jf = t;
		} else if (last.code == (NS_BPF_ALU | NS_BPF_SUB | NS_BPF_K) ||
			   last.code == (NS_BPF_ALU | NS_BPF_SUB | NS_BPF_X)) {
			b->nstmts--;
			b->k = last.k;
			b->jcode = (uint16_t)(NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_SRC(last.code));
			if (NS_BPF_SRC(last.code) == NS_BPF_X)
				b->k = 0;
		}
	}
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
			live = ns_live_before(snap[i], live);
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

/* Pull-ups: libpcap's or_pullup and and_pullup, by whole chains.
 *
 * An or-chain is a run of tests c1..cn, each ci false-jumping to ci+1, all true-jumping to the
 * same block T; cn's false exit is the chain's exit. Its meaning does not depend on the order
 * of the tests, but a load past the captured bytes rejects the packet, so the order decides
 * truncated packets' verdicts. libpcap's or_pullup, applied at every block to a fixpoint, moves
 * a test of the value A held before a block up in front of the first test of another value; the
 * result is each value's tests gathered in one run (`src a, src b, dst a, dst b`), the runs in
 * the order of the values' first tests, except that the value the chain's predecessors tested
 * comes first. We compute that order per chain directly: one pass over the chain, its blocks
 * bucketed by a number given to each value. An and-chain (along true exits, one common false
 * exit) is regrouped the same way.
 *
 * libpcap's code assumes its code generator's shapes; ours checks what makes the move safe:
 * every block of the chain computes A afresh (it never reads A before writing it), leaves X
 * as it was (reloading the value X holds is allowed) and scratch memory alone, and is entered
 * only from the chain (the first one excepted); and the exit does not read the A that the last
 * test leaves, unless that stays the same. A block's number is its value of A at exit (sig),
 * which such a block computes the same way wherever it stands. */

typedef struct pull {
	ns_ir *ir;
	ns_block **topo;
	int n;
	int *npred;        /* by aux */
	ns_block ***slot;  /* in-edges by aux: inoff[aux] .. inoff[aux] + npred[aux] */
	ns_block **from;   /* the block each in-edge leaves */
	int *inoff;
	sig *ina, *val;    /* A at entry (meet of the predecessors) and at exit */
	int *vid;          /* number of val, -1 when unknown */
	int *vid_of_ina;
	bool *xkeep;       /* X at exit is X at entry (no write, or a reload of the same) */
	bool *dirty;       /* changed in this round: its facts above are stale */
	int *ghead, *gtail, *gnext;
	int nvals;
} pull;

static uint32_t sig_hash(sig s)
{
	uint32_t h = 2166136261u;
	uint32_t w[6] = {s.kind, s.xkind, s.code, s.k, s.mask, s.xk};
	for (int i = 0; i < 6; i++)
		h = (h ^ w[i]) * 16777619u;
	return h;
}

/* Number of a known sig, from an open-addressing table (cap a power of two). */
static int sig_number(sig *keys, int *ids, int cap, int *count, sig s)
{
	if (s.kind == SIG_UNKNOWN)
		return -1;
	uint32_t h = sig_hash(s) & (uint32_t)(cap - 1);
	while (ids[h] >= 0 && !sig_eq(keys[h], s))
		h = (h + 1) & (uint32_t)(cap - 1);
	if (ids[h] < 0) {
		keys[h] = s;
		ids[h] = (*count)++;
	}
	return ids[h];
}

/* A test the pull-ups may move: its statements compute A afresh, leave X as it was (they may
 * reload it with the value it holds: each port term reloads the IPv4 header length) and do
 * not write scratch memory, so it means the same wherever it stands in its chain. */
static bool movable(const pull *p, const ns_block *b)
{
	if (!is_cond(b) || !p->xkeep[b->aux])
		return false;
	int live = 1;
	for (int i = b->nstmts - 1; i >= 0; i--) {
		if (ns_is_store(b->stmts[i].code))
			return false;
		live = ns_live_before(b->stmts[i], live);
	}
	return !(live & 1);
}

static void pull_analyze(pull *p)
{
	ns_ir *ir = p->ir;
	size_t nb = (size_t)ir->nblocks + 1;
	p->n = ns_ir_rpo(ir, p->topo);
	memset(p->npred, 0, nb * sizeof(int));
	memset(p->dirty, 0, nb * sizeof(bool));
	bool *seeded = ns_alloc(ir->ctx, nb * sizeof(bool));
	sig *inx = ns_alloc(ir->ctx, nb * sizeof(sig));
	for (int i = 0; i < p->n; i++) {
		ns_block *b = p->topo[i];
		if (ns_block_is_ret(b))
			continue;
		p->npred[b->jt->aux]++;
		if (!ns_block_is_ja(b))
			p->npred[b->jf->aux]++;
	}
	int off = 0;
	for (int i = 0; i < p->n; i++) {
		p->inoff[p->topo[i]->aux] = off;
		off += p->npred[p->topo[i]->aux];
	}
	int *fill = ns_alloc(ir->ctx, nb * sizeof(int));
	/* values: A at entry and exit, the way libpcap numbers them (a meet at joins) */
	int cap = 1;
	while (cap < 2 * p->n + 2)
		cap <<= 1;
	sig *keys = ns_alloc(ir->ctx, (size_t)cap * sizeof(sig));
	int *ids = ns_alloc(ir->ctx, (size_t)cap * sizeof(int));
	for (int i = 0; i < cap; i++)
		ids[i] = -1;
	p->nvals = 0;
	seeded[ir->root->aux] = true;
	p->ina[ir->root->aux] = unknown;
	inx[ir->root->aux] = unknown;
	ns_ir_liveness(p->topo, p->n);
	for (int i = 0; i < p->n; i++) {
		ns_block *b = p->topo[i];
		int ax = b->aux;
		sig a = p->ina[ax], x = inx[ax];
		bool wx = false;
		for (int k = 0; k < b->nstmts; k++)
			wx |= ns_writes_x(b->stmts[k].code);
		sig x0 = x;
		simulate(b, &a, &x, false, NULL);
		p->xkeep[ax] = !wx || sig_eq(x, x0);
		p->val[ax] = a;
		p->vid[ax] = sig_number(keys, ids, cap, &p->nvals, a);
		p->vid_of_ina[ax] = p->ina[ax].kind == SIG_UNKNOWN ? -1
					: sig_number(keys, ids, cap, &p->nvals, p->ina[ax]);
		if (ns_block_is_ret(b))
			continue;
		ns_block *succ[2] = {b->jt, ns_block_is_ja(b) ? NULL : b->jf};
		ns_block **slots[2] = {&b->jt, &b->jf};
		for (int k = 0; k < 2; k++) {
			if (!succ[k])
				continue;
			int sx = succ[k]->aux;
			p->from[p->inoff[sx] + fill[sx]] = b;
			p->slot[p->inoff[sx] + fill[sx]++] = slots[k];
			if (!seeded[sx]) {
				seeded[sx] = true;
				p->ina[sx] = a;
				inx[sx] = x;
			} else {
				if (!sig_eq(p->ina[sx], a))
					p->ina[sx] = unknown;
				if (!sig_eq(inx[sx], x))
					inx[sx] = unknown;
			}
		}
	}
}

/* The next block of c's chain, or NULL: along false exits sharing the true exit (or), along
 * true exits sharing the false exit (and). */
static ns_block *chain_next(const pull *p, const ns_block *c, bool or_chain)
{
	ns_block *nx = or_chain ? c->jf : c->jt;
	if (ns_block_is_ret(nx) || p->dirty[nx->aux] || p->npred[nx->aux] != 1 || !movable(p, nx))
		return NULL;
	if (or_chain ? nx->jt != c->jt : nx->jf != c->jf)
		return NULL;
	return nx;
}

static bool chain_head(const pull *p, ns_block *b, bool or_chain)
{
	if (p->dirty[b->aux] || !movable(p, b))
		return false;
	if (p->npred[b->aux] == 1) {
		/* the one predecessor: is b the next block of its chain? */
		ns_block **s = p->slot[p->inoff[b->aux]];
		ns_block *pred = p->from[p->inoff[b->aux]];
		bool via = or_chain ? s == &pred->jf : s == &pred->jt;
		if (via && !p->dirty[pred->aux] && movable(p, pred) && chain_next(p, pred, or_chain) == b)
			return false;
	}
	return true;
}

/* Regroups the chain starting at head; returns whether it changed. */
static bool regroup(pull *p, ns_block *head, bool or_chain, ns_block **c, ns_block **out)
{
	int len = 0;
	for (ns_block *b = head; b; b = chain_next(p, b, or_chain))
		c[len++] = b;
	if (len < 2)
		return false;
	/* Buckets by value number; unknown values stay alone. The predecessors' value first. */
	int first = p->vid_of_ina[head->aux];
	int norder = 0;
	int *gorder = ns_alloc(p->ir->ctx, (size_t)(len + 1) * sizeof(int));
	if (first >= 0) {
		p->ghead[first] = -2; /* reserved, empty */
		gorder[norder++] = first;
	}
	for (int i = 0; i < len; i++) {
		int v = p->vid[c[i]->aux];
		if (v < 0) {
			gorder[norder++] = -1 - i;
			continue;
		}
		p->gnext[i] = -1;
		if (p->ghead[v] == -1 || p->ghead[v] == -2) {
			if (p->ghead[v] == -1)
				gorder[norder++] = v;
			p->ghead[v] = i;
		} else {
			p->gnext[p->gtail[v]] = i;
		}
		p->gtail[v] = i;
	}
	int k = 0;
	for (int g = 0; g < norder; g++) {
		int v = gorder[g];
		if (v < 0) {
			out[k++] = c[-1 - v];
			continue;
		}
		for (int i = p->ghead[v]; i >= 0; i = p->gnext[i])
			out[k++] = c[i];
		p->ghead[v] = -1;
	}
	bool same = true;
	for (int i = 0; i < len; i++)
		same &= out[i] == c[i];
	if (same)
		return false;
	ns_block *exit = or_chain ? c[len - 1]->jf : c[len - 1]->jt;
	if ((exit->mark & 1) && !sig_eq(p->val[out[len - 1]->aux], p->val[c[len - 1]->aux]))
		return false;
	int h = head->aux;
	for (int i = p->inoff[h]; i < p->inoff[h] + p->npred[h]; i++)
		*p->slot[i] = out[0];
	if (p->ir->root == head)
		p->ir->root = out[0];
	for (int i = 0; i < len; i++) {
		ns_block *nx = i + 1 < len ? out[i + 1] : exit;
		if (or_chain)
			out[i]->jf = nx;
		else
			out[i]->jt = nx;
		p->dirty[out[i]->aux] = true;
	}
	p->dirty[exit->aux] = true;
	return true;
}

/* Rounds of regrouping, bottom-up as libpcap's levels go, until nothing moves (a round
 * that moves nothing ends it; each round is linear). */
static bool pullups(ns_ir *ir)
{
	size_t nb = (size_t)ir->nblocks + 1;
	pull p = {.ir = ir};
	p.topo = ns_alloc(ir->ctx, nb * sizeof(*p.topo));
	p.npred = ns_alloc(ir->ctx, nb * sizeof(int));
	p.inoff = ns_alloc(ir->ctx, nb * sizeof(int));
	p.slot = ns_alloc(ir->ctx, 2 * nb * sizeof(*p.slot));
	p.from = ns_alloc(ir->ctx, 2 * nb * sizeof(*p.from));
	p.ina = ns_alloc(ir->ctx, nb * sizeof(sig));
	p.val = ns_alloc(ir->ctx, nb * sizeof(sig));
	p.vid = ns_alloc(ir->ctx, nb * sizeof(int));
	p.vid_of_ina = ns_alloc(ir->ctx, nb * sizeof(int));
	p.dirty = ns_alloc(ir->ctx, nb * sizeof(bool));
	p.xkeep = ns_alloc(ir->ctx, nb * sizeof(bool));
	p.ghead = ns_alloc(ir->ctx, 2 * nb * sizeof(int));
	p.gtail = ns_alloc(ir->ctx, 2 * nb * sizeof(int));
	p.gnext = ns_alloc(ir->ctx, nb * sizeof(int));
	ns_block **c = ns_alloc(ir->ctx, nb * sizeof(*c));
	ns_block **out = ns_alloc(ir->ctx, nb * sizeof(*out));
	for (size_t i = 0; i < 2 * nb; i++)
		p.ghead[i] = -1;
	bool any = false;
	for (int round = 0; round < NS_OPT_PULLUP_ROUNDS; round++) {
		pull_analyze(&p);
		bool changed = false;
		for (int i = p.n - 1; i >= 0; i--) {
			ns_block *b = p.topo[i];
			if (chain_head(&p, b, true))
				changed |= regroup(&p, b, true, c, out);
			if (chain_head(&p, b, false))
				changed |= regroup(&p, b, false, c, out);
		}
		if (!changed)
			break;
		any = true;
	}
	return any;
}

/* The forward pass: facts, decided tests and threading (with branch), the removal of reloads
 * and constant folding in the statements (with rewrite). */
static void forward(ns_ir *ir, bool branch, bool rewrite)
{
	ns_block **topo = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*topo));
	int n = ns_ir_rpo(ir, topo);
	/* One state per block, indexed by aux (creation order, set by ns_ir_rpo()): only the
	 * reachable blocks' are read, so only theirs are cleared (zeroing the whole table, 24
	 * facts a block, dominated the pass on large filters). */
	bstate *st = ns_alloc_uninit(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*st));
	for (int i = 0; i < n; i++) {
		st[topo[i]->aux].seeded = false;
		st[topo[i]->aux].nf = 0;
	}
	st[ir->root->aux].seeded = true;
	st[ir->root->aux].a = unknown;
	st[ir->root->aux].x = unknown;
	st[ir->root->aux].mc.known = 0;
	fact *tmp = ns_alloc(ir->ctx, (NS_OPT_MAXFACTS + 1) * sizeof(*tmp));
	ns_ir_liveness(topo, n);
	for (int i = 0; i < n; i++) {
		ns_block *b = topo[i];
		bstate *s = &st[b->aux];
		if (!s->seeded || ns_block_is_ret(b))
			continue;
		sig a = s->a, x = s->x;
		memconst mc = s->mc;
		simulate(b, &a, &x, rewrite, &mc);
		/* `jop x` with X a known constant is `jop #k` */
		if (!ns_block_is_ret(b) && !ns_block_is_ja(b) && NS_BPF_SRC(b->jcode) == NS_BPF_X &&
		    x.kind == SIG_CONST) {
			b->jcode = (uint16_t)(b->jcode & ~NS_BPF_X);
			b->k = x.k;
		}
		if (!branch) {
			/* registers only: the facts served the branch phase */
			push(&st[b->jt->aux], NULL, 0, a, x, &mc);
			if (!ns_block_is_ja(b))
				push(&st[b->jf->aux], NULL, 0, a, x, &mc);
			continue;
		}
		if (ns_block_is_ja(b)) {
			ns_block *t = thread(b->jt, s->f, s->nf, a, x, 64);
			b->jt = t;
			push(&st[t->aux], s->f, s->nf, a, x, &mc);
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
				push(&st[b->jt->aux], s->f, s->nf, a, x, &mc);
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
			push(&st[(*slot)->aux], tmp, nf, a, x, &mc);
		}
	}
}

void ns_opt(ns_ir *ir)
{
	if (!ir->root)
		return;
	ns_block **topo = ns_alloc(ir->ctx, (size_t)(ir->nblocks + 1) * sizeof(*topo));
	int n = ns_ir_rpo(ir, topo);
	for (int i = 0; i < n; i++)
		topo[i]->was_test = is_cond(topo[i]);
	/* The root's statements as the statement phase leaves them (constants folded; nothing
	 * precedes the root, so nothing else changes them), for keep_root_loads. */
	ns_block *root0 = ir->root;
	while (ns_block_is_ja(root0) && root0->nstmts == 0 && !root0->was_test)
		root0 = root0->jt;
	ns_block snap = *root0;
	snap.cap = snap.nstmts;
	snap.stmts = ns_alloc(ir->ctx, (size_t)(snap.nstmts + 1) * sizeof(*snap.stmts));
	if (snap.nstmts)
		memcpy(snap.stmts, root0->stmts, (size_t)snap.nstmts * sizeof(*snap.stmts));
	sig a0 = unknown, x0 = unknown;
	simulate(&snap, &a0, &x0, true, NULL);
	/* libpcap's branch phase first: threading, and dead statements and tests whose outcomes
	 * meet removed (its opt_j and dead-store pass), then the pull-ups while every block
	 * still has its own loads. Then its statement phase. */
	FILE *dump = ir->ctx->opts.dump_ir;
	for (int round = 0; round < NS_OPT_BRANCH_ROUNDS; round++) {
		forward(ir, true, false);
		for (int r = 0; r < 4 && dead_writes(ir); r++)
			;
		if (dump)
			ns_ir_dump(ir, dump, "threading");
		/* libpcap leaves programs with protochain unoptimized (its walk is a loop), so
		 * their tests keep the order of the terms; keep_stores marks exactly those. */
		if (ir->keep_stores || !pullups(ir))
			break;
		if (dump)
			ns_ir_dump(ir, dump, "pull-ups");
	}
	forward(ir, false, true);
	int nroot = snap.nstmts;
	ns_stmt *root_stmts = snap.stmts;
	/* Each round can expose more: merged tails make both outcomes of a test equal, which
	 * makes its load dead. A few rounds keep the cost linear. */
	for (int round = 0; round < 4; round++) {
		bool changed = dead_writes(ir);
		changed |= merge_tails(ir);
		if (!changed)
			break;
	}
	keep_root_loads(ir, root0, root_stmts, nroot);
	peephole(ir);
	ns_opt_share_x(ir);
}
