/* The values of flag arguments and the expression, read as tcpdump 4.99.3 reads them, with its
 * messages.
 *
 * tcpdump reads -B, -c, -G and -W with atoi(3): leading blanks and a sign are allowed, what
 * follows the digits is ignored ("3x" is 3) and a number beyond int wraps as glibc's atoi,
 * (int)strtol, wraps it. netsift does the same, so that the same command lines are accepted
 * (-c, -G and -W are F_ATOI rows of the flag table in capture/options.c).
 * -s is strtol in any base (0x100), -C a strict decimal count of millions of bytes; netsift
 * also takes -C's k, m and g suffixes (KiB, MiB, GiB) of later tcpdumps. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "capture/option_values.h"

#define MAX_SNAPLEN 262144

static ns_flag_result bad(const char *fmt, const char *arg)
{
	ns_cli_error(fmt, arg);
	return NS_FLAG_ERROR;
}

ns_flag_result ns_opt_buffer(ns_cli *cli, const char *arg)
{
	/* tcpdump multiplies by 1024 in an int: beyond INT_MAX bytes the size is refused. */
	long long kib = atoi(arg);
	if (kib <= 0 || kib * 1024 > INT_MAX)
		return bad("invalid packet buffer size %s", arg);
	cli->buffer_kib = (int)kib;
	return NS_FLAG_OK;
}

ns_flag_result ns_opt_filesize(ns_cli *cli, const char *arg)
{
	static const struct { char suffix; int64_t mult; } units[] = {
		{'k', 1024}, {'m', 1024 * 1024}, {'g', 1024 * 1024 * 1024},
	};
	size_t n = strlen(arg);
	int64_t mult = 1000000;
	char num[64];
	if (n == 0 || n >= sizeof(num))
		return bad("invalid file size %s", arg);
	memcpy(num, arg, n + 1);
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (num[n - 1] == units[i].suffix) {
			mult = units[i].mult;
			num[--n] = '\0';
			break;
		}
	char *end;
	errno = 0;
	long long v = strtoll(num, &end, 10);
	if (end == num || *end || errno || v <= 0)
		return bad("invalid file size %s", arg);
	if (v > INT64_MAX / mult)
		return bad("file size %s is too large", arg);
	cli->rotate_bytes = (int64_t)v * mult;
	return NS_FLAG_OK;
}

ns_flag_result ns_opt_snaplen(ns_cli *cli, const char *arg)
{
	char *end;
	int v = (int)strtol(arg, &end, 0); /* tcpdump's cast, before its range check */
	if (end == arg || *end || v < 0 || v > MAX_SNAPLEN) {
		ns_cli_error("invalid snaplen %s (must be >= 0 and <= %d)", arg, MAX_SNAPLEN);
		return NS_FLAG_ERROR;
	}
	cli->snaplen = v;
	cli->snaplen_set = 1;
	cli->copts.snaplen = v ? (uint32_t)v : MAX_SNAPLEN;
	return NS_FLAG_OK;
}

ns_flag_result ns_opt_linktype(ns_cli *cli, const char *arg)
{
	cli->linktype = pcap_datalink_name_to_val(arg);
	if (cli->linktype < 0)
		return bad("invalid data link type %s", arg);
	return NS_FLAG_OK;
}

ns_flag_result ns_opt_direction(ns_cli *cli, const char *arg)
{
	static const struct { const char *name; pcap_direction_t dir; } dirs[] = {
		{"in", PCAP_D_IN}, {"out", PCAP_D_OUT}, {"inout", PCAP_D_INOUT},
	};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (strcasecmp(arg, dirs[i].name) == 0) {
			cli->direction = dirs[i].dir;
			return NS_FLAG_OK;
		}
	return bad("unknown capture direction `%s'", arg);
}

/* tcpdump compares only the first letters: "nanoseconds" is nano. */
ns_flag_result ns_opt_precision(ns_cli *cli, const char *arg)
{
	if (strncmp(arg, "nano", 4) == 0)
		cli->popts.nano = 1;
	else if (strncmp(arg, "micro", 5) == 0)
		cli->popts.nano = 0;
	else
		return bad("%s", "unsupported time stamp precision");
	return NS_FLAG_OK;
}

ns_flag_result ns_opt_trace(ns_cli *cli, const char *arg)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || *end || end == arg || v <= 0)
		return bad("invalid packet number for --trace: %s", arg);
	cli->trace_packet = v;
	return NS_FLAG_OK;
}

ns_flag_result ns_opt_ir(ns_cli *cli, const char *arg)
{
	(void)arg;
	cli->copts.dump_ir = stderr;
	return NS_FLAG_OK;
}

ns_flag_result ns_opt_help(ns_cli *cli, const char *arg)
{
	(void)cli;
	(void)arg;
	ns_cli_usage(stdout);
	return NS_FLAG_DONE;
}

char *ns_cli_join(int argc, char **argv)
{
	size_t n = 1;
	for (int i = 0; i < argc; i++)
		n += strlen(argv[i]) + 1;
	char *s = malloc(n);
	if (!s) {
		ns_cli_error("out of memory");
		return NULL;
	}
	s[0] = '\0';
	for (int i = 0; i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

/* Read to the end (a pipe too); a NUL byte ends the expression, as it ends tcpdump's string. */
char *ns_cli_read_filter_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		ns_cli_error("can't open %s: %s", path, strerror(errno));
		return NULL;
	}
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	for (;;) {
		if (buf && len + 1 >= cap) {
			char *bigger = realloc(buf, cap *= 2);
			if (!bigger)
				free(buf);
			buf = bigger;
		}
		if (!buf) {
			close(fd);
			ns_cli_error("out of memory");
			return NULL;
		}
		ssize_t n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ns_cli_error("read %s: %s", path, strerror(errno));
			free(buf);
			close(fd);
			return NULL;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (buf[i] == '#')
			while (i < len && buf[i] != '\n')
				buf[i++] = ' ';
	return buf;
}
