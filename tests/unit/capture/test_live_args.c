/* capture/live_args.c: -C sizes as tcpdump reads them, and --program listings in tcpdump's
 * -ddd form (the listings here were printed by `tcpdump -ddd`). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "capture/live.h"

static void test_filesize(void **state)
{
	(void)state;
	int64_t b;
	char msg[128];
	assert_int_equal(ns_live_parse_filesize("1", &b, msg, sizeof(msg)), 0);
	assert_int_equal(b, 1000000); /* millions of bytes, not MiB */
	assert_int_equal(ns_live_parse_filesize("3k", &b, msg, sizeof(msg)), 0);
	assert_int_equal(b, 3 * 1024);
	assert_int_equal(ns_live_parse_filesize("2m", &b, msg, sizeof(msg)), 0);
	assert_int_equal(b, 2 * 1024 * 1024);
	assert_int_equal(ns_live_parse_filesize("1g", &b, msg, sizeof(msg)), 0);
	assert_int_equal(b, 1024LL * 1024 * 1024);
	assert_int_equal(ns_live_parse_filesize("0", &b, msg, sizeof(msg)), -1);
	assert_string_equal(msg, "invalid file size 0");
	assert_int_equal(ns_live_parse_filesize("-5", &b, msg, sizeof(msg)), -1);
	assert_int_equal(ns_live_parse_filesize("12x", &b, msg, sizeof(msg)), -1);
	assert_string_equal(msg, "invalid file size 12x");
	assert_int_equal(ns_live_parse_filesize("k", &b, msg, sizeof(msg)), -1);
	assert_int_equal(ns_live_parse_filesize("9223372036854775807", &b, msg, sizeof(msg)), -1);
	assert_string_equal(msg, "file size 9223372036854775807 is too large");
}

static void test_ddd(void **state)
{
	(void)state;
	/* tcpdump -y EN10MB -ddd ip */
	const char *ip = "4\n40 0 0 12\n21 0 1 2048\n6 0 0 262144\n6 0 0 0\n";
	ns_program p;
	char msg[128];
	assert_int_equal(ns_live_read_ddd(ip, &p, msg, sizeof(msg)), 1);
	assert_int_equal(p.len, 4);
	assert_int_equal(p.insns[0].code, 0x28);
	assert_int_equal(p.insns[0].k, 12);
	assert_int_equal(p.insns[1].code, 0x15);
	assert_int_equal(p.insns[1].jt, 0);
	assert_int_equal(p.insns[1].jf, 1);
	assert_int_equal(p.insns[1].k, 2048);
	assert_int_equal(p.insns[2].k, 262144);
	ns_program_free(&p);
	/* Expressions are not listings. */
	assert_int_equal(ns_live_read_ddd("tcp port 80\n", &p, msg, sizeof(msg)), 0);
	assert_int_equal(ns_live_read_ddd("  \n", &p, msg, sizeof(msg)), 0);
	assert_int_equal(ns_live_read_ddd("12 and tcp", &p, msg, sizeof(msg)), 0);
	/* Broken listings are errors, not expressions. */
	assert_int_equal(ns_live_read_ddd("2\n6 0 0 1\n", &p, msg, sizeof(msg)), -1);
	assert_int_equal(ns_live_read_ddd("1\n6 0 0\n", &p, msg, sizeof(msg)), -1);
	assert_int_equal(ns_live_read_ddd("1\n6 0 0 1 9\n", &p, msg, sizeof(msg)), -1);
	assert_int_equal(ns_live_read_ddd("1\n6 0 0 1\n6 0 0 1\n", &p, msg, sizeof(msg)), -1);
	assert_int_equal(ns_live_read_ddd("1\n6 300 0 1\n", &p, msg, sizeof(msg)), -1);
	assert_int_equal(ns_live_read_ddd("0\n6 0 0 1\n", &p, msg, sizeof(msg)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filesize),
		cmocka_unit_test(test_ddd),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
