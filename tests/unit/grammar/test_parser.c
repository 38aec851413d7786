/* Tests of the parser (grammar/parser.y): precedence, the shapes of the AST, spans, error
 * positions and messages, and libpcap's own accept/reject expressions (tests/data/grammar).
 *
 * Expected trees are written by hand from libpcap's grammar and checked against libpcap's
 * meaning (`tcpdump -d`): `1 % 2 + 3` really is 1 % (2 + 3) there. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pcap/pcap.h>

#include "compiler/ast_dump.h"
#include "compiler/ctx.h"

typedef struct result {
	int ok;
	char text[2048]; /* the dump, or the error message */
	int off, len;    /* error span */
	int root_off, root_len;
} result;

static void parse_into(const char *expr, result *r)
{
	ns_ctx ctx;
	ns_diag d;
	memset(&ctx, 0, sizeof(ctx));
	memset(r, 0, sizeof(*r));
	ctx.expr = expr;
	ctx.diag = &d;
	if (setjmp(ctx.fail)) {
		r->ok = 0;
		snprintf(r->text, sizeof(r->text), "%s", d.msg);
		r->off = d.offset;
		r->len = d.length;
		ns_arena_free(&ctx.arena);
		return;
	}
	ns_node *root = ns_parse(&ctx);
	FILE *f = fmemopen(r->text, sizeof(r->text), "w");
	ns_ast_dump(f, root);
	fclose(f);
	r->ok = 1;
	r->root_off = root ? root->off : -1;
	r->root_len = root ? root->len : -1;
	ns_arena_free(&ctx.arena);
}

static void expect_tree(const char *expr, const char *tree)
{
	result r;
	parse_into(expr, &r);
	if (!r.ok)
		fail_msg("'%s': %s (at %d)", expr, r.text, r.off);
	if (strcmp(r.text, tree) != 0)
		fail_msg("'%s'\n  got      %s\n  expected %s", expr, r.text, tree);
}

/* The message must contain msg_part; the span must be [off, off + len). */
static void expect_error(const char *expr, int off, int len, const char *msg_part)
{
	result r;
	parse_into(expr, &r);
	if (r.ok)
		fail_msg("'%s' parsed as %s", expr, r.text);
	if (r.off != off || r.len != len)
		fail_msg("'%s': error at %d+%d, expected %d+%d (%s)", expr, r.off, r.len, off, len,
			 r.text);
	if (msg_part && !strstr(r.text, msg_part))
		fail_msg("'%s': message '%s' lacks '%s'", expr, r.text, msg_part);
}

static void test_empty(void **state)
{
	(void)state;
	expect_tree("", "()");
	expect_tree("  \t\n ", "()");
}

static void test_and_or_equal_left_assoc(void **state)
{
	(void)state;
	expect_tree("tcp and udp or icmp", "(or (and (proto tcp) (proto udp)) (proto icmp))");
	expect_tree("tcp or udp and icmp", "(and (or (proto tcp) (proto udp)) (proto icmp))");
	expect_tree("tcp && udp || icmp && arp",
		    "(and (or (and (proto tcp) (proto udp)) (proto icmp)) (proto arp))");
	expect_tree("tcp or (udp and icmp)", "(or (proto tcp) (and (proto udp) (proto icmp)))");
}

static void test_not(void **state)
{
	(void)state;
	expect_tree("not tcp and udp", "(and (not (proto tcp)) (proto udp))");
	expect_tree("! tcp or udp", "(or (not (proto tcp)) (proto udp))");
	expect_tree("not not tcp", "(not (not (proto tcp)))");
	expect_tree("!(tcp or udp)", "(not (or (proto tcp) (proto udp)))");
	expect_tree("not host 10.1.2.3", "(not (id _/_/host ipv4:10.1.2.3))");
	expect_tree("host not 10.1.2.3", "(not (id _/_/host ipv4:10.1.2.3))");
}

