/* ISAKMP / IKEv1 (RFC 2407, 2408) and IKEv2 (RFC 7296) on UDP port 500, and the RFC 3948
 * NAT-traversal port 4500 (keep-alives, non-ESP marker, ESP in UDP).
 *
 * Without -v: version-independent summary (phase, initiator/responder from a cookie cache
 * kept across packets, exchange type, flags).  With -v the payload chain, one payload per
 * line, nested proposals and transforms indented four spaces per level, as tcpdump 4.99.3
 * prints them; -vv/-vvv add the cookies and payload data.
 *
 * Payloads are walked up to the end of the capture, not of the UDP length (tcpdump's
 * ndo_snapend); " [|name]" marks a payload cut by the capture, where tcpdump checks; its
 * longjmp-ing reads end the packet with " [|isakmp]" and the whole-packet dump (np_u8 etc.).
 */
#include <string.h>

#include "capture/netprint.h"

#define HDR_LEN 28

/* ---- accessors ---------------------------------------------------------------------- */


/* ---- names -------------------------------------------------------------------------- */

static const char *const protoid_names[] = {NULL, "isakmp", "ipsec-ah", "ipsec-esp", "ipcomp"};

static const char *const pay_names[] = {
	"none", "sa", "p", "t", "ke", "id", "cert", "cr", "hash", "sig", "nonce", "n", "d", "vid",
	"pay14", "pay15", "pay16", "pay17", "pay18", "pay19", "pay20", "pay21", "pay22", "pay23",
	"pay24", "pay25", "pay26", "pay27", "pay28", "pay29", "pay30", "pay31", "pay32",
	"v2sa", "v2ke", "v2IDi", "v2IDr", "v2cert", "v2cr", "v2auth", "v2nonce", "v2n", "v2d",
	"v2vid", "v2TSi", "v2TSr", "v2e", "v2cp", "v2eap",
};

static const char *const etype_names[] = {
	"none", "base", "ident", "auth", "agg", "inf", NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	"oakley-quick", "oakley-newgroup", "ikev2_init", "ikev2_auth", "child_sa", "inf2",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* STR_OR_ID: the table entry or "#N" (in a small rotating buffer) */
static const char *str_or_id(unsigned x, const char *const *tab, size_t n)
{
	static char bufs[4][16];
	static unsigned k;
	if (x < n && tab[x])
		return tab[x];
	char *b = bufs[k++ % 4];
	snprintf(b, sizeof(bufs[0]), "#%u", x);
	return b;
}
#define STR_OR_ID(x, tab) str_or_id((x), (tab), COUNT(tab))
#define NPSTR(x) STR_OR_ID((x), pay_names)

static const char *const ikev1_p_map[] = {NULL, "ike"};
static const char *const ikev2_t_type_map[] = {NULL, "encr", "prf", "integ", "dh", "esn"};
static const char *const ah_p_map[] = {
	NULL, "(reserved)", "md5", "sha", "1des", "sha2-256", "sha2-384", "sha2-512",
};
static const char *const prf_p_map[] = {NULL, "hmac-md5", "hmac-sha", "hmac-tiger", "aes128_xcbc"};
static const char *const integ_p_map[] = {
	NULL, "hmac-md5", "hmac-sha", "dec-mac", "kpdk-md5", "aes-xcbc",
};
static const char *const esn_p_map[] = {"no-esn", "esn"};
#define DH_GROUPS                                                                            \
	NULL, "modp768", "modp1024", "EC2N 2^155", "EC2N 2^185", "modp1536", "iana-grp06",    \
		"iana-grp07", "iana-grp08", "iana-grp09", "iana-grp10", "iana-grp11",         \
		"iana-grp12", "iana-grp13", "modp2048", "modp3072", "modp4096", "modp6144",   \
		"modp8192"
static const char *const dh_p_map[] = {DH_GROUPS};
static const char *const esp_p_map[] = {
	NULL, "1des-iv64", "1des", "3des", "rc5", "idea", "cast", "blowfish", "3idea",
	"1des-iv32", "rc4", "null", "aes",
};
static const char *const ipcomp_p_map[] = {NULL, "oui", "deflate", "lzs"};

struct attrmap {
	const char *type;
	unsigned nvalue;
	const char *value[30];
};

static const struct attrmap ipsec_t_map[] = {
	{NULL, 0, {NULL}},
	{"lifetype", 3, {NULL, "sec", "kb"}},
	{"life", 0, {NULL}},
	{"group desc", 18, {DH_GROUPS}},
	{"enc mode", 3, {NULL, "tunnel", "transport"}},
	{"auth", 5, {NULL, "hmac-md5", "hmac-sha1", "1des-mac", "keyed"}},
	{"keylen", 0, {NULL}},
	{"rounds", 0, {NULL}},
	{"dictsize", 0, {NULL}},
	{"privalg", 0, {NULL}},
};

static const struct attrmap encr_t_map[] = {
	{NULL, 0, {NULL}}, {NULL, 0, {NULL}}, {NULL, 0, {NULL}}, {NULL, 0, {NULL}},
	{NULL, 0, {NULL}}, {NULL, 0, {NULL}}, {NULL, 0, {NULL}}, {NULL, 0, {NULL}},
	{NULL, 0, {NULL}}, {NULL, 0, {NULL}}, {NULL, 0, {NULL}}, {NULL, 0, {NULL}},
	{NULL, 0, {NULL}}, {NULL, 0, {NULL}}, {"keylen", 14, {NULL}},
};

static const struct attrmap oakley_t_map[] = {
	{NULL, 0, {NULL}},
	{"enc", 8, {NULL, "1des", "idea", "blowfish", "rc5", "3des", "cast", "aes"}},
	{"hash", 7, {NULL, "md5", "sha1", "tiger", "sha2-256", "sha2-384", "sha2-512"}},
	{"auth", 6, {NULL, "preshared", "dss", "rsa sig", "rsa enc", "rsa enc revised"}},
	{"group desc", 18, {DH_GROUPS}},
	{"group type", 4, {NULL, "MODP", "ECP", "EC2N"}},
	{"group prime", 0, {NULL}},
	{"group gen1", 0, {NULL}},
	{"group gen2", 0, {NULL}},
	{"group curve A", 0, {NULL}},
	{"group curve B", 0, {NULL}},
	{"lifetype", 3, {NULL, "sec", "kb"}},
	{"lifeduration", 0, {NULL}},
	{"prf", 0, {NULL}},
	{"keylen", 0, {NULL}},
	{"field", 0, {NULL}},
	{"order", 0, {NULL}},
};

/* What names a transform's ID and which attributes it takes: by protocol ID in IKEv1, by
 * transform type in IKEv2 (whose PRF, integrity, DH and ESN transforms take none). */
typedef struct xform_kind {
	unsigned key;
	const char *const *ids;
	size_t nids;
	const struct attrmap *attrs;
	size_t nattrs;
} xform_kind;

static const xform_kind v1_xforms[] = {
	{1, ikev1_p_map, COUNT(ikev1_p_map), oakley_t_map, COUNT(oakley_t_map)},
	{2, ah_p_map, COUNT(ah_p_map), ipsec_t_map, COUNT(ipsec_t_map)},
	{3, esp_p_map, COUNT(esp_p_map), ipsec_t_map, COUNT(ipsec_t_map)},
	{4, ipcomp_p_map, COUNT(ipcomp_p_map), ipsec_t_map, COUNT(ipsec_t_map)},
};

static const xform_kind v2_xforms[] = {
	{1, esp_p_map, COUNT(esp_p_map), encr_t_map, COUNT(encr_t_map)},
	{2, prf_p_map, COUNT(prf_p_map), NULL, 0},
	{3, integ_p_map, COUNT(integ_p_map), NULL, 0},
	{4, dh_p_map, COUNT(dh_p_map), NULL, 0},
	{5, esn_p_map, COUNT(esn_p_map), NULL, 0},
};

static const xform_kind *xform_find(const xform_kind *t, size_t n, unsigned key)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].key == key)
			return &t[i];
	return NULL;
}

