/* DNS (RFC 1035) over UDP and TCP, and mDNS (RFC 6762): the header flags, the question,
 * the resource records of the common types, EDNS0 (RFC 6891) and its options, with the
 * -v/-vv/-vvv variants tcpdump 4.99.3 prints.
 *
 * Key decisions:
 * - Names are printed with compression pointers followed, but a pointer must point
 *   strictly before the previous one (as BIND requires), which ends every loop with
 *   "<BAD PTR>".  A name over 255 characters is cut and flagged.
 * - A record or name that runs past the capture ends the message with " [|domain]"; a
 *   read of the fixed header past the capture takes the one truncation exit.
 * - The extended RCODE (EDNS0) is found by a first pass over the sections before
 *   anything is printed, so "BadVers"/"BadCookie" appear in the header as tcpdump shows. */
#include <string.h>

#include "capture/netprint.h"

#define DNS_HDRLEN 12
#define MAXCDNAME 255
#define LABEL_MASK 0xc0
#define LABEL_PTR 0xc0
#define LABEL_EXT 0x40
#define LABEL_RESERVED 0x80
#define ELT_BITLABEL 0x01

enum {
	T_A = 1, T_NS = 2, T_CNAME = 5, T_SOA = 6, T_PTR = 12, T_MX = 15, T_TXT = 16,
	T_AAAA = 28, T_SRV = 33, T_A6 = 38, T_DNAME = 39, T_OPT = 41, T_TSIG = 250,
	T_URI = 256,
};

enum {
	E_ECS = 8, E_EXPIRE = 9, E_COOKIE = 10, E_KEEPALIVE = 11, E_PADDING = 12,
	E_CHAIN = 13, E_KEYTAG = 14, E_DAU = 5, E_DHU = 6, E_N3U = 7,
};

static const char *const opcodes[16] = {
	"", " inv_q", " stat", " op3", " notify", " update", " op6", " op7",
	" op8", " updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit",
	" zoneRef",
};

static const char *const rcodes[] = {
	"", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused", " YXDomain",
	" YXRRSet", " NXRRSet", " NotAuth", " NotZone", " Resp11", " Resp12", " Resp13",
	" Resp14", " NoChange", " BadVers", "Resp17", " Resp18", " Resp19", " Resp20",
	"Resp21", " Resp22", " BadCookie",
};

/* tcpdump 4.99.3's ns_type2str: newer types (DHCID, NSEC3, TLSA, SVCB, CAA, ...) print as
 * "TypeN" there, and 104 has its "UNSPECA" spelling. */
static const np_tok type_names[] = {
	{1, "A"}, {2, "NS"}, {3, "MD"}, {4, "MF"}, {5, "CNAME"}, {6, "SOA"}, {7, "MB"},
	{8, "MG"}, {9, "MR"}, {10, "NULL"}, {11, "WKS"}, {12, "PTR"}, {13, "HINFO"},
	{14, "MINFO"}, {15, "MX"}, {16, "TXT"}, {17, "RP"}, {18, "AFSDB"}, {19, "X25"},
	{20, "ISDN"}, {21, "RT"}, {22, "NSAP"}, {23, "NSAP_PTR"}, {24, "SIG"}, {25, "KEY"},
	{26, "PX"}, {27, "GPOS"}, {28, "AAAA"}, {29, "LOC"}, {30, "NXT"}, {31, "EID"},
	{32, "NIMLOC"}, {33, "SRV"}, {34, "ATMA"}, {35, "NAPTR"}, {36, "KX"}, {37, "CERT"},
	{38, "A6"}, {39, "DNAME"}, {40, "SINK"}, {41, "OPT"}, {42, "APL"}, {43, "DS"},
	{44, "SSHFP"}, {45, "IPSECKEY"}, {46, "RRSIG"}, {47, "NSEC"}, {48, "DNSKEY"},
	{99, "SPF"}, {100, "UINFO"}, {101, "UID"}, {102, "GID"}, {103, "UNSPEC"},
	{104, "UNSPECA"}, {249, "TKEY"}, {250, "TSIG"}, {251, "IXFR"}, {252, "AXFR"},
	{253, "MAILB"}, {254, "MAILA"}, {255, "ANY"}, {256, "URI"}, {0, NULL},
};

