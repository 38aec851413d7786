/* GRE (RFC 1701/2784/2890, and the enhanced GRE of PPTP, RFC 2637): flags, checksum and
 * offset, key, sequence and acknowledgment numbers, source route entries, then the payload
 * by its protocol type.
 *
 * Key decisions:
 * - Every header field is checked against the capture and against the GRE length the IP
 *   layer gave before it is read; either one missing ends the header with " [|gre]", as
 *   tcpdump 4.99.3 prints it.  A malformed source route entry is reported and skipped.
 * - Payloads are handed on by protocol type as tcpdump 4.99.3 does: IPv4, IPv6, Ethernet
 *   (TEB), and MPLS, IPX, AppleTalk and OSI through the ethertype table (they print as soon
 *   as someone adds those printers).  Every other type, ERSPAN (0x88be, 0x22eb), NHRP
 *   (0x2001), WCCP (0x883e), keep-alives (0), ARP, NSH, ..., prints as "gre-proto-0x...",
 *   because 4.99.3 decodes none of them in GRE. */
#include "capture/netprint.h"

/* tcpdump checks every GRE field before reading it (ND_TCHECK + "goto trunc"): a cut header
 * ends with " [|gre]" and the dump skips the link header. */
static unsigned get16(np_ctx *c, const uint8_t *p)
{
	np_need_plain(c, p, 2);
	return np_be16(c, p);
}

static uint32_t get32(np_ctx *c, const uint8_t *p)
{
	np_need_plain(c, p, 4);
	return np_be32(c, p);
}

#define GRE_CP 0x8000 /* checksum present */
#define GRE_RP 0x4000 /* routing present */
#define GRE_KP 0x2000 /* key present */
#define GRE_SP 0x1000 /* sequence number present */
#define GRE_sP 0x0800 /* strict source route */
#define GRE_AP 0x0080 /* acknowledgment number present (PPTP) */
#define GRE_VERS_MASK 0x0007

#define GRESRE_IP 0x0800
#define GRESRE_ASN 0xfffe

#define ETHERTYPE_IP 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_TEB 0x6558
#define ETHERTYPE_PPP 0x880b

static const np_tok gre_flags[] = {
	{GRE_CP, "checksum present"},
	{GRE_RP, "routing present"},
	{GRE_KP, "key present"},
	{GRE_SP, "sequence# present"},
	{GRE_sP, "source routing present"},
	{GRE_AP, "ack present"},
	{0, NULL},
};

/* A cursor over the GRE header: `left` is what the GRE length says remains.  take() fails
 * when the length says the field is not there; tcpdump 4.99.3 reports that, like a field
 * missing from the capture, as " [|gre]". */
typedef struct gre_cur {
	const uint8_t *p;
	unsigned left;
} gre_cur;

static int take(gre_cur *g, unsigned n)
{
	if (g->left < n)
		return 0;
	g->p += n;
	g->left -= n;
	return 1;
}

static void flags_print(np_ctx *c, unsigned flags)
{
	if (!c->o.vflag)
		return;
	np_puts(c, ", Flags [");
	np_print_bits(c, gre_flags, ", ", flags);
	np_putc(c, ']');
}

static void proto_print(np_ctx *c, unsigned prot)
{
	if (!c->o.eflag)
		return;
	const char *name = np_ethertype_name(prot);
	np_printf(c, ", proto %s (0x%04x)", name ? name : "unknown", prot);
}

/* A source route entry of `size`-byte addresses (RFC 1702): each printed, the current one
 * (at byte offset `off`) starred.  A misaligned offset or length is reported instead. */
static int sre_print(np_ctx *c, unsigned off, unsigned len, unsigned size, gre_cur *g)
{
	if (off % size) {
		np_printf(c, ", badoffset=%u", off);
		return 1;
	}
	if (len % size) {
		np_printf(c, ", badlength=%u", len);
		return 1;
	}
	if (off >= len) {
		np_printf(c, ", badoff/len=%u/%u", off, len);
		return 1;
	}
	gre_cur at = *g;
	for (unsigned pos = 0; pos < len; pos += size) {
		if (!np_has(c, at.p, size) || at.left < size)
			return 0;
		const char *star = pos == off ? "*" : "";
		char buf[NP_ADDRSTRLEN];
		if (size == 4) /* IPv4 addresses */
			np_printf(c, " %s%s", star, np_fmt_ipv4(buf, at.p));
		else /* 16-bit AS numbers, in hex */
			np_printf(c, " %s%x", star, get16(c, at.p));
		take(&at, size);
	}
	return 1;
}

/* The source route entries up to the null one; 0 when one runs out of data (a malformed
 * entry is only reported: its length still says where the next one is). */
