/* A model of libpcap 1.10's optimizer, reduced to what decides acceptance.
 *
 * tcpdump refuses a filter in optimized mode when the optimized program starts with `ret #0`,
 * or when its optimizer meets a constant divisor of 0 or a constant shift count above 31. Both
 * depend on what that optimizer can and cannot prove, which is not what ours proves (ours sees
 * through `and #0` anywhere; libpcap only folds constants after it has finished moving jumps).
 * So the decision is made here, on the program libpcap's own generator would build
 * (ns_gen.pcap_shape), by the same kind of analysis, written from its documented behaviour
 * (libpcap optimize.c, read for semantics) and checked against tcpdump -d:
 *
 * - Branch phase, repeated until nothing changes: value numbering per block (the same packet
 *   load, X, memory cell has the same number everywhere; a constant is known only when loaded
 *   with `ld #k`/`ldx #k`, directly or through a cell, never as the result of arithmetic),
 *   peephole rules (`sub x; jeq #0` becomes `jeq #x` when X is a known constant, ...), a
 *   test whose A is a known constant gets both exits on the decided side, and every edge is
 *   moved past tests its edge dominators decide: the same test of the same value, or, below
 *   the true exit of `jeq #k`, another `jeq` of that value, and past tests whose exits agree,
 *   as long as the values the new target's successors use are the same.
 * - Statement phase, repeated until nothing changes: constants fold through arithmetic (this
 *   is where a constant divisor of 0 or a shift count above 31 is refused, in the blocks still
 *   reachable), a test of a constant gets both exits on the decided side, but nothing moves
 *   edges any more, so the test stays on the path.
 * - Identical blocks are merged, and the program starts at the first block whose exits differ.
 *
 * - After moving edges, libpcap's or/and "pull-up": in a chain of tests sharing one exit, a
 *   test of the value the chain's predecessors hold moves to the top. */
#include <string.h>

#include "compiler/pcapmodel.h"

enum { A_ATOM = NS_BPF_MEMWORDS, X_ATOM, NATOMS, AX_ATOM = NATOMS };
enum { MAX_BLOCKS = NS_PCAPMODEL_MAX_BLOCKS, MAX_ROUNDS = 500 };
#define NOP 0xffffu
#define JA_CODE (NS_BPF_JMP | NS_BPF_JA)

typedef struct mb {
	ns_stmt *s;
	int ns;
	uint16_t code; /* a conditional jump, JA_CODE (both exits equal) or a return */
	uint32_t k;
	int succ[2];   /* -1 for a return */
	int level, link;
	int val[NATOMS], oval;
	uint32_t kill, in_use, out_use;
	int ecode[2];  /* edge codes: +code on the true edge, -code on the false one */
	int in;        /* first incoming edge, -1 */
} mb;

typedef struct vnode {
	uint16_t code;
	uint32_t v0, v1;
} vnode;

typedef struct model {
	ns_ctx *ctx;
	mb *b;
	int n, root;
	int *enext;       /* per edge: the next incoming edge of the same block */
	int words;        /* words per edge set */
	uint32_t *edom;   /* per edge: the edges that dominate it */
	int bwords;       /* words per block set */
	uint32_t *dom;    /* per block: the blocks that dominate it */
	int *levels;      /* per level: first block */
	int maxlevel;
	char *mark;
	int *stack;
	bool done;
	/* value numbering: value v (1..curval) is vn[v]; 0 is "unknown" */
	vnode *vn;
	bool *isconst;
	int curval, valcap;
	int *ht;
	int hcap;
} model;

static bool is_ret(const mb *b)
{
	return NS_BPF_CLASS(b->code) == NS_BPF_RET;
}

/* Edges: the true edge of block i is i, its false edge n + i. */
static int edge_id(const model *m, int b, int side)
{
	return side ? m->n + b : b;
}

/* ---- value numbering ---- */

static void init_val(model *m)
{
	m->curval = 0;
	memset(m->ht, -1, (size_t)m->hcap * sizeof(*m->ht));
}

static uint32_t vhash(uint16_t code, uint32_t v0, uint32_t v1)
{
	uint32_t h = code * 2654435761u ^ v0 * 40503u ^ v1 * 2246822519u;
	return h ^ (h >> 15);
}

