/* Command-line parsing: tcpdump's flags into ns_cli and the job they ask for, nothing else.
 *
 * Key decision: the flags are one table (letter, long name, argument, what it sets), from
 * which getopt's option strings and the usage synopsis are made, so they cannot drift apart.
 * Values are read as tcpdump 4.99.3 reads them, with its messages (capture/option_values.c).
 * getopt reports unknown flags and missing arguments itself, in tcpdump's words, under the
 * name "netsift" whatever argv[0] is. */
#include <getopt.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/option_values.h"

void ns_cli_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("netsift: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

typedef enum {
	F_INC,   /* ++field */
	F_SET,   /* field = value */
	F_STR,   /* field = the argument */
	F_ATOI,  /* field = atoi(argument), as tcpdump reads it; below value: tcpdump's message */
	F_FN,    /* fn reads the argument */
	F_NONE,  /* accepted, no effect yet (-N: the printer does not strip domains from names) */
} flag_kind;

typedef struct flag {
	char letter;       /* 0: a long option only */
	const char *name;  /* the long option, or NULL */
	const char *arg;   /* the argument's name in the synopsis; NULL: no argument */
	flag_kind kind;
	size_t field;      /* F_INC, F_SET, F_STR, F_ATOI: offsetof(ns_cli, ...) */
	int value;         /* F_SET: the value; F_ATOI: the least value accepted */
	ns_flag_fn fn;     /* F_FN */
	const char *bad;   /* F_ATOI: the message for a value below the least */
} flag;

/* One row each kind: letter (0: none), long name (NULL: none), argument name, field, ... */
#define AT(f) offsetof(ns_cli, f)
#define INC(l, name, f) {l, name, NULL, F_INC, AT(f), 0, NULL, NULL}
#define SET(l, name, f, v) {l, name, NULL, F_SET, AT(f), v, NULL, NULL}
#define STR(l, name, arg, f) {l, name, arg, F_STR, AT(f), 0, NULL, NULL}
#define ATOI(l, arg, f, least, msg) {l, NULL, arg, F_ATOI, AT(f), least, NULL, msg}
#define FN(l, name, arg, fn) {l, name, arg, F_FN, 0, 0, fn, NULL}

/* tcpdump's flags and long names (netsift accepts those it implements), then netsift's own. */
static const flag flags[] = {
	INC('A', NULL, popts.Aflag),
	FN('B', "buffer-size", "size", ns_opt_buffer),
	ATOI('c', "count", count, 1, "invalid packet count %s"),
	FN('C', NULL, "file_size", ns_opt_filesize),
	INC('d', NULL, dump_level),
	SET('D', "list-interfaces", list_interfaces, 1),
	SET('e', NULL, popts.eflag, 1),
	STR('F', NULL, "file", filter_file),
	ATOI('G', "seconds", rotate_seconds, 0, "invalid number of seconds %s"),
	FN('h', "help", NULL, ns_opt_help),
	STR('i', "interface", "interface", interface),
	SET('l', NULL, line_buffered, 1),
	SET('L', "list-data-link-types", list_datalinks, 1),
	INC('n', NULL, popts.nflag),
	{'N', NULL, NULL, F_NONE, 0, 0, NULL, NULL},
	SET('O', "no-optimize", copts.optimize, 0),
	SET('p', "no-promiscuous-mode", no_promisc, 1),
	SET('q', NULL, popts.qflag, 1),
	FN('Q', "direction", "in|out|inout", ns_opt_direction),
	STR('r', NULL, "file", read_file),
	FN('s', "snapshot-length", "snaplen", ns_opt_snaplen),
	SET('S', "absolute-tcp-sequence-numbers", popts.Sflag, 1),
	INC('t', NULL, popts.tflag),
	SET('U', "packet-buffered", packet_buffered, 1),
	INC('v', NULL, popts.vflag),
	STR('w', NULL, "file", write_file),
	ATOI('W', "filecount", rotate_files, 1, "invalid number of output files %s"),
	INC('x', NULL, popts.xflag),
	INC('X', NULL, popts.Xflag),
	FN('y', "linktype", "datalinktype", ns_opt_linktype),
	STR('Z', "relinquish-privileges", "user", user),
	SET('#', "number", popts.number, 1),
	SET(0, "immediate-mode", immediate, 1),
	SET(0, "micro", popts.nano, 0),
	SET(0, "nano", popts.nano, 1),
	FN(0, "time-stamp-precision", "precision", ns_opt_precision),
	SET(0, "count", count_only, 1),
	STR(0, "program", "listing", program_file),
	FN(0, "trace", "packet", ns_opt_trace),
	FN(0, "ir", NULL, ns_opt_ir),
};

#define NFLAGS (sizeof(flags) / sizeof(flags[0]))

/* getopt's view of the table: a long option's value is its letter, or 256 + its row. */
static void getopt_tables(char *shortopts, struct option *longopts)
{
	size_t n = 0;
	for (size_t i = 0; i < NFLAGS; i++) {
		const flag *f = &flags[i];
		if (f->letter) {
			shortopts[n++] = f->letter;
			if (f->arg)
				shortopts[n++] = ':';
		}
		if (f->name)
			*longopts++ = (struct option){f->name, f->arg ? required_argument : no_argument,
						      NULL, f->letter ? f->letter : 256 + (int)i};
	}
	shortopts[n] = '\0';
	*longopts = (struct option){NULL, 0, NULL, 0};
}

static const flag *flag_of(int c)
{
	if (c >= 256 && (size_t)(c - 256) < NFLAGS)
		return &flags[c - 256];
	for (size_t i = 0; i < NFLAGS; i++)
		if (flags[i].letter == c)
			return &flags[i];
	return NULL;
}

static ns_flag_result apply(const flag *f, ns_cli *cli, const char *arg)
{
	char *field = (char *)cli + f->field;
	switch (f->kind) {
	case F_INC: ++*(int *)field; break;
	case F_SET: *(int *)field = f->value; break;
	case F_STR: *(const char **)field = arg; break;
	case F_ATOI:
		*(int *)field = atoi(arg);
		if (*(int *)field < f->value) {
			ns_cli_error(f->bad, arg);
			return NS_FLAG_ERROR;
		}
		break;
	case F_FN: return f->fn(cli, arg);
	case F_NONE: break;
	}
	return NS_FLAG_OK;
}

/* One synopsis item, wrapped as tcpdump wraps its usage (continuation lines start with two
 * tabs, counted as 16 columns). */
static void synopsis_item(FILE *f, int *col, const char *item)
{
	int len = (int)strlen(item);
	if (*col + 1 + len > 80) {
		fputs("\n\t\t", f);
		*col = 16;
	} else {
		fputc(' ', f);
		(*col)++;
	}
	fputs(item, f);
	*col += len;
}

void ns_cli_usage(FILE *f)
{
	char item[64] = "[-";
	size_t n = 2;
	for (size_t i = 0; i < NFLAGS; i++)
		if (flags[i].letter && !flags[i].arg)
			item[n++] = flags[i].letter;
	item[n++] = ']';
	item[n] = '\0';
	int col = (int)strlen("Usage: netsift");
	fputs("Usage: netsift", f);
	synopsis_item(f, &col, item);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < NFLAGS; i++) {
			const flag *fl = &flags[i];
			if (pass == 0 && fl->letter && fl->arg)
				snprintf(item, sizeof(item), "[-%c %s]", fl->letter, fl->arg);
			else if (pass == 1 && !fl->letter)
				snprintf(item, sizeof(item), "[--%s%s%s]", fl->name, fl->arg ? " " : "",
					 fl->arg ? fl->arg : "");
			else
				continue;
			synopsis_item(f, &col, item);
		}
	synopsis_item(f, &col, "[expression]");
	fputc('\n', f);
}

