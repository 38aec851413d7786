/* The printer's top level: one packet = number, time stamp, link-layer printer, dumps.
 *
 * This is the only place that catches the truncation exit (np_trunc's longjmp): a printer
 * that runs out of captured data lands here, " [|PROTO]" is printed, and the packet ends
 * with the -x/-X/-A dump as usual.  The dump skips the link header only when the link
 * printer returned normally (its return value); after the exit it starts at c->ll_hdr_len,
 * which no link printer sets, so it covers the whole frame, as tcpdump 4.99's does. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "capture/netprint.h"

/* tcpdump refuses to decode records claiming more than this. */
#define NP_MAXIMUM_SNAPLEN 262144u

struct ns_printer {
	np_ctx c;
	np_link_fn link;
};

/* tcpdump's fallback for a link type it has no printer for: a marker and a dump. */
static unsigned unsupported_if_print(np_ctx *c, const uint8_t *p, unsigned length,
				     unsigned caplen)
{
	(void)length;
	np_puts(c, "UNSUPPORTED");
	np_hex_ascii(c, "\n\t", p, caplen);
	return 0;
}

ns_printer *ns_printer_new(const ns_print_opts *opts, int linktype, FILE *out)
{
	ns_printer *pr = calloc(1, sizeof(*pr));
	if (!pr)
		return NULL;
	pr->c.o = *opts;
	pr->c.out = out;
	pr->c.linktype = linktype;
	pr->link = np_find_link(linktype);
	if (!pr->link)
		pr->link = unsupported_if_print;
	return pr;
}

void ns_printer_free(ns_printer *pr)
{
	if (!pr)
		return;
	np_tcp_state_free(&pr->c);
	np_names_free(&pr->c);
	np_ppp_state_free(&pr->c);
	free(pr);
}

/* ---- time stamps ---------------------------------------------------------------------- */

/* "HH:MM:SS.frac" or with the date, from broken-down time; frac is printed unchecked, as
 * tcpdump prints an out-of-range fraction (timestamp_invalid tests). */
static void print_clock(np_ctx *c, int64_t sec, int64_t frac, int date, int utc)
{
	time_t t = (time_t)sec;
	struct tm tmv;
	/* a pcap record's seconds are signed 32 bits: 2038-2106 arrive negative, and tcpdump
	 * refuses to convert them */
	struct tm *tm = sec < 0 ? NULL : utc ? gmtime_r(&t, &tmv) : localtime_r(&t, &tmv);
	if (!tm) {
		np_puts(c, "[Error converting time]");
		return;
	}
	char buf[64];
	strftime(buf, sizeof(buf), date ? "%Y-%m-%d %H:%M:%S" : "%H:%M:%S", tm);
	np_printf(c, c->o.nano ? "%s.%09u" : "%s.%06u", buf, (unsigned)frac);
}

static void print_timestamp(np_ctx *c, const struct pcap_pkthdr *h)
{
	int64_t sec = h->ts.tv_sec, frac = h->ts.tv_usec;
	int64_t unit = c->o.nano ? 1000000000 : 1000000;
	switch (c->o.tflag) {
	case 0:
		print_clock(c, sec, frac, 0, 0);
		np_putc(c, ' ');
		break;
	case 1:
		break;
	case 2:
		if (sec < 0)
			np_puts(c, "[Error converting time] ");
		else
			np_printf(c, c->o.nano ? "%u.%09u " : "%u.%06u ", (unsigned)sec,
				  (unsigned)frac);
		break;
	case 3: /* since the previous packet */
	case 5: /* since the first packet */ {
		if (!c->have_ref) {
			c->have_ref = 1;
			c->ref_sec = sec;
			c->ref_frac = frac;
		}
		int64_t ds = sec - c->ref_sec, df = frac - c->ref_frac;
		if (df < 0) {
			df += unit;
			ds--;
		}
		int negative = ds < 0;
		if (negative) {
			ds = c->ref_sec - sec;
			df = c->ref_frac - frac;
			if (df < 0) {
				df += unit;
				ds--;
			}
		}
		np_putc(c, negative ? '-' : ' ');
		print_clock(c, ds, df, 0, 1);
		np_putc(c, ' ');
		if (c->o.tflag == 3) {
			c->ref_sec = sec;
			c->ref_frac = frac;
		}
		break;
	}
	default: /* 4: date and time */
		print_clock(c, sec, frac, 1, 0);
		np_putc(c, ' ');
		break;
	}
}

/* ---- the packet ----------------------------------------------------------------------- */

