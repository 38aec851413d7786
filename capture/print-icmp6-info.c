/* The rarer ICMPv6 messages: node information queries and replies (RFC 4620), router
 * renumbering (RFC 2894) and RPL control messages (RFC 6550), as tcpdump 4.99.3 prints
 * them.
 *
 * Node information names are printed without decompression (the RFC forbids pointers),
 * from the captured data only: `end` is the capture's end when the message arrived, which
 * is what tcpdump measures the message against. */
#include "capture/netprint.h"

#define NI_HDRLEN 16

static void print_char(np_ctx *c, const uint8_t *p)
{
	np_print_chars(c, p, 1);
}

/* A DNS name in a node information message: labels up to `end`, no compression. */
static void ni_name_print(np_ctx *c, const uint8_t *cp, const uint8_t *end)
{
	np_puts(c, ", \"");
	while (cp < end) {
		unsigned i = np_u8(c, cp++);
		if (i) {
			if (i > (unsigned)(end - cp)) {
				np_puts(c, "???");
				break;
			}
			while (i-- && cp < end)
				print_char(c, cp++);
			if (cp + 1 < end && np_u8(c, cp))
				np_putc(c, '.');
		} else {
			if (cp == end)
				np_putc(c, '.');
			else if (!(cp + 1 == end && np_u8(c, cp) == 0))
				np_puts(c, "???");
			break;
		}
	}
	np_putc(c, '"');
}

/* The pre-RFC "icmp-name-lookup-03" form is a Pascal string filling the message. */
static void ni_subject_name(np_ctx *c, const uint8_t *cp, const uint8_t *end)
{
	if (np_u8(c, cp) == end - cp - 1) {
		if (c->o.vflag)
			np_puts(c, ", 03 draft");
		np_puts(c, ", \"");
		for (cp++; cp < end; cp++)
			print_char(c, cp);
		np_putc(c, '"');
	} else {
		ni_name_print(c, cp, end);
	}
}

static void ni_addr_flags(np_ctx *c, unsigned f, int reply)
{
	np_printf(c, " [%s%s%s%s%s%s%s]", f & 0x40 ? "a" : "", f & 0x20 ? "G" : "",
		  f & 0x10 ? "S" : "", f & 0x08 ? "L" : "", f & 0x04 ? "C" : "", f & 0x02 ? "A" : "",
		  reply && (f & 0x01) ? "T" : "");
}

static const np_tok ni_qtypes[] = {
	{0, "noop"}, {1, "supported qtypes"}, {2, "DNS name"}, {3, "node addresses"}, {0, NULL},
};

/* The query type of a query or reply, with the compression flag of "supported qtypes" */
static void ni_qtype_print(np_ctx *c, unsigned qtype, unsigned flags)
{
	const char *name = np_tok_find(ni_qtypes, qtype);
	np_puts(c, name ? name : "unknown");
	if (qtype == 1 && flags)
		np_printf(c, " [%s]", flags & 1 ? "C" : "");
}

/* A query's IPv6 (alen 16) or IPv4 (alen 4) subject address, which must fill the message */
static void ni_subject_addr(np_ctx *c, const uint8_t *bp, size_t siz, unsigned alen)
{
	char buf[NP_ADDRSTRLEN];
	if (!np_has(c, bp, NI_HDRLEN + alen))
		return;
	if (siz != NI_HDRLEN + alen) {
		if (c->o.vflag)
			np_puts(c, ", invalid subject len");
		return;
	}
	const uint8_t *a = bp + NI_HDRLEN;
	np_printf(c, ", subject=%s", alen == 16 ? np_ipv6_str(c, a, buf) : np_ipv4_str(c, a, buf));
}

