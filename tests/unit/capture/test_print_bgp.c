/* Unit tests for print-bgp.c: the guesses tcpdump makes where BGP itself does not say
 * (2- or 4-byte AS numbers in AS_PATH, add-path identifiers in NLRI), the scan for the
 * marker, and that every cut of a message is marked and never read past (the sanitizer
 * build checks the latter).  Expected texts follow RFC 4271/6793/7911 encodings and
 * tcpdump 4.99.3's output format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capture/print.h"

/* Ethernet + IPv4 + TCP (1234 -> 179, PSH|ACK) + the given BGP bytes */
static size_t build(uint8_t *pkt, const uint8_t *bgp, size_t n)
{
	memset(pkt, 0, 14 + 20 + 20);
	pkt[12] = 0x08;
	uint8_t *ip = pkt + 14;
	ip[0] = 0x45;
	ip[2] = (uint8_t)((40 + n) >> 8);
	ip[3] = (uint8_t)(40 + n);
	ip[8] = 64;
	ip[9] = 6;
	ip[12] = 10, ip[15] = 1, ip[16] = 10, ip[19] = 2;
	uint8_t *tcp = ip + 20;
	tcp[0] = 0x04, tcp[1] = 0xd2, tcp[2] = 0x00, tcp[3] = 179;
	tcp[12] = 0x50;
	tcp[13] = 0x18;
	tcp[14] = 0x10;
	memcpy(tcp + 20, bgp, n);
	return 54 + n;
}

static char *print(const uint8_t *pkt, size_t caplen, size_t len, int vflag)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	assert_non_null(out);
	ns_print_opts o = {.nflag = 1, .vflag = vflag, .tflag = 1};
	ns_printer *pr = ns_printer_new(&o, 1 /* DLT_EN10MB */, out);
	assert_non_null(pr);
	uint8_t *copy = malloc(caplen);
	assert_non_null(copy);
	memcpy(copy, pkt, caplen);
	struct pcap_pkthdr h = {.caplen = (bpf_u_int32)caplen, .len = (bpf_u_int32)len};
	ns_printer_packet(pr, &h, copy);
	free(copy);
	ns_printer_free(pr);
	fclose(out);
	return buf;
}

/* an UPDATE: ORIGIN IGP, AS_PATH (given), NEXT_HOP 192.0.2.1, NLRI (given) */
static size_t update(uint8_t *m, const uint8_t *aspath, size_t alen, const uint8_t *nlri,
		     size_t nlen)
{
	size_t n = 0;
	memset(m, 0xff, 16);
	n = 19;
	m[n++] = 0, m[n++] = 0; /* no withdrawn routes */
	size_t attrs_at = n;
	n += 2;
	static const uint8_t origin[] = {0x40, 1, 1, 0};
	memcpy(m + n, origin, sizeof(origin));
	n += sizeof(origin);
	m[n++] = 0x40, m[n++] = 2, m[n++] = (uint8_t)alen;
	memcpy(m + n, aspath, alen);
	n += alen;
	static const uint8_t nh[] = {0x40, 3, 4, 192, 0, 2, 1};
	memcpy(m + n, nh, sizeof(nh));
	n += sizeof(nh);
	size_t attrs = n - attrs_at - 2;
	m[attrs_at] = (uint8_t)(attrs >> 8), m[attrs_at + 1] = (uint8_t)attrs;
	memcpy(m + n, nlri, nlen);
	n += nlen;
	m[16] = (uint8_t)(n >> 8), m[17] = (uint8_t)n, m[18] = 2;
	return n;
}

static const uint8_t as2[] = {2, 2, 0xfd, 0xe9, 0xfd, 0xea};             /* 65001 65002 */
static const uint8_t as4[] = {2, 2, 0, 1, 0, 0, 0, 1, 0, 1};             /* 65536 65537 */
static const uint8_t nlri_plain[] = {24, 10, 0, 0, 16, 172, 16};         /* 2 prefixes */
static const uint8_t nlri_addpath[] = {0, 0, 0, 7, 24, 10, 0, 0};        /* path id 7 */

static void test_two_byte_as_path(void **state)
{
	(void)state;
	uint8_t m[128], pkt[256];
	size_t n = build(pkt, m, update(m, as2, sizeof(as2), nlri_plain, sizeof(nlri_plain)));
	memcpy(pkt + 54, m, n - 54);
	char *s = print(pkt, n, n, 1);
	assert_non_null(strstr(s, "AS Path (2), length: 6, Flags [T]: 65001 65002 \n"));
	assert_non_null(strstr(s, "Updated routes:\n\t    10.0.0.0/24\n\t    172.16.0.0/16"));
	assert_null(strstr(s, "[|"));
	free(s);
}

static void test_four_byte_as_path_is_guessed(void **state)
{
	(void)state;
	uint8_t m[128], pkt[256];
	size_t n = build(pkt, m, update(m, as4, sizeof(as4), nlri_plain, sizeof(nlri_plain)));
	memcpy(pkt + 54, m, n - 54);
	char *s = print(pkt, n, n, 1);
	assert_non_null(strstr(s, ": 65536 65537 \n"));
	free(s);
}

static void test_add_path_is_guessed(void **state)
{
	(void)state;
	uint8_t m[128], pkt[256];
	size_t n = build(pkt, m, update(m, as2, sizeof(as2), nlri_addpath, sizeof(nlri_addpath)));
	memcpy(pkt + 54, m, n - 54);
	char *s = print(pkt, n, n, 1);
	assert_non_null(strstr(s, "10.0.0.0/24   Path Id: 7"));
	free(s);
}

static void test_quiet_without_v(void **state)
{
	(void)state;
	uint8_t m[128], pkt[256];
	size_t n = build(pkt, m, update(m, as2, sizeof(as2), nlri_plain, sizeof(nlri_plain)));
	memcpy(pkt + 54, m, n - 54);
	char *s = print(pkt, n, n, 0);
	assert_non_null(strstr(s, ": BGP\n"));
	assert_null(strstr(s, "Update"));
	free(s);
}

static void test_bytes_before_the_marker(void **state)
{
	(void)state;
	uint8_t m[160], pkt[256];
	m[0] = 0x12, m[1] = 0xff, m[2] = 0x00; /* junk, a lone 0xff included */
	size_t len = update(m + 3, as2, sizeof(as2), nlri_plain, sizeof(nlri_plain));
	size_t n = build(pkt, m, len + 3);
	char *s = print(pkt, n, n, 1);
	assert_non_null(strstr(s, ": BGP [|bgp]\n\tUpdate Message (2)"));
	free(s);
}

static void test_every_cut_is_marked(void **state)
{
	(void)state;
	uint8_t m[128], pkt[256];
	size_t n = build(pkt, m, update(m, as4, sizeof(as4), nlri_addpath, sizeof(nlri_addpath)));
	memcpy(pkt + 54, m, n - 54);
	/* from the end of the marker on: a partial message is named or marked */
	for (size_t cap = 54 + 16; cap < n; cap++) {
		for (int v = 1; v <= 2; v++) {
			char *s = print(pkt, cap, n, v);
			assert_true(strstr(s, "[|") != NULL);
			free(s);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_byte_as_path),
		cmocka_unit_test(test_four_byte_as_path_is_guessed),
		cmocka_unit_test(test_add_path_is_guessed),
		cmocka_unit_test(test_quiet_without_v),
		cmocka_unit_test(test_bytes_before_the_marker),
		cmocka_unit_test(test_every_cut_is_marked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