static void test_arithmetic(void **state)
{
	(void)state;
	expect_tree("ip[0] + 1 * 2 = 3", "(= (+ (ip[] 0 1) (* 1 2)) 3)");
	expect_tree("ip[0] - 1 - 2 = 0", "(= (- (- (ip[] 0 1) 1) 2) 0)");
	expect_tree("ip[0] << 1 + 2 = 0", "(= (<< (ip[] 0 1) (+ 1 2)) 0)");
	expect_tree("ip[0] | 1 & 2 = 0", "(= (| (ip[] 0 1) (& 1 2)) 0)");
	expect_tree("ip[0] & 1 | 2 = 0", "(= (| (& (ip[] 0 1) 1) 2) 0)");
	expect_tree("-ip[0] * 2 = 0", "(= (* (neg (ip[] 0 1)) 2) 0)");
	expect_tree("- - 1 = 1", "(= (neg (neg 1)) 1)");
	expect_tree("ip[0] / 2 >> 1 != 0", "(!= (>> (/ (ip[] 0 1) 2) 1) 0)");
	/* libpcap gives '%' and '^' no precedence: bison shifts, so they take everything to their
	 * right and bind tighter than what is to their left (checked with tcpdump -O -d). */
	expect_tree("ip[0] % 3 + 1 = 2", "(= (% (ip[] 0 1) (+ 3 1)) 2)");
	expect_tree("ip[0] + 3 % 5 = 2", "(= (+ (ip[] 0 1) (% 3 5)) 2)");
	expect_tree("ip[0] ^ 3 * 5 = 2", "(= (^ (ip[] 0 1) (* 3 5)) 2)");
	expect_tree("(1) = 1", "(= 1 1)");
	expect_tree("((1 + 2)) = 3", "(= (+ 1 2) 3)");
	expect_tree("len >= 100", "(>= len 100)");
	expect_tree("length < 100", "(< len 100)");
	expect_tree("1 <= 2", "(<= 1 2)");
	expect_tree("1 == 2", "(= 1 2)");
	expect_tree("1 > 2", "(> 1 2)");
}

static void test_loads(void **state)
{
	(void)state;
	expect_tree("tcp[13:1] = 2", "(= (tcp[] 13 1) 2)");
	expect_tree("ip[2:2] > 576", "(> (ip[] 2 2) 576)");
	expect_tree("ether[0:4] = 0xffffffff", "(= (link[] 0 4) 4294967295)");
	expect_tree("tcp[tcpflags] & (tcp-syn|tcp-fin) != 0",
		    "(!= (& (tcp[] 13 1) (| 2 1)) 0)");
	expect_tree("icmp[icmptype] = icmp-echo", "(= (icmp[] 0 1) 8)");
	expect_tree("icmp6[icmp6type] = icmp6-echoreply", "(= (icmp6[] 0 1) 129)");
	expect_tree("tcp[tcp[12] >> 2 & 0x3c] = 16", "(= (tcp[] (& (>> (tcp[] 12 1) 2) 60) 1) 16)");
	expect_tree("ip[1:0x2] = 1", "(= (ip[] 1 2) 1)");
	expect_error("ip[1:3] = 1", 5, 1, "data size must be 1, 2 or 4, not 3");
	expect_error("link[0:0] != 0", 7, 1, "not 0");
	expect_error("link[0:5] != 0", 7, 1, "not 5");
}

