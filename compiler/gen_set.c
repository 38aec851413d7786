/* Set-aware code generation: runs of like primitives in a disjunction become sorted searches.
 *
 * `host a or host b or ...` compiled term by term costs about 6 instructions per value per
 * protocol and a packet runs through all of them. Here a run of enough
 * primitives with the same qualifiers (IPv4 host/net with one mask; port; ether host) becomes, per field,
 * one binary search over the sorted values: a tree of `jge` with buckets of `jeq` at the
 * leaves, so the program grows by about one instruction per value per field and a packet
 * executes about log2(n) + bucket instructions per field. Fields at the same place in several
 * protocols share one search: the field's offset goes into X on each protocol's path (IPv4,
 * ARP, RARP addresses: a constant; TCP/UDP/SCTP ports: the IPv4 header length, or 40 after
 * the fixed IPv6 header) and the search loads `[x + k]`.
 *
 * Truncated packets. A load past the captured end rejects the packet, so the verdict depends
 * on which loads run and in what order. Term by term (libpcap's unoptimized program), the
 * first term `host a` loads src, and loads dst only when src != a: a packet cut between the
 * two fields is accepted only when src == a. Every later term loads only fields the first term
 * already loaded on the same path (the protocol tests are exclusive). So the first term is
 * generated as the linear code would do it, and the searches start where it would have fallen
 * through: by then every field they read has been read once, and no load can fail any more.
 * With `src and dst`, dst is loaded only when src matched some value, as term by term.
 *
 * That is the unoptimized layout. libpcap's optimized program reads in another order: its or
 * pull-up gathers the tests of each field, so it compares src with every value, then loads dst
 * and compares it with every value. In optimized mode (`opts.optimize`) `host`/`net` and
 * `port` runs without `and` are laid out that way: a src search, then a dst search, with no
 * linear first term. */
#include <stdlib.h>
#include <string.h>

#include "compiler/gen_set.h"

typedef enum setkind { SET_HOST4, SET_PORT, SET_ETHER } setkind;

/* What makes two primitives members of the same set. */
typedef struct setkey {
	uint8_t kind;  /* setkind */
	uint8_t proto; /* ns_qproto */
	uint8_t dir;   /* ns_qdir */
	int ipproto;   /* SET_PORT: 6, 17, 132, or -1 for all three */
	uint32_t mask; /* SET_HOST4 */
} setkey;

static bool key_eq(const setkey *a, const setkey *b)
{
	return a->kind == b->kind && a->proto == b->proto && a->dir == b->dir &&
	       a->ipproto == b->ipproto && a->mask == b->mask;
}

static uint32_t shl32(uint32_t v, int n)
{
	return n >= 32 ? 0 : v << n;
}

/* An IPv4 host or net primitive the set code can take: literal operands only (names may
 * resolve to several addresses, and errors are left to the term-by-term code, which reports
 * them). Mirrors gen_id.c's reading of the operand. */
static bool host4_leaf(const ns_gen *g, const ns_node *n, setkey *k, uint32_t *v)
{
	const ns_qual q = n->qual;
	const ns_id *id = &n->id;
	if (q.type != NS_QT_DEFAULT && q.type != NS_QT_HOST && q.type != NS_QT_NET)
		return false;
	if (q.proto != NS_QP_DEFAULT && q.proto != NS_QP_IP && q.proto != NS_QP_ARP &&
	    q.proto != NS_QP_RARP)
		return false;
	if (q.dir != NS_QD_DEFAULT && q.dir != NS_QD_SRC && q.dir != NS_QD_DST &&
	    q.dir != NS_QD_OR && q.dir != NS_QD_AND)
		return false;
	bool is_net = q.type == NS_QT_NET;
	bool is_host = q.type == NS_QT_HOST || (q.type == NS_QT_DEFAULT && q.dir != NS_QD_DEFAULT);
	uint32_t addr, mask = 0xffffffffu;
	switch (id->kind) {
	case NS_ID_NUM:
		addr = id->num;
		if (is_net)
			while (addr && (addr & 0xff000000u) == 0) {
				addr <<= 8;
				mask <<= 8;
			}
		break;
	case NS_ID_IPV4:
		if (id->v4_invalid)
			return false;
		addr = shl32(id->v4, 32 - id->v4_bits);
		mask = shl32(mask, 32 - id->v4_bits);
		break;
	case NS_ID_IPV4_LEN:
		if (id->v4_invalid || is_host || id->prefix_len < 0 || id->prefix_len > 32)
			return false;
		addr = shl32(id->v4, 32 - id->v4_bits);
		mask = shl32(0xffffffffu, 32 - id->prefix_len);
		if (addr & ~mask)
			return false;
		break;
	default:
		return false;
	}
	(void)g;
	*k = (setkey){SET_HOST4, q.proto, q.dir, -1, mask};
	*v = addr & mask;
	return true;
}