/* ---- the initiator cookie cache (tcpdump keeps 20 across packets) --------------------- */

#define MAXINITIATORS 20
static struct {
	uint8_t cookie[8];
	unsigned version;
	uint8_t iaddr[16], raddr[16];
} cache[MAXINITIATORS];
static int ninitiator;

static int cookie_find(const uint8_t *ck)
{
	for (int i = 0; i < MAXINITIATORS; i++)
		if (memcmp(ck, cache[i].cookie, 8) == 0)
			return i;
	return -1;
}

static void cookie_record(np_ctx *c, const uint8_t *ck, const uint8_t *ip)
{
	int i = cookie_find(ck);
	if (i >= 0) {
		ninitiator = (i + 1) % MAXINITIATORS;
		return;
	}
	unsigned v = np_u8(c, ip) >> 4;
	if (v == 4) {
		cache[ninitiator].version = 4;
		memcpy(cache[ninitiator].iaddr, ip + 12, 4);
		memcpy(cache[ninitiator].raddr, ip + 16, 4);
	} else if (v == 6) {
		cache[ninitiator].version = 6;
		memcpy(cache[ninitiator].iaddr, ip + 8, 16);
		memcpy(cache[ninitiator].raddr, ip + 24, 16);
	} else {
		return;
	}
	memcpy(cache[ninitiator].cookie, ck, 8);
	ninitiator = (ninitiator + 1) % MAXINITIATORS;
}

static int cookie_side(np_ctx *c, int i, const uint8_t *ip, int initiator)
{
	unsigned v = np_u8(c, ip) >> 4;
	const uint8_t *want = initiator ? cache[i].iaddr : cache[i].raddr;
	if (v == 4)
		return cache[i].version == 4 && memcmp(ip + 12, want, 4) == 0;
	if (v == 6)
		return cache[i].version == 6 && memcmp(ip + 8, want, 16) == 0;
	return 0;
}

/* ---- data helpers ------------------------------------------------------------------- */

/* rawprint: 0 when the bytes are not all captured */
static int rawprint(np_ctx *c, const uint8_t *p, size_t len)
{
	if (!np_has(c, p, len))
		return 0;
	for (size_t i = 0; i < len; i++)
		np_printf(c, "%02x", p[i]);
	return 1;
}

/* " " and a payload body in hex, as tcpdump prints it at -vvv after the decoded fields: 0
 * when the body is not all captured */
static int raw_body(np_ctx *c, const uint8_t *p, size_t len)
{
	np_putc(c, ' ');
	return rawprint(c, p, len);
}

/* ike_show_somedata: the first 10 and last 20 bytes up to the end of the capture */
static int show_somedata(np_ctx *c, const uint8_t *cp)
{
	const uint8_t *ep = c->snapend;
	size_t len = cp <= ep ? (size_t)(ep - cp) : 10;
	if (len > 10)
		len = 10;
	const uint8_t *end = cp + len;
	size_t elen = (size_t)-1;
	if (ep - cp >= (ptrdiff_t)len + 20) {
		end = ep - 20;
		elen = 20;
	} else if (ep >= end) {
		elen = (size_t)(ep - end);
	}
	np_puts(c, " data=(");
	if (!rawprint(c, cp, len))
		return 0;
	np_puts(c, "...");
	if (elen && !rawprint(c, end, elen))
		return 0;
	np_putc(c, ')');
	return 1;
}