static int value_of(model *m, uint16_t code, uint32_t v0, uint32_t v1)
{
	uint32_t h = vhash(code, v0, v1) & (uint32_t)(m->hcap - 1);
	for (; m->ht[h] >= 0; h = (h + 1) & (uint32_t)(m->hcap - 1)) {
		const vnode *p = &m->vn[m->ht[h]];
		if (p->code == code && p->v0 == v0 && p->v1 == v1)
			return m->ht[h];
	}
	if (m->curval + 2 >= m->valcap || 2 * (m->curval + 2) >= m->hcap) {
		/* grow both; rehash */
		int cap = m->valcap * 2;
		vnode *vn = ns_alloc(m->ctx, (size_t)cap * sizeof(*vn));
		bool *ic = ns_alloc(m->ctx, (size_t)cap * sizeof(*ic));
		memcpy(vn, m->vn, (size_t)m->valcap * sizeof(*vn));
		memcpy(ic, m->isconst, (size_t)m->valcap * sizeof(*ic));
		m->vn = vn;
		m->isconst = ic;
		m->valcap = cap;
		m->hcap *= 2;
		m->ht = ns_alloc(m->ctx, (size_t)m->hcap * sizeof(*m->ht));
		memset(m->ht, -1, (size_t)m->hcap * sizeof(*m->ht));
		for (int v = 1; v <= m->curval; v++) {
			uint32_t g = vhash(m->vn[v].code, m->vn[v].v0, m->vn[v].v1) & (uint32_t)(m->hcap - 1);
			while (m->ht[g] >= 0)
				g = (g + 1) & (uint32_t)(m->hcap - 1);
			m->ht[g] = v;
		}
		return value_of(m, code, v0, v1);
	}
	int v = ++m->curval;
	m->vn[v] = (vnode){code, v0, v1};
	m->isconst[v] = (NS_BPF_CLASS(code) == NS_BPF_LD || NS_BPF_CLASS(code) == NS_BPF_LDX) &&
			NS_BPF_MODE(code) == NS_BPF_IMM;
	m->ht[h] = v;
	return v;
}

static int K(model *m, uint32_t k)
{
	return value_of(m, NS_BPF_LD | NS_BPF_IMM | NS_BPF_W, k, 0);
}

static bool konst(const model *m, int v, uint32_t *k)
{
	if (!m->isconst[v])
		return false;
	if (k)
		*k = m->vn[v].v0;
	return true;
}

/* ---- graph passes ---- */

/* Levels: a return is level 0, a block one more than its deeper successor. Each level's list is
 * built in the order a depth-first walk (true exit first) finishes the blocks. */
static void find_levels(model *m)
{
	memset(m->mark, 0, (size_t)m->n);
	for (int i = 0; i <= m->n; i++)
		m->levels[i] = -1;
	m->maxlevel = 0;
	int top = 0;
	m->stack[top++] = m->root;
	m->mark[m->root] = 1;
	while (top) {
		mb *b = &m->b[m->stack[top - 1]];
		int next = -1;
		if (!is_ret(b))
			for (int s = 0; s < 2 && next < 0; s++)
				if (!m->mark[b->succ[s]])
					next = b->succ[s];
		if (next >= 0) {
			m->mark[next] = 1;
			m->stack[top++] = next;
			continue;
		}
		top--;
		int lv = 0;
		if (!is_ret(b)) {
			lv = m->b[b->succ[0]].level;
			if (m->b[b->succ[1]].level > lv)
				lv = m->b[b->succ[1]].level;
			lv++;
		}
		b->level = lv;
		b->link = m->levels[lv];
		m->levels[lv] = (int)(b - m->b);
		if (lv > m->maxlevel)
			m->maxlevel = lv;
	}
}

#define FOR_LEVEL(m, lv, i) for (int i = (m)->levels[lv]; i >= 0; i = (m)->b[i].link)

static int atomuse(uint16_t c, uint32_t k)
{
	if (c == NOP)
		return -1;
	switch (NS_BPF_CLASS(c)) {
	case NS_BPF_RET: return -1;
	case NS_BPF_LD:
	case NS_BPF_LDX:
		return NS_BPF_MODE(c) == NS_BPF_IND ? X_ATOM
		       : NS_BPF_MODE(c) == NS_BPF_MEM ? (int)k : -1;
	case NS_BPF_ST: return A_ATOM;
	case NS_BPF_STX: return X_ATOM;
	case NS_BPF_JMP:
	case NS_BPF_ALU: return NS_BPF_SRC(c) == NS_BPF_X ? AX_ATOM : A_ATOM;
	case NS_BPF_MISC: return NS_BPF_MISCOP(c) == NS_BPF_TXA ? X_ATOM : A_ATOM;
	}
	return -1;
}

static int atomdef(uint16_t c, uint32_t k)
{
	if (c == NOP)
		return -1;
	switch (NS_BPF_CLASS(c)) {
	case NS_BPF_LD:
	case NS_BPF_ALU: return A_ATOM;
	case NS_BPF_LDX: return X_ATOM;
	case NS_BPF_ST:
	case NS_BPF_STX: return (int)k;
	case NS_BPF_MISC: return NS_BPF_MISCOP(c) == NS_BPF_TAX ? X_ATOM : A_ATOM;
	}
	return -1;
}

static uint32_t use_bits(int atom, uint32_t def)
{
	uint32_t u = 0;
	if (atom == AX_ATOM) {
		if (!(def & 1u << X_ATOM))
			u |= 1u << X_ATOM;
		if (!(def & 1u << A_ATOM))
			u |= 1u << A_ATOM;
	} else if (atom >= 0 && !(def & 1u << atom)) {
		u |= 1u << atom;
	}
	return u;
}

/* Which atoms each block reads before writing them (in_use) and which its successors read
 * (out_use). */
