/* DHCPv6 (RFC 8415 and the option RFCs tcpdump 4.99.3 knows) on UDP ports 546/547, over
 * IPv4 or IPv6: "dhcp6 TYPE" and, with -v, the transaction ID (or the relay addresses) and
 * every option in parentheses, nested options and relayed messages inside their parent.
 *
 * Options are walked up to the end of the message or of the capture, whichever comes
 * first; a cut option prints " [|dhcp6]" and ends the list (tcpdump's goto trunc), reads
 * with tcpdump's longjmp-ing accessors end the packet with the whole-packet dump (g8...).
 */
#include <string.h>

#include "capture/netprint.h"

static void need(np_ctx *c, const uint8_t *p, unsigned len)
{
	if (!np_has(c, p, len)) {
		c->ll_hdr_len = 0;
		np_trunc(c);
	}
}
static unsigned g8(np_ctx *c, const uint8_t *p) { need(c, p, 1); return p[0]; }
static unsigned g16(np_ctx *c, const uint8_t *p) { need(c, p, 2); return np_be16(c, p); }
static uint32_t g32(np_ctx *c, const uint8_t *p) { need(c, p, 4); return np_be32(c, p); }

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

static void opt_name(np_ctx *c, unsigned type)
{
	const char *s = np_tok_find(opt_names, type);
	if (s)
		np_printf(c, " (%s", s);
	else
		np_printf(c, " (opt_%u", type);
}

static const char *ip6s(np_ctx *c, const uint8_t *p, char *buf)
{
	need(c, p, 16);
	return np_ipv6_str(c, p, buf);
}

/* nd_printjnp: up to n characters, stopping at a NUL */
static void printjnp(np_ctx *c, const uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		unsigned ch = g8(c, p + i);
		if (ch == 0)
			break;
		np_print_chars(c, p + i, 1);
	}
}

/* tcpdump's labellen: -1 for what it cannot size (extended label types) */
static int labellen(np_ctx *c, const uint8_t *p)
{
	unsigned i = g8(c, p);
	if ((i & 0xc0) == 0xc0)
		return 0;
	if ((i & 0xc0) == 0x40)
		return -1; /* bit labels: rare; tcpdump sizes them, netsift gives up here */
	return (int)i;
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
	unsigned i = g8(c, cp);
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
			if (!np_has(c, cp, 1))
				return NULL;
			i = cp[0];
			if ((l = labellen(c, cp)) < 0)
				return NULL;
			cp++;
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
		if (!np_has(c, cp, 1))
			return NULL;
		i = cp[0];
		if ((l = labellen(c, cp)) < 0)
			return NULL;
		cp++;
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
		np_printf(c, "%02x", g8(c, p + i));
}