static void ni_query(np_ctx *c, const uint8_t *bp, size_t siz, const uint8_t *end)
{
	if (siz == 12) { /* KAME who-are-you */
		np_puts(c, " who-are-you request");
		return;
	}
	np_puts(c, " node information query");
	if (!np_has(c, bp, NI_HDRLEN)) {
		np_print_trunc(c);
		return;
	}
	np_puts(c, " (");
	unsigned qtype = np_be16(c, bp + 4), flags = np_be16(c, bp + 6);
	ni_qtype_print(c, qtype, flags);
	if (qtype == 3 && flags)
		ni_addr_flags(c, flags, 0);
	if (qtype == 0 || qtype == 1) {
		if (siz != NI_HDRLEN && c->o.vflag)
			np_puts(c, ", invalid len");
		np_putc(c, ')');
		return;
	}
	if (siz == NI_HDRLEN) {
		np_puts(c, ", 03 draft)");
		return;
	}
	switch (np_u8(c, bp + 1)) {
	case 0:
		ni_subject_addr(c, bp, siz, 16);
		break;
	case 1:
		np_puts(c, ", subject=DNS name");
		ni_subject_name(c, bp + NI_HDRLEN, end);
		break;
	case 2:
		ni_subject_addr(c, bp, siz, 4);
		break;
	default:
		np_puts(c, ", unknown subject");
		break;
	}
	np_putc(c, ')');
}

static void ni_reply(np_ctx *c, const uint8_t *bp, unsigned icmp6len, size_t siz,
		     const uint8_t *end)
{
	char buf[NP_ADDRSTRLEN];
	if (icmp6len > siz || !np_has(c, bp, NI_HDRLEN)) {
		np_print_trunc(c);
		return;
	}
	int comma = 0;
	np_puts(c, " node information reply (");
	unsigned code = np_u8(c, bp + 1);
	switch (code) {
	case 0:
		if (c->o.vflag) {
			np_puts(c, "success");
			comma = 1;
		}
		break;
	case 1:
	case 2:
		np_puts(c, code == 1 ? "refused" : "unknown");
		comma = 1;
		if (siz != NI_HDRLEN && c->o.vflag)
			np_puts(c, ", invalid length");
		break;
	}
	if (code != 0) {
		np_putc(c, ')');
		return;
	}
	if (comma)
		np_puts(c, ", ");
	unsigned qtype = np_be16(c, bp + 4), flags = np_be16(c, bp + 6);
	ni_qtype_print(c, qtype, flags);
	switch (qtype) {
	case 0:
		if (siz != NI_HDRLEN && c->o.vflag)
			np_puts(c, ", invalid length");
		break;
	case 2:
		ni_subject_name(c, bp + NI_HDRLEN + 4, end);
		if (flags & 1)
			np_printf(c, " [TTL=%u]", np_be32(c, bp + NI_HDRLEN));
		break;
	case 3:
		for (size_t i = NI_HDRLEN; i < siz && i + 20 <= siz; i += 20) {
			const char *a = np_ipv6_str(c, bp + i + 4, buf);
			np_printf(c, " %s(%u)", a, np_be32(c, bp + i));
		}
		if (flags)
			ni_addr_flags(c, flags, 1);
		break;
	}
	np_putc(c, ')');
}

void np_icmp6_nodeinfo_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *end)
{
	if (end < bp)
		return;
	size_t siz = (size_t)(end - bp);
	if (np_u8(c, bp) == 139)
		ni_query(c, bp, siz, end);
	else
		ni_reply(c, bp, length, siz, end);
}

/* ---- router renumbering ----------------------------------------------------------------- */

#define RR_HDRLEN 16
#define RR_MATCHLEN 24
#define RR_USELEN 32

static void rr_time(np_ctx *c, const char *name, uint32_t v)
{
	if (v == 0xffffffffu)
		np_printf(c, "%s=infty,", name);
	else
		np_printf(c, "%s=%u,", name, v);
}