static void find_ud(model *m)
{
	for (int lv = m->maxlevel; lv >= 0; lv--)
		FOR_LEVEL(m, lv, i) {
			mb *b = &m->b[i];
			uint32_t def = 0, use = 0, kill = 0;
			for (int j = 0; j < b->ns; j++) {
				if (b->s[j].code == NOP)
					continue;
				use |= use_bits(atomuse(b->s[j].code, b->s[j].k), def);
				int d = atomdef(b->s[j].code, b->s[j].k);
				if (d >= 0) {
					if (!(use & 1u << d))
						kill |= 1u << d;
					def |= 1u << d;
				}
			}
			if (NS_BPF_CLASS(b->code) == NS_BPF_JMP)
				use |= use_bits(atomuse(b->code, b->k), def);
			b->kill = kill;
			b->in_use = use;
			b->out_use = 0;
		}
	for (int lv = 1; lv <= m->maxlevel; lv++)
		FOR_LEVEL(m, lv, i) {
			mb *b = &m->b[i];
			b->out_use |= m->b[b->succ[0]].in_use | m->b[b->succ[1]].in_use;
			b->in_use |= b->out_use & ~b->kill;
		}
}

static uint32_t *eset(model *m, int e)
{
	return m->edom + (size_t)e * (size_t)m->words;
}

/* Edge dominators: the edges every path from the root to an edge goes through, itself
 * included. */
static void find_edom(model *m)
{
	memset(m->edom, 0xff, (size_t)2 * (size_t)m->n * (size_t)m->words * sizeof(uint32_t));
	memset(eset(m, edge_id(m, m->root, 0)), 0, (size_t)m->words * sizeof(uint32_t));
	memset(eset(m, edge_id(m, m->root, 1)), 0, (size_t)m->words * sizeof(uint32_t));
	for (int lv = m->maxlevel; lv >= 0; lv--)
		FOR_LEVEL(m, lv, i) {
			mb *b = &m->b[i];
			for (int s = 0; s < 2; s++) {
				int e = edge_id(m, i, s);
				uint32_t *d = eset(m, e);
				d[e / 32] |= 1u << (e % 32);
				if (is_ret(b))
					continue;
				for (int t = 0; t < 2; t++) {
					uint32_t *c = eset(m, edge_id(m, b->succ[s], t));
					for (int w = 0; w < m->words; w++)
						c[w] &= d[w];
				}
			}
		}
}

static uint32_t *dset(model *m, int b)
{
	return m->dom + (size_t)b * (size_t)m->bwords;
}

static bool dominates(model *m, int d, int b)
{
	return dset(m, b)[d / 32] >> (d % 32) & 1;
}

/* Block dominators (the pull-ups below need them). */
static void find_dom(model *m)
{
	memset(m->dom, 0xff, (size_t)m->n * (size_t)m->bwords * sizeof(uint32_t));
	memset(dset(m, m->root), 0, (size_t)m->bwords * sizeof(uint32_t));
	for (int lv = m->maxlevel; lv >= 0; lv--)
		FOR_LEVEL(m, lv, i) {
			uint32_t *d = dset(m, i);
			d[i / 32] |= 1u << (i % 32);
			if (is_ret(&m->b[i]))
				continue;
			for (int s = 0; s < 2; s++) {
				uint32_t *c = dset(m, m->b[i].succ[s]);
				for (int w = 0; w < m->bwords; w++)
					c[w] &= d[w];
			}
		}
}

static void find_inedges(model *m)
{
	for (int i = 0; i < m->n; i++)
		m->b[i].in = -1;
	for (int lv = m->maxlevel; lv > 0; lv--)
		FOR_LEVEL(m, lv, i) {
			for (int s = 0; s < 2; s++) {
				int e = edge_id(m, i, s);
				mb *c = &m->b[m->b[i].succ[s]];
				m->enext[e] = c->in;
				c->in = e;
			}
		}
}

/* ---- one block ---- */

static void vstore(ns_stmt *s, int *slot, int v, bool alter)
{
	if (alter && v != 0 && *slot == v)
		s->code = NOP;
	else
		*slot = v;
}

/* libpcap folds a constant operation when optimizing statements; a zero divisor is its
 * error, a shift count of 32 or more shifts every bit out. */
static void fold_op(model *m, ns_stmt *s, uint32_t a, uint32_t b)
{
	switch (NS_BPF_OP(s->code)) {
	case NS_BPF_ADD: a += b; break;
	case NS_BPF_SUB: a -= b; break;
	case NS_BPF_MUL: a *= b; break;
	case NS_BPF_DIV:
		if (!b)
			ns_fail(m->ctx, -1, 0, "division by zero");
		a /= b;
		break;
	case NS_BPF_MOD:
		if (!b)
			ns_fail(m->ctx, -1, 0, "modulus by zero");
		a %= b;
		break;
	case NS_BPF_AND: a &= b; break;
	case NS_BPF_OR: a |= b; break;
	case NS_BPF_XOR: a ^= b; break;
	case NS_BPF_LSH: a = b < 32 ? a << b : 0; break;
	case NS_BPF_RSH: a = b < 32 ? a >> b : 0; break;
	}
	s->k = a;
	s->code = NS_BPF_LD | NS_BPF_IMM;
	m->done = false;
}