/* tcpdump's sanity checks on the record header; 1 if the record was refused. */
static int bad_record(np_ctx *c, const struct pcap_pkthdr *h)
{
	int bad = 0;
#define NP_BAD(...)                                                    \
	do {                                                           \
		np_puts(c, bad ? "," : "[Invalid header:");            \
		bad = 1;                                               \
		np_printf(c, __VA_ARGS__);                             \
	} while (0)
	if (h->caplen == 0) {
		np_puts(c, "[Invalid header: caplen==0");
		bad = 1;
	}
	if (h->len == 0)
		NP_BAD(" len==0");
	else if (h->len < h->caplen)
		NP_BAD(" len(%u) < caplen(%u)", h->len, h->caplen);
	if (h->caplen > NP_MAXIMUM_SNAPLEN)
		NP_BAD(" caplen(%u) > %u", h->caplen, NP_MAXIMUM_SNAPLEN);
	if (h->len > NP_MAXIMUM_SNAPLEN)
		NP_BAD(" len(%u) > %u", h->len, NP_MAXIMUM_SNAPLEN);
#undef NP_BAD
	if (bad)
		np_puts(c, "]\n");
	return bad;
}

static void dump_packet(np_ctx *c, const uint8_t *p, unsigned caplen, unsigned hdrlen)
{
	const ns_print_opts *o = &c->o;
	int whole = o->Xflag ? o->Xflag > 1 : o->xflag ? o->xflag > 1 : o->Aflag > 1;
	if (!o->Xflag && !o->xflag && !o->Aflag)
		return;
	if (!whole) {
		if (caplen <= hdrlen)
			return;
		p += hdrlen;
		caplen -= hdrlen;
	}
	if (o->Xflag)
		np_hex_ascii(c, "\n\t", p, caplen);
	else if (o->xflag)
		np_hex(c, "\n\t", p, caplen);
	else
		np_ascii(c, p, caplen);
}

void ns_printer_packet(ns_printer *pr, const struct pcap_pkthdr *h, const uint8_t *data)
{
	np_ctx *c = &pr->c;
	c->packets++;
	if (c->o.number)
		np_printf(c, "%5u  ", (unsigned)c->packets);
	if (bad_record(c, h))
		return;
	print_timestamp(c, h);

	c->packet = data;
	c->snapend = data + h->caplen;
	c->proto = "";
	c->ll_hdr_len = 0;
	c->ll_known_len = 0;
	/* volatile: read after a longjmp */
	volatile unsigned hdrlen = 0;
	if (setjmp(c->trunc) == 0) {
		hdrlen = pr->link(c, data, h->len, h->caplen);
	} else {
		np_printf(c, " [|%s]", c->proto);
		hdrlen = c->ll_hdr_len;
	}
	c->packet = data; /* a printer may have been reading a private copy (PPP HDLC) */
	c->snapend = data + h->caplen;
	dump_packet(c, data, h->caplen, hdrlen);
	np_putc(c, '\n');
}

/* ---- shared helpers ------------------------------------------------------------------- */

void np_trunc(np_ctx *c)
{
	longjmp(c->trunc, 1);
}

void np_copy(np_ctx *c, void *dst, const uint8_t *p, size_t len)
{
	np_need(c, p, len);
	memcpy(dst, p, len);
}

const uint8_t *np_narrow(np_ctx *c, const uint8_t *p, size_t len)
{
	const uint8_t *old = c->snapend;
	if (p >= c->packet && p <= c->snapend && len < (size_t)(c->snapend - p))
		c->snapend = p + len;
	return old;
}

void np_printf(np_ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(c->out, fmt, ap);
	va_end(ap);
}

void np_print_trunc(np_ctx *c)
{
	np_printf(c, " [|%s]", c->proto);
}

void np_print_invalid(np_ctx *c)
{
	np_puts(c, " (invalid)");
}

const char *np_tok_find(const np_tok *t, unsigned v)
{
	for (; t && t->s; t++)
		if (t->v == v)
			return t->s;
	return NULL;
}

const char *np_tok_str(const np_tok *t, const char *fmt, unsigned v, char *buf, size_t n)
{
	const char *s = np_tok_find(t, v);
	if (s)
		return s;
	snprintf(buf, n, fmt ? fmt : "#%u", v);
	return buf;
}

void np_print_bits(np_ctx *c, const np_tok *t, const char *sep, unsigned v)
{
	int first = 1;
	for (; t->s; t++) {
		if (t->v && (v & t->v) == t->v) {
			np_printf(c, "%s%s", first ? "" : sep, t->s);
			first = 0;
		}
	}
	if (first)
		np_puts(c, "none");
}
