/* TCP: ports, flags, relative sequence numbers, window, options, checksum (-v), RST data,
 * and the hand-off to payload printers by port.
 *
 * Relative sequence numbers need the initial sequence numbers of each connection: a hash
 * table per printer, keyed by the connection with its endpoints in a canonical order, filled
 * by the first ACK-bearing segment (or a SYN) of a connection, as tcpdump does, so the first
 * SYN-ACK prints absolute numbers and everything after it relative ones. */
#include <stdlib.h>
#include <string.h>

#include "capture/netprint.h"

#define TCP_HDRLEN 20
#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_ACK 0x10
#define TH_URG 0x20
#define MAX_RST_DATA_LEN 30
#define TSEQ_HASHSIZE 919

static const np_tok flag_chars[] = {
	{0x01, "F"}, {0x02, "S"}, {0x04, "R"}, {0x08, "P"},
	{0x10, "."}, {0x20, "U"}, {0x40, "E"}, {0x80, "W"}, {0, NULL},
};

static const np_tok option_names[] = {
	{0, "eol"}, {1, "nop"}, {2, "mss"}, {3, "wscale"}, {4, "sackOK"}, {5, "sack"},
	{6, "echo"}, {7, "echoreply"}, {8, "TS"}, {11, "cc"}, {12, "ccnew"}, {13, ""},
	{19, "md5"}, {20, "scps"}, {28, "uto"}, {29, "tcp-ao"}, {30, "mptcp"}, {34, "tfo"},
	{254, "exp"}, {0, NULL},
};

/* One connection: addresses (IPv4 in the first 4 bytes of each, or IPv6) and ports. */
typedef struct tcp_key {
	uint8_t src[16], dst[16];
	uint32_t ports;
	uint8_t v6;
} tcp_key;

struct tcp_conn {
	struct tcp_conn *next;
	tcp_key key;
	uint32_t seq, ack;
};

struct np_tcp_seq {
	struct tcp_conn *slot[TSEQ_HASHSIZE];
};

void np_tcp_state_free(np_ctx *c)
{
	if (!c->tcp_seq)
		return;
	for (unsigned i = 0; i < TSEQ_HASHSIZE; i++) {
		struct tcp_conn *e = c->tcp_seq->slot[i];
		while (e) {
			struct tcp_conn *n = e->next;
			free(e);
			e = n;
		}
	}
	free(c->tcp_seq);
	c->tcp_seq = NULL;
}

/* Finds or records the connection; returns NULL only when out of memory. *created is set
 * when the segment (re)starts the connection's numbering. */
static struct tcp_conn *conn_lookup(np_ctx *c, const tcp_key *k, int syn, int *created)
{
	if (!c->tcp_seq) {
		c->tcp_seq = calloc(1, sizeof(*c->tcp_seq));
		if (!c->tcp_seq)
			return NULL;
	}
	struct tcp_conn **head = &c->tcp_seq->slot[k->ports % TSEQ_HASHSIZE];
	for (struct tcp_conn *e = *head; e; e = e->next) {
		if (!memcmp(&e->key, k, sizeof(*k))) {
			*created = syn;
			return e;
		}
	}
	struct tcp_conn *e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	e->key = *k;
	e->next = *head;
	*head = e;
	*created = 1;
	return e;
}

void np_ip_addrs_print(np_ctx *c, const uint8_t *ip, unsigned sport, unsigned dport, int tcp)
{
	char buf[64];
	unsigned want = tcp ? 6 : 17;
	const char *(*port_str)(np_ctx *, unsigned, char *) =
		tcp ? np_tcpport_str : np_udpport_str;
	int v6 = (np_u8(c, ip) >> 4) == 6;
	unsigned next = np_u8(c, ip + (v6 ? 6 : 9));
	if (next == want) {
		np_print_ip_addr(c, ip, 0);
		np_printf(c, ".%s > ", port_str(c, sport, buf));
		np_print_ip_addr(c, ip, 1);
		np_printf(c, ".%s: ", port_str(c, dport, buf));
	} else {
		np_printf(c, "%s > ", port_str(c, sport, buf));
		np_printf(c, "%s: ", port_str(c, dport, buf));
	}
}

