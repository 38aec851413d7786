/* Unit tests for capture/print-dns.c: domain names (RFC 1035 4.1.4 compression, RFC 2673
 * bit labels, tcpdump's guards against loops, bad label types and over-long names) and
 * whole messages printed through the public printer API.
 *
 * Expected strings come from the RFCs' encodings and from what tcpdump 4.99.3 prints for
 * the same bytes (checked with `tcpdump -n -r` on a capture of them; its test captures
 * dns-zlip-*, dns_fwdptr and LINKTYPE_RAW_ipv4 show the same forms). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capture/netprint.h"

/* A context over `len` bytes of `msg`, printing into a memory stream. */
typedef struct fixture {
	np_ctx c;
	char *buf;
	size_t size;
} fixture;

static void fx_open(fixture *f, const uint8_t *msg, size_t len)
{
	memset(f, 0, sizeof(*f));
	f->c.out = open_memstream(&f->buf, &f->size);
	assert_non_null(f->c.out);
	f->c.o.nflag = 1;
	f->c.packet = msg;
	f->c.snapend = msg + len;
	f->c.proto = "";
}

static const char *fx_text(fixture *f)
{
	fflush(f->c.out);
	return f->buf;
}

static void fx_close(fixture *f)
{
	fclose(f->c.out);
	free(f->buf);
}

/* Prints the name at msg+off; returns its end offset, or -1 for NULL. */
static long name_at(fixture *f, const uint8_t *msg, size_t off)
{
	const uint8_t *end = np_dns_name_print(&f->c, msg + off, msg);
	return end ? (long)(end - msg) : -1;
}

static void simple_name(void **state)
{
	(void)state;
	static const uint8_t msg[] = "\003www\007example\003com";
	fixture f;
	fx_open(&f, msg, sizeof(msg)); /* includes the terminating 0 */
	assert_int_equal(name_at(&f, msg, 0), (long)sizeof(msg));
	assert_string_equal(fx_text(&f), "www.example.com.");
	fx_close(&f);
}

static void root_name(void **state)
{
	(void)state;
	static const uint8_t msg[] = {0};
	fixture f;
	fx_open(&f, msg, sizeof(msg));
	assert_int_equal(name_at(&f, msg, 0), 1);
	assert_string_equal(fx_text(&f), ".");
	fx_close(&f);
}

/* RFC 1035 4.1.4: F.ISI.ARPA at 20, FOO.F.ISI.ARPA at 40 pointing back to 20, and ARPA
 * by a bare pointer at 64. */
static void compression(void **state)
{
	(void)state;
	uint8_t msg[80];
	memset(msg, 0, sizeof(msg));
	memcpy(msg + 20, "\001F\003ISI\004ARPA", 12);
	memcpy(msg + 40, "\003FOO\xc0\x14", 6);
	memcpy(msg + 64, "\xc0\x1a", 2);
	fixture f;
	fx_open(&f, msg, sizeof(msg));
	assert_int_equal(name_at(&f, msg, 40), 46); /* the name ends after its pointer */
	assert_int_equal(name_at(&f, msg, 64), 66);
	assert_string_equal(fx_text(&f), "FOO.F.ISI.ARPA.ARPA.");
	fx_close(&f);
}

/* A pointer to itself or forwards is refused: that is what ends compression loops. */
static void pointer_loop(void **state)
{
	(void)state;
	static const uint8_t self[] = {0, 0, 0xc0, 0x02};
	static const uint8_t fwd[] = {0xc0, 0x02, 0x01, 'a', 0};
	static const uint8_t back_and_forth[] = {0x01, 'a', 0xc0, 0x04, 0xc0, 0x00};
	fixture f;
	fx_open(&f, self, sizeof(self));
	assert_int_equal(name_at(&f, self, 2), -1);
	assert_string_equal(fx_text(&f), "<BAD PTR>");
	fx_close(&f);
	fx_open(&f, fwd, sizeof(fwd));
	assert_int_equal(name_at(&f, fwd, 0), -1);
	assert_string_equal(fx_text(&f), "<BAD PTR>");
	fx_close(&f);
	/* 0 -> "a." then a pointer forwards to 4, refused even though 4 points back */
	fx_open(&f, back_and_forth, sizeof(back_and_forth));
	assert_int_equal(name_at(&f, back_and_forth, 0), -1);
	assert_string_equal(fx_text(&f), "a.<BAD PTR>");
	fx_close(&f);
}

static void truncated_label(void **state)
{
	(void)state;
	static const uint8_t msg[] = {0x05, 'a', 'b'};
	fixture f;
	fx_open(&f, msg, sizeof(msg));
	assert_int_equal(name_at(&f, msg, 0), -1);
	assert_string_equal(fx_text(&f), "ab"); /* what was captured, then the caller stops */
	fx_close(&f);
}