/* one data attribute; returns the next one, ep2 + 1 after "[|attr]", NULL when cut */
static const uint8_t *attr_print(np_ctx *c, const uint8_t *p, const uint8_t *ep2,
				 const struct attrmap *map, size_t nmap)
{
	unsigned tv = np_u8(c, p) & 0x80;
	unsigned totlen = tv ? 4 : 4 + np_be16(c, p + 2);
	if (ep2 < p + totlen) {
		np_puts(c, "[|attr]");
		return ep2 + 1;
	}
	np_putc(c, '(');
	unsigned t = np_be16(c, p) & 0x7fff;
	if (map && t < nmap && map[t].type)
		np_printf(c, "type=%s ", map[t].type);
	else
		np_printf(c, "type=#%u ", t);
	if (tv) {
		np_puts(c, "value=");
		unsigned v = np_be16(c, p + 2);
		if (map && t < nmap && v < map[t].nvalue && map[t].value[v]) {
			np_puts(c, map[t].value[v]);
		} else if (!rawprint(c, p + 2, 2)) {
			np_putc(c, ')');
			return NULL;
		}
	} else {
		np_printf(c, "len=%u value=", totlen - 4);
		if (!rawprint(c, p + 4, totlen - 4)) {
			np_putc(c, ')');
			return NULL;
		}
	}
	np_putc(c, ')');
	return p + totlen;
}

static void indent(np_ctx *c, int depth)
{
	np_putc(c, '\n');
	for (int i = 0; i < depth; i++)
		np_puts(c, "    ");
	np_putc(c, '(');
}

/* ---- payload walkers ------------------------------------------------------------------ */

typedef struct walk {
	unsigned phase, doi, proto;
	int v2;
} walk;

static const uint8_t *sub_print(np_ctx *c, unsigned np, const uint8_t *ext, walk w, int depth);

static const uint8_t *trunc_of(np_ctx *c, unsigned np)
{
	np_printf(c, " [|%s]", NPSTR(np));
	return NULL;
}

/* An IKEv1 payload's name, then whether its first `need` bytes are captured */
static int v1_head(np_ctx *c, unsigned np, const uint8_t *ext, size_t need)
{
	np_printf(c, "%s:", NPSTR(np));
	return np_has(c, ext, need);
}

static const uint8_t *v1_sa(np_ctx *c, const uint8_t *ext, unsigned len, walk w, int depth)
{
	(void)len;
	if (!v1_head(c, 1, ext, 12))
		return trunc_of(c, 1);
	uint32_t doi = np_be32(c, ext + 4), sit = np_be32(c, ext + 8);
	if (doi != 1) {
		np_printf(c, " doi=%u situation=%u", doi, sit);
		return ext + 12;
	}
	np_puts(c, " doi=ipsec situation=");
	int t = 0;
	if (sit & 1) {
		np_puts(c, "identity");
		t++;
	}
	if (sit & 2) {
		np_printf(c, "%ssecrecy", t ? "+" : "");
		t++;
	}
	if (sit & 4)
		np_printf(c, "%sintegrity", t ? "+" : "");
	const uint8_t *np = ext + 12;
	if (sit != 1) {
		/* tcpdump reads its "ident" one generic header into the payload: the DOI */
		np_printf(c, " ident=%u", np_be32(c, ext + 4));
		np += 4;
	}
	if (!np_has(c, np, 4))
		return trunc_of(c, 1);
	walk w2 = w;
	w2.doi = doi;
	return sub_print(c, 2, np, w2, depth);
}

static const uint8_t *v1_p(np_ctx *c, const uint8_t *ext, unsigned len, walk w, int depth)
{
	(void)len;
	if (!v1_head(c, 2, ext, 8))
		return trunc_of(c, 2);
	unsigned prot = np_u8(c, ext + 5);
	np_printf(c, " #%u protoid=%s transform=%u", np_u8(c, ext + 4), STR_OR_ID(prot, protoid_names),
		  np_u8(c, ext + 7));
	unsigned spi = np_u8(c, ext + 6);
	if (spi) {
		np_puts(c, " spi=");
		if (!rawprint(c, ext + 8, spi))
			return trunc_of(c, 2);
	}
	const uint8_t *t = ext + 8 + spi;
	if (!np_has(c, t, 4))
		return trunc_of(c, 2);
	walk w2 = w;
	w2.proto = prot;
	return sub_print(c, 3, t, w2, depth);
}

static const uint8_t *attrs_loop(np_ctx *c, const uint8_t *cp, const uint8_t *ep2,
				 const struct attrmap *map, size_t nmap, unsigned np)
{
	const uint8_t *ep = c->snapend;
	while (cp < ep && cp < ep2) {
		cp = attr_print(c, cp, ep2, map, nmap);
		if (!cp)
			return trunc_of(c, np);
	}
	if (ep < ep2)
		np_puts(c, "...");
	return cp;
}

static const uint8_t *v1_t(np_ctx *c, const uint8_t *ext, unsigned len, walk w, int depth)
{
	(void)depth;
	if (!v1_head(c, 3, ext, 8))
		return trunc_of(c, 3);
	unsigned id = np_u8(c, ext + 5);
	const xform_kind *k = xform_find(v1_xforms, COUNT(v1_xforms), w.proto);
	if (k)
		np_printf(c, " #%u id=%s ", np_u8(c, ext + 4), str_or_id(id, k->ids, k->nids));
	else
		np_printf(c, " #%u id=%u ", np_u8(c, ext + 4), id);
	return attrs_loop(c, ext + 8, ext + len, k ? k->attrs : NULL, k ? k->nattrs : 0, 3);
}

/* the payloads printed as " len=N" and, with -vvv, their data in hex */
static const uint8_t *v1_plain(np_ctx *c, unsigned np, const char *pre, const uint8_t *ext,
			       unsigned len)
{
	if (!v1_head(c, np, ext, 4))
		return trunc_of(c, np);
	np_printf(c, "%s len=%u", pre, len - 4);
	if (c->o.vflag > 2 && len > 4 && !raw_body(c, ext + 4, len - 4))
		return trunc_of(c, np);
	return ext + len;
}

static const uint8_t *v1_cert(np_ctx *c, unsigned np, const uint8_t *ext, unsigned len)
{
	static const char *const certstr[] = {
		"none", "pkcs7", "pgp", "dns", "x509sign", "x509ke", "kerberos", "crl", "arl",
		"spki", "x509attr",
	};
	if (!v1_head(c, np, ext, 6))
		return trunc_of(c, np);
	np_printf(c, " len=%u", len - 4);
	np_printf(c, " type=%s", STR_OR_ID(np_u8(c, ext + 4), certstr));
	if (c->o.vflag > 2 && len > 4 && !raw_body(c, ext + 4, len - 4))
		return trunc_of(c, np);
	return ext + len;
}

