/* DHCPv6 (RFC 8415 and the option RFCs tcpdump 4.99.3 knows) on UDP ports 546/547, over
 * IPv4 or IPv6: "dhcp6 TYPE" and, with -v, the transaction ID (or the relay addresses) and
 * every option in parentheses, nested options and relayed messages inside their parent.
 *
 * Options are walked up to the end of the message or of the capture, whichever comes
 * first; a cut option prints " [|dhcp6]" and ends the list (tcpdump's goto trunc), reads
 * with tcpdump's longjmp-ing accessors end the packet with the whole-packet dump (np_u8...).
 */
#include <string.h>

#include "capture/netprint.h"


static const np_tok msg_names[] = {
	{1, "solicit"}, {2, "advertise"}, {3, "request"}, {4, "confirm"}, {5, "renew"},
	{6, "rebind"}, {7, "reply"}, {8, "release"}, {9, "decline"}, {10, "reconfigure"},
	{11, "inf-req"}, {12, "relay-fwd"}, {13, "relay-reply"}, {14, "leasequery"},
	{15, "leasequery-reply"}, {0, NULL},
};

/* 4.99.3's table: no names for Bootfile-URL (59) or SZTP-redirect (136) */
static const np_tok opt_names[] = {
	{1, "client-ID"}, {2, "server-ID"}, {3, "IA_NA"}, {4, "IA_TA"}, {5, "IA_ADDR"},
	{6, "option-request"}, {7, "preference"}, {8, "elapsed-time"}, {9, "relay-message"},
	{11, "authentication"}, {12, "server-unicast"}, {13, "status-code"},
	{14, "rapid-commit"}, {15, "user-class"}, {16, "vendor-class"},
	{17, "vendor-specific-info"}, {18, "interface-ID"}, {19, "reconfigure-message"},
	{20, "reconfigure-accept"}, {21, "SIP-servers-domain"}, {22, "SIP-servers-address"},
	{23, "DNS-server"}, {24, "DNS-search-list"}, {25, "IA_PD"}, {26, "IA_PD-prefix"},
	{31, "SNTP-servers"}, {32, "lifetime"}, {27, "NIS-server"}, {28, "NIS+-server"},
	{29, "NIS-domain-name"}, {30, "NIS+-domain-name"}, {33, "BCMCS-domain-name"},
	{34, "BCMCS-server"}, {36, "Geoconf-Civic"}, {37, "Remote-ID"}, {38, "Subscriber-ID"},
	{39, "Client-FQDN"}, {40, "PANA-agent"}, {41, "POSIX-timezone"},
	{42, "POSIX-tz-database"}, {43, "Echo-request-option"}, {44, "Lease-query"},
	{45, "LQ-client-data"}, {46, "Clt-time"}, {47, "LQ-relay-data"},
	{48, "LQ-client-link"}, {56, "NTP-server"}, {64, "AFTR-Name"}, {112, "MUD-URL"},
	{0, NULL},
};

static const np_tok status_names[] = {
	{0, "Success"}, {1, "UnspecFail"}, {2, "NoAddrsAvail"}, {3, "NoBinding"},
	{4, "NotOnLink"}, {5, "UseMulticast"}, {6, "NoPrefixAvail"}, {7, "UnknownQueryType"},
	{8, "MalformedQuery"}, {9, "NotConfigured"}, {10, "NotAllowed"}, {0, NULL},
};

/* An option's name after pre, "opt_N" when it has none */
static void opt_name(np_ctx *c, const char *pre, unsigned type)
{
	const char *s = np_tok_find(opt_names, type);
	if (s)
		np_printf(c, "%s%s", pre, s);
	else
		np_printf(c, "%sopt_%u", pre, type);
}

static const char *ip6s(np_ctx *c, const uint8_t *p, char *buf)
{
	np_need(c, p, 16);
	return np_ipv6_str(c, p, buf);
}

/* nd_printjnp: up to n characters, stopping at a NUL */
static void printjnp(np_ctx *c, const uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		unsigned ch = np_u8(c, p + i);
		if (ch == 0)
			break;
		np_print_chars(c, p + i, 1);
	}
}

/* tcpdump's labellen: -1 for what it cannot size (extended label types) */
static int labellen(np_ctx *c, const uint8_t *p)
{
	unsigned i = np_u8(c, p);
	if ((i & 0xc0) == 0xc0)
		return 0;
	if ((i & 0xc0) == 0x40)
		return -1; /* bit labels: rare; tcpdump sizes them, netsift gives up here */
	return (int)i;
}

/* The label head at *cp: its first byte in *i, its length in *l, *cp moved past the byte.
 * 0 when it is not captured or of a type that cannot be sized. */
