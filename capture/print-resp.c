/* RESP, the Redis protocol, on TCP port 6379: each item of the segment (pipelined
 * commands included) as a quoted string, tcpdump's print-resp.c output.
 *
 * Every parse failure, a short segment as much as a malformed one or a cut capture, ends
 * the line with " [|resp]" and a normal return (tcpdump's checks there are "goto trunc",
 * not its longjmp exit, which matters to what -X dumps): the parser uses the truncation
 * exit internally and np_resp_print catches it. */
#include <limits.h>
#include <setjmp.h>
#include <string.h>

#include "capture/netprint.h"

enum { LEN_TRUNC = -2, LEN_TOO_LARGE = -3, LEN_NEGATIVE = -4, LEN_INVALID = -5 };

static int parse(np_ctx *c, const uint8_t *bp, int length);

static void need(np_ctx *c, int avail, int want)
{
	if (avail < want)
		np_trunc(c);
}

/* ' "text"' with tcpdump's escapes for the bytes that are not printable. */
static void segment(np_ctx *c, const uint8_t *p, int len)
{
	np_puts(c, " \"");
	if (np_print_chars(c, p, (unsigned)len))
		np_trunc(c);
	np_putc(c, '"');
}

/* Advances *p (and shrinks *len) to the next CR LF pair. */
static void find_crlf(np_ctx *c, const uint8_t **p, int *len)
{
	for (;;) {
		need(c, *len, 2);
		if (np_u8(c, *p) == '\r' && np_u8(c, *p + 1) == '\n')
			return;
		(*p)++, (*len)--;
	}
}

/* Skips a run of CR and LF bytes; running out of data before any is a truncation. */
static void skip_cr_lf(np_ctx *c, const uint8_t **p, int *len)
{
	int seen = 0;
	for (;;) {
		if (*len == 0 || !np_has(c, *p, 1)) {
			if (seen)
				return;
			np_trunc(c);
		}
		if (**p != '\r' && **p != '\n')
			return;
		seen = 1;
		(*p)++, (*len)--;
	}
}

/* "<decimal>\r\n" at *p: the value, or a LEN_* code; *p and *len move past what was read
 * (one byte past an offending one, as tcpdump does). */
static int get_length(np_ctx *c, const uint8_t **pp, int *lenp)
{
	const uint8_t *p = *pp;
	int len = *lenp, result = 0, digits = 0, neg = 0, too_large = 0, ret;
	if (len == 0) {
		ret = LEN_TRUNC;
		goto out;
	}
	if (np_u8(c, p) == '-')
		neg = 1, p++, len--;
	for (;; p++, len--, digits = 1) {
		if (len == 0) {
			ret = LEN_TRUNC;
			goto out;
		}
		unsigned ch = np_u8(c, p);
		if (ch < '0' || ch > '9') {
			if (!digits) {
				p++, len--;
				ret = LEN_INVALID;
				goto out;
			}
			break;
		}
		ch -= '0';
		if (result > INT_MAX / 10 || (result == INT_MAX / 10 * 10 && (int)ch > INT_MAX % 10))
			too_large = 1;
		else
			result = result * 10 + (int)ch;
	}
	if (*p != '\r') {
		p++, len--;
		ret = LEN_INVALID;
		goto out;
	}
	p++, len--;
	if (len == 0) {
		ret = LEN_TRUNC;
		goto out;
	}
	if (np_u8(c, p) != '\n') {
		p++, len--;
		ret = LEN_INVALID;
		goto out;
	}
	p++, len--;
	if (neg)
		ret = too_large || result != 1 ? LEN_NEGATIVE : -1;
	else
		ret = too_large ? LEN_TOO_LARGE : result;
out:
	*pp = p;
	*lenp = len;
	return ret;
}

static void print_bad_length(np_ctx *c, int n)
{
	static const char *const msgs[] = {" null", NULL, " length too large",
					   " length negative and not -1", " invalid"};
	if (n == LEN_TRUNC)
		np_trunc(c);
	np_puts(c, msgs[-n - 1]);
}

/* "+text", "-error", ":integer" up to CR LF. */
static int simple(np_ctx *c, const uint8_t *bp, int length)
{
	const uint8_t *start = bp + 1, *p = start;
	int len = length - 1;
	find_crlf(c, &p, &len);
	segment(c, start, (int)(p - start));
	return 1 + (int)(p - start) + 2;
}

static int bulk_string(np_ctx *c, const uint8_t *bp, int length)
{
	const uint8_t *p = bp + 1;
	int len = length - 1;
	int n = get_length(c, &p, &len);
	if (n < 0) {
		print_bad_length(c, n);
		return length - len;
	}
	if (n == 0) {
		np_puts(c, " empty");
	} else {
		need(c, len, n);
		np_need(c, p, (size_t)n);
		segment(c, p, n);
		p += n, len -= n;
	}
	find_crlf(c, &p, &len);
	return length - (len - 2);
}

static int array(np_ctx *c, const uint8_t *bp, int length)
{
	const uint8_t *p = bp + 1;
	int len = length - 1;
	int n = get_length(c, &p, &len);
	if (n == 0) {
		np_puts(c, " empty");
	} else if (n < 0) {
		print_bad_length(c, n);
	} else {
		for (int i = 0; i < n; i++) {
			int used = parse(c, p, len);
			p += used, len -= used;
		}
	}
	return length - len;
}

/* Anything else: an inline command, a line ended by CR and/or LF. */
static int inline_cmd(np_ctx *c, const uint8_t *bp, int length)
{
	const uint8_t *p = bp;
	int len = length;
	skip_cr_lf(c, &p, &len);
	const uint8_t *start = p;
	for (;;) {
		need(c, len, 1);
		unsigned ch = np_u8(c, p);
		if (ch == '\r' || ch == '\n')
			break;
		p++, len--;
	}
	segment(c, start, (int)(p - start));
	skip_cr_lf(c, &p, &len);
	return length - len;
}

static int parse(np_ctx *c, const uint8_t *bp, int length)
{
	need(c, length, 1);
	switch (np_u8(c, bp)) {
	case '+':
	case '-':
	case ':':
		return simple(c, bp, length);
	case '$':
		return bulk_string(c, bp, length);
	case '*':
		return array(c, bp, length);
	default:
		return inline_cmd(c, bp, length);
	}
}

/* Every item up to length (pipelined commands). */
static void parse_all(np_ctx *c, const uint8_t *bp, int left)
{
	while (left > 0) {
		int used = parse(c, bp, left);
		bp += used, left -= used;
	}
}

void np_resp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	if (length == 0)
		return;
	np_set_proto(c, "resp");
	np_puts(c, ": RESP");
	jmp_buf outer;
	memcpy(outer, c->trunc, sizeof outer);
	if (setjmp(c->trunc) == 0)
		parse_all(c, bp, (int)length);
	else {
		np_print_trunc(c);
	}
	memcpy(c->trunc, outer, sizeof outer);
}
