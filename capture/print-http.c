/* HTTP on TCP port 80 (and 8080): the request or status line, all text lines with -v.
 *
 * A segment is shown as HTTP text only when it starts with a known method or a status
 * line ("HTTP/1.1 200"); anything else (body continuations) prints just ": HTTP". */
#include <strings.h>

#include "capture/netprint.h"

#define MAX_TOKEN 128

static const char *const methods[] = {
	"GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE",
	"MKCOL", "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE",
	"NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT",
	"CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT",
	"MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL",
	"BASELINE-CONTROL", NULL,
};

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

void np_http_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	np_puts(c, ": ");
	np_set_proto(c, "http");
	char tok[MAX_TOKEN + 1];
	int show = 0;
	unsigned idx = fetch_token(c, bp, 0, length, tok);
	if (idx) {
		for (const char *const *m = methods; *m; m++)
			if (!strcasecmp(tok, *m))
				show = 1;
		/* a status line has its code in the second token */
		idx = fetch_token(c, bp, idx, length, tok);
		if (idx && tok[0] >= '0' && tok[0] <= '9' && tok[1] >= '0' && tok[1] <= '9' &&
		    tok[2] >= '0' && tok[2] <= '9' && tok[3] == '\0')
			show = 1;
	}
	np_puts(c, "HTTP");
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
