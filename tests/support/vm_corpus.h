/* Test support for the VM's tools and benchmarks: a seeded random generator, packet sets loaded
 * from capture files or made up, and random classic-BPF programs (valid by construction, or
 * mutated so the validators have something to refuse). */
#ifndef NETSIFT_TESTS_VM_CORPUS_H
#define NETSIFT_TESTS_VM_CORPUS_H

#include <stddef.h>
#include <stdint.h>

#include "vm/bpf.h"

typedef struct vt_rng {
	uint64_t s;
} vt_rng;

uint64_t vt_next(vt_rng *r);
uint32_t vt_below(vt_rng *r, uint32_t n);   /* uniform in [0, n), n > 0 */

typedef struct vt_packet {
	uint8_t *data;
	uint32_t caplen, wirelen;
} vt_packet;

typedef struct vt_packets {
	vt_packet *p;
	size_t n, cap;
} vt_packets;

/* Appends every packet of every capture named on the list; returns -1 on a read error. */
int vt_load_pcap(vt_packets *set, const char *path);
/* Appends n made-up packets: Ethernet/IPv4/IPv6/TCP/UDP-shaped headers with random fields,
 * random lengths and truncations (caplen < wirelen), so loads hit both sides of every bound. */
void vt_add_random(vt_packets *set, vt_rng *r, size_t n);
void vt_packets_free(vt_packets *set);

/* A random program of len instructions that the kernel accepts: every opcode, scratch cells
 * written before they are read, jumps forward and in range, last instruction a return. */
void vt_random_valid(vt_rng *r, ns_insn *prog, size_t len);
/* Damages a program in one or two random ways (bad opcode, boundary k, jump out of range,
 * unwritten scratch, non-return last) so that some stay valid and most do not. */
void vt_mutate(vt_rng *r, ns_insn *prog, size_t len);
/* Uniformly random bytes. */
void vt_random_bytes(vt_rng *r, ns_insn *prog, size_t len);

/* Whether libpcap's bpf_filter can run prog safely and deterministically: it passes
 * bpf_validate, uses only opcodes bpf_filter implements, has no ancillary load (bpf_filter reads
 * them as out-of-range packet offsets), no constant shift of 32 or more (undefined in C), no
 * backward jump (may loop forever), and no scratch read the kernel's rules do not prove written
 * (bpf_filter's scratch memory is uninitialised). */
int vt_pcap_can_run(const ns_insn *prog, size_t len);

#endif
