/* PPP's control and authentication protocols, as tcpdump 4.99.3 prints them: the generic
 * control-protocol packet (RFC 1661 code, id, length) shared by LCP, IPCP, IP6CP, CCP,
 * BACP, OSICP and MPLSCP, the per-protocol configuration options, CHAP, PAP and the
 * multilink header.
 *
 * Key decisions, tcpdump's:
 * - Without -v only the code, id and length print; -v decodes the options; -vv adds a hex
 *   dump of the packet header and of every option value.
 * - One option walker serves every protocol: the options it decodes are rules in a table
 *   (required length, what a bogus one does, a format or a value printer); it returns the
 *   option length, 0 to stop the walk (bogus or cut short).
 * - The truncation name stays "ppp": the reads take the one truncation exit. */
#include "capture/netprint.h"

#define PPP_LCP 0xc021
#define PPP_IPCP 0x8021
#define PPP_IPV6CP 0x8057
#define PPP_CCP 0x80fd
#define PPP_BACP 0xc02b
#define PPP_CHAP 0xc223
#define PPP_PAP 0xc023
#define PPP_EAP 0xc227
#define PPP_SPAP 0xc027
#define PPP_SPAP_OLD 0xc123
#define PPP_LQM 0xc025
#define PPP_VJC 0x002d

static const np_tok cp_codes[] = {
	{0, "Vendor-Extension"}, {1, "Conf-Request"}, {2, "Conf-Ack"},   {3, "Conf-Nack"},
	{4, "Conf-Reject"},      {5, "Term-Request"}, {6, "Term-Ack"},   {7, "Code-Reject"},
	{8, "Prot-Reject"},      {9, "Echo-Request"}, {10, "Echo-Reply"}, {11, "Disc-Req"},
	{12, "Ident"},           {13, "Time-Rem"},    {14, "Reset-Req"}, {15, "Reset-Ack"},
	{0, NULL},
};

/* LCP names every option up to 30; cp_option prints any other as "unknown LCP option" */
static const np_tok lcp_opts[] = {
	{0, "Vend-Ext"}, {1, "MRU"}, {2, "ACCM"}, {3, "Auth-Prot"}, {4, "Qual-Prot"},
	{5, "Magic-Num"}, {6, "deprecated(6)"}, {7, "PFC"}, {8, "ACFC"}, {9, "FCS-Alt"},
	{10, "SDP"}, {11, "Num-Mode"}, {12, "deprecated(12)"}, {13, "Call-Back"},
	{14, "deprecated(14)"}, {15, "deprecated(15)"}, {16, "deprecated(16)"}, {17, "MRRU"},
	{18, "12-Bit seq #"}, {19, "End-Disc"}, {20, "Proprietary"}, {21, "DCE-Id"}, {22, "MP+"},
	{23, "Link-Disc"}, {24, "LCP-Auth-Opt"}, {25, "COBS"}, {26, "Prefix-elision"},
	{27, "Multilink-header-Form"}, {28, "I18N"}, {29, "SDL-over-SONET/SDH"},
	{30, "PPP-Muxing"}, {0, NULL},
};

static const np_tok ccp_opts[] = {
	{0, "OUI"},       {1, "Pred-1"},    {2, "Pred-2"},   {3, "Puddle"},   {16, "HP-PPC"},
	{17, "Stac-LZS"}, {18, "MPPC"},     {19, "Gand-FZA"}, {20, "V.42bis"}, {21, "BSD-Comp"},
	{23, "LZS-DCP"},  {24, "MVRCA"},    {25, "DEC"},     {26, "Deflate"}, {255, "Reserved"},
	{0, NULL},
};

static const np_tok bacp_opts[] = {{1, "Favored-Peer"}, {0, NULL}};

static const np_tok ipcp_opts[] = {
	{1, "IP-Addrs"}, {2, "IP-Comp"}, {3, "IP-Addr"}, {4, "Home-Addr"}, {129, "Pri-DNS"},
	{130, "Pri-NBNS"}, {131, "Sec-DNS"}, {132, "Sec-NBNS"}, {0, NULL},
};

