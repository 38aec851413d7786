/* A second, instrumented run of a reference program, for the differential tests' documented
 * classes (docs/testing.md): which packets make libpcap's program read a scratch cell it never
 * wrote (its verdict is then undefined: bpf_filter's memory is uninitialised), and how many
 * times its protochain loop went round (libpcap walks the header chain with a backward jump;
 * netsift unrolls the walk to a documented depth). Same semantics as libpcap's bpf_filter()
 * for the classic opcodes; the verdict itself always comes from bpf_filter (pcapref.h). */
#ifndef NETSIFT_TESTS_SUPPORT_BPFWALK_H
#define NETSIFT_TESTS_SUPPORT_BPFWALK_H

#include <pcap/pcap.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ts_walk {
	uint32_t verdict;
	int scratch_unset;   /* a M[] cell was read before any write on this run */
	long back_jumps;     /* backward unconditional jumps taken */
	int hung;            /* step budget exhausted */
} ts_walk;

void ts_bpf_walk(const struct bpf_insn *insns, size_t len, const uint8_t *pkt, uint32_t wirelen,
		 uint32_t caplen, ts_walk *out);

#endif