static void print_rst_data(np_ctx *c, const uint8_t *sp, unsigned length)
{
	np_puts(c, np_has(c, sp, length) ? " [RST" : " [!RST");
	if (length > MAX_RST_DATA_LEN) {
		length = MAX_RST_DATA_LEN;
		np_putc(c, '+');
	}
	np_putc(c, ' ');
	np_print_chars(c, sp, length);
	np_putc(c, ']');
}

/* Payload printers by port: the first entry matching either port wins, as tcpdump's
 * if/else chain. */
static np_ipproto_fn payload_printer(unsigned sport, unsigned dport)
{
	for (const np_port_entry *e = np_tcp_port_table; e->fn; e++)
		if (e->port == sport || e->port == dport)
			return e->fn;
	return NULL;
}

/* TCP Fast Open (RFC 7413), as option 34 or inside experimental option 254. */
static void print_fastopen(np_ctx *c, const uint8_t *cp, unsigned datalen, int exp)
{
	if (exp)
		np_puts(c, "tfo");
	if (datalen == 0) {
		np_puts(c, " cookiereq");
	} else if (datalen % 2 != 0 || datalen < 4 || datalen > 16) {
		np_print_invalid(c);
	} else {
		np_puts(c, " cookie ");
		for (unsigned i = 0; i < datalen; ++i)
			np_printf(c, "%02x", np_u8(c, cp + i));
	}
}

/* Options; returns 0 normally, -1 on "[bad opt]", -2 when an option's data is cut by the
 * capture (tcpdump's LENCHECK: "[|tcp]" without the truncation exit, so -x still skips the
 * link header).  *ch is the separator state; payload_captured says whether the segment's
 * data is all in the capture (the MD5 signature option names the reason it is not checked). */