void np_icmp6_rrenum_print(np_ctx *c, const uint8_t *bp, const uint8_t *end)
{
	char buf[NP_ADDRSTRLEN];
	if (end < bp)
		return;
	if (!np_has(c, bp + 12, 4)) {
		np_print_trunc(c);
		return;
	}
	unsigned code = bp[1];
	switch (code) {
	case 0: np_puts(c, ", command"); break;
	case 1: np_puts(c, ", result"); break;
	case 255: np_puts(c, ", sequence number reset"); break;
	default: np_printf(c, ", code-#%u", code); break;
	}
	np_printf(c, ", seq=%u", np_be32(c, bp + 4));
	if (c->o.vflag) {
		unsigned f = bp[9];
		np_putc(c, '[');
		if (f)
			np_printf(c, "%s%s%s%s%s,", f & 0x80 ? "T" : "", f & 0x40 ? "R" : "",
				  f & 0x20 ? "A" : "", f & 0x10 ? "S" : "", f & 0x08 ? "P" : "");
		np_printf(c, "seg=%u,", bp[8]);
		np_printf(c, "maxdelay=%u", np_be16(c, bp + 10));
		if (np_be32(c, bp + 12))
			np_printf(c, "rsvd=0x%x", np_be32(c, bp + 12));
		np_putc(c, ']');
	}
	if (code != 0)
		return;
	const uint8_t *match = bp + RR_HDRLEN, *cp = match + RR_MATCHLEN;
	const char *sep = c->o.vflag > 1 ? "\n\t" : " ";
	if (!np_has(c, match + 8, 16)) {
		np_print_trunc(c);
		return;
	}
	np_printf(c, "%smatch(", sep);
	switch (match[0]) {
	case 1: np_puts(c, "add"); break;
	case 2: np_puts(c, "change"); break;
	case 3: np_puts(c, "setglobal"); break;
	default: np_printf(c, "#%u", match[0]); break;
	}
	if (c->o.vflag)
		np_printf(c, ",ord=%u,min=%u,max=%u", match[2], match[4], match[5]);
	np_printf(c, ",%s/%u)", np_fmt_ipv6(buf, match + 8), match[3]);
	int n = (int)match[1] - 3;
	if (n % 4) {
		np_print_trunc(c);
		return;
	}
	for (n /= 4; n-- > 0; cp += RR_USELEN) {
		const uint8_t *use = cp;
		if (!np_has(c, use + 16, 16)) {
			np_print_trunc(c);
			return;
		}
		np_printf(c, "%suse(", sep);
		if (use[12])
			np_printf(c, "%s%s,", use[12] & 0x80 ? "V" : "", use[12] & 0x40 ? "P" : "");
		if (c->o.vflag) {
			np_printf(c, "mask=0x%x,raflags=0x%x,", use[2], use[3]);
			rr_time(c, "vltime", np_be32(c, use + 4));
			rr_time(c, "pltime", np_be32(c, use + 8));
		}
		np_printf(c, "%s/%u/%u)", np_fmt_ipv6(buf, use + 16), use[0], use[1]);
	}
}

/* ---- RPL ------------------------------------------------------------------------------ */

static const np_tok rpl_mops[] = {
	{0, "nonstoring"}, {1, "storing"}, {2, "nonstoring-multicast"},
	{3, "storing-multicast"}, {0, NULL},
};

static const np_tok rpl_subopts[] = {
	{0, "pad1"}, {1, "padN"}, {2, "metrics"}, {3, "routinginfo"}, {4, "config"},
	{5, "rpltarget"}, {6, "transitinfo"}, {8, "destprefix"}, {9, "rpltargetdesc"},
	{0, NULL},
};

static void rpl_options(np_ctx *c, const uint8_t *opts, unsigned length)
{
	char nbuf[24];
	while (length != 0) {
		unsigned type = np_u8(c, opts), optlen;
		if (type == 0) {
			optlen = 1;
			np_puts(c, " opt:pad1");
		} else {
			if (length < 2)
				goto trunc;
			optlen = np_u8(c, opts + 1) + 2u;
			np_printf(c, " opt:%s len:%u ",
				  np_tok_str(rpl_subopts, "subopt:%u", type, nbuf, sizeof(nbuf)), optlen);
			if (!np_has(c, opts, optlen) || length < optlen)
				goto trunc;
			if (c->o.vflag > 2)
				np_hex(c, " ", opts + 2, optlen - 2);
		}
		opts += optlen;
		length -= optlen;
	}
	return;
trunc:
	np_print_trunc(c);
}

