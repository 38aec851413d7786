/* Syslog (RFC 3164/5424) on UDP port 514: facility and severity from the <PRI> prefix and,
 * with -v, the message as sent, as tcpdump 4.99.3 prints them. */
#include "capture/netprint.h"

static const np_tok severity_names[] = {
	{0, "emergency"}, {1, "alert"}, {2, "critical"}, {3, "error"}, {4, "warning"},
	{5, "notice"}, {6, "info"}, {7, "debug"}, {0, NULL},
};
static const np_tok facility_names[] = {
	{0, "kernel"}, {1, "user"}, {2, "mail"}, {3, "daemon"}, {4, "auth"}, {5, "syslog"},
	{6, "lpr"}, {7, "news"}, {8, "uucp"}, {9, "cron"}, {10, "authpriv"}, {11, "ftp"},
	{12, "ntp"}, {13, "security"}, {14, "console"}, {15, "cron"}, {16, "local0"},
	{17, "local1"}, {18, "local2"}, {19, "local3"}, {20, "local4"}, {21, "local5"},
	{22, "local6"}, {23, "local7"}, {0, NULL},
};


void np_syslog_print(np_ctx *c, const uint8_t *p, unsigned len, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	char fb[32], sb[32];
	unsigned off = 0, pri = 0;
	np_set_proto(c, "syslog");
	if (np_u8(c, p) != '<')
		goto invalid;
	off++;
	while (off <= 3 && np_u8(c, p + off) >= '0' && np_u8(c, p + off) <= '9') {
		pri = pri * 10 + (p[off] - '0');
		off++;
	}
	if (np_u8(c, p + off) != '>')
		goto invalid;
	off++;
	unsigned fac = (pri & 0x03f8) >> 3, sev = pri & 7;
	const char *fs = np_tok_str(facility_names, "unknown (%u)", fac, fb, sizeof(fb));
	const char *ss = np_tok_str(severity_names, "unknown (%u)", sev, sb, sizeof(sb));
	if (c->o.vflag < 1) {
		np_printf(c, "SYSLOG %s.%s, length: %u", fs, ss, len);
		return;
	}
	np_printf(c, "SYSLOG, length: %u\n\tFacility %s (%u), Severity %s (%u)\n\tMsg: ", len, fs,
		  fac, ss, sev);
	if (len > off) {
		if (np_print_chars(c, p + off, len - off))
			np_need(c, p + off, len - off);
	}
	if (c->o.vflag > 1) {
		unsigned avail = np_avail(c, p);
		np_hex(c, "\n\t", p, len < avail ? len : avail);
	}
	return;
invalid:
	np_print_invalid(c);
}
