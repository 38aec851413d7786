/* ns_validate: the kernel's rules (net/core/filter.c bpf_check_classic, check_load_and_stores),
 * each refusal naming the instruction. The differential suite compares with the running kernel;
 * these pin down each rule and its message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vm/vm.h"

#define S NS_BPF_STMT
#define J NS_BPF_JUMP
#define N(p) (sizeof(p) / sizeof(p[0]))

static void refused_at(const ns_insn *p, size_t n, long pc, const char *words)
{
	ns_vm_error err;
	memset(&err, 0, sizeof(err));
	assert_int_equal(ns_validate(p, n, &err), -1);
	assert_int_equal(err.pc, pc);
	assert_non_null(strstr(err.msg, words));
}

static void accepts_a_plain_filter(void **state)
{
	(void)state;
	ns_insn p[] = {S(NS_BPF_LD | NS_BPF_H | NS_BPF_ABS, 12), J(NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 0x800, 0, 1),
		       S(NS_BPF_RET | NS_BPF_K, 262144), S(NS_BPF_RET | NS_BPF_K, 0)};
	assert_int_equal(ns_validate(p, N(p), NULL), 0);
}

static void length_limits(void **state)
{
	(void)state;
	static ns_insn big[NS_BPF_MAXINSNS + 1];
	for (size_t i = 0; i < N(big); i++)
		big[i] = S(NS_BPF_RET | NS_BPF_K, 0);
	assert_int_equal(ns_validate(big, NS_BPF_MAXINSNS, NULL), 0);
	refused_at(big, NS_BPF_MAXINSNS + 1, -1, "more than 4096");
	refused_at(big, 0, -1, "empty");
}

static void per_instruction_rules(void **state)
{
	(void)state;
	ns_insn bad_op[] = {S(0x0e, 0), S(NS_BPF_RET | NS_BPF_K, 0)};
	refused_at(bad_op, 2, 0, "opcode 0xe");
	ns_insn div0[] = {S(NS_BPF_LD | NS_BPF_IMM, 1), S(NS_BPF_ALU | NS_BPF_DIV | NS_BPF_K, 0), S(NS_BPF_RET | NS_BPF_A, 0)};
	refused_at(div0, 3, 1, "constant 0");
	ns_insn mod0[] = {S(NS_BPF_ALU | NS_BPF_MOD | NS_BPF_K, 0), S(NS_BPF_RET | NS_BPF_A, 0)};
	refused_at(mod0, 2, 0, "constant 0");
	ns_insn shift[] = {S(NS_BPF_ALU | NS_BPF_LSH | NS_BPF_K, 32), S(NS_BPF_RET | NS_BPF_A, 0)};
	refused_at(shift, 2, 0, "32 or more");
	ns_insn mem[] = {S(NS_BPF_ST, 16), S(NS_BPF_RET | NS_BPF_A, 0)};
	refused_at(mem, 2, 0, "scratch index 16");
	ns_insn ja[] = {S(NS_BPF_JMP | NS_BPF_JA, 1), S(NS_BPF_RET | NS_BPF_A, 0)};
	refused_at(ja, 2, 0, "beyond the end");
	ns_insn back[] = {S(NS_BPF_RET | NS_BPF_A, 0), S(NS_BPF_JMP | NS_BPF_JA, 0xffffffff), S(NS_BPF_RET | NS_BPF_A, 0)};
	refused_at(back, 3, 1, "beyond the end");
	ns_insn jeq[] = {J(NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 0, 0, 1), S(NS_BPF_RET | NS_BPF_A, 0)};
	refused_at(jeq, 2, 0, "beyond the end");
	ns_insn last[] = {S(NS_BPF_LD | NS_BPF_IMM, 0)};
	refused_at(last, 1, 0, "not a return");
}

static void ancillary_offsets(void **state)
{
	(void)state;
	ns_insn p[] = {S(NS_BPF_LD | NS_BPF_B | NS_BPF_ABS, (uint32_t)NS_SKF_AD_OFF + NS_SKF_AD_VLAN_TPID), S(NS_BPF_RET | NS_BPF_A, 0)};
	assert_int_equal(ns_validate(p, 2, NULL), 0);
	p[0].k = (uint32_t)NS_SKF_AD_OFF + NS_SKF_AD_MAX;
	refused_at(p, 2, 0, "ancillary");
	p[0].k = (uint32_t)NS_SKF_AD_OFF + 2;
	refused_at(p, 2, 0, "ancillary");
	/* SKF_NET_OFF and SKF_LL_OFF lie below SKF_AD_OFF: the checker lets them through. */
	p[0].k = (uint32_t)-0x100000;
	assert_int_equal(ns_validate(p, 2, NULL), 0);
}

static void scratch_written_before_read(void **state)
{
	(void)state;
	ns_insn unwritten[] = {S(NS_BPF_LD | NS_BPF_MEM, 2), S(NS_BPF_RET | NS_BPF_A, 0)};
	refused_at(unwritten, 2, 0, "M[2]");
	/* Written on one branch only. */
	ns_insn one_path[] = {J(NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 0, 0, 1), S(NS_BPF_ST, 1),
			      S(NS_BPF_LDX | NS_BPF_MEM, 1), S(NS_BPF_RET | NS_BPF_A, 0)};
	refused_at(one_path, 4, 2, "M[1]");
	ns_insn both[] = {S(NS_BPF_ST, 1), J(NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 0, 0, 1), S(NS_BPF_ST, 2),
			  S(NS_BPF_LDX | NS_BPF_MEM, 1), S(NS_BPF_RET | NS_BPF_A, 0)};
	assert_int_equal(ns_validate(both, N(both), NULL), 0);
	/* The kernel's walk carries the written set across a `ret` into code only a jump reaches. */
	ns_insn after_ret[] = {S(NS_BPF_ST, 3), J(NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 0, 1, 1), S(NS_BPF_RET | NS_BPF_K, 0),
			       S(NS_BPF_LD | NS_BPF_MEM, 3), S(NS_BPF_RET | NS_BPF_A, 0)};
	assert_int_equal(ns_validate(after_ret, N(after_ret), NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_a_plain_filter),
		cmocka_unit_test(length_limits),
		cmocka_unit_test(per_instruction_rules),
		cmocka_unit_test(ancillary_offsets),
		cmocka_unit_test(scratch_written_before_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
