/* Tests of the lexer (grammar/lexer.re): every token class, the values it computes, its spans,
 * and the malformed lexemes it refuses with their exact offsets. The expected classes follow
 * libpcap's scanner.l (longest match, earlier rule on ties): checked with `tcpdump -d` where a
 * class decides acceptance (`0x1g` is a name, `123456789012` a MAC address). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "compiler/ctx.h"
#include "grammar/lexer.h"
#include "parser.h"

const char *ns_lex_keyword_at(size_t i);

typedef struct lexed {
	int tok[32];
	NS_YYSTYPE val[32];
	ns_loc loc[32];
	int n;
	ns_lexer lx;
} lexed;

/* Lexes all of expr (through END or the first error); ids stay valid until ctx's arena goes. */
static void lex_all(ns_ctx *ctx, const char *expr, lexed *out)
{
	memset(ctx, 0, sizeof(*ctx));
	memset(out, 0, sizeof(*out));
	ctx->expr = expr;
	out->lx.cur = expr;
	for (out->n = 0; out->n < 32; out->n++) {
		int t = ns_yylex(&out->val[out->n], &out->loc[out->n], ctx, &out->lx);
		out->tok[out->n] = t;
		if (t == NS_T_END || t == NS_T_LEXERR) {
			out->n++;
			return;
		}
	}
}

/* One token then END: returns it. */
static int lex_one(ns_ctx *ctx, const char *expr, lexed *l)
{
	lex_all(ctx, expr, l);
	if (l->tok[0] == NS_T_LEXERR)
		fail_msg("'%s': %s", expr, l->lx.err);
	if (l->n != 2 || l->tok[1] != NS_T_END)
		fail_msg("'%s': %d tokens, expected one", expr, l->n - 1);
	return l->tok[0];
}

static uint32_t num_of(const char *expr)
{
	ns_ctx ctx;
	lexed l;
	assert_int_equal(lex_one(&ctx, expr, &l), NS_T_NUM);
	uint32_t v = l.val[0].num;
	ns_arena_free(&ctx.arena);
	return v;
}

static void expect_id(const char *expr, int token, ns_idkind kind, const char *text)
{
	ns_ctx ctx;
	lexed l;
	int t = lex_one(&ctx, expr, &l);
	if (t != token)
		fail_msg("'%s': token %d, expected %d", expr, t, token);
	assert_int_equal(l.val[0].id->kind, kind);
	assert_string_equal(l.val[0].id->text, text);
	ns_arena_free(&ctx.arena);
}

static void expect_lex_error(const char *expr, int off, int len, const char *msg_part)
{
	ns_ctx ctx;
	lexed l;
	lex_all(&ctx, expr, &l);
	int last = l.n - 1;
	if (l.tok[last] != NS_T_LEXERR)
		fail_msg("'%s' lexed without error", expr);
	if (l.lx.err_off != off || l.lx.err_len != len)
		fail_msg("'%s': error at %d+%d, expected %d+%d: %s", expr, l.lx.err_off,
			 l.lx.err_len, off, len, l.lx.err);
	if (l.loc[last].off != off || l.loc[last].end != off + len)
		fail_msg("'%s': token location differs from the error span", expr);
	if (!strstr(l.lx.err, msg_part))
		fail_msg("'%s': message '%s' lacks '%s'", expr, l.lx.err, msg_part);
	ns_arena_free(&ctx.arena);
}

static void test_numbers(void **state)
{
	(void)state;
	assert_int_equal(num_of("0"), 0);
	assert_int_equal(num_of("42"), 42);
	assert_int_equal(num_of("0x1F"), 31);
	assert_int_equal(num_of("0X10"), 16);
	assert_int_equal(num_of("017"), 15);
	assert_int_equal(num_of("4294967295"), 4294967295u);
	assert_int_equal(num_of("0xffffffff"), 4294967295u);
	assert_int_equal(num_of("0x000000000ffffffff"), 4294967295u);
	assert_int_equal(num_of("03777777777"), 0x1fffffff);
	/* twelve digits are a MAC address to libpcap, whatever else they look like */
	expect_id("037777777777", NS_T_EID, NS_ID_MAC, "037777777777");
}

