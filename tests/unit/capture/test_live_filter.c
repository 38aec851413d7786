/* capture/live_filter.c: the kernel's verdict on programs (asked on a throwaway socket), which
 * ancillary loads libpcap's userspace interpreter can run (libpcap 1.10 bpf_filter.c: only
 * BPF_LD|BPF_B|BPF_ABS of SKF_AD_VLAN_TAG and SKF_AD_VLAN_TAG_PRESENT), and the judging of
 * packets that reached the ring before a directly attached program. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "capture/live_int.h"

#define AD(x) ((uint32_t)(NS_SKF_AD_OFF + (x)))

static ns_program make(size_t n, const ns_insn *insns)
{
	ns_program p = {malloc(n * sizeof(ns_insn)), n};
	memcpy(p.insns, insns, n * sizeof(ns_insn));
	return p;
}

static void test_kernel_check(void **state)
{
	(void)state;
	ns_insn ok[] = {NS_BPF_STMT(NS_BPF_RET | NS_BPF_K, 262144)};
	ns_program p = make(1, ok);
	assert_int_equal(ns_live_kernel_check(&p), 0);
	ns_program_free(&p);
	/* A jump past the end, a read of scratch memory never written, no return at the end. */
	ns_insn bad_jump[] = {NS_BPF_JUMP(NS_BPF_JMP | NS_BPF_JA, 5, 0, 0),
			      NS_BPF_STMT(NS_BPF_RET | NS_BPF_K, 0)};
	p = make(2, bad_jump);
	assert_int_equal(ns_live_kernel_check(&p), EINVAL);
	ns_program_free(&p);
	ns_insn bad_mem[] = {NS_BPF_STMT(NS_BPF_LD | NS_BPF_MEM, 3),
			     NS_BPF_STMT(NS_BPF_RET | NS_BPF_A, 0)};
	p = make(2, bad_mem);
	assert_int_equal(ns_live_kernel_check(&p), EINVAL);
	ns_program_free(&p);
	/* Over BPF_MAXINSNS. */
	size_t n = NS_BPF_MAXINSNS + 1;
	p.insns = calloc(n, sizeof(ns_insn));
	p.len = n;
	for (size_t i = 0; i < n; i++)
		p.insns[i] = NS_BPF_STMT(NS_BPF_LDX | NS_BPF_IMM, 0);
	p.insns[n - 1] = NS_BPF_STMT(NS_BPF_RET | NS_BPF_K, 1);
	assert_int_equal(ns_live_kernel_check(&p), EINVAL);
	p.len = NS_BPF_MAXINSNS;
	p.insns[p.len - 1] = NS_BPF_STMT(NS_BPF_RET | NS_BPF_K, 1);
	assert_int_equal(ns_live_kernel_check(&p), 0);
	ns_program_free(&p);
}

static void test_libpcap_runs(void **state)
{
	(void)state;
	struct { ns_insn load; int runs; } cases[] = {
		{NS_BPF_STMT(NS_BPF_LD | NS_BPF_B | NS_BPF_ABS, AD(NS_SKF_AD_VLAN_TAG_PRESENT)), 1},
		{NS_BPF_STMT(NS_BPF_LD | NS_BPF_B | NS_BPF_ABS, AD(NS_SKF_AD_VLAN_TAG)), 1},
		{NS_BPF_STMT(NS_BPF_LD | NS_BPF_W | NS_BPF_ABS, AD(NS_SKF_AD_VLAN_TAG_PRESENT)), 0},
		{NS_BPF_STMT(NS_BPF_LD | NS_BPF_H | NS_BPF_ABS, AD(NS_SKF_AD_VLAN_TAG)), 0},
		{NS_BPF_STMT(NS_BPF_LD | NS_BPF_H | NS_BPF_ABS, AD(NS_SKF_AD_PKTTYPE)), 0},
		{NS_BPF_STMT(NS_BPF_LD | NS_BPF_W | NS_BPF_ABS, AD(NS_SKF_AD_IFINDEX)), 0},
		{NS_BPF_STMT(NS_BPF_LD | NS_BPF_B | NS_BPF_ABS, AD(NS_SKF_AD_PKTTYPE)), 0},
		{NS_BPF_STMT(NS_BPF_LD | NS_BPF_H | NS_BPF_ABS, 12), 1},
		{NS_BPF_STMT(NS_BPF_LD | NS_BPF_H | NS_BPF_IND, 14), 1},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ns_insn prog[] = {cases[i].load, NS_BPF_STMT(NS_BPF_RET | NS_BPF_K, 1)};
		ns_program p = {prog, 2};
		assert_int_equal(ns_live_libpcap_runs(&p), cases[i].runs);
	}
}

static void test_early_packets(void **state)
{
	(void)state;
	ns_insn accept[] = {NS_BPF_STMT(NS_BPF_RET | NS_BPF_K, 262144)};
	ns_insn reject[] = {NS_BPF_STMT(NS_BPF_RET | NS_BPF_K, 0)};
	ns_live_filter f;
	memset(&f, 0, sizeof(f));
	f.direct = f.early_checks = 1;
	f.units = 1000000;
	f.attached = 1000 * f.units; /* attached at t = 1000 s */
	f.early = make(1, accept);
	uint8_t pkt[1] = {1};
	struct pcap_pkthdr before = {{999, 999999}, 1, 1}, after = {{1000, 1}, 1, 1};
	/* Before the attachment: judged by the file-semantics program. */
	assert_int_equal(ns_live_filter_early(&f, &before, pkt), 1);
	ns_program_free(&f.early);
	f.early = make(1, reject);
	assert_int_equal(ns_live_filter_early(&f, &before, pkt), 0);
	/* After it: the kernel has judged them. */
	assert_int_equal(ns_live_filter_early(&f, &after, pkt), 1);
	assert_int_equal(f.early_checks, 1);
	/* A second after it, the checks stop. */
	struct pcap_pkthdr late = {{1001, 2}, 1, 1};
	assert_int_equal(ns_live_filter_early(&f, &late, pkt), 1);
	assert_int_equal(f.early_checks, 0);
	/* Without a file-semantics program, early packets are dropped. */
	ns_program_free(&f.early);
	assert_int_equal(ns_live_filter_early(&f, &before, pkt), 0);
	/* Nanosecond time stamps. */
	f.units = 1000000000;
	f.attached = 1000 * f.units;
	f.early = make(1, accept);
	struct pcap_pkthdr nbefore = {{999, 999999999}, 1, 1};
	assert_int_equal(ns_live_filter_early(&f, &nbefore, pkt), 1);
	ns_program_free(&f.early);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kernel_check),
		cmocka_unit_test(test_libpcap_runs),
		cmocka_unit_test(test_early_packets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