static const np_tok class_names[] = {
	{1, "IN"}, {3, "CHAOS"}, {4, "HS"}, {255, "ANY"}, {0, NULL},
};

static const np_tok edns_opt_names[] = {
	{1, "LLQ"}, {2, "UL"}, {3, "NSID"}, {5, "DAU"}, {6, "DHU"}, {7, "N3U"}, {8, "ECS"},
	{9, "EXPIRE"}, {10, "COOKIE"}, {11, "KEEPALIVE"}, {12, "PADDING"}, {13, "CHAIN"},
	{14, "KEY-TAG"}, {16, "CLIENT-TAG"}, {17, "SERVER-TAG"}, {0, NULL},
};

static const np_tok dau_names[] = {
	{0, "DELETE"}, {1, "RSAMD5"}, {2, "DH"}, {3, "DS"}, {5, "RSASHA1"},
	{6, "DSA-NSEC3-SHA1"}, {7, "RSASHA1-NSEC3-SHA1"}, {8, "RSASHA256"}, {10, "RSASHA512"},
	{12, "ECC-GOST"}, {13, "ECDSAP256SHA256"}, {14, "ECDSAP384SHA384"}, {15, "ED25519"},
	{16, "ED448"}, {252, "INDIRECT"}, {253, "PRIVATEDNS"}, {254, "PRIVATEOID"}, {0, NULL},
};

static const np_tok dhu_names[] = {
	{1, "SHA-1"}, {2, "SHA-256"}, {3, "GOST_R_34.11-94"}, {4, "SHA-384"}, {0, NULL},
};

static const np_tok n3u_names[] = {{1, "SHA-1"}, {0, NULL}};

/* 1 if p+n passes the capture (also when p already has). */
static int past(const np_ctx *c, const uint8_t *p, size_t n)
{
	return p > c->snapend || n > (size_t)(c->snapend - p);
}

/* Skips a name without printing it; NULL when it runs out or is malformed. */
static const uint8_t *name_skip(np_ctx *c, const uint8_t *cp)
{
	if (past(c, cp, 1))
		return NULL;
	unsigned i = *cp++;
	while (i) {
		switch (i & LABEL_MASK) {
		case LABEL_PTR:
			return cp + 1;
		case LABEL_EXT: {
			if ((i & ~LABEL_MASK) != ELT_BITLABEL || past(c, cp, 1))
				return NULL;
			unsigned bitlen = *cp++;
			if (bitlen == 0)
				bitlen = 256;
			cp += (bitlen + 7) / 8;
			break;
		}
		case LABEL_RESERVED:
			return NULL;
		default:
			cp += i;
			break;
		}
		if (past(c, cp, 1))
			return NULL;
		i = *cp++;
	}
	return cp;
}

/* A bit-string label (RFC 2673) as "\[xHEX/BITS]". */
static const uint8_t *bitlabel_print(np_ctx *c, const uint8_t *cp)
{
	if (past(c, cp, 1))
		return NULL;
	unsigned bitlen = *cp ? *cp : 256;
	unsigned slen = (bitlen + 3) / 4;
	const uint8_t *lim = cp + 1 + slen, *bitp = cp + 1;
	unsigned b = bitlen;
	np_puts(c, "\\[x");
	for (; bitp < lim && b > 7; b -= 8, bitp++)
		np_printf(c, "%02x", np_u8(c, bitp));
	if (b > 4)
		np_printf(c, "%02x", np_u8(c, bitp) & (0xff << (8 - b)) & 0xff);
	else if (b > 0)
		np_printf(c, "%1x", ((np_u8(c, bitp) >> 4) & 0x0f) & (0x0f << (4 - b)) & 0x0f);
	np_printf(c, "/%u]", bitlen);
	return lim;
}

/* The length a label occupies after its first byte; -1 (with a note) when malformed. */
static int label_len(np_ctx *c, const uint8_t *cp)
{
	if (past(c, cp, 1))
		return -1;
	unsigned i = *cp;
	switch (i & LABEL_MASK) {
	case LABEL_EXT: {
		unsigned elt = i & ~LABEL_MASK;
		if (elt != ELT_BITLABEL) {
			np_printf(c, "<ELT %d>", (int)elt);
			return -1;
		}
		if (past(c, cp + 1, 1))
			return -1;
		unsigned bitlen = cp[1] ? cp[1] : 256;
		return (int)((bitlen + 7) / 8 + 1);
	}
	case LABEL_PTR:
	case 0:
		return (int)i;
	default:
		np_puts(c, "<BAD LABEL TYPE>");
		return -1;
	}
}

