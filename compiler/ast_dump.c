/* ns_ast_dump(): the AST as one S-expression line; names come from the tables in ast.h. */
#include "compiler/ast_dump.h"

static const char *const relops[] = {">", ">=", "=", "<=", "<", "!="};
static const char *const binops[] = {"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"};
static const char *const byteops[] = {"=", "<", ">", "&", "|"};
static const char *const idkinds[] = {"name", "num", "ipv4", "ipv4/len", "ipv4 mask", "ipv6",
				      "ipv6/len", "mac", "arcnet"};
static const char *const llcs[] = {"any", "i", "s", "u", "rr", "rnr", "rej", "ui", "ua", "disc",
				   "dm", "sabme", "test", "xid", "frmr"};

/* Node kinds that print as a bare word or as "(word num)" when they carry a number. */
static const char *const simple[] = {
	[NS_N_LESS] = "less",	  [NS_N_GREATER] = "greater", [NS_N_INBOUND] = "inbound",
	[NS_N_OUTBOUND] = "outbound", [NS_N_IFINDEX] = "ifindex", [NS_N_VLAN] = "vlan",
	[NS_N_MPLS] = "mpls",	  [NS_N_PPPOED] = "pppoed",  [NS_N_PPPOES] = "pppoes",
	[NS_N_GENEVE] = "geneve", [NS_N_VXLAN] = "vxlan",
};

static const char *qname(const char *const *names, unsigned v, unsigned count)
{
	if (v >= count - 1)
		return "?";
	return names[v][0] ? names[v] : "_";
}

static void dump_qual(FILE *f, ns_qual q)
{
	fprintf(f, "%s/%s/%s", qname(ns_qproto_names, q.proto, NS_QP_COUNT),
		qname(ns_qdir_names, q.dir, NS_QD_COUNT), qname(ns_qtype_names, q.type, NS_QT_COUNT));
}

static void dump_linkkw(FILE *f, const ns_node *n)
{
	const ns_linkkw *k = &n->linkkw;
	fprintf(f, "(%s", k->keyword ? k->keyword : "?");
	if (k->op != NS_REL_EQ)
		fprintf(f, " %s", relops[k->op]);
	if (k->has_num)
		fprintf(f, " %u", k->num);
	if (k->sarg)
		fprintf(f, " %s", k->sarg);
	if (n->a) {
		fputc(' ', f);
		dump_linkkw(f, n->a);
	}
	fputc(')', f);
}

void ns_ast_dump(FILE *f, const ns_node *n)
{
	if (!n) {
		fputs("()", f);
		return;
	}
	switch ((ns_nodekind)n->kind) {
	case NS_N_AND:
	case NS_N_OR:
		fprintf(f, "(%s ", n->kind == NS_N_AND ? "and" : "or");
		ns_ast_dump(f, n->a);
		fputc(' ', f);
		ns_ast_dump(f, n->b);
		fputc(')', f);
		return;
	case NS_N_NOT:
		fputs("(not ", f);
		ns_ast_dump(f, n->a);
		fputc(')', f);
		return;
	case NS_N_ID:
		fputs("(id ", f);
		dump_qual(f, n->qual);
		fprintf(f, " %s:%s)", idkinds[n->id.kind], n->id.text);
		return;
	case NS_N_PROTO:
		fprintf(f, "(proto %s)", qname(ns_qproto_names, n->qual.proto, NS_QP_COUNT));
		return;
	case NS_N_BROADCAST:
	case NS_N_MULTICAST:
		fprintf(f, "(%s %s)", n->kind == NS_N_BROADCAST ? "broadcast" : "multicast",
			qname(ns_qproto_names, n->qual.proto, NS_QP_COUNT));
		return;
	case NS_N_REL:
		fprintf(f, "(%s ", relops[n->relop]);
		ns_ast_dump(f, n->a);
		fputc(' ', f);
		ns_ast_dump(f, n->b);
		fputc(')', f);
		return;
	case NS_N_BYTE:
		fprintf(f, "(byte %u %s %u)", n->num, byteops[n->byteop], n->num2);
		return;
	case NS_N_LLC:
		fprintf(f, "(llc %s)", llcs[n->llc]);
		return;
	case NS_N_LINKKW:
		dump_linkkw(f, n);
		return;
	case NS_A_NUM:
		fprintf(f, "%u", n->num);
		return;
	case NS_A_LEN:
		fputs("len", f);
		return;
	case NS_A_LOAD:
		fprintf(f, "(%s[] ", qname(ns_qproto_names, n->qual.proto, NS_QP_COUNT));
		ns_ast_dump(f, n->a);
		fprintf(f, " %u)", n->size);
		return;
	case NS_A_BINOP:
		fprintf(f, "(%s ", binops[n->binop]);
		ns_ast_dump(f, n->a);
		fputc(' ', f);
		ns_ast_dump(f, n->b);
		fputc(')', f);
		return;
	case NS_A_NEG:
		fputs("(neg ", f);
		ns_ast_dump(f, n->a);
		fputc(')', f);
		return;
	case NS_N_LESS:
	case NS_N_GREATER:
	case NS_N_IFINDEX:
		fprintf(f, "(%s %u)", simple[n->kind], n->num);
		return;
	case NS_N_INBOUND:
	case NS_N_OUTBOUND:
	case NS_N_PPPOED:
	case NS_N_VLAN:
	case NS_N_MPLS:
	case NS_N_PPPOES:
	case NS_N_GENEVE:
	case NS_N_VXLAN:
		if (n->has_num)
			fprintf(f, "(%s %u)", simple[n->kind], n->num);
		else
			fputs(simple[n->kind], f);
		return;
	}
	fprintf(f, "(kind%d)", n->kind);
}