static bool port_leaf(const ns_node *n, setkey *k, uint32_t *v)
{
	const ns_qual q = n->qual;
	if (q.type != NS_QT_PORT || n->id.kind != NS_ID_NUM || n->id.num > 65535)
		return false;
	static const int ipproto[NS_QP_COUNT] = {[NS_QP_TCP] = 6, [NS_QP_UDP] = 17,
						 [NS_QP_SCTP] = 132};
	if (q.proto != NS_QP_DEFAULT && !ipproto[q.proto])
		return false;
	/* `src and dst port` is left term by term. */
	if (q.dir != NS_QD_DEFAULT && q.dir != NS_QD_SRC && q.dir != NS_QD_DST && q.dir != NS_QD_OR)
		return false;
	*k = (setkey){SET_PORT, q.proto, q.dir, q.proto == NS_QP_DEFAULT ? -1 : ipproto[q.proto],
		      0xffffu};
	*v = n->id.num;
	return true;
}

/* `ether host MAC`: the value is an index into the node's own address, read back later. */
static bool ether_leaf(const ns_gen *g, const ns_node *n, setkey *k)
{
	const ns_qual q = n->qual;
	if (q.proto != NS_QP_LINK || (q.type != NS_QT_HOST && q.type != NS_QT_DEFAULT) ||
	    n->id.kind != NS_ID_MAC || !ns_gen_has_mac(g) || g->linkhdr.var_reg >= 0)
		return false;
	if (q.dir != NS_QD_DEFAULT && q.dir != NS_QD_SRC && q.dir != NS_QD_DST && q.dir != NS_QD_OR)
		return false;
	*k = (setkey){SET_ETHER, q.proto, q.dir, -1, 0};
	return true;
}

static bool leaf_key(const ns_gen *g, const ns_node *n, setkey *k, uint32_t *v)
{
	if (n->kind == NS_N_ID && n->qual.proto == NS_QP_LINK) {
		*v = 0;
		return ether_leaf(g, n, k);
	}
	/* The shared searches load at constant offsets from the network-layer header. */
	if (n->kind != NS_N_ID || g->linkpl.var_reg >= 0)
		return false;
	if (n->qual.type == NS_QT_PORT)
		return port_leaf(n, k, v);
	return host4_leaf(g, n, k, v);
}

/* The search. */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* Values sorted, without duplicates and without skip (the value the linear prefix already
 * compared); returns the count. */
static int sorted_set(ns_gen *g, const uint32_t *v, int n, bool has_skip, uint32_t skip,
		      uint32_t **out)
{
	uint32_t *s = ns_alloc(g->ctx, (size_t)(n + 1) * sizeof(*s));
	memcpy(s, v, (size_t)n * sizeof(*s));
	qsort(s, (size_t)n, sizeof(*s), cmp_u32);
	int m = 0;
	for (int i = 0; i < n; i++)
		if ((m == 0 || s[i] != s[m - 1]) && !(has_skip && s[i] == skip))
			s[m++] = s[i];
	*out = s;
	return m;
}

/* Bucket size: small buckets cost fewer instructions per packet, large ones fewer in the
 * program; past ~1,000 values per field the program's size is what binds (4,096). Up to
 * NS_SET_LINEAR_MAX values, one bucket: a plain chain of tests is libpcap's length (a tree
 * adds a node per bucket) and a miss costs at most that many comparisons. */
enum { NS_SET_LINEAR_MAX = 32 };
static int bucket_size(int n)
{
	return n <= NS_SET_LINEAR_MAX ? n : n > 1024 ? 5 : 4;
}

