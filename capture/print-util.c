/* Output helpers shared by every printer: tcpdump's hex/ASCII dump layouts, escaped text,
 * and the Internet checksum.
 *
 * The dumps read through the bounds-checked accessors like any printer: they print what
 * was captured and then take the truncation exit if the caller asked for more, which is how
 * tcpdump's dumps inside a protocol end in "[|proto]". */
#include <string.h>

#include "capture/netprint.h"

#define BYTES_PER_LINE 16

static int is_graph(unsigned ch) { return ch > 0x20 && ch < 0x7f; }

/* Clips len to what is captured at p; returns 1 if it had to. */
static int clip(const np_ctx *c, const uint8_t *p, unsigned *len)
{
	unsigned avail = np_avail(c, p);
	if (*len > avail) {
		*len = avail;
		return 1;
	}
	return 0;
}

static const char hexdigits[] = "0123456789abcdef";

/* Writes the indent, then "0xOOOO: " into buf; returns its length. */
static size_t line_prefix(np_ctx *c, char *buf, const char *indent, unsigned offset)
{
	size_t n = 0;
	fputs(indent, c->out);
	buf[n++] = '0';
	buf[n++] = 'x';
	for (int shift = 12; shift >= 0; shift -= 4)
		buf[n++] = hexdigits[(offset >> shift) & 0xf];
	buf[n++] = ':';
	buf[n++] = ' ';
	return n;
}

/* n bytes in hex at line[k], a space before each pair of bytes; the new end of the line */
static size_t hex_bytes(char *line, size_t k, const uint8_t *p, unsigned n)
{
	for (unsigned b = 0; b < n; b++) {
		if (b % 2 == 0)
			line[k++] = ' ';
		line[k++] = hexdigits[p[b] >> 4];
		line[k++] = hexdigits[p[b] & 0xf];
	}
	return k;
}

/* The lines are built in a buffer and written whole: dumps are most of the output of -X. */
void np_hex_ascii_offset(np_ctx *c, const char *indent, const uint8_t *p, unsigned len,
			 unsigned offset)
{
	int truncated = clip(c, p, &len);
	for (unsigned i = 0; i < len; i += BYTES_PER_LINE, offset += BYTES_PER_LINE) {
		unsigned n = len - i < BYTES_PER_LINE ? len - i : BYTES_PER_LINE;
		char line[128];
		size_t k = line_prefix(c, line, indent, offset);
		size_t hex_start = k;
		k = hex_bytes(line, k, p + i, n);
		/* the hex column is 40 wide, then two spaces */
		while (k < hex_start + 40 + 2)
			line[k++] = ' ';
		for (unsigned b = 0; b < n; b++) {
			unsigned v = p[i + b];
			line[k++] = is_graph(v) ? (char)v : '.';
		}
		fwrite(line, 1, k, c->out);
	}
	if (truncated)
		np_trunc(c);
}

void np_hex_ascii(np_ctx *c, const char *indent, const uint8_t *p, unsigned len)
{
	np_hex_ascii_offset(c, indent, p, len, 0);
}

void np_hex(np_ctx *c, const char *indent, const uint8_t *p, unsigned len)
{
	int truncated = clip(c, p, &len);
	for (unsigned i = 0; i < len; i += BYTES_PER_LINE) {
		unsigned n = len - i < BYTES_PER_LINE ? len - i : BYTES_PER_LINE;
		char line[96];
		size_t k = line_prefix(c, line, indent, i);
		k = hex_bytes(line, k, p + i, n);
		fwrite(line, 1, k, c->out);
	}
	if (truncated)
		np_trunc(c);
}

