/* The arithmetic sublanguage: `proto[expr : size]` accessors, `len`, constants, the binary
 * and unary operators, and relations between two expressions.
 *
 * A relation compiles to: every protocol check its accessors need (in source order, left
 * operand first, an accessor's index before the accessor itself), then one straight run of
 * statements that computes both sides, then one comparison. The straight run may fail at run
 * time (a load past the packet, a division by a zero read from the packet) and that rejects
 * the packet whatever the surrounding `not` says, exactly as in libpcap, so the order of the
 * statements inside the run does not matter but its position after the checks does.
 *
 * Values are computed into A; a right operand that is not a constant is computed first and
 * parked in a scratch cell (the left one first when that needs fewer cells), so a cell is always
 * written before it is read on the same path.
 *
 * The same relation is also generated the way libpcap's gen_arth does (ns_gen.pcap_shape: every
 * operand through X, nothing folded, equality as `sub x; jeq #0`), only for the model of its
 * optimizer that decides acceptance (pcapmodel.c); and libpcap's scratch-cell count decides
 * "too many registers needed to evaluate expression" (pcap_cells). */
#include <string.h>

#include "compiler/gen.h"

/* Deepest arithmetic accepted: the passes below recurse once per operator. libpcap has no such
 * bound (a chain of 10000 `+ 1` compiles there); nothing written by hand comes near it. */
enum { NS_ARITH_MAX_DEPTH = 2000 };

/* What an accessor `proto[...]` is relative to and which packets have it. */
typedef enum acc_kind { ACC_NONE, ACC_LINK, ACC_NET, ACC_TRAN4, ACC_ICMP6 } acc_kind;

static const uint8_t accessors[NS_QP_COUNT] = {
	[NS_QP_LINK] = ACC_LINK,   [NS_QP_IP] = ACC_NET,      [NS_QP_ARP] = ACC_NET,
	[NS_QP_RARP] = ACC_NET,    [NS_QP_ATALK] = ACC_NET,
	[NS_QP_DECNET] = ACC_NET,  [NS_QP_SCA] = ACC_NET,     [NS_QP_LAT] = ACC_NET,
	[NS_QP_MOPDL] = ACC_NET,   [NS_QP_MOPRC] = ACC_NET,   [NS_QP_IPV6] = ACC_NET,
	[NS_QP_TCP] = ACC_TRAN4,   [NS_QP_UDP] = ACC_TRAN4,   [NS_QP_ICMP] = ACC_TRAN4,
	[NS_QP_IGMP] = ACC_TRAN4,  [NS_QP_IGRP] = ACC_TRAN4,  [NS_QP_PIM] = ACC_TRAN4,
	[NS_QP_VRRP] = ACC_TRAN4,  [NS_QP_CARP] = ACC_TRAN4,  [NS_QP_SCTP] = ACC_TRAN4,
	[NS_QP_ICMPV6] = ACC_ICMP6,
};

typedef struct chks {
	ns_cond c;
	bool have;
} chks;

static void add_chk(chks *k, ns_cond c)
{
	k->c = k->have ? ns_ir_and(k->c, c) : c;
	k->have = true;
}

/* Constant value of a subtree without run-time effects, if it has one. */
static bool fold(const ns_node *n, uint32_t *v)
{
	uint32_t a, b;
	switch (n->kind) {
	case NS_A_NUM:
		*v = n->num;
		return true;
	case NS_A_NEG:
		if (!fold(n->a, &a))
			return false;
		*v = (uint32_t)-a;
		return true;
	case NS_A_BINOP:
		if (!fold(n->a, &a) || !fold(n->b, &b))
			return false;
		switch (n->binop) {
		case NS_BIN_ADD: *v = a + b; return true;
		case NS_BIN_SUB: *v = a - b; return true;
		case NS_BIN_MUL: *v = a * b; return true;
		case NS_BIN_DIV: if (!b) return false; *v = a / b; return true;
		case NS_BIN_MOD: if (!b) return false; *v = a % b; return true;
		case NS_BIN_AND: *v = a & b; return true;
		case NS_BIN_OR: *v = a | b; return true;
		case NS_BIN_XOR: *v = a ^ b; return true;
		case NS_BIN_LSH: if (b > 31) return false; *v = a << b; return true;
		case NS_BIN_RSH: if (b > 31) return false; *v = a >> b; return true;
		}
		return false;
	default:
		return false;
	}
}

