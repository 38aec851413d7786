/* The pcap-filter grammar: tokens to the AST of compiler/ast.h.
 *
 * The language is libpcap's (grammar.y.in of libpcap 1.10 and master), rule for rule, so that
 * exactly the same expressions parse. Where libpcap's grammar computes qualifiers or generates
 * code in its actions (and peeks at the parser stack with $<blk>0 to do qualifier inheritance),
 * ours only builds nodes: a bare operand (`b` in `host a or b`) becomes an NS_N_ID with
 * bare = true, and compiler/inherit.c fills in its qualifiers afterwards.
 *
 * Errors: the lexer and the actions record the first error in the ns_lexer; yyparse() returns
 * and ns_parse() raises it with ns_fail(), so nothing longjmps through bison's stack. */
%define api.pure full
%define api.prefix {ns_yy}
%define api.token.prefix {NS_T_}
%define api.location.type {ns_loc}
%define parse.error custom
%define parse.lac full
%locations
%param {ns_ctx *ctx} {ns_lexer *lx}
%parse-param {ns_node **root}

%code requires {
#include "compiler/ctx.h"
#include "grammar/lexer.h"
}

%code provides {
int ns_yylex(NS_YYSTYPE *lval, ns_loc *lloc, ns_ctx *ctx, ns_lexer *lx);
}

%code {
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A rule's span runs from its first non-empty symbol (an absent `pqual` must not pull the span
 * back over the blanks before `broadcast`) to its last; an empty rule sits where the previous
 * symbol ended. */
#define YYLLOC_DEFAULT(cur, rhs, n)                                                     \
	do {                                                                            \
		if (n) {                                                                \
			int first_ = 1;                                                 \
			while (first_ < (n) && YYRHSLOC(rhs, first_).off == YYRHSLOC(rhs, first_).end) \
				first_++;                                               \
			(cur).off = YYRHSLOC(rhs, first_).off;                          \
			(cur).end = YYRHSLOC(rhs, n).end;                               \
		} else {                                                                \
			(cur).off = (cur).end = YYRHSLOC(rhs, 0).end;                   \
		}                                                                       \
	} while (0)