static int next_label(np_ctx *c, const uint8_t **cp, unsigned *i, int *l)
{
	if (!np_has(c, *cp, 1))
		return 0;
	*i = (*cp)[0];
	if ((*l = labellen(c, *cp)) < 0)
		return 0;
	(*cp)++;
	return 1;
}

/* tcpdump's fqdn_print (RFC 1035 names, compression relative to bp); NULL when cut */
static const uint8_t *fqdn(np_ctx *c, const uint8_t *cp, const uint8_t *bp)
{
	const unsigned maxcd = 255;
	const uint8_t *rp = NULL;
	int compress = 0;
	unsigned name_chars = 0;
	int l = labellen(c, cp);
	if (l < 0 || !np_has(c, cp, 1))
		return NULL;
	unsigned max_offset = (unsigned)(cp - bp);
	unsigned i = np_u8(c, cp);
	cp++;
	if ((i & 0xc0) != 0xc0)
		rp = cp + l;
	if (i == 0) {
		np_putc(c, '.');
		return rp;
	}
	while (i && cp < c->snapend) {
		if ((i & 0xc0) == 0xc0) {
			if (!compress) {
				rp = cp + 1;
				compress = 1;
			}
			if (!np_has(c, cp, 1))
				return NULL;
			unsigned offset = ((i << 8) | cp[0]) & 0x3fff;
			if (offset >= max_offset) {
				np_puts(c, "<BAD PTR>");
				return NULL;
			}
			max_offset = offset;
			cp = bp + offset;
			if (!next_label(c, &cp, &i, &l))
				return NULL;
			continue;
		}
		if ((i & 0xc0) == 0x40) {
			np_printf(c, "<ELT %d>", i & 0x3f);
			return NULL;
		}
		if (name_chars + (unsigned)l <= maxcd) {
			if (np_print_chars(c, cp, (unsigned)l))
				return NULL;
		} else if (name_chars < maxcd) {
			if (np_print_chars(c, cp, maxcd - name_chars))
				return NULL;
		}
		name_chars += (unsigned)l;
		cp += l;
		if (name_chars <= maxcd)
			np_putc(c, '.');
		name_chars++;
		if (!next_label(c, &cp, &i, &l))
			return NULL;
		if (!compress)
			rp += l + 1;
	}
	if (name_chars > maxcd)
		np_puts(c, "<DOMAIN NAME TOO LONG>");
	return rp;
}

static void dhcp6_body(np_ctx *c, const uint8_t *cp, unsigned length);

static void hexn(np_ctx *c, const uint8_t *p, unsigned from, unsigned to)
{
	for (unsigned i = from; i < to; i++)
		np_printf(c, "%02x", np_u8(c, p + i));
}

/* ---- option values -------------------------------------------------------------------- */

/* What an option printer leaves to the list walk: the closing parenthesis, nothing (it
 * printed its own or, as tcpdump, leaves it open), or the end of the list (cut). */
enum { OPT_CLOSE, OPT_DONE, OPT_TRUNC };

typedef int (*opt_fn)(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend);

static void opts_print(np_ctx *c, const uint8_t *cp, const uint8_t *ep);

/* At most ten bytes in hex from `from` on, then "..." */
static void hex10(np_ctx *c, const uint8_t *tp, unsigned from, unsigned optlen)
{
	hexn(c, tp, from, optlen < from + 10 ? optlen : from + 10);
	np_puts(c, "...");
}

static int opt_duid(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)oend;
	static const unsigned min[] = {0, 8, 10, 4}; /* by DUID type */
	unsigned type = np_be16(c, tp);
	if (type >= 1 && type <= 3 && optlen < min[type]) {
		np_puts(c, " ?)");
		return OPT_DONE;
	}
	switch (type) {
	case 1:
		np_printf(c, " hwaddr/time type %u time %u ", np_be16(c, tp + 2), np_be32(c, tp + 4));
		hexn(c, tp, 8, optlen);
		break;
	case 2:
		np_puts(c, " vid ");
		hexn(c, tp, 2, 10);
		break;
	case 3:
		np_printf(c, " hwaddr type %u ", np_be16(c, tp + 2));
		hexn(c, tp, 4, optlen);
		break;
	default:
		np_printf(c, " type %u", type);
		break;
	}
	return OPT_CLOSE;
}

/* IA_NA and IA_PD */
static int opt_ia(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)optlen, (void)oend;
	np_printf(c, " IAID:%u T1:%u T2:%u", np_be32(c, tp), np_be32(c, tp + 4), np_be32(c, tp + 8));
	return OPT_CLOSE;
}