/* The label head at *cp: its first byte in *i, its length in *l, *cp moved past the byte.
 * 0 when it is not captured or cannot be sized (said so). */
static int next_label(np_ctx *c, const uint8_t **cp, unsigned *i, int *l)
{
	if (past(c, *cp, 1))
		return 0;
	*i = **cp;
	if ((*l = label_len(c, *cp)) < 0)
		return 0;
	(*cp)++;
	return 1;
}

const uint8_t *np_dns_name_print(np_ctx *c, const uint8_t *cp, const uint8_t *msg)
{
	int l = label_len(c, cp);
	if (l < 0 || past(c, cp, 1))
		return NULL;
	unsigned max_offset = (unsigned)(cp - msg);
	unsigned i = *cp++;
	unsigned name_chars = 0;
	int compress = 0;
	const uint8_t *rp = NULL;
	if ((i & LABEL_MASK) != LABEL_PTR)
		rp = cp + l;
	if (i == 0) {
		np_putc(c, '.');
		return rp;
	}
	while (i && cp < c->snapend) {
		switch (i & LABEL_MASK) {
		case LABEL_PTR: {
			if (!compress) {
				rp = cp + 1;
				compress = 1;
			}
			if (past(c, cp, 1))
				return NULL;
			unsigned offset = ((i << 8) | *cp) & 0x3fff;
			/* pointers must go backwards: this is what ends loops */
			if (offset >= max_offset) {
				np_puts(c, "<BAD PTR>");
				return NULL;
			}
			max_offset = offset;
			cp = msg + offset;
			if (!next_label(c, &cp, &i, &l))
				return NULL;
			continue;
		}
		case LABEL_EXT:
			if ((i & ~LABEL_MASK) != ELT_BITLABEL) {
				np_printf(c, "<ELT %u>", i & ~LABEL_MASK);
				return NULL;
			}
			if (!bitlabel_print(c, cp))
				return NULL;
			break;
		case LABEL_RESERVED:
			np_puts(c, "<BAD LABEL TYPE>");
			return NULL;
		default:
			if (name_chars + (unsigned)l <= MAXCDNAME) {
				if (np_print_chars(c, cp, (unsigned)l))
					return NULL;
			} else if (name_chars < MAXCDNAME) {
				if (np_print_chars(c, cp, MAXCDNAME - name_chars))
					return NULL;
			}
			name_chars += (unsigned)l;
			break;
		}
		cp += l;
		if (name_chars <= MAXCDNAME)
			np_putc(c, '.');
		name_chars++;
		if (!next_label(c, &cp, &i, &l))
			return NULL;
		if (!compress)
			rp += l + 1;
	}
	if (name_chars > MAXCDNAME)
		np_puts(c, "<DOMAIN NAME TOO LONG>");
	return rp;
}

/* A <character-string>. */
static const uint8_t *cstring_print(np_ctx *c, const uint8_t *cp)
{
	if (past(c, cp, 1))
		return NULL;
	unsigned n = *cp++;
	if (np_print_chars(c, cp, n))
		return NULL;
	return cp + n;
}

/* EDNS client subnet: "ADDR/SOURCE/SCOPE". */
static void ecs_print(np_ctx *c, const uint8_t *cp, unsigned len)
{
	if (len < 4) {
		np_print_invalid(c);
		return;
	}
	unsigned family = np_be16(c, cp), src = np_u8(c, cp + 2), scope = np_u8(c, cp + 3);
	unsigned bits = family == 1 ? 32 : family == 2 ? 128 : 0;
	if (!bits || len - 4 > bits / 8 || src > bits || scope > bits ||
	    (src + 7) / 8 != len - 4) {
		np_print_invalid(c);
		return;
	}
	uint8_t addr[16];
	char buf[NP_ADDRSTRLEN];
	memset(addr, 0, sizeof(addr));
	np_copy(c, addr, cp + 4, len - 4);
	np_printf(c, "%s/%d/%d", family == 1 ? np_fmt_ipv4(buf, addr) : np_fmt_ipv6(buf, addr),
		  (int)src, (int)scope);
}

