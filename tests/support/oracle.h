/* Test oracle for the code generator: libpcap compiles the same expression, and both programs
 * run with libpcap's own bpf_filter() over a packet set; the verdicts must be equal. Also the
 * kernel's acceptance of a program (SO_ATTACH_FILTER on a UDP socket).
 *
 * Test-only: the product never calls pcap_compile(). */
#ifndef NETSIFT_TESTS_SUPPORT_ORACLE_H
#define NETSIFT_TESTS_SUPPORT_ORACLE_H

#include <stddef.h>
#include <stdint.h>

#include "vm/bpf.h"

typedef struct oracle_pkt {
	uint8_t *data;
	uint32_t caplen, wirelen;
} oracle_pkt;

typedef struct oracle_pkts {
	oracle_pkt *v;
	size_t n, cap;
} oracle_pkts;

void oracle_pkts_add(oracle_pkts *s, const uint8_t *data, uint32_t caplen, uint32_t wirelen);
/* Every packet of a pcap file (any link type: bytes are bytes); returns the count or -1. */
int oracle_pkts_add_pcap(oracle_pkts *s, const char *path);
/* Every .pcap file of a directory. */
int oracle_pkts_add_dir(oracle_pkts *s, const char *dir);
/* Hand-built packets for a link type: IPv4/IPv6 (TCP, UDP, SCTP, ICMP, fragments, extension
 * headers), ARP/RARP, 802.2/SNAP frames, VLAN/MPLS/PPPoE encapsulations where the link type
 * has them, using the addresses and ports the tests name, each also truncated at every
 * length. */
void oracle_pkts_add_synthetic(oracle_pkts *s, int dlt);
void oracle_pkts_free(oracle_pkts *s);

/* libpcap's program for expr (optimize 0/1); returns 0, or -1 with its message in err. The
 * program is malloc'd: free with free(). */
int oracle_libpcap(int dlt, const char *expr, int optimize, uint32_t netmask, ns_insn **prog,
		   size_t *len, char *err, size_t errlen);

uint32_t oracle_run(const ns_insn *prog, size_t len, const oracle_pkt *p);

/* Index of the first packet where the two programs' return values differ, or -1. */
long oracle_first_diff(const ns_insn *a, size_t alen, const ns_insn *b, size_t blen,
		       const oracle_pkts *s);
/* For an optimized program: the first packet on which `a` gives neither the answer of
 * libpcap's optimized program `opt` nor, where libpcap's two programs disagree on the packet
 * (its optimizer removed or moved loads: a truncated packet), the answer of its unoptimized
 * program `unopt`; -1 if none. Packets on which `a` and `opt` agree once followed by zero
 * bytes (the opt-truncation class) and packets on which `opt` reads a scratch cell it never
 * wrote (its answer is undefined) are not differences: docs/testing.md, "Documented
 * classes". *either counts the packets decided by these rules. */
long oracle_first_diff_opt(const ns_insn *a, size_t alen, const ns_insn *opt, size_t optlen,
			   const ns_insn *unopt, size_t unoptlen, const oracle_pkts *s, long *either);

/* Compiles expr for dlt with netsift's optimizer (*ours, free with ns_program_free) and with
 * libpcap -O (*ref, free with free()), and returns the first packet of s on which the two
 * programs' verdicts differ (printing it to stderr with the expression), or -1; -2 (nothing to
 * free) when either compiler refuses the expression. */
long oracle_compare_optimized(int dlt, const char *expr, const oracle_pkts *s, ns_program *ours,
			      ns_insn **ref, size_t *reflen);

/* Whether the program has an instruction with this code (and this k, unless k is NULL). */
int oracle_has_insn(const ns_insn *prog, size_t len, uint16_t code, const uint32_t *k);

/* 1 when the kernel accepts the program, 0 when it refuses it, -1 when it cannot be asked
 * (no socket, or the program exceeds net.core.optmem_max). */
int oracle_kernel_accepts(const ns_insn *prog, size_t len);

/* Reads a `tcpdump -d` listing (libpcap's bpf_image format); returns 0 or -1. The program
 * is malloc'd. */
int oracle_parse_listing(const char *text, ns_insn **prog, size_t *len);

/* Prints a program in a compact one-line-per-insn form, for failure messages. */
void oracle_print(const ns_insn *prog, size_t len);

#endif
