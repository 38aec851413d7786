/* The pcap-filter lexer: bytes of the expression to tokens with byte spans.
 *
 * Key decision: the token classes follow libpcap's scanner exactly, including its longest-match
 * quirks (`1-1024` and `0x1g` are names, `123456789012` and `1.2.3.4.5.6` are MAC addresses,
 * `ab:cd:ef:0g:00:00` is a bad MAC address), because which class a lexeme falls in decides
 * whether libpcap accepts an expression. re2c picks the longest match and, between matches of
 * equal length, the earlier rule, as flex does, so the rule order below matters. Keywords are not
 * re2c rules: every word is scanned as a name and then looked up in a sorted keyword table, which
 * gives the same result (a keyword always matches the name pattern at the same length).
 *
 * Malformed numbers and addresses are errors here, with the span of the lexeme: libpcap reports
 * them from its scanner too. Values that only the code generator can judge (an IPv4 octet above
 * 255, which may still be a DECnet address) are kept and flagged. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grammar/lexer.h"
#include "parser.h"

/* Keywords, named constants and synonyms, sorted by text for bsearch. `canon` is the spelling the
 * AST keeps for link-specific keywords (`lsu` is `lssu`); value is the token's ival/num. */
typedef struct keyword {
	const char *text;
	int token;
	uint32_t value;
	const char *canon;
} keyword;

#define PN(name) NS_T_PNAME, NS_QP_##name, NULL
#define DQ(name) NS_T_DIRQ, NS_QD_##name, NULL
#define K(tok) NS_T_##tok, 0, NULL
#define CONST(v) NS_T_NUM, (v), NULL
#define ALONE(c) NS_T_KW_ALONE, 0, c
#define FIELD(c) NS_T_KW_FIELD, 0, c