static void test_bad_numbers(void **state)
{
	(void)state;
	expect_lex_error("4294967296", 0, 10, "decimal number '4294967296' overflows 32 bits");
	expect_lex_error("ip[ 99999999999 ]", 4, 11, "decimal number");
	expect_lex_error("0x100000000", 0, 11, "hexadecimal number '0x100000000' overflows");
	expect_lex_error("0X100000000", 0, 11, "hexadecimal number");
	expect_lex_error("08", 0, 2, "number '08' contains a non-octal digit");
	expect_lex_error("1 + 09", 4, 2, "non-octal");
	expect_lex_error("0040000000000", 0, 13, "octal number '0040000000000' overflows");
	/* digits are read in order: the overflow comes before the 8 (libpcap's errstr too) */
	expect_lex_error("003777777777778", 0, 15, "octal number");
	expect_lex_error("0037777777778", 0, 13, "non-octal");
}

static void test_named_constants(void **state)
{
	(void)state;
	assert_int_equal(num_of("tcpflags"), 13);
	assert_int_equal(num_of("tcp-fin"), 0x01);
	assert_int_equal(num_of("tcp-syn"), 0x02);
	assert_int_equal(num_of("tcp-rst"), 0x04);
	assert_int_equal(num_of("tcp-push"), 0x08);
	assert_int_equal(num_of("tcp-ack"), 0x10);
	assert_int_equal(num_of("tcp-urg"), 0x20);
	assert_int_equal(num_of("tcp-ece"), 0x40);
	assert_int_equal(num_of("tcp-cwr"), 0x80);
	assert_int_equal(num_of("icmptype"), 0);
	assert_int_equal(num_of("icmpcode"), 1);
	assert_int_equal(num_of("icmp-echoreply"), 0);
	assert_int_equal(num_of("icmp-unreach"), 3);
	assert_int_equal(num_of("icmp-echo"), 8);
	assert_int_equal(num_of("icmp-maskreply"), 18);
	assert_int_equal(num_of("icmp6type"), 0);
	assert_int_equal(num_of("icmp6code"), 1);
	assert_int_equal(num_of("icmp6-destinationunreach"), 1);
	assert_int_equal(num_of("icmp6-echo"), 128);
	assert_int_equal(num_of("icmp6-echoreply"), 129);
	assert_int_equal(num_of("icmp6-neighborsolicit"), 135);
	assert_int_equal(num_of("icmp6-certpathadvert"), 149);
	assert_int_equal(num_of("icmp6-multicastrouteradvert"), 151);
	assert_int_equal(num_of("icmp6-multicastrouterterm"), 153);
}

static void test_ipv4(void **state)
{
	(void)state;
	ns_ctx ctx;
	lexed l;
	assert_int_equal(lex_one(&ctx, "10.1", &l), NS_T_HID);
	assert_int_equal(l.val[0].id->v4, 0x0a01);
	assert_int_equal(l.val[0].id->v4_bits, 16);
	assert_false(l.val[0].id->v4_invalid);
	ns_arena_free(&ctx.arena);
	assert_int_equal(lex_one(&ctx, "10.1.2", &l), NS_T_HID);
	assert_int_equal(l.val[0].id->v4, 0x0a0102);
	assert_int_equal(l.val[0].id->v4_bits, 24);
	ns_arena_free(&ctx.arena);
	assert_int_equal(lex_one(&ctx, "192.168.1.254", &l), NS_T_HID);
	assert_int_equal(l.val[0].id->v4, 0xc0a801fe);
	assert_int_equal(l.val[0].id->v4_bits, 32);
	ns_arena_free(&ctx.arena);
	/* an octet above 255: kept (DECnet `17.1023` looks the same), flagged */
	assert_int_equal(lex_one(&ctx, "12.500", &l), NS_T_HID);
	assert_true(l.val[0].id->v4_invalid);
	ns_arena_free(&ctx.arena);
	/* parts are decimal, as libpcap reads them: `010` is 10, `0255` is 255 (tcpdump -d) */
	assert_int_equal(lex_one(&ctx, "010.1.1.0255", &l), NS_T_HID);
	assert_int_equal(l.val[0].id->v4, 0x0a0101ff);
	assert_false(l.val[0].id->v4_invalid);
	ns_arena_free(&ctx.arena);
	assert_int_equal(lex_one(&ctx, "08.1", &l), NS_T_HID);
	assert_int_equal(l.val[0].id->v4, 0x0801);
	ns_arena_free(&ctx.arena);
	static const char *const invalid[] = {"0x0a.1.1.1", "1.0x1", "99999999999.1.1.1", "256.1"};
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		assert_int_equal(lex_one(&ctx, invalid[i], &l), NS_T_HID);
		if (!l.val[0].id->v4_invalid)
			fail_msg("'%s' is not flagged", invalid[i]);
		ns_arena_free(&ctx.arena);
	}
	/* `10` alone is a number, five parts are a name, six a MAC address */
	assert_int_equal(num_of("10"), 10);
	expect_id("1.2.3.4.5", NS_T_ID, NS_ID_NAME, "1.2.3.4.5");
	expect_id("1.2.3.4.5.6", NS_T_EID, NS_ID_MAC, "1.2.3.4.5.6");
	expect_id("10.", NS_T_ID, NS_ID_NAME, "10.");
}