static int print_options(np_ctx *c, const uint8_t *cp, unsigned hlen, int rev, uint32_t thseq,
			 uint32_t thack, char *ch, int payload_captured)
{
	np_puts(c, ", options [");
	while (hlen > 0) {
		if (*ch)
			np_putc(c, *ch);
		unsigned opt = np_u8(c, cp++);
		unsigned len;
		int zerolen = opt == 0 || opt == 1;
		if (zerolen) {
			len = 1;
		} else {
			len = np_u8(c, cp++);
			if (len < 2 || len > hlen)
				return -1;
			--hlen;
		}
		--hlen;
		unsigned datalen = 0;
#define LENCHECK(l)                              \
	do {                                     \
		if ((l) > hlen)                  \
			return -1;               \
		if (!np_has(c, cp, (l)))         \
			return -2;               \
	} while (0)
		const char *name = np_tok_find(option_names, opt);
		if (name)
			np_puts(c, name);
		else
			np_printf(c, "unknown-%u", opt);
		switch (opt) {
		case 2:
			datalen = 2;
			LENCHECK(datalen);
			np_printf(c, " %u", np_be16(c, cp));
			break;
		case 3:
			datalen = 1;
			LENCHECK(datalen);
			np_printf(c, " %u", np_u8(c, cp));
			break;
		case 5:
			datalen = len - 2;
			if (datalen % 8 != 0) {
				np_puts(c, " invalid sack");
			} else {
				np_printf(c, " %u ", datalen / 8);
				for (unsigned i = 0; i < datalen; i += 8) {
					LENCHECK(i + 4);
					uint32_t s = np_be32(c, cp + i);
					LENCHECK(i + 8);
					uint32_t e = np_be32(c, cp + i + 4);
					uint32_t base = rev ? thseq : thack;
					np_printf(c, "{%u:%u}", s - base, e - base);
				}
			}
			break;
		case 6:
		case 7:
		case 11:
		case 12:
		case 13:
			datalen = 4;
			LENCHECK(datalen);
			np_printf(c, " %u", np_be32(c, cp));
			break;
		case 8:
			datalen = 8;
			LENCHECK(datalen);
			np_printf(c, " val %u ecr %u", np_be32(c, cp), np_be32(c, cp + 4));
			break;
		case 19:
			datalen = 16;
			LENCHECK(datalen);
			/* no secret is ever configured (-M): tcpdump says why it cannot check,
			 * testing the captured data first */
			np_puts(c, payload_captured ? " shared secret not supplied with -M, "
						    : " snaplen too short, ");
			np_puts(c, "can't check - ");
			for (unsigned i = 0; i < 16; i++)
				np_printf(c, "%02x", np_u8(c, cp + i));
			break;
		case 20:
			datalen = 2;
			LENCHECK(datalen);
			np_printf(c, " cap %02x id %u", np_u8(c, cp), np_u8(c, cp + 1));
			break;
		case 28: {
			datalen = 2;
			LENCHECK(datalen);
			unsigned uto = np_be16(c, cp);
			np_printf(c, " 0x%x", uto);
			uto = uto & 1 ? (uto >> 1) * 60 : uto >> 1;
			np_printf(c, " %u", uto);
			break;
		}
		case 29:
			datalen = len - 2;
			if (datalen < 2) {
				np_print_invalid(c);
			} else {
				LENCHECK(1);
				np_printf(c, " keyid %u", np_u8(c, cp));
				LENCHECK(2);
				np_printf(c, " rnextkeyid %u", np_u8(c, cp + 1));
				if (datalen > 2) {
					np_puts(c, " mac 0x");
					for (unsigned i = 2; i < datalen; i++) {
						LENCHECK(i + 1);
						np_printf(c, "%02x", np_u8(c, cp + i));
					}
				}
			}
			break;
		case 30:
			/* MPTCP is not decoded; an option too short for its subtype is "[bad opt]" in
			 * tcpdump too, longer ones print as unknown options do */
			datalen = len - 2;
			LENCHECK(datalen);
			if (datalen < 1)
				return -1;
			np_puts(c, " 0x");
			for (unsigned i = 0; i < datalen; ++i)
				np_printf(c, "%02x", np_u8(c, cp + i));
			break;
		case 34:
			datalen = len - 2;
			LENCHECK(datalen);
			np_putc(c, ' ');
			print_fastopen(c, cp, datalen, 0);
			break;
		case 254: {
			datalen = len - 2;
			LENCHECK(datalen);
			if (datalen < 2)
				return -1;
			/* RFC 6994: a 16-bit magic names the experiment */
			unsigned magic = np_be16(c, cp);
			np_putc(c, '-');
			if (magic == 0xf989)
				print_fastopen(c, cp + 2, datalen - 2, 1);
			else
				np_printf(c, "%04x", magic);
			break;
		}
		case 0:
		case 1:
		case 4:
			break;
		default:
			datalen = len - 2;
			if (datalen)
				np_puts(c, " 0x");
			for (unsigned i = 0; i < datalen; ++i) {
				LENCHECK(i + 1);
				np_printf(c, "%02x", np_u8(c, cp + i));
			}
			break;
		}
#undef LENCHECK
		cp += datalen;
		hlen -= datalen;
		datalen += zerolen ? 1 : 2;
		if (datalen != len)
			np_printf(c, "[len %u]", len);
		*ch = ',';
		if (opt == 0)
			break;
	}
	np_putc(c, ']');
	return 0;
}

