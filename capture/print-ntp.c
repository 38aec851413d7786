/* NTP (RFC 5905, and the mode 6 control messages of draft-ietf-ntp-mode-6-cmds): version,
 * mode and length; with -v the leap indicator, stratum, poll, precision, root delay and
 * dispersion, reference ID, the four time stamps with their UTC dates, the originator's
 * differences, and the key ID and digest; control messages get their header fields.
 *
 * Key decisions:
 * - Time stamps are printed as tcpdump 4.99.3 prints them: seconds since 1900 and the
 *   fraction in nanoseconds computed in double precision and truncated; the date is the
 *   seconds minus 70 years, so dates before 1970 come out as gmtime gives them (no NTP
 *   era arithmetic, as in 4.99.3).
 * - tcpdump mixes two truncation styles here: a field it checks first ends the packet with
 *   " [|ntp]" (np_need), one it reads with its longjmp-ing accessors dumps the whole packet
 *   afterwards (np_need()). */
#include <time.h>

#include "capture/netprint.h"

#define NTP_TIMEMSG_MINLEN 48u
#define NTP_CTRLMSG_MINLEN 12u
#define JAN_1970 2208988800LL /* 1970 - 1900 in seconds */
#define FMAXINT 4294967296.0

enum { MODE_UNSPEC, MODE_SYM_ACT, MODE_SYM_PAS, MODE_CLIENT, MODE_SERVER, MODE_BROADCAST,
       MODE_CONTROL, MODE_RES2 };
enum { STRATUM_UNSPEC = 0, STRATUM_PRIM_REF = 1, INFO_QUERY = 62, INFO_REPLY = 63 };

static const np_tok mode_names[] = {
	{MODE_UNSPEC, "unspecified"},
	{MODE_SYM_ACT, "symmetric active"},
	{MODE_SYM_PAS, "symmetric passive"},
	{MODE_CLIENT, "Client"},
	{MODE_SERVER, "Server"},
	{MODE_BROADCAST, "Broadcast"},
	{MODE_CONTROL, "Control Message"},
	{MODE_RES2, "Reserved"},
	{0, NULL},
};

/* The two leap bits, kept in place (tcpdump prints them unshifted). */
static const np_tok leap_names[] = {
	{0x00, ""}, {0x40, "+1s"}, {0x80, "-1s"}, {0xc0, "clock unsynchronized"}, {0, NULL},
};

/* 16.16 fixed point, the fraction in millionths. */
static void sfix_print(np_ctx *c, const uint8_t *p)
{
	unsigned i = np_be16(c, p);
	double ff = np_be16(c, p + 2) / 65536.0;
	np_printf(c, "%d.%06d", (int)i, (int)(ff * 1000000.0));
}

static uint32_t fraction_ns(uint32_t f)
{
	return (uint32_t)((double)f / FMAXINT * 1000000000.0);
}

/* A 64-bit time stamp: seconds.nanoseconds and, when not zero, the UTC date (tcpdump's
 * p_ntp_time, also used by RADIUS). */
void np_ntp_time_print(np_ctx *c, const uint8_t *p)
{
	uint32_t i = np_be32(c, p), f = np_be32(c, p + 4);
	np_printf(c, "%u.%09u", i, fraction_ns(f));
	if (!i)
		return;
	time_t t = (time_t)((int64_t)i - JAN_1970);
	struct tm tmv;
	char buf[64];
	if (gmtime_r(&t, &tmv) && strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tmv))
		np_printf(c, " (%s)", buf);
	else
		np_puts(c, " ([Error converting time])");
}

/* The signed difference of two time stamps; a zero origin prints the second one whole. */
static void delta_print(np_ctx *c, const uint8_t *op, const uint8_t *p)
{
	uint32_t u = np_be32(c, p), ou = np_be32(c, op);
	uint32_t uf = np_be32(c, p + 4), ouf = np_be32(c, op + 4);
	if (ou == 0 && ouf == 0) {
		np_ntp_time_print(c, p);
		return;
	}
	uint32_t i, f;
	int neg;
	if (u > ou) {
		neg = 0;
		i = u - ou - (ouf > uf);
		f = uf - ouf;
	} else if (u < ou) {
		neg = 1;
		i = ou - u - (uf > ouf);
		f = ouf - uf;
	} else {
		i = 0;
		neg = !(uf > ouf);
		f = neg ? ouf - uf : uf - ouf;
	}
	np_printf(c, "%s%u.%09u", neg ? "-" : "+", i, fraction_ns(f));
}

static void poll_print(np_ctx *c, int poll)
{
	if (poll <= -32 || poll >= 32)
		return;
	if (poll >= 0)
		np_printf(c, " (%us)", 1u << poll);
	else
		np_printf(c, " (1/%us)", 1u << -poll);
}

static void digest_print(np_ctx *c, const uint8_t *p, unsigned words)
{
	np_need_plain(c, p, words * 4);
	np_puts(c, "\n\tAuthentication: ");
	for (unsigned k = 0; k < words; k++)
		np_printf(c, "%08x", np_be32(c, p + 4 * k));
}