/* Records the first error of the parse; the caller then aborts the parse. */
static void perr(ns_lexer *lx, ns_loc at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void perr(ns_lexer *lx, ns_loc at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(lx->err, sizeof(lx->err), fmt, ap);
	va_end(ap);
	lx->err_off = at.off;
	lx->err_len = at.end - at.off;
}

/* Bison's own errors (only "memory exhausted": syntax errors go to yyreport_syntax_error). */
static void ns_yyerror(ns_loc *at, ns_ctx *ctx, ns_lexer *lx, ns_node **root, const char *msg)
{
	(void)ctx;
	(void)root;
	perr(lx, *at, "%s", msg);
}

static ns_node *mk(ns_ctx *ctx, ns_nodekind kind, ns_loc at)
{
	ns_node *n = ns_alloc(ctx, sizeof(*n));
	n->kind = (uint8_t)kind;
	n->off = at.off;
	n->len = at.end - at.off;
	return n;
}

static ns_node *mk2(ns_ctx *ctx, ns_nodekind kind, ns_loc at, ns_node *a, ns_node *b)
{
	ns_node *n = mk(ctx, kind, at);
	n->a = a;
	n->b = b;
	return n;
}

static ns_node *mk_binop(ns_ctx *ctx, ns_binop op, ns_loc at, ns_node *a, ns_node *b)
{
	ns_node *n = mk2(ctx, NS_A_BINOP, at, a, b);
	n->binop = (uint8_t)op;
	return n;
}

/* An operand as written, still without qualifiers. */
static ns_node *mk_id(ns_ctx *ctx, ns_loc at, const ns_id *id)
{
	ns_node *n = mk(ctx, NS_N_ID, at);
	n->id = *id;
	n->bare = true;
	return n;
}

static ns_node *mk_num(ns_ctx *ctx, ns_loc at, uint32_t v)
{
	ns_node *n = mk(ctx, NS_A_NUM, at);
	n->num = v;
	n->id.kind = NS_ID_NUM;
	n->id.num = v;
	n->id.prefix_len = -1;
	n->id.text = ns_strndup(ctx, ctx->expr + at.off, (size_t)(at.end - at.off));
	return n;
}

/* `(80)` used as an operand: the same number as an NS_N_ID. */
static ns_node *num_to_id(ns_node *n)
{
	n->kind = NS_N_ID;
	n->bare = true;
	return n;
}

static ns_node *mk_linkkw(ns_ctx *ctx, ns_loc at, const char *kw)
{
	ns_node *n = mk(ctx, NS_N_LINKKW, at);
	n->linkkw.keyword = kw;
	n->linkkw.op = NS_REL_EQ;
	return n;
}

static ns_node *mk_linkkw_num(ns_ctx *ctx, ns_loc at, const char *kw, uint32_t v)
{
	ns_node *n = mk_linkkw(ctx, at, kw);
	n->linkkw.has_num = true;
	n->linkkw.num = v;
	return n;
}

static ns_node *mk_linkkw_str(ns_ctx *ctx, ns_loc at, const char *kw, const ns_id *id)
{
	ns_node *n = mk_linkkw(ctx, at, kw);
	n->linkkw.sarg = id->text;
	return n;
}

static ns_node *mk_counted(ns_ctx *ctx, ns_nodekind kind, ns_loc at, const ns_node *num)
{
	ns_node *n = mk(ctx, kind, at);
	if (num) {
		n->has_num = true;
		n->num = num->num;
	}
	return n;
}

/* `host (a or not b)`: the qualifiers written before an operand group belong to every operand
 * in it; they are the operands' own, not inherited. */
static void set_quals(ns_node *n, ns_qual q)
{
	for (; n; n = n->b) {
		if (n->kind == NS_N_ID) {
			n->qual = q;
			n->bare = false;
			return;
		}
		set_quals(n->a, q);
		if (n->kind == NS_N_NOT)
			return;
	}
}

/* `llc NAME`: the frame kinds libpcap knows by name (case-insensitive). */
static const struct {
	const char *name;
	ns_llckind kind;
} llc_names[] = {
	{"i", NS_LLC_I},	{"s", NS_LLC_S},	  {"u", NS_LLC_U},
	{"rr", NS_LLC_S_RR},	{"rnr", NS_LLC_S_RNR},	  {"rej", NS_LLC_S_REJ},
	{"ui", NS_LLC_U_UI},	{"ua", NS_LLC_U_UA},	  {"disc", NS_LLC_U_DISC},
	{"dm", NS_LLC_U_DM},	{"sabme", NS_LLC_U_SABME}, {"test", NS_LLC_U_TEST},
	{"xid", NS_LLC_U_XID}, {"frmr", NS_LLC_U_FRMR},
};

static int llc_kind(const char *name)
{
	for (size_t i = 0; i < sizeof(llc_names) / sizeof(llc_names[0]); i++)
		if (strcasecmp(llc_names[i].name, name) == 0)
			return (int)llc_names[i].kind;
	return -1;
}

static ns_qual qual3(int proto, int dir, int type)
{
	ns_qual q = {(uint8_t)proto, (uint8_t)dir, (uint8_t)type};
	return q;
}
}

%union {
	uint32_t num;
	int ival;
	const char *str;
	ns_id *id;
	ns_node *node;
	ns_qual qual;
}