static void test_ipv4_prefix_tokens(void **state)
{
	(void)state;
	ns_ctx ctx;
	lexed l;
	lex_all(&ctx, "10.1/16 mask 255.255.0.0", &l);
	assert_int_equal(l.n, 6);
	assert_int_equal(l.tok[0], NS_T_HID);
	assert_int_equal(l.tok[1], '/');
	assert_int_equal(l.tok[2], NS_T_NUM);
	assert_int_equal(l.tok[3], NS_T_NETMASK);
	assert_int_equal(l.tok[4], NS_T_HID);
	assert_int_equal(l.loc[3].off, 8);
	assert_int_equal(l.loc[3].end, 12);
	assert_int_equal(l.loc[4].off, 13);
	assert_int_equal(l.loc[5].off, 24);
	ns_arena_free(&ctx.arena);
}

static void test_ipv6(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		uint8_t first, last;
	} ok[] = {
		{"::", 0, 0},
		{"::1", 0, 1},
		{"fe80::1", 0xfe, 1},
		{"1:2:3:4:5:6:7:8", 0, 8},
		{"1::", 0, 0},
		{"::ffff:1.2.3.4", 0, 4},
		{"2001:db8::10.20.30.40", 0x20, 40},
		{"1:2:3:4:5:6:1.2.3.4", 0, 4},
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		ns_ctx ctx;
		lexed l;
		int t = lex_one(&ctx, ok[i].text, &l);
		if (t != NS_T_HID6)
			fail_msg("'%s' is not an IPv6 address token", ok[i].text);
		assert_int_equal(l.val[0].id->v6[0], ok[i].first);
		assert_int_equal(l.val[0].id->v6[15], ok[i].last);
		ns_arena_free(&ctx.arena);
	}
	ns_ctx ctx;
	lexed l;
	assert_int_equal(lex_one(&ctx, "::ffff:1.2.3.4", &l), NS_T_HID6);
	assert_int_equal(l.val[0].id->v6[10], 0xff);
	assert_int_equal(l.val[0].id->v6[12], 1);
	ns_arena_free(&ctx.arena);
	/* `13:1` in `tcp[13:1]` is not an address */
	lex_all(&ctx, "13:1", &l);
	assert_int_equal(l.tok[0], NS_T_NUM);
	assert_int_equal(l.tok[1], ':');
	assert_int_equal(l.tok[2], NS_T_NUM);
	ns_arena_free(&ctx.arena);
}

static void test_bad_ipv6(void **state)
{
	(void)state;
	expect_lex_error("ip6 host fe80::10.20.256.40", 9, 18, "invalid IPv6 address 'fe80::10.20.256.40'");
	expect_lex_error("::ffff:0x1.2.3.4", 0, 16, "invalid IPv6 address");
	/* libpcap's malformed-MAC pattern outmatches the IPv6 one here */
	expect_lex_error("1::2::3", 0, 7, "invalid MAC address");
	expect_lex_error("1:2:3:4:5:6:7:8::9:1", 0, 20, "invalid IPv6 address");
	/* seven groups without "::" are a malformed MAC address to libpcap */
	expect_lex_error("host 1:2:3:4:5:6:7", 5, 13, "invalid MAC address");
}