static void opt_stmt(model *m, ns_stmt *s, int *val, bool alter)
{
	uint16_t c = s->code;
	uint32_t ka, kx;
	if (c == NOP)
		return;
	switch (NS_BPF_CLASS(c)) {
	case NS_BPF_LD:
		switch (NS_BPF_MODE(c)) {
		case NS_BPF_ABS:
			vstore(s, &val[A_ATOM], value_of(m, c, s->k, 0), alter);
			return;
		case NS_BPF_IND: {
			int v = val[X_ATOM];
			if (alter && konst(m, v, &kx)) {
				s->code = (uint16_t)(NS_BPF_LD | NS_BPF_ABS | NS_BPF_SIZE(c));
				s->k += kx;
				v = value_of(m, s->code, s->k, 0);
				m->done = false;
			} else {
				v = value_of(m, c, s->k, (uint32_t)v);
			}
			vstore(s, &val[A_ATOM], v, alter);
			return;
		}
		case NS_BPF_LEN:
			vstore(s, &val[A_ATOM], value_of(m, c, 0, 0), alter);
			return;
		case NS_BPF_IMM:
			vstore(s, &val[A_ATOM], K(m, s->k), alter);
			return;
		case NS_BPF_MEM: {
			if (s->k >= NS_BPF_MEMWORDS)
				return;
			int v = val[s->k];
			if (alter && konst(m, v, &ka)) {
				s->code = NS_BPF_LD | NS_BPF_IMM;
				s->k = ka;
				m->done = false;
			}
			vstore(s, &val[A_ATOM], v, alter);
			return;
		}
		}
		return;
	case NS_BPF_LDX:
		switch (NS_BPF_MODE(c)) {
		case NS_BPF_IMM:
			vstore(s, &val[X_ATOM], K(m, s->k), alter);
			return;
		case NS_BPF_MSH:
			vstore(s, &val[X_ATOM], value_of(m, c, s->k, 0), alter);
			return;
		case NS_BPF_MEM: {
			if (s->k >= NS_BPF_MEMWORDS)
				return;
			int v = val[s->k];
			if (alter && konst(m, v, &kx)) {
				s->code = NS_BPF_LDX | NS_BPF_IMM;
				s->k = kx;
				m->done = false;
			}
			vstore(s, &val[X_ATOM], v, alter);
			return;
		}
		}
		return;
	case NS_BPF_ST:
		if (s->k < NS_BPF_MEMWORDS)
			vstore(s, &val[s->k], val[A_ATOM], alter);
		return;
	case NS_BPF_STX:
		if (s->k < NS_BPF_MEMWORDS)
			vstore(s, &val[s->k], val[X_ATOM], alter);
		return;
	case NS_BPF_MISC:
		if (NS_BPF_MISCOP(c) == NS_BPF_TAX)
			vstore(s, &val[X_ATOM], val[A_ATOM], alter);
		else
			vstore(s, &val[A_ATOM], val[X_ATOM], alter);
		return;
	case NS_BPF_ALU:
		break;
	default:
		return;
	}
	uint16_t op = NS_BPF_OP(c);
	if (op == NS_BPF_NEG) {
		if (alter && konst(m, val[A_ATOM], &ka)) {
			s->code = NS_BPF_LD | NS_BPF_IMM;
			s->k = (uint32_t)-ka;
			val[A_ATOM] = K(m, s->k);
		} else {
			val[A_ATOM] = value_of(m, c, (uint32_t)val[A_ATOM], 0);
		}
		return;
	}
	if (NS_BPF_SRC(c) == NS_BPF_K) {
		if (alter) {
			if (s->k == 0 && (op == NS_BPF_ADD || op == NS_BPF_LSH || op == NS_BPF_RSH ||
					  op == NS_BPF_OR || op == NS_BPF_XOR)) {
				s->code = NOP;
				return;
			}
			if (s->k == 0 && op == NS_BPF_DIV)
				ns_fail(m->ctx, -1, 0, "division by zero");
			if (s->k == 0 && op == NS_BPF_MOD)
				ns_fail(m->ctx, -1, 0, "modulus by zero");
			if (s->k == 0 && (op == NS_BPF_MUL || op == NS_BPF_AND)) {
				s->code = NS_BPF_LD | NS_BPF_IMM;
				val[A_ATOM] = K(m, 0);
				return;
			}
			if (konst(m, val[A_ATOM], &ka)) {
				fold_op(m, s, ka, s->k);
				val[A_ATOM] = K(m, s->k);
				return;
			}
		}
		val[A_ATOM] = value_of(m, c, (uint32_t)val[A_ATOM], (uint32_t)K(m, s->k));
		return;
	}
	if (alter && konst(m, val[X_ATOM], &kx)) {
		if (konst(m, val[A_ATOM], &ka)) {
			fold_op(m, s, ka, kx);
			val[A_ATOM] = K(m, s->k);
			return;
		}
		/* `op x` with X a known constant becomes `op #k`: libpcap checks a shift count at
		 * once, a divisor of 0 only when it meets `div #0` again, a round later (so a block
		 * cut off meanwhile is never refused: `18 / 1 > 96 and ip[1] % (2 - 2) = 1`). */
		if ((op == NS_BPF_LSH || op == NS_BPF_RSH) && kx > 31)
			ns_fail(m->ctx, -1, 0, "shift by more than 31 bits");
		s->code = (uint16_t)(NS_BPF_ALU | NS_BPF_K | op);
		s->k = kx;
		m->done = false;
		val[A_ATOM] = value_of(m, s->code, (uint32_t)val[A_ATOM], (uint32_t)K(m, kx));
		return;
	}
	if (alter && konst(m, val[A_ATOM], &ka) && ka == 0) {
		if (op == NS_BPF_ADD || op == NS_BPF_OR || op == NS_BPF_XOR) {
			s->code = NS_BPF_MISC | NS_BPF_TXA;
			vstore(s, &val[A_ATOM], val[X_ATOM], alter);
			return;
		}
		if (op == NS_BPF_MUL || op == NS_BPF_DIV || op == NS_BPF_MOD || op == NS_BPF_AND ||
		    op == NS_BPF_LSH || op == NS_BPF_RSH) {
			s->code = NS_BPF_LD | NS_BPF_IMM;
			s->k = 0;
			vstore(s, &val[A_ATOM], K(m, 0), alter);
			return;
		}
	}
	val[A_ATOM] = value_of(m, c, (uint32_t)val[A_ATOM], (uint32_t)val[X_ATOM]);
}