static const keyword keywords[] = {
	{"aarp", PN(AARP)},
	{"action", K(PF_ACTION)},
	{"addr1", DQ(ADDR1)},
	{"addr2", DQ(ADDR2)},
	{"addr3", DQ(ADDR3)},
	{"addr4", DQ(ADDR4)},
	{"address1", DQ(ADDR1)},
	{"address2", DQ(ADDR2)},
	{"address3", DQ(ADDR3)},
	{"address4", DQ(ADDR4)},
	{"ah", PN(AH)},
	{"and", K(AND)},
	{"arp", PN(ARP)},
	{"atalk", PN(ATALK)},
	{"bcc", ALONE("bcc")},
	{"broadcast", K(BROADCAST)},
	{"byte", K(CBYTE)},
	{"carp", PN(CARP)},
	{"clnp", PN(CLNP)},
	{"connectmsg", ALONE("connectmsg")},
	{"csnp", PN(ISIS_CSNP)},
	{"decnet", PN(DECNET)},
	{"dir", K(DIR)},
	{"direction", K(DIR)},
	{"dpc", FIELD("dpc")},
	{"dst", K(DST)},
	{"es-is", PN(ESIS)},
	{"esis", PN(ESIS)},
	{"esp", PN(ESP)},
	{"ether", PN(LINK)},
	{"fddi", PN(LINK)},
	{"fisu", ALONE("fisu")},
	{"gateway", K(GATEWAY)},
	{"geneve", K(GENEVE)},
	{"greater", K(GREATER)},
	{"hdpc", FIELD("hdpc")},
	{"hfisu", ALONE("hfisu")},
	{"hlssu", ALONE("hlssu")},
	{"hmsu", ALONE("hmsu")},
	{"hopc", FIELD("hopc")},
	{"host", K(HOST)},
	{"hsio", FIELD("hsio")},
	{"hsls", FIELD("hsls")},
	{"icmp", PN(ICMP)},
	{"icmp-echo", CONST(8)},
	{"icmp-echoreply", CONST(0)},
	{"icmp-ireq", CONST(15)},
	{"icmp-ireqreply", CONST(16)},
	{"icmp-maskreply", CONST(18)},
	{"icmp-maskreq", CONST(17)},
	{"icmp-paramprob", CONST(12)},
	{"icmp-redirect", CONST(5)},
	{"icmp-routeradvert", CONST(9)},
	{"icmp-routersolicit", CONST(10)},
	{"icmp-sourcequench", CONST(4)},
	{"icmp-timxceed", CONST(11)},
	{"icmp-tstamp", CONST(13)},
	{"icmp-tstampreply", CONST(14)},
	{"icmp-unreach", CONST(3)},
	{"icmp6", PN(ICMPV6)},
	{"icmp6-certpathadvert", CONST(149)},
	{"icmp6-certpathsolicit", CONST(148)},
	{"icmp6-destinationunreach", CONST(1)},
	{"icmp6-echo", CONST(128)},
	{"icmp6-echoreply", CONST(129)},
	{"icmp6-homeagentdiscoveryreply", CONST(145)},
	{"icmp6-homeagentdiscoveryrequest", CONST(144)},
	{"icmp6-ineighbordiscoveryadvert", CONST(142)},
	{"icmp6-ineighbordiscoverysolicit", CONST(141)},
	{"icmp6-mobileprefixadvert", CONST(147)},
	{"icmp6-mobileprefixsolicit", CONST(146)},
	{"icmp6-multicastlistenerdone", CONST(132)},
	{"icmp6-multicastlistenerquery", CONST(130)},
	{"icmp6-multicastlistenerreportv1", CONST(131)},
	{"icmp6-multicastlistenerreportv2", CONST(143)},
	{"icmp6-multicastrouteradvert", CONST(151)},
	{"icmp6-multicastroutersolicit", CONST(152)},
	{"icmp6-multicastrouterterm", CONST(153)},
	{"icmp6-neighboradvert", CONST(136)},
	{"icmp6-neighborsolicit", CONST(135)},
	{"icmp6-nodeinformationquery", CONST(139)},
	{"icmp6-nodeinformationresponse", CONST(140)},
	{"icmp6-packettoobig", CONST(2)},
	{"icmp6-parameterproblem", CONST(4)},
	{"icmp6-redirect", CONST(137)},
	{"icmp6-routeradvert", CONST(134)},
	{"icmp6-routerrenum", CONST(138)},
	{"icmp6-routersolicit", CONST(133)},
	{"icmp6-timeexceeded", CONST(3)},
	{"icmp6code", CONST(1)},
	{"icmp6type", CONST(0)},
	{"icmpcode", CONST(1)},
	{"icmptype", CONST(0)},
	{"ifindex", K(IFINDEX)},
	{"ifname", K(PF_IFNAME)},
	{"igmp", PN(IGMP)},
	{"igrp", PN(IGRP)},
	{"iih", PN(ISIS_IIH)},
	{"ilmic", ALONE("ilmic")},
	{"inbound", K(INBOUND)},
	{"ip", PN(IP)},
	{"ip6", PN(IPV6)},
	{"ipx", PN(IPX)},
	{"is-is", PN(ISIS)},
	{"isis", PN(ISIS)},
	{"iso", PN(ISO)},
	{"l1", PN(ISIS_L1)},
	{"l2", PN(ISIS_L2)},
	{"lane", ALONE("lane")},
	{"lat", PN(LAT)},
	{"len", K(LEN)},
	{"length", K(LEN)},
	{"less", K(LESS)},
	{"link", PN(LINK)},
	{"llc", K(LLC)},
	{"lsp", PN(ISIS_LSP)},
	{"lssu", ALONE("lssu")},
	{"lsu", ALONE("lssu")},
	{"mask", K(NETMASK)},
	{"metac", ALONE("metac")},
	{"metaconnect", ALONE("metaconnect")},
	{"mopdl", PN(MOPDL)},
	{"moprc", PN(MOPRC)},
	{"mpls", K(MPLS)},
	{"msu", ALONE("msu")},
	{"multicast", K(MULTICAST)},
	{"net", K(NET)},
	{"netbeui", PN(NETBEUI)},
	{"not", K(NOT)},
	{"oam", ALONE("oam")},
	{"oamf4", ALONE("oamf4")},
	{"oamf4ec", ALONE("oamf4ec")},
	{"oamf4sc", ALONE("oamf4sc")},
	{"on", K(PF_IFNAME)},
	{"opc", FIELD("opc")},
	{"or", K(OR)},
	{"outbound", K(OUTBOUND)},
	{"pim", PN(PIM)},
	{"port", K(PORT)},
	{"portrange", K(PORTRANGE)},
	{"ppp", PN(LINK)},
	{"pppoed", K(PPPOED)},
	{"pppoes", K(PPPOES)},
	{"proto", K(PROTO)},
	{"protochain", K(PROTOCHAIN)},
	{"psnp", PN(ISIS_PSNP)},
	{"ra", DQ(RA)},
	{"radio", PN(RADIO)},
	{"rarp", PN(RARP)},
	{"reason", K(PF_REASON)},
	{"rnr", K(PF_RNR)},
	{"rset", K(PF_RSET)},
	{"rulenum", K(PF_RNR)},
	{"ruleset", K(PF_RSET)},
	{"sc", ALONE("sc")},
	{"sca", PN(SCA)},
	{"sctp", PN(SCTP)},
	{"sio", FIELD("sio")},
	{"slip", PN(LINK)},
	{"sls", FIELD("sls")},
	{"snp", PN(ISIS_SNP)},
	{"src", K(SRC)},
	{"srnr", K(PF_SRNR)},
	{"stp", PN(STP)},
	{"subrulenum", K(PF_SRNR)},
	{"subtype", K(SUBTYPE)},
	{"ta", DQ(TA)},
	{"tcp", PN(TCP)},
	{"tcp-ack", CONST(0x10)},
	{"tcp-cwr", CONST(0x80)},
	{"tcp-ece", CONST(0x40)},
	{"tcp-fin", CONST(0x01)},
	{"tcp-push", CONST(0x08)},
	{"tcp-rst", CONST(0x04)},
	{"tcp-syn", CONST(0x02)},
	{"tcp-urg", CONST(0x20)},
	{"tcpflags", CONST(13)},
	{"tr", PN(LINK)},
	{"type", K(TYPE)},
	{"udp", PN(UDP)},
	{"vci", FIELD("vci")},
	{"vlan", K(VLAN)},
	{"vpi", FIELD("vpi")},
	{"vrrp", PN(VRRP)},
	{"vxlan", K(VXLAN)},
	{"wlan", PN(LINK)},
};