static void alg_list(np_ctx *c, const np_tok *names, const uint8_t *cp, unsigned len)
{
	char buf[24];
	for (unsigned i = 0; i < len; i++)
		np_printf(c, "%s%s", i ? " " : "",
			  np_tok_str(names, "Alg_%u", np_u8(c, cp + i), buf, sizeof(buf)));
}

/* One EDNS option; NULL when it runs past the capture. */
static const uint8_t *eopt_print(np_ctx *c, const uint8_t *cp)
{
	char buf[24];
	if (past(c, cp, 2))
		return NULL;
	unsigned opt = np_be16(c, cp);
	cp += 2;
	np_puts(c, np_tok_str(edns_opt_names, "Opt%u", opt, buf, sizeof(buf)));
	if (past(c, cp, 2))
		return NULL;
	unsigned len = np_be16(c, cp);
	cp += 2;
	if (past(c, cp, len))
		return NULL;
	if (len == 0)
		return cp;
	np_putc(c, ' ');
	switch (opt) {
	case E_ECS:
		ecs_print(c, cp, len);
		break;
	case E_COOKIE:
		if (len < 8 || (len > 8 && len < 16) || len > 40) {
			np_print_invalid(c);
			break;
		}
		for (unsigned i = 0; i < len; i++)
			np_printf(c, i == 8 ? " %02x" : "%02x", np_u8(c, cp + i));
		break;
	case E_KEEPALIVE:
		if (len != 2)
			np_print_invalid(c);
		else
			np_printf(c, "%0.1f sec", np_be16(c, cp) / 10.0);
		break;
	case E_EXPIRE:
		if (len != 4)
			np_print_invalid(c);
		else
			np_printf(c, "%u sec", np_be32(c, cp));
		break;
	case E_PADDING:
		np_printf(c, "(%u)", len);
		break;
	case E_KEYTAG:
		if (len % 2) {
			np_print_invalid(c);
			break;
		}
		for (unsigned i = 0; i < len; i += 2)
			np_printf(c, i ? " %u" : "%u", np_be16(c, cp + i));
		break;
	case E_DAU:
		alg_list(c, dau_names, cp, len);
		break;
	case E_DHU:
		alg_list(c, dhu_names, cp, len);
		break;
	case E_N3U:
		alg_list(c, n3u_names, cp, len);
		break;
	case E_CHAIN:
		np_dns_name_print(c, cp, cp + len);
		break;
	default: /* NSID and unknown options: the bytes */
		for (unsigned i = 0; i < len; i++)
			np_printf(c, "%02x", np_u8(c, cp + i));
		break;
	}
	return cp + len;
}

/* A question: " TYPE[ CLASS][ (QU|QM)]? NAME". */
static const uint8_t *question_print(np_ctx *c, const uint8_t *cp, const uint8_t *msg, int mdns)
{
	char buf[24];
	const uint8_t *name = cp;
	cp = name_skip(c, cp);
	if (!cp || past(c, cp, 4))
		return NULL;
	unsigned type = np_be16(c, cp), cls = np_be16(c, cp + 2);
	np_printf(c, " %s", np_tok_str(type_names, "Type%u", type, buf, sizeof(buf)));
	unsigned klass = mdns ? cls & 0x7fff : cls;
	if (klass != 1)
		np_printf(c, " %s", np_tok_str(class_names, "(Class %u)", klass, buf, sizeof(buf)));
	if (mdns)
		np_puts(c, cls & 0x8000 ? " (QU)" : " (QM)");
	np_puts(c, "? ");
	cp = np_dns_name_print(c, name, msg);
	return cp ? cp + 4 : NULL;
}

/* tcpdump's unsigned_relts_print: a duration as "1w2d3h4m5s". */
static void duration_print(np_ctx *c, uint32_t secs)
{
	static const char *const units[] = {"y", "w", "d", "h", "m", "s"};
	static const uint32_t seconds[] = {31536000, 604800, 86400, 3600, 60, 1};
	if (secs == 0) {
		np_puts(c, "0s");
		return;
	}
	for (unsigned i = 0; i < 6; i++) {
		if (secs >= seconds[i]) {
			np_printf(c, "%u%s", secs / seconds[i], units[i]);
			secs %= seconds[i];
		}
	}
}