static const np_tok ipcp_comp_protos[] = {
	{PPP_VJC, "VJ-Comp"}, {0x61, "IP Header Compression"}, {0, NULL},
};

static const np_tok ipcp_comp_subopts[] = {
	{1, "RTP-Compression"}, {2, "Enhanced RTP-Compression"}, {0, NULL},
};

static const np_tok ip6cp_opts[] = {{1, "Interface-ID"}, {0, NULL}};

static const np_tok auth_algs[] = {
	{5, "MD5"}, {128, "MS-CHAPv1"}, {129, "MS-CHAPv2"}, {0, NULL},
};

static const np_tok callback_ops[] = {
	{0, "UserAuth"}, {1, "DialString"}, {2, "LocalID"}, {3, "E.164"}, {4, "X.500"},
	{6, "CBCP"},     {0, NULL},
};

static const np_tok oui_names[] = {
	{0x000000, "Ethernet"}, {0x00000c, "Cisco"}, {0x00005e, "IANA"}, {0x0000f8, "Cisco bridged"},
	{0x0080c2, "Ethernet bridged"}, {0x009069, "Juniper"}, {0x080009, "Hewlett-Packard"},
	{0, NULL},
};

static const char *tok(const np_tok *t, const char *dflt, unsigned v)
{
	const char *s = np_tok_find(t, v);
	return s ? s : dflt;
}

/* Options are data: each decoded option has a rule for its length and a value printer.  The
 * walker checks the length, prints tcpdump's message when it is bogus and either skips the
 * option or ends the walk there, as 4.99.3 does for that option. */

/* What a value printer tells the walker (only the LCP end-point discriminator and the IPCP
 * compression option check more lengths inside the value and may end the walk). */
enum opt_result {
	OPT_DECODED, /* value printed: dumped only at -vv */
	OPT_STOP,    /* length bogus and tcpdump ends the option walk there */
};

/* Prints the value of the option at p (length len, at least the rule's).  *dump is where the
 * value dump starts; only IPCP's compression option moves it. */
typedef enum opt_result (*value_fn)(np_ctx *c, const uint8_t *p, unsigned len,
				    const uint8_t **dump);

typedef struct opt_rule {
	uint8_t opt;
	uint8_t len;    /* the length the option must have */
	uint8_t exact;  /* 1: exactly len; 0: at least len */
	uint8_t stop;   /* a bogus length ends the walk (else the option is skipped) */
	uint8_t width;  /* with fmt: a plain value, the 2- or 4-byte field after the header */
	const char *fmt;
	value_fn value; /* without fmt: the value's printer (NULL: nothing to print) */
} opt_rule;

/* An option's length check, tcpdump's message when it fails: 1 when len is as required */
static int len_is(np_ctx *c, unsigned len, unsigned want)
{
	if (len == want)
		return 1;
	np_printf(c, " (length bogus, should be = %u)", want);
	return 0;
}

static int len_min(np_ctx *c, unsigned len, unsigned min)
{
	if (len >= min)
		return 1;
	np_printf(c, " (length bogus, should be >= %u)", min);
	return 0;
}

static enum opt_result val_ipv4(np_ctx *c, const uint8_t *p, unsigned len, const uint8_t **dump)
{
	(void)len, (void)dump;
	char b[NP_ADDRSTRLEN];
	np_printf(c, ": %s", np_ipv4_str(c, p + 2, b));
	return OPT_DECODED;
}

/* ---- LCP ---- */

static enum opt_result lcp_vendor(np_ctx *c, const uint8_t *p, unsigned len, const uint8_t **dump)
{
	(void)len, (void)dump;
	np_printf(c, ": Vendor: %s (%u)", tok(oui_names, "Unknown", np_be24(c, p + 2)),
		  np_be24(c, p + 2));
	return OPT_DECODED;
}