/* Exposed for the unit test that checks the table is sorted (bsearch depends on it). */
const char *ns_lex_keyword_at(size_t i);
const char *ns_lex_keyword_at(size_t i)
{
	return i < sizeof(keywords) / sizeof(keywords[0]) ? keywords[i].text : NULL;
}

typedef struct word {
	const char *s;
	size_t n;
} word;

static int cmp_keyword(const void *key, const void *elem)
{
	const word *w = key;
	const keyword *k = elem;
	int c = strncmp(w->s, k->text, w->n);
	if (c != 0)
		return c;
	return k->text[w->n] == '\0' ? 0 : -1;
}

/* "PREFIX 'TEXT'SUFFIX" about the lexeme [s, e). */
static _Noreturn void lex_fail(ns_lexer *lx, const char *s, const char *e, const char *prefix,
			       const char *suffix)
{
	lx->err_off = (int)(s - lx->start);
	lx->err_len = (int)(e - s);
	snprintf(lx->err, sizeof(lx->err), "%s '%.*s'%s", prefix, (int)(e - s), s, suffix);
	longjmp(lx->fail, 1);
}

/* One number as libpcap reads it: 0x/0X hex, 0-prefixed octal, else decimal; 32 bits. Digits
 * are checked in order, so `003777777777778` overflows before its 8 is seen, as in libpcap. */
