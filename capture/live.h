/* Live capture on Linux: tcpdump's capture job with netsift's own filter in the kernel.
 *
 * The command line fills an ns_live_config and calls ns_live_run(), which opens the interface
 * with libpcap (pcap_create/pcap_activate: TPACKET_V3, or V2 in immediate mode), compiles the
 * filter for the live Linux socket (ns_compile_opts.linux_live), attaches our program to the
 * socket with pcap_setfilter(), and prints or writes what the kernel passes. A program the
 * kernel refuses is run in userspace by our VM instead, and the run reports what that cost.
 *
 * This is a job of the program, not library code: it prints tcpdump's messages to the streams
 * it is given and returns the process exit status, but it never calls exit(). */
#ifndef NETSIFT_CAPTURE_LIVE_H
#define NETSIFT_CAPTURE_LIVE_H

#include <stdint.h>
#include <stdio.h>

#include "capture/print.h"
#include "vm/bpf.h"

typedef struct ns_live_config {
	const char *progname;    /* for messages: "netsift" */
	const char *device;      /* -i; NULL = the first interface pcap_findalldevs() lists */
	/* The filter: an expression (compiled here, for the live socket) or a ready program (an
	 * assembled listing, used as is). prog wins when both are set. */
	const char *expr;
	const ns_program *prog;
	int optimize;            /* 0 with -O */

	int snaplen;             /* -s; 0 = libpcap's default (262144) */
	int promisc;             /* 1 unless -p */
	int buffer_kib;          /* -B; 0 = libpcap's default */
	int immediate;           /* --immediate-mode: 1; 0 = only when printing to a terminal */
	int direction;           /* -Q: -1 = not set, else a pcap_direction_t */
	int linktype;            /* -y: a DLT_ value, -1 = the device's default (SLL2 on any) */
	int nano;                /* --nano / --time-stamp-precision=nano */
	long count;              /* -c; <= 0 = no limit */
	int line_buffered;       /* -l */
	int packet_buffered;     /* -U */
	int verbose;             /* -v count (only whether it is 0 matters here) */
	int list_datalinks;      /* -L: list the device's link types and return */
	int dump_level;          /* -d/-dd/-ddd with -i: list the program the kernel would run */
	const char *user;        /* -Z: drop to this user after opening the device */

	const char *write_file;  /* -w; NULL = print */
	int64_t rotate_bytes;    /* -C, already multiplied out; 0 = none */
	int rotate_seconds;      /* -G; 0 = none */
	int rotate_files;        /* -W; 0 = unlimited */

	ns_print_opts print;     /* printing flags, when printing */
	FILE *out;               /* printed packets and listings (stdout) */
	FILE *err;               /* messages and statistics (stderr) */
} ns_live_config;

void ns_live_config_init(ns_live_config *cfg);

/* Runs the capture until -c packets, SIGINT, SIGTERM, SIGHUP or SIGPIPE; returns the exit
 * status (0, or 1 after an error, which has been reported on cfg->err). */
int ns_live_run(const ns_live_config *cfg);

/* -D: the interfaces as tcpdump lists them. Returns the exit status. */
int ns_live_list_devices(const char *progname, FILE *out, FILE *err);

/* -C's argument: a positive number of millions of bytes, or of KiB, MiB, GiB with a k, m or g
 * suffix, as tcpdump reads it. Returns 0 and sets *bytes, or -1 with a message in msg. */
int ns_live_parse_filesize(const char *arg, int64_t *bytes, char *msg, size_t msgsize);

/* Drops root to user: supplementary groups, group, then user, so the capture runs without
 * privileges once the socket is open. Returns 0, or -1 with a message in msg. */
int ns_drop_privileges(const char *user, char *msg, size_t msgsize);
/* The uid and gid of user, for handing a file to it; -1 if there is no such user. */
int ns_user_ids(const char *user, unsigned *uid, unsigned *gid);

/* TEMPORARY (capture/live_cli.c): parses tcpdump's flags itself and runs the live capture when
 * the arguments ask for one; returns the exit status, or -1 when they do not (no -i, -D or -L
 * job: -r, or -d without -i), leaving getopt reset for main(). */
int ns_live_main(int argc, char **argv);

#endif