/* The record data of the types tcpdump decodes; NULL when it runs out. */
static const uint8_t *rdata_print(np_ctx *c, const uint8_t *cp, const uint8_t *rp,
				  const uint8_t *msg, unsigned type, unsigned klass,
				  unsigned opt_flags, unsigned len)
{
	char buf[NP_ADDRSTRLEN];
	switch (type) {
	case T_A:
		if (past(c, cp, 4))
			return NULL;
		np_printf(c, " %s", np_fmt_ipv4(buf, cp));
		break;
	case T_NS:
	case T_CNAME:
	case T_PTR:
	case T_DNAME:
		np_putc(c, ' ');
		if (!np_dns_name_print(c, cp, msg))
			return NULL;
		break;
	case T_SOA:
		if (!c->o.vflag)
			break;
		np_putc(c, ' ');
		if (!(cp = np_dns_name_print(c, cp, msg)))
			return NULL;
		np_putc(c, ' ');
		if (!(cp = np_dns_name_print(c, cp, msg)))
			return NULL;
		if (past(c, cp, 20))
			return NULL;
		for (unsigned i = 0; i < 5; i++)
			np_printf(c, " %u", np_be32(c, cp + 4 * i));
		break;
	case T_MX:
		np_putc(c, ' ');
		if (past(c, cp, 2) || !np_dns_name_print(c, cp + 2, msg))
			return NULL;
		np_printf(c, " %u", np_be16(c, cp));
		break;
	case T_TXT:
		while (cp < rp) {
			np_puts(c, " \"");
			if (!(cp = cstring_print(c, cp)))
				return NULL;
			np_putc(c, '"');
		}
		break;
	case T_SRV:
		np_putc(c, ' ');
		if (past(c, cp, 6) || !np_dns_name_print(c, cp + 6, msg))
			return NULL;
		np_printf(c, ":%u %u %u", np_be16(c, cp + 4), np_be16(c, cp), np_be16(c, cp + 2));
		break;
	case T_AAAA:
		if (past(c, cp, 16))
			return NULL;
		np_printf(c, " %s", np_fmt_ipv6(buf, cp));
		break;
	case T_A6: {
		if (past(c, cp, 1))
			return NULL;
		unsigned pbit = *cp, pbyte = (pbit & ~7u) / 8;
		if (pbit > 128) {
			np_printf(c, " %u(bad plen)", pbit);
			break;
		}
		if (pbit < 128) {
			uint8_t a[16];
			memset(a, 0, sizeof(a));
			np_copy(c, a + pbyte, cp + 1, 16 - pbyte);
			np_printf(c, " %u %s", pbit, np_fmt_ipv6(buf, a));
		}
		if (pbit > 0) {
			np_putc(c, ' ');
			if (!np_dns_name_print(c, cp + 1 + 16 - pbyte, msg))
				return NULL;
		}
		break;
	}
	case T_URI:
		if (past(c, cp, len))
			return NULL;
		np_printf(c, " %u %u ", np_be16(c, cp), np_be16(c, cp + 2));
		if (np_print_chars(c, cp + 4, len - 4))
			return NULL;
		break;
	case T_OPT:
		np_printf(c, " UDPsize=%u", klass);
		if (opt_flags & 0x8000)
			np_puts(c, " DO");
		if (cp < rp) {
			np_puts(c, " [");
			while (cp < rp) {
				if (!(cp = eopt_print(c, cp)))
					return NULL;
				if (cp < rp)
					np_putc(c, ',');
			}
			np_putc(c, ']');
		}
		break;
	case T_TSIG: {
		if (past(c, cp, len))
			return NULL;
		if (!c->o.vflag)
			break;
		np_putc(c, ' ');
		if (!(cp = np_dns_name_print(c, cp, msg)))
			return NULL;
		cp += 6;
		static const char *const fields[] = {" fudge=%u", " maclen=%u", " origid=%u",
						     " error=%u", " otherlen=%u"};
		for (unsigned f = 0; f < 5; f++) {
			if (past(c, cp, 2))
				return NULL;
			unsigned v = np_be16(c, cp);
			np_printf(c, fields[f], v);
			cp += 2 + (f == 1 ? v : 0);
		}
		break;
	}
	default:
		break;
	}
	return rp;
}

