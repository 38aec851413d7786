/* Unit tests for the printer infrastructure (capture/print*.c): the bounds-checked
 * accessors and their one truncation exit, address formatting, time stamps in every -t
 * form, -# numbering, record sanity checks, and the dump layouts.
 *
 * Expected strings come from tcpdump 4.99.3's output for the same values (the time stamps
 * of tcp-handshake-nano.pcap, the dumps of sample.pcap) or from the RFCs (IPv6 text form),
 * never from netsift. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <arpa/inet.h>

#include "capture/netprint.h"

/* ---- accessors ---------------------------------------------------------------------- */

static np_ctx *new_ctx(const uint8_t *pkt, size_t len, FILE *out)
{
	np_ctx *c = calloc(1, sizeof(*c));
	c->packet = pkt;
	c->snapend = pkt + len;
	c->out = out;
	c->proto = "test";
	c->o.nflag = 1;
	return c;
}

static void test_accessors_read_big_and_little_endian(void **state)
{
	(void)state;
	static const uint8_t pkt[] = {0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0};
	np_ctx *c = new_ctx(pkt, sizeof(pkt), stdout);
	if (setjmp(c->trunc) == 0) {
		assert_int_equal(np_u8(c, pkt + 7), 0xf0);
		assert_int_equal(np_be16(c, pkt), 0x1234);
		assert_int_equal(np_be24(c, pkt + 1), 0x3456 << 8 | 0x78);
		assert_int_equal(np_be32(c, pkt), 0x12345678u);
		assert_true(np_be64(c, pkt) == 0x123456789abcdef0ull);
		assert_int_equal(np_le16(c, pkt), 0x3412);
		assert_int_equal(np_le32(c, pkt + 4), 0xf0debc9au);
		assert_true(np_has(c, pkt, 8));
		assert_false(np_has(c, pkt, 9));
		assert_false(np_has(c, pkt + 8, 1));
		assert_true(np_has(c, pkt + 8, 0));
		assert_int_equal(np_avail(c, pkt + 3), 5);
		assert_int_equal(np_avail(c, pkt + 8), 0);
	} else {
		fail_msg("an in-bounds read took the truncation exit");
	}
	free(c);
}

/* 1 if reading `width` bytes at pkt+off took the truncation exit. */
static int read_jumps(uint8_t *pkt, size_t caplen, size_t off, size_t width)
{
	np_ctx *c = new_ctx(pkt, caplen, stdout);
	volatile int jumped = 0;
	if (setjmp(c->trunc) == 0) {
		switch (width) {
		case 1: (void)np_u8(c, pkt + off); break;
		case 2: (void)np_be16(c, pkt + off); break;
		case 3: (void)np_be24(c, pkt + off); break;
		case 4: (void)np_be32(c, pkt + off); break;
		default: (void)np_be64(c, pkt + off); break;
		}
	} else {
		jumped = 1;
	}
	free(c);
	return jumped;
}

/* Reads at every offset and width: exactly the ones past the end must jump. */
static void test_accessors_jump_exactly_past_the_end(void **state)
{
	(void)state;
	static uint8_t pkt[16];
	static const size_t widths[] = {1, 2, 3, 4, 8};
	for (size_t caplen = 0; caplen <= sizeof(pkt); caplen++)
		for (size_t off = 0; off <= sizeof(pkt); off++)
			for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++)
				assert_int_equal(read_jumps(pkt, caplen, off, widths[w]),
						 off + widths[w] > caplen);
}

static void test_narrow_only_shortens(void **state)
{
	(void)state;
	uint8_t pkt[20] = {0};
	np_ctx *c = new_ctx(pkt, 10, stdout);
	const uint8_t *old = np_narrow(c, pkt + 2, 4);
	assert_ptr_equal(old, pkt + 10);
	assert_ptr_equal(c->snapend, pkt + 6);
	np_restore_snapend(c, old);
	/* a longer length never extends past the capture */
	np_narrow(c, pkt + 2, 100);
	assert_ptr_equal(c->snapend, pkt + 10);
	free(c);
}

/* ---- addresses ----------------------------------------------------------------------- */

static void check_ipv6(const char *text)
{
	struct {
		uint8_t a[16];
	} addr;
	/* parse with the C library, format with ours: RFC 5952 text round trip for these */
	assert_int_equal(inet_pton(AF_INET6, text, addr.a), 1);
	char buf[NP_ADDRSTRLEN];
	assert_string_equal(np_fmt_ipv6(buf, addr.a), text);
}

