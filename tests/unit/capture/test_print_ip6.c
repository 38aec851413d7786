/* Unit tests for the IPv6 printers: the pseudo-header destination behind a routing header
 * (RFC 8200 8.1: the final destination; RFC 8754: segment 0 of an SRH), and whole packets
 * through the public printer API for the Jumbo Payload rules (RFC 2675), the fragment
 * header and the hop-by-hop placement rule (RFC 8200 4.1).
 *
 * Expected lines are tcpdump 4.99.3's output for the same bytes (checked with
 * `tcpdump -t -n -v -r` on a capture of them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capture/netprint.h"

/* An IPv6 header from 2001:db8::1 to 2001:db8::2. */
static size_t ip6_header(uint8_t *p, unsigned plen, unsigned nh)
{
	memset(p, 0, 40);
	p[0] = 0x60;
	p[4] = (uint8_t)(plen >> 8);
	p[5] = (uint8_t)plen;
	p[6] = (uint8_t)nh;
	p[7] = 64;
	p[8] = 0x20, p[9] = 0x01, p[10] = 0x0d, p[11] = 0xb8, p[23] = 1;
	p[24] = 0x20, p[25] = 0x01, p[26] = 0x0d, p[27] = 0xb8, p[39] = 2;
	return 40;
}

static void final_dst_plain(void **state)
{
	(void)state;
	uint8_t pkt[48] = {0};
	ip6_header(pkt, 8, 17);
	assert_ptr_equal(np_ip6_final_dst(pkt, pkt + 40), pkt + 24);
}

/* Type 0 routing header with two addresses: the last one is the final destination. */
static void final_dst_type0(void **state)
{
	(void)state;
	uint8_t pkt[40 + 8 + 32 + 8] = {0};
	ip6_header(pkt, 48, 43);
	uint8_t *rh = pkt + 40;
	memset(rh, 0, 40);
	rh[0] = 17, rh[1] = 4, rh[2] = 0, rh[3] = 2;
	rh[8] = 0xaa;
	rh[24] = 0xbb;
	assert_ptr_equal(np_ip6_final_dst(pkt, pkt + 80), rh + 24);
	/* the walk never reads at or past `end`: a cut header keeps the IPv6 destination */
	assert_ptr_equal(np_ip6_final_dst(pkt, pkt + 70), rh + 8);
	assert_ptr_equal(np_ip6_final_dst(pkt, pkt + 42), pkt + 24);
}

/* Hop-by-hop, then an SRH: segment 0 is the final destination. */
static void final_dst_srh_after_hbh(void **state)
{
	(void)state;
	uint8_t pkt[40 + 8 + 40 + 8] = {0};
	ip6_header(pkt, 56, 0);
	uint8_t *hbh = pkt + 40, *srh = pkt + 48;
	memset(hbh, 0, 48);
	hbh[0] = 43, hbh[1] = 0, hbh[2] = 1, hbh[3] = 4; /* PadN */
	srh[0] = 17, srh[1] = 4, srh[2] = 4, srh[3] = 1, srh[4] = 1;
	srh[8] = 0xcc;
	assert_ptr_equal(np_ip6_final_dst(pkt, pkt + 88), srh + 8);
}

/* Prints one packet with the given flags; returns the line (caller frees). */
static char *print_one(const uint8_t *pkt, unsigned caplen, unsigned len, int vflag)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	ns_print_opts o;
	memset(&o, 0, sizeof(o));
	o.nflag = 1;
	o.tflag = 1;
	o.vflag = vflag;
	ns_printer *pr = ns_printer_new(&o, 12 /* DLT_RAW */, out);
	struct pcap_pkthdr h;
	memset(&h, 0, sizeof(h));
	h.caplen = caplen;
	h.len = len;
	ns_printer_packet(pr, &h, pkt);
	ns_printer_free(pr);
	fclose(out);
	return buf;
}

/* A zero payload length without a Jumbo Payload option is invalid. */
static void zero_length_needs_jumbo(void **state)
{
	(void)state;
	uint8_t pkt[40 + 8 + 8];
	ip6_header(pkt, 0, 0);
	memset(pkt + 40, 0, 16);
	pkt[40] = 59;               /* no next header */
	pkt[42] = 1, pkt[43] = 4;   /* PadN */
	char *line = print_one(pkt, sizeof(pkt), sizeof(pkt), 0);
	assert_string_equal(line, "IP6 2001:db8::1 > 2001:db8::2: HBH [No valid Jumbo Payload "
				  "Hop-by-Hop option found] (invalid)\n");
	free(line);
}

/* A jumbo option under 65536 is reported and not honoured. */
static void jumbo_too_small(void **state)
{
	(void)state;
	uint8_t pkt[40 + 8];
	ip6_header(pkt, 0, 0);
	uint8_t *h = pkt + 40;
	h[0] = 59, h[1] = 0, h[2] = 0xc2, h[3] = 4;
	h[4] = 0, h[5] = 0, h[6] = 0x10, h[7] = 0; /* 4096 */
	char *line = print_one(pkt, sizeof(pkt), sizeof(pkt), 1);
	assert_string_equal(line, "IP6 (hlim 64, next-header Options (0) payload length: 0) "
				  "2001:db8::1 > 2001:db8::2: HBH (jumbo: 4096 - < 65536)  "
				  "[No valid Jumbo Payload Hop-by-Hop option found] (invalid)\n");
	free(line);
}

/* A non-first fragment prints its offset and stops; -v adds the identification. */
static void fragment(void **state)
{
	(void)state;
	uint8_t pkt[40 + 8 + 16];
	ip6_header(pkt, 24, 44);
	uint8_t *f = pkt + 40;
	memset(f, 0, 24);
	f[0] = 17, f[2] = 0x05, f[3] = 0x00; /* offset 1280 */
	f[4] = 0xde, f[5] = 0xad, f[6] = 0xbe, f[7] = 0xef;
	char *line = print_one(pkt, sizeof(pkt), sizeof(pkt), 0);
	assert_string_equal(line, "IP6 2001:db8::1 > 2001:db8::2: frag (1280|16)\n");
	free(line);
	line = print_one(pkt, sizeof(pkt), sizeof(pkt), 1);
	assert_string_equal(line, "IP6 (hlim 64, next-header Fragment (44) payload length: 24) "
				  "2001:db8::1 > 2001:db8::2: frag (0xdeadbeef:1280|16)\n");
	free(line);
}

/* A header cut by the capture ends in " [|ip6]" before anything is printed. */
static void truncated_header(void **state)
{
	(void)state;
	uint8_t pkt[40];
	ip6_header(pkt, 0, 59);
	char *line = print_one(pkt, 39, 40, 0);
	assert_string_equal(line, " [|ip6]\n");
	free(line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(final_dst_plain),
		cmocka_unit_test(final_dst_type0),
		cmocka_unit_test(final_dst_srh_after_hbh),
		cmocka_unit_test(zero_length_needs_jumbo),
		cmocka_unit_test(jumbo_too_small),
		cmocka_unit_test(fragment),
		cmocka_unit_test(truncated_header),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
