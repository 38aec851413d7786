/* capture/live_args.c: -C sizes as tcpdump reads them, and the configuration's defaults. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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

static void test_defaults(void **state)
{
	(void)state;
	/* tcpdump's defaults: promiscuous, optimized, no direction, the device's link type. */
	ns_live_config c;
	ns_live_config_init(&c);
	assert_int_equal(c.promisc, 1);
	assert_int_equal(c.optimize, 1);
	assert_int_equal(c.direction, -1);
	assert_int_equal(c.linktype, -1);
	assert_int_equal(c.snaplen, 0);
	assert_null(c.write_file);
	assert_ptr_equal(c.out, stdout);
	assert_ptr_equal(c.err, stderr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filesize),
		cmocka_unit_test(test_defaults),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