static acc_kind accessor(ns_gen *g, const ns_node *n)
{
	acc_kind k = (acc_kind)accessors[n->qual.proto];
	if (k == ACC_NONE)
		ns_fail_at(g->ctx, n, "'%s' does not support the index operation",
			   ns_qproto_names[n->qual.proto]);
	if (n->size != 1 && n->size != 2 && n->size != 4)
		ns_fail_at(g->ctx, n, "data size must be 1, 2, or 4");
	return k;
}

/* Pass 1: the protocol checks, in libpcap's order (k NULL: only validate). Also rejects bad
 * constants.
 *
 * libpcap 1.10.3 keeps only the left operand's checks for a binary operator: in
 * `len + arp[3] >= 0` nothing checks that the packet is ARP, and `arp[3] + tcp[1]` checks ARP
 * only. Verdicts follow libpcap, so the right operand of an operator is validated but adds no
 * check (docs/filter-semantics.md). The operands of a relation, an accessor's index and a
 * negated operand keep theirs. */
static void checks(ns_gen *g, ns_node *n, chks *k)
{
	switch (n->kind) {
	case NS_A_NUM:
	case NS_A_LEN:
		return;
	case NS_A_NEG:
		checks(g, n->a, k);
		return;
	case NS_A_BINOP:
		checks(g, n->a, k);
		checks(g, n->b, NULL);
		/* libpcap refuses a right operand whose code starts by loading a constant 0 (divisor)
		 * or above 31 (shift): that is its leftmost leaf, so `x / (0 + y)` and `x >> ip[40]`
		 * are refused too. The same rule keeps acceptance identical. */
		const ns_node *leaf = n->b;
		while (leaf->kind == NS_A_BINOP || leaf->kind == NS_A_NEG || leaf->kind == NS_A_LOAD)
			leaf = leaf->a;
		/* A divisor or shift count that is only known once constants are folded is
		 * libpcap's optimizer's business: it refuses it only where the operation survives
		 * its branch phase (pcapmodel.c), so it is decided there, not here. */
		if (leaf->kind == NS_A_NUM) {
			uint32_t v = leaf->num;
			if (n->binop == NS_BIN_DIV && v == 0)
				ns_fail_at(g->ctx, n, "division by zero");
			if (n->binop == NS_BIN_MOD && v == 0)
				ns_fail_at(g->ctx, n, "modulus by zero");
			if ((n->binop == NS_BIN_LSH || n->binop == NS_BIN_RSH) && v > 31)
				ns_fail_at(g->ctx, n, "shift by more than 31 bits");
		}
		return;
	case NS_A_LOAD: {
		acc_kind kind = accessor(g, n);
		checks(g, n->a, k);
		/* A right operand's checks are dropped, but libpcap generates them first, so the
		 * errors they raise ("unsupported protocol over mpls" for `len ^ mopdl[14]`
		 * after `mpls`) are raised here too; the blocks made stay unreachable. */
		chks dropped = {0};
		if (!k)
			k = &dropped;
		switch (kind) {
		case ACC_LINK:
			break;
		case ACC_NET:
			add_chk(k, ns_gen_proto_abbrev(g, n->qual.proto, n));
			break;
		case ACC_TRAN4:
			add_chk(k, ns_gen_linktype(g, 0x0800));
			add_chk(k, ns_gen_proto_abbrev(g, n->qual.proto, n));
			add_chk(k, ns_gen_ipfrag_not(g));
			break;
		case ACC_ICMP6: {
			add_chk(k, ns_gen_linktype(g, 0x86dd));
			add_chk(k, ns_gen_cmp(g, NS_BASE_LINKPL, 6, 1, 0xffffffffu, NS_REL_EQ, 58));
			break;
		}
		default:
			break;
		}
		if (dropped.have) {
			ns_block *sink = ns_ir_block(&g->ir);
			sink->jcode = NS_BPF_RET | NS_BPF_K;
			sink->k = 0;
			ns_ir_patch(dropped.c.t, sink);
			ns_ir_patch(dropped.c.f, sink);
		}
		return;
	}
	default:
		ns_fail_at(g->ctx, n, "internal error: not an arithmetic node");
	}
}

static void st(ns_gen *g, ns_block *b, uint16_t code, uint32_t k)
{
	ns_ir_stmt(&g->ir, b, code, k);
}