static int next_op(const mb *b, int i)
{
	while (i < b->ns && b->s[i].code == NOP)
		i++;
	return i < b->ns ? i : -1;
}

static void swap_exits(mb *b)
{
	int t = b->succ[0];
	b->succ[0] = b->succ[1];
	b->succ[1] = t;
}

/* libpcap's peephole rules; like libpcap, none applies to a block without statements. */
static void opt_peep(model *m, mb *b)
{
	if (b->ns == 0)
		return;
	int last = 0;
	for (int i = 0;; ) {
		i = next_op(b, i);
		if (i < 0)
			break;
		int j = next_op(b, i + 1);
		if (j < 0)
			break;
		last = j;
		ns_stmt *s = &b->s[i], *nx = &b->s[j];
		if (s->code == NS_BPF_ST && nx->code == (NS_BPF_LDX | NS_BPF_MEM) && s->k == nx->k) {
			m->done = false;
			nx->code = NS_BPF_MISC | NS_BPF_TAX;
		}
		if (s->code == (NS_BPF_LD | NS_BPF_IMM) && nx->code == (NS_BPF_MISC | NS_BPF_TAX)) {
			s->code = NS_BPF_LDX | NS_BPF_IMM;
			nx->code = NS_BPF_MISC | NS_BPF_TXA;
			m->done = false;
		}
		/* `ld #k; [ldxms]; add x; tax; ld [x + o]` is `[ldxms]; ld [x + o + k]` */
		if (s->code == (NS_BPF_LD | NS_BPF_IMM) && !(b->out_use & 1u << X_ATOM)) {
			int add = nx->code != (NS_BPF_LDX | NS_BPF_MSH | NS_BPF_B) ? j : next_op(b, j + 1);
			int tax = add >= 0 && b->s[add].code == (NS_BPF_ALU | NS_BPF_ADD | NS_BPF_X)
					  ? next_op(b, add + 1) : -1;
			int ild = tax >= 0 && b->s[tax].code == (NS_BPF_MISC | NS_BPF_TAX)
					  ? next_op(b, tax + 1) : -1;
			if (ild >= 0 && NS_BPF_CLASS(b->s[ild].code) == NS_BPF_LD &&
			    NS_BPF_MODE(b->s[ild].code) == NS_BPF_IND) {
				b->s[ild].k += s->k;
				s->code = NOP;
				b->s[add].code = NOP;
				b->s[tax].code = NOP;
				m->done = false;
			}
		}
		i = j;
	}
	ns_stmt *l = &b->s[last];
	uint32_t kx;
	if (b->code == (NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K) && !(b->out_use & 1u << A_ATOM)) {
		if (l->code == (NS_BPF_ALU | NS_BPF_SUB | NS_BPF_X)) {
			if (konst(m, b->val[X_ATOM], &kx)) {
				b->k += kx;
				l->code = NOP;
				m->done = false;
			} else if (b->k == 0) {
				l->code = NOP;
				b->code = NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_X;
				m->done = false;
			}
		} else if (l->code == (NS_BPF_ALU | NS_BPF_SUB | NS_BPF_K)) {
			l->code = NOP;
			b->k += l->k;
			m->done = false;
		} else if (l->code == (NS_BPF_ALU | NS_BPF_AND | NS_BPF_K) && b->k == 0) {
			b->k = l->k;
			b->code = NS_BPF_JMP | NS_BPF_JSET | NS_BPF_K;
			l->code = NOP;
			m->done = false;
			swap_exits(b);
		}
	}
	/* `jset #0` never holds. libpcap 1.10 also takes `jset #0xffffffff` as always true, which
	 * is wrong for A = 0 and makes it refuse `link[0] & 0xffffffff == 0`; its current test
	 * suite requires compiling that, so the model keeps only the sound half. */
	if (b->code == (NS_BPF_JMP | NS_BPF_JSET | NS_BPF_K) && b->k == 0)
		b->succ[0] = b->succ[1];
	if (NS_BPF_CLASS(b->code) == NS_BPF_JMP && b->code != JA_CODE &&
	    NS_BPF_SRC(b->code) == NS_BPF_X && konst(m, b->val[X_ATOM], &kx)) {
		b->code &= (uint16_t)~NS_BPF_X;
		b->k = kx;
	}
	uint32_t ka;
	if (NS_BPF_CLASS(b->code) == NS_BPF_JMP && b->code != JA_CODE &&
	    NS_BPF_SRC(b->code) == NS_BPF_K && konst(m, b->val[A_ATOM], &ka)) {
		bool v = false;
		switch (NS_BPF_OP(b->code)) {
		case NS_BPF_JEQ: v = ka == b->k; break;
		case NS_BPF_JGT: v = ka > b->k; break;
		case NS_BPF_JGE: v = ka >= b->k; break;
		case NS_BPF_JSET: v = (ka & b->k) != 0; break;
		}
		if (b->succ[0] != b->succ[1])
			m->done = false;
		if (v)
			b->succ[1] = b->succ[0];
		else
			b->succ[0] = b->succ[1];
	}
}