/* A search over s[lo, hi) on the value in A: t when A is one of them. With each, the hit
 * on s[i] goes to each[i] instead of t. */
static ns_cond search_each(ns_gen *g, const uint32_t *s, int lo, int hi, int bucket,
			   ns_jlist *each)
{
	ns_ir *ir = &g->ir;
	if (hi - lo <= bucket) {
		if (lo == hi)
			return ns_ir_false(ir);
		ns_cond c = {0};
		for (int i = lo; i < hi; i++) {
			ns_cond e = ns_ir_cond_jump(ir, ns_ir_block(ir), NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K,
						    s[i]);
			if (each) {
				each[i] = e.t;
				e.t = (ns_jlist){NULL, NULL};
			}
			c = i > lo ? ns_ir_or(c, e) : e;
		}
		return c;
	}
	/* Split on a bucket boundary so leaves are full buckets. */
	int nb = (hi - lo + bucket - 1) / bucket;
	int mid = lo + nb / 2 * bucket;
	ns_block *node = ns_ir_block(ir);
	node->jcode = NS_BPF_JMP | NS_BPF_JGE | NS_BPF_K;
	node->k = s[mid];
	ns_cond up = search_each(g, s, mid, hi, bucket, each);
	ns_cond down = search_each(g, s, lo, mid, bucket, each);
	node->jt = up.entry;
	node->jf = down.entry;
	return (ns_cond){node, ns_jlist_concat(up.t, down.t), ns_jlist_concat(up.f, down.f)};
}

static ns_cond search(ns_gen *g, const uint32_t *s, int lo, int hi, int bucket)
{
	return search_each(g, s, lo, hi, bucket, NULL);
}

/* A block that ends in `ja` to a target chosen later: its slot joins *to. */
static ns_block *goto_later(ns_gen *g, ns_jlist *to)
{
	ns_block *b = ns_ir_block(&g->ir);
	*to = ns_jlist_concat(*to, ns_jlist_one(&g->ir, &b->jt));
	return b;
}

/* A condition entered at b that leaves only through jumps already listed elsewhere. */
static ns_cond opaque(ns_block *b)
{
	return (ns_cond){b, {NULL, NULL}, {NULL, NULL}};
}

/* The comparison `c` without its false exit, which goes to b instead. */
static ns_cond divert_false(ns_cond c, ns_block *b)
{
	ns_ir_patch(c.f, b);
	return (ns_cond){c.entry, c.t, {NULL, NULL}};
}

/* A = load(LINKPL + off) & mask, then a search over s: the load block is the entry. */
static ns_cond load_search(ns_gen *g, uint32_t off, uint32_t mask, const uint32_t *s, int m)
{
	ns_block *ld = ns_gen_load(g, NS_BASE_LINKPL, off, 4);
	if (mask != 0xffffffffu)
		ns_ir_stmt(&g->ir, ld, NS_BPF_ALU | NS_BPF_AND | NS_BPF_K, mask);
	ns_cond c = search(g, s, 0, m, bucket_size(m));
	ld->jt = c.entry;
	return (ns_cond){ld, c.t, c.f};
}

/* `host a or b or ...` optimized: load src and search every value, then load dst and search
 * again, the order of libpcap's optimized program (its or pull-up gathers the tests of each
 * field), so a packet cut inside dst is accepted exactly when src matched. With one protocol,
 * or few values, each protocol loads its fields directly; with several protocols (IP, ARP,
 * RARP: the fields sit at other offsets) and more values, each protocol's path puts its dst offset in a scratch cell and its src offset in
 * X, and both searches are shared: src at [x + k], then X from the cell and dst at [x + k]. */
enum { NS_SET_SHARE_MIN = 8 }; /* values from which the searches are shared */