static void value(ns_gen *g, ns_node *n, ns_block *b);

static void load_value(ns_gen *g, ns_node *n, ns_block *b)
{
	acc_kind kind = (acc_kind)accessors[n->qual.proto];
	uint16_t sz = ns_size_code(n->size);
	ns_absoff base;
	switch (kind) {
	case ACC_LINK: base = g->linkhdr; break;
	case ACC_ICMP6: base = (ns_absoff){g->linkpl.k + 40, g->linkpl.var_reg}; break;
	default: base = g->linkpl; break;
	}
	uint32_t k;
	bool konst = fold(n->a, &k);
	if (kind == ACC_TRAN4) {
		if (konst && (uint32_t)(base.k + k) >= 0x80000000u) {
			/* `icmp[-3:4]`: a negative offset from the transport header, inside the
			 * IP header. As libpcap's unoptimized program does, add it to X first, so
			 * the load's own offset does not wrap (bpf_filter refuses a wrapped one). */
			ns_gen_load_iphl(g, b);
			st(g, b, NS_BPF_MISC | NS_BPF_TXA, 0);
			st(g, b, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, base.k + k);
			st(g, b, NS_BPF_MISC | NS_BPF_TAX, 0);
			st(g, b, NS_BPF_LD | NS_BPF_IND | sz, 0);
			return;
		}
		if (konst) {
			ns_gen_load_iphl(g, b);
			st(g, b, NS_BPF_LD | NS_BPF_IND | sz, base.k + k);
			return;
		}
		value(g, n->a, b);
		int r = ns_gen_reg_alloc(g, n);
		st(g, b, NS_BPF_ST, (uint32_t)r);
		ns_gen_load_iphl(g, b);
		st(g, b, NS_BPF_LD | NS_BPF_MEM, (uint32_t)r);
		ns_gen_reg_free(g, r);
		st(g, b, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_X, 0);
		st(g, b, NS_BPF_MISC | NS_BPF_TAX, 0);
		st(g, b, NS_BPF_LD | NS_BPF_IND | sz, base.k);
		return;
	}
	/* An offset that wraps past 2^31 (`ip[-60:4]`) would read as the kernel's ancillary or
	 * negative-offset area in an absolute load: index through X instead, as libpcap does. */
	if (konst && (uint32_t)(base.k + k) >= 0x80000000u) {
		if (base.var_reg >= 0) {
			st(g, b, NS_BPF_LD | NS_BPF_MEM, (uint32_t)base.var_reg);
			st(g, b, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, k);
			st(g, b, NS_BPF_MISC | NS_BPF_TAX, 0);
			st(g, b, NS_BPF_LD | NS_BPF_IND | sz, base.k);
		} else {
			st(g, b, NS_BPF_LDX | NS_BPF_IMM, k);
			st(g, b, NS_BPF_LD | NS_BPF_IND | sz, base.k);
		}
		return;
	}
	if (konst) {
		if (base.var_reg >= 0) {
			st(g, b, NS_BPF_LDX | NS_BPF_MEM, (uint32_t)base.var_reg);
			st(g, b, NS_BPF_LD | NS_BPF_IND | sz, base.k + k);
		} else {
			st(g, b, NS_BPF_LD | NS_BPF_ABS | sz, base.k + k);
		}
		return;
	}
	value(g, n->a, b);
	if (base.var_reg >= 0) {
		st(g, b, NS_BPF_LDX | NS_BPF_MEM, (uint32_t)base.var_reg);
		st(g, b, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_X, 0);
	}
	st(g, b, NS_BPF_MISC | NS_BPF_TAX, 0);
	st(g, b, NS_BPF_LD | NS_BPF_IND | sz, base.k);
}

static const uint16_t alu_ops[] = {
	[NS_BIN_ADD] = NS_BPF_ADD, [NS_BIN_SUB] = NS_BPF_SUB, [NS_BIN_MUL] = NS_BPF_MUL,
	[NS_BIN_DIV] = NS_BPF_DIV, [NS_BIN_MOD] = NS_BPF_MOD, [NS_BIN_AND] = NS_BPF_AND,
	[NS_BIN_OR] = NS_BPF_OR,   [NS_BIN_XOR] = NS_BPF_XOR, [NS_BIN_LSH] = NS_BPF_LSH,
	[NS_BIN_RSH] = NS_BPF_RSH,
};

