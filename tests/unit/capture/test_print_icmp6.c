/* Unit tests for capture/print-icmp6.c through the public printer API: neighbor discovery
 * options, an option of length 0 (RFC 4861 4.6: invalid, the packet ends in [|icmp6]),
 * the checksum verdicts, MLDv1, and the port unreachable error that names the quoted
 * packet's destination port.
 *
 * The packets were built by hand from the RFCs' layouts; the expected lines are what
 * tcpdump 4.99.3 prints for them (`tcpdump -t -n [-v] -r` on a capture of these bytes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capture/netprint.h"

/* fe80::1 > ff02::1, neighbor solicitation for fe80::2 with a source link-layer option */
static const char ns_hex[] =
	"6000000000203afffe800000000000000000000000000001ff020000000000000000000000000001"
	"8700150200000000fe8000000000000000000000000000020101001122334455";
/* the same with its checksum damaged */
static const char ns_bad_hex[] =
	"6000000000203afffe800000000000000000000000000001ff020000000000000000000000000001"
	"8700050200000000fe8000000000000000000000000000020101001122334455";
/* router advertisement: an MTU option, then an option of length 0 */
static const char ra_hex[] =
	"6000000000203afffe800000000000000000000000000001ff020000000000000000000000000001"
	"8600228840c0001e000003e8000007d005010000000005000300000000000000";
/* MLDv1 report for ff02::fb */
static const char mld_hex[] =
	"6000000000183afffe800000000000000000000000000001ff020000000000000000000000000001"
	"83007f2900000000ff0200000000000000000000000000fb";
/* port unreachable quoting a UDP datagram to port 53 */
static const char unreach_hex[] =
	"6000000000383afffe800000000000000000000000000001ff020000000000000000000000000001"
	"01047e320000000060000000000811fffe800000000000000000000000000002fe80000000000000"
	"00000000000000011388003500080000";

/* Prints one packet (DLT_RAW) from its hex; returns the output (caller frees). */
static char *print_hex(const char *hex, int vflag)
{
	uint8_t pkt[256];
	size_t n = strlen(hex) / 2;
	assert_true(n <= sizeof(pkt));
	for (size_t i = 0; i < n; i++) {
		unsigned b;
		assert_int_equal(sscanf(hex + 2 * i, "%2x", &b), 1);
		pkt[i] = (uint8_t)b;
	}
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
	h.caplen = h.len = (bpf_u_int32)n;
	ns_printer_packet(pr, &h, pkt);
	ns_printer_free(pr);
	fclose(out);
	return buf;
}

#define V_HDR(len) "IP6 (hlim 255, next-header ICMPv6 (58) payload length: " len ") fe80::1 > ff02::1: "

static void check(const char *hex, int vflag, const char *want)
{
	char *got = print_hex(hex, vflag);
	assert_string_equal(got, want);
	free(got);
}

static void neighbor_solicitation(void **state)
{
	(void)state;
	check(ns_hex, 0,
	      "IP6 fe80::1 > ff02::1: ICMP6, neighbor solicitation, who has fe80::2, length 32\n");
	check(ns_hex, 1,
	      V_HDR("32") "[icmp6 sum ok] ICMP6, neighbor solicitation, length 32, who has fe80::2\n"
			  "\t  source link-address option (1), length 8 (1): 00:11:22:33:44:55\n");
}

static void bad_checksum(void **state)
{
	(void)state;
	check(ns_bad_hex, 1,
	      V_HDR("32") "[bad icmp6 cksum 0x0502 -> 0x1502!] ICMP6, neighbor solicitation, "
			  "length 32, who has fe80::2\n"
			  "\t  source link-address option (1), length 8 (1): 00:11:22:33:44:55\n");
}

static void zero_length_option(void **state)
{
	(void)state;
	check(ra_hex, 0, "IP6 fe80::1 > ff02::1: ICMP6, router advertisement, length 32\n");
	check(ra_hex, 1,
	      V_HDR("32") "[icmp6 sum ok] ICMP6, router advertisement, length 32\n"
			  "\thop limit 64, Flags [managed, other stateful], pref medium, router "
			  "lifetime 30s, reachable time 1000ms, retrans timer 2000ms\n"
			  "\t  mtu option (5), length 8 (1):  1280 [|icmp6]\n");
}

/* tcpdump prints MLDv1 fields right after the name, without a separator */
static void mld_report(void **state)
{
	(void)state;
	check(mld_hex, 0,
	      "IP6 fe80::1 > ff02::1: ICMP6, multicast listener reportmax resp delay: 0 addr: "
	      "ff02::fb, length 24\n");
}

static void port_unreachable(void **state)
{
	(void)state;
	check(unreach_hex, 0,
	      "IP6 fe80::1 > ff02::1: ICMP6, destination unreachable, unreachable port, fe80::1 "
	      "udp port 53, length 56\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(neighbor_solicitation), cmocka_unit_test(bad_checksum),
		cmocka_unit_test(zero_length_option),	  cmocka_unit_test(mld_report),
		cmocka_unit_test(port_unreachable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
