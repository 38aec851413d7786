/* Tests of qualifier inheritance (compiler/inherit.c), with libpcap as the judge of meaning.
 *
 * Each case pairs an expression with bare operands and the same expression with every
 * qualifier written out. libpcap (pcap_compile, the test oracle) must compile both to the same
 * program: that proves the expansion is what libpcap means. Then our inheritance pass must give
 * the bare operands exactly the qualifiers of the expansion. For the cases libpcap refuses
 * because a bare operand follows a primitive without qualifiers (`tcp or 1.2.3.4`), libpcap must
 * refuse them and our pass must give the operand the undefined qualifiers, which the code
 * generator reports. */
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

/* Our tree after inheritance, as a dump; fails the test on a parse error. */
static void inherited(const char *expr, char *out, size_t outsz)
{
	ns_ctx ctx;
	ns_diag d;
	memset(&ctx, 0, sizeof(ctx));
	ctx.expr = expr;
	ctx.diag = &d;
	if (setjmp(ctx.fail)) {
		ns_arena_free(&ctx.arena);
		fail_msg("'%s' does not parse: %s", expr, d.msg);
	}
	ns_node *root = ns_parse(&ctx);
	ns_inherit(&ctx, root);
	FILE *f = fmemopen(out, outsz, "w");
	ns_ast_dump(f, root);
	fclose(f);
	ns_arena_free(&ctx.arena);
}

/* libpcap's program for expr on Ethernet, or NULL with its message in err. */
static int libpcap_compile(const char *expr, struct bpf_program *prog, char *err, size_t errsz)
{
	pcap_t *p = pcap_open_dead(DLT_EN10MB, 262144);
	int r = pcap_compile(p, prog, expr, 1, PCAP_NETMASK_UNKNOWN);
	if (r != 0)
		snprintf(err, errsz, "%s", pcap_geterr(p));
	pcap_close(p);
	return r;
}

static void expect_same_meaning(const char *bare, const char *explicit_)
{
	struct bpf_program a, b;
	char err[PCAP_ERRBUF_SIZE];
	if (libpcap_compile(bare, &a, err, sizeof(err)) != 0)
		fail_msg("libpcap refuses '%s': %s", bare, err);
	if (libpcap_compile(explicit_, &b, err, sizeof(err)) != 0)
		fail_msg("libpcap refuses '%s': %s", explicit_, err);
	int same = a.bf_len == b.bf_len &&
		   memcmp(a.bf_insns, b.bf_insns, a.bf_len * sizeof(*a.bf_insns)) == 0;
	pcap_freecode(&a);
	pcap_freecode(&b);
	if (!same)
		fail_msg("bad test case: libpcap compiles '%s' and '%s' differently", bare, explicit_);
	char ours[2048], want[2048];
	inherited(bare, ours, sizeof(ours));
	inherited(explicit_, want, sizeof(want));
	if (strcmp(ours, want) != 0)
		fail_msg("'%s'\n  inherited %s\n  expected  %s", bare, ours, want);
}

/* libpcap refuses expr over a qualifier error; our tree must be `tree`, with ?/?/? marking the
 * operands that received the undefined qualifiers. */
static void expect_undefined(const char *expr, const char *tree)
{
	struct bpf_program a;
	char err[PCAP_ERRBUF_SIZE];
	if (libpcap_compile(expr, &a, err, sizeof(err)) == 0) {
		pcap_freecode(&a);
		fail_msg("bad test case: libpcap accepts '%s'", expr);
	}
	if (strstr(err, "can't parse"))
		fail_msg("bad test case: '%s' is a plain syntax error for libpcap: %s", expr, err);
	char ours[2048];
	inherited(expr, ours, sizeof(ours));
	if (strcmp(ours, tree) != 0)
		fail_msg("'%s'\n  inherited %s\n  expected  %s", expr, ours, tree);
}