static const uint8_t *v1_id(np_ctx *c, const uint8_t *ext, unsigned item_len)
{
	static const char *const idtypes[] = {
		NULL, "IPv4", "FQDN", "user FQDN", "IPv4net", "IPv6", "IPv6net", "IPv4range",
		"IPv6range", "ASN1 DN", "ASN1 GN", "keyid",
	};
	char s[NP_ADDRSTRLEN], s2[NP_ADDRSTRLEN];
	if (!v1_head(c, 5, ext, 8))
		return trunc_of(c, 5);
	const uint8_t *data = NULL;
	unsigned len = 0;
	if (item_len > 8)
		data = ext + 8, len = item_len - 8;
	unsigned type = np_u8(c, ext + 4);
	np_printf(c, " idtype=%s", STR_OR_ID(type, idtypes));
	np_printf(c, " protoid=%u", np_u8(c, ext + 5));
	np_printf(c, " port=%u", np_be16(c, ext + 6));
	if (len) {
		if (!np_has(c, data, len))
			return trunc_of(c, 5);
		/* the shortest data of each ID type that has a layout (FQDNs: any) */
		static const uint8_t min[] = {0, 4, 0, 0, 8, 16, 32, 8, 32};
		if (type >= 1 && type <= 8 && len < min[type]) {
			np_printf(c, " len=%u [bad: < %u]", len, min[type]);
			len = 0;
		}
		switch (len ? type : 0) {
		case 1:
			np_printf(c, " len=%u %s", len, np_ipv4_str(c, data, s));
			break;
		case 2:
		case 3:
			np_printf(c, " len=%u ", len);
			np_print_chars(c, data, len);
			break;
		case 4:
			np_printf(c, " len=%u %s/%u.%u.%u.%u", len, np_ipv4_str(c, data, s), data[4],
				  data[5], data[6], data[7]);
			break;
		case 5:
			np_printf(c, " len=%u %s", len, np_ipv6_str(c, data, s));
			break;
		case 6:
			np_printf(c, " len=%u %s/0x", len, np_ipv6_str(c, data, s));
			for (int i = 0; i < 16; i++)
				np_printf(c, "%02x", data[16 + i]);
			break;
		case 7:
			np_printf(c, " len=%u %s-%s", len, np_ipv4_str(c, data, s),
				  np_ipv4_str(c, data + 4, s2));
			break;
		case 8:
			np_printf(c, " len=%u %s-%s", len, np_ipv6_str(c, data, s),
				  np_ipv6_str(c, data + 16, s2));
			break;
		}
		if (type >= 1 && type <= 8)
			len = 0;
	}
	if (data && len) {
		np_printf(c, " len=%u", len);
		if (c->o.vflag > 2 && !raw_body(c, data, len))
			return trunc_of(c, 5);
	}
	return ext + item_len;
}

static const uint8_t *v1_nonce(np_ctx *c, const uint8_t *ext, unsigned len)
{
	if (!v1_head(c, 10, ext, 4))
		return trunc_of(c, 10);
	np_printf(c, " n len=%u", len - 4);
	if (len > 4) {
		if (c->o.vflag > 2) {
			if (!raw_body(c, ext + 4, len - 4))
				return trunc_of(c, 10);
		} else if (c->o.vflag > 1) {
			np_putc(c, ' ');
			if (!show_somedata(c, ext + 4))
				return trunc_of(c, 10);
		}
	}
	return ext + len;
}

static const char *const notify_error_str[] = {
	NULL, "INVALID-PAYLOAD-TYPE", "DOI-NOT-SUPPORTED", "SITUATION-NOT-SUPPORTED",
	"INVALID-COOKIE", "INVALID-MAJOR-VERSION", "INVALID-MINOR-VERSION",
	"INVALID-EXCHANGE-TYPE", "INVALID-FLAGS", "INVALID-MESSAGE-ID", "INVALID-PROTOCOL-ID",
	"INVALID-SPI", "INVALID-TRANSFORM-ID", "ATTRIBUTES-NOT-SUPPORTED", "NO-PROPOSAL-CHOSEN",
	"BAD-PROPOSAL-SYNTAX", "PAYLOAD-MALFORMED", "INVALID-KEY-INFORMATION",
	"INVALID-ID-INFORMATION", "INVALID-CERT-ENCODING", "INVALID-CERTIFICATE",
	"CERT-TYPE-UNSUPPORTED", "INVALID-CERT-AUTHORITY", "INVALID-HASH-INFORMATION",
	"AUTHENTICATION-FAILED", "INVALID-SIGNATURE", "ADDRESS-NOTIFICATION",
	"NOTIFY-SA-LIFETIME", "CERTIFICATE-UNAVAILABLE", "UNSUPPORTED-EXCHANGE-TYPE",
	"UNEQUAL-PAYLOAD-LENGTHS",
};
static const char *const ipsec_notify_error_str[] = {"RESERVED"};
static const char *const notify_status_str[] = {"CONNECTED"};
static const char *const ipsec_notify_status_str[] = {
	"RESPONDER-LIFETIME", "REPLAY-STATUS", "INITIAL-CONTACT",
};