static ns_cond host4_either_opt(ns_gen *g, const setkey *k, const int *protos, int np,
				const uint32_t *v, int n)
{
	ns_ir *ir = &g->ir;
	uint32_t *s;
	int m = sorted_set(g, v, n, false, 0, &s);
	uint16_t et;
	uint8_t src, dst;
	if (np == 1 || m <= NS_SET_SHARE_MIN) {
		/* Per protocol; ARP's and RARP's code is the same and merges in the optimizer. */
		ns_cond out = {0};
		for (int i = 0; i < np; i++) {
			ns_gen_v4fields(protos[i], &et, &src, &dst);
			ns_cond lt = ns_gen_linktype(g, et);
			ns_cond ss = load_search(g, src, k->mask, s, m);
			ns_cond sd = load_search(g, dst, k->mask, s, m);
			ns_ir_patch(ss.f, sd.entry);
			ns_cond c = ns_ir_and(lt, (ns_cond){ss.entry, ns_jlist_concat(ss.t, sd.t), sd.f});
			out = i ? ns_ir_or(out, c) : c;
		}
		return out;
	}
	int reg = ns_gen_reg_alloc(g, NULL);
	ns_jlist to_search = {0};
	ns_cond pre = {0};
	for (int i = 0; i < np; i++) {
		ns_gen_v4fields(protos[i], &et, &src, &dst);
		ns_cond lt = ns_gen_linktype(g, et);
		ns_block *x = goto_later(g, &to_search);
		ns_ir_stmt(ir, x, NS_BPF_LDX | NS_BPF_IMM, dst);
		ns_ir_stmt(ir, x, NS_BPF_STX, (uint32_t)reg);
		ns_ir_stmt(ir, x, NS_BPF_LDX | NS_BPF_IMM, src);
		ns_cond c = ns_ir_and(lt, opaque(x));
		pre = i ? ns_ir_or(pre, c) : c;
	}
	ns_block *ls = ns_ir_block(ir);
	ns_ir_stmt(ir, ls, NS_BPF_LD | NS_BPF_IND | NS_BPF_W, g->linkpl.k);
	if (k->mask != 0xffffffffu)
		ns_ir_stmt(ir, ls, NS_BPF_ALU | NS_BPF_AND | NS_BPF_K, k->mask);
	ns_ir_patch(to_search, ls);
	ns_cond ss = search(g, s, 0, m, bucket_size(m));
	ls->jt = ss.entry;
	ns_block *ld = ns_ir_block(ir);
	ns_ir_stmt(ir, ld, NS_BPF_LDX | NS_BPF_MEM, (uint32_t)reg);
	ns_ir_stmt(ir, ld, NS_BPF_LD | NS_BPF_IND | NS_BPF_W, g->linkpl.k);
	if (k->mask != 0xffffffffu)
		ns_ir_stmt(ir, ld, NS_BPF_ALU | NS_BPF_AND | NS_BPF_K, k->mask);
	ns_ir_patch(ss.f, ld);
	ns_cond sd = search(g, s, 0, m, bucket_size(m));
	ld->jt = sd.entry;
	ns_gen_reg_free(g, reg);
	return (ns_cond){pre.entry, ns_jlist_concat(pre.t, ns_jlist_concat(ss.t, sd.t)),
			 ns_jlist_concat(pre.f, sd.f)};
}