/* A constant right operand the kernel accepts as an immediate. */
static bool immediate_ok(int op, uint32_t k)
{
	if ((op == NS_BIN_DIV || op == NS_BIN_MOD) && k == 0)
		return false;
	if ((op == NS_BIN_LSH || op == NS_BIN_RSH) && k > 31)
		return false;
	return true;
}

/* With A holding the left operand of n: parks it in a scratch cell, computes the right operand
 * with val, and leaves the right operand in X and the left one in A. Left operands first, as
 * libpcap, so a chain `a - b - c ...` holds one cell at a time, not one per operator. */
static void park_and(ns_gen *g, ns_node *n, ns_block *b, void (*val)(ns_gen *, ns_node *, ns_block *))
{
	int r = ns_gen_reg_alloc(g, n);
	st(g, b, NS_BPF_ST, (uint32_t)r);
	val(g, n->b, b);
	st(g, b, NS_BPF_MISC | NS_BPF_TAX, 0);
	st(g, b, NS_BPF_LD | NS_BPF_MEM, (uint32_t)r);
	ns_gen_reg_free(g, r);
}

/* The scratch cells value() needs for n at most at once (choosing the better order at each
 * operator, as operands() does), memoized per relation in g->cellmap: operands() asks at every
 * operator of a chain. */
typedef struct ns_cellmap {
	const ns_node **key;
	int *val;
	int cap;
} ns_cellmap;

static int *memo_slot(ns_cellmap *m, const ns_node *n)
{
	size_t h = ((uintptr_t)n >> 4) * 2654435761u;
	for (int i = (int)(h & (size_t)(m->cap - 1));; i = (i + 1) & (m->cap - 1)) {
		if (m->key[i] == n || !m->key[i]) {
			m->key[i] = n;
			return &m->val[i];
		}
	}
}

static int cells(ns_gen *g, const ns_node *n)
{
	uint32_t k;
	int *slot = memo_slot(g->cellmap, n);
	if (*slot)
		return *slot - 1;
	int r = 0;
	if (fold(n, &k)) {
		r = 0;
	} else if (n->kind == NS_A_NEG) {
		r = cells(g, n->a);
	} else if (n->kind == NS_A_LOAD) {
		if (!fold(n->a, &k)) {
			r = cells(g, n->a);
			if (accessors[n->qual.proto] == ACC_TRAN4 && r < 1)
				r = 1;
		}
	} else if (n->kind == NS_A_BINOP) {
		if (fold(n->b, &k) && immediate_ok(n->binop, k)) {
			r = cells(g, n->a);
		} else {
			int a = cells(g, n->a), b = cells(g, n->b);
			int right_first = b > a + 1 ? b : a + 1, left_first = a > b + 1 ? a : b + 1;
			r = right_first < left_first ? right_first : left_first;
		}
	}
	*slot = r + 1;
	return r;
}

/* Leaves the left operand of n (a binary operator or a relation) in A and the right one in X.
 * The right operand is computed first and parked in a cell, so that cell is the one a store
 * keeps (with protochain every store stays, and with it the loads feeding it, as in libpcap),
 * unless that needs more cells than are free: a chain `a - b - c ...` then goes left first and
 * holds one cell at a time, not one per operator. */
static void operands(ns_gen *g, ns_node *n, ns_block *b)
{
	int a = cells(g, n->a), need = cells(g, n->b);
	if (a + 1 > need)
		need = a + 1;
	if (need <= NS_BPF_MEMWORDS - __builtin_popcount(g->regs)) {
		value(g, n->b, b);
		int r = ns_gen_reg_alloc(g, n);
		st(g, b, NS_BPF_ST, (uint32_t)r);
		value(g, n->a, b);
		st(g, b, NS_BPF_LDX | NS_BPF_MEM, (uint32_t)r);
		ns_gen_reg_free(g, r);
		return;
	}
	value(g, n->a, b);
	park_and(g, n, b, value);
}