%token END 0 "end of expression"
%token LEXERR "invalid token"
%token <num> NUM "number"
%token <id> ID "name"
%token <id> HID "IPv4 address"
%token <id> HID6 "IPv6 address"
%token <id> EID "MAC address"
%token <id> AID "ARCnet address"
%token <ival> PNAME "protocol name"
%token <ival> DIRQ "direction qualifier"
%token <str> KW_ALONE "link-layer keyword"
%token <str> KW_FIELD "link-layer field"
%token SRC "'src'" DST "'dst'"
%token HOST "'host'" NET "'net'" PORT "'port'" PORTRANGE "'portrange'" GATEWAY "'gateway'"
%token PROTO "'proto'" PROTOCHAIN "'protochain'" NETMASK "'mask'"
%token LESS "'less'" GREATER "'greater'" CBYTE "'byte'"
%token BROADCAST "'broadcast'" MULTICAST "'multicast'"
%token INBOUND "'inbound'" OUTBOUND "'outbound'" IFINDEX "'ifindex'"
%token VLAN "'vlan'" MPLS "'mpls'" PPPOED "'pppoed'" PPPOES "'pppoes'"
%token GENEVE "'geneve'" VXLAN "'vxlan'" LLC "'llc'" LEN "'len'"
%token PF_IFNAME "'ifname'" PF_RSET "'rset'" PF_RNR "'rnr'" PF_SRNR "'srnr'"
%token PF_REASON "'reason'" PF_ACTION "'action'"
%token TYPE "'type'" SUBTYPE "'subtype'" DIR "'dir'"
%token AND "'and'" OR "'or'" NOT "'not'"
%token GEQ "'>='" LEQ "'<='" NEQ "'!='" LSH "'<<'" RSH "'>>'"

%nterm <node> expr term rterm id nid pid qid other pfvar p80211 pllc arth narth pnum
%nterm <node> fieldvalue fieldlist
%nterm <qual> head
%nterm <ival> pname pqual dqual aqual relop irelop byteop

/* libpcap declares no precedence for '%' and '^', and those are all 38 of its grammar's
 * conflicts (`%expect 38` there: the two rules against the ten operator tokens, the other eight
 * operator rules and unary minus against the two tokens). bison's default, shift, resolves them:
 * `a % b + c` is a % (b + c) and `a + b % c` is a + (b % c). No single precedence level does
 * both; a low precedence for the two rules (PCT_RULE) and a high one for the two tokens gives
 * the same trees with every conflict resolved by declaration, hence %expect 0. The unit test
 * test_syntax_matches_libpcap checks acceptance against libpcap on random expressions. */
%precedence PCT_RULE
%left '|'
%left '&'
%left LSH RSH
%left '+' '-'
%left '*' '/'
%precedence UMINUS
%precedence '%' '^'

%expect 0

%%

prog:	  %empty			{ *root = NULL; }
	| expr				{ *root = $1; }
	;

/* and/or: equal precedence, left-associative; the right operand may be a bare operand. */
expr:	  term
	| expr AND term			{ $$ = mk2(ctx, NS_N_AND, @$, $1, $3); }
	| expr AND id			{ $$ = mk2(ctx, NS_N_AND, @$, $1, $3); }
	| expr OR term			{ $$ = mk2(ctx, NS_N_OR, @$, $1, $3); }
	| expr OR id			{ $$ = mk2(ctx, NS_N_OR, @$, $1, $3); }
	;

term:	  rterm
	| NOT term			{ $$ = mk2(ctx, NS_N_NOT, @$, $2, NULL); }
	;

/* An operand without qualifiers of its own, or a parenthesized group of them. */
id:	  nid
	| pnum				{ $$ = num_to_id($1); }
	| '(' pid ')'			{ $$ = $2; }
	;