/* A value overwritten before anyone reads it, in the block or after it, is not computed. */
static void opt_deadstores(model *m, mb *b)
{
	int last[NATOMS];
	for (int a = 0; a < NATOMS; a++)
		last[a] = -1;
	for (int i = 0; i <= b->ns; i++) {
		uint16_t c = i < b->ns ? b->s[i].code : b->code;
		uint32_t k = i < b->ns ? b->s[i].k : b->k;
		if (i == b->ns && NS_BPF_CLASS(c) != NS_BPF_JMP)
			break;
		int u = atomuse(c, k);
		if (u == AX_ATOM) {
			last[X_ATOM] = -1;
			last[A_ATOM] = -1;
		} else if (u >= 0) {
			last[u] = -1;
		}
		if (i == b->ns)
			break;
		int d = atomdef(c, k);
		if (d >= 0) {
			if (last[d] >= 0) {
				m->done = false;
				b->s[last[d]].code = NOP;
			}
			last[d] = i;
		}
	}
	for (int a = 0; a < NATOMS; a++)
		if (last[a] >= 0 && !(b->out_use & 1u << a)) {
			b->s[last[a]].code = NOP;
			m->done = false;
		}
}

static void opt_blk(model *m, int id, bool do_stmts)
{
	mb *b = &m->b[id];
	int e = b->in;
	if (e < 0) {
		memset(b->val, 0, sizeof(b->val));
	} else {
		memcpy(b->val, m->b[e % m->n].val, sizeof(b->val));
		for (e = m->enext[e]; e >= 0; e = m->enext[e]) {
			const mb *p = &m->b[e % m->n];
			for (int a = 0; a < NATOMS; a++)
				if (b->val[a] != p->val[a])
					b->val[a] = 0;
		}
	}
	int aval = b->val[A_ATOM], xval = b->val[X_ATOM];
	for (int i = 0; i < b->ns; i++)
		opt_stmt(m, &b->s[i], b->val, do_stmts);
	if (do_stmts && ((b->out_use == 0 && aval != 0 && b->val[A_ATOM] == aval && xval != 0 &&
			  b->val[X_ATOM] == xval) ||
			 is_ret(b))) {
		if (b->ns) {
			b->ns = 0;
			m->done = false;
		}
	} else {
		opt_peep(m, b);
		opt_deadstores(m, b);
	}
	b->oval = NS_BPF_SRC(b->code) == NS_BPF_K ? K(m, b->k) : b->val[X_ATOM];
	b->ecode[0] = b->code;
	b->ecode[1] = -(int)b->code;
}

/* Whether an atom the successors of succ read would hold another value coming from b. */
static bool use_conflict(const model *m, const mb *b, const mb *succ)
{
	(void)m;
	for (int a = 0; a < NATOMS; a++)
		if (succ->out_use & 1u << a && b->val[a] != succ->val[a])
			return true;
	return false;
}

/* Where an edge into child goes when the edge e dominates it, or -1. */
static int fold_edge(const model *m, const mb *child, int e)
{
	const mb *p = &m->b[e % m->n];
	int code = p->ecode[e / m->n];
	bool sense = code >= 0;
	if (!sense)
		code = -code;
	if (child->code != code)
		return -1;
	if (child->val[A_ATOM] != p->val[A_ATOM])
		return -1;
	if (child->oval == p->oval)
		return sense ? child->succ[0] : child->succ[1];
	if (sense && code == (NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K))
		return child->succ[1];
	return -1;
}

static void opt_j(model *m, int id, int side)
{
	mb *p = &m->b[id];
	int *succ = &p->succ[side];
	if (is_ret(&m->b[*succ]))
		return;
	mb *s = &m->b[*succ];
	if (s->succ[0] == s->succ[1] && !use_conflict(m, p, &m->b[s->succ[0]])) {
		m->done = false;
		*succ = s->succ[0];
	}
	const uint32_t *d = eset(m, edge_id(m, id, side));
top:
	for (int w = 0; w < m->words; w++)
		for (uint32_t x = d[w]; x; x &= x - 1) {
			int e = w * 32 + __builtin_ctz(x);
			int t = fold_edge(m, &m->b[*succ], e);
			if (t >= 0 && !use_conflict(m, p, &m->b[t])) {
				m->done = false;
				*succ = t;
				if (!is_ret(&m->b[t]))
					goto top;
				return;
			}
		}
}