static void test_primitives(void **state)
{
	(void)state;
	expect_tree("src host 1.2.3.4", "(id _/src/host ipv4:1.2.3.4)");
	expect_tree("tcp dst port 80", "(id tcp/dst/port num:80)");
	expect_tree("ether proto \\ip", "(id link/_/proto name:ip)");
	expect_tree("ip proto \\tcp", "(id ip/_/proto name:tcp)");
	expect_tree("net 10.0.0.0/16", "(id _/_/net ipv4/len:10.0.0.0/16)");
	expect_tree("net 10.0.0.0 mask 255.255.0.0", "(id _/_/net ipv4 mask:10.0.0.0 mask 255.255.0.0)");
	expect_tree("ip6 net fe80::/16", "(id ip6/_/net ipv6/len:fe80::/16)");
	expect_tree("ether host aa:bb:cc:dd:ee:ff", "(id link/_/host mac:aa:bb:cc:dd:ee:ff)");
	expect_tree("ether src 1-2-3-4-5-6", "(id link/src/_ mac:1-2-3-4-5-6)");
	expect_tree("link host $1f", "(id link/_/host arcnet:$1f)");
	expect_tree("src or dst host h", "(id _/src or dst/host name:h)");
	expect_tree("dst and src net 10.1", "(id _/src and dst/net ipv4:10.1)");
	expect_tree("addr1 h", "(id _/addr1/_ name:h)");
	expect_tree("wlan ta h", "(id link/ta/_ name:h)");
	expect_tree("ip proto 6", "(id ip/_/proto num:6)");
	expect_tree("ip6 protochain 6", "(id ip6/_/protochain num:6)");
	expect_tree("gateway h", "(id _/_/gateway name:h)");
	expect_tree("portrange 1-1024", "(id _/_/portrange name:1-1024)");
	expect_tree("tcp portrange ftp-data-http", "(id tcp/_/portrange name:ftp-data-http)");
	expect_tree("port (80)", "(id _/_/port num:80)");
	expect_tree("udp port 0x35", "(id udp/_/port num:0x35)");
	expect_tree("es-is", "(proto esis)");
	expect_tree("fddi host h", "(id link/_/host name:h)");
	expect_tree("tr", "(proto link)");
	expect_tree("l1 or iih or psnp", "(or (or (proto l1) (proto iih)) (proto psnp))");
}

static void test_other_primitives(void **state)
{
	(void)state;
	expect_tree("vlan 100 and vlan 200", "(and (vlan 100) (vlan 200))");
	expect_tree("vlan and mpls (5)", "(and vlan (mpls 5))");
	expect_tree("pppoed or pppoes or pppoes 3", "(or (or pppoed pppoes) (pppoes 3))");
	expect_tree("geneve or geneve 7 or vxlan or vxlan 9",
		    "(or (or (or geneve (geneve 7)) vxlan) (vxlan 9))");
	expect_tree("less 100 or greater 10", "(or (less 100) (greater 10))");
	expect_tree("byte 1 & 2", "(byte 1 & 2)");
	expect_tree("byte 1 = 2 or byte 3 < 4 or byte 5 > 6 or byte 7 | 8",
		    "(or (or (or (byte 1 = 2) (byte 3 < 4)) (byte 5 > 6)) (byte 7 | 8))");
	expect_tree("ip broadcast or broadcast", "(or (broadcast ip) (broadcast _))");
	expect_tree("ether multicast", "(multicast link)");
	expect_tree("inbound or outbound or ifindex 2", "(or (or inbound outbound) (ifindex 2))");
	expect_tree("llc", "(llc any)");
	expect_tree("llc i or llc S or llc u", "(or (or (llc i) (llc s)) (llc u))");
	expect_tree("llc rnr or llc frmr", "(or (llc rnr) (llc frmr))");
	expect_error("llc foo", 4, 3, "'foo'");
	expect_tree("vpi > 3", "(vpi > 3)");
	expect_tree("vci 5", "(vci 5)");
	expect_tree("sio (1 or 2 or 3)", "(or (or (sio 1) (sio 2)) (sio 3))");
	expect_tree("fisu or lsu", "(or (fisu) (lssu))");
	expect_tree("type data subtype beacon", "(type data (subtype beacon))");
	expect_tree("type 8 subtype 0x80", "(type 8 (subtype 128))");
	expect_tree("subtype probe-req or dir nods", "(or (subtype probe-req) (dir nods))");
	expect_tree("on eth0 or ruleset r or rnr 3 or srnr 4",
		    "(or (or (or (ifname eth0) (rset r)) (rnr 3)) (srnr 4))");
	expect_tree("reason congestion or reason 3 or action pass",
		    "(or (or (reason congestion) (reason 3)) (action pass))");
}

