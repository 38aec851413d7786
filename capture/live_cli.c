/* A command line for the live capture, until the shared option parser calls ns_live_run().
 *
 * TEMPORARY: main() offers its arguments here first; when they ask for a live capture (no -r,
 * and no -d without -i) this parses tcpdump's flags with tcpdump's messages into an
 * ns_live_config and runs it. Once capture/options.c fills ns_live_config itself, this file
 * and the hook in main.c go away. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture/live.h"
#include "compiler/netsift.h"
#include "vm/vm.h"

enum { OPT_IMMEDIATE = 256, OPT_NANO, OPT_MICRO, OPT_PRECISION, OPT_PROGRAM };

static const struct option live_longopts[] = {
	{"buffer-size", required_argument, NULL, 'B'},
	{"list-interfaces", no_argument, NULL, 'D'},
	{"interface", required_argument, NULL, 'i'},
	{"list-data-link-types", no_argument, NULL, 'L'},
	{"no-optimize", no_argument, NULL, 'O'},
	{"no-promiscuous-mode", no_argument, NULL, 'p'},
	{"direction", required_argument, NULL, 'Q'},
	{"snapshot-length", required_argument, NULL, 's'},
	{"packet-buffered", no_argument, NULL, 'U'},
	{"linktype", required_argument, NULL, 'y'},
	{"immediate-mode", no_argument, NULL, OPT_IMMEDIATE},
	{"relinquish-privileges", required_argument, NULL, 'Z'},
	{"number", no_argument, NULL, '#'},
	{"nano", no_argument, NULL, OPT_NANO},
	{"micro", no_argument, NULL, OPT_MICRO},
	{"time-stamp-precision", required_argument, NULL, OPT_PRECISION},
	{"program", required_argument, NULL, OPT_PROGRAM},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

#define LIVE_SHORTOPTS "AB:c:C:dDeF:G:hi:lLnNOpqQ:r:s:StUvw:W:xXy:Z:#"

static int fail(const char *pn, const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", pn);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 1;
}

static int positive_int(const char *s, int *v)
{
	char *end;
	errno = 0;
	long x = strtol(s, &end, 10);
	if (end == s || *end || errno || x <= 0 || x > 0x7fffffff)
		return -1;
	*v = (int)x;
	return 0;
}

/* tcpdump's -F: the whole file is the expression, '#' comments blanked out. */
static char *read_filter_file(const char *pn, const char *name)
{
	int fd = open(name, O_RDONLY);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) != 0) {
		fprintf(stderr, "%s: can't open %s: %s\n", pn, name, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	char *buf = malloc((size_t)sb.st_size + 1);
	ssize_t n = buf ? read(fd, buf, (size_t)sb.st_size) : -1;
	close(fd);
	if (n < 0 || n != sb.st_size) {
		fprintf(stderr, "%s: read %s: %s\n", pn, name, n < 0 ? strerror(errno) : "short read");
		free(buf);
		return NULL;
	}
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == '#')
			while (i < n && buf[i] != '\n')
				buf[i++] = ' ';
	buf[n] = '\0';
	return buf;
}

