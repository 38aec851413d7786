/* Unit tests for print-gre.c: the header walk against the GRE length and the capture.
 * Properties from RFC 2784/2890 and tcpdump's output contract: a complete packet decodes
 * to its inner datagram; every shorter capture ends in a truncation marker and never reads
 * past the captured bytes (the sanitizer build checks the latter). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capture/print.h"

/* Ethernet + IPv4 (proto 47) + the given GRE bytes. */
static size_t build(uint8_t *pkt, const uint8_t *gre, size_t n)
{
	memset(pkt, 0, 14 + 20);
	pkt[12] = 0x08;
	uint8_t *ip = pkt + 14;
	ip[0] = 0x45;
	ip[2] = (uint8_t)((20 + n) >> 8);
	ip[3] = (uint8_t)(20 + n);
	ip[8] = 64;
	ip[9] = 47;
	ip[12] = 10, ip[15] = 1, ip[16] = 10, ip[19] = 2;
	memcpy(ip + 20, gre, n);
	return 14 + 20 + n;
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
	/* a copy of exactly caplen bytes, so the sanitizer sees any read past it */
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

/* checksum + key + sequence, then an IPv4/UDP datagram */
static const uint8_t gre_full[] = {
	0xb0, 0x00, 0x08, 0x00, 0x12, 0x34, 0x00, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x00,
	0x00, 0x07,
	0x45, 0x00, 0x00, 0x1c, 0x00, 0x01, 0x00, 0x00, 0x40, 0x11, 0x00, 0x00, 0xc0, 0xa8,
	0x01, 0x01, 0xc0, 0xa8, 0x01, 0x02,
	0x04, 0xd2, 0x16, 0x2e, 0x00, 0x08, 0x00, 0x00,
};

static void test_complete_packet(void **state)
{
	(void)state;
	uint8_t pkt[128];
	size_t n = build(pkt, gre_full, sizeof(gre_full));
	char *s = print(pkt, n, n, 1);
	assert_non_null(strstr(s, "GREv0, Flags [checksum present, key present, sequence# present]"));
	assert_non_null(strstr(s, "sum 0x1234, off 0x0, key=0xdeadbeef, seq 7, length 44"));
	assert_non_null(strstr(s, "192.168.1.1.1234 > 192.168.1.2.5678: "));
	assert_null(strstr(s, "[|"));
	free(s);
}

static void test_every_truncation_is_marked(void **state)
{
	(void)state;
	uint8_t pkt[128];
	size_t n = build(pkt, gre_full, sizeof(gre_full));
	for (size_t cap = 34; cap < n; cap++) {
		for (int v = 0; v <= 2; v++) {
			char *s = print(pkt, cap, n, v);
			assert_non_null(strstr(s, "[|"));
			free(s);
		}
	}
}

static void test_length_shorter_than_fields(void **state)
{
	(void)state;
	/* key and sequence flags set, but the GRE length leaves room for neither */
	static const uint8_t gre[] = {0x30, 0x00, 0x08, 0x00, 0x00, 0x00};
	uint8_t pkt[64];
	size_t n = build(pkt, gre, sizeof(gre));
	char *s = print(pkt, n, n, 1);
	assert_non_null(strstr(s, "GREv0, Flags [key present, sequence# present] [|gre]"));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_complete_packet),
		cmocka_unit_test(test_every_truncation_is_marked),
		cmocka_unit_test(test_length_shorter_than_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