static const uint8_t *v1_n(np_ctx *c, const uint8_t *ext, unsigned item_len)
{
	if (!v1_head(c, 11, ext, 12))
		return trunc_of(c, 11);
	uint32_t doi = np_be32(c, ext + 4);
	unsigned proto = np_u8(c, ext + 8), spi = np_u8(c, ext + 9), type = np_be16(c, ext + 10);
	const char *ts;
	if (type < 8192)
		ts = STR_OR_ID(type, notify_error_str);
	else if (type < 16384)
		ts = doi == 1 ? STR_OR_ID(type - 8192, ipsec_notify_error_str) : str_or_id(type, NULL, 0);
	else if (type < 24576)
		ts = STR_OR_ID(type - 16384, notify_status_str);
	else if (type < 32768 && doi == 1)
		ts = STR_OR_ID(type - 24576, ipsec_notify_status_str);
	else
		ts = str_or_id(type, NULL, 0);
	if (doi != 1)
		np_printf(c, " doi=%u proto=%u type=%s", doi, proto, ts);
	else
		np_printf(c, " doi=ipsec proto=%s type=%s", STR_OR_ID(proto, protoid_names), ts);
	if (spi) {
		np_puts(c, " spi=");
		if (!rawprint(c, ext + 12, spi))
			return trunc_of(c, 11);
	}
	if (doi != 1)
		return ext + 12 + spi;
	const uint8_t *cp = ext + 12 + spi, *ep = c->snapend, *ep2 = ext + item_len;
	if (cp < ep) {
		switch (type) {
		case 24576:
			np_puts(c, " attrs=(");
			while (cp < ep && cp < ep2) {
				cp = attr_print(c, cp, ep2, oakley_t_map, COUNT(oakley_t_map));
				if (!cp) {
					np_putc(c, ')');
					return trunc_of(c, 11);
				}
			}
			np_putc(c, ')');
			break;
		case 24577:
			np_puts(c, " status=(");
			np_printf(c, "replay detection %sabled)", np_be32(c, cp) ? "en" : "dis");
			break;
		default:
			if (c->o.vflag > 3) {
				np_puts(c, " data=(");
				if (!rawprint(c, cp, (size_t)(ep - cp)))
					return trunc_of(c, 11);
				np_putc(c, ')');
			} else if (!show_somedata(c, cp)) {
				return trunc_of(c, 11);
			}
			break;
		}
	}
	return ext + item_len;
}

static const uint8_t *v1_d(np_ctx *c, const uint8_t *ext)
{
	if (!v1_head(c, 12, ext, 12))
		return trunc_of(c, 12);
	uint32_t doi = np_be32(c, ext + 4);
	unsigned proto = np_u8(c, ext + 8);
	if (doi != 1)
		np_printf(c, " doi=%u proto=%u", doi, proto);
	else
		np_printf(c, " doi=ipsec proto=%s", STR_OR_ID(proto, protoid_names));
	unsigned spi = np_u8(c, ext + 9), nspi = np_be16(c, ext + 10);
	np_printf(c, " spilen=%u nspi=%u spi=", spi, nspi);
	const uint8_t *q = ext + 12;
	for (unsigned i = 0; i < nspi; i++) {
		if (i)
			np_putc(c, ',');
		if (!rawprint(c, q, spi))
			return trunc_of(c, 12);
		q += spi;
	}
	return q;
}

/* IKEv2 */

static void pay_name(np_ctx *c, const char *name, unsigned critical)
{
	np_printf(c, "%s%s:", name, (critical & 0x80) ? "[C]" : "");
}

/* The start of the payloads shown by their length: `need` bytes checked, the name with the
 * critical bit, " len=N" for the body after the generic header and, at -vvv, the body in hex
 * when it is longer than `dump_over`.  0 when cut short. */
static int v2_len_head(np_ctx *c, unsigned tpay, const uint8_t *ext, unsigned len,
		       unsigned need, unsigned dump_over)
{
	if (!np_has(c, ext, need))
		return 0;
	pay_name(c, NPSTR(tpay), np_u8(c, ext + 1));
	np_printf(c, " len=%u", len - 4);
	return c->o.vflag <= 2 || len - 4 <= dump_over || raw_body(c, ext + 4, len - 4);
}

static const uint8_t *v2_gen(np_ctx *c, unsigned tpay, const uint8_t *ext, unsigned len)
{
	if (!v2_len_head(c, tpay, ext, len, 4, 0))
		return trunc_of(c, tpay);
	return ext + len;
}

static const uint8_t *v2_t(np_ctx *c, const uint8_t *ext, unsigned len, int tcount, int depth)
{
	(void)depth;
	if (!np_has(c, ext, 8))
		return trunc_of(c, 3);
	pay_name(c, NPSTR(3), np_u8(c, ext + 1));
	unsigned id = np_be16(c, ext + 6), type = np_u8(c, ext + 4);
	const xform_kind *k = xform_find(v2_xforms, COUNT(v2_xforms), type);
	const char *idstr = k ? str_or_id(id, k->ids, k->nids) : NULL;
	const char *ts = STR_OR_ID(type, ikev2_t_type_map);
	if (idstr)
		np_printf(c, " #%u type=%s id=%s ", tcount, ts, idstr);
	else
		np_printf(c, " #%u type=%s id=%u ", tcount, ts, id);
	return attrs_loop(c, ext + 8, ext + len, k ? k->attrs : NULL, k ? k->nattrs : 0, 3);
}

/* Where a sub-payload claims more than its parent has left: the rest is skipped */
static const uint8_t *toolong(np_ctx *c, const uint8_t *cp, unsigned left, unsigned owner)
{
	np_printf(c, " [|%s]", NPSTR(owner));
	return cp + left;
}

/* Prints a sub-payload of length len, the count-th of its chain; NULL when cut short */
typedef const uint8_t *(*sub_fn)(np_ctx *c, const uint8_t *ext, unsigned len, int count,
				 int depth);

/* The chain of proposals in an SA or of transforms in a proposal, `left` bytes from cp: each
 * starts with the type of the next one and its length; those of type `want` are printed by
 * sub, others by their name only.  `owner` is the enclosing payload's type, for the
 * truncation marks. */
