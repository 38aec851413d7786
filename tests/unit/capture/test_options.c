/* capture/options.c and capture/option_values.c: the one command-line parser. Expected values
 * are tcpdump 4.99.3's (its man page, its source, and what it accepts when run): defaults,
 * how values are read (-C in millions of bytes, -s in any base, -c with atoi), and which job a
 * command line asks for. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <pcap/pcap.h>

#include "capture/options.h"

#define PARSE(cli, ...)                                                                       \
	parse(cli, (const char *[]){"prog", __VA_ARGS__},                                     \
	      (int)(sizeof((const char *[]){"prog", __VA_ARGS__}) / sizeof(char *)))

/* getopt permutes the pointers, never the strings: literals will do. */
static int parse(ns_cli *cli, const char **args, int argc)
{
	char *argv[64];
	assert_true(argc < 64);
	for (int i = 0; i < argc; i++)
		argv[i] = (char *)(uintptr_t)args[i];
	argv[argc] = NULL;
	return ns_cli_parse(cli, argc, argv);
}

static void test_defaults(void **state)
{
	(void)state;
	ns_cli c;
	assert_int_equal(PARSE(&c, "-i", "eth0"), -1);
	assert_int_equal(c.job, NS_JOB_LIVE);
	assert_string_equal(c.interface, "eth0");
	assert_int_equal(c.count, -1);       /* no limit */
	assert_int_equal(c.linktype, -1);    /* the device's */
	assert_int_equal(c.direction, -1);   /* both directions, -Q not given */
	assert_int_equal(c.no_promisc, 0);   /* promiscuous unless -p */
	assert_int_equal(c.copts.optimize, 1);
	assert_int_equal(c.snaplen, 0);
	assert_int_equal(c.copts.snaplen, 262144);
	assert_int_equal(c.rotate_bytes, 0);
	assert_null(c.write_file);
	assert_string_equal(c.expr, "");
	ns_cli_free(&c);
}

static void test_flags(void **state)
{
	(void)state;
	ns_cli c;
	assert_int_equal(PARSE(&c, "-AA", "-p", "-O", "-nn", "-vvv", "-Z", "nobody", "-Q", "OUT",
			       "--nano", "--micro", "-U", "-l", "--immediate-mode", "-B", "64",
			       "-y", "linux_sll", "-N", "-#", "-e"),
			 -1);
	assert_int_equal(c.popts.Aflag, 2);
	assert_int_equal(c.no_promisc, 1);
	assert_int_equal(c.copts.optimize, 0);
	assert_int_equal(c.popts.nflag, 2);
	assert_int_equal(c.popts.vflag, 3);
	assert_string_equal(c.user, "nobody");
	assert_int_equal(c.direction, PCAP_D_OUT); /* case-insensitive, as tcpdump */
	assert_int_equal(c.popts.nano, 0);         /* the last of --nano/--micro wins */
	assert_int_equal(c.packet_buffered, 1);
	assert_int_equal(c.line_buffered, 1);
	assert_int_equal(c.immediate, 1);
	assert_int_equal(c.buffer_kib, 64);
	assert_int_equal(c.linktype, DLT_LINUX_SLL);
	assert_int_equal(c.popts.number, 1);
	assert_int_equal(c.popts.eflag, 1);
	ns_cli_free(&c);
	/* Long names are tcpdump's. */
	assert_int_equal(PARSE(&c, "--interface=lo", "--snapshot-length", "100", "--linktype", "EN10MB",
			       "--direction=in", "--buffer-size=8", "--no-promiscuous-mode",
			       "--relinquish-privileges=u", "--time-stamp-precision=nanoseconds"),
			 -1);
	assert_string_equal(c.interface, "lo");
	assert_int_equal(c.snaplen, 100);
	assert_int_equal(c.linktype, DLT_EN10MB);
	assert_int_equal(c.direction, PCAP_D_IN);
	assert_int_equal(c.buffer_kib, 8);
	assert_int_equal(c.no_promisc, 1);
	assert_string_equal(c.user, "u");
	assert_int_equal(c.popts.nano, 1); /* tcpdump compares the first letters only */
	ns_cli_free(&c);
}

static void test_values(void **state)
{
	(void)state;
	ns_cli c;
	/* -C: millions of bytes; k, m, g: KiB, MiB, GiB. */
	static const struct { const char *arg; int64_t bytes; } sizes[] = {
		{"1", 1000000}, {"3k", 3 * 1024}, {"2m", 2 * 1024 * 1024},
		{"1g", 1024LL * 1024 * 1024}, {"9223372036854", 9223372036854LL * 1000000},
	};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		assert_int_equal(PARSE(&c, "-C", sizes[i].arg), -1);
		assert_int_equal(c.rotate_bytes, sizes[i].bytes);
		ns_cli_free(&c);
	}
	/* -s: any base; 0 is the default, which the compiler reads as 262144. */
	assert_int_equal(PARSE(&c, "-s", "0x20"), -1);
	assert_int_equal(c.snaplen, 32);
	assert_int_equal(c.copts.snaplen, 32);
	assert_int_equal(c.snaplen_set, 1);
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "-s", "0"), -1);
	assert_int_equal(c.snaplen, 0);
	assert_int_equal(c.copts.snaplen, 262144);
	ns_cli_free(&c);
	/* -c, -G, -W with atoi: digits first, the rest ignored. */
	assert_int_equal(PARSE(&c, "-c", "3x", "-G", "abc", "-W", "5files"), -1);
	assert_int_equal(c.count, 3);
	assert_int_equal(c.rotate_seconds, 0);
	assert_int_equal(c.rotate_files, 5);
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "-G", "60"), -1);
	assert_int_equal(c.rotate_seconds, 60);
	ns_cli_free(&c);
}

