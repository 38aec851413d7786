/* ns_vm_run / ns_vm_run_traced: libpcap's bpf_filter semantics (bpf(4), libpcap bpf_filter.c)
 * and the Linux ancillary loads (Documentation/networking/filter.rst). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "vm/vm.h"

#define S NS_BPF_STMT
#define J NS_BPF_JUMP
#define RUN(prog, pkt, wire, cap) ns_vm_run(prog, sizeof(prog) / sizeof(prog[0]), pkt, wire, cap, NULL)

static const uint8_t pkt[20] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a,
				0x0b, 0x0c, 0x0d, 0x0e, 0x45, 0x00, 0x00, 0x54, 0xff, 0xfe};

static void loads_in_and_past_the_capture(void **state)
{
	(void)state;
	ns_insn w[] = {S(NS_BPF_LD | NS_BPF_W | NS_BPF_ABS, 16), S(NS_BPF_RET | NS_BPF_A, 0)};
	assert_int_equal(RUN(w, pkt, 20, 20), 0x0054fffe);
	assert_int_equal(RUN(w, pkt, 20, 19), 0);          /* one byte short */
	ns_insn h[] = {S(NS_BPF_LD | NS_BPF_H | NS_BPF_ABS, 18), S(NS_BPF_RET | NS_BPF_A, 0)};
	assert_int_equal(RUN(h, pkt, 20, 20), 0xfffe);
	assert_int_equal(RUN(h, pkt, 20, 19), 0);
	ns_insn b[] = {S(NS_BPF_LD | NS_BPF_B | NS_BPF_ABS, 0xffffffff), S(NS_BPF_RET | NS_BPF_K, 1)};
	assert_int_equal(RUN(b, pkt, 20, 20), 0);
	/* X + k wrapping around 2^32 must not reach byte 1. */
	ns_insn ind[] = {S(NS_BPF_LDX | NS_BPF_IMM, 0xffffffff), S(NS_BPF_LD | NS_BPF_B | NS_BPF_IND, 2),
			 S(NS_BPF_RET | NS_BPF_K, 7)};
	assert_int_equal(RUN(ind, pkt, 20, 20), 0);
	ns_insn ind2[] = {S(NS_BPF_LDX | NS_BPF_IMM, 10), S(NS_BPF_LD | NS_BPF_H | NS_BPF_IND, 8),
			  S(NS_BPF_RET | NS_BPF_A, 0)};
	assert_int_equal(RUN(ind2, pkt, 20, 20), 0xfffe);
}

static void len_is_the_wire_length(void **state)
{
	(void)state;
	ns_insn p[] = {S(NS_BPF_LD | NS_BPF_W | NS_BPF_LEN, 0), S(NS_BPF_RET | NS_BPF_A, 0)};
	assert_int_equal(RUN(p, pkt, 1500, 20), 1500);
	ns_insn q[] = {S(NS_BPF_LDX | NS_BPF_W | NS_BPF_LEN, 0), S(NS_BPF_MISC | NS_BPF_TXA, 0), S(NS_BPF_RET | NS_BPF_A, 0)};
	assert_int_equal(RUN(q, pkt, 99, 20), 99);
}

static void msh_and_scratch(void **state)
{
	(void)state;
	ns_insn p[] = {S(NS_BPF_LDX | NS_BPF_B | NS_BPF_MSH, 14), S(NS_BPF_STX, 3), S(NS_BPF_LD | NS_BPF_MEM, 3),
		       S(NS_BPF_RET | NS_BPF_A, 0)};
	assert_int_equal(RUN(p, pkt, 20, 20), 20);   /* 4 * (0x45 & 0xf) */
}

static void division_by_zero_returns_zero(void **state)
{
	(void)state;
	ns_insn d[] = {S(NS_BPF_LD | NS_BPF_IMM, 10), S(NS_BPF_ALU | NS_BPF_DIV | NS_BPF_X, 0), S(NS_BPF_RET | NS_BPF_K, 5)};
	assert_int_equal(RUN(d, pkt, 20, 20), 0);
	ns_insn m[] = {S(NS_BPF_LD | NS_BPF_IMM, 10), S(NS_BPF_ALU | NS_BPF_MOD | NS_BPF_X, 0), S(NS_BPF_RET | NS_BPF_K, 5)};
	assert_int_equal(RUN(m, pkt, 20, 20), 0);
	ns_insn ok[] = {S(NS_BPF_LD | NS_BPF_IMM, 10), S(NS_BPF_LDX | NS_BPF_IMM, 3), S(NS_BPF_ALU | NS_BPF_MOD | NS_BPF_X, 0),
			S(NS_BPF_RET | NS_BPF_A, 0)};
	assert_int_equal(RUN(ok, pkt, 20, 20), 1);
}

static void alu_and_jumps(void **state)
{
	(void)state;
	ns_insn p[] = {
		S(NS_BPF_LD | NS_BPF_IMM, 1),
		S(NS_BPF_LDX | NS_BPF_IMM, 40),
		S(NS_BPF_ALU | NS_BPF_LSH | NS_BPF_X, 0),      /* shift by 40: 0 */
		J(NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 0, 1, 0),
		S(NS_BPF_RET | NS_BPF_K, 1),
		S(NS_BPF_ALU | NS_BPF_NEG, 0),                 /* -0 = 0 */
		S(NS_BPF_ALU | NS_BPF_SUB | NS_BPF_K, 1),      /* 0xffffffff */
		J(NS_BPF_JMP | NS_BPF_JGT | NS_BPF_K, 0xfffffffe, 0, 1),
		S(NS_BPF_RET | NS_BPF_A, 0),
		S(NS_BPF_RET | NS_BPF_K, 2),
	};
	assert_int_equal(RUN(p, pkt, 20, 20), 0xffffffff);
}