static void test_ipv6_formatting(void **state)
{
	(void)state;
	check_ipv6("::");
	check_ipv6("::1");
	check_ipv6("fe80::1");
	check_ipv6("fe80::");
	check_ipv6("ff02::1:ff76:6c14");
	check_ipv6("2001:db8::1:0:0:1");     /* the first of two equal runs is compressed */
	check_ipv6("2001:db8:0:1:1:1:1:1");  /* a single zero word stays */
	check_ipv6("2200::240:2:0:0:4");     /* from tcpdump's ipv6-routing-header output */
	check_ipv6("::ffff:192.0.2.1");      /* IPv4-mapped */
	check_ipv6("::192.0.2.1");           /* IPv4-compatible */
	check_ipv6("1:2:3:4:5:6:7:8");
}

static void test_ipv4_and_mac_formatting(void **state)
{
	(void)state;
	static const uint8_t ip[] = {192, 168, 0, 255};
	static const uint8_t mac[] = {0x00, 0x1f, 0x29, 0xda, 0x2d, 0x79};
	char buf[NP_ADDRSTRLEN];
	assert_string_equal(np_fmt_ipv4(buf, ip), "192.168.0.255");
	assert_string_equal(np_fmt_mac(buf, mac), "00:1f:29:da:2d:79");
}

/* ---- whole packets through the public API -------------------------------------------- */

/* Prints packets (Ethernet frames of an unknown type) with opts; returns the output. */
static char *print_packets(const ns_print_opts *opts, int linktype, const struct pcap_pkthdr *hs,
			   const uint8_t *const *datas, size_t n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ns_printer *pr = ns_printer_new(opts, linktype, f);
	for (size_t i = 0; i < n; i++)
		ns_printer_packet(pr, &hs[i], datas[i]);
	ns_printer_free(pr);
	fclose(f);
	return buf;
}

/* Three packets with the time stamps of tcp-handshake-nano.pcap (read in microseconds). */
static char *print_times(int tflag, int nano)
{
	static const uint8_t frame[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x12, 0x34};
	struct pcap_pkthdr hs[3];
	memset(hs, 0, sizeof(hs));
	hs[0].ts.tv_sec = 1418145369, hs[0].ts.tv_usec = nano ? 924505488 : 924505;
	hs[1].ts.tv_sec = 1418145370, hs[1].ts.tv_usec = nano ? 52027262 : 52027;
	hs[2].ts.tv_sec = 1418145370, hs[2].ts.tv_usec = nano ? 52115000 : 52115;
	for (int i = 0; i < 3; i++)
		hs[i].caplen = hs[i].len = sizeof(frame);
	const uint8_t *datas[3] = {frame, frame, frame};
	ns_print_opts o;
	memset(&o, 0, sizeof(o));
	o.nflag = 1;
	o.qflag = 1;
	o.tflag = tflag;
	o.nano = nano;
	return print_packets(&o, DLT_EN10MB, hs, datas, 3);
}

/* The first line's time stamp part (up to the MAC address). */
static void expect_first_stamp(int tflag, int nano, const char *want)
{
	char *out = print_times(tflag, nano);
	assert_true(strncmp(out, want, strlen(want)) == 0);
	assert_true(strncmp(out + strlen(want), "07:08:09", 8) == 0);
	free(out);
}

static void test_timestamps_every_t_form(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	expect_first_stamp(0, 0, "17:16:09.924505 ");
	expect_first_stamp(1, 0, "");
	expect_first_stamp(2, 0, "1418145369.924505 ");
	expect_first_stamp(3, 0, " 00:00:00.000000 ");
	expect_first_stamp(4, 0, "2014-12-09 17:16:09.924505 ");
	expect_first_stamp(5, 0, " 00:00:00.000000 ");
	expect_first_stamp(0, 1, "17:16:09.924505488 ");
	expect_first_stamp(2, 1, "1418145369.924505488 ");
	expect_first_stamp(4, 1, "2014-12-09 17:16:09.924505488 ");
}

static void test_timestamp_deltas(void **state)
{
	(void)state;
	/* -ttt: from the previous packet; -ttttt: from the first (tcpdump's output) */
	char *out = print_times(3, 0);
	assert_non_null(strstr(out, "\n 00:00:00.127522 "));
	assert_non_null(strstr(out, "\n 00:00:00.000088 "));
	free(out);
	out = print_times(5, 0);
	assert_non_null(strstr(out, "\n 00:00:00.127522 "));
	assert_non_null(strstr(out, "\n 00:00:00.127610 "));
	free(out);
	out = print_times(3, 1);
	assert_non_null(strstr(out, "\n 00:00:00.127521774 "));
	free(out);
}