static void test_inherit_from_previous(void **state)
{
	(void)state;
	expect_same_meaning("host 1.2.3.4 or 5.6.7.8", "host 1.2.3.4 or host 5.6.7.8");
	expect_same_meaning("src port 80 or 443", "src port 80 or src port 443");
	expect_same_meaning("tcp dst port 80 or 8080", "tcp dst port 80 or tcp dst port 8080");
	expect_same_meaning("port 1 or 2 or 3 and 4", "port 1 or port 2 or port 3 and port 4");
	expect_same_meaning("ip proto 6 or 17", "ip proto 6 or ip proto 17");
	expect_same_meaning("port 80 or (443)", "port 80 or port 443");
	expect_same_meaning("ether src aa:bb:cc:dd:ee:ff or 11:22:33:44:55:66",
			    "ether src aa:bb:cc:dd:ee:ff or ether src 11:22:33:44:55:66");
	expect_same_meaning("ip6 host ::1 or fe80::1", "ip6 host ::1 or ip6 host fe80::1");
	expect_same_meaning("src net 10.0.0.0/8 or 192.168.0.0/16",
			    "src net 10.0.0.0/8 or src net 192.168.0.0/16");
	expect_same_meaning("net 10.0.0.0 mask 255.0.0.0 or 11.0.0.0 mask 255.0.0.0",
			    "net 10.0.0.0 mask 255.0.0.0 or net 11.0.0.0 mask 255.0.0.0");
	expect_same_meaning("tcp portrange 1-100 or 200-300",
			    "tcp portrange 1-100 or tcp portrange 200-300");
	/* the latest primitive counts, not the first */
	expect_same_meaning("src host 1.1.1.1 and dst port 80 or 443",
			    "src host 1.1.1.1 and dst port 80 or dst port 443");
}

static void test_not(void **state)
{
	(void)state;
	/* b is a host, and not negated */
	expect_same_meaning("not host 1.1.1.1 and 2.2.2.2", "not host 1.1.1.1 and host 2.2.2.2");
	expect_same_meaning("host 1.1.1.1 or not 2.2.2.2", "host 1.1.1.1 or not host 2.2.2.2");
	expect_same_meaning("host 1.1.1.1 or !2.2.2.2 and 3.3.3.3",
			    "host 1.1.1.1 or !host 2.2.2.2 and host 3.3.3.3");
	expect_same_meaning("port 1 and not not 2", "port 1 and not not port 2");
}

static void test_parentheses(void **state)
{
	(void)state;
	expect_same_meaning("host 1.1.1.1 and (2.2.2.2 or 3.3.3.3)",
			    "host 1.1.1.1 and (host 2.2.2.2 or host 3.3.3.3)");
	expect_same_meaning("host 1.2.3.4 or (2.2.2.2 and 3.3.3.3) or 4.4.4.4",
			    "host 1.2.3.4 or (host 2.2.2.2 and host 3.3.3.3) or host 4.4.4.4");
	expect_same_meaning("tcp and (port 80 or 8080)", "tcp and (port 80 or port 8080)");
	expect_same_meaning("host 1.1.1.1 or (2.2.2.2 or not 3.3.3.3)",
			    "host 1.1.1.1 or (host 2.2.2.2 or not host 3.3.3.3)");
	/* a parenthesized expression passes on what was in force before it */
	expect_same_meaning("host 1.1.1.1 or (tcp port 80) or 2.2.2.2",
			    "host 1.1.1.1 or (tcp port 80) or host 2.2.2.2");
	expect_same_meaning("host 1.1.1.1 and not (port 80) or 2.2.2.2",
			    "host 1.1.1.1 and not (port 80) or host 2.2.2.2");
	expect_same_meaning("host 1.1.1.1 and (port 80 and (tcp)) and 2.2.2.2",
			    "host 1.1.1.1 and (port 80 and (tcp)) and host 2.2.2.2");
	/* qualifiers before a group belong to all of it and pass on */
	expect_same_meaning("src host (1.1.1.1 or 2.2.2.2) or 3.3.3.3",
			    "src host 1.1.1.1 or src host 2.2.2.2 or src host 3.3.3.3");
}