static enum opt_result lcp_auth(np_ctx *c, const uint8_t *p, unsigned len, const uint8_t **dump)
{
	(void)dump;
	unsigned ap = np_be16(c, p + 2);
	const char *name = np_ppp_proto_name(ap);
	np_printf(c, ": %s", name ? name : "Unknown Auth Proto (0x04x)");
	switch (ap) {
	case PPP_CHAP: {
		unsigned alg = np_u8(c, p + 4);
		const char *an = np_tok_find(auth_algs, alg);
		if (an)
			np_printf(c, ", %s", an);
		else
			np_printf(c, ", Unknown Auth Alg %u", alg);
		break;
	}
	case PPP_PAP:
	case PPP_EAP:
	case PPP_SPAP:
	case PPP_SPAP_OLD:
		break;
	default:
		np_unknown_data(c, p, "\n\t", len);
	}
	return OPT_DECODED;
}

static enum opt_result lcp_quality(np_ctx *c, const uint8_t *p, unsigned len,
				   const uint8_t **dump)
{
	(void)len, (void)dump;
	np_puts(c, np_be16(c, p + 2) == PPP_LQM ? ": LQR" : ": unknown");
	return OPT_DECODED;
}

static enum opt_result lcp_callback(np_ctx *c, const uint8_t *p, unsigned len,
				    const uint8_t **dump)
{
	(void)len, (void)dump;
	np_printf(c, ": Callback Operation %s (%u)", tok(callback_ops, "Unknown", np_u8(c, p + 2)),
		  np_u8(c, p + 2));
	return OPT_DECODED;
}

/* The endpoint discriminator: its class, and the address of the classes that have one */
static enum opt_result lcp_end_disc(np_ctx *c, const uint8_t *p, unsigned len,
				    const uint8_t **dump)
{
	(void)dump;
	char buf[NP_ADDRSTRLEN + 32];
	unsigned cls = np_u8(c, p + 2);
	switch (cls) {
	case 0:
		np_puts(c, ": Null");
		break;
	case 1:
		np_puts(c, ": Local");
		break;
	case 2:
		if (!len_is(c, len, 7))
			return OPT_STOP;
		np_printf(c, ": IPv4 %s", np_ipv4_str(c, p + 3, buf));
		break;
	case 3:
		if (!len_is(c, len, 9))
			return OPT_STOP;
		np_need(c, p + 3, 6);
		np_printf(c, ": MAC %s", np_mac_str(c, p + 3, buf));
		break;
	case 4:
		np_puts(c, ": Magic-Num-Block");
		break;
	case 5:
		np_puts(c, ": PSNDN");
		break;
	default:
		np_printf(c, ": Unknown class %u", cls);
		break;
	}
	return OPT_DECODED;
}

static const opt_rule lcp_rules[] = {
	{0, 6, 0, 0, 0, NULL, lcp_vendor},
	{1, 4, 1, 0, 2, ": %u", NULL},
	{2, 6, 1, 0, 4, ": 0x%08x", NULL},
	{3, 4, 0, 0, 0, NULL, lcp_auth},
	{4, 4, 0, 1, 0, NULL, lcp_quality},
	{5, 6, 1, 1, 4, ": 0x%08x", NULL},
	{7, 0, 0, 0, 0, NULL, NULL},
	{8, 0, 0, 0, 0, NULL, NULL},
	{13, 3, 0, 1, 0, NULL, lcp_callback},
	{17, 4, 1, 1, 2, ": %u", NULL},
	{19, 3, 0, 1, 0, NULL, lcp_end_disc},
	{23, 4, 1, 1, 2, ": 0x%04x", NULL},
};

/* ---- IPCP ---- */

static enum opt_result ipcp_addrs(np_ctx *c, const uint8_t *p, unsigned len, const uint8_t **dump)
{
	(void)len, (void)dump;
	char b1[NP_ADDRSTRLEN], b2[NP_ADDRSTRLEN];
	np_printf(c, ": src %s, dst %s", np_ipv4_str(c, p + 2, b1), np_ipv4_str(c, p + 6, b2));
	return OPT_DECODED;
}

/* IP header compression: the protocol, and for IPHC its parameters and suboptions.
 * tcpdump 4.99.3 walks the suboptions with the option pointer itself, so its -vv dump of
 * the option starts where that walk stopped: *dump follows the walk. */
