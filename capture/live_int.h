/* Internals of the live capture shared by its files (not part of the public API). */
#ifndef NETSIFT_CAPTURE_LIVE_INT_H
#define NETSIFT_CAPTURE_LIVE_INT_H

#include <stdint.h>
#include <stdio.h>

#include <pcap/pcap.h>

#include "capture/live.h"
#include "capture/options.h"
#include "vm/bpf.h"

/* One live capture job: the command line, and what the job settles before capturing. */
typedef struct ns_live {
	const ns_cli *cli;
	const char *progname;     /* for messages: "netsift" */
	const char *device;       /* -i, then the device actually opened (the compiler looks
				   * its netmask up for `ip broadcast`) */
	const ns_program *prog;   /* --program's listing, attached as it is; NULL: compile
				   * cli->expr */
	FILE *out;                /* printed packets and listings (stdout) */
	FILE *err;                /* messages and statistics (stderr) */
} ns_live;

/* Where the filter runs: in the kernel (the normal case) or, when the kernel refused the
 * program, in userspace with our VM, with the cost counted. */
typedef struct ns_live_filter {
	ns_program kernel;        /* the program given to pcap_setfilter() */
	ns_program user;          /* the program our VM runs when the kernel refused `kernel` */
	int in_userspace;
	char refusal[320];        /* why the kernel refused */
	uint64_t user_seen;       /* packets the VM judged */
	uint64_t user_accepted;
	uint64_t user_nsec;       /* time spent in the VM */
	/* Attached with SO_ATTACH_FILTER rather than pcap_setfilter() (see live_filter.c): the
	 * packets the ring took before that moment are judged here instead. */
	int direct;
	int early_checks;         /* still looking at packets' time stamps */
	int64_t attached;         /* when, in the capture's time stamp units */
	int64_t units;            /* time stamp units per second (10^6, or 10^9 with --nano) */
	ns_program early;         /* file-semantics program for them; empty: they are dropped */
} ns_live_filter;

/* Compiles (or copies) the filter for p's link type and snapshot length and attaches it in the
 * kernel, or prepares the userspace fallback. Messages go to err; returns 0 or -1. */
int ns_live_filter_setup(ns_live_filter *f, pcap_t *p, const ns_live *cfg);
/* With the userspace fallback: non-zero when the packet passes. */
int ns_live_filter_accept(ns_live_filter *f, const struct pcap_pkthdr *h, const uint8_t *data);
/* With a directly attached program: zero for a packet the ring took before the program was
 * attached and that the program would not have passed. */
int ns_live_filter_early(ns_live_filter *f, const struct pcap_pkthdr *h, const uint8_t *data);
/* One line about the userspace fallback's cost, if there was one. */
void ns_live_filter_report(const ns_live_filter *f, const char *progname, FILE *err);
void ns_live_filter_free(ns_live_filter *f);
/* -d with -i: lists the program as it would be attached to p's socket. Returns the status. */
int ns_live_filter_dump(const ns_live *cfg, pcap_t *p, int level);

/* Whether libpcap's userspace interpreter, which pcap_setfilter() also runs on the first ring
 * block, reads every ancillary load of prog as the kernel does (only `ldb [vlan_tci]` and
 * `ldb [vlanp]`). */
int ns_live_libpcap_runs(const ns_program *prog);

/* Asks the kernel whether it accepts prog (SO_ATTACH_FILTER on a throwaway socket, the same
 * checker a packet socket uses). Returns 0, or the errno of the refusal. */
int ns_live_kernel_check(const ns_program *prog);

#endif
