/* netsift's filter compiler: the public API.
 *
 * One call turns a pcap-filter expression into a classic-BPF program for a link type. The
 * compiler keeps no global state: every compilation owns one arena, freed before the call
 * returns, so it can be embedded and called from several threads. What outlives the call is the
 * program (caller frees with ns_program_free) and, on failure, the diagnostic in *err. */
#ifndef NETSIFT_COMPILER_NETSIFT_H
#define NETSIFT_COMPILER_NETSIFT_H

#include <stdint.h>

#include "vm/bpf.h"

#define NS_NETMASK_UNKNOWN 0xffffffffu /* libpcap's PCAP_NETMASK_UNKNOWN */

/* What the program is compiled for. */
typedef struct ns_compile_opts {
	int linktype;      /* a DLT_ value as libpcap numbers them (1 = EN10MB, 113 = LINUX_SLL, ...) */
	uint32_t snaplen;  /* the accept value of `ret`; 262144 by default */
	int optimize;      /* 0 = as generated (tcpdump -O), 1 = optimized */
	/* The capture's IPv4 netmask, for `ip broadcast`; NS_NETMASK_UNKNOWN (the default, as
	 * libpcap's PCAP_NETMASK_UNKNOWN) makes `ip broadcast` an error. 0 is a known mask: the
	 * host part is then all 32 bits, what tcpdump uses for capture files. */
	uint32_t netmask;
	/* Compile for a live Linux socket rather than a capture file: VLAN tags and packet
	 * direction come from the kernel's ancillary data (SKF_AD_*) instead of packet bytes. */
	int linux_live;
	/* Debugging: when non-zero the compiler prints its IR after each pass to this stream. */
	void *dump_ir;     /* FILE *, NULL for none */
} ns_compile_opts;

void ns_compile_opts_init(ns_compile_opts *o);

/* A diagnostic: a message about the byte range [offset, offset + length) of the expression.
 * offset is -1 when the message is about the whole expression or about no place in it. */
typedef struct ns_diag {
	int offset;
	int length;
	char msg[512];
} ns_diag;

/* Compiles expr; returns 0 and fills *out (caller frees), or -1 and fills *err. An empty or
 * all-blank expression accepts every packet, as in libpcap. */
int ns_compile(const char *expr, const ns_compile_opts *opts, ns_program *out, ns_diag *err);

/* Writes "netsift: MSG" and, when the diagnostic has a position, the expression with a caret
 * line under the offending span (`^~~~`), to the stream f (a FILE *). */
void ns_diag_print(void *f, const char *progname, const char *expr, const ns_diag *err);

/* Link types by name as libpcap spells them for -y (EN10MB, LINUX_SLL, RAW, ...): returns the
 * DLT_ value, or -1. ns_linktype_name returns NULL for a type netsift does not know. */
int ns_linktype_from_name(const char *name);
const char *ns_linktype_name(int linktype);
const char *ns_linktype_description(int linktype);

#endif