static enum opt_result ipcp_comp(np_ctx *c, const uint8_t *p, unsigned len, const uint8_t **dump)
{
	unsigned cp = np_be16(c, p + 2);
	np_printf(c, ": %s (0x%02x):", tok(ipcp_comp_protos, "Unknown", cp), cp);
	if (cp != 0x61)
		return OPT_DECODED;
	if (!len_min(c, len, 14))
		return OPT_STOP;
	np_need(c, p + 2, 14);
	np_printf(c, "\n\t    TCP Space %u, non-TCP Space %u, maxPeriod %u, maxTime %u, "
		     "maxHdr %u",
		  np_be16(c, p + 4), np_be16(c, p + 6), np_be16(c, p + 8), np_be16(c, p + 10),
		  np_be16(c, p + 12));
	if (len <= 14)
		return OPT_DECODED;
	unsigned left = len - 14;
	const uint8_t *s = p + 14;
	*dump = s;
	np_printf(c, "\n\t      Suboptions, length %u", left);
	while (left >= 2) {
		unsigned so = np_u8(c, s), sl = np_u8(c, s + 1);
		if (so == 0 || sl == 0)
			break;
		np_printf(c, "\n\t\t%s Suboption #%u, length %u", tok(ipcp_comp_subopts, "Unknown", so),
			  so, sl);
		if (left < sl) {
			np_printf(c, " [remaining suboptions length %u < %u]", left, sl);
			np_print_invalid(c);
			break;
		}
		left -= sl;
		s += sl;
		*dump = s;
	}
	return OPT_DECODED;
}

static const opt_rule ipcp_rules[] = {
	{1, 10, 1, 0, 0, NULL, ipcp_addrs}, {2, 4, 0, 1, 0, NULL, ipcp_comp},
	{3, 6, 1, 1, 0, NULL, val_ipv4},    {4, 6, 1, 1, 0, NULL, val_ipv4},
	{129, 6, 1, 1, 0, NULL, val_ipv4},  {130, 6, 1, 1, 0, NULL, val_ipv4},
	{131, 6, 1, 1, 0, NULL, val_ipv4},  {132, 6, 1, 1, 0, NULL, val_ipv4},
};

/* ---- IP6CP, CCP, BACP ---- */

static enum opt_result ip6cp_ifid(np_ctx *c, const uint8_t *p, unsigned len, const uint8_t **dump)
{
	(void)len, (void)dump;
	np_need(c, p + 2, 8);
	np_printf(c, ": %04x:%04x:%04x:%04x", np_be16(c, p + 2), np_be16(c, p + 4),
		  np_be16(c, p + 6), np_be16(c, p + 8));
	return OPT_DECODED;
}

static const opt_rule ip6cp_rules[] = {{1, 10, 1, 0, 0, NULL, ip6cp_ifid}};

static enum opt_result ccp_bsd(np_ctx *c, const uint8_t *p, unsigned len, const uint8_t **dump)
{
	(void)len, (void)dump;
	np_printf(c, ": Version: %u, Dictionary Bits: %u", np_u8(c, p + 2) >> 5,
		  np_u8(c, p + 2) & 0x1f);
	return OPT_DECODED;
}

static enum opt_result ccp_mvrca(np_ctx *c, const uint8_t *p, unsigned len, const uint8_t **dump)
{
	(void)len, (void)dump;
	np_printf(c, ": Features: %u, PxP: %s, History: %u, #CTX-ID: %u",
		  (np_u8(c, p + 2) & 0xc0) >> 6, np_u8(c, p + 2) & 0x20 ? "Enabled" : "Disabled",
		  np_u8(c, p + 2) & 0x1f, np_u8(c, p + 3));
	return OPT_DECODED;
}

static enum opt_result ccp_deflate(np_ctx *c, const uint8_t *p, unsigned len,
				   const uint8_t **dump)
{
	(void)len, (void)dump;
	np_printf(c, ": Window: %uK, Method: %s (0x%x), MBZ: %u, CHK: %u",
		  (np_u8(c, p + 2) & 0xf0) >> 4, (np_u8(c, p + 2) & 0x0f) == 8 ? "zlib" : "unknown",
		  np_u8(c, p + 2) & 0x0f, (np_u8(c, p + 3) & 0xfc) >> 2, np_u8(c, p + 3) & 0x03);
	return OPT_DECODED;
}