/* IPv4 addresses (host, or net with one mask) over IP, ARP and RARP. */
static ns_cond host4_set(ns_gen *g, const setkey *k, const uint32_t *v, int n)
{
	ns_ir *ir = &g->ir;
	int protos[3], np = 0;
	if (k->proto == NS_QP_DEFAULT) {
		protos[np++] = NS_QP_IP;
		if (!ns_gen_v4_only(g)) {
			protos[np++] = NS_QP_ARP;
			protos[np++] = NS_QP_RARP;
		}
	} else {
		protos[np++] = k->proto;
	}
	bool either = k->dir == NS_QD_DEFAULT || k->dir == NS_QD_OR;
	bool both = k->dir == NS_QD_AND;
	if (either && g->ctx->opts.optimize)
		return host4_either_opt(g, k, protos, np, v, n);
	uint32_t a = v[0];
	int reg = both ? ns_gen_reg_alloc(g, NULL) : -1;
	ns_jlist to_search = {0};
	ns_cond pre = {0};
	for (int i = 0; i < np; i++) {
		uint16_t et;
		uint8_t src, dst;
		ns_gen_v4fields(protos[i], &et, &src, &dst);
		ns_cond lt = ns_gen_linktype(g, et);
		ns_cond body;
		if (either) {
			/* The first term as it is, then X = where src is, for the searches. */
			ns_cond s = ns_gen_cmp(g, NS_BASE_LINKPL, src, 4, k->mask, NS_REL_EQ, a);
			ns_cond d = ns_gen_cmp(g, NS_BASE_LINKPL, dst, 4, k->mask, NS_REL_EQ, a);
			ns_block *x = goto_later(g, &to_search);
			ns_ir_stmt(ir, x, NS_BPF_LDX | NS_BPF_IMM, src);
			body = ns_ir_or(s, divert_false(d, x));
		} else if (both) {
			/* A = src, M[reg] = src, X = where dst is. */
			ns_block *b = ns_gen_load(g, NS_BASE_LINKPL, src, 4);
			if (k->mask != 0xffffffffu)
				ns_ir_stmt(ir, b, NS_BPF_ALU | NS_BPF_AND | NS_BPF_K, k->mask);
			ns_ir_stmt(ir, b, NS_BPF_ST, (uint32_t)reg);
			ns_ir_stmt(ir, b, NS_BPF_LDX | NS_BPF_IMM, dst);
			to_search = ns_jlist_concat(to_search, ns_jlist_one(ir, &b->jt));
			body = opaque(b);
		} else {
			ns_block *x = goto_later(g, &to_search);
			ns_ir_stmt(ir, x, NS_BPF_LDX | NS_BPF_IMM, k->dir == NS_QD_SRC ? src : dst);
			body = opaque(x);
		}
		ns_cond c = ns_ir_and(lt, body);
		pre = i ? ns_ir_or(pre, c) : c;
	}
	uint32_t *s;
	int m = sorted_set(g, v, n, either, a, &s);
	int bucket = bucket_size(m);
	ns_cond out;
	if (either) {
		/* A holds dst: search it, then load src (at X) and search that. */
		ns_cond sd = search(g, s, 0, m, bucket);
		ns_ir_patch(to_search, sd.entry);
		ns_block *ld = ns_ir_block(ir);
		ns_ir_stmt(ir, ld, NS_BPF_LD | NS_BPF_IND | NS_BPF_W, g->linkpl.k);
		if (k->mask != 0xffffffffu)
			ns_ir_stmt(ir, ld, NS_BPF_ALU | NS_BPF_AND | NS_BPF_K, k->mask);
		ns_ir_patch(sd.f, ld);
		ns_cond ss = search(g, s, 0, m, bucket);
		ld->jt = ss.entry;
		out = (ns_cond){pre.entry, ns_jlist_concat(pre.t, ns_jlist_concat(sd.t, ss.t)),
				ns_jlist_concat(pre.f, ss.f)};
	} else if (both) {
		ns_cond ss = search(g, s, 0, m, bucket);
		ns_ir_patch(to_search, ss.entry);
		ns_block *ld = ns_ir_block(ir);
		ns_ir_stmt(ir, ld, NS_BPF_LD | NS_BPF_IND | NS_BPF_W, g->linkpl.k);
		if (k->mask != 0xffffffffu)
			ns_ir_stmt(ir, ld, NS_BPF_ALU | NS_BPF_AND | NS_BPF_K, k->mask);
		ns_ir_stmt(ir, ld, NS_BPF_LDX | NS_BPF_MEM, (uint32_t)reg);
		ns_ir_patch(ss.t, ld);
		ns_cond eq = ns_ir_cond_jump(ir, ld, NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_X, 0);
		out = (ns_cond){pre.entry, eq.t, ns_jlist_concat(pre.f, ns_jlist_concat(ss.f, eq.f))};
		ns_gen_reg_free(g, reg);
	} else {
		ns_block *ld = ns_ir_block(ir);
		ns_ir_stmt(ir, ld, NS_BPF_LD | NS_BPF_IND | NS_BPF_W, g->linkpl.k);
		if (k->mask != 0xffffffffu)
			ns_ir_stmt(ir, ld, NS_BPF_ALU | NS_BPF_AND | NS_BPF_K, k->mask);
		ns_ir_patch(to_search, ld);
		ns_cond ss = search(g, s, 0, m, bucket);
		ld->jt = ss.entry;
		out = (ns_cond){pre.entry, ns_jlist_concat(pre.t, ss.t), ns_jlist_concat(pre.f, ss.f)};
	}
	return out;
}