/* Pass 2: A = value of n. */
static void value(ns_gen *g, ns_node *n, ns_block *b)
{
	uint32_t k;
	if (fold(n, &k)) {
		st(g, b, NS_BPF_LD | NS_BPF_IMM, k);
		return;
	}
	switch (n->kind) {
	case NS_A_LEN:
		st(g, b, NS_BPF_LD | NS_BPF_W | NS_BPF_LEN, 0);
		return;
	case NS_A_NEG:
		value(g, n->a, b);
		st(g, b, NS_BPF_ALU | NS_BPF_NEG, 0);
		return;
	case NS_A_LOAD:
		load_value(g, n, b);
		return;
	case NS_A_BINOP: {
		uint16_t op = alu_ops[n->binop];
		if (fold(n->b, &k) && immediate_ok(n->binop, k)) {
			value(g, n->a, b);
			st(g, b, NS_BPF_ALU | op | NS_BPF_K, k);
			return;
		}
		operands(g, n, b);
		st(g, b, NS_BPF_ALU | op | NS_BPF_X, 0);
		return;
	}
	default:
		ns_fail_at(g->ctx, n, "internal error: not an arithmetic node");
	}
}

/* libpcap's scratch-cell use for a value, as its gen_arth, gen_load, gen_loadi, gen_loadlen and
 * gen_neg allocate them: every leaf takes a cell; an accessor takes its result's cell while its
 * index's is still held; an operator frees both operands' cells and takes one. Returns the most
 * cells held at once while n is computed (one of them holds n at the end). */
static int pcap_cells(const ns_node *n)
{
	switch (n->kind) {
	case NS_A_NEG:
		return pcap_cells(n->a);
	case NS_A_LOAD: {
		int i = pcap_cells(n->a);
		return i > 2 ? i : 2;
	}
	case NS_A_BINOP: {
		int a = pcap_cells(n->a), b = 1 + pcap_cells(n->b);
		return a > b ? a : b;
	}
	default:
		return 1;
	}
}

/* How deep the arithmetic below n goes, measured without recursion: every pass here recurses
 * per operator, so the depth is bounded before any of them runs (`1+1+...+1` ten thousand
 * times long would overflow the C stack of a sanitized build). */
static int arith_depth(ns_gen *g, const ns_node *n, int *count)
{
	typedef struct {
		const ns_node *n;
		int depth;
	} item;
	int cap = 64, top = 0, max = 0;
	item *stack = ns_alloc(g->ctx, (size_t)cap * sizeof(*stack));
	stack[top++] = (item){n, 1};
	*count = 0;
	while (top) {
		item it = stack[--top];
		(*count)++;
		if (it.depth > max)
			max = it.depth;
		if (it.depth > NS_ARITH_MAX_DEPTH)
			break;
		const ns_node *kids[2] = {it.n->a, it.n->b};
		for (int i = 0; i < 2; i++) {
			if (!kids[i])
				continue;
			if (top == cap) {
				item *grown = ns_alloc(g->ctx, (size_t)cap * 2 * sizeof(*stack));
				memcpy(grown, stack, (size_t)cap * sizeof(*stack));
				stack = grown;
				cap *= 2;
			}
			stack[top++] = (item){kids[i], it.depth + 1};
		}
	}
	return max;
}

/* The libpcap-shaped value of n in A (pcap_shape): nothing folded, a right operand computed
 * first into a scratch cell and combined through X, an accessor's index in X, as libpcap's
 * unoptimized code does. What libpcap's optimizer can prove depends on this shape: a folded
 * constant is known to its branch phase, `2 - 2` is not. */
static void pcap_value(ns_gen *g, ns_node *n, ns_block *b)
{
	switch (n->kind) {
	case NS_A_NUM:
		st(g, b, NS_BPF_LD | NS_BPF_IMM, n->num);
		return;
	case NS_A_LEN:
		st(g, b, NS_BPF_LD | NS_BPF_W | NS_BPF_LEN, 0);
		return;
	case NS_A_NEG:
		pcap_value(g, n->a, b);
		st(g, b, NS_BPF_ALU | NS_BPF_NEG, 0);
		return;
	case NS_A_BINOP: {
		pcap_value(g, n->a, b);
		park_and(g, n, b, pcap_value);
		st(g, b, NS_BPF_ALU | alu_ops[n->binop] | NS_BPF_X, 0);
		return;
	}
	case NS_A_LOAD: {
		acc_kind kind = (acc_kind)accessors[n->qual.proto];
		uint16_t sz = ns_size_code(n->size);
		ns_absoff base = kind == ACC_LINK    ? g->linkhdr
				 : kind == ACC_ICMP6 ? (ns_absoff){g->linkpl.k + 40, g->linkpl.var_reg}
						     : g->linkpl;
		pcap_value(g, n->a, b);
		if (kind == ACC_TRAN4) {
			int r = ns_gen_reg_alloc(g, n);
			st(g, b, NS_BPF_ST, (uint32_t)r);
			ns_gen_load_iphl(g, b);
			st(g, b, NS_BPF_LD | NS_BPF_MEM, (uint32_t)r);
			ns_gen_reg_free(g, r);
			st(g, b, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_X, 0);
		} else if (base.var_reg >= 0) {
			st(g, b, NS_BPF_LDX | NS_BPF_MEM, (uint32_t)base.var_reg);
			st(g, b, NS_BPF_ALU | NS_BPF_ADD | NS_BPF_X, 0);
		}
		st(g, b, NS_BPF_MISC | NS_BPF_TAX, 0);
		st(g, b, NS_BPF_LD | NS_BPF_IND | sz, base.k);
		return;
	}
	default:
		ns_fail_at(g->ctx, n, "internal error: not an arithmetic node");
	}
}