static void test_undefined(void **state)
{
	(void)state;
	expect_undefined("tcp or 1.2.3.4", "(or (proto tcp) (id ?/?/? ipv4:1.2.3.4))");
	expect_undefined("ip[0] = 1 or 1.1.1.1",
			 "(or (= (ip[] 0 1) 1) (id ?/?/? ipv4:1.1.1.1))");
	expect_undefined("vlan 100 and 1.1.1.1", "(and (vlan 100) (id ?/?/? ipv4:1.1.1.1))");
	expect_undefined("vlan and 100", "(and vlan (id ?/?/? num:100))");
	expect_undefined("less 10 or 5", "(or (less 10) (id ?/?/? num:5))");
	expect_undefined("ip broadcast or 1.1.1.1",
			 "(or (broadcast ip) (id ?/?/? ipv4:1.1.1.1))");
	expect_undefined("ip6 and ::1", "(and (proto ip6) (id ?/?/? ipv6:::1))");
	expect_undefined("tcp port 80 and tcp[13] = 2 or 443",
			 "(or (and (id tcp/_/port num:80) (= (tcp[] 13 1) 2)) (id ?/?/? num:443))");
	/* a group at the very start passes on nothing */
	expect_undefined("(host 1.1.1.1) and 2.2.2.2",
			 "(and (id _/_/host ipv4:1.1.1.1) (id ?/?/? ipv4:2.2.2.2))");
	expect_undefined("(tcp port 80) or 443", "(or (id tcp/_/port num:80) (id ?/?/? num:443))");
	expect_undefined("not (host 1.1.1.1) or 2.2.2.2",
			 "(or (not (id _/_/host ipv4:1.1.1.1)) (id ?/?/? ipv4:2.2.2.2))");
	/* inside a group, a primitive without qualifiers passes on nothing either */
	expect_undefined("host 1.1.1.1 and (tcp or 2.2.2.2)",
			 "(and (id _/_/host ipv4:1.1.1.1) (or (proto tcp) (id ?/?/? ipv4:2.2.2.2)))");
}

static void test_explicit_untouched(void **state)
{
	(void)state;
	char out[512];
	inherited("dst host 1.1.1.1 or src 2.2.2.2", out, sizeof(out));
	assert_string_equal(out, "(or (id _/dst/host ipv4:1.1.1.1) (id _/src/_ ipv4:2.2.2.2))");
	inherited("tcp port 80 and udp", out, sizeof(out));
	assert_string_equal(out, "(and (id tcp/_/port num:80) (proto udp))");
	inherited("", out, sizeof(out));
	assert_string_equal(out, "()");
}

/* Long and/or chains (up to the parser's depth bound of 10,000 levels, grammar/parser.y): the
 * last operand still inherits from the first primitive. */
static void test_long_chain(void **state)
{
	(void)state;
	enum { TERMS = 9000 };
	char *expr = malloc(TERMS * 14 + 32), *p = expr;
	p += sprintf(p, "src port 1");
	for (int i = 0; i < TERMS; i++)
		p += sprintf(p, " or %d", i % 65536);
	ns_ctx ctx;
	ns_diag d;
	memset(&ctx, 0, sizeof(ctx));
	ctx.expr = expr;
	ctx.diag = &d;
	if (setjmp(ctx.fail))
		fail_msg("%s", d.msg);
	ns_node *root = ns_parse(&ctx);
	ns_inherit(&ctx, root);
	assert_int_equal(root->kind, NS_N_OR);
	assert_int_equal(root->b->qual.dir, NS_QD_SRC);
	assert_int_equal(root->b->qual.type, NS_QT_PORT);
	ns_arena_free(&ctx.arena);
	free(expr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inherit_from_previous),
		cmocka_unit_test(test_not),
		cmocka_unit_test(test_parentheses),
		cmocka_unit_test(test_undefined),
		cmocka_unit_test(test_explicit_untouched),
		cmocka_unit_test(test_long_chain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