/* libpcap's pull-up: in a chain of tests linked through their `side` exits (or: false exits,
 * all sharing one other exit), a test of the value the block's predecessors hold is moved to
 * the top of the chain. side 1: `or` chains (true exits shared), side 0: `and` chains. */
static void pullup(model *m, int id, int side)
{
	mb *b = &m->b[id];
	int other = !side;
	int e = b->in;
	if (e < 0)
		return;
	int val = m->b[e % m->n].val[A_ATOM];
	for (int f = m->enext[e]; f >= 0; f = m->enext[f])
		if (m->b[f % m->n].val[A_ATOM] != val)
			return;
	mb *p0 = &m->b[e % m->n];
	int *diffp = p0->succ[0] == id ? &p0->succ[0] : &p0->succ[1];
	bool at_top = true;
	for (;;) {
		if (*diffp < 0)
			return;
		mb *d = &m->b[*diffp];
		if (is_ret(d) || d->succ[other] != b->succ[other] || !dominates(m, id, *diffp))
			return;
		if (d->val[A_ATOM] != val)
			break;
		diffp = &d->succ[side];
		at_top = false;
	}
	int *samep = &m->b[*diffp].succ[side];
	for (;;) {
		if (*samep < 0)
			return;
		mb *q = &m->b[*samep];
		if (is_ret(q) || q->succ[other] != b->succ[other] || !dominates(m, id, *samep))
			return;
		if (q->val[A_ATOM] == val)
			break;
		samep = &q->succ[side];
	}
	int pull = *samep;
	*samep = m->b[pull].succ[side];
	m->b[pull].succ[side] = *diffp;
	if (at_top) {
		for (int f = b->in; f >= 0; f = m->enext[f]) {
			mb *p = &m->b[f % m->n];
			if (p->succ[0] == id)
				p->succ[0] = pull;
			else
				p->succ[1] = pull;
		}
	} else {
		*diffp = pull;
	}
	m->done = false;
}

static void opt_blks(model *m, bool do_stmts)
{
	init_val(m);
	find_inedges(m);
	for (int lv = m->maxlevel; lv >= 0; lv--)
		FOR_LEVEL(m, lv, i)
			opt_blk(m, i, do_stmts);
	if (do_stmts)
		return;
	for (int lv = 1; lv <= m->maxlevel; lv++)
		FOR_LEVEL(m, lv, i) {
			opt_j(m, i, 0);
			opt_j(m, i, 1);
		}
	find_inedges(m);
	for (int lv = 1; lv <= m->maxlevel; lv++)
		FOR_LEVEL(m, lv, i) {
			pullup(m, i, 1);
			pullup(m, i, 0);
		}
}

static bool opt_loop(model *m, bool do_stmts)
{
	for (int round = 0; round < MAX_ROUNDS; round++) {
		m->done = true;
		find_levels(m);
		find_ud(m);
		if (!do_stmts) {
			find_dom(m);
			find_edom(m);
		}
		opt_blks(m, do_stmts);
		if (m->done)
			return true;
	}
	return false;
}

/* ---- identical blocks, and the start ---- */

static bool same_block(const mb *p, const mb *q)
{
	if (p->code != q->code || p->k != q->k || p->succ[0] != q->succ[0] || p->succ[1] != q->succ[1])
		return false;
	int i = 0, j = 0;
	for (;;) {
		while (i < p->ns && p->s[i].code == NOP)
			i++;
		while (j < q->ns && q->s[j].code == NOP)
			j++;
		if (i == p->ns || j == q->ns)
			return i == p->ns && j == q->ns;
		if (p->s[i].code != q->s[j].code || p->s[i].k != q->s[j].k)
			return false;
		i++;
		j++;
	}
}

static bool starts_with_reject(model *m)
{
	find_levels(m);
	int *canon = ns_alloc(m->ctx, (size_t)m->n * sizeof(*canon));
	int hcap = 1;
	while (hcap < 2 * m->n + 2)
		hcap <<= 1;
	int *table = ns_alloc(m->ctx, (size_t)hcap * sizeof(*table));
	memset(table, -1, (size_t)hcap * sizeof(*table));
	for (int lv = 0; lv <= m->maxlevel; lv++)
		FOR_LEVEL(m, lv, i) {
			mb *b = &m->b[i];
			if (!is_ret(b))
				for (int s = 0; s < 2; s++)
					b->succ[s] = canon[b->succ[s]];
			uint32_t h = vhash(b->code, b->k, (uint32_t)(b->succ[0] * 31 + b->succ[1]));
			h &= (uint32_t)(hcap - 1);
			while (table[h] >= 0 && !same_block(&m->b[table[h]], b))
				h = (h + 1) & (uint32_t)(hcap - 1);
			if (table[h] < 0)
				table[h] = i;
			canon[i] = table[h];
		}
	const mb *r = &m->b[m->root];
	while (NS_BPF_CLASS(r->code) == NS_BPF_JMP && r->succ[0] == r->succ[1])
		r = &m->b[r->succ[0]];
	return is_ret(r) && r->k == 0;
}

