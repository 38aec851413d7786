/* What the command line hands the live capture: defaults, -C sizes, --program listings.
 *
 * --program FILE runs a program listing in tcpdump's -ddd form live exactly as written,
 * without the compiler (for example one printed by `tcpdump -i IF -ddd EXPR`). TEMPORARY: the
 * VM's assembler (ns_assemble) reads this form and more; this reader goes once it is merged. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "capture/live.h"

void ns_live_config_init(ns_live_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->progname = "netsift";
	cfg->optimize = 1;
	cfg->promisc = 1;
	cfg->direction = -1;
	cfg->linktype = -1;
	cfg->out = stdout;
	cfg->err = stderr;
}

int ns_live_parse_filesize(const char *arg, int64_t *bytes, char *msg, size_t msgsize)
{
	size_t n = strlen(arg);
	int64_t mult = 1000000;
	char num[64];
	if (n == 0 || n >= sizeof(num)) {
		snprintf(msg, msgsize, "invalid file size %s", arg);
		return -1;
	}
	memcpy(num, arg, n + 1);
	static const struct { char suffix; int64_t mult; } units[] = {
		{'k', 1024}, {'m', 1024 * 1024}, {'g', 1024 * 1024 * 1024},
	};
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (num[n - 1] == units[i].suffix) {
			mult = units[i].mult;
			num[--n] = '\0';
			break;
		}
	char *end;
	errno = 0;
	long long v = strtoll(num, &end, 10);
	if (end == num || *end || errno || v <= 0) {
		snprintf(msg, msgsize, "invalid file size %s", arg);
		return -1;
	}
	if (v > INT64_MAX / mult) {
		snprintf(msg, msgsize, "file size %s is too large", arg);
		return -1;
	}
	*bytes = (int64_t)v * mult;
	return 0;
}

/* Reads an unsigned decimal number; advances *s. */
static int read_number(const char **s, unsigned long *v)
{
	const char *p = *s;
	while (*p == ' ' || *p == '\t' || *p == '\r')
		p++;
	if (!isdigit((unsigned char)*p))
		return -1;
	char *end;
	errno = 0;
	*v = strtoul(p, &end, 10);
	if (errno)
		return -1;
	*s = end;
	return 0;
}

static int at_line_end(const char **s)
{
	const char *p = *s;
	while (*p == ' ' || *p == '\t' || *p == '\r')
		p++;
	if (*p == '\n') {
		*s = p + 1;
		return 1;
	}
	*s = p;
	return *p == '\0';
}

int ns_live_read_ddd(const char *text, ns_program *out, char *msg, size_t msgsize)
{
	const char *s = text;
	while (isspace((unsigned char)*s))
		s++;
	unsigned long count;
	/* A listing is a line with only a count, then lines of four numbers; a filter expression
	 * never starts so (a lone number is not a valid expression in the first place). */
	const char *after;
	if (read_number(&s, &count) != 0 || (after = s, !at_line_end(&after)) || *after == '\0')
		return 0;
	s = after;
	if (count == 0 || count > 65535) {
		snprintf(msg, msgsize, "program listing: bad instruction count %lu", count);
		return -1;
	}
	out->insns = calloc(count, sizeof(ns_insn));
	if (!out->insns) {
		snprintf(msg, msgsize, "out of memory");
		return -1;
	}
	out->len = count;
	for (unsigned long i = 0; i < count; i++) {
		unsigned long f[4];
		for (int j = 0; j < 4; j++)
			if (read_number(&s, &f[j]) != 0)
				goto bad;
		if (f[0] > 0xffff || f[1] > 0xff || f[2] > 0xff || f[3] > 0xffffffffUL ||
		    !at_line_end(&s))
			goto bad;
		out->insns[i] = (ns_insn){(uint16_t)f[0], (uint8_t)f[1], (uint8_t)f[2], (uint32_t)f[3]};
		continue;
bad:
		snprintf(msg, msgsize, "program listing: instruction %lu is not \"code jt jf k\"", i);
		ns_program_free(out);
		return -1;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s) {
		snprintf(msg, msgsize, "program listing: more than the %lu instructions announced",
			 count);
		ns_program_free(out);
		return -1;
	}
	return 1;
}
