/* What the command line hands the live capture: its defaults, and -C sizes as tcpdump reads
 * them (millions of bytes, or KiB/MiB/GiB with a suffix). */
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
