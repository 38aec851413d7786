/* The command line as one struct: tcpdump's flags with tcpdump's meaning, plus netsift's own
 * (--count, --program, --trace). ns_cli_parse fills it; each job (capture/listing.c,
 * capture/offline.c, live capture) reads what it needs. */
#ifndef NETSIFT_CAPTURE_OPTIONS_H
#define NETSIFT_CAPTURE_OPTIONS_H

#include "capture/print.h"
#include "compiler/netsift.h"

typedef struct ns_cli {
	int dump_level;            /* -d count: 1 -d, 2 -dd, 3 -ddd */
	const char *read_file;     /* -r, "-" for standard input */
	const char *write_file;    /* -w, "-" for standard output */
	const char *interface;     /* -i */
	const char *filter_file;   /* -F: the expression is read from this file */
	const char *program_file;  /* --program: run this listing instead of an expression */
	long count;                /* -c: stop after this many matching packets; -1 = no limit */
	int count_only;            /* --count: print the number of matching packets only */
	long trace_packet;         /* --trace N: trace the program on packet N (1-based); 0 = off */
	int linktype;              /* -y, or -1 */
	int snaplen_set;           /* -s given */
	ns_compile_opts copts;
	ns_print_opts popts;
	char *expr;                /* the expression (owned): arguments joined by blanks, or -F's */
} ns_cli;

/* Parses argv. Returns -1 when the run should go on, or an exit status (0 after --help, 1 after
 * an error, already reported on stderr). */
int ns_cli_parse(ns_cli *cli, int argc, char **argv);
void ns_cli_free(ns_cli *cli);

/* Reports "netsift: MSG" on stderr. */
void ns_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The jobs. Each returns the process exit status. */
int ns_job_listing(const ns_cli *cli);
int ns_job_offline(const ns_cli *cli);

/* The filter program for a capture of this link type and snapshot length: the --program
 * listing, or the expression (from -F or the arguments) compiled by netsift's compiler.
 * Returns 0, or 1 after reporting the error. */
int ns_cli_filter(const ns_cli *cli, int linktype, uint32_t snaplen, ns_program *out);

#endif
