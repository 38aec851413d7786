/* Qualifier inheritance: `host a or b` means `host a or host b`.
 *
 * The parser marks operands written without qualifiers of their own (`b`) as bare; this pass
 * gives each one the qualifiers libpcap's grammar would: those of the primitive just before it,
 * in the order the grammar reduces them. libpcap does it with $<blk>0 stack peeking in its
 * actions; the rules it implies, as one walk of the tree in source order:
 *  - each node receives the qualifiers in force before it (`inh`) and passes on its own;
 *  - a qualified operand (`src port 80`) passes on its qualifiers, a bare one inherits `inh`
 *    and passes that on;
 *  - and/or: the right side receives what the left side passes on; the whole passes on the
 *    right side's;
 *  - not: transparent (`not host a and b`: b is a host, and not negated);
 *  - a parenthesized expression receives `inh` for its inside but passes on `inh` itself, not
 *    what its inside ends with (`(tcp port 80)` changes nothing after it);
 *  - every other primitive (`tcp`, `ip[0] = 1`, `vlan 100`, `less 10`, ...) passes on the
 *    undefined qualifiers, which the code generator reports when a bare operand receives them
 *    (libpcap's "syntax error in filter expression" for `tcp or 1.2.3.4`).
 * The start of the expression counts as such a primitive. */
#include "compiler/ctx.h"

static const ns_qual undefined = {NS_QP_UNDEF, NS_QD_UNDEF, NS_QT_UNDEF};

static ns_qual pass_on(ns_ctx *ctx, ns_node *n, ns_qual inh);

/* and/or chains are left-deep and as long as the expression (`a or b or c ...`), so they are
 * walked with a loop over an array of the chain, not by recursion; parenthesized groups and
 * `not` nest only as deep as the parser's stack allows. */
static ns_qual pass_on_chain(ns_ctx *ctx, ns_node *top, ns_qual inh)
{
	size_t k = 1;
	for (ns_node *n = top->a; (n->kind == NS_N_AND || n->kind == NS_N_OR) && !n->paren; n = n->a)
		k++;
	ns_node **chain = ns_alloc(ctx, k * sizeof(*chain));
	chain[0] = top;
	for (size_t i = 1; i < k; i++)
		chain[i] = chain[i - 1]->a;
	ns_qual q = pass_on(ctx, chain[k - 1]->a, inh);
	for (size_t i = k; i-- > 0;)
		q = pass_on(ctx, chain[i]->b, q);
	return q;
}

static ns_qual pass_on(ns_ctx *ctx, ns_node *n, ns_qual inh)
{
	ns_qual out;
	switch (n->kind) {
	case NS_N_AND:
	case NS_N_OR:
		out = pass_on_chain(ctx, n, inh);
		break;
	case NS_N_NOT:
		out = pass_on(ctx, n->a, inh);
		break;
	case NS_N_ID:
		if (n->bare)
			n->qual = inh;
		out = n->qual;
		break;
	default:
		out = undefined;
		break;
	}
	return n->paren ? inh : out;
}

void ns_inherit(ns_ctx *ctx, ns_node *root)
{
	if (root)
		pass_on(ctx, root, undefined);
}