/* `head (group)`: the qualifiers belong to every operand of the group. */
static void test_head_group(void **state)
{
	(void)state;
	expect_tree("host a or (b or (c or d))",
		    "(or (id _/_/host name:a) (or (id _/_/_ name:b) (or (id _/_/_ name:c) (id _/_/_ name:d))))");
	expect_tree("host (a or not b)", "(or (id _/_/host name:a) (not (id _/_/host name:b)))");
	expect_tree("tcp port (80 or 443 and 8080)",
		    "(and (or (id tcp/_/port num:80) (id tcp/_/port num:443)) (id tcp/_/port num:8080))");
}

/* libpcap's grammar: what may stand where. Each of these is refused by libpcap 1.10.3 with
 * "syntax error" (checked with tcpdump -d). */
static void test_libpcap_syntax_limits(void **state)
{
	(void)state;
	expect_error("host 1.1.1.1 and ((2.2.2.2))", 19, 7, "unexpected '2.2.2.2'");
	expect_error("host 1.1.1.1 or (2.2.2.2 or tcp)", 28, 3, "unexpected 'tcp'");
	expect_error("host 1.1.1.1 or ((2.2.2.2 or 3.3.3.3) or 4.4.4.4)", 18, 7, "unexpected '2.2.2.2'");
	expect_error("less 10 and greater (20)", 20, 1, "expecting number");
	expect_error("byte (1) = 2", 5, 1, "expecting number");
	expect_error("net 10/8", 6, 1, "unexpected '/'");
	expect_error("net 10 mask 255.0.0.0", 7, 4, "unexpected 'mask'");
	expect_error("ip[0] = 1 = 1", 10, 1, "unexpected '='");
	expect_error("ip[0] > 1 > 2", 10, 1, "unexpected '>'");
	expect_error("a and b", 0, 1, "unexpected 'a': an operand here needs a qualifier");
	expect_error("(1.2.3.4)", 1, 7, "needs a qualifier such as 'host'");
	expect_error("1", 1, 1, "unexpected end of expression");
	expect_error("len", 3, 1, "unexpected end of expression");
	expect_error("host 1.1.1.1 1.1.1.2", 13, 7, "unexpected '1.1.1.2'");
	expect_error("pppoed 1234", 7, 4, "unexpected '1234'");
	expect_error("tcp src 80 80", 11, 2, "unexpected '80'");
	expect_error("TCP", 0, 3, "unexpected 'TCP'");
}

static void test_error_positions(void **state)
{
	(void)state;
	expect_error("tcp port 443 and tcp[tcp[12]>>2&0x3C==16]", 36, 2,
		     "syntax error: unexpected '==', expecting ']' or ':'");
	expect_error("ip and", 6, 1, "unexpected end of expression");
	expect_error("host", 4, 1, "unexpected end of expression");
	expect_error("(tcp", 4, 1, "unexpected end of expression");
	expect_error("(ip[0] = 1", 10, 1, "expecting 'and', 'or' or ')'");
	expect_error("ip[0] = 1)", 9, 1, "unexpected ')', expecting end of expression, 'and' or 'or'");
	expect_error("tcp and\tor udp", 8, 2, "unexpected 'or'");
	expect_error("ip[4294967296] = 1", 3, 10, "decimal number '4294967296' overflows 32 bits");
	expect_error("tcp and # x", 8, 1, "unexpected character '#'");
	expect_error("ether host ab:cd:ef:0g:00:00", 11, 17, "invalid MAC address");
	expect_error("ip6 host fe80::10.20.256.40", 9, 18, "invalid IPv6 address");
	expect_error("ip[0] = 1 and ip[1] ==", 22, 1, "expecting number");
}