static void test_numbering_and_bad_records(void **state)
{
	(void)state;
	static const uint8_t frame[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x12, 0x34};
	struct pcap_pkthdr hs[2];
	memset(hs, 0, sizeof(hs));
	hs[0].caplen = hs[0].len = sizeof(frame);
	hs[1].caplen = 14, hs[1].len = 10; /* len < caplen: refused as tcpdump does */
	const uint8_t *datas[2] = {frame, frame};
	ns_print_opts o;
	memset(&o, 0, sizeof(o));
	o.nflag = o.number = 1;
	o.tflag = 1;
	o.qflag = 1;
	char *out = print_packets(&o, DLT_EN10MB, hs, datas, 2);
	assert_string_equal(out, "    1  07:08:09:0a:0b:0c > 01:02:03:04:05:06, Unknown Ethertype "
				 "(0x1234), length 14: \n"
				 "    2  [Invalid header: len(10) < caplen(14)]\n");
	free(out);
}

/* A frame cut inside the IPv4 header prints "IP  [|ip]" (the IPv4 printer checks that length
 * itself), and the -x dump still skips the Ethernet header; a frame cut inside an ARP body
 * leaves through the truncation exit, and then the dump covers the whole frame, link header
 * included.  Both are tcpdump 4.99.3's output for the same frames. */
static void test_truncation_exit_and_dump(void **state)
{
	(void)state;
	static const uint8_t frame[] = {0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 0x08, 0x00,
					0x45, 0x00, 0x00, 0x28, 0x00, 0x01, 0x00, 0x00, 0x40, 0x06};
	struct pcap_pkthdr h;
	memset(&h, 0, sizeof(h));
	h.caplen = sizeof(frame);
	h.len = 100;
	const uint8_t *datas[1] = {frame};
	ns_print_opts o;
	memset(&o, 0, sizeof(o));
	o.nflag = 1;
	o.tflag = 1;
	o.xflag = 1;
	char *out = print_packets(&o, DLT_EN10MB, &h, datas, 1);
	assert_string_equal(out, "IP  [|ip]\n\t0x0000:  4500 0028 0001 0000 4006\n");
	free(out);

	static const uint8_t arp[] = {0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 0x08, 0x06,
				      0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0, 0, 0, 0};
	h.caplen = sizeof(arp);
	h.len = 42;
	datas[0] = arp;
	out = print_packets(&o, DLT_EN10MB, &h, datas, 1);
	assert_string_equal(out, " [|arp]\n\t0x0000:  0000 0000 0000 0102 0304 0506 0806 0001"
				 "\n\t0x0010:  0800 0604 0001 0000 0000\n");
	free(out);
}

static void test_hex_ascii_layout(void **state)
{
	(void)state;
	/* the first 20 bytes of sample.pcap's first IPv4 header and tcpdump's -X lines */
	static const uint8_t ip[] = {0x45, 0x00, 0x00, 0x3c, 0x1b, 0x68, 0x40, 0x00, 0x40, 0x06,
				     0x21, 0x52, 0x7f, 0x00, 0x00, 0x01, 0x7f, 0x00, 0x00, 0x01,
				     0xda};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	np_ctx *c = new_ctx(ip, sizeof(ip), f);
	if (setjmp(c->trunc) == 0)
		np_hex_ascii(c, "\n\t", ip, sizeof(ip));
	fclose(f);
	assert_string_equal(buf, "\n\t0x0000:  4500 003c 1b68 4000 4006 2152 7f00 0001  E..<.h@.@.!R...."
				 "\n\t0x0010:  7f00 0001 da" /* hex column is 40 wide, then 2 */
				 "                           " "  .....");
	free(buf);
	free(c);
}

/* -A: a CR before a newline or among the last two bytes is dropped, elsewhere it is a dot
 * (tcpdump 4.99.3's output for the same bytes, see ascii-features.pcap's golden test). */
static void check_ascii(const char *in, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	np_ctx *c = new_ctx((const uint8_t *)in, strlen(in), f);
	if (setjmp(c->trunc) == 0)
		np_ascii(c, (const uint8_t *)in, (unsigned)strlen(in));
	fclose(f);
	assert_string_equal(buf, want);
	free(buf);
	free(c);
}

static void test_ascii_carriage_returns(void **state)
{
	(void)state;
	check_ascii("ab\r\ncd", "\nab\ncd");
	check_ascii("ab\rcdef", "\nab.cdef");
	check_ascii("ab\rx", "\nabx");
	check_ascii("x\r", "\nx");
	check_ascii("\t a\x01", "\n\t a.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accessors_read_big_and_little_endian),
		cmocka_unit_test(test_accessors_jump_exactly_past_the_end),
		cmocka_unit_test(test_narrow_only_shortens),
		cmocka_unit_test(test_ipv6_formatting),
		cmocka_unit_test(test_ipv4_and_mac_formatting),
		cmocka_unit_test(test_timestamps_every_t_form),
		cmocka_unit_test(test_timestamp_deltas),
		cmocka_unit_test(test_numbering_and_bad_records),
		cmocka_unit_test(test_truncation_exit_and_dump),
		cmocka_unit_test(test_hex_ascii_layout),
		cmocka_unit_test(test_ascii_carriage_returns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