static int opt_ia_ta(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)optlen, (void)oend;
	np_printf(c, " IAID:%u", np_be32(c, tp));
	return OPT_CLOSE;
}

static int opt_ia_addr(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)optlen, (void)oend;
	char s[NP_ADDRSTRLEN];
	np_printf(c, " %s", ip6s(c, tp, s));
	np_printf(c, " pltime:%u vltime:%u", np_be32(c, tp + 16), np_be32(c, tp + 20));
	return OPT_CLOSE;
}

static int opt_ia_prefix(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)optlen, (void)oend;
	char s[NP_ADDRSTRLEN];
	ip6s(c, tp + 9, s);
	np_printf(c, " %s/%u", s, np_u8(c, tp + 8));
	np_printf(c, " pltime:%u vltime:%u", np_be32(c, tp), np_be32(c, tp + 4));
	return OPT_CLOSE;
}

static int opt_codes(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)oend;
	for (unsigned i = 0; i < optlen; i += 2)
		opt_name(c, " ", np_be16(c, tp + i));
	return OPT_CLOSE;
}

/* an unsigned number of the option's length (1, 2 or 4 bytes) */
static int opt_number(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)oend;
	np_printf(c, " %u", optlen == 1 ? np_u8(c, tp) : optlen == 2 ? np_be16(c, tp) : np_be32(c, tp));
	return OPT_CLOSE;
}

static int opt_relay_msg(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)oend;
	np_puts(c, " (");
	const uint8_t *save = np_narrow(c, tp, optlen);
	dhcp6_body(c, tp, optlen);
	np_restore_snapend(c, save);
	np_putc(c, ')');
	return OPT_DONE;
}

static int opt_auth(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)oend;
	unsigned i, proto = np_u8(c, tp), alg, rdm;
	if (proto == 2)
		np_puts(c, " proto: delayed");
	else if (proto == 3)
		np_puts(c, " proto: reconfigure");
	else
		np_printf(c, " proto: %u", proto);
	alg = np_u8(c, tp + 1);
	if (alg == 1)
		np_puts(c, ", alg: HMAC-MD5");
	else
		np_printf(c, ", alg: %u", alg);
	rdm = np_u8(c, tp + 2);
	if (rdm == 0)
		np_puts(c, ", RDM: mono");
	else
		np_printf(c, ", RDM: %u", rdm);
	np_puts(c, ", RD:");
	const uint8_t *q = tp + 3;
	for (i = 0; i < 4; i++, q += 2)
		np_printf(c, " %04x", np_be16(c, q));
	unsigned ilen = optlen - 11;
	if (proto == 2) {
		if (ilen == 0)
			return OPT_DONE; /* tcpdump leaves the parenthesis open here */
		if (ilen < 20) {
			np_puts(c, " ??");
		} else {
			unsigned realm = ilen - 20;
			if (realm > 0)
				np_puts(c, ", realm: ");
			for (i = 0; i < realm; i++, q++)
				np_printf(c, "%02x", np_u8(c, q));
			np_printf(c, ", key ID: %08x", np_be32(c, q));
			q += 4;
			np_puts(c, ", HMAC-MD5:");
			for (i = 0; i < 4; i++, q += 4)
				np_printf(c, " %08x", np_be32(c, q));
		}
	} else if (proto == 3) {
		if (ilen != 17) {
			np_puts(c, " ??");
		} else {
			unsigned t = np_u8(c, q);
			np_puts(c, t == 1 ? " reconfig-key" : t == 2 ? " type: HMAC-MD5" : " type: ??");
			q++;
			np_puts(c, " value:");
			for (i = 0; i < 4; i++, q += 4)
				np_printf(c, " %08x", np_be32(c, q));
		}
	} else {
		np_puts(c, " ??");
	}
	return OPT_CLOSE;
}

static int opt_status(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)optlen, (void)oend;
	unsigned code = np_be16(c, tp);
	const char *n = np_tok_find(status_names, code);
	if (code > 255)
		np_puts(c, " INVALID code");
	else if (n)
		np_printf(c, " %s", n);
	else
		np_printf(c, " code%u", code);
	return OPT_CLOSE;
}

static int opt_id(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)oend;
	np_putc(c, ' ');
	hex10(c, tp, 0, optlen);
	return OPT_CLOSE;
}

/* the message types a server may ask a client to send (RFC 8415 21.19) */
static const np_tok reconf_msgs[] = {{5, "renew"}, {11, "inf-req"}, {0, NULL}};

static int opt_reconf_msg(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)optlen, (void)oend;
	char b[16];
	np_printf(c, " for %s", np_tok_str(reconf_msgs, "?\?\?(%02x)", np_u8(c, tp), b, sizeof(b)));
	return OPT_CLOSE;
}