nid:	  ID				{ $$ = mk_id(ctx, @$, $1); }
	| HID '/' NUM			{
		$$ = mk_id(ctx, @$, $1);
		$$->id.kind = NS_ID_IPV4_LEN;
		$$->id.prefix_len = (int)($3 > 0x7fffffff ? 0x7fffffff : $3);
		$$->id.text = ns_strndup(ctx, ctx->expr + @$.off, (size_t)(@$.end - @$.off));
	}
	| HID NETMASK HID		{
		$$ = mk_id(ctx, @$, $1);
		$$->id.kind = NS_ID_IPV4_MASK;
		/* a partial mask is left-aligned, as libpcap reads it: `mask 255.0` is 255.0.0.0 */
		$$->id.mask4 = $3->v4_bits < 32 ? $3->v4 << (32 - $3->v4_bits) : $3->v4;
		$$->id.v4_invalid = $1->v4_invalid || $3->v4_invalid;
		$$->id.text = ns_strndup(ctx, ctx->expr + @$.off, (size_t)(@$.end - @$.off));
	}
	| HID				{ $$ = mk_id(ctx, @$, $1); }
	| HID6 '/' NUM			{
		$$ = mk_id(ctx, @$, $1);
		$$->id.kind = NS_ID_IPV6_LEN;
		$$->id.prefix_len = (int)($3 > 0x7fffffff ? 0x7fffffff : $3);
		$$->id.text = ns_strndup(ctx, ctx->expr + @$.off, (size_t)(@$.end - @$.off));
	}
	| HID6				{ $$ = mk_id(ctx, @$, $1); }
	| EID				{ $$ = mk_id(ctx, @$, $1); }
	| AID				{ $$ = mk_id(ctx, @$, $1); }
	| NOT id			{ $$ = mk2(ctx, NS_N_NOT, @$, $2, NULL); }
	;

/* Inside parentheses only operands may be combined: `host a or (b or c)`. */
pid:	  nid
	| qid AND id			{ $$ = mk2(ctx, NS_N_AND, @$, $1, $3); }
	| qid OR id			{ $$ = mk2(ctx, NS_N_OR, @$, $1, $3); }
	;

qid:	  pnum				{ $$ = num_to_id($1); }
	| pid
	;

/* Qualifiers: [proto] [dir] [type], at least one of them. */
head:	  pqual dqual aqual		{ $$ = qual3($1, $2, $3); }
	| pqual dqual			{ $$ = qual3($1, $2, NS_QT_DEFAULT); }
	| pqual aqual			{ $$ = qual3($1, NS_QD_DEFAULT, $2); }
	| pqual PROTO			{ $$ = qual3($1, NS_QD_DEFAULT, NS_QT_PROTO); }
	| pqual PROTOCHAIN		{ $$ = qual3($1, NS_QD_DEFAULT, NS_QT_PROTOCHAIN); }
	| pqual GATEWAY			{ $$ = qual3($1, NS_QD_DEFAULT, NS_QT_GATEWAY); }
	;

rterm:	  head id			{
		$$ = $2;
		set_quals($$, $1);
		if ($$->kind == NS_N_ID) {
			$$->off = @$.off;
			$$->len = @$.end - @$.off;
		}
	}
	| '(' expr ')'			{ $$ = $2; $$->paren = true; /* see inherit.c */ }
	| pname				{ $$ = mk(ctx, NS_N_PROTO, @$); $$->qual.proto = (uint8_t)$1; }
	| arth relop arth		{ $$ = mk2(ctx, NS_N_REL, @$, $1, $3); $$->relop = (uint8_t)$2; }
	| arth irelop arth		{ $$ = mk2(ctx, NS_N_REL, @$, $1, $3); $$->relop = (uint8_t)$2; }
	| other
	| KW_ALONE			{ $$ = mk_linkkw(ctx, @$, $1); }
	| KW_FIELD fieldvalue		{
		$$ = $2;
		/* the field's name goes into every comparison of the list */
		for (ns_node *n = $$; n; n = n->kind == NS_N_OR ? n->a : NULL) {
			ns_node *leaf = n->kind == NS_N_OR ? n->b : n;
			leaf->linkkw.keyword = $1;
		}
		if ($$->kind != NS_N_OR) {
			$$->off = @$.off;
			$$->len = @$.end - @$.off;
		}
	}
	;

pqual:	  pname
	| %empty			{ $$ = NS_QP_DEFAULT; }
	;