static const opt_rule ccp_rules[] = {
	{21, 3, 0, 0, 0, NULL, ccp_bsd},
	{24, 4, 0, 0, 0, NULL, ccp_mvrca},
	{26, 4, 0, 0, 0, NULL, ccp_deflate},
};

static const opt_rule bacp_rules[] = {{1, 6, 1, 0, 4, ": Magic-Num 0x%08x", NULL}};

/* One control protocol's options: their names and the rules of those it decodes. */
typedef struct cp_proto {
	unsigned proto;
	const np_tok *names;
	/* the name of an option not in names; NULL for LCP, which prints such an option as
	 * one "unknown LCP option" line and skips it undecoded */
	const char *unknown;
	const opt_rule *rules;
	size_t nrules;
} cp_proto;

#define RULES(r) r, sizeof(r) / sizeof((r)[0])

static const cp_proto cp_protos[] = {
	{PPP_LCP, lcp_opts, NULL, RULES(lcp_rules)},
	{PPP_IPCP, ipcp_opts, "unknown", RULES(ipcp_rules)},
	{PPP_IPV6CP, ip6cp_opts, "unknown", RULES(ip6cp_rules)},
	{PPP_CCP, ccp_opts, "Unknown", RULES(ccp_rules)},
	{PPP_BACP, bacp_opts, "Unknown", RULES(bacp_rules)},
};

static const cp_proto *cp_find(unsigned proto)
{
	for (size_t i = 0; i < sizeof cp_protos / sizeof cp_protos[0]; i++)
		if (cp_protos[i].proto == proto)
			return &cp_protos[i];
	return NULL;
}

static const opt_rule *rule_find(const cp_proto *cp, unsigned opt)
{
	for (size_t i = 0; i < cp->nrules; i++)
		if (cp->rules[i].opt == opt)
			return &cp->rules[i];
	return NULL;
}

/* The value dump: at -v only for options not decoded, at -vv for all. */
static void opt_dump(np_ctx *c, const uint8_t *p, unsigned len, int decoded)
{
	if ((!decoded && c->o.vflag < 2) || c->o.vflag > 1)
		np_unknown_data(c, p + 2, "\n\t    ", len - 2);
}

/* One option at p, `length` bytes left for it: type, length and the name line, the value,
 * the dump.  Returns the option length, 0 to stop the walk (cut short or bogus). */
static unsigned cp_option(np_ctx *c, const cp_proto *cp, const uint8_t *p, unsigned length)
{
	if (length < 2)
		return 0;
	unsigned opt = np_u8(c, p), len = np_u8(c, p + 1);
	if (length < len)
		return 0;
	const char *name = np_tok_find(cp->names, opt);
	if (!name && !cp->unknown) {
		np_printf(c, "\n\tunknown LCP option 0x%02x", opt);
		return len < 2 ? 0 : len;
	}
	np_printf(c, "\n\t  %s Option (0x%02x), length %u", name ? name : cp->unknown, opt, len);
	if (!len_min(c, len, 2))
		return 0;
	const opt_rule *r = rule_find(cp, opt);
	if (!r) {
		opt_dump(c, p, len, 0);
		return len;
	}
	if (!(r->exact ? len_is(c, len, r->len) : len_min(c, len, r->len)))
		return r->stop ? 0 : len;
	const uint8_t *dump = p;
	if (r->fmt)
		np_printf(c, r->fmt, r->width == 2 ? np_be16(c, p + 2) : np_be32(c, p + 2));
	else if (r->value && r->value(c, p, len, &dump) == OPT_STOP)
		return 0;
	opt_dump(c, dump, len, 1);
	return len;
}