static uint32_t lex_number(ns_lexer *lx, const char *s, const char *e)
{
	static const char *const kind[] = {"decimal", "octal", "hexadecimal"};
	int base = 10, k = 0;
	const char *p = s;
	if (e - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16, k = 2, p = s + 2;
	else if (e - s > 1 && s[0] == '0')
		base = 8, k = 1, p = s + 1;
	uint64_t v = 0;
	for (; p < e; p++) {
		int d = *p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10;
		if (d >= base)
			lex_fail(lx, s, e, "number", " contains a non-octal digit");
		v = v * (uint64_t)base + (uint64_t)d;
		if (v > 0xffffffffu) {
			char what[32];
			snprintf(what, sizeof(what), "%s number", kind[k]);
			lex_fail(lx, s, e, what, " overflows 32 bits");
		}
	}
	return (uint32_t)v;
}

static ns_id *new_id(ns_ctx *ctx, ns_idkind kind, const char *s, const char *e)
{
	ns_id *id = ns_alloc(ctx, sizeof(*id));
	id->kind = (uint8_t)kind;
	id->text = ns_strndup(ctx, s, (size_t)(e - s));
	id->prefix_len = -1;
	return id;
}

static int hexval(char c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* `10.1.2`: two to four parts. libpcap reads each part in decimal, whatever it looks like
 * (`010` is 10), and refuses hex parts and parts above 255 only when it uses the text as an
 * IPv4 address; DECnet reads the same text its own way (`17.1023`). So nothing here fails: a
 * part that is not an octet sets v4_invalid, for the code generator to report. */
static ns_id *lex_ipv4(ns_ctx *ctx, const char *s, const char *e)
{
	ns_id *id = new_id(ctx, NS_ID_IPV4, s, e);
	uint32_t part = 0;
	for (const char *p = s;; p++) {
		if (p == e || *p == '.') {
			id->v4 = (id->v4 << 8) | (part & 0xff);
			id->v4_bits = (uint8_t)(id->v4_bits + 8);
			if (p == e)
				break;
			part = 0;
		} else if (*p >= '0' && *p <= '9' && part <= 255) {
			part = part * 10 + (uint32_t)(*p - '0');
			if (part > 255)
				id->v4_invalid = true;
		} else {
			id->v4_invalid = true; /* 0x0a, or digits past an overflow */
		}
	}
	return id;
}

static ns_id *lex_ipv6(ns_ctx *ctx, ns_lexer *lx, const char *s, const char *e)
{
	ns_id *id = new_id(ctx, NS_ID_IPV6, s, e);
	if (inet_pton(AF_INET6, id->text, id->v6) != 1)
		lex_fail(lx, s, e, "invalid IPv6 address", "");
	return id;
}

/* Every accepted MAC spelling is hex digits with separators; the groups are bytes unless they
 * are 4 digits (xxxx.xxxx.xxxx) or the 12 digits come unseparated. */
static ns_id *lex_mac(ns_ctx *ctx, const char *s, const char *e)
{
	ns_id *id = new_id(ctx, NS_ID_MAC, s, e);
	int nbytes = 0, digits = 0, acc = 0;
	for (const char *p = s; p <= e; p++) {
		bool sep = p == e || *p == ':' || *p == '-' || *p == '.';
		if (!sep) {
			acc = acc * 16 + hexval(*p);
			if (++digits == 4 || (e - s == 12 && digits == 2)) {
				/* a 4-digit group or a pair of the unseparated form is two bytes or one */
				if (digits == 4) {
					id->mac[nbytes++] = (uint8_t)(acc >> 8);
					id->mac[nbytes++] = (uint8_t)acc;
				} else {
					id->mac[nbytes++] = (uint8_t)acc;
				}
				acc = digits = 0;
			}
		} else if (digits) {
			id->mac[nbytes++] = (uint8_t)acc;
			acc = digits = 0;
		}
	}
	return id;
}

/* A word of the name pattern: a keyword, a named constant, or a name. */
static int lex_word(NS_YYSTYPE *lval, ns_loc *lloc, ns_ctx *ctx, ns_lexer *lx, const char *s,
		    const char *e)
{
	word w = {s, (size_t)(e - s)};
	const keyword *k = bsearch(&w, keywords, sizeof(keywords) / sizeof(keywords[0]),
				   sizeof(keywords[0]), cmp_keyword);
	lx->cur = e;
	lloc->end = (int)(e - ctx->expr);
	if (!k) {
		lval->id = new_id(ctx, NS_ID_NAME, s, e);
		return NS_T_ID;
	}
	switch (k->token) {
	case NS_T_NUM:
		lval->num = k->value;
		break;
	case NS_T_KW_ALONE:
	case NS_T_KW_FIELD:
		lval->str = k->canon;
		break;
	default:
		lval->ival = (int)k->value;
		break;
	}
	return k->token;
}

int ns_yylex(NS_YYSTYPE *lval, ns_loc *lloc, ns_ctx *ctx, ns_lexer *lx)
{
	const char *YYCURSOR, *YYMARKER, *tok;
	const char *t1, *t2;
	lx->start = ctx->expr;
	if (setjmp(lx->fail)) {
		/* the parser reports the recorded error; the span is the bad lexeme */
		lloc->off = lx->err_off;
		lloc->end = lx->err_off + lx->err_len;
		return NS_T_LEXERR;
	}
	for (;;) {
		tok = YYCURSOR = lx->cur;
		lloc->off = (int)(tok - ctx->expr);
		/*!stags:re2c format = 'const char *@@;\n'; */
#define DONE(token)                                           \
	do {                                                  \
		lx->cur = YYCURSOR;                           \
		lloc->end = (int)(YYCURSOR - ctx->expr);      \
		return (token);                               \
	} while (0)
		/*!re2c
		re2c:yyfill:enable = 0;
		re2c:define:YYCTYPE = "unsigned char";
		re2c:flags:tags = 1;

		dec   = [0-9]+;
		hex   = "0" [xX] [0-9A-Fa-f]+;
		num   = dec | hex;
		b     = [0-9A-Fa-f]{1,2};
		b2    = [0-9A-Fa-f]{4};
		w     = [0-9A-Fa-f]{1,4};
		v4    = num "." num "." num "." num;
		ws    = w (":" w)*;
		v6    = w (":" w){7}
		      | w (":" w){5} ":" v4
		      | ws? "::" ws?
		      | ws? "::" (w ":")* v4;
		mac   = b ":" b ":" b ":" b ":" b ":" b
		      | b "-" b "-" b "-" b "-" b "-" b
		      | b "." b "." b "." b "." b "." b
		      | b2 "." b2 "." b2
		      | b2 b2 b2;
		badmac = b ":"+ (b ":"+)+;
		name  = [A-Za-z0-9] ([-_.A-Za-z0-9]* [.A-Za-z0-9])?;

		"\x00" { lx->cur = YYCURSOR - 1; lloc->end = lloc->off; return NS_T_END; }
		[ \t\r\n]+ { lx->cur = YYCURSOR; continue; }

		"$" b {
			lval->id = new_id(ctx, NS_ID_ARCNET, tok, YYCURSOR);
			lval->id->mac[0] = (uint8_t)strtoul(tok + 1, NULL, 16);
			DONE(NS_T_AID);
		}
		mac { lval->id = lex_mac(ctx, tok, YYCURSOR); DONE(NS_T_EID); }
		num { lval->num = lex_number(lx, tok, YYCURSOR); DONE(NS_T_NUM); }
		num "." num ("." num ("." num)?)? {
			lval->id = lex_ipv4(ctx, tok, YYCURSOR);
			DONE(NS_T_HID);
		}
		v6 { lval->id = lex_ipv6(ctx, lx, tok, YYCURSOR); DONE(NS_T_HID6); }
		badmac [0-9A-Za-z:]* { lex_fail(lx, tok, YYCURSOR, "invalid MAC address", ""); }
		name { return lex_word(lval, lloc, ctx, lx, tok, YYCURSOR); }
		"\\" @t1 [^ !()\n\t\x00]+ @t2 {
			/* `\tcp`: a name, never a keyword */
			lval->id = new_id(ctx, NS_ID_NAME, t1, t2);
			DONE(NS_T_ID);
		}

		"&&" { DONE(NS_T_AND); }
		"||" { DONE(NS_T_OR); }
		"!"  { DONE(NS_T_NOT); }
		">=" { DONE(NS_T_GEQ); }
		"<=" { DONE(NS_T_LEQ); }
		"!=" { DONE(NS_T_NEQ); }
		"==" { DONE('='); }
		"<<" { DONE(NS_T_LSH); }
		">>" { DONE(NS_T_RSH); }
		[+\-*/%:[\]<>()&|^=] { DONE(tok[0]); }

		* {
			/* quote a whole UTF-8 character, not a lone lead byte */
			while ((*(const unsigned char *)YYCURSOR & 0xc0) == 0x80)
				YYCURSOR++;
			lex_fail(lx, tok, YYCURSOR, "unexpected character", "");
		}
		*/
	}
}