/* The search of one port field set over the transport header: at [x + k] when X holds where
 * it starts, or at the fixed IPv6 offset. src first, then dst with `port`. */
static ns_cond port_search(ns_gen *g, const setkey *k, bool at_x, const uint32_t *s, int m,
			   int bucket)
{
	ns_ir *ir = &g->ir;
	uint16_t code = NS_BPF_LD | NS_BPF_H | (at_x ? NS_BPF_IND : NS_BPF_ABS);
	uint32_t base = g->linkpl.k + (at_x ? 0 : 40);
	bool either = k->dir == NS_QD_DEFAULT || k->dir == NS_QD_OR;
	ns_block *ls = ns_ir_block(ir);
	ns_ir_stmt(ir, ls, code, base + (k->dir == NS_QD_DST ? 2 : 0));
	ns_cond ss = search(g, s, 0, m, bucket);
	ls->jt = ss.entry;
	if (!either)
		return (ns_cond){ls, ss.t, ss.f};
	ns_block *ld = ns_ir_block(ir);
	ns_ir_stmt(ir, ld, code, base + 2);
	ns_ir_patch(ss.f, ld);
	ns_cond sd = search(g, s, 0, m, bucket);
	ld->jt = sd.entry;
	return (ns_cond){ls, ns_jlist_concat(ss.t, sd.t), sd.f};
}

/* Ports over TCP/UDP/SCTP, IPv6 (fixed header) then IPv4 (first fragments), libpcap's order.
 * Optimized, each family of a short list gets its own search, so the optimizer still knows
 * the family after it; its last pass (opt_share_x.c) makes the IPv6 one jump into the IPv4
 * one wherever what follows is the same. Long lists, and unoptimized programs, get one search
 * for both through X: generating and optimizing two copies of a search of thousands of
 * values costs half again the compile time, for no shorter program. */
enum { NS_SET_PER_FAMILY_MAX = 64 };
static ns_cond port_set(ns_gen *g, const setkey *k, const uint32_t *v, int n)
{
	ns_ir *ir = &g->ir;
	bool either = k->dir == NS_QD_DEFAULT || k->dir == NS_QD_OR;
	bool per_family = g->ctx->opts.optimize && n <= NS_SET_PER_FAMILY_MAX;
	/* Unoptimized, the first term stays as libpcap's term-by-term program has it; optimized,
	 * libpcap's program tests src against every value first, as the searches do. */
	bool linear = either && !g->ctx->opts.optimize;
	uint32_t a = v[0];
	ns_jlist to_search[2] = {{0}}; /* the X blocks of each family's paths */
	ns_cond pre = {0};
	for (int fam = 0; fam < 2; fam++) {
		bool v6 = fam == 0;
		ns_base base = v6 ? NS_BASE_TRAN6 : NS_BASE_TRAN4;
		ns_cond lt = ns_gen_linktype(g, v6 ? 0x86dd : 0x0800);
		ns_cond any = {0};
		int nt = k->ipproto >= 0 ? 1 : NS_PORT_NTRANSPORTS;
		for (int i = 0; i < nt; i++) {
			uint32_t p = k->ipproto >= 0 ? (uint32_t)k->ipproto : ns_port_transports[i];
			ns_cond pr;
			if (v6) {
				pr = ns_gen_cmp(g, NS_BASE_LINKPL, 6, 1, 0xffffffffu, NS_REL_EQ, p);
			} else {
				pr = ns_gen_cmp(g, NS_BASE_LINKPL, 9, 1, 0xffffffffu, NS_REL_EQ, p);
				pr = ns_ir_and(pr, ns_gen_ipfrag_not(g));
			}
			/* X = where the transport header starts, from the network-layer header. */
			ns_block *x = goto_later(g, &to_search[fam]);
			if (!v6)
				ns_ir_stmt(ir, x, NS_BPF_LDX | NS_BPF_MSH | NS_BPF_B, g->linkpl.k);
			else if (!per_family)
				ns_ir_stmt(ir, x, NS_BPF_LDX | NS_BPF_IMM, 40);
			ns_cond body;
			if (linear) {
				ns_cond s = ns_gen_cmp(g, base, 0, 2, 0xffffffffu, NS_REL_EQ, a);
				ns_cond d = ns_gen_cmp(g, base, 2, 2, 0xffffffffu, NS_REL_EQ, a);
				body = ns_ir_or(s, divert_false(d, x));
			} else {
				body = opaque(x);
			}
			ns_cond c = ns_ir_and(pr, body);
			any = i ? ns_ir_or(any, c) : c;
		}
		ns_cond c = ns_ir_and(lt, any);
		pre = fam ? ns_ir_or(pre, c) : c;
	}
	uint32_t *s;
	int m = sorted_set(g, v, n, linear, a, &s);
	int bucket = bucket_size(m);
	if (!per_family)
		to_search[1] = ns_jlist_concat(to_search[0], to_search[1]);
	if (linear) {
		ns_cond sd = search(g, s, 0, m, bucket);
		ns_ir_patch(to_search[1], sd.entry);
		ns_block *ld = ns_ir_block(ir);
		ns_ir_stmt(ir, ld, NS_BPF_LD | NS_BPF_IND | NS_BPF_H, g->linkpl.k);
		ns_ir_patch(sd.f, ld);
		ns_cond ss = search(g, s, 0, m, bucket);
		ld->jt = ss.entry;
		return (ns_cond){pre.entry, ns_jlist_concat(pre.t, ns_jlist_concat(sd.t, ss.t)),
				 ns_jlist_concat(pre.f, ss.f)};
	}
	if (!per_family) {
		ns_cond body = port_search(g, k, true, s, m, bucket);
		ns_ir_patch(to_search[1], body.entry);
		return (ns_cond){pre.entry, ns_jlist_concat(pre.t, body.t), ns_jlist_concat(pre.f, body.f)};
	}
	ns_cond out = {pre.entry, pre.t, pre.f};
	for (int fam = 0; fam < 2; fam++) {
		ns_cond body = port_search(g, k, fam == 1, s, m, bucket);
		ns_ir_patch(to_search[fam], body.entry);
		out.t = ns_jlist_concat(out.t, body.t);
		out.f = ns_jlist_concat(out.f, body.f);
	}
	return out;
}