static void test_mac(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		uint8_t mac[6];
	} ok[] = {
		{"aa:bb:cc:dd:ee:ff", {0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}},
		{"8:0:20:1:2:3", {8, 0, 0x20, 1, 2, 3}},
		{"a:b:c:d:e:f", {0xa, 0xb, 0xc, 0xd, 0xe, 0xf}},
		{"a:b:c:d:e:ff", {0xa, 0xb, 0xc, 0xd, 0xe, 0xff}},
		{"aa-bb-cc-dd-ee-ff", {0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}},
		{"aa.bb.cc.dd.ee.0f", {0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x0f}},
		{"aabb.ccdd.eeff", {0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}},
		{"0a0b.0c0d.0e0f", {0xa, 0xb, 0xc, 0xd, 0xe, 0xf}},
		{"aabbccddeeff", {0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}},
		{"123456789012", {0x12, 0x34, 0x56, 0x78, 0x90, 0x12}},
		{"1-2-3-4-5-6", {1, 2, 3, 4, 5, 6}},
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		ns_ctx ctx;
		lexed l;
		int t = lex_one(&ctx, ok[i].text, &l);
		if (t != NS_T_EID)
			fail_msg("'%s' is not a MAC address token", ok[i].text);
		assert_memory_equal(l.val[0].id->mac, ok[i].mac, 6);
		assert_int_equal(l.val[0].id->kind, NS_ID_MAC);
		ns_arena_free(&ctx.arena);
	}
	expect_lex_error("ether host ab:cd:ef:0g:00:00", 11, 17, "invalid MAC address 'ab:cd:ef:0g:00:00'");
	expect_lex_error("ab::cd:ef:gg", 0, 12, "invalid MAC address");
}

static void test_arcnet(void **state)
{
	(void)state;
	ns_ctx ctx;
	lexed l;
	assert_int_equal(lex_one(&ctx, "$1f", &l), NS_T_AID);
	assert_int_equal(l.val[0].id->kind, NS_ID_ARCNET);
	assert_int_equal(l.val[0].id->mac[0], 0x1f);
	ns_arena_free(&ctx.arena);
	assert_int_equal(lex_one(&ctx, "$2", &l), NS_T_AID);
	assert_int_equal(l.val[0].id->mac[0], 2);
	ns_arena_free(&ctx.arena);
	expect_lex_error("$", 0, 1, "unexpected character '$'");
}

static void test_names(void **state)
{
	(void)state;
	expect_id("sundown", NS_T_ID, NS_ID_NAME, "sundown");
	expect_id("host.invalid.", NS_T_ID, NS_ID_NAME, "host.invalid.");
	expect_id("1-1024", NS_T_ID, NS_ID_NAME, "1-1024");
	expect_id("ftp-data-http", NS_T_ID, NS_ID_NAME, "ftp-data-http");
	expect_id("0x1g", NS_T_ID, NS_ID_NAME, "0x1g");
	expect_id("under_score", NS_T_ID, NS_ID_NAME, "under_score");
	expect_id("TCP", NS_T_ID, NS_ID_NAME, "TCP"); /* keywords are case-sensitive */
	expect_id("tcpx", NS_T_ID, NS_ID_NAME, "tcpx");
	expect_id("\\tcp", NS_T_ID, NS_ID_NAME, "tcp");
	expect_id("\\ip6", NS_T_ID, NS_ID_NAME, "ip6");
	expect_id("\\a:b/c", NS_T_ID, NS_ID_NAME, "a:b/c");
	ns_ctx ctx;
	lexed l;
	lex_all(&ctx, "(\\ip)", &l); /* a backslash name stops at ')' */
	assert_int_equal(l.tok[1], NS_T_ID);
	assert_string_equal(l.val[1].id->text, "ip");
	assert_int_equal(l.loc[1].off, 1);
	assert_int_equal(l.loc[1].end, 4);
	assert_int_equal(l.tok[2], ')');
	ns_arena_free(&ctx.arena);
}

static int keyword_token(const char *text, int *ival)
{
	ns_ctx ctx;
	lexed l;
	int t = lex_one(&ctx, text, &l);
	if (ival)
		*ival = l.val[0].ival;
	ns_arena_free(&ctx.arena);
	return t;
}

