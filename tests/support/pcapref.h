/* The reference side of the differential tests: libpcap's compiler and interpreter (the test
 * oracle, never used by the product), the Linux kernel's verdict on a program, and a reader of
 * tcpdump's `-d` listings (for the expected programs of libpcap's newer test suite). */
#ifndef NETSIFT_TESTS_SUPPORT_PCAPREF_H
#define NETSIFT_TESTS_SUPPORT_PCAPREF_H

#include <pcap/pcap.h>
#include <stddef.h>
#include <stdint.h>

/* A program owned by the tests (malloc'd insns). */
typedef struct ts_prog {
	struct bpf_insn *insns;
	size_t len;
} ts_prog;

void ts_prog_free(ts_prog *p);
void ts_prog_copy(ts_prog *dst, const struct bpf_insn *insns, size_t len);

/* pcap_open_dead(dlt, snaplen) + pcap_compile(expr, optimize, netmask). Returns 0 and fills
 * *out, or -1 with libpcap's message in err. snaplen 0 means 262144; netmask 0 means
 * PCAP_NETMASK_UNKNOWN. */
int ts_pcap_compile(int dlt, uint32_t snaplen, uint32_t netmask, const char *expr, int optimize,
		    ts_prog *out, char *err, size_t errsize);

/* True when the program has an unconditional jump whose target is not after it (libpcap's
 * protochain code): such a program can loop, and the kernel refuses it. */
int ts_has_backward_jump(const struct bpf_insn *insns, size_t len);

/* Runs a program with libpcap's bpf_filter(). The interpreter keeps scratch memory in an
 * uninitialised stack array; the stack under it is zeroed first so programs that read M[]
 * before writing it give a repeatable answer. Programs with backward jumps run under a CPU-time
 * watchdog: *hung is set (and 0 returned) when one does not finish in time. */
uint32_t ts_bpf_run(const struct bpf_insn *insns, size_t len, const uint8_t *pkt,
		    uint32_t wirelen, uint32_t caplen, int *hung);

/* setsockopt(SO_ATTACH_FILTER) on a fresh UDP socket: 1 accepted, 0 refused (errno in
 * *why), -1 when no socket could be made. */
int ts_kernel_accepts(const struct bpf_insn *insns, size_t len, int *why);

/* Reads a `tcpdump -d` listing ("(000) ldh [12]" lines; jump targets are absolute). Returns 0
 * and fills *out, or -1 with a message naming the line. */
int ts_listing_parse(const char *text, ts_prog *out, char *err, size_t errsize);

#endif