dqual:	  SRC				{ $$ = NS_QD_SRC; }
	| DST				{ $$ = NS_QD_DST; }
	| SRC OR DST			{ $$ = NS_QD_OR; }
	| DST OR SRC			{ $$ = NS_QD_OR; }
	| SRC AND DST			{ $$ = NS_QD_AND; }
	| DST AND SRC			{ $$ = NS_QD_AND; }
	| DIRQ
	;

aqual:	  HOST				{ $$ = NS_QT_HOST; }
	| NET				{ $$ = NS_QT_NET; }
	| PORT				{ $$ = NS_QT_PORT; }
	| PORTRANGE			{ $$ = NS_QT_PORTRANGE; }
	;

pname:	  PNAME
	;

other:	  pqual BROADCAST		{ $$ = mk(ctx, NS_N_BROADCAST, @$); $$->qual.proto = (uint8_t)$1; }
	| pqual MULTICAST		{ $$ = mk(ctx, NS_N_MULTICAST, @$); $$->qual.proto = (uint8_t)$1; }
	| LESS NUM			{ $$ = mk(ctx, NS_N_LESS, @$); $$->num = $2; }
	| GREATER NUM			{ $$ = mk(ctx, NS_N_GREATER, @$); $$->num = $2; }
	| CBYTE NUM byteop NUM		{
		$$ = mk(ctx, NS_N_BYTE, @$);
		$$->num = $2;
		$$->byteop = (uint8_t)$3;
		$$->num2 = $4;
	}
	| INBOUND			{ $$ = mk(ctx, NS_N_INBOUND, @$); }
	| OUTBOUND			{ $$ = mk(ctx, NS_N_OUTBOUND, @$); }
	| IFINDEX NUM			{ $$ = mk(ctx, NS_N_IFINDEX, @$); $$->num = $2; }
	| VLAN pnum			{ $$ = mk_counted(ctx, NS_N_VLAN, @$, $2); }
	| VLAN				{ $$ = mk_counted(ctx, NS_N_VLAN, @$, NULL); }
	| MPLS pnum			{ $$ = mk_counted(ctx, NS_N_MPLS, @$, $2); }
	| MPLS				{ $$ = mk_counted(ctx, NS_N_MPLS, @$, NULL); }
	| PPPOED			{ $$ = mk(ctx, NS_N_PPPOED, @$); }
	| PPPOES pnum			{ $$ = mk_counted(ctx, NS_N_PPPOES, @$, $2); }
	| PPPOES			{ $$ = mk_counted(ctx, NS_N_PPPOES, @$, NULL); }
	| GENEVE pnum			{ $$ = mk_counted(ctx, NS_N_GENEVE, @$, $2); }
	| GENEVE			{ $$ = mk_counted(ctx, NS_N_GENEVE, @$, NULL); }
	| VXLAN pnum			{ $$ = mk_counted(ctx, NS_N_VXLAN, @$, $2); }
	| VXLAN				{ $$ = mk_counted(ctx, NS_N_VXLAN, @$, NULL); }
	| pfvar
	| pqual p80211			{ $$ = $2; $$->qual.proto = (uint8_t)$1; }
	| pllc
	;

/* pflog fields. */
pfvar:	  PF_IFNAME ID			{ $$ = mk_linkkw_str(ctx, @$, "ifname", $2); }
	| PF_RSET ID			{ $$ = mk_linkkw_str(ctx, @$, "rset", $2); }
	| PF_RNR NUM			{ $$ = mk_linkkw_num(ctx, @$, "rnr", $2); }
	| PF_SRNR NUM			{ $$ = mk_linkkw_num(ctx, @$, "srnr", $2); }
	| PF_REASON NUM			{ $$ = mk_linkkw_num(ctx, @$, "reason", $2); }
	| PF_REASON ID			{ $$ = mk_linkkw_str(ctx, @$, "reason", $2); }
	| PF_ACTION ID			{ $$ = mk_linkkw_str(ctx, @$, "action", $2); }
	;