void np_ppp_ctrl_print(np_ctx *c, unsigned proto, const uint8_t *bp, unsigned length)
{
	const char *typestr = np_ppp_proto_name(proto);
	if (typestr)
		np_printf(c, "%s, ", typestr);
	else
		np_printf(c, "unknown ctrl-proto (0x%04x), ", proto);
	if (length < 4) {
		np_printf(c, "[|%s]", typestr ? typestr : "ctrl-proto");
		return;
	}
	const uint8_t *t = bp;
	unsigned code = np_u8(c, t);
	const char *cname = np_tok_find(cp_codes, code);
	np_printf(c, "%s (0x%02x), id %u, length %u", cname ? cname : "Unknown Opcode", code,
		  np_u8(c, t + 1), length + 2);
	t += 2;
	if (!c->o.vflag)
		return;
	unsigned len = np_be16(c, t);
	t += 2;
	if (len < 4) {
		np_printf(c, "\n\tencoded length %u (< 4))", len);
		return;
	}
	if (len > length) {
		np_printf(c, "\n\tencoded length %u (> packet length %u))", len, length);
		return;
	}
	length = len;
	np_printf(c, "\n\tencoded length %u (=Option(s) length %u)", len, len - 4);
	if (length == 4)
		return;
	if (c->o.vflag > 1)
		np_unknown_data(c, bp - 2, "\n\t", 6);
	switch (code) {
	case 0:
		if (length < 11)
			break;
		np_printf(c, "\n\t  Magic-Num 0x%08x", np_be32(c, t));
		np_printf(c, " Vendor: %s (%u)", tok(oui_names, "Unknown", np_be24(c, t + 4)),
			  np_be24(c, t + 4));
		break;
	case 1:
	case 2:
	case 3:
	case 4: {
		const cp_proto *cp = cp_find(proto);
		if (!cp)
			break;
		unsigned tlen = len - 4;
		do {
			unsigned adv = cp_option(c, cp, t, len);
			if (adv == 0)
				break;
			if (tlen < adv) {
				np_printf(c, " [remaining options length %u < %u]", tlen, adv);
				np_print_invalid(c);
				break;
			}
			tlen -= adv;
			t += adv;
		} while (tlen != 0);
		break;
	}
	case 5:
	case 6:
	case 7:
		break;
	case 8: {
		if (length < 6)
			break;
		unsigned rp = np_be16(c, t);
		const char *rn = np_ppp_proto_name(rp);
		np_printf(c, "\n\t  Rejected %s Protocol (0x%04x)", rn ? rn : "unknown", rp);
		if (len > 6) {
			np_puts(c, "\n\t  Rejected Packet");
			np_unknown_data(c, t + 2, "\n\t    ", len - 2);
		}
		break;
	}
	case 9:
	case 10:
	case 11:
		if (length < 8)
			break;
		np_printf(c, "\n\t  Magic-Num 0x%08x", np_be32(c, t));
		if (len > 8) {
			np_puts(c, "\n\t  -----trailing data-----");
			np_need(c, t + 4, len - 8);
			np_unknown_data(c, t + 4, "\n\t  ", len - 8);
		}
		break;
	case 12:
		if (length < 8)
			break;
		np_printf(c, "\n\t  Magic-Num 0x%08x", np_be32(c, t));
		if (len > 8) {
			np_puts(c, "\n\t  Message\n\t    ");
			if (np_print_chars(c, t + 4, len - 4)) {
				np_printf(c, "[|%s]", typestr ? typestr : "ctrl-proto");
				return;
			}
		}
		break;
	case 13:
		if (length < 12)
			break;
		np_printf(c, "\n\t  Magic-Num 0x%08x", np_be32(c, t));
		np_printf(c, ", Seconds-Remaining %us", np_be32(c, t + 4));
		break;
	default:
		if (c->o.vflag <= 1)
			np_unknown_data(c, bp - 2, "\n\t  ", length + 2);
		break;
	}
}

static const np_tok ml_flags[] = {{0x80, "begin"}, {0x40, "end"}, {0, NULL}};