static void test_spans(void **state)
{
	(void)state;
	result r;
	parse_into("src host 1.2.3.4", &r);
	assert_int_equal(r.root_off, 0);
	assert_int_equal(r.root_len, 16);
	parse_into("  tcp or  udp  ", &r);
	assert_int_equal(r.root_off, 2);
	assert_int_equal(r.root_len, 11);
	parse_into("(tcp)", &r);
	assert_int_equal(r.root_off, 1);
	assert_int_equal(r.root_len, 3);
	parse_into("ip[2:2] - 1 = 0", &r);
	assert_int_equal(r.root_off, 0);
	assert_int_equal(r.root_len, 15);
	parse_into("not tcp", &r);
	assert_int_equal(r.root_len, 7);
	parse_into("tcp and  broadcast", &r); /* no qualifier: the span starts at the keyword */
	assert_int_equal(r.root_off, 0);
	parse_into("  broadcast", &r);
	assert_int_equal(r.root_off, 2);
	assert_int_equal(r.root_len, 9);
}

/* The operand values the code generator reads. */
static void test_id_values(void **state)
{
	(void)state;
	ns_ctx ctx;
	ns_diag d;
	memset(&ctx, 0, sizeof(ctx));
	ctx.diag = &d;
	if (setjmp(ctx.fail))
		fail_msg("%s", d.msg);
	ctx.expr = "net 10.0 mask 255.0";
	ns_node *n = ns_parse(&ctx);
	assert_int_equal(n->id.kind, NS_ID_IPV4_MASK);
	assert_int_equal(n->id.v4, 0x0a00);
	assert_int_equal(n->id.v4_bits, 16);
	assert_int_equal(n->id.mask4, 0xff000000);
	assert_false(n->id.v4_invalid);
	assert_string_equal(n->id.text, "10.0 mask 255.0");
	ctx.expr = "net 10.0.0.0 mask 255.300.0.0";
	n = ns_parse(&ctx);
	assert_true(n->id.v4_invalid);
	ctx.expr = "net 10.1/16";
	n = ns_parse(&ctx);
	assert_int_equal(n->id.kind, NS_ID_IPV4_LEN);
	assert_int_equal(n->id.v4, 0x0a01);
	assert_int_equal(n->id.v4_bits, 16);
	assert_int_equal(n->id.prefix_len, 16);
	ctx.expr = "ip6 net fe80::/10";
	n = ns_parse(&ctx);
	assert_int_equal(n->id.kind, NS_ID_IPV6_LEN);
	assert_int_equal(n->id.prefix_len, 10);
	assert_int_equal(n->id.v6[0], 0xfe);
	assert_int_equal(n->id.v6[1], 0x80);
	ctx.expr = "ip6 net fe80::/129"; /* too long: the code generator's to refuse */
	n = ns_parse(&ctx);
	assert_int_equal(n->id.prefix_len, 129);
	ctx.expr = "port 0x50";
	n = ns_parse(&ctx);
	assert_int_equal(n->id.kind, NS_ID_NUM);
	assert_int_equal(n->id.num, 80);
	assert_int_equal(n->id.prefix_len, -1);
	assert_true(n->bare == false);
	ctx.expr = "host a or b";
	n = ns_parse(&ctx);
	assert_false(n->a->bare);
	assert_true(n->b->bare);
	assert_int_equal(n->b->qual.type, NS_QT_DEFAULT); /* until inheritance */
	ctx.expr = "vlan 100";
	n = ns_parse(&ctx);
	assert_true(n->has_num);
	assert_int_equal(n->num, 100);
	ctx.expr = "vlan";
	n = ns_parse(&ctx);
	assert_false(n->has_num);
	ns_arena_free(&ctx.arena);
}

/* Long expressions parse up to the depth bound (10,000 levels: every and/or adds one);
 * nesting beyond it is an error, not a crash. */