/* A resource record; NULL when the message must end in " [|domain]". */
static const uint8_t *rr_print(np_ctx *c, const uint8_t *cp, const uint8_t *msg, int mdns)
{
	char buf[24];
	if (c->o.vflag) {
		np_putc(c, ' ');
		if (!(cp = np_dns_name_print(c, cp, msg)))
			return NULL;
	} else {
		cp = name_skip(c, cp);
	}
	if (!cp || past(c, cp, 10))
		return c->snapend;
	unsigned type = np_be16(c, cp), cls = np_be16(c, cp + 2);
	cp += 4;
	unsigned klass = mdns ? cls & 0x7fff : cls;
	if (klass != 1 && type != T_OPT)
		np_printf(c, " %s", np_tok_str(class_names, "(Class %u)", klass, buf, sizeof(buf)));
	if (mdns && (cls & 0x8000))
		np_puts(c, " (Cache flush)");
	unsigned opt_flags = 0;
	if (type == T_OPT) {
		opt_flags = np_be16(c, cp + 2);
	} else if (c->o.vflag > 2) {
		np_puts(c, " [");
		duration_print(c, np_be32(c, cp));
		np_putc(c, ']');
	}
	cp += 4;
	unsigned len = np_be16(c, cp);
	cp += 2;
	const uint8_t *rp = cp + len;
	np_printf(c, " %s", np_tok_str(type_names, "Type%u", type, buf, sizeof(buf)));
	if (rp > c->snapend)
		return NULL;
	return rdata_print(c, cp, rp, msg, type, klass, opt_flags, len);
}

/* A section of `count` records, comma-separated; 0 when it had to stop short. */
static int section_print(np_ctx *c, const uint8_t **cpp, const uint8_t *msg, unsigned count,
			 const char *title, int mdns)
{
	const uint8_t *cp = *cpp;
	if (count && (!title || cp < c->snapend)) {
		if (title)
			np_puts(c, title);
		if (!(cp = rr_print(c, cp, msg, mdns)))
			return 0;
		count--;
		while (cp < c->snapend && count) {
			np_putc(c, ',');
			if (!(cp = rr_print(c, cp, msg, mdns)))
				return 0;
			count--;
		}
	}
	*cpp = cp;
	return count == 0;
}

/* The RCODE with its EDNS0 extension, found by skipping to the OPT record. */
static unsigned full_rcode(np_ctx *c, const uint8_t *msg, unsigned flags, unsigned qd,
			   unsigned an_ns, unsigned ar)
{
	unsigned rcode = flags & 0xf;
	const uint8_t *cp = msg + DNS_HDRLEN;
	for (unsigned i = 0; i < qd; i++) {
		if (!(cp = name_skip(c, cp)))
			return rcode;
		cp += 4;
		if (cp >= c->snapend)
			return rcode;
	}
	for (unsigned i = 0; i < an_ns; i++) {
		if (!(cp = name_skip(c, cp)))
			return rcode;
		cp += 8;
		if (past(c, cp, 2))
			return rcode;
		cp += 2 + np_be16(c, cp);
		if (cp >= c->snapend)
			return rcode;
	}
	for (unsigned i = 0; i < ar; i++) {
		if (!(cp = name_skip(c, cp)) || past(c, cp, 2))
			return rcode;
		unsigned type = np_be16(c, cp);
		cp += 4;
		if (past(c, cp, 1))
			return rcode;
		if (type == T_OPT)
			return rcode | (unsigned)*cp << 4;
		cp += 4;
		if (past(c, cp, 2))
			return rcode;
		cp += 2 + np_be16(c, cp);
		if (cp >= c->snapend)
			return rcode;
	}
	return rcode;
}