static int routing_print(np_ctx *c, gre_cur *g)
{
	for (;;) {
		np_need_plain(c, g->p, 4);
		if (g->left < 4)
			return 0;
		unsigned af = get16(c, g->p);
		unsigned off = np_u8(c, g->p + 2), len = np_u8(c, g->p + 3);
		take(g, 4);
		if (af == 0 && len == 0)
			return 1;
		int ok = 1;
		if (af == GRESRE_IP || af == GRESRE_ASN) {
			np_puts(c, af == GRESRE_IP ? ", (rtaf=ip" : ", (rtaf=asn");
			ok = sre_print(c, off, len, af == GRESRE_IP ? 4 : 2, g);
			np_putc(c, ')');
		} else {
			np_printf(c, ", (rtaf=0x%x)", af);
		}
		if (!ok || !take(g, len))
			return 0;
	}
}

static void payload_print(np_ctx *c, unsigned prot, gre_cur *g)
{
	switch (prot) {
	case ETHERTYPE_IP:
		np_ip_print(c, g->p, g->left);
		return;
	case ETHERTYPE_IPV6:
		np_ip6_print(c, g->p, g->left);
		return;
	case ETHERTYPE_TEB:
		np_ether_print(c, g->p, g->left, np_avail(c, g->p));
		return;
	case 0x8847: /* MPLS unicast and */
	case 0x8848: /* multicast, */
	case 0x8137: /* IPX, */
	case 0x809b: /* AppleTalk and */
	case 0x00fe: /* OSI: the other types 4.99.3 decodes in GRE */
		if (np_ethertype_dispatch(c, prot, g->p, g->left))
			return;
		break;
	default:
		break;
	}
	np_printf(c, "gre-proto-0x%x", prot);
}

static void separator(np_ctx *c)
{
	np_puts(c, c->o.vflag ? "\n\t" : ": ");
}

/* An optional header field: there when the flags have any of `flags`; its value is masked
 * and printed with fmt (only at -v when `verbose`). */
typedef struct gre_field {
	unsigned flags;
	unsigned size; /* 2 or 4 bytes */
	const char *fmt;
	uint32_t mask;
	int verbose;
} gre_field;

/* RFC 1701: checksum and offset come together, when either flag is set */
static const gre_field v0_fields[] = {
	{GRE_CP | GRE_RP, 2, ", sum 0x%x", 0xffff, 1},
	{GRE_CP | GRE_RP, 2, ", off 0x%x", 0xffff, 0},
	{GRE_KP, 4, ", key=0x%x", 0xffffffff, 0},
	{GRE_SP, 4, ", seq %u", 0xffffffff, 0},
	{0, 0, NULL, 0, 0},
};

/* Enhanced GRE (PPTP): the key field holds the payload length and the call ID */
static const gre_field v1_fields[] = {
	{GRE_KP, 4, ", call %u", 0xffff, 0},
	{GRE_SP, 4, ", seq %u", 0xffffffff, 0},
	{GRE_AP, 4, ", ack %u", 0xffffffff, 0},
	{0, 0, NULL, 0, 0},
};

/* The header up to the source routes: flags, protocol type, then the optional fields of the
 * version's table.  0 when the header is cut short. */
static int header_print(np_ctx *c, gre_cur *g, const gre_field *f, unsigned *flags,
			unsigned *prot)
{
	*flags = get16(c, g->p);
	flags_print(c, *flags);
	take(g, 2);
	if (g->left < 2)
		return 0;
	*prot = get16(c, g->p);
	take(g, 2);
	for (; f->fmt; f++) {
		if (!(*flags & f->flags))
			continue;
		if (g->left < f->size)
			return 0;
		uint32_t v = f->size == 2 ? get16(c, g->p) : get32(c, g->p);
		if (!f->verbose || c->o.vflag)
			np_printf(c, f->fmt, v & f->mask);
		take(g, f->size);
	}
	return 1;
}

static void gre_v0_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	gre_cur g = {bp, length};
	unsigned flags, prot;
	if (!header_print(c, &g, v0_fields, &flags, &prot))
		goto trunc;
	if ((flags & GRE_RP) && !routing_print(c, &g))
		goto trunc;

	proto_print(c, prot);
	np_printf(c, ", length %u", length);
	separator(c);
	payload_print(c, prot, &g);
	return;
trunc:
	np_print_trunc(c);
}

/* Enhanced GRE: no sequence number means no payload. */
static void gre_v1_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	gre_cur g = {bp, length};
	unsigned flags, prot;
	if (!header_print(c, &g, v1_fields, &flags, &prot)) {
		np_print_trunc(c);
		return;
	}
	if (!(flags & GRE_SP))
		np_puts(c, ", no-payload");
	proto_print(c, prot);
	np_printf(c, ", length %u", length);
	if (!(flags & GRE_SP))
		return;
	separator(c);
	if (prot == ETHERTYPE_PPP && np_ethertype_dispatch(c, prot, g.p, g.left))
		return;
	np_printf(c, "gre-proto-0x%x", prot);
}

void np_gre_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	np_set_proto(c, "gre");
	unsigned vers = get16(c, bp) & GRE_VERS_MASK;
	if (length < 2) {
		np_print_trunc(c);
		return;
	}
	np_printf(c, "GREv%u", vers);
	if (vers == 0)
		gre_v0_print(c, bp, length);
	else if (vers == 1)
		gre_v1_print(c, bp, length);
	else
		np_puts(c, " ERROR: unknown-version");
}