static const struct {
	uint16_t op;
	bool negate;
} rel_ops[] = {
	[NS_REL_GT] = {NS_BPF_JGT, false}, [NS_REL_GE] = {NS_BPF_JGE, false},
	[NS_REL_EQ] = {NS_BPF_JEQ, false}, [NS_REL_LE] = {NS_BPF_JGT, true},
	[NS_REL_LT] = {NS_BPF_JGE, true},  [NS_REL_NE] = {NS_BPF_JEQ, true},
};

/* `a relop b` compared through X. */
static ns_cond rel_x(ns_gen *g, ns_node *n, ns_block *b, bool pcap_shape)
{
	ns_cond c;
	if (pcap_shape) {
		/* libpcap's own form: an equality is `sub x; jeq #0`, which its optimizer turns
		 * into `jeq #k` when X is a known constant and into `jeq x` else; the operation
		 * before it is then not the block's last statement any more. */
		pcap_value(g, n->a, b);
		park_and(g, n, b, pcap_value);
		if (n->relop == NS_REL_EQ || n->relop == NS_REL_NE) {
			st(g, b, NS_BPF_ALU | NS_BPF_SUB | NS_BPF_X, 0);
			c = ns_ir_cond_jump(&g->ir, b, NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 0);
			return n->relop == NS_REL_NE ? ns_ir_not(c) : c;
		}
	} else {
		operands(g, n, b);
	}
	c = ns_ir_cond_jump(&g->ir, b, NS_BPF_JMP | rel_ops[n->relop].op | NS_BPF_X, 0);
	return rel_ops[n->relop].negate ? ns_ir_not(c) : c;
}

ns_cond ns_gen_rel(ns_gen *g, ns_node *n)
{
	int nodes;
	if (arith_depth(g, n, &nodes) > NS_ARITH_MAX_DEPTH)
		ns_fail_at(g->ctx, n, "arithmetic nested too deeply (more than %d levels)",
			   NS_ARITH_MAX_DEPTH);
	/* libpcap allocates its cells while parsing, before any other check of the relation. */
	int held = __builtin_popcount(g->regs);
	int left = pcap_cells(n->a), right = 1 + pcap_cells(n->b);
	if (held + (left > right ? left : right) > NS_BPF_MEMWORDS)
		ns_fail_at(g->ctx, n, "too many registers needed to evaluate expression");
	ns_cellmap map = {0};
	for (map.cap = 16; map.cap < 2 * nodes + 16; map.cap *= 2)
		;
	map.key = ns_alloc(g->ctx, (size_t)map.cap * sizeof(*map.key));
	map.val = ns_alloc(g->ctx, (size_t)map.cap * sizeof(*map.val));
	g->cellmap = &map;
	chks k = {{0}, false};
	checks(g, n->a, &k);
	checks(g, n->b, &k);
	ns_block *b = ns_ir_block(&g->ir);
	uint32_t v;
	ns_cond c;
	if (g->pcap_shape) {
		c = rel_x(g, n, b, true);
	} else if (fold(n->b, &v)) {
		value(g, n->a, b);
		c = ns_gen_cmp_a(g, b, n->relop, v);
	} else {
		c = rel_x(g, n, b, false);
	}
	g->cellmap = NULL;
	return k.have ? ns_ir_and(k.c, c) : c;
}