/* 802.11 frame control: `type T [subtype S]`, `subtype S`, `dir D`. */
p80211:	  TYPE NUM			{ $$ = mk_linkkw_num(ctx, @$, "type", $2); }
	| TYPE ID			{ $$ = mk_linkkw_str(ctx, @$, "type", $2); }
	| TYPE NUM SUBTYPE NUM		{
		$$ = mk_linkkw_num(ctx, @$, "type", $2);
		$$->a = mk_linkkw_num(ctx, (ns_loc){@3.off, @4.end}, "subtype", $4);
	}
	| TYPE NUM SUBTYPE ID		{
		$$ = mk_linkkw_num(ctx, @$, "type", $2);
		$$->a = mk_linkkw_str(ctx, (ns_loc){@3.off, @4.end}, "subtype", $4);
	}
	| TYPE ID SUBTYPE NUM		{
		$$ = mk_linkkw_str(ctx, @$, "type", $2);
		$$->a = mk_linkkw_num(ctx, (ns_loc){@3.off, @4.end}, "subtype", $4);
	}
	| TYPE ID SUBTYPE ID		{
		$$ = mk_linkkw_str(ctx, @$, "type", $2);
		$$->a = mk_linkkw_str(ctx, (ns_loc){@3.off, @4.end}, "subtype", $4);
	}
	| SUBTYPE ID			{ $$ = mk_linkkw_str(ctx, @$, "subtype", $2); }
	| DIR NUM			{ $$ = mk_linkkw_num(ctx, @$, "dir", $2); }
	| DIR ID			{ $$ = mk_linkkw_str(ctx, @$, "dir", $2); }
	;

pllc:	  LLC				{ $$ = mk(ctx, NS_N_LLC, @$); $$->llc = NS_LLC_ANY; }
	| LLC ID			{
		int k = llc_kind($2->text);
		if (k < 0) {
			perr(lx, @2, "unknown LLC frame type '%s'", $2->text);
			YYABORT;
		}
		$$ = mk(ctx, NS_N_LLC, @$);
		$$->llc = (uint8_t)k;
	}
	| LLC PF_RNR			{ $$ = mk(ctx, NS_N_LLC, @$); $$->llc = NS_LLC_S_RNR; }
	;

/* ATM and SS7 fields: `vpi 1`, `vpi > 1`, `vpi (1 or 2)`; the keyword is filled in above. */
fieldvalue: NUM				{ $$ = mk_linkkw_num(ctx, @$, NULL, $1); }
	| relop NUM			{ $$ = mk_linkkw_num(ctx, @$, NULL, $2); $$->linkkw.op = (ns_relop)$1; }
	| irelop NUM			{ $$ = mk_linkkw_num(ctx, @$, NULL, $2); $$->linkkw.op = (ns_relop)$1; }
	| '(' fieldlist ')'		{ $$ = $2; }
	;

fieldlist: NUM				{ $$ = mk_linkkw_num(ctx, @$, NULL, $1); }
	| fieldlist OR NUM		{ $$ = mk2(ctx, NS_N_OR, @$, $1, mk_linkkw_num(ctx, @3, NULL, $3)); }
	;

relop:	  '>'				{ $$ = NS_REL_GT; }
	| GEQ				{ $$ = NS_REL_GE; }
	| '='				{ $$ = NS_REL_EQ; }
	;

irelop:	  LEQ				{ $$ = NS_REL_LE; }
	| '<'				{ $$ = NS_REL_LT; }
	| NEQ				{ $$ = NS_REL_NE; }
	;

arth:	  pnum
	| narth
	;