static void rpl_dio(np_ctx *c, const uint8_t *bp, unsigned length)
{
	char buf[NP_ADDRSTRLEN], mbuf[24];
	if (length < 24) {
		np_print_invalid(c);
		return;
	}
	const char *dagid = np_ipv6_str(c, bp + 8, buf);
	unsigned mopprf = np_u8(c, bp + 4);
	np_printf(c, " [dagid:%s,seq:%u,instance:%u,rank:%u,%smop:%s,prf:%u]", dagid,
		  np_u8(c, bp + 5), np_u8(c, bp), np_be16(c, bp + 2),
		  mopprf & 0x80 ? "grounded," : "",
		  np_tok_str(rpl_mops, "mop%u", (mopprf >> 3) & 7, mbuf, sizeof(mbuf)), mopprf & 7);
	if (c->o.vflag > 1)
		rpl_options(c, bp + 24, length - 24);
}

/* The 4-byte base of a DAO or DAO-ACK and the DODAGID after it when `present` (RFC 6550 6.4,
 * 6.5): *dagid is its text, "<elided>" when absent, and *p and *length move past both.
 * 1 done, 0 when length is too short for them, -1 when the DODAGID is not captured (said so). */
static int rpl_dao_head(np_ctx *c, const uint8_t **p, unsigned *length, int present, char *buf,
			const char **dagid)
{
	*dagid = "<elided>";
	if (*length < 4)
		return 0;
	const uint8_t *id = *p + 4;
	*p += 4;
	*length -= 4;
	if (!present)
		return 1;
	if (!np_has(c, id, 16)) {
		np_print_trunc(c);
		return -1;
	}
	if (*length < 16)
		return 0;
	*dagid = np_ipv6_str(c, id, buf);
	*p += 16;
	*length -= 16;
	return 1;
}

static void rpl_dao(np_ctx *c, const uint8_t *bp, unsigned length)
{
	char buf[NP_ADDRSTRLEN];
	const char *dagid;
	const uint8_t *p = bp;
	/* tcpdump checks the largest base (with the DODAGID) is captured before anything */
	if (!np_has(c, bp, 20)) {
		np_print_trunc(c);
		return;
	}
	unsigned flags = bp[1];
	int ok = rpl_dao_head(c, &p, &length, flags & 0x40, buf, &dagid);
	if (ok == 0)
		np_puts(c, " [|length too short]");
	if (ok <= 0)
		return;
	np_printf(c, " [dagid:%s,seq:%u,instance:%u%s%s,%02x]", dagid, bp[3], bp[0],
		  flags & 0x80 ? ",acK" : "", flags & 0x40 ? ",Dagid" : "", flags);
	if (c->o.vflag > 1)
		rpl_options(c, p, length);
}

static void rpl_daoack(np_ctx *c, const uint8_t *bp, unsigned length)
{
	char buf[NP_ADDRSTRLEN];
	const char *dagid;
	const uint8_t *p = bp;
	if (!np_has(c, bp, 4)) {
		np_print_trunc(c);
		return;
	}
	int ok = rpl_dao_head(c, &p, &length, bp[1] & 0x80, buf, &dagid);
	if (ok == 0)
		np_puts(c, " [|dao-length too short]");
	if (ok <= 0)
		return;
	np_printf(c, " [dagid:%s,seq:%u,instance:%u,status:%u]", dagid, bp[2], bp[0], bp[3]);
	if (c->o.vflag > 1)
		rpl_options(c, p, length);
}

void np_icmp6_rpl_print(np_ctx *c, unsigned code, const uint8_t *bp, unsigned length)
{
	if (code & 0x80) {
		np_puts(c, ", (SEC) [worktodo]");
		return;
	}
	np_puts(c, ", (CLR)");
	switch (code & 0x7f) {
	case 0:
		np_puts(c, "DODAG Information Solicitation");
		break;
	case 1:
		np_puts(c, "DODAG Information Object");
		if (c->o.vflag)
			rpl_dio(c, bp, length);
		break;
	case 2:
		np_puts(c, "Destination Advertisement Object");
		if (c->o.vflag)
			rpl_dao(c, bp, length);
		break;
	case 3:
		np_puts(c, "Destination Advertisement Object Ack");
		if (c->o.vflag)
			rpl_daoack(c, bp, length);
		break;
	default:
		np_printf(c, "RPL message, unknown code %u", code);
		break;
	}
}