/* ---- from the IR ---- */

/* The IR's jump-only blocks: the empty prologue at the root goes; an empty block elsewhere is a
 * constant condition (ns_ir_true/false), which libpcap generates as `ld #k; jeq #0` and decides
 * in its branch phase, so it stays in the model as such a test with both exits on its target:
 * cutting it off takes libpcap a round, and blocks behind it are not the root. */
static const ns_stmt const_stmt = {NS_BPF_LD | NS_BPF_IMM, 0};

ns_pcapmodel ns_pcapmodel_run(ns_ir *ir)
{
	model mm, *m = &mm;
	memset(m, 0, sizeof(*m));
	m->ctx = ir->ctx;
	if (!ir->root)
		return NS_PCAPMODEL_UNKNOWN;
	/* Number the blocks in depth-first preorder, true exit first (libpcap numbers its edges
	 * this way, and tries dominating edges in that order). */
	int *num = ns_alloc(m->ctx, (size_t)(ir->nblocks + 1) * sizeof(*num));
	ns_block **order = ns_alloc(m->ctx, (size_t)(ir->nblocks + 1) * sizeof(*order));
	ns_block **stack = ns_alloc(m->ctx, (size_t)(2 * ir->nblocks + 2) * sizeof(*stack));
	for (int i = 0; i < ir->nblocks; i++)
		num[i] = -1;
	int n = 0, top = 0;
	ns_block *root = ir->root;
	if (ns_block_is_ja(root) && root->nstmts == 0)
		root = root->jt; /* the prologue */
	stack[top++] = root;
	while (top) {
		ns_block *p = stack[--top];
		if (num[p->id] >= 0)
			continue;
		num[p->id] = n;
		order[n++] = p;
		if (ns_block_is_ret(p))
			continue;
		if (!ns_block_is_ja(p))
			stack[top++] = p->jf;
		stack[top++] = p->jt;
	}
	if (n > MAX_BLOCKS)
		return NS_PCAPMODEL_UNKNOWN;
	m->n = n;
	m->root = 0;
	m->b = ns_alloc(m->ctx, (size_t)n * sizeof(*m->b));
	int nstmts = 0;
	for (int i = 0; i < n; i++) {
		ns_block *p = order[i];
		mb *b = &m->b[i];
		b->ns = p->nstmts;
		nstmts += p->nstmts;
		b->s = ns_alloc(m->ctx, (size_t)(p->nstmts + 1) * sizeof(*b->s));
		if (p->nstmts)
			memcpy(b->s, p->stmts, (size_t)p->nstmts * sizeof(*b->s));
		b->code = p->jcode;
		b->k = p->k;
		b->succ[0] = b->succ[1] = -1;
		if (ns_block_is_ja(p) && p->nstmts == 0) {
			b->ns = 1;
			b->s[0] = const_stmt;
			b->code = NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K;
			b->k = 0;
			b->succ[0] = b->succ[1] = num[p->jt->id];
		} else if (ns_block_is_ja(p)) {
			/* statements then a jump: a test whose exits agree */
			b->k = 0;
			b->succ[0] = b->succ[1] = num[p->jt->id];
		} else if (!ns_block_is_ret(p)) {
			b->succ[0] = num[p->jt->id];
			b->succ[1] = num[p->jf->id];
		}
	}
	m->words = 2 * n / 32 + 1;
	m->edom = ns_alloc(m->ctx, (size_t)2 * (size_t)n * (size_t)m->words * sizeof(uint32_t));
	m->bwords = n / 32 + 1;
	m->dom = ns_alloc(m->ctx, (size_t)n * (size_t)m->bwords * sizeof(uint32_t));
	m->enext = ns_alloc(m->ctx, (size_t)2 * (size_t)n * sizeof(*m->enext));
	m->levels = ns_alloc(m->ctx, (size_t)(n + 1) * sizeof(*m->levels));
	m->mark = ns_alloc(m->ctx, (size_t)n + 1);
	m->stack = ns_alloc(m->ctx, (size_t)(n + 1) * sizeof(*m->stack));
	m->valcap = 3 * (nstmts + n) + 16;
	m->vn = ns_alloc(m->ctx, (size_t)m->valcap * sizeof(*m->vn));
	m->isconst = ns_alloc(m->ctx, (size_t)m->valcap * sizeof(*m->isconst));
	m->hcap = 64;
	while (m->hcap < 2 * m->valcap)
		m->hcap <<= 1;
	m->ht = ns_alloc(m->ctx, (size_t)m->hcap * sizeof(*m->ht));
	if (!opt_loop(m, false) || !opt_loop(m, true))
		return NS_PCAPMODEL_UNKNOWN;
	return starts_with_reject(m) ? NS_PCAPMODEL_REJECTS_ALL : NS_PCAPMODEL_ACCEPTS;
}
