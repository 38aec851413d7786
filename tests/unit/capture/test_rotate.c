/* capture/rotate.c: file names as tcpdump's man page and MakeFilename() give them, rotation by
 * size with and without -W, and a full disk reported as an error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "capture/rotate.h"

static void test_digits(void **state)
{
	(void)state;
	/* -W N numbers files 0..N-1 with as many digits as N-1 has. */
	assert_int_equal(ns_rotate_digits(1), 0);
	assert_int_equal(ns_rotate_digits(2), 1);
	assert_int_equal(ns_rotate_digits(10), 1);
	assert_int_equal(ns_rotate_digits(11), 2);
	assert_int_equal(ns_rotate_digits(100), 2);
	assert_int_equal(ns_rotate_digits(101), 3);
}

static void test_names(void **state)
{
	(void)state;
	char b[256];
	assert_int_equal(ns_rotate_filename(b, sizeof(b), "out", 0, 0, 0, 0), 0);
	assert_string_equal(b, "out"); /* -C without -W: the first file keeps the -w name */
	assert_int_equal(ns_rotate_filename(b, sizeof(b), "out", 0, 0, 7, 0), 0);
	assert_string_equal(b, "out7");
	assert_int_equal(ns_rotate_filename(b, sizeof(b), "out", 0, 0, 0, 1), 0);
	assert_string_equal(b, "out0"); /* -W numbers the first file too */
	assert_int_equal(ns_rotate_filename(b, sizeof(b), "out", 0, 0, 3, 2), 0);
	assert_string_equal(b, "out03");
	/* -G: strftime of the -w name, at local time. 2026-11-23 03:40:05 UTC. */
	setenv("TZ", "UTC", 1);
	tzset();
	time_t t = 1795405205;
	assert_int_equal(ns_rotate_filename(b, sizeof(b), "x-%Y%m%d-%H%M%S.pcap", 1, t, 0, 0), 0);
	assert_string_equal(b, "x-20261123-034005.pcap");
	assert_int_equal(ns_rotate_filename(b, sizeof(b), "x-%s", 1, t, 2, 1), 0);
	assert_string_equal(b, "x-17954052052");
	/* A % without -G is just a character. */
	assert_int_equal(ns_rotate_filename(b, sizeof(b), "a%Yb", 0, t, 0, 0), 0);
	assert_string_equal(b, "a%Yb");
	assert_int_equal(ns_rotate_filename(b, sizeof(b), "", 0, 0, 0, 0), -1);
	assert_int_equal(ns_rotate_filename(b, 4, "outfile", 0, 0, 0, 0), -1);
}

static char dir[] = "/tmp/test_rotate.XXXXXX";

static int count_records(const char *path)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline(path, ebuf);
	if (!p)
		return -1;
	struct pcap_pkthdr *h;
	const u_char *d;
	int n = 0;
	while (pcap_next_ex(p, &h, &d) == 1)
		n++;
	pcap_close(p);
	return n;
}

static void write_packets(ns_rotate *r, int n, size_t size)
{
	static uint8_t pkt[2000];
	char err[256];
	for (int i = 0; i < n; i++) {
		struct pcap_pkthdr h = {{i, 0}, (bpf_u_int32)size, (bpf_u_int32)size};
		pkt[0] = (uint8_t)i;
		assert_int_equal(ns_rotate_write(r, &h, pkt, err, sizeof(err)), 0);
	}
}

static void test_size_rotation(void **state)
{
	(void)state;
	assert_non_null(mkdtemp(dir));
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
	char name[300], err[256];
	snprintf(name, sizeof(name), "%s/out", dir);
	/* 1000-byte packets (1016 bytes with their record header), files rotated past 3000 bytes:
	 * the check comes before each write, so a file holds 3 packets (24 + 3 * 1016 > 3000). */
	ns_rotate_opts o = {name, 3000, 0, 0, 0};
	ns_rotate *r = ns_rotate_open(dead, &o, err, sizeof(err));
	assert_non_null(r);
	write_packets(r, 10, 1000);
	assert_int_equal(ns_rotate_close(r, err, sizeof(err)), 0);
	char path[400];
	static const int want[] = {3, 3, 3, 1};
	static const char *const names[] = {"out", "out1", "out2", "out3"};
	for (int i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		assert_int_equal(count_records(path), want[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/out4", dir);
	assert_int_equal(access(path, F_OK), -1);

	/* -W 2: out0, out1, then out0 again (overwritten). */
	ns_rotate_opts w = {name, 3000, 0, 2, 1};
	r = ns_rotate_open(dead, &w, err, sizeof(err));
	assert_non_null(r);
	write_packets(r, 7, 1000);
	assert_string_equal(ns_rotate_current(r) + strlen(dir) + 1, "out0");
	assert_int_equal(ns_rotate_close(r, err, sizeof(err)), 0);
	snprintf(path, sizeof(path), "%s/out0", dir);
	assert_int_equal(count_records(path), 1);
	unlink(path);
	snprintf(path, sizeof(path), "%s/out1", dir);
	assert_int_equal(count_records(path), 3);
	unlink(path);
	pcap_close(dead);
	rmdir(dir);
}

static void test_full_disk(void **state)
{
	(void)state;
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
	char err[256] = "";
	/* Buffered: the error shows at the latest when the file is closed. */
	ns_rotate_opts o = {"/dev/full", 0, 0, 0, 0};
	ns_rotate *r = ns_rotate_open(dead, &o, err, sizeof(err));
	assert_non_null(r);
	static uint8_t pkt[100];
	struct pcap_pkthdr h = {{0, 0}, 100, 100};
	int rc = 0;
	for (int i = 0; i < 200 && rc == 0; i++)
		rc = ns_rotate_write(r, &h, pkt, err, sizeof(err));
	int crc = ns_rotate_close(r, err, sizeof(err));
	assert_true(rc == -1 || crc == -1);
	assert_non_null(strstr(err, "No space left on device"));
	/* -U: at the first packet (the header already, on open). */
	ns_rotate_opts u = {"/dev/full", 0, 0, 0, 1};
	assert_null(ns_rotate_open(dead, &u, err, sizeof(err)));
	assert_non_null(strstr(err, "No space left on device"));
	pcap_close(dead);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_size_rotation),
		cmocka_unit_test(test_full_disk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