narth:	  pname '[' arth ']'		{
		$$ = mk2(ctx, NS_A_LOAD, @$, $3, NULL);
		$$->qual.proto = (uint8_t)$1;
		$$->size = 1;
	}
	| pname '[' arth ':' NUM ']'	{
		if ($5 != 1 && $5 != 2 && $5 != 4) {
			perr(lx, @5, "data size must be 1, 2 or 4, not %u", (unsigned)$5);
			YYABORT;
		}
		$$ = mk2(ctx, NS_A_LOAD, @$, $3, NULL);
		$$->qual.proto = (uint8_t)$1;
		$$->size = (uint8_t)$5;
	}
	| arth '+' arth			{ $$ = mk_binop(ctx, NS_BIN_ADD, @$, $1, $3); }
	| arth '-' arth			{ $$ = mk_binop(ctx, NS_BIN_SUB, @$, $1, $3); }
	| arth '*' arth			{ $$ = mk_binop(ctx, NS_BIN_MUL, @$, $1, $3); }
	| arth '/' arth			{ $$ = mk_binop(ctx, NS_BIN_DIV, @$, $1, $3); }
	| arth '%' arth %prec PCT_RULE	{ $$ = mk_binop(ctx, NS_BIN_MOD, @$, $1, $3); }
	| arth '&' arth			{ $$ = mk_binop(ctx, NS_BIN_AND, @$, $1, $3); }
	| arth '|' arth			{ $$ = mk_binop(ctx, NS_BIN_OR, @$, $1, $3); }
	| arth '^' arth %prec PCT_RULE	{ $$ = mk_binop(ctx, NS_BIN_XOR, @$, $1, $3); }
	| arth LSH arth			{ $$ = mk_binop(ctx, NS_BIN_LSH, @$, $1, $3); }
	| arth RSH arth			{ $$ = mk_binop(ctx, NS_BIN_RSH, @$, $1, $3); }
	| '-' arth %prec UMINUS		{ $$ = mk2(ctx, NS_A_NEG, @$, $2, NULL); }
	| '(' narth ')'			{ $$ = $2; }
	| LEN				{ $$ = mk(ctx, NS_A_LEN, @$); }
	;

byteop:	  '&'				{ $$ = NS_BYTE_AND; }
	| '|'				{ $$ = NS_BYTE_OR; }
	| '<'				{ $$ = NS_BYTE_LT; }
	| '>'				{ $$ = NS_BYTE_GT; }
	| '='				{ $$ = NS_BYTE_EQ; }
	;

pnum:	  NUM				{ $$ = mk_num(ctx, @$, $1); }
	| '(' pnum ')'			{ $$ = $2; }
	;

%%

static bool is_arith_operator(yysymbol_kind_t k)
{
	const char *name = yysymbol_name(k);
	return k == YYSYMBOL_LSH || k == YYSYMBOL_RSH ||
	       (name[0] == '\'' && name[1] && strchr("+-*/%&|^", name[1]) && name[2] == '\'');
}

/* "syntax error: unexpected 'TEXT', expecting A or B", quoting what the user wrote. */
static int yyreport_syntax_error(const yypcontext_t *yyctx, ns_ctx *ctx, ns_lexer *lx,
				 ns_node **root)
{
	(void)root;
	ns_loc at = *yypcontext_location(yyctx);
	yysymbol_kind_t tok = yypcontext_token(yyctx);
	if (tok == YYSYMBOL_LEXERR) /* the lexer already said what is wrong */
		return 0;
	char msg[sizeof(lx->err)];
	int n;
	if (tok == YYSYMBOL_YYEOF) {
		n = snprintf(msg, sizeof(msg), "syntax error: unexpected end of expression");
		at.end = at.off + 1; /* the caret goes just past the text */
	} else {
		n = snprintf(msg, sizeof(msg), "syntax error: unexpected '%.*s'", at.end - at.off,
			     ctx->expr + at.off);
	}
	/* Name at most five expected tokens; after an operand, where any arithmetic operator could
	 * follow, leave the operators out and name what closes or continues the construct. */
	enum { MAX_EXPECTED = 5 };
	yysymbol_kind_t all[YYNTOKENS], exp[YYNTOKENS];
	int total = yypcontext_expected_tokens(yyctx, all, YYNTOKENS), count = 0;
	for (int i = 0; i < total; i++)
		if (total <= MAX_EXPECTED || !is_arith_operator(all[i]))
			exp[count++] = all[i];
	if (count > MAX_EXPECTED)
		count = 0;
	for (int i = 0; i < count && n > 0 && (size_t)n < sizeof(msg); i++) {
		const char *name = yysymbol_name(exp[i]);
		size_t len = strlen(name);
		if (name[0] == '"' && len >= 2) /* "'and'" and "number": drop bison's quotes */
			name++, len -= 2;
		n += snprintf(msg + n, sizeof(msg) - (size_t)n, "%s%.*s",
			      i == 0 ? ", expecting " : i == count - 1 ? " or " : ", ", (int)len, name);
	}
	/* An operand where a primitive must start (`a and b`, `tcp or (b)`): say what is missing. */
	bool operand = tok == YYSYMBOL_ID || tok == YYSYMBOL_HID || tok == YYSYMBOL_HID6 ||
		       tok == YYSYMBOL_EID || tok == YYSYMBOL_AID;
	for (int i = 0; operand && i < total; i++)
		if (all[i] == YYSYMBOL_HOST) {
			snprintf(msg, sizeof(msg),
				 "syntax error: unexpected '%.*s': an operand here needs a qualifier "
				 "such as 'host', 'net' or 'port'",
				 at.end - at.off, ctx->expr + at.off);
			break;
		}
	perr(lx, at, "%s", msg);
	return 0;
}

