/* Unit tests for print-isakmp.c: the initiator/responder guess tcpdump makes from a cache of
 * initiator cookies kept across packets (the first packet of an exchange has a zero
 * responder cookie and records its sender as the initiator), and the NAT-T port 4500
 * forms of RFC 3948.  The expected texts are tcpdump 4.99.3's formats. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capture/print.h"

/* Ethernet + IPv4 (10.0.0.SRC -> 10.0.0.DST) + UDP (SPORT -> DPORT) + payload */
static size_t build(uint8_t *pkt, int src, int dst, unsigned sport, unsigned dport,
		    const uint8_t *pl, size_t n)
{
	memset(pkt, 0, 42);
	pkt[12] = 0x08;
	uint8_t *ip = pkt + 14;
	ip[0] = 0x45;
	ip[2] = (uint8_t)((28 + n) >> 8), ip[3] = (uint8_t)(28 + n);
	ip[8] = 64, ip[9] = 17;
	ip[12] = 10, ip[15] = (uint8_t)src, ip[16] = 10, ip[19] = (uint8_t)dst;
	uint8_t *u = ip + 20;
	u[0] = (uint8_t)(sport >> 8), u[1] = (uint8_t)sport;
	u[2] = (uint8_t)(dport >> 8), u[3] = (uint8_t)dport;
	u[4] = (uint8_t)((8 + n) >> 8), u[5] = (uint8_t)(8 + n);
	memcpy(u + 8, pl, n);
	return 42 + n;
}

/* an IKEv1 identity-protection header with no payloads */
static void ike_hdr(uint8_t *h, uint8_t icookie, uint8_t rcookie)
{
	memset(h, 0, 28);
	memset(h, icookie, 8);
	memset(h + 8, rcookie, 8);
	h[17] = 0x10; /* version 1.0 */
	h[18] = 2;    /* ident */
	h[27] = 28;
}

static char *print_all(const uint8_t *const *pkts, const size_t *lens, int n, int vflag)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	assert_non_null(out);
	ns_print_opts o = {.nflag = 1, .vflag = vflag, .tflag = 1};
	ns_printer *pr = ns_printer_new(&o, 1 /* DLT_EN10MB */, out);
	assert_non_null(pr);
	for (int i = 0; i < n; i++) {
		uint8_t *copy = malloc(lens[i]);
		assert_non_null(copy);
		memcpy(copy, pkts[i], lens[i]);
		struct pcap_pkthdr h = {.caplen = (bpf_u_int32)lens[i], .len = (bpf_u_int32)lens[i]};
		ns_printer_packet(pr, &h, copy);
		free(copy);
	}
	ns_printer_free(pr);
	fclose(out);
	return buf;
}

static void test_initiator_and_responder(void **state)
{
	(void)state;
	uint8_t h1[28], h2[28], h3[28], p1[128], p2[128], p3[128];
	ike_hdr(h1, 0x11, 0x00); /* first packet: from 10.0.0.1, responder cookie zero */
	ike_hdr(h2, 0x11, 0x22); /* the answer: from 10.0.0.2 */
	ike_hdr(h3, 0x11, 0x22); /* same exchange from an unrelated host */
	const uint8_t *pk[] = {p1, p2, p3};
	size_t ln[] = {build(p1, 1, 2, 500, 500, h1, 28), build(p2, 2, 1, 500, 500, h2, 28),
		       build(p3, 9, 1, 500, 500, h3, 28)};
	char *s = print_all(pk, ln, 3, 0);
	const char *a = strstr(s, "isakmp: phase 1 I ident\n");
	assert_non_null(a);
	const char *b = strstr(a + 1, "isakmp: phase 1 R ident\n");
	assert_non_null(b);
	assert_non_null(strstr(b + 1, "isakmp: phase 1 ? ident\n"));
	free(s);
}

static void test_unknown_exchange_without_first_packet(void **state)
{
	(void)state;
	uint8_t h[28], p[128];
	ike_hdr(h, 0x33, 0x44); /* never saw the first packet */
	const uint8_t *pk[] = {p};
	size_t ln[] = {build(p, 1, 2, 500, 500, h, 28)};
	char *s = print_all(pk, ln, 1, 1);
	assert_non_null(strstr(s, "isakmp 1.0 msgid 00000000: phase 1 ? ident:"));
	free(s);
}

static void test_nat_traversal_forms(void **state)
{
	(void)state;
	static const uint8_t keepalive[] = {0xff};
	static const uint8_t esp[] = {0, 0, 0x12, 0x34, 0, 0, 0, 7, 0xaa, 0xbb, 0xcc, 0xdd};
	uint8_t h[32], p1[128], p2[128], p3[128];
	memset(h, 0, 4); /* the non-ESP marker */
	ike_hdr(h + 4, 0x55, 0x00);
	const uint8_t *pk[] = {p1, p2, p3};
	size_t ln[] = {build(p1, 1, 2, 4500, 4500, keepalive, 1),
		       build(p2, 1, 2, 4500, 4500, esp, sizeof(esp)),
		       build(p3, 1, 2, 4500, 4500, h, 32)};
	char *s = print_all(pk, ln, 3, 0);
	assert_non_null(strstr(s, ": isakmp-nat-keep-alive\n"));
	assert_non_null(strstr(s, ": UDP-encap: ESP(spi=0x00001234,seq=0x7), length 12\n"));
	assert_non_null(strstr(s, ": NONESP-encap: isakmp: phase 1 I ident\n"));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initiator_and_responder),
		cmocka_unit_test(test_unknown_exchange_without_first_packet),
		cmocka_unit_test(test_nat_traversal_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
