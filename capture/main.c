/* netsift's command line: tcpdump's flags with tcpdump's meaning.
 *
 * The three jobs: compile a filter and list the program (-d, -dd, -ddd), read a capture file,
 * filter it with our compiler and our VM and print or write what matches (-r), and capture
 * live (-i). This file only parses flags and dispatches; each job lives in its own file. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "capture/live.h"
#include "capture/print.h"
#include "compiler/netsift.h"
#include "vm/vm.h"

static const char *progname = "netsift";

static _Noreturn void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", progname);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [-dDeLnOpqStvxX#] [-c count] [-F file] [-i interface] [-r file]\n"
		"\t\t[-s snaplen] [-w file] [-y datalinktype] [expression]\n",
		progname);
}

/* The expression is the rest of the command line, joined by spaces, as tcpdump does. */
static char *join_args(int argc, char **argv)
{
	size_t n = 1;
	for (int i = 0; i < argc; i++)
		n += strlen(argv[i]) + 1;
	char *s = malloc(n);
	if (!s)
		die("%s", "out of memory");
	s[0] = '\0';
	for (int i = 0; i < argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

static uint32_t parse_count(const char *s, const char *what)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end || end == s || v > UINT32_MAX)
		die(what, s);
	return (uint32_t)v;
}

int main(int argc, char **argv)
{
	int dump_level = 0;
	const char *read_file = NULL;
	const char *write_file = NULL;
	long count = -1;
	/* TEMPORARY hook until the option parser fills ns_live_config: live jobs go there. */
	int live_rc = ns_live_main(argc, argv);
	if (live_rc >= 0)
		return live_rc;

	ns_compile_opts copts;
	ns_print_opts popts;
	ns_compile_opts_init(&copts);
	memset(&popts, 0, sizeof(popts));
	int linktype = -1;
	int snaplen_set = 0;

	static const struct option longopts[] = {
		{"nano", no_argument, NULL, 'N' + 256},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;
	while ((c = getopt_long(argc, argv, "Ac:dehnNOqr:s:StvxXw:y:#", longopts, NULL)) != -1) {
		switch (c) {
		case 'A': popts.Aflag++; break;
		case 'c': count = parse_count(optarg, "invalid packet count %s"); break;
		case 'd': dump_level++; break;
		case 'e': popts.eflag = 1; break;
		case 'h': usage(stdout); return 0;
		case 'n': popts.nflag++; break;
		case 'O': copts.optimize = 0; break;
		case 'q': popts.qflag = 1; break;
		case 'r': read_file = optarg; break;
		case 's':
			copts.snaplen = parse_count(optarg, "invalid snaplen %s");
			if (copts.snaplen == 0)
				copts.snaplen = 262144;
			snaplen_set = 1;
			break;
		case 'S': popts.Sflag = 1; break;
		case 't': popts.tflag++; break;
		case 'v': popts.vflag++; break;
		case 'x': popts.xflag++; break;
		case 'X': popts.Xflag++; break;
		case 'w': write_file = optarg; break;
		case 'y':
			linktype = ns_linktype_from_name(optarg);
			if (linktype < 0)
				die("invalid data link type %s", optarg);
			break;
		case '#': popts.number = 1; break;
		case 'N' + 256: popts.nano = 1; break;
		default: usage(stderr); return 1;
		}
	}
	char *expr = join_args(argc - optind, argv + optind);

	if (dump_level && !read_file) {
		copts.linktype = linktype >= 0 ? linktype : 1;
		ns_program prog;
		ns_diag err;
		if (ns_compile(expr, &copts, &prog, &err) != 0) {
			ns_diag_print(stderr, progname, expr, &err);
			free(expr);
			return 1;
		}
		ns_dump(stdout, prog.insns, prog.len, dump_level);
		ns_program_free(&prog);
		free(expr);
		return 0;
	}

	if (!read_file)
		die("%s", "live capture is not built yet; use -r FILE");

	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline_with_tstamp_precision(
		read_file, popts.nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO, errbuf);
	if (!p)
		die("%s", errbuf);
	copts.linktype = pcap_datalink(p);
	if (!snaplen_set)
		copts.snaplen = (uint32_t)pcap_snapshot(p);
	popts.snaplen = (uint32_t)pcap_snapshot(p);
	ns_program prog;
	ns_diag err;
	if (ns_compile(expr, &copts, &prog, &err) != 0) {
		ns_diag_print(stderr, progname, expr, &err);
		return 1;
	}
	pcap_dumper_t *dumper = NULL;
	ns_printer *pr = NULL;
	if (write_file) {
		dumper = pcap_dump_open(p, write_file);
		if (!dumper)
			die("%s", pcap_geterr(p));
	} else {
		pr = ns_printer_new(&popts, copts.linktype, stdout);
	}
	struct pcap_pkthdr *h;
	const u_char *data;
	int rc;
	long matched = 0;
	while ((count < 0 || matched < count) && (rc = pcap_next_ex(p, &h, &data)) == 1) {
		if (!ns_vm_run(prog.insns, prog.len, data, h->len, h->caplen, NULL))
			continue;
		matched++;
		if (dumper)
			pcap_dump((u_char *)dumper, h, data);
		else
			ns_printer_packet(pr, h, data);
	}
	if (dumper)
		pcap_dump_close(dumper);
	if (pr)
		ns_printer_free(pr);
	ns_program_free(&prog);
	pcap_close(p);
	free(expr);
	return 0;
}