static int opt_addrs(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)oend;
	char s[NP_ADDRSTRLEN];
	for (unsigned i = 0; i < optlen; i += 16)
		np_printf(c, " %s", ip6s(c, tp + i, s));
	return OPT_CLOSE;
}

static int opt_names_list(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)optlen;
	while (tp < oend) {
		np_putc(c, ' ');
		if ((tp = fqdn(c, tp, oend)) == NULL)
			return OPT_TRUNC;
	}
	return OPT_CLOSE;
}

static int opt_remote_id(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)oend;
	np_printf(c, " %u ", np_be32(c, tp));
	hex10(c, tp, 4, optlen);
	return OPT_CLOSE;
}

static const np_tok lq_query_types[] = {{1, "by-address"}, {2, "by-clientID"}, {0, NULL}};

static int opt_lq_query(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)optlen, (void)oend;
	char s[NP_ADDRSTRLEN], b[16];
	np_printf(c, " %s", np_tok_str(lq_query_types, "type_%u", np_u8(c, tp), b, sizeof(b)));
	np_printf(c, " %s", ip6s(c, tp + 1, s));
	return OPT_CLOSE;
}

static int opt_lq_relay(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)oend;
	char s[NP_ADDRSTRLEN];
	np_printf(c, " %s ", ip6s(c, tp, s));
	hex10(c, tp, 16, optlen);
	return OPT_CLOSE;
}

static int opt_ntp_server(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)optlen;
	char s[NP_ADDRSTRLEN];
	while (tp < oend - 4) {
		unsigned code = np_be16(c, tp), sl = np_be16(c, tp + 2);
		tp += 4;
		if (tp + sl > oend)
			return OPT_TRUNC;
		np_printf(c, " subopt:%u", code);
		if (code == 1 || code == 2) {
			if (sl != 16)
				np_puts(c, " ?");
			else
				np_printf(c, " %s", ip6s(c, tp, s));
		} else if (code == 3) {
			np_putc(c, ' ');
			if (fqdn(c, tp, tp + sl) == NULL)
				return OPT_TRUNC;
		} else {
			np_puts(c, " ?");
		}
		tp += sl;
	}
	return OPT_CLOSE;
}

static int opt_aftr_name(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)oend;
	unsigned remain = optlen;
	np_putc(c, ' ');
	while (remain && np_u8(c, tp)) {
		unsigned ll = np_u8(c, tp);
		tp++;
		if (ll < remain - 1) {
			printjnp(c, tp, ll);
			tp += ll;
			remain -= ll + 1;
			if (np_u8(c, tp))
				np_putc(c, '.');
		} else {
			np_puts(c, " ?");
			break;
		}
	}
	return OPT_CLOSE;
}

static int opt_text(np_ctx *c, const uint8_t *tp, unsigned optlen, const uint8_t *oend)
{
	(void)oend;
	np_putc(c, ' ');
	printjnp(c, tp, optlen);
	return OPT_CLOSE;
}

/* The options tcpdump 4.99.3 decodes: the length each needs (else " ?)"), the printer of
 * the value and where nested options start after it (NOSUB: none).  Any other option
 * prints its name only. */