typedef struct mac {
	uint32_t lo; /* bytes 2..5 */
	uint16_t hi; /* bytes 0..1 */
} mac;

static int cmp_mac(const void *a, const void *b)
{
	const mac *x = a, *y = b;
	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return (x->hi > y->hi) - (x->hi < y->hi);
}

/* One Ethernet address field at off from the link header: search the low word, then compare
 * the high half of each address with that low word. */
static ns_cond ether_field(ns_gen *g, const mac *m, int n, uint32_t off)
{
	ns_ir *ir = &g->ir;
	uint32_t *lows = ns_alloc(g->ctx, (size_t)n * sizeof(*lows));
	int *first = ns_alloc(g->ctx, (size_t)(n + 1) * sizeof(*first));
	int nl = 0;
	for (int i = 0; i < n; i++)
		if (i == 0 || m[i].lo != m[i - 1].lo) {
			first[nl] = i;
			lows[nl++] = m[i].lo;
		}
	first[nl] = n;
	ns_block *ld = ns_gen_load(g, NS_BASE_LINKHDR, off + 2, 4);
	ns_jlist *hits = ns_alloc(g->ctx, (size_t)nl * sizeof(*hits));
	ns_cond tree = search_each(g, lows, 0, nl, bucket_size(nl), hits);
	ld->jt = tree.entry;
	ns_jlist t = {0}, f = tree.f;
	for (int i = 0; i < nl; i++) {
		ns_block *h = ns_gen_load(g, NS_BASE_LINKHDR, off, 2);
		ns_ir_patch(hits[i], h);
		ns_cond c = ns_gen_cmp_a(g, h, NS_REL_EQ, m[first[i]].hi);
		for (int j = first[i] + 1; j < first[i + 1]; j++)
			c = ns_ir_or(c, ns_ir_cond_jump(ir, ns_ir_block(ir), NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K,
							 m[j].hi));
		t = ns_jlist_concat(t, c.t);
		f = ns_jlist_concat(f, c.f);
	}
	return (ns_cond){ld, t, f};
}