static const uint8_t *v2_chain(np_ctx *c, unsigned owner, unsigned want, sub_fn sub,
			       const uint8_t *cp, unsigned left, int depth)
{
	const uint8_t *ext = cp;
	int count = 0;
	for (unsigned np = want; np != 0; np = np_u8(c, ext)) {
		count++;
		ext = cp;
		if (left < 4)
			return toolong(c, cp, left, owner);
		if (!np_has(c, ext, 4))
			return trunc_of(c, owner);
		unsigned il = np_be16(c, ext + 2);
		if (il <= 4)
			return trunc_of(c, owner);
		if (left < il)
			return toolong(c, cp, left, owner);
		if (!np_has(c, cp, il))
			return trunc_of(c, owner);
		indent(c, depth + 1);
		if (np == want) {
			cp = sub(c, ext, il, count, depth + 1);
			if (!cp)
				return NULL;
		} else {
			np_puts(c, NPSTR(np));
			cp += il;
		}
		np_putc(c, ')');
		left -= il;
	}
	return cp;
}

static const uint8_t *v2_p(np_ctx *c, const uint8_t *ext, unsigned oplen, int count, int depth)
{
	(void)count;
	if (!np_has(c, ext, 8))
		return trunc_of(c, 2);
	pay_name(c, NPSTR(2), np_u8(c, ext + 1));
	unsigned plen = oplen - 4;
	np_printf(c, " #%u protoid=%s transform=%u len=%u", np_u8(c, ext + 4),
		  STR_OR_ID(np_u8(c, ext + 5), protoid_names), np_u8(c, ext + 7), oplen);
	const uint8_t *cp = ext + 8;
	unsigned spi = np_u8(c, ext + 6);
	if (spi) {
		if (plen < spi)
			return toolong(c, cp, plen, 2);
		np_puts(c, " spi=");
		if (!rawprint(c, cp, spi))
			return trunc_of(c, 2);
		cp += spi;
		plen -= spi;
	}
	/* the transforms print one level deeper than the proposal, as tcpdump's do */
	return v2_chain(c, 2, 3, v2_t, cp, plen, depth);
}

static const uint8_t *v2_sa(np_ctx *c, unsigned tpay, const uint8_t *ext1, int depth)
{
	if (!np_has(c, ext1, 4))
		return trunc_of(c, tpay);
	pay_name(c, "sa", np_u8(c, ext1 + 1));
	unsigned salen = np_be16(c, ext1 + 2) - 4;
	np_printf(c, " len=%u", salen);
	return v2_chain(c, tpay, 2, v2_p, ext1 + 4, salen, depth);
}

static const uint8_t *v2_ke(np_ctx *c, unsigned tpay, const uint8_t *ext, unsigned len)
{
	if (!np_has(c, ext, 8))
		return trunc_of(c, tpay);
	pay_name(c, NPSTR(tpay), np_u8(c, ext + 1));
	if (len < 8) {
		np_printf(c, " len=%u < 8", len);
		return ext + len;
	}
	np_printf(c, " len=%u group=%s", len - 8, STR_OR_ID(np_be16(c, ext + 4), dh_p_map));
	if (c->o.vflag > 2 && len > 8 && !raw_body(c, ext + 8, len - 8))
		return trunc_of(c, tpay);
	return ext + len;
}

static void printable(np_ctx *c, const uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		unsigned ch = np_u8(c, p + i);
		np_putc(c, ch >= 0x20 && ch < 0x7f ? (int)ch : '.');
	}
}

static const uint8_t *v2_id(np_ctx *c, unsigned tpay, const uint8_t *ext, unsigned len)
{
	if (!v2_len_head(c, tpay, ext, len, 8, 0))
		return trunc_of(c, tpay);
	unsigned tl = len - 8;
	const uint8_t *d = ext + 8;
	int ascii = 0, hex = 0;
	switch (np_u8(c, ext + 4)) {
	case 1: np_puts(c, " ipv4:"), hex = 1; break;
	case 2: np_puts(c, " fqdn:"), ascii = 1; break;
	case 3: np_puts(c, " rfc822:"), ascii = 1; break;
	case 5: np_puts(c, " ipv6:"), hex = 1; break;
	case 9: np_puts(c, " dn:"), hex = 1; break;
	case 10: np_puts(c, " gn:"), hex = 1; break;
	case 11: np_puts(c, " keyid:"), hex = 1; break;
	}
	if (ascii) {
		if (!np_has(c, d, tl))
			return trunc_of(c, tpay);
		printable(c, d, tl);
	}
	if (hex && !rawprint(c, d, tl))
		return trunc_of(c, tpay);
	return ext + len;
}

static const uint8_t *v2_auth(np_ctx *c, unsigned tpay, const uint8_t *ext, unsigned len)
{
	static const char *const methods[] = {"invalid", "rsasig", "shared-secret", "dsssig"};
	if (!np_has(c, ext, 8))
		return trunc_of(c, tpay);
	pay_name(c, NPSTR(tpay), np_u8(c, ext + 1));
	np_printf(c, " len=%u method=%s", len - 4, STR_OR_ID(np_u8(c, ext + 4), methods));
	if (len > 4) {
		if (c->o.vflag > 1) {
			np_puts(c, " authdata=(");
			if (!rawprint(c, ext + 8, len - 8))
				return trunc_of(c, tpay);
			np_puts(c, ") ");
		} else if (c->o.vflag && !show_somedata(c, ext + 8)) {
			return trunc_of(c, tpay);
		}
	}
	return ext + len;
}

static const uint8_t *v2_nonce(np_ctx *c, unsigned tpay, const uint8_t *ext, unsigned len)
{
	if (!np_has(c, ext, 4))
		return trunc_of(c, tpay);
	pay_name(c, "nonce", np_u8(c, ext + 1));
	np_printf(c, " len=%u", len - 4);
	if (c->o.vflag > 1 && len > 4) {
		np_puts(c, " nonce=(");
		if (!rawprint(c, ext + 4, len - 4))
			return trunc_of(c, tpay);
		np_puts(c, ") ");
	} else if (c->o.vflag && len > 4 && !show_somedata(c, ext + 4)) {
		return trunc_of(c, tpay);
	}
	return ext + len;
}