enum { LEN_ANY, LEN_MIN, LEN_EQ, LEN_MUL /* a multiple of n */ };
#define NOSUB (-1)
static const struct opt_entry {
	uint16_t type;
	uint8_t len_rule;
	uint8_t n;
	opt_fn fn;
	int sub;
} opt_table[] = {
	{1, LEN_MIN, 2, opt_duid, NOSUB}, {2, LEN_MIN, 2, opt_duid, NOSUB},
	{3, LEN_MIN, 12, opt_ia, 12}, {4, LEN_MIN, 4, opt_ia_ta, 4},
	{5, LEN_MIN, 24, opt_ia_addr, 24}, {6, LEN_MUL, 2, opt_codes, NOSUB},
	{7, LEN_EQ, 1, opt_number, NOSUB}, {8, LEN_EQ, 2, opt_number, NOSUB},
	{9, LEN_ANY, 0, opt_relay_msg, NOSUB}, {11, LEN_MIN, 11, opt_auth, NOSUB},
	{13, LEN_MIN, 2, opt_status, NOSUB}, {18, LEN_ANY, 0, opt_id, NOSUB},
	{19, LEN_EQ, 1, opt_reconf_msg, NOSUB}, {21, LEN_ANY, 0, opt_names_list, NOSUB},
	{22, LEN_MUL, 16, opt_addrs, NOSUB}, {23, LEN_MUL, 16, opt_addrs, NOSUB},
	{24, LEN_ANY, 0, opt_names_list, NOSUB}, {25, LEN_MIN, 12, opt_ia, 12},
	{26, LEN_MIN, 25, opt_ia_prefix, 25}, {27, LEN_MUL, 16, opt_addrs, NOSUB},
	{28, LEN_MUL, 16, opt_addrs, NOSUB}, {31, LEN_MUL, 16, opt_addrs, NOSUB},
	{32, LEN_EQ, 4, opt_number, NOSUB}, {34, LEN_MUL, 16, opt_addrs, NOSUB},
	{37, LEN_MIN, 4, opt_remote_id, NOSUB}, {38, LEN_ANY, 0, opt_id, NOSUB},
	{40, LEN_MUL, 16, opt_addrs, NOSUB}, {41, LEN_MIN, 5, opt_text, NOSUB},
	{42, LEN_MIN, 5, opt_text, NOSUB}, {43, LEN_MUL, 2, opt_codes, NOSUB},
	{44, LEN_MIN, 17, opt_lq_query, 17}, {45, LEN_ANY, 0, NULL, 0},
	{46, LEN_EQ, 4, opt_number, NOSUB}, {47, LEN_MIN, 16, opt_lq_relay, NOSUB},
	{48, LEN_MUL, 16, opt_addrs, NOSUB}, {56, LEN_MIN, 4, opt_ntp_server, NOSUB},
	{64, LEN_MIN, 3, opt_aftr_name, NOSUB}, {112, LEN_MIN, 5, opt_text, NOSUB},
};

static const struct opt_entry *opt_find(unsigned type)
{
	for (size_t i = 0; i < sizeof(opt_table) / sizeof(opt_table[0]); i++)
		if (opt_table[i].type == type)
			return &opt_table[i];
	return NULL;
}

static int opt_len_ok(const struct opt_entry *e, unsigned optlen)
{
	switch (e->len_rule) {
	case LEN_MIN:
		return optlen >= e->n;
	case LEN_EQ:
		return optlen == e->n;
	case LEN_MUL:
		return optlen % e->n == 0;
	}
	return 1;
}

static void opts_print(np_ctx *c, const uint8_t *cp, const uint8_t *ep)
{
	while (cp < ep) {
		if (ep < cp + 4 || !np_has(c, cp, 4))
			goto trunc;
		unsigned optlen = np_be16(c, cp + 2);
		if (ep < cp + 4 + optlen)
			goto trunc;
		unsigned type = np_be16(c, cp);
		opt_name(c, " (", type);
		if (!np_has(c, cp + 4, optlen))
			goto trunc;
		const uint8_t *tp = cp + 4, *oend = cp + 4 + optlen;
		const struct opt_entry *e = opt_find(type);
		int r = OPT_CLOSE;
		if (e && !opt_len_ok(e, optlen)) {
			np_puts(c, " ?)");
			r = OPT_DONE;
		} else if (e && e->fn) {
			r = e->fn(c, tp, optlen, oend);
		}
		if (r == OPT_TRUNC)
			goto trunc;
		if (r == OPT_CLOSE) {
			if (e && e->sub != NOSUB && optlen > (unsigned)e->sub)
				opts_print(c, tp + e->sub, oend);
			np_putc(c, ')');
		}
		cp += 4 + optlen;
	}
	return;
trunc:
	np_print_trunc(c);
}

static void dhcp6_body(np_ctx *c, const uint8_t *cp, unsigned length)
{
	char s[NP_ADDRSTRLEN];
	np_set_proto(c, "dhcp6");
	np_puts(c, "dhcp6");
	const uint8_t *ep = c->snapend;
	if (cp + length < ep)
		ep = cp + length;
	if (!np_has(c, cp, 4)) {
		np_print_trunc(c);
		return;
	}
	unsigned type = cp[0];
	char nb[32];
	const char *name = np_tok_str(msg_names, "msgtype-%u", type, nb, sizeof(nb));
	if (!c->o.vflag) {
		np_printf(c, " %s", name);
		return;
	}
	np_printf(c, " %s (", name);
	if (type != 12 && type != 13) {
		np_printf(c, "xid=%x", np_be32(c, cp) & 0xffffff);
		opts_print(c, cp + 4, ep);
	} else {
		np_printf(c, "linkaddr=%s", ip6s(c, cp + 2, s));
		np_printf(c, " peeraddr=%s", ip6s(c, cp + 18, s));
		opts_print(c, cp + 34, ep);
	}
	np_putc(c, ')');
}

void np_dhcp6_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	dhcp6_body(c, bp, length);
}