static void time_msg_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	char buf[NP_ADDRSTRLEN];
	if (length < NTP_TIMEMSG_MINLEN) {
		np_print_invalid(c);
		np_need_plain(c, bp, length);
		return;
	}
	np_need(c, bp + 1, 1);
	unsigned stratum = np_u8(c, bp + 1);
	const char *sname = stratum == STRATUM_UNSPEC	  ? "unspecified"
			    : stratum == STRATUM_PRIM_REF ? "primary reference"
			    : stratum >= 2 && stratum <= 15 ? "secondary reference"
							    : "reserved";
	np_printf(c, ", Stratum %u (%s)", stratum, sname);
	np_need(c, bp + 2, 1);
	int poll = (int8_t)np_u8(c, bp + 2);
	np_printf(c, ", poll %d", poll);
	poll_print(c, poll);
	np_need(c, bp + 3, 1);
	np_printf(c, ", precision %d", (int8_t)np_u8(c, bp + 3));

	np_need_plain(c, bp + 4, 4);
	np_puts(c, "\n\tRoot Delay: ");
	sfix_print(c, bp + 4);
	np_need_plain(c, bp + 8, 4);
	np_puts(c, ", Root dispersion: ");
	sfix_print(c, bp + 8);
	const uint8_t *refid = bp + 12;
	np_need_plain(c, refid, 4);
	np_puts(c, ", Reference-ID: ");
	switch (stratum) {
	case STRATUM_UNSPEC:
		np_puts(c, "(unspec)");
		break;
	case STRATUM_PRIM_REF:
		np_print_chars(c, refid, 4);
		break;
	case INFO_QUERY:
		np_printf(c, "%s INFO_QUERY", np_ipv4_str(c, refid, buf));
		return;
	case INFO_REPLY:
		np_printf(c, "%s INFO_REPLY", np_ipv4_str(c, refid, buf));
		return;
	default:
		np_printf(c, "0x%08x", np_be32(c, refid));
		break;
	}
	static const char *const labels[] = {
		"Reference Timestamp:  ", "Originator Timestamp: ", "Receive Timestamp:    ",
		"Transmit Timestamp:   ",
	};
	for (unsigned k = 0; k < 4; k++) {
		np_need_plain(c, bp + 16 + 8 * k, 8);
		np_printf(c, "\n\t  %s", labels[k]);
		np_ntp_time_print(c, bp + 16 + 8 * k);
	}
	const uint8_t *org = bp + 24, *rec = bp + 32, *xmt = bp + 40;
	np_puts(c, "\n\t    Originator - Receive Timestamp:  ");
	delta_print(c, org, rec);
	np_puts(c, "\n\t    Originator - Transmit Timestamp: ");
	delta_print(c, org, xmt);

	/* only the key ID and digest are known after the header, no extension fields */
	const uint8_t *key = bp + NTP_TIMEMSG_MINLEN;
	unsigned extra = length - NTP_TIMEMSG_MINLEN;
	if (extra == 4 || extra == 4 + 16 || extra == 4 + 20) {
		np_printf(c, "\n\tKey id: %u", np_be32(c, key));
		if (extra > 4)
			digest_print(c, key + 4, (extra - 4) / 4);
	} else if (extra > 0) {
		np_printf(c, "\n\t(%u more bytes after the header)", extra);
	}
}

static void control_msg_print(np_ctx *c, const uint8_t *bp, unsigned length)
{
	if (length < NTP_CTRLMSG_MINLEN) {
		np_print_invalid(c);
		np_need_plain(c, bp, length);
		return;
	}
	np_need(c, bp + 1, 1);
	unsigned control = np_u8(c, bp + 1);
	np_printf(c, ", %s, %s, %s, OpCode=%u\n", control & 0x80 ? "Response" : "Request",
		  control & 0x40 ? "Error" : "OK", control & 0x20 ? "More" : "Last",
		  control & 0x1f);
	np_need(c, bp + 2, 2);
	np_printf(c, "\tSequence=%u", np_be16(c, bp + 2));
	np_need(c, bp + 4, 2);
	unsigned status = np_be16(c, bp + 4);
	/* C's %#x: zero stays bare */
	np_printf(c, status ? ", Status=%#x" : ", Status=%x", status);
	np_need(c, bp + 6, 2);
	np_printf(c, ", Assoc.=%u", np_be16(c, bp + 6));
	np_need(c, bp + 8, 2);
	np_printf(c, ", Offset=%u", np_be16(c, bp + 8));
	np_need(c, bp + 10, 2);
	unsigned count = np_be16(c, bp + 10);
	np_printf(c, ", Count=%u", count);
	if (NTP_CTRLMSG_MINLEN + count > length) {
		np_print_invalid(c);
		np_need_plain(c, bp, length);
		return;
	}
	if (count) {
		np_need_plain(c, bp + NTP_CTRLMSG_MINLEN, count);
		np_puts(c, "\n\tTO-BE-DONE: data not interpreted");
	}
}

void np_ntp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	char buf[32];
	np_set_proto(c, "ntp");
	np_need(c, bp, 1);
	unsigned status = np_u8(c, bp);
	unsigned mode = status & 0x07;
	np_printf(c, "NTPv%u", (status >> 3) & 0x07);
	np_printf(c, ", %s, length %u",
		  np_tok_str(mode_names, "Unknown mode", mode, buf, sizeof(buf)), length);
	if (!c->o.vflag)
		return;
	np_printf(c, "\n\tLeap indicator: %s (%u)", np_tok_find(leap_names, status & 0xc0),
		  status & 0xc0);
	if (mode <= MODE_BROADCAST)
		time_msg_print(c, bp, length);
	else if (mode == MODE_CONTROL)
		control_msg_print(c, bp, length);
}