static void test_limits(void **state)
{
	(void)state;
	enum { TERMS = 9000, DEPTH = 20000 };
	char *chain = malloc(TERMS * 16 + 16), *p = chain;
	p += sprintf(p, "tcp");
	for (int i = 0; i < TERMS; i++)
		p += sprintf(p, " or port %d", i % 65536);
	result *r = malloc(sizeof(*r));
	parse_into(chain, r);
	assert_true(r->ok);
	assert_int_equal(r->root_len, (int)strlen(chain));
	free(chain);
	char *deep = malloc(2 * DEPTH + 8);
	memset(deep, '(', DEPTH);
	strcpy(deep + DEPTH, "tcp");
	memset(deep + DEPTH + 3, ')', DEPTH);
	deep[2 * DEPTH + 3] = '\0';
	parse_into(deep, r);
	assert_false(r->ok);
	assert_non_null(strstr(r->text, "nested too deeply"));
	assert_true(r->off >= 0 && r->off < DEPTH);
	free(deep);
	free(r);
}

/* The filters of tcpdump's and pcap-filter's documentation. */
static void test_documented_filters(void **state)
{
	(void)state;
	static const char *const docs[] = {
		"tcp port 80 and (((ip[2:2] - ((ip[0]&0xf)<<2)) - ((tcp[12]&0xf0)>>2)) != 0)",
		"tcp[tcpflags] & (tcp-syn|tcp-fin) != 0",
		"udp port 53 and udp[10] & 0x0f > 0",
		"src net 10.0.0.0/16 and not dst net 10.0.0.0/16",
		"ether proto \\ip",
		"ip6 protochain 6",
		"vlan 100 and vlan 200",
		"portrange 1-1024",
		"host sundown",
		"host helios and ( hot or ace )",
		"ip host ace and not helios",
		"net ucb-ether",
		"gateway snup and (port ftp or ftp-data)",
		"ip and not net localnet",
		"tcp[tcpflags] & (tcp-syn|tcp-fin) != 0 and not src and dst net localnet",
		"gateway snup and ip[2:2] > 576",
		"ether[0] & 1 = 0 and ip[16] >= 224",
		"icmp[icmptype] != icmp-echo and icmp[icmptype] != icmp-echoreply",
		"tcp[13] & 8!=0",
		"ether broadcast or ether multicast",
		"ip6 multicast",
		"ether dst 8:0:20:1:2:3",
		"dst host ::1",
	};
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		result r;
		parse_into(docs[i], &r);
		if (!r.ok)
			fail_msg("'%s': %s", docs[i], r.text);
	}
}

/* A JSON string value of "key" in one line of our jsonl files (escapes: \" \\ \/ \n \t \r
 * \uXXXX below 0x80, which is all libpcap's expressions use). */
static int json_field(const char *line, const char *key, char *out, size_t outsz)
{
	char pat[32];
	snprintf(pat, sizeof(pat), "\"%s\": \"", key);
	const char *p = strstr(line, pat);
	if (!p)
		return -1;
	p += strlen(pat);
	size_t n = 0;
	for (; *p && *p != '"' && n + 1 < outsz; p++) {
		char c = *p;
		if (c == '\\') {
			c = *++p;
			switch (c) {
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'r': c = '\r'; break;
			case 'u': c = (char)strtol((char[5]){p[1], p[2], p[3], p[4], 0}, NULL, 16); p += 4; break;
			default: break;
			}
		}
		out[n++] = c;
	}
	out[n] = '\0';
	return *p == '"' ? 0 : -1;
}

static int for_each_expr(const char *path, void (*fn)(const char *expr, const char *errstr, int *bad))
{
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s (run from the repository root)", path);
	char line[16384], expr[8192], errstr[1024];
	int count = 0, bad = 0;
	while (fgets(line, sizeof(line), f)) {
		if (json_field(line, "expr", expr, sizeof(expr)) != 0)
			fail_msg("%s: bad line %s", path, line);
		if (json_field(line, "errstr", errstr, sizeof(errstr)) != 0)
			errstr[0] = '\0';
		fn(expr, errstr, &bad);
		count++;
	}
	fclose(f);
	if (bad)
		fail_msg("%s: %d of %d expressions wrong", path, bad, count);
	return count;
}