static void test_keywords(void **state)
{
	(void)state;
	static const char *const link_synonyms[] = {"link", "ether", "fddi", "tr", "wlan", "ppp", "slip"};
	for (size_t i = 0; i < sizeof(link_synonyms) / sizeof(link_synonyms[0]); i++) {
		int v;
		assert_int_equal(keyword_token(link_synonyms[i], &v), NS_T_PNAME);
		assert_int_equal(v, NS_QP_LINK);
	}
	static const struct {
		const char *text;
		int proto;
	} protos[] = {
		{"ip", NS_QP_IP},	  {"ip6", NS_QP_IPV6},	{"icmp6", NS_QP_ICMPV6}, {"arp", NS_QP_ARP},
		{"rarp", NS_QP_RARP},	  {"sctp", NS_QP_SCTP}, {"tcp", NS_QP_TCP},	 {"udp", NS_QP_UDP},
		{"esis", NS_QP_ESIS},	  {"es-is", NS_QP_ESIS}, {"isis", NS_QP_ISIS},	 {"is-is", NS_QP_ISIS},
		{"l1", NS_QP_ISIS_L1},	  {"csnp", NS_QP_ISIS_CSNP}, {"clnp", NS_QP_CLNP}, {"stp", NS_QP_STP},
		{"ipx", NS_QP_IPX},	  {"netbeui", NS_QP_NETBEUI}, {"decnet", NS_QP_DECNET},
		{"atalk", NS_QP_ATALK},	  {"aarp", NS_QP_AARP}, {"radio", NS_QP_RADIO},	 {"carp", NS_QP_CARP},
		{"vrrp", NS_QP_VRRP},	  {"pim", NS_QP_PIM},	{"ah", NS_QP_AH},	 {"esp", NS_QP_ESP},
	};
	for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++) {
		int v;
		assert_int_equal(keyword_token(protos[i].text, &v), NS_T_PNAME);
		assert_int_equal(v, protos[i].proto);
	}
	static const struct {
		const char *text;
		int token;
	} kws[] = {
		{"src", NS_T_SRC},	  {"dst", NS_T_DST},	      {"host", NS_T_HOST},
		{"net", NS_T_NET},	  {"port", NS_T_PORT},	      {"portrange", NS_T_PORTRANGE},
		{"gateway", NS_T_GATEWAY}, {"proto", NS_T_PROTO},     {"protochain", NS_T_PROTOCHAIN},
		{"mask", NS_T_NETMASK},	  {"less", NS_T_LESS},	      {"greater", NS_T_GREATER},
		{"byte", NS_T_CBYTE},	  {"broadcast", NS_T_BROADCAST}, {"multicast", NS_T_MULTICAST},
		{"len", NS_T_LEN},	  {"length", NS_T_LEN},	      {"inbound", NS_T_INBOUND},
		{"outbound", NS_T_OUTBOUND}, {"ifindex", NS_T_IFINDEX}, {"vlan", NS_T_VLAN},
		{"mpls", NS_T_MPLS},	  {"pppoed", NS_T_PPPOED},    {"pppoes", NS_T_PPPOES},
		{"geneve", NS_T_GENEVE},  {"vxlan", NS_T_VXLAN},      {"llc", NS_T_LLC},
		{"and", NS_T_AND},	  {"&&", NS_T_AND},	      {"or", NS_T_OR},
		{"||", NS_T_OR},	  {"not", NS_T_NOT},	      {"!", NS_T_NOT},
		{"on", NS_T_PF_IFNAME},	  {"ifname", NS_T_PF_IFNAME}, {"rset", NS_T_PF_RSET},
		{"ruleset", NS_T_PF_RSET}, {"rnr", NS_T_PF_RNR},      {"rulenum", NS_T_PF_RNR},
		{"srnr", NS_T_PF_SRNR},	  {"subrulenum", NS_T_PF_SRNR}, {"reason", NS_T_PF_REASON},
		{"action", NS_T_PF_ACTION}, {"type", NS_T_TYPE},      {"subtype", NS_T_SUBTYPE},
		{"dir", NS_T_DIR},	  {"direction", NS_T_DIR},    {"addr1", NS_T_DIRQ},
		{"address4", NS_T_DIRQ},  {"ra", NS_T_DIRQ},	      {"ta", NS_T_DIRQ},
		{"lane", NS_T_KW_ALONE},  {"oamf4ec", NS_T_KW_ALONE}, {"metaconnect", NS_T_KW_ALONE},
		{"fisu", NS_T_KW_ALONE},  {"hmsu", NS_T_KW_ALONE},    {"vpi", NS_T_KW_FIELD},
		{"vci", NS_T_KW_FIELD},	  {"sio", NS_T_KW_FIELD},     {"hsls", NS_T_KW_FIELD},
	};
	for (size_t i = 0; i < sizeof(kws) / sizeof(kws[0]); i++)
		if (keyword_token(kws[i].text, NULL) != kws[i].token)
			fail_msg("'%s': wrong token", kws[i].text);
	int v;
	assert_int_equal(keyword_token("address2", &v), NS_T_DIRQ);
	assert_int_equal(v, NS_QD_ADDR2);
	ns_ctx ctx;
	lexed l;
	assert_int_equal(lex_one(&ctx, "lsu", &l), NS_T_KW_ALONE);
	assert_string_equal(l.val[0].str, "lssu");
	ns_arena_free(&ctx.arena);
}