/* Every later pass walks the tree recursively, and an operator chain (`a or b or c ...`,
 * `1+1+1...`) deepens the tree by one level per operator while bison's stack stays flat (the
 * rules are left-recursive), so a long enough chain would overflow the C stack of those passes.
 * The tree's depth is bounded here instead, by bison's own bound on nesting (YYMAXDEPTH), and
 * measured without recursion. libpcap gives up long before: a chain of 10000 `or`s takes it
 * minutes, 20000 run it out of memory. */
#define NS_MAX_TREE_DEPTH YYMAXDEPTH

static void check_depth(ns_ctx *ctx, ns_node *root)
{
	typedef struct {
		const ns_node *n;
		size_t depth;
	} item;
	size_t cap = 64, top = 0;
	item *stack = malloc(cap * sizeof(*stack));
	if (!stack)
		ns_fail(ctx, -1, 0, "out of memory");
	stack[top++] = (item){root, 1};
	int too_deep = 0, oom = 0;
	while (top > 0 && !too_deep && !oom) {
		item it = stack[--top];
		if (it.depth > NS_MAX_TREE_DEPTH) {
			too_deep = 1;
			break;
		}
		const ns_node *kids[2] = {it.n->a, it.n->b};
		for (int i = 0; i < 2; i++) {
			if (!kids[i])
				continue;
			if (top == cap) {
				item *grown = realloc(stack, 2 * cap * sizeof(*stack));
				if (!grown) {
					oom = 1;
					break;
				}
				stack = grown;
				cap *= 2;
			}
			stack[top++] = (item){kids[i], it.depth + 1};
		}
	}
	free(stack);
	if (oom)
		ns_fail(ctx, -1, 0, "out of memory");
	if (too_deep)
		ns_fail(ctx, -1, 0, "expression too deeply nested");
}

ns_node *ns_parse(ns_ctx *ctx)
{
	ns_lexer lx;
	memset(&lx, 0, sizeof(lx));
	lx.cur = lx.start = ctx->expr;
	lx.err_off = -1;
	ns_node *root = NULL;
	switch (ns_yyparse(ctx, &lx, &root)) {
	case 0:
		if (root)
			check_depth(ctx, root);
		return root;
	case 2: /* bison's stack limit: as deep as libpcap allows, which has the same limit */
		ns_fail(ctx, lx.err_off, lx.err_len > 0 ? lx.err_len : 1,
			"expression nested too deeply (more than %d levels)", YYMAXDEPTH);
	default:
		if (!lx.err[0])
			ns_fail(ctx, -1, 0, "syntax error");
		ns_fail(ctx, lx.err_off, lx.err_len, "%s", lx.err);
	}
}
