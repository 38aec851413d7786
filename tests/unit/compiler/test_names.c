/* Name resolution (compiler/names.c) against the system's own databases, read here through
 * the C library directly, and the errors for names that resolve nowhere. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

#include "compiler/ctx.h"
#include "compiler/gen.h"

static void test_services(void **state)
{
	(void)state;
	static const char *const names[] = {"http", "domain", "ssh", "https", "ftp-data", "ntp"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		/* getservbyname() returns a static buffer: copy each answer */
		struct servent *t = getservbyname(names[i], "tcp");
		int tp = t ? ntohs((uint16_t)t->s_port) : -1;
		struct servent *u = getservbyname(names[i], "udp");
		int up = u ? ntohs((uint16_t)u->s_port) : -1;
		uint32_t port;
		int proto;
		bool ok = ns_name_port(names[i], &port, &proto);
		assert_int_equal(ok, tp >= 0 || up >= 0);
		if (ok)
			assert_int_equal(port, (uint32_t)(tp >= 0 ? tp : up));
	}
	uint32_t port;
	int proto;
	assert_false(ns_name_port("no-such-service-xyz", &port, &proto));
}

static void test_portranges(void **state)
{
	(void)state;
	uint32_t lo, hi;
	int proto;
	assert_true(ns_name_portrange("20-80", &lo, &hi, &proto));
	assert_int_equal(lo, 20);
	assert_int_equal(hi, 80);
	struct servent *e = getservbyname("ssh", "tcp");
	int ssh = e ? ntohs((uint16_t)e->s_port) : -1;
	e = getservbyname("http", "tcp");
	int h = e ? ntohs((uint16_t)e->s_port) : -1;
	if (ssh >= 0 && h >= 0) {
		assert_true(ns_name_portrange("ssh-http", &lo, &hi, &proto));
		assert_int_equal(lo, (uint32_t)ssh);
		assert_int_equal(hi, (uint32_t)h);
	}
	/* split at the first dash, as libpcap: "ftp" to "data-http" */
	assert_false(ns_name_portrange("ftp-data-http", &lo, &hi, &proto));
	assert_false(ns_name_portrange("domain", &lo, &hi, &proto));
	assert_false(ns_name_portrange("1-nosuchservice", &lo, &hi, &proto));
	/* numbers parse; the range check is the code generator's ("illegal port number") */
	assert_true(ns_name_portrange("1-70000", &lo, &hi, &proto));
	assert_int_equal(hi, 70000);
}

static void test_protocols(void **state)
{
	(void)state;
	static const char *const names[] = {"tcp", "udp", "icmp", "ipv6-icmp", "sctp", "gre"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct protoent *p = getprotobyname(names[i]);
		uint32_t v;
		assert_int_equal(ns_name_proto(names[i], &v), p != NULL);
		if (p)
			assert_int_equal(v, (uint32_t)p->p_proto);
	}
	assert_int_equal(ns_name_ethertype("ip"), 0x0800);
	assert_int_equal(ns_name_ethertype("ip6"), 0x86dd);
	assert_int_equal(ns_name_ethertype("arp"), 0x0806);
	assert_int_equal(ns_name_ethertype("nosuch"), -1);
}

static void test_hosts(void **state)
{
	(void)state;
	ns_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	ns_diag d;
	ctx.diag = &d;
	if (setjmp(ctx.fail))
		fail();
	ns_addrs a;
	assert_true(ns_name_host(&ctx, "localhost", &a));
	bool found = false;
	for (int i = 0; i < a.n4; i++)
		found |= a.v4[i] == 0x7f000001;
	assert_true(found);
	assert_false(ns_name_host(&ctx, "no-such-host.invalid", &a));
	ns_arena_free(&ctx.arena);
}

/* Unknown names are errors that quote the name, with the primitive's span. */
static void test_errors(void **state)
{
	(void)state;
	static const struct {
		const char *expr, *msg;
		int off;
	} cases[] = {
		{"tcp or host no-such-host.invalid", "unknown host 'no-such-host.invalid'", 7},
		{"port no-such-service-xyz", "unknown port 'no-such-service-xyz'", 0},
		{"ip proto no-such-proto", "unknown ip proto 'no-such-proto'", 0},
		{"ether host no-such-ether-host", "unknown ether host 'no-such-ether-host'", 0},
		{"net no-such-net", "unknown network 'no-such-net'", 0},
		{"ether proto \\nosuch", "unknown ether proto 'nosuch'", 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ns_compile_opts o;
		ns_compile_opts_init(&o);
		ns_program p;
		ns_diag err;
		assert_int_equal(ns_compile(cases[i].expr, &o, &p, &err), -1);
		if (!strstr(err.msg, cases[i].msg))
			fail_msg("%s: got '%s'", cases[i].expr, err.msg);
		/* the span covers the primitive (the parser decides whether it includes blanks) */
		int end = (int)strlen(cases[i].expr);
		if (err.offset < 0 || err.offset > cases[i].off || err.offset + err.length < end)
			fail_msg("%s: span %d+%d does not cover [%d, %d)", cases[i].expr, err.offset,
				 err.length, cases[i].off, end);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_services), cmocka_unit_test(test_portranges),
		cmocka_unit_test(test_protocols), cmocka_unit_test(test_hosts),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