static void test_bad_values(void **state)
{
	(void)state;
	static const char *const bad[][2] = {
		{"-c", "0"}, {"-c", "x"}, {"-c", "2147483648"}, {"-B", "0"}, {"-B", "2097152"},
		{"-C", "0"}, {"-C", "5x"}, {"-C", "1K"}, {"-C", "9223372036855"}, {"-C", ""},
		{"-G", "-1"}, {"-W", "0"}, {"-W", "-1"}, {"-s", "262145"}, {"-s", "-1"},
		{"-s", "x"}, {"-y", "NOSUCH"}, {"-y", "1"}, {"-Q", "sideways"},
		{"--time-stamp-precision", "pico"}, {"--trace", "0"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ns_cli c;
		assert_int_equal(PARSE(&c, bad[i][0], bad[i][1]), 1);
		ns_cli_free(&c);
	}
}

static void test_jobs(void **state)
{
	(void)state;
	ns_cli c;
	assert_int_equal(PARSE(&c, "-r", "f.pcap", "-D"), -1);
	assert_int_equal(c.job, NS_JOB_INTERFACES); /* tcpdump lists before anything else */
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "-r", "f.pcap", "-i", "eth0"), -1);
	assert_int_equal(c.job, NS_JOB_OFFLINE); /* -r wins over -i */
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "-r", "f.pcap", "-d"), -1);
	assert_int_equal(c.job, NS_JOB_LISTING); /* for the file's link type */
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "-ddd", "-y", "RAW"), -1);
	assert_int_equal(c.job, NS_JOB_LISTING);
	assert_int_equal(c.dump_level, 3);
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "-d", "-i", "eth0"), -1);
	assert_int_equal(c.job, NS_JOB_LIVE); /* the device's program */
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "-L"), -1);
	assert_int_equal(c.job, NS_JOB_LIVE); /* the first device's link types */
	ns_cli_free(&c);
	/* Capture-device flags are accepted with -r and do nothing there, as with tcpdump. */
	assert_int_equal(PARSE(&c, "-r", "f", "-p", "-B", "9", "-Q", "in", "-L", "-U", "-w", "o"), -1);
	assert_int_equal(c.job, NS_JOB_OFFLINE);
	ns_cli_free(&c);
}

static void test_combinations(void **state)
{
	(void)state;
	ns_cli c;
	/* netsift's own rules (docs/netsift.1, docs/capture.md). */
	assert_int_equal(PARSE(&c, "-r", "f", "--count", "-w", "o"), 1);
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "-r", "f", "--program", "p.ddd", "tcp"), 1);
	ns_cli_free(&c);
	/* ... but a live capture attaches the listing and ignores the expression. */
	assert_int_equal(PARSE(&c, "-i", "eth0", "--program", "p.ddd", "tcp"), -1);
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "-i", "eth0", "--count"), 1);
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "-i", "eth0", "--trace", "2"), 1);
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "-r", "f", "-w", "o", "-C", "1"), 1);
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "-r", "f", "-Z", "nobody"), 1);
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "-r", "f", "-d", "-Z", "nobody", "-C", "1", "-w", "o"), -1);
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "--help"), 0);
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "--nosuchflag"), 1);
	ns_cli_free(&c);
	assert_int_equal(PARSE(&c, "-i"), 1); /* missing argument */
	ns_cli_free(&c);
}

static void test_expression(void **state)
{
	(void)state;
	ns_cli c;
	/* Operands are joined by blanks, wherever the flags are (GNU getopt permutes). */
	assert_int_equal(PARSE(&c, "tcp", "-n", "port", "80"), -1);
	assert_string_equal(c.expr, "tcp port 80");
	assert_int_equal(c.popts.nflag, 1);
	ns_cli_free(&c);
	/* -F: the file is the expression, '#' comments blanked; operands are ignored. */
	char path[] = "/tmp/netsift-test-options-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	const char text[] = "udp # a comment\nport 53#x";
	assert_int_equal(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
	close(fd);
	assert_int_equal(PARSE(&c, "-F", path, "tcp"), -1);
	assert_string_equal(c.expr, "udp            \nport 53  ");
	ns_cli_free(&c);
	unlink(path);
	assert_int_equal(PARSE(&c, "-F", path), 1); /* gone: can't open */
	ns_cli_free(&c);
	/* -D does not read -F's file. */
	assert_int_equal(PARSE(&c, "-D", "-F", path), -1);
	ns_cli_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),     cmocka_unit_test(test_flags),
		cmocka_unit_test(test_values),       cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_jobs),         cmocka_unit_test(test_combinations),
		cmocka_unit_test(test_expression),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
