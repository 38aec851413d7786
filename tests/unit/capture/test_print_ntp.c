/* Unit tests for print-ntp.c: the time-stamp arithmetic, checked against values that follow
 * from RFC 5905 alone (era 0 starts 1900-01-01; 2208988800 s later is the Unix epoch; a
 * fraction of 2^31 is half a second), and the delta sign rules. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capture/print.h"

/* Prints one Ethernet/IPv4/UDP/NTP packet with -v and returns the output (caller frees). */
static char *print_ntp(const uint8_t *ntp, size_t n)
{
	uint8_t pkt[256] = {0};
	size_t len = 14 + 20 + 8 + n;
	pkt[12] = 0x08;                         /* IPv4 */
	uint8_t *ip = pkt + 14;
	ip[0] = 0x45;
	ip[2] = (uint8_t)((20 + 8 + n) >> 8);
	ip[3] = (uint8_t)(20 + 8 + n);
	ip[8] = 64;
	ip[9] = 17;                             /* UDP */
	ip[12] = 10, ip[15] = 1, ip[16] = 10, ip[19] = 2;
	uint8_t *udp = ip + 20;
	udp[0] = 0x1f, udp[1] = 0x90;           /* 8080 */
	udp[2] = 0, udp[3] = 123;
	udp[4] = (uint8_t)((8 + n) >> 8);
	udp[5] = (uint8_t)(8 + n);
	memcpy(udp + 8, ntp, n);

	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	assert_non_null(out);
	ns_print_opts o = {.nflag = 1, .vflag = 1, .tflag = 1};
	ns_printer *pr = ns_printer_new(&o, 1 /* DLT_EN10MB */, out);
	assert_non_null(pr);
	struct pcap_pkthdr h = {.caplen = (bpf_u_int32)len, .len = (bpf_u_int32)len};
	ns_printer_packet(pr, &h, pkt);
	ns_printer_free(pr);
	fclose(out);
	return buf;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void test_unix_epoch_and_half_second(void **state)
{
	(void)state;
	uint8_t m[48] = {0x23}; /* NTPv4 client */
	put32(m + 40, 2208988800u);
	put32(m + 44, 0x80000000u);
	char *s = print_ntp(m, sizeof(m));
	assert_non_null(strstr(s, "Transmit Timestamp:   2208988800.500000000 (1970-01-01T00:00:00Z)"));
	/* a zero originator prints the other time stamp whole */
	assert_non_null(strstr(s, "Originator - Transmit Timestamp: 2208988800.500000000"));
	free(s);
}

static void test_delta_borrows_and_signs(void **state)
{
	(void)state;
	uint8_t m[48] = {0x24}; /* NTPv4 server */
	put32(m + 24, 100), put32(m + 28, 0xc0000000u); /* originator 100.75 */
	put32(m + 32, 102), put32(m + 36, 0x40000000u); /* receive 102.25: +1.5 */
	put32(m + 40, 99), put32(m + 44, 0x40000000u);  /* transmit 99.25: -1.5 */
	char *s = print_ntp(m, sizeof(m));
	assert_non_null(strstr(s, "Originator - Receive Timestamp:  +1.500000000"));
	assert_non_null(strstr(s, "Originator - Transmit Timestamp: -1.500000000"));
	free(s);
}

static void test_short_message_is_invalid(void **state)
{
	(void)state;
	uint8_t m[20] = {0x23};
	char *s = print_ntp(m, sizeof(m));
	assert_non_null(strstr(s, "NTPv4, Client, length 20"));
	assert_non_null(strstr(s, " (invalid)"));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unix_epoch_and_half_second),
		cmocka_unit_test(test_delta_borrows_and_signs),
		cmocka_unit_test(test_short_message_is_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