void np_ppp_mlppp_print(np_ctx *c, const uint8_t *p, unsigned length)
{
	if (!c->o.eflag)
		np_puts(c, "MLPPP, ");
	if (length < 2 || !np_has(c, p, 2)) {
		np_puts(c, "[|mlppp]");
		return;
	}
	np_printf(c, "seq 0x%03x, Flags [", np_be16(c, p) & 0x0fff);
	np_print_bits(c, ml_flags, ", ", np_u8(c, p) & 0xc0);
	np_printf(c, "], length %u", length);
}

static const np_tok chap_codes[] = {
	{1, "Challenge"}, {2, "Response"}, {3, "Success"}, {4, "Fail"}, {0, NULL},
};
static const np_tok pap_codes[] = {
	{1, "Auth-Req"}, {2, "Auth-ACK"}, {3, "Auth-NACK"}, {0, NULL},
};

/* The header CHAP and PAP share (code, id, length): its code, or -1 when the packet is too
 * short for it (name is the protocol's, in lower case in the marker) */
static int auth_head(np_ctx *c, const uint8_t *p, unsigned length, const char *name,
		     const np_tok *codes, unsigned *len)
{
	if (length < 1) {
		np_printf(c, "[|%s]", name);
		return -1;
	}
	if (length < 4) {
		np_printf(c, "[|%s 0x%02x]", name, np_u8(c, p));
		return -1;
	}
	unsigned code = np_u8(c, p);
	np_printf(c, "%s, %s (0x%02x), id %u", name[0] == 'c' ? "CHAP" : "PAP",
		  tok(codes, "unknown", code), code, np_u8(c, p + 1));
	*len = np_be16(c, p + 2);
	return (int)code;
}

/* label and n bytes of text */
static void auth_text(np_ctx *c, const char *label, const uint8_t *p, unsigned n)
{
	np_puts(c, label);
	np_need(c, p, n);
	np_print_chars(c, p, n);
}

/* A value of as many bytes as its first says, inside the first `length` bytes from p0:
 * its start and size in *v and *n, 0 when it does not fit */
static int counted(np_ctx *c, const uint8_t *p, const uint8_t *p0, unsigned length,
		   const uint8_t **v, unsigned *n)
{
	if (length - (unsigned)(p - p0) < 1)
		return 0;
	*n = np_u8(c, p++);
	*v = p;
	return length - (unsigned)(p - p0) >= *n;
}

void np_ppp_chap_print(np_ctx *c, const uint8_t *p, unsigned length)
{
	const uint8_t *p0 = p, *v;
	unsigned len, n;
	int code = auth_head(c, p, length, "chap", chap_codes, &len);
	if (code < 0)
		return;
	p += 4;
	switch (code) {
	case 1:
	case 2:
		if (!counted(c, p, p0, length, &v, &n))
			return;
		np_puts(c, ", Value ");
		for (p = v; p < v + n; p++)
			np_printf(c, "%02x", np_u8(c, p));
		auth_text(c, ", Name ", p, len - (unsigned)(p - p0));
		break;
	case 3:
	case 4:
		auth_text(c, ", Msg ", p, len - (unsigned)(p - p0));
		break;
	}
}

void np_ppp_pap_print(np_ctx *c, const uint8_t *p, unsigned length)
{
	const uint8_t *p0 = p, *v;
	unsigned len, n;
	int code = auth_head(c, p, length, "pap", pap_codes, &len);
	if (code < 0)
		return;
	p += 4;
	if (len > length) {
		np_printf(c, ", length %u > packet size", len);
		return;
	}
	length = len;
	if (length < 4) {
		np_printf(c, ", length %u < PAP header length", length);
		return;
	}
	switch (code) {
	case 1:
		if (len < 6)
			goto trunc;
		if (!counted(c, p, p0, length, &v, &n))
			return;
		auth_text(c, ", Peer ", v, n);
		if (!counted(c, v + n, p0, length, &v, &n))
			return;
		auth_text(c, ", Name ", v, n);
		break;
	case 2:
	case 3:
		if (len < 5)
			goto trunc;
		if (!counted(c, p, p0, length, &v, &n))
			return;
		auth_text(c, ", Msg ", v, n);
		break;
	}
	return;
trunc:
	np_puts(c, "[|pap]");
}
