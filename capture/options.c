/* Command-line parsing: tcpdump's flags into ns_cli, nothing else. -F and --program files are
 * read here so that every job sees an expression or a listing the same way. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/options.h"

enum {
	OPT_NANO = 256,
	OPT_COUNT,
	OPT_PROGRAM,
	OPT_TRACE,
	OPT_TSPREC,
	OPT_IR,
};

void ns_cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("netsift: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: netsift [-dDeLnOpqStvxX#] [-c count] [-F file] [-i interface] [-r file]\n"
		"\t\t[-s snaplen] [-w file] [-y datalinktype] [--count] [--program listing]\n"
		"\t\t[--trace packet] [--ir] [expression]\n");
}

/* The expression is the rest of the command line, joined by spaces, as tcpdump does. */
static char *join_args(int argc, char **argv)
{
	size_t n = 1;
	for (int i = 0; i < argc; i++)
		n += strlen(argv[i]) + 1;
	char *s = malloc(n);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (int i = 0; i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

/* tcpdump's -F: the whole file is the expression, with '#' comments up to the end of a line
 * turned into blanks. */
static char *read_filter_file(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		ns_cli_error("can't open %s: %s", path, strerror(errno));
		return NULL;
	}
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n = getdelim(&buf, &cap, '\0', f);
	int bad = ferror(f);
	fclose(f);
	if (n < 0 && !bad) {
		free(buf);
		return strdup("");
	}
	if (n < 0 || bad || memchr(buf, '\0', (size_t)n)) {
		ns_cli_error("can't read %s", path);
		free(buf);
		return NULL;
	}
	int comment = 0;
	for (ssize_t i = 0; i < n; i++) {
		if (buf[i] == '#')
			comment = 1;
		else if (buf[i] == '\n')
			comment = 0;
		if (comment)
			buf[i] = ' ';
	}
	return buf;
}

static int parse_count(const char *s, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || end == s || v <= 0)
		return -1;
	*out = v;
	return 0;
}

int ns_cli_parse(ns_cli *cli, int argc, char **argv)
{
	memset(cli, 0, sizeof(*cli));
	cli->count = -1;
	cli->linktype = -1;
	ns_compile_opts_init(&cli->copts);

	static const struct option longopts[] = {
		{"nano", no_argument, NULL, OPT_NANO},
		{"time-stamp-precision", required_argument, NULL, OPT_TSPREC},
		{"number", no_argument, NULL, '#'},
		{"count", no_argument, NULL, OPT_COUNT},
		{"program", required_argument, NULL, OPT_PROGRAM},
		{"trace", required_argument, NULL, OPT_TRACE},
		{"ir", no_argument, NULL, OPT_IR},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	long v;
	while ((c = getopt_long(argc, argv, "Ac:deF:hi:nNOqr:s:StvxXw:y:#", longopts, NULL)) != -1) {
		switch (c) {
		case 'A': cli->popts.Aflag++; break;
		case 'c':
			if (parse_count(optarg, &cli->count))
				return ns_cli_error("invalid packet count %s", optarg), 1;
			break;
		case 'd': cli->dump_level++; break;
		case 'e': cli->popts.eflag = 1; break;
		case 'F': cli->filter_file = optarg; break;
		case 'h': usage(stdout); return 0;
		case 'i': cli->interface = optarg; break;
		case 'n': cli->popts.nflag++; break;
		case 'O': cli->copts.optimize = 0; break;
		case 'q': cli->popts.qflag = 1; break;
		case 'r': cli->read_file = optarg; break;
		case 's':
			if (!strcmp(optarg, "0"))
				v = 262144;
			else if (parse_count(optarg, &v) || v > INT_MAX)
				return ns_cli_error("invalid snaplen %s", optarg), 1;
			cli->copts.snaplen = (uint32_t)v;
			cli->snaplen_set = 1;
			break;
		case 'S': cli->popts.Sflag = 1; break;
		case 't': cli->popts.tflag++; break;
		case 'v': cli->popts.vflag++; break;
		case 'x': cli->popts.xflag++; break;
		case 'X': cli->popts.Xflag++; break;
		case 'w': cli->write_file = optarg; break;
		case 'y':
			cli->linktype = ns_linktype_from_name(optarg);
			if (cli->linktype < 0)
				return ns_cli_error("invalid data link type %s", optarg), 1;
			break;
		case '#': cli->popts.number = 1; break;
		case OPT_NANO: cli->popts.nano = 1; break;
		case OPT_TSPREC:
			if (strcmp(optarg, "nano") && strcmp(optarg, "micro"))
				return ns_cli_error("unsupported time stamp precision %s", optarg), 1;
			cli->popts.nano = !strcmp(optarg, "nano");
			break;
		case OPT_COUNT: cli->count_only = 1; break;
		case OPT_PROGRAM: cli->program_file = optarg; break;
		case OPT_IR: cli->copts.dump_ir = stderr; break;
		case OPT_TRACE:
			if (parse_count(optarg, &cli->trace_packet))
				return ns_cli_error("invalid packet number for --trace: %s", optarg), 1;
			break;
		default: usage(stderr); return 1;
		}
	}
	if (cli->filter_file) {
		if (optind < argc)
			ns_cli_error("warning: -F given, ignoring the expression on the command line");
		cli->expr = read_filter_file(cli->filter_file);
	} else {
		cli->expr = join_args(argc - optind, argv + optind);
	}
	if (!cli->expr)
		return 1;
	if (cli->program_file && cli->expr[strspn(cli->expr, " \t\r\n")]) {
		ns_cli_error("--program replaces the filter expression; give one or the other");
		return 1;
	}
	if (cli->count_only && cli->write_file) {
		ns_cli_error("--count and -w cannot be used together");
		return 1;
	}
	return -1;
}

void ns_cli_free(ns_cli *cli)
{
	free(cli->expr);
	cli->expr = NULL;
}