static void accept_one(const char *expr, const char *errstr, int *bad)
{
	(void)errstr;
	result r;
	parse_into(expr, &r);
	if (!r.ok) {
		print_message("must parse: '%s': %s\n", expr, r.text);
		(*bad)++;
	}
}

static void reject_one(const char *expr, const char *errstr, int *bad)
{
	result r;
	parse_into(expr, &r);
	if (r.ok) {
		print_message("must fail (libpcap: %s): '%s' parsed as %s\n", errstr, expr, r.text);
		(*bad)++;
	}
}

static void test_libpcap_accept(void **state)
{
	(void)state;
	int n = for_each_expr("tests/data/grammar/accept.jsonl", accept_one);
	print_message("libpcap accept: %d expressions parse\n", n);
	assert_true(n > 800);
}

static void test_libpcap_reject(void **state)
{
	(void)state;
	int n = for_each_expr("tests/data/grammar/reject.jsonl", reject_one);
	print_message("libpcap syntactic reject: %d expressions refused\n", n);
	assert_true(n > 50);
}

/* libpcap refuses these for what they mean, not how they are written: the parser must accept
 * them and leave the refusal to the code generator. */
static void test_libpcap_semantic_reject_parses(void **state)
{
	(void)state;
	int n = for_each_expr("tests/data/grammar/semantic.jsonl", accept_one);
	print_message("libpcap semantic reject: %d expressions parse\n", n);
	assert_true(n > 2000);
}

/* Random expressions, half of them broken on purpose, parsed by us and by libpcap (the oracle):
 * whenever libpcap's verdict is decided by its parser (accepted, or "can't parse"), ours must be
 * the same. libpcap reports some semantic errors while it parses, which hide what its parser
 * would say; those expressions are skipped, and the vocabulary keeps them rare. It has no names:
 * libpcap would look them up as hosts, and a resolver timeout has no place in a unit test. */
