/* The command line as one struct: tcpdump's flags with tcpdump's meaning, plus netsift's own
 * (--count, --program, --trace, --ir). ns_cli_parse fills it and names the job; each job
 * (capture/listing.c, capture/offline.c, the live capture in capture/live*.c) reads what it
 * needs. */
#ifndef NETSIFT_CAPTURE_OPTIONS_H
#define NETSIFT_CAPTURE_OPTIONS_H

#include <stdint.h>

#include <pcap/pcap.h>

#include "capture/print.h"
#include "compiler/netsift.h"

/* What the command line asks for, decided as tcpdump decides it: -D before anything, then -r
 * (reading a file; with -d, listing for its link type), then -d without -i (listing for -y's
 * link type), else a live capture (which -L and -d turn into listings of the device). */
typedef enum ns_job {
	NS_JOB_INTERFACES,
	NS_JOB_OFFLINE,
	NS_JOB_LISTING,
	NS_JOB_LIVE,
} ns_job;

typedef struct ns_cli {
	ns_job job;
	int dump_level;            /* -d count: 1 -d, 2 -dd, 3 -ddd */
	const char *read_file;     /* -r, "-" for standard input */
	const char *write_file;    /* -w, "-" for standard output */
	const char *interface;     /* -i; NULL = the first interface -D lists */
	const char *filter_file;   /* -F: the expression is read from this file */
	const char *program_file;  /* --program: run this listing instead of an expression */
	int count;                 /* -c: stop after this many matching packets; -1 = no limit */
	int count_only;            /* --count: print the number of matching packets only */
	long trace_packet;         /* --trace N: trace the program on packet N (1-based); 0 = off */
	int linktype;              /* -y, or -1 */
	int snaplen;               /* -s as given; 0 = the default (the device's, or 262144) */
	int snaplen_set;           /* -s given (copts.snaplen then holds it, 0 read as 262144) */
	ns_compile_opts copts;     /* -O, -s, --ir */
	ns_print_opts popts;       /* printing flags, --nano/--micro */
	char *expr;                /* the expression (owned): arguments joined by blanks, or -F's */

	/* Live capture only. */
	int list_interfaces;       /* -D */
	int list_datalinks;        /* -L */
	int no_promisc;            /* -p */
	int buffer_kib;            /* -B; 0 = libpcap's default */
	int immediate;             /* --immediate-mode */
	int direction;             /* -Q: a pcap_direction_t, or -1 */
	int line_buffered;         /* -l (also with -r: standard output is line-buffered) */
	int packet_buffered;       /* -U */
	const char *user;          /* -Z */
	int64_t rotate_bytes;      /* -C, multiplied out; 0 = no size rotation */
	int rotate_seconds;        /* -G; 0 = no time rotation */
	int rotate_files;          /* -W; 0 = unlimited */
} ns_cli;

/* Parses argv. Returns -1 when the job should run, or an exit status (0 after --help, 1 after
 * an error, already reported on stderr). */
int ns_cli_parse(ns_cli *cli, int argc, char **argv);
void ns_cli_free(ns_cli *cli);

/* Reports "netsift: MSG" on stderr. */
void ns_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The jobs. Each returns the process exit status. */
int ns_job_interfaces(const ns_cli *cli);  /* -D: capture/live_open.c */
int ns_job_listing(const ns_cli *cli);     /* -d: capture/listing.c */
int ns_job_offline(const ns_cli *cli);     /* -r: capture/offline.c */
/* tcpdump's "reading from file ..." line on stderr (capture/offline.c). */
void ns_offline_banner(const char *path, pcap_t *p);
int ns_job_live(const ns_cli *cli);        /* capture/live.c */

/* The filter program for a capture of this link type and snapshot length: the --program
 * listing, or the expression (from -F or the arguments) compiled by netsift's compiler.
 * Returns 0, or 1 after reporting the error. */
int ns_cli_filter(const ns_cli *cli, int linktype, uint32_t snaplen, ns_program *out);

/* Reads and assembles a --program listing ("-" = standard input). Returns 0, or 1 after
 * reporting the error. */
int ns_cli_read_listing(const char *path, ns_program *out);

#endif