void np_ascii(np_ctx *c, const uint8_t *p, unsigned len)
{
	int truncated = clip(c, p, &len);
	np_putc(c, '\n');
	for (unsigned i = 0; i < len; i++) {
		unsigned ch = p[i];
		if (ch == '\r') {
			/* a CR before a newline, or among the last two bytes, is dropped (tcpdump
			 * 4.99's rule, off by one at the end included) */
			if (len - i - 1 > 1 && p[i + 1] != '\n')
				np_putc(c, '.');
		} else if (is_graph(ch) || ch == '\t' || ch == ' ' || ch == '\n') {
			np_putc(c, (int)ch);
		} else {
			np_putc(c, '.');
		}
	}
	if (truncated)
		np_trunc(c);
}

void np_print_bits_or(np_ctx *c, const np_tok *t, const char *none, unsigned v)
{
	int any = 0;
	for (const np_tok *e = t; e->s; e++)
		any |= e->v && (v & e->v) == e->v;
	if (any)
		np_print_bits(c, t, ", ", v);
	else
		np_puts(c, none);
}

void np_print_ip_addr(np_ctx *c, const uint8_t *ip, int dst)
{
	if ((np_u8(c, ip) >> 4) == 6)
		np_print_ipv6(c, ip + (dst ? 24 : 8));
	else
		np_print_ipv4(c, ip + (dst ? 16 : 12));
}

int np_unknown_data(np_ctx *c, const uint8_t *p, const char *indent, unsigned len)
{
	if (!np_has(c, p, 0)) {
		np_printf(c, "%sDissector error: print_unknown_data called with pointer past end "
			     "of packet",
			  indent);
		return 0;
	}
	unsigned avail = np_avail(c, p);
	np_hex(c, indent, p, len < avail ? len : avail);
	return 1;
}

void np_default_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	/* -x/-X already dump the packet, and -q asks for less: tcpdump suppresses it then (but
	 * not for -A) */
	if (c->o.xflag || c->o.Xflag || c->o.qflag)
		return;
	np_hex_ascii(c, "\n\t", p, len);
}

/* One byte as tcpdump's fn_print_char shows it: "M-" for the high bit, "^" and the letter
 * for a control character */
static void char_print(np_ctx *c, unsigned ch)
{
	if (ch & 0x80) {
		ch &= 0x7f;
		np_puts(c, "M-");
	}
	if (ch < 0x20 || ch == 0x7f) {
		ch ^= 0x40;
		np_putc(c, '^');
	}
	np_putc(c, (int)ch);
}

int np_print_chars(np_ctx *c, const uint8_t *p, unsigned len)
{
	unsigned avail = np_avail(c, p);
	unsigned n = len < avail ? len : avail;
	for (unsigned i = 0; i < n; i++)
		char_print(c, p[i]);
	return n < len;
}

uint32_t np_cksum_add(const uint8_t *p, size_t len, uint32_t sum)
{
	uint64_t s = sum;
	size_t i = 0;
	for (; i + 1 < len; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (i < len)
		s += (uint32_t)p[i] << 8;
	while (s >> 32)
		s = (s & 0xffffffffu) + (s >> 32);
	return (uint32_t)s;
}

unsigned np_cksum_shouldbe(unsigned field, uint16_t sum)
{
	uint32_t should = field + (uint32_t)sum;
	should = (should & 0xffff) + (should >> 16);
	should = (should & 0xffff) + (should >> 16);
	return should;
}

uint16_t np_cksum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

uint16_t np_ip6_pseudo_cksum(const uint8_t *ip6, const uint8_t *data, unsigned len,
			     unsigned proto)
{
	uint32_t sum = np_cksum_add(ip6 + 8, 16, 0);
	sum = np_cksum_add(np_ip6_final_dst(ip6, data), 16, sum);
	sum += (len >> 16) + (len & 0xffff) + proto;
	return np_cksum_fold(np_cksum_add(data, len, sum));
}

void np_print_zchars(np_ctx *c, const uint8_t *p, unsigned len)
{
	for (unsigned i = 0; i < len; i++) {
		unsigned ch = np_u8(c, p + i);
		if (ch == 0)
			return;
		char_print(c, ch);
	}
}