static const char *const vocab[] = {
	"host", "net", "port", "portrange", "src", "dst", "tcp", "ip", "ip6", "ether", "udp",
	"icmp", "and", "or", "not", "!", "(", ")", "[", "]", ":", "=", "==", "!=", "<", ">", "<=",
	">=", "+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>", "1", "2", "80", "0x10", "1.2.3.4",
	"10.1", "mask", "255.0.0.0", "::1", "fe80::", "aa:bb:cc:dd:ee:ff", "len", "less", "greater",
	"byte", "vlan", "mpls", "pppoed", "pppoes", "geneve", "llc", "proto", "protochain",
	"broadcast", "multicast", "tcpflags", "tcp-syn", "&&", "||",
};
static const char *const prims[] = {
	"host 1.2.3.4", "1.2.3.4", "port 80", "80", "(80)", "tcp", "ip[0]=1", "ip[0:2]>1",
	"tcp src port 1", "src 1.2.3.4", "not 1.2.3.4", "ether host aa:bb:cc:dd:ee:ff", "len > 1",
	"less 10", "vlan", "vlan 1", "vlan (1)", "net 10.1/16", "net 10.0.0.0 mask 255.0.0.0",
	"ip6 host ::1", "1+2*3%4^5=1", "-1=-(2)", "(1)=1", "((1))=(1)", "(1+1)=2", "ether multicast",
	"byte 1 = 2", "llc", "pppoes 1", "mpls", "geneve 1", "ip proto 6", "protochain 6",
	"ip6 net fe80::/16",
};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static uint32_t rnd(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void append(char *buf, size_t sz, const char *word)
{
	size_t n = strlen(buf), w = strlen(word);
	if (n + 1 + w + 1 > sz)
		return; /* long enough already */
	if (n)
		buf[n++] = ' ';
	memcpy(buf + n, word, w + 1);
}

static void random_expr(uint32_t *s, int depth, char *buf, size_t sz)
{
	uint32_t r = rnd(s) % 100;
	if (depth > 3 || r < 35) {
		append(buf, sz, prims[rnd(s) % COUNT(prims)]);
	} else if (r < 50) {
		append(buf, sz, "(");
		random_expr(s, depth + 1, buf, sz);
		append(buf, sz, ")");
	} else if (r < 60) {
		append(buf, sz, rnd(s) % 2 ? "not" : "!");
		random_expr(s, depth + 1, buf, sz);
	} else {
		random_expr(s, depth + 1, buf, sz);
		static const char *const ops[] = {"and", "or", "&&", "||"};
		append(buf, sz, ops[rnd(s) % 4]);
		random_expr(s, depth + 1, buf, sz);
	}
}

/* Replaces, inserts or deletes one word. */
static void mutate(uint32_t *s, char *buf, size_t sz)
{
	char words[64][64];
	int n = 0;
	for (char *w = strtok(buf, " "); w && n < 64; w = strtok(NULL, " "))
		snprintf(words[n++], sizeof(words[0]), "%s", w);
	int at = n ? (int)(rnd(s) % (uint32_t)n) : 0, op = (int)(rnd(s) % 3);
	buf[0] = '\0';
	for (int i = 0; i <= n; i++) {
		if (i == at && op == 1)
			append(buf, sz, vocab[rnd(s) % COUNT(vocab)]);
		if (i == n)
			break;
		if (i == at && op == 0)
			continue;
		append(buf, sz, i == at && op == 2 ? vocab[rnd(s) % COUNT(vocab)] : words[i]);
	}
}

static void test_syntax_matches_libpcap(void **state)
{
	(void)state;
	const char *san = getenv("SANITIZED");
	int cases = san && strcmp(san, "1") == 0 ? 3000 : 20000, judged = 0, wrong = 0;
	uint32_t seed = 0x5eed1234u;
	pcap_t *p = pcap_open_dead(DLT_EN10MB, 262144);
	result *r = malloc(sizeof(*r));
	for (int i = 0; i < cases; i++) {
		char expr[1024] = "";
		switch (rnd(&seed) % 3) {
		case 0:
			for (uint32_t k = 1 + rnd(&seed) % 7; k > 0; k--)
				append(expr, sizeof(expr), vocab[rnd(&seed) % COUNT(vocab)]);
			break;
		case 1:
			random_expr(&seed, 0, expr, sizeof(expr));
			break;
		default:
			random_expr(&seed, 0, expr, sizeof(expr));
			mutate(&seed, expr, sizeof(expr));
			break;
		}
		struct bpf_program prog;
		int lib_ok = pcap_compile(p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) == 0;
		if (lib_ok)
			pcap_freecode(&prog);
		else if (!strstr(pcap_geterr(p), "can't parse"))
			continue; /* a semantic error stopped libpcap's parser early */
		parse_into(expr, r);
		judged++;
		if (r->ok != lib_ok) {
			print_message("'%s': libpcap %s, netsift %s\n", expr,
				      lib_ok ? "parses" : pcap_geterr(p), r->ok ? "parses" : r->text);
			wrong++;
		}
	}
	pcap_close(p);
	free(r);
	print_message("syntax vs libpcap: %d random expressions judged, %d differ\n", judged, wrong);
	assert_int_equal(wrong, 0);
	assert_true(judged > cases / 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_and_or_equal_left_assoc),
		cmocka_unit_test(test_not),
		cmocka_unit_test(test_arithmetic),
		cmocka_unit_test(test_loads),
		cmocka_unit_test(test_primitives),
		cmocka_unit_test(test_other_primitives),
		cmocka_unit_test(test_head_group),
		cmocka_unit_test(test_libpcap_syntax_limits),
		cmocka_unit_test(test_error_positions),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_id_values),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_documented_filters),
		cmocka_unit_test(test_libpcap_accept),
		cmocka_unit_test(test_libpcap_reject),
		cmocka_unit_test(test_libpcap_semantic_reject_parses),
		cmocka_unit_test(test_syntax_matches_libpcap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