/* tcpdump's order: -D first, then -r (with -d: a listing for the file's link type), then -d
 * without -i (a listing for -y's link type), else a live capture. */
static ns_job job_of(const ns_cli *cli)
{
	if (cli->list_interfaces)
		return NS_JOB_INTERFACES;
	if (cli->read_file)
		return cli->dump_level ? NS_JOB_LISTING : NS_JOB_OFFLINE;
	if (cli->dump_level && !cli->interface)
		return NS_JOB_LISTING;
	return NS_JOB_LIVE;
}

/* Combinations a job cannot honour are refused rather than silently ignored. Flags that only
 * tune a capture device (-p, -B, -Q, -L, --immediate-mode, -U) are accepted and have no
 * effect on a file, as with tcpdump. */
static int check_job(const ns_cli *cli)
{
	/* A live capture attaches --program's listing and has always ignored an expression
	 * beside it (the live suite gives both, the expression for tcpdump's sake). */
	int has_expr = cli->expr[strspn(cli->expr, " \t\r\n")] != '\0';
	if (cli->program_file && has_expr && cli->job != NS_JOB_LIVE) {
		ns_cli_error("--program replaces the filter expression; give one or the other");
		return 1;
	}
	if (cli->count_only && cli->write_file) {
		ns_cli_error("--count and -w cannot be used together");
		return 1;
	}
	if (cli->job == NS_JOB_LIVE && (cli->count_only || cli->trace_packet)) {
		ns_cli_error("%s works only when reading a file (-r)",
			     cli->count_only ? "--count" : "--trace");
		return 1;
	}
	int rotating = cli->rotate_bytes || cli->rotate_seconds;
	if (cli->job == NS_JOB_OFFLINE && cli->write_file && rotating) {
		ns_cli_error("-C and -G work only with a live capture: -r writes one file");
		return 1;
	}
	if (cli->job == NS_JOB_OFFLINE && cli->user) {
		ns_cli_error("-Z works only with a live capture");
		return 1;
	}
	return 0;
}