static void dns_print(np_ctx *c, const uint8_t *bp, unsigned length, int tcp, int mdns)
{
	np_set_proto(c, "domain");
	if (tcp) {
		if (length < 2) {
			np_printf(c, " [DNS over TCP: length %u < 2]", length);
			np_print_invalid(c);
			return;
		}
		length -= 2;
		unsigned prefix = np_be16(c, bp);
		if (prefix != length) {
			np_printf(c, " [prefix length(%u) != length(%u)]", prefix, length);
			np_print_invalid(c);
			return;
		}
		bp += 2;
		np_putc(c, ' ');
	}
	if (length < DNS_HDRLEN) {
		np_printf(c, "domain [length %u < %u]", length, DNS_HDRLEN);
		np_print_invalid(c);
		return;
	}
	np_need(c, bp, DNS_HDRLEN);
	unsigned id = np_be16(c, bp), flags = np_be16(c, bp + 2);
	unsigned qd = np_be16(c, bp + 4), an = np_be16(c, bp + 6);
	unsigned ns = np_be16(c, bp + 8), ar = np_be16(c, bp + 10);
	unsigned opcode = (flags >> 11) & 0xf;
	const uint8_t *cp = bp + DNS_HDRLEN;
	if (flags & 0x8000) {
		char rbuf[16];
		unsigned rcode = full_rcode(c, bp, flags, qd, an + ns, ar);
		const char *rc = rcode < sizeof(rcodes) / sizeof(rcodes[0]) ? rcodes[rcode] : rbuf;
		if (rc == rbuf)
			snprintf(rbuf, sizeof(rbuf), " Resp%u", rcode & 0xfff);
		np_printf(c, "%u%s%s%s%s%s%s", id, opcodes[opcode], rc, flags & 0x0400 ? "*" : "",
			  flags & 0x0080 ? "" : "-", flags & 0x0200 ? "|" : "",
			  flags & 0x0020 ? "$" : "");
		if (qd != 1)
			np_printf(c, " [%uq]", qd);
		for (unsigned i = 0; i < qd; i++) {
			if (i)
				np_putc(c, ',');
			if (c->o.vflag > 1) {
				np_puts(c, " q:");
				if (!(cp = question_print(c, cp, bp, mdns)))
					goto trunc;
			} else {
				if (!(cp = name_skip(c, cp)))
					goto trunc;
				cp += 4;
			}
		}
		np_printf(c, " %u/%u/%u", an, ns, ar);
		if (!section_print(c, &cp, bp, an, NULL, mdns))
			goto trunc;
		if (c->o.vflag > 1) {
			if (!section_print(c, &cp, bp, ns, " ns:", mdns) ||
			    !section_print(c, &cp, bp, ar, " ar:", mdns))
				goto trunc;
		}
	} else {
		np_printf(c, "%u%s%s%s", id, opcodes[opcode], flags & 0x0100 ? "+" : "",
			  flags & 0x0010 ? "%" : "");
		if (flags & 0x6cf)
			np_printf(c, " [b2&3=0x%x]", flags);
		if (opcode == 1) {
			if (qd)
				np_printf(c, " [%uq]", qd);
			if (an != 1)
				np_printf(c, " [%ua]", an);
		} else {
			if (an)
				np_printf(c, " [%ua]", an);
			if (qd != 1)
				np_printf(c, " [%uq]", qd);
		}
		if (ns)
			np_printf(c, " [%un]", ns);
		if (ar)
			np_printf(c, " [%uau]", ar);
		if (qd) {
			if (!(cp = question_print(c, cp, bp, mdns)))
				goto trunc;
			qd--;
			while (cp < c->snapend && qd) {
				if (!(cp = question_print(c, cp, bp, mdns)))
					goto trunc;
				qd--;
			}
		}
		if (qd)
			goto trunc;
		if (c->o.vflag > 1) {
			if (!section_print(c, &cp, bp, an, NULL, mdns) ||
			    !section_print(c, &cp, bp, ns, " ns:", mdns) ||
			    !section_print(c, &cp, bp, ar, " ar:", mdns))
				goto trunc;
		}
	}
	np_printf(c, " (%u)", length);
	return;
trunc:
	np_print_trunc(c);
}

void np_dns_udp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		      int frag)
{
	(void)ip, (void)frag;
	dns_print(c, bp, length, 0, 0);
}

void np_mdns_udp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		       int frag)
{
	(void)ip, (void)frag;
	dns_print(c, bp, length, 0, 1);
}

void np_dns_tcp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		      int frag)
{
	(void)ip, (void)frag;
	dns_print(c, bp, length, 1, 0);
}