static void ancillary_loads(void **state)
{
	(void)state;
	ns_insn p[] = {S(NS_BPF_LD | NS_BPF_B | NS_BPF_ABS, (uint32_t)NS_SKF_AD_OFF + NS_SKF_AD_PROTOCOL), S(NS_BPF_RET | NS_BPF_A, 0)};
	ns_vm_meta m = {0};
	m.protocol = 0x86dd;
	m.vlan_tci = 42;
	/* The whole value even through a byte load, as the kernel converts it. */
	assert_int_equal(ns_vm_run(p, 2, pkt, 20, 20, &m), 0x86dd);
	assert_int_equal(ns_vm_run(p, 2, pkt, 20, 20, NULL), 0);
	p[0].k = (uint32_t)NS_SKF_AD_OFF + NS_SKF_AD_VLAN_TAG;
	assert_int_equal(ns_vm_run(p, 2, pkt, 20, 20, &m), 42);
	ns_insn x[] = {S(NS_BPF_LD | NS_BPF_IMM, 0xf0), S(NS_BPF_LDX | NS_BPF_IMM, 0xff),
		       S(NS_BPF_LD | NS_BPF_W | NS_BPF_ABS, (uint32_t)NS_SKF_AD_OFF + NS_SKF_AD_ALU_XOR_X), S(NS_BPF_RET | NS_BPF_A, 0)};
	assert_int_equal(ns_vm_run(x, 4, pkt, 20, 20, NULL), 0x0f);
}

static void unvalidated_programs_stay_in_bounds(void **state)
{
	(void)state;
	ns_insn off_end[] = {S(NS_BPF_LD | NS_BPF_IMM, 1)};
	assert_int_equal(RUN(off_end, pkt, 20, 20), 0);
	ns_insn far[] = {J(NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 0, 200, 200), S(NS_BPF_RET | NS_BPF_K, 1)};
	assert_int_equal(RUN(far, pkt, 20, 20), 0);
	ns_insn loop[] = {S(NS_BPF_JMP | NS_BPF_JA, 0xffffffff)};   /* jumps to itself forever */
	assert_int_equal(RUN(loop, pkt, 20, 20), 0);
	ns_insn mem[] = {S(NS_BPF_ST, 16), S(NS_BPF_RET | NS_BPF_K, 1)};
	assert_int_equal(RUN(mem, pkt, 20, 20), 0);
	ns_insn bad[] = {S(0x0e, 0), S(NS_BPF_RET | NS_BPF_K, 1)};
	assert_int_equal(RUN(bad, pkt, 20, 20), 0);
	ns_insn back[] = {S(NS_BPF_JMP | NS_BPF_JA, 0x80000000u), S(NS_BPF_RET | NS_BPF_K, 1)};
	assert_int_equal(RUN(back, pkt, 20, 20), 0);
	assert_int_equal(ns_vm_run(back, 0, pkt, 20, 20, NULL), 0);
}

static void backward_jumps_run_as_in_libpcap(void **state)
{
	(void)state;
	/* Count X up to 3 with a backward ja, as libpcap's protochain code loops. */
	ns_insn p[] = {
		S(NS_BPF_LDX | NS_BPF_IMM, 0),
		S(NS_BPF_MISC | NS_BPF_TXA, 0),
		S(NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, 1),
		S(NS_BPF_MISC | NS_BPF_TAX, 0),
		J(NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 3, 1, 0),
		S(NS_BPF_JMP | NS_BPF_JA, (uint32_t)-5),
		S(NS_BPF_RET | NS_BPF_A, 0),
	};
	assert_int_equal(RUN(p, pkt, 20, 20), 3);
}

typedef struct seen {
	size_t n, pcs[8];
	uint32_t a[8];
} seen;

static void record(void *arg, size_t pc, const ns_insn *insn, uint32_t a, uint32_t x)
{
	(void)insn, (void)x;
	seen *s = arg;
	if (s->n < 8) {
		s->pcs[s->n] = pc;
		s->a[s->n++] = a;
	}
}

static void traced_run(void **state)
{
	(void)state;
	ns_insn p[] = {S(NS_BPF_LD | NS_BPF_H | NS_BPF_ABS, 12), J(NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 0x0b0c, 1, 0),
		       S(NS_BPF_RET | NS_BPF_K, 0), S(NS_BPF_RET | NS_BPF_K, 9)};
	seen s = {0};
	assert_int_equal(ns_vm_run_traced(p, 4, pkt, 20, 20, NULL, record, &s), 0);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.pcs[2], 2);
	assert_int_equal(s.a[1], 0x0d0e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_in_and_past_the_capture),
		cmocka_unit_test(len_is_the_wire_length),
		cmocka_unit_test(msh_and_scratch),
		cmocka_unit_test(division_by_zero_returns_zero),
		cmocka_unit_test(alu_and_jumps),
		cmocka_unit_test(ancillary_loads),
		cmocka_unit_test(unvalidated_programs_stay_in_bounds),
		cmocka_unit_test(backward_jumps_run_as_in_libpcap),
		cmocka_unit_test(traced_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