/* Ethernet addresses. Every load stays inside the first 12 bytes of the link header and the
 * first one term by term (the source's trailing word, or the destination's with `dst`) reaches
 * furthest, so once it succeeds no later load can fail: no term needs to keep its own code. */
static ns_cond ether_set(ns_gen *g, const setkey *k, ns_node *const *leaves, int n)
{
	mac *m = ns_alloc(g->ctx, (size_t)n * sizeof(*m));
	for (int i = 0; i < n; i++) {
		const uint8_t *a = leaves[i]->id.mac;
		m[i].hi = (uint16_t)(a[0] << 8 | a[1]);
		m[i].lo = (uint32_t)a[2] << 24 | (uint32_t)a[3] << 16 | (uint32_t)a[4] << 8 | a[5];
	}
	qsort(m, (size_t)n, sizeof(*m), cmp_mac);
	int u = 0;
	for (int i = 0; i < n; i++)
		if (u == 0 || cmp_mac(&m[i], &m[u - 1]) != 0)
			m[u++] = m[i];
	if (k->dir == NS_QD_SRC)
		return ether_field(g, m, u, 6);
	if (k->dir == NS_QD_DST)
		return ether_field(g, m, u, 0);
	ns_cond src = ether_field(g, m, u, 6);
	return ns_ir_or(src, ether_field(g, m, u, 0));
}

/* The operands of a chain of `or`, in source order. */
static int flatten(ns_gen *g, ns_node *n, ns_node ***out)
{
	int cap = 16, count = 0, top = 0;
	ns_node **leaves = ns_alloc(g->ctx, (size_t)cap * sizeof(*leaves));
	ns_node **stack = ns_alloc(g->ctx, (size_t)cap * sizeof(*stack));
	int scap = cap;
	stack[top++] = n;
	while (top) {
		ns_node *x = stack[--top];
		if (x->kind == NS_N_OR) {
			if (top + 2 > scap) {
				ns_node **ns = ns_alloc(g->ctx, (size_t)scap * 2 * sizeof(*ns));
				memcpy(ns, stack, (size_t)top * sizeof(*ns));
				stack = ns;
				scap *= 2;
			}
			stack[top++] = x->b; /* a first: pushed last */
			stack[top++] = x->a;
			continue;
		}
		if (count == cap) {
			ns_node **nl = ns_alloc(g->ctx, (size_t)cap * 2 * sizeof(*nl));
			memcpy(nl, leaves, (size_t)count * sizeof(*nl));
			leaves = nl;
			cap *= 2;
		}
		leaves[count++] = x;
	}
	*out = leaves;
	return count;
}

ns_cond ns_gen_or_chain(ns_gen *g, ns_node *n)
{
	ns_node **leaves;
	int nl = flatten(g, n, &leaves);
	uint32_t *vals = ns_alloc(g->ctx, (size_t)nl * sizeof(*vals));
	ns_cond c = {0};
	bool have = false;
	for (int i = 0; i < nl;) {
		setkey k0, kj;
		int j = i;
		if (leaf_key(g, leaves[i], &k0, &vals[0])) {
			j = i + 1;
			while (j < nl && leaf_key(g, leaves[j], &kj, &vals[j - i]) && key_eq(&k0, &kj))
				j++;
		}
		ns_cond t;
		bool chain = false;
		if (j == i && ns_gen_protochain_value(leaves[i], &vals[0])) {
			/* OR-ed protochain terms with one qualifier: one walk (gen_proto.c) */
			j = i + 1;
			while (j < nl && leaves[j]->qual.proto == leaves[i]->qual.proto &&
			       ns_gen_protochain_value(leaves[j], &vals[j - i]))
				j++;
			chain = j - i >= 2;
		}
		if (chain) {
			t = ns_gen_protochain_set(g, leaves[i], vals, j - i);
			i = j;
		} else if (j - i >= NS_SET_MIN_TERMS) {
			t = k0.kind == SET_PORT    ? port_set(g, &k0, vals, j - i)
			    : k0.kind == SET_ETHER ? ether_set(g, &k0, leaves + i, j - i)
						   : host4_set(g, &k0, vals, j - i);
			i = j;
		} else {
			t = ns_gen_node(g, leaves[i]);
			i++;
		}
		c = have ? ns_ir_or(c, t) : t;
		have = true;
	}
	return c;
}