static const np_tok v2_notify_names[] = {
	{1, "unsupported_critical_payload"}, {4, "invalid_ike_spi"},
	{5, "invalid_major_version"}, {7, "invalid_syntax"}, {9, "invalid_message_id"},
	{11, "invalid_spi"}, {14, "no_proposal_chosen"}, {17, "invalid_ke_payload"},
	{24, "authentication_failed"}, {34, "single_pair_required"}, {35, "no_additional_sas"},
	{36, "internal_address_failure"}, {37, "failed_cp_required"}, {38, "ts_unnacceptable"},
	{39, "invalid_selectors"}, {40, "unacceptable_addresses"},
	{41, "unexpected_nat_detected"}, {42, "use_assigned_hoa"}, {43, "temporary_failure"},
	{44, "child_sa_not_found"}, {45, "invalid_group_id"}, {46, "authorization_failed"},
	{47, "state_not_found"}, {16384, "initial_contact"}, {16385, "set_window_size"},
	{16386, "additional_ts_possible"}, {16387, "ipcomp_supported"},
	{16388, "nat_detection_source_ip"}, {16389, "nat_detection_destination_ip"},
	{16390, "cookie"}, {16391, "use_transport_mode"}, {16392, "http_cert_lookup_supported"},
	{16393, "rekey_sa"}, {16394, "tfc_padding_not_supported"},
	{16395, "non_first_fragment_also"}, {16396, "mobike_supported"},
	{16397, "additional_ip4_address"}, {16398, "additional_ip6_address"},
	{16399, "no_additional_addresses"}, {16400, "update_sa_addresses"}, {16401, "cookie2"},
	{16402, "no_nats_allowed"}, {16403, "auth_lifetime"}, {16404, "multiple_auth_supported"},
	{16405, "another_auth_follows"}, {16406, "redirect_supported"}, {16407, "redirect"},
	{16408, "redirected_from"}, {16409, "ticket_lt_opaque"}, {16410, "ticket_request"},
	{16411, "ticket_ack"}, {16412, "ticket_nack"}, {16413, "ticket_opaque"},
	{16414, "link_id"}, {16415, "use_wesp_mode"}, {16416, "rohc_supported"},
	{16417, "eap_only_authentication"}, {16418, "childless_ikev2_supported"},
	{16419, "quick_crash_detection"}, {16420, "ikev2_message_id_sync_supported"},
	{16421, "ipsec_replay_counter_sync_supported"}, {16422, "ikev2_message_id_sync"},
	{16423, "ipsec_replay_counter_sync"}, {16424, "secure_password_methods"},
	{16425, "psk_persist"}, {16426, "psk_confirm"}, {16427, "erx_supported"},
	{16428, "ifom_capability"}, {16429, "sender_request_id"},
	{16430, "ikev2_fragmentation_supported"}, {16431, "signature_hash_algorithms"},
	{16432, "clone_ike_sa_supported"}, {16433, "clone_ike_sa"}, {16434, "puzzle"},
	{16435, "use_ppk"}, {16436, "ppk_identity"}, {16437, "no_ppk_auth"},
	{16438, "intermediate_exchange_supported"}, {16439, "ip4_allowed"},
	{16440, "ip6_allowed"}, {16441, "additional_key_exchange"}, {16442, "use_aggfrag"},
	{0, NULL},
};

static const uint8_t *v2_n(np_ctx *c, const uint8_t *ext, unsigned len)
{
	if (!np_has(c, ext, 8))
		return trunc_of(c, 11);
	pay_name(c, NPSTR(11), np_u8(c, ext + 1)); /* tcpdump names it with the IKEv1 "n" */
	np_printf(c, " prot_id=%s", STR_OR_ID(np_u8(c, ext + 4), protoid_names));
	unsigned type = np_be16(c, ext + 6);
	int showspi = 0, somedata = 0;
	const char *name = np_tok_find(v2_notify_names, type);
	switch (type) {
	case 4: case 7: case 9: case 11: case 14: case 17: case 24: case 34: case 16388:
	case 16389: case 16393:
		showspi = 1;
		break;
	case 16390:
		showspi = 1, somedata = 1;
		break;
	}
	if (!name) {
		showspi = 1;
		name = type < 8192 ? "error" : type < 16384 ? "private-error"
			: type < 40960 ? "status" : "private-status";
	}
	np_printf(c, " type=%u(%s)", type, name);
	unsigned spi = np_u8(c, ext + 5);
	if (showspi && spi) {
		np_puts(c, " spi=");
		if (!rawprint(c, ext + 8, spi))
			return trunc_of(c, 11);
	}
	const uint8_t *cp = ext + 8 + spi, *ep = c->snapend;
	if (cp < ep) {
		if (c->o.vflag > 3 || (somedata && ep - cp < 30)) {
			np_puts(c, " data=(");
			if (!rawprint(c, cp, (size_t)(ep - cp)))
				return trunc_of(c, 11);
			np_putc(c, ')');
		} else if (somedata && !show_somedata(c, cp)) {
			return trunc_of(c, 11);
		}
	}
	return ext + len;
}

static const uint8_t *v2_vid(np_ctx *c, unsigned tpay, const uint8_t *ext, unsigned len)
{
	if (!np_has(c, ext, 4))
		return trunc_of(c, tpay);
	pay_name(c, NPSTR(tpay), np_u8(c, ext + 1));
	np_printf(c, " len=%u vid=", len - 4);
	if (!np_has(c, ext + 4, len - 4))
		return trunc_of(c, tpay);
	printable(c, ext + 4, len - 4);
	if (c->o.vflag > 2 && len - 4 > 4 && !raw_body(c, ext + 4, len - 4))
		return trunc_of(c, tpay);
	return ext + len;
}

static const uint8_t *v2_e(np_ctx *c, unsigned tpay, const uint8_t *ext, unsigned len)
{
	/* tcpdump dumps an E payload only when its body is longer than 4 bytes */
	if (!v2_len_head(c, tpay, ext, len, 4, 4))
		return trunc_of(c, tpay);
	unsigned dlen = len - 4;
	if (!np_has(c, ext + 4, dlen))
		return trunc_of(c, tpay);
	return NULL; /* E comes last: what follows was inside it */
}