static void opts_print(np_ctx *c, const uint8_t *cp, const uint8_t *ep)
{
	char s[NP_ADDRSTRLEN];
	while (cp < ep) {
		if (ep < cp + 4 || !np_has(c, cp, 4))
			goto trunc;
		unsigned optlen = g16(c, cp + 2);
		if (ep < cp + 4 + optlen)
			goto trunc;
		unsigned type = g16(c, cp);
		opt_name(c, type);
		if (!np_has(c, cp + 4, optlen))
			goto trunc;
		const uint8_t *tp = cp + 4, *oend = cp + 4 + optlen;
		unsigned i;
		switch (type) {
		case 1:
		case 2:
			if (optlen < 2) {
				np_puts(c, " ?)");
				break;
			}
			switch (g16(c, tp)) {
			case 1:
				if (optlen >= 8) {
					np_printf(c, " hwaddr/time type %u time %u ", g16(c, tp + 2),
						  g32(c, tp + 4));
					hexn(c, tp, 8, optlen);
					np_putc(c, ')');
				} else {
					np_puts(c, " ?)");
				}
				break;
			case 2:
				if (optlen >= 10) {
					np_puts(c, " vid ");
					hexn(c, tp, 2, 10);
					np_putc(c, ')');
				} else {
					np_puts(c, " ?)");
				}
				break;
			case 3:
				if (optlen >= 4) {
					np_printf(c, " hwaddr type %u ", g16(c, tp + 2));
					hexn(c, tp, 4, optlen);
					np_putc(c, ')');
				} else {
					np_puts(c, " ?)");
				}
				break;
			default:
				np_printf(c, " type %u)", g16(c, tp));
				break;
			}
			break;
		case 5:
			if (optlen < 24) {
				np_puts(c, " ?)");
				break;
			}
			np_printf(c, " %s", ip6s(c, tp, s));
			np_printf(c, " pltime:%u vltime:%u", g32(c, tp + 16), g32(c, tp + 20));
			if (optlen > 24)
				opts_print(c, tp + 24, oend);
			np_putc(c, ')');
			break;
		case 6:
		case 43:
			if (optlen % 2) {
				np_puts(c, " ?)");
				break;
			}
			for (i = 0; i < optlen; i += 2) {
				unsigned o = g16(c, tp + i);
				const char *n = np_tok_find(opt_names, o);
				if (n)
					np_printf(c, " %s", n);
				else
					np_printf(c, " opt_%u", o);
			}
			np_putc(c, ')');
			break;
		case 7:
			if (optlen != 1)
				np_puts(c, " ?)");
			else
				np_printf(c, " %u)", g8(c, tp));
			break;
		case 8:
			if (optlen != 2)
				np_puts(c, " ?)");
			else
				np_printf(c, " %u)", g16(c, tp));
			break;
		case 9: {
			np_puts(c, " (");
			const uint8_t *save = np_narrow(c, tp, optlen);
			dhcp6_body(c, tp, optlen);
			np_restore_snapend(c, save);
			np_putc(c, ')');
			break;
		}
		case 11: {
			if (optlen < 11) {
				np_puts(c, " ?)");
				break;
			}
			unsigned proto = g8(c, tp), alg, rdm;
			if (proto == 2)
				np_puts(c, " proto: delayed");
			else if (proto == 3)
				np_puts(c, " proto: reconfigure");
			else
				np_printf(c, " proto: %u", proto);
			alg = g8(c, tp + 1);
			if (alg == 1)
				np_puts(c, ", alg: HMAC-MD5");
			else
				np_printf(c, ", alg: %u", alg);
			rdm = g8(c, tp + 2);
			if (rdm == 0)
				np_puts(c, ", RDM: mono");
			else
				np_printf(c, ", RDM: %u", rdm);
			np_puts(c, ", RD:");
			const uint8_t *q = tp + 3;
			for (i = 0; i < 4; i++, q += 2)
				np_printf(c, " %04x", g16(c, q));
			unsigned ilen = optlen - 11;
			if (proto == 2) {
				if (ilen == 0)
					break; /* tcpdump leaves the parenthesis open here */
				if (ilen < 20) {
					np_puts(c, " ??");
				} else {
					unsigned realm = ilen - 20;
					if (realm > 0)
						np_puts(c, ", realm: ");
					for (i = 0; i < realm; i++, q++)
						np_printf(c, "%02x", g8(c, q));
					np_printf(c, ", key ID: %08x", g32(c, q));
					q += 4;
					np_puts(c, ", HMAC-MD5:");
					for (i = 0; i < 4; i++, q += 4)
						np_printf(c, " %08x", g32(c, q));
				}
			} else if (proto == 3) {
				if (ilen != 17) {
					np_puts(c, " ??");
				} else {
					unsigned t = g8(c, q);
					np_puts(c, t == 1 ? " reconfig-key" : t == 2 ? " type: HMAC-MD5"
										    : " type: ??");
					q++;
					np_puts(c, " value:");
					for (i = 0; i < 4; i++, q += 4)
						np_printf(c, " %08x", g32(c, q));
				}
			} else {
				np_puts(c, " ??");
			}
			np_putc(c, ')');
			break;
		}
		case 14:
		case 20:
			np_putc(c, ')');
			break;
		case 18:
		case 38:
			np_putc(c, ' ');
			for (i = 0; i < optlen && i < 10; i++)
				np_printf(c, "%02x", g8(c, tp + i));
			np_puts(c, "...)");
			break;
		case 19:
			if (optlen != 1) {
				np_puts(c, " ?)");
				break;
			}
			i = g8(c, tp);
			if (i == 5)
				np_puts(c, " for renew)");
			else if (i == 11)
				np_puts(c, " for inf-req)");
			else
				np_printf(c, " for ?\?\?(%02x))", i);
			break;
		case 22: case 23: case 31: case 27: case 28: case 34: case 40: case 48:
			if (optlen % 16) {
				np_puts(c, " ?)");
				break;
			}
			for (i = 0; i < optlen; i += 16)
				np_printf(c, " %s", ip6s(c, tp + i, s));
			np_putc(c, ')');
			break;
		case 21:
		case 24:
			while (tp < oend) {
				np_putc(c, ' ');
				if ((tp = fqdn(c, tp, oend)) == NULL)
					goto trunc;
			}
			np_putc(c, ')');
			break;
		case 13:
			if (optlen < 2) {
				np_puts(c, " ?)");
				break;
			}
			i = g16(c, tp);
			if (i > 255) {
				np_puts(c, " INVALID code)");
			} else {
				const char *n = np_tok_find(status_names, i);
				if (n)
					np_printf(c, " %s)", n);
				else
					np_printf(c, " code%u)", i);
			}
			break;
		case 3:
		case 25:
			if (optlen < 12) {
				np_puts(c, " ?)");
				break;
			}
			np_printf(c, " IAID:%u T1:%u T2:%u", g32(c, tp), g32(c, tp + 4), g32(c, tp + 8));
			if (optlen > 12)
				opts_print(c, tp + 12, oend);
			np_putc(c, ')');
			break;
		case 4:
			if (optlen < 4) {
				np_puts(c, " ?)");
				break;
			}
			np_printf(c, " IAID:%u", g32(c, tp));
			if (optlen > 4)
				opts_print(c, tp + 4, oend);
			np_putc(c, ')');
			break;
		case 26:
			if (optlen < 25) {
				np_puts(c, " ?)");
				break;
			}
			ip6s(c, tp + 9, s);
			np_printf(c, " %s/%u", s, g8(c, tp + 8));
			np_printf(c, " pltime:%u vltime:%u", g32(c, tp), g32(c, tp + 4));
			if (optlen > 25)
				opts_print(c, tp + 25, oend);
			np_putc(c, ')');
			break;
		case 32:
		case 46:
			if (optlen != 4)
				np_puts(c, " ?)");
			else
				np_printf(c, " %u)", g32(c, tp));
			break;
		case 37:
			if (optlen < 4) {
				np_puts(c, " ?)");
				break;
			}
			np_printf(c, " %u ", g32(c, tp));
			for (i = 4; i < optlen && i < 14; i++)
				np_printf(c, "%02x", g8(c, tp + i));
			np_puts(c, "...)");
			break;
		case 44: {
			if (optlen < 17) {
				np_puts(c, " ?)");
				break;
			}
			unsigned qt = g8(c, tp);
			if (qt == 1)
				np_puts(c, " by-address");
			else if (qt == 2)
				np_puts(c, " by-clientID");
			else
				np_printf(c, " type_%u", qt);
			np_printf(c, " %s", ip6s(c, tp + 1, s));
			if (optlen > 17)
				opts_print(c, tp + 17, oend);
			np_putc(c, ')');
			break;
		}
		case 45:
			if (optlen > 0)
				opts_print(c, tp, oend);
			np_putc(c, ')');
			break;
		case 47:
			if (optlen < 16) {
				np_puts(c, " ?)");
				break;
			}
			np_printf(c, " %s ", ip6s(c, tp, s));
			for (i = 16; i < optlen && i < 26; i++)
				np_printf(c, "%02x", g8(c, tp + i));
			np_puts(c, "...)");
			break;
		case 56:
			if (optlen < 4) {
				np_puts(c, " ?)");
				break;
			}
			while (tp < oend - 4) {
				unsigned code = g16(c, tp), sl = g16(c, tp + 2);
				tp += 4;
				if (tp + sl > oend)
					goto trunc;
				np_printf(c, " subopt:%u", code);
				if (code == 1 || code == 2) {
					if (sl != 16)
						np_puts(c, " ?");
					else
						np_printf(c, " %s", ip6s(c, tp, s));
				} else if (code == 3) {
					np_putc(c, ' ');
					if (fqdn(c, tp, tp + sl) == NULL)
						goto trunc;
				} else {
					np_puts(c, " ?");
				}
				tp += sl;
			}
			np_putc(c, ')');
			break;
		case 64: {
			if (optlen < 3) {
				np_puts(c, " ?)");
				break;
			}
			unsigned remain = optlen;
			np_putc(c, ' ');
			while (remain && g8(c, tp)) {
				unsigned ll = g8(c, tp);
				tp++;
				if (ll < remain - 1) {
					printjnp(c, tp, ll);
					tp += ll;
					remain -= ll + 1;
					if (g8(c, tp))
						np_putc(c, '.');
				} else {
					np_puts(c, " ?");
					break;
				}
			}
			np_putc(c, ')');
			break;
		}
		case 41:
		case 42:
		case 112:
			if (optlen < 5) {
				np_puts(c, " ?)");
				break;
			}
			np_putc(c, ' ');
			printjnp(c, tp, optlen);
			np_putc(c, ')');
			break;
		default:
			np_putc(c, ')');
			break;
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