int ns_cli_parse(ns_cli *cli, int argc, char **argv)
{
	memset(cli, 0, sizeof(*cli));
	cli->count = -1;
	cli->linktype = -1;
	cli->direction = -1;
	ns_compile_opts_init(&cli->copts);

	char shortopts[2 * NFLAGS + 1];
	struct option longopts[NFLAGS + 1];
	getopt_tables(shortopts, longopts);
	/* getopt names argv[0] in its messages and permutes the array: it works on a copy. */
	char **args = malloc(((size_t)argc + 1) * sizeof(*args));
	if (!args) {
		ns_cli_error("out of memory");
		return 1;
	}
	memcpy(args, argv, (size_t)argc * sizeof(*args));
	args[argc] = NULL;
	args[0] = (char *)"netsift";
	optind = 0; /* glibc: start afresh, also after an earlier parse */
	opterr = 1;
	int c, status = -1;
	while (status < 0 && (c = getopt_long(argc, args, shortopts, longopts, NULL)) != -1) {
		const flag *f = flag_of(c);
		ns_flag_result r = f ? apply(f, cli, optarg) : NS_FLAG_ERROR;
		if (!f)
			ns_cli_usage(stderr);
		if (r != NS_FLAG_OK)
			status = r == NS_FLAG_DONE ? 0 : 1;
	}
	if (status < 0) {
		cli->job = job_of(cli);
		/* -D needs no expression: a -F file is not even opened (tcpdump lists first). */
		if (cli->job == NS_JOB_INTERFACES)
			cli->expr = ns_cli_join(0, NULL);
		else if (cli->filter_file)
			cli->expr = ns_cli_read_filter_file(cli->filter_file);
		else
			cli->expr = ns_cli_join(argc - optind, args + optind);
		status = !cli->expr || check_job(cli) ? 1 : -1;
	}
	free(args);
	return status;
}

void ns_cli_free(ns_cli *cli)
{
	free(cli->expr);
	cli->expr = NULL;
}