/* one payload (tcpdump's ike_sub0_print / ikev2_sub0_print) */
static const uint8_t *sub0(np_ctx *c, unsigned np, const uint8_t *ext, walk w, int depth)
{
	if (!np_has(c, ext, 4)) {
		np_print_trunc(c);
		return NULL;
	}
	unsigned len = np_be16(c, ext + 2);
	if (len <= 4)
		return NULL;
	if (w.v2 && np == 46)
		return v2_e(c, np, ext, len);
	switch (np) {
	case 1: return v1_sa(c, ext, len, w, depth);
	case 2: return v1_p(c, ext, len, w, depth);
	case 3: return v1_t(c, ext, len, w, depth);
	case 4: return v1_plain(c, 4, " key", ext, len);
	case 5: return v1_id(c, ext, len);
	case 6: case 7: return v1_cert(c, np, ext, len);
	case 8: case 9: case 13: return v1_plain(c, np, "", ext, len);
	case 10: return v1_nonce(c, ext, len);
	case 11: return v1_n(c, ext, len);
	case 12: return v1_d(c, ext);
	case 33: return v2_sa(c, np, ext, depth);
	case 34: return v2_ke(c, np, ext, len);
	case 35: case 36: return v2_id(c, np, ext, len);
	case 37: case 38: case 42: case 44: case 45: case 47: case 48:
		return v2_gen(c, np, ext, len);
	case 39: return v2_auth(c, np, ext, len);
	case 40: return v2_nonce(c, np, ext, len);
	case 41: return v2_n(c, ext, len);
	case 43: return v2_vid(c, np, ext, len);
	default:
		np_puts(c, NPSTR(np));
		return ext + len;
	}
}

static const uint8_t *sub_print(np_ctx *c, unsigned np, const uint8_t *ext, walk w, int depth)
{
	const uint8_t *cp = ext;
	while (np) {
		if (!np_has(c, ext, 4) || !np_has(c, ext, np_be16(c, ext + 2)))
			return trunc_of(c, np);
		indent(c, depth + 1);
		cp = sub0(c, np, ext, w, depth + 1);
		np_putc(c, ')');
		if (!cp)
			return NULL;
		np = np_u8(c, ext);
		ext = cp;
	}
	return cp;
}

static void ike_body(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int v2)
{
	unsigned phase = np_be32(c, bp + 20) == 0 ? 1 : 2;
	if (v2) {
		np_puts(c, phase == 1 ? " parent_sa" : " child_sa ");
	} else {
		np_printf(c, phase == 1 ? " phase %u" : " phase %u/others", phase);
		int i = cookie_find(bp);
		if (i < 0) {
			int zero = 1;
			for (int k = 0; k < 8; k++)
				zero &= bp[8 + k] == 0;
			if (zero) {
				np_puts(c, " I");
				if (ip)
					cookie_record(c, bp, ip);
			} else {
				np_puts(c, " ?");
			}
		} else if (ip && cookie_side(c, i, ip, 1)) {
			np_puts(c, " I");
		} else if (ip && cookie_side(c, i, ip, 0)) {
			np_puts(c, " R");
		} else {
			np_puts(c, " ?");
		}
	}
	np_printf(c, " %s", STR_OR_ID(np_u8(c, bp + 18), etype_names));
	unsigned flags = np_u8(c, bp + 19);
	if (flags) {
		if (v2)
			np_printf(c, "[%s%s%s]", (flags & 8) ? "I" : "", (flags & 16) ? "V" : "",
				  (flags & 32) ? "R" : "");
		else
			np_printf(c, "[%s%s]", (flags & 1) ? "E" : "", (flags & 2) ? "C" : "");
	}
	if (!c->o.vflag)
		return;
	np_putc(c, ':');
	unsigned np = np_u8(c, bp + 16);
	if (flags & 1) {
		np_printf(c, " [encrypted %s]", NPSTR(np));
	} else {
		walk w = {phase, 0, 0, v2};
		sub_print(c, np, bp + HDR_LEN, w, 0);
	}
	uint32_t ilen = np_be32(c, bp + 24);
	if (ilen != length)
		np_printf(c, " (len mismatch: isakmp %u/ip %u)", ilen, length);
}

static void isakmp_body(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip)
{
	np_set_proto(c, "isakmp");
	if (!np_has(c, bp, HDR_LEN)) {
		np_print_trunc(c);
		return;
	}
	np_puts(c, "isakmp");
	unsigned major = bp[17] >> 4, minor = bp[17] & 15;
	if (c->o.vflag)
		np_printf(c, " %u.%u msgid %02x%02x%02x%02x", major, minor, bp[20], bp[21], bp[22],
			  bp[23]);
	if (c->o.vflag > 1) {
		np_puts(c, " cookie ");
		for (int i = 0; i < 8; i++)
			np_printf(c, "%02x", bp[i]);
		np_puts(c, "->");
		for (int i = 8; i < 16; i++)
			np_printf(c, "%02x", bp[i]);
	}
	np_putc(c, ':');
	if (major == 1 || major == 2)
		ike_body(c, bp, length, ip, major == 2);
}

void np_isakmp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)frag;
	isakmp_body(c, bp, length, ip);
}

/* UDP port 4500 (RFC 3948) */
void np_isakmp_natt_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
			  int frag)
{
	(void)frag;
	np_set_proto(c, "isakmp_rfc3948");
	if (length == 1 && np_u8(c, bp) == 0xff) {
		np_puts(c, "isakmp-nat-keep-alive");
		return;
	}
	if (length < 4) {
		np_print_trunc(c);
		return;
	}
	if (np_be32(c, bp) == 0) {
		np_puts(c, "NONESP-encap: ");
		isakmp_body(c, bp + 4, length - 4, ip);
		return;
	}
	np_puts(c, "UDP-encap: ");
	np_esp_body(c, bp, length);
}