static char *join(int argc, char **argv)
{
	size_t n = 1;
	for (int i = 0; i < argc; i++)
		n += strlen(argv[i]) + 1;
	char *s = calloc(1, n);
	for (int i = 0; s && i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

int ns_live_main(int argc, char **argv)
{
	const char *pn = "netsift";
	ns_live_config cfg;
	ns_live_config_init(&cfg);
	cfg.progname = pn;
	int list_devices = 0, dump = 0, reading = 0;
	const char *filter_file = NULL, *program_file = NULL;
	char msg[256];

	opterr = 0; /* flags this parser does not know are main()'s business */
	optind = 0;
	int c;
	while ((c = getopt_long(argc, argv, LIVE_SHORTOPTS, live_longopts, NULL)) != -1) {
		switch (c) {
		case 'A': cfg.print.Aflag++; break;
		case 'B':
			if (positive_int(optarg, &cfg.buffer_kib) != 0)
				return fail(pn, "invalid packet buffer size %s", optarg);
			break;
		case 'c':
			if (positive_int(optarg, &(int){0}) != 0)
				return fail(pn, "invalid packet count %s", optarg);
			cfg.count = strtol(optarg, NULL, 10);
			break;
		case 'C':
			if (ns_live_parse_filesize(optarg, &cfg.rotate_bytes, msg, sizeof(msg)) != 0)
				return fail(pn, "%s", msg);
			break;
		case 'd': dump++; break;
		case 'D': list_devices = 1; break;
		case 'e': cfg.print.eflag = 1; break;
		case 'F': filter_file = optarg; break;
		case 'G':
			if (positive_int(optarg, &cfg.rotate_seconds) != 0 && strcmp(optarg, "0") != 0)
				return fail(pn, "invalid number of seconds %s", optarg);
			break;
		case 'h': optind = 0; return -1;
		case 'i': cfg.device = optarg; break;
		case 'l': cfg.line_buffered = 1; break;
		case 'L': cfg.list_datalinks = 1; break;
		case 'n': cfg.print.nflag++; break;
		case 'N': break;
		case 'O': cfg.optimize = 0; break;
		case 'p': cfg.promisc = 0; break;
		case 'q': cfg.print.qflag = 1; break;
		case 'Q':
			if (strcasecmp(optarg, "in") == 0)
				cfg.direction = PCAP_D_IN;
			else if (strcasecmp(optarg, "out") == 0)
				cfg.direction = PCAP_D_OUT;
			else if (strcasecmp(optarg, "inout") == 0)
				cfg.direction = PCAP_D_INOUT;
			else
				return fail(pn, "unknown capture direction `%s'", optarg);
			break;
		case 'r': reading = 1; break;
		case 's': {
			char *end;
			long v = strtol(optarg, &end, 0);
			if (end == optarg || *end || v < 0 || v > 262144) {
				fprintf(stderr, "%s: invalid snaplen %s (must be >= 0 and <= 262144)\n", pn,
					optarg);
				return 1;
			}
			cfg.snaplen = (int)v;
			break;
		}
		case 'S': cfg.print.Sflag = 1; break;
		case 't': cfg.print.tflag++; break;
		case 'U': cfg.packet_buffered = 1; break;
		case 'v': cfg.print.vflag++; cfg.verbose++; break;
		case 'w': cfg.write_file = optarg; break;
		case 'W':
			if (positive_int(optarg, &cfg.rotate_files) != 0)
				return fail(pn, "invalid number of output files %s", optarg);
			break;
		case 'x': cfg.print.xflag++; break;
		case 'X': cfg.print.Xflag++; break;
		case 'y':
			cfg.linktype = pcap_datalink_name_to_val(optarg);
			if (cfg.linktype < 0)
				return fail(pn, "invalid data link type %s", optarg);
			break;
		case 'Z': cfg.user = optarg; break;
		case '#': cfg.print.number = 1; break;
		case OPT_IMMEDIATE: cfg.immediate = 1; break;
		case OPT_PROGRAM: program_file = optarg; break;
		case OPT_NANO: cfg.nano = 1; break;
		case OPT_MICRO: cfg.nano = 0; break;
		case OPT_PRECISION:
			if (strncmp(optarg, "nano", 4) == 0)
				cfg.nano = 1;
			else if (strncmp(optarg, "micro", 5) == 0)
				cfg.nano = 0;
			else
				return fail(pn, "%s", "unsupported time stamp precision");
			break;
		default: optind = 0; return -1; /* not ours: main() reports it */
		}
	}
	if (list_devices)
		return ns_live_list_devices(pn, stdout, stderr);
	if (reading || (dump && !cfg.device)) {
		optind = 0;
		return -1;
	}
	cfg.dump_level = dump;
	/* --program: a listing (any form ns_assemble reads) attached as it is; -F: the expression
	 * from a file (tcpdump). */
	const char *file = program_file ? program_file : filter_file;
	char *text = file ? read_filter_file(pn, file) : join(argc - optind, argv + optind);
	if (!text)
		return 1;
	ns_program prog = {NULL, 0};
	if (program_file) {
		ns_vm_error verr;
		if (ns_assemble(text, &prog, &verr) != 0) {
			free(text);
			fprintf(stderr, "%s: %s: %s\n", pn, program_file, verr.msg);
			return 1;
		}
		cfg.prog = &prog;
	} else {
		cfg.expr = text;
	}
	int rc = ns_live_run(&cfg);
	ns_program_free(&prog);
	free(text);
	return rc;
}