static void test_keyword_table_sorted(void **state)
{
	(void)state;
	size_t i = 1;
	for (; ns_lex_keyword_at(i); i++)
		if (strcmp(ns_lex_keyword_at(i - 1), ns_lex_keyword_at(i)) >= 0)
			fail_msg("keyword table out of order at '%s'", ns_lex_keyword_at(i));
	assert_true(i > 150);
}

static void test_operators(void **state)
{
	(void)state;
	static const int want[] = {'=', '=', NS_T_NEQ, NS_T_LEQ, NS_T_GEQ, NS_T_LSH, NS_T_RSH, '<',
				   '>', NS_T_NOT, '+', '-', '*', '/', '%', '&', '|', '^',
				   '[', ']', ':', '(', ')', NS_T_AND, NS_T_OR, NS_T_END};
	const char *expr = "== = != <= >= << >> < > ! + - * / % & | ^ [ ] : ( ) && ||";
	ns_ctx ctx;
	lexed l;
	lex_all(&ctx, expr, &l);
	assert_int_equal(l.n, (int)(sizeof(want) / sizeof(want[0])));
	for (int i = 0; i < l.n; i++)
		if (l.tok[i] != want[i])
			fail_msg("token %d: %d, expected %d", i, l.tok[i], want[i]);
	assert_int_equal(l.loc[0].off, 0);
	assert_int_equal(l.loc[0].end, 2); /* `==` spans both characters */
	assert_int_equal(l.loc[2].off, 5);
	assert_int_equal(l.loc[2].end, 7);
	ns_arena_free(&ctx.arena);
	/* `!=` wins over `!` then `=`; `!` then a name */
	lex_all(&ctx, "!tcp", &l);
	assert_int_equal(l.tok[0], NS_T_NOT);
	assert_int_equal(l.tok[1], NS_T_PNAME);
	ns_arena_free(&ctx.arena);
}

static void test_whitespace_and_end(void **state)
{
	(void)state;
	ns_ctx ctx;
	lexed l;
	lex_all(&ctx, " \t\r\ntcp\n", &l);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.loc[0].off, 4);
	assert_int_equal(l.loc[0].end, 7);
	assert_int_equal(l.tok[1], NS_T_END);
	assert_int_equal(l.loc[1].off, 8);
	/* END is sticky */
	NS_YYSTYPE v;
	ns_loc loc;
	assert_int_equal(ns_yylex(&v, &loc, &ctx, &l.lx), NS_T_END);
	ns_arena_free(&ctx.arena);
	lex_all(&ctx, "", &l);
	assert_int_equal(l.tok[0], NS_T_END);
	ns_arena_free(&ctx.arena);
}

static void test_stray_characters(void **state)
{
	(void)state;
	expect_lex_error("tcp # x", 4, 1, "unexpected character '#'");
	expect_lex_error("_x", 0, 1, "'_'");
	expect_lex_error("host a;", 6, 1, "';'");
	expect_lex_error("port é", 5, 2, "'\xc3\xa9'"); /* the whole UTF-8 character */
	expect_lex_error("a @ b", 2, 1, "'@'");
	expect_lex_error("\"tcp\"", 0, 1, "'\"'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_bad_numbers),
		cmocka_unit_test(test_named_constants),
		cmocka_unit_test(test_ipv4),
		cmocka_unit_test(test_ipv4_prefix_tokens),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_bad_ipv6),
		cmocka_unit_test(test_mac),
		cmocka_unit_test(test_arcnet),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_keywords),
		cmocka_unit_test(test_keyword_table_sorted),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_whitespace_and_end),
		cmocka_unit_test(test_stray_characters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