void np_tcp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	np_set_proto(c, "tcp");
	int v6 = (np_u8(c, ip) >> 4) == 6;
	if (!np_has(c, bp, 4)) {
		np_print_ip_addr(c, ip, 0);
		np_puts(c, " > ");
		np_print_ip_addr(c, ip, 1);
		np_putc(c, ':');
		np_print_trunc(c);
		return;
	}
	unsigned sport = np_be16(c, bp), dport = np_be16(c, bp + 2);
	np_ip_addrs_print(c, ip, sport, dport, 1);
	if (!np_has(c, bp, TCP_HDRLEN)) {
		np_print_trunc(c);
		return;
	}
	unsigned hlen = (np_u8(c, bp + 12) >> 4) * 4u;
	if (hlen < TCP_HDRLEN) {
		np_printf(c, " tcp %u [bad hdr length %u - too short, < %u]", length - hlen, hlen,
			  TCP_HDRLEN);
		return;
	}
	uint32_t seq = np_be32(c, bp + 4), ack = np_be32(c, bp + 8);
	unsigned win = np_be16(c, bp + 14), urp = np_be16(c, bp + 18);
	if (c->o.qflag) {
		np_printf(c, "tcp %u", length - hlen);
		if (hlen > length)
			np_printf(c, " [bad hdr length %u - too long, > %u]", hlen, length);
		return;
	}
	unsigned flags = np_u8(c, bp + 13);
	np_puts(c, "Flags [");
	if (!flags)
		np_puts(c, "none");
	else
		for (const np_tok *t = flag_chars; t->s; t++)
			if (flags & t->v)
				np_puts(c, t->s);
	np_putc(c, ']');

	int rev = 0;
	uint32_t thseq = 0, thack = 0;
	if (!c->o.Sflag && (flags & TH_ACK)) {
		tcp_key k;
		memset(&k, 0, sizeof(k));
		size_t alen = v6 ? 16 : 4;
		const uint8_t *src = ip + (v6 ? 8 : 12), *dst = src + alen;
		np_need(c, src, 2 * alen);
		if (sport > dport)
			rev = 1;
		else if (sport == dport && memcmp(src, dst, alen) > 0)
			rev = 1;
		k.v6 = (uint8_t)v6;
		if (rev) {
			memcpy(k.src, dst, alen);
			memcpy(k.dst, src, alen);
			k.ports = dport << 16 | sport;
		} else {
			memcpy(k.src, src, alen);
			memcpy(k.dst, dst, alen);
			k.ports = sport << 16 | dport;
		}
		int created = 0;
		struct tcp_conn *th = conn_lookup(c, &k, (flags & TH_SYN) != 0, &created);
		if (th) {
			if (created) {
				if (rev)
					th->ack = seq, th->seq = ack - 1;
				else
					th->seq = seq, th->ack = ack - 1;
			} else if (rev) {
				seq -= th->ack, ack -= th->seq;
			} else {
				seq -= th->seq, ack -= th->ack;
			}
			thseq = th->seq;
			thack = th->ack;
		}
	}
	if (hlen > length) {
		np_printf(c, " [bad hdr length %u - too long, > %u]", hlen, length);
		return;
	}
	if (c->o.vflag && !frag && np_has(c, bp, length)) {
		uint16_t sum = v6 ? np_ip6_pseudo_cksum(ip, bp, length, 6)
				  : np_ip_pseudo_cksum(c, ip, bp, length, 6);
		unsigned tcp_sum = np_be16(c, bp + 16);
		np_printf(c, ", cksum 0x%04x", tcp_sum);
		if (sum != 0) {
			np_printf(c, " (incorrect -> 0x%04x)", np_cksum_shouldbe(tcp_sum, sum));
		} else {
			np_puts(c, " (correct)");
		}
	}
	length -= hlen;
	if (c->o.vflag > 1 || length > 0 || (flags & (TH_SYN | TH_FIN | TH_RST))) {
		np_printf(c, ", seq %u", seq);
		if (length > 0)
			np_printf(c, ":%u", seq + length);
	}
	if (flags & TH_ACK)
		np_printf(c, ", ack %u", ack);
	np_printf(c, ", win %u", win);
	if (flags & 0x20)
		np_printf(c, ", urg %u", urp);
	char ch = '\0';
	if (hlen > TCP_HDRLEN) {
		/* a truncated option ends the line in "[|tcp]" or "[|tcp]>" (no closing bracket) */
		int rc = print_options(c, bp + TCP_HDRLEN, hlen - TCP_HDRLEN, rev, thseq, thack, &ch,
				       np_has(c, bp + hlen, length));
		if (rc == -2) {
			/* tcpdump's trunc label closes the option list with '>' once one printed */
			np_print_trunc(c);
			if (ch)
				np_putc(c, '>');
			return;
		}
		if (rc < 0) {
			np_puts(c, "[bad opt]");
			if (ch)
				np_putc(c, ']');
			return;
		}
	}
	np_printf(c, ", length %u", length);
	if (length == 0)
		return;
	/* the payload printers need the whole header captured */
	if (!np_has(c, bp, hlen)) {
		np_printf(c, " [remaining caplen(%u) < header length(%u)]", np_avail(c, bp), hlen);
		np_trunc(c);
	}
	bp += hlen;
	if ((flags & TH_RST) && c->o.vflag) {
		print_rst_data(c, bp, length);
		return;
	}
	np_ipproto_fn fn = payload_printer(sport, dport);
	if (fn)
		fn(c, bp, length, ip, frag);
}