static void bad_label_types(void **state)
{
	(void)state;
	static const uint8_t reserved[] = {0x80, 0};
	static const uint8_t elt[] = {0x42, 0};
	fixture f;
	fx_open(&f, reserved, sizeof(reserved));
	assert_int_equal(name_at(&f, reserved, 0), -1);
	assert_string_equal(fx_text(&f), "<BAD LABEL TYPE>");
	fx_close(&f);
	fx_open(&f, elt, sizeof(elt));
	assert_int_equal(name_at(&f, elt, 0), -1);
	assert_string_equal(fx_text(&f), "<ELT 2>");
	fx_close(&f);
}

/* RFC 2673 bit-string label: type 0x41, 16 bits 0xabcd. */
static void bit_label(void **state)
{
	(void)state;
	static const uint8_t msg[] = {0x41, 16, 0xab, 0xcd, 0};
	fixture f;
	fx_open(&f, msg, sizeof(msg));
	assert_int_equal(name_at(&f, msg, 0), 5);
	assert_string_equal(fx_text(&f), "\\[xabcd/16].");
	fx_close(&f);
}

/* Non-printable bytes print as tcpdump's ^X and M-X escapes. */
static void escaped_label(void **state)
{
	(void)state;
	static const uint8_t msg[] = {0x03, 0x01, 'a', 0xfb, 0};
	fixture f;
	fx_open(&f, msg, sizeof(msg));
	assert_int_equal(name_at(&f, msg, 0), 5);
	assert_string_equal(fx_text(&f), "^AaM-{.");
	fx_close(&f);
}

/* Five 63-byte labels make 320 characters with dots: cut at 255 and flagged. */
static void too_long(void **state)
{
	(void)state;
	uint8_t msg[5 * 64 + 1];
	for (int i = 0; i < 5; i++) {
		msg[i * 64] = 63;
		memset(msg + i * 64 + 1, 'x', 63);
	}
	msg[5 * 64] = 0;
	fixture f;
	fx_open(&f, msg, sizeof(msg));
	assert_int_equal(name_at(&f, msg, 0), (long)sizeof(msg));
	const char *out = fx_text(&f);
	const char *tail = "<DOMAIN NAME TOO LONG>";
	size_t n = strlen(out);
	assert_true(n > strlen(tail));
	assert_string_equal(out + n - strlen(tail), tail);
	/* four labels with their dots (4 * 64 = 256 characters) are printed; the fifth
	 * would pass the 255 limit and is left out */
	assert_int_equal((long)(n - strlen(tail)), 4 * 64);
	fx_close(&f);
}

/* A whole query through the public API, as tcpdump prints LINKTYPE_RAW_ipv4.pcap. */
static void query_line(void **state)
{
	(void)state;
	static const uint8_t pkt[] = {
		/* IPv4, 57 bytes, UDP, 192.168.1.100 -> 9.9.9.9 */
		0x45, 0x00, 0x00, 0x39, 0x00, 0x01, 0x00, 0x00, 0x40, 0x11, 0x00, 0x00,
		192, 168, 1, 100, 9, 9, 9, 9,
		/* UDP 12345 -> 53, length 37 */
		0x30, 0x39, 0x00, 0x35, 0x00, 0x25, 0x00, 0x00,
		/* DNS: id 4660, RD, 1 question: example.com A IN */
		0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
		0x00, 0x01, 0x00, 0x01,
	};
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	ns_print_opts o;
	memset(&o, 0, sizeof(o));
	o.nflag = 1;
	o.tflag = 1;
	ns_printer *pr = ns_printer_new(&o, 12 /* DLT_RAW */, out);
	assert_non_null(pr);
	struct pcap_pkthdr h;
	memset(&h, 0, sizeof(h));
	h.caplen = h.len = sizeof(pkt);
	ns_printer_packet(pr, &h, pkt);
	/* the same query cut inside the name: tcpdump's " [|domain]" */
	h.caplen = sizeof(pkt) - 8;
	ns_printer_packet(pr, &h, pkt);
	ns_printer_free(pr);
	fclose(out);
	assert_string_equal(buf, "IP 192.168.1.100.12345 > 9.9.9.9.53: 4660+ A? example.com. (29)\n"
				 "IP 192.168.1.100.12345 > 9.9.9.9.53: 4660+ [|domain]\n");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(simple_name),	   cmocka_unit_test(root_name),
		cmocka_unit_test(compression),	   cmocka_unit_test(pointer_loop),
		cmocka_unit_test(truncated_label), cmocka_unit_test(bad_label_types),
		cmocka_unit_test(bit_label),	   cmocka_unit_test(escaped_label),
		cmocka_unit_test(too_long),	   cmocka_unit_test(query_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
