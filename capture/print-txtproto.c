/* The generic text-protocol printer (tcpdump's txtproto_print): HTTP, SIP and SMTP.
 *
 * The protocol name (in capitals) is printed; with a command table, the text lines follow
 * only when the segment starts with a known command or (second_code) has a 3-digit status
 * code as its second token.  Without -v only the first line is shown (": LINE"); with -v
 * ", length: N" and every complete text line, each on its own "\n\t" line. */
#include <strings.h>

#include "capture/netprint.h"

#define MAX_TOKEN 128

static int is_print(unsigned ch) { return ch >= 0x20 && ch < 0x7f; }

/* Reads a token at idx into tok; returns the index after it and its trailing blanks, or 0
 * when there is no printable token there. */
static unsigned fetch_token(np_ctx *c, const uint8_t *p, unsigned idx, unsigned len, char *tok)
{
	unsigned n = 0;
	for (; idx < len; idx++) {
		if (!np_has(c, p + idx, 1))
			return 0;
		unsigned ch = p[idx];
		if (ch & 0x80)
			return 0;
		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
			break;
		if (!is_print(ch) || n + 2 > MAX_TOKEN + 1)
			return 0;
		tok[n++] = (char)ch;
	}
	if (n == 0)
		return 0;
	tok[n] = '\0';
	for (; idx < len && np_has(c, p + idx, 1); idx++) {
		unsigned ch = p[idx];
		if (ch == '\r' || ch == '\n' || !is_print(ch) || (ch != ' ' && ch != '\t'))
			break;
	}
	return idx;
}

/* Prints one text line after prefix; returns the index of the next line, or 0 when the
 * line does not end in this segment or is not text. */
static unsigned print_line(np_ctx *c, const char *prefix, const uint8_t *p, unsigned idx,
			   unsigned len)
{
	unsigned start = idx, linelen;
	/* reads past the capture take the truncation exit, as the accessors would */
	unsigned avail = np_avail(c, p);
	while (idx < len) {
		if (idx >= avail)
			np_trunc(c);
		unsigned ch = p[idx];
		if (ch == '\n') {
			linelen = idx - start;
			idx++;
			goto print;
		}
		if (ch == '\r') {
			if (idx + 1 >= len)
				return 0;
			if (np_u8(c, p + idx + 1) == '\n') {
				linelen = idx - start;
				idx += 2;
				goto print;
			}
			return 0;
		}
		if (!is_print(ch) && ch != '\t')
			return 0;
		idx++;
	}
	/* printable to the end but no line ending: shown as cut */
	np_printf(c, "%s%.*s", prefix, (int)(idx - start), (const char *)p + start);
	np_print_trunc(c);
	return 0;
print:
	np_printf(c, "%s%.*s", prefix, (int)linelen, (const char *)p + start);
	return idx;
}

static int is_code(const char *tok)
{
	return tok[0] >= '0' && tok[0] <= '9' && tok[1] >= '0' && tok[1] <= '9' &&
	       tok[2] >= '0' && tok[2] <= '9' && tok[3] == '\0';
}

void np_txtproto_print(np_ctx *c, const uint8_t *bp, unsigned length, const char *name,
		       const char *const *cmds, int second_code)
{
	char tok[MAX_TOKEN + 1];
	int show = cmds == NULL;
	unsigned idx = cmds ? fetch_token(c, bp, 0, length, tok) : 0;
	if (idx) {
		for (const char *const *m = cmds; *m; m++)
			if (!strcasecmp(tok, *m))
				show = 1;
		if (second_code)
			idx = fetch_token(c, bp, idx, length, tok);
		if (idx && is_code(tok))
			show = 1;
	}
	np_puts(c, name);
	if (!show)
		return;
	if (c->o.vflag) {
		np_printf(c, ", length: %u", length);
		unsigned eol;
		for (idx = 0; idx < length && (eol = print_line(c, "\n\t", bp, idx, length)) != 0;
		     idx = eol)
			;
	} else {
		print_line(c, ": ", bp, 0, length);
	}
}
