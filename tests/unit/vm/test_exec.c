/* ns_vm_prepare / ns_vm_exec: the pre-decoded interpreter returns what ns_vm_run returns, on the
 * cases where pre-decoding changes the shape of the program (fused load+compare with a jump
 * landing on the compare, out-of-range targets, constant shifts and divisions, invalid code). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "vm/vm.h"

#define S NS_BPF_STMT
#define J NS_BPF_JUMP
#define N(p) (sizeof(p) / sizeof(p[0]))

static const uint8_t pkt[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00, 0x45, 0};

static void agree(const ns_insn *p, size_t n, uint32_t want)
{
	ns_vm_prog *vp = ns_vm_prepare(p, n);
	assert_non_null(vp);
	for (uint32_t cap = 0; cap <= sizeof(pkt); cap++) {
		uint32_t slow = ns_vm_run(p, n, pkt, 60, cap, NULL);
		assert_int_equal(ns_vm_exec(vp, pkt, 60, cap, NULL), slow);
		if (cap == sizeof(pkt))
			assert_int_equal(slow, want);
	}
	ns_vm_prog_free(vp);
}

static void fused_compare_as_a_jump_target(void **state)
{
	(void)state;
	ns_insn p[] = {
		S(NS_BPF_LD | NS_BPF_IMM, 0x800),
		S(NS_BPF_JMP | NS_BPF_JA, 1),
		S(NS_BPF_LD | NS_BPF_H | NS_BPF_ABS, 12),
		J(NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 0x800, 0, 1),   /* reached by the ja, A set by ld #0x800 */
		S(NS_BPF_RET | NS_BPF_K, 1),
		S(NS_BPF_RET | NS_BPF_K, 2),
	};
	agree(p, N(p), 1);
	p[0].k = 0x801;
	agree(p, N(p), 2);
}

static void odd_programs(void **state)
{
	(void)state;
	ns_insn shift[] = {S(NS_BPF_LD | NS_BPF_IMM, 1), S(NS_BPF_ALU | NS_BPF_LSH | NS_BPF_K, 33), S(NS_BPF_RET | NS_BPF_A, 0)};
	agree(shift, N(shift), 2);
	ns_insn div0[] = {S(NS_BPF_ALU | NS_BPF_DIV | NS_BPF_K, 0), S(NS_BPF_RET | NS_BPF_K, 1)};
	agree(div0, N(div0), 0);
	ns_insn far[] = {J(NS_BPF_JMP | NS_BPF_JSET | NS_BPF_K, 1, 9, 9), S(NS_BPF_RET | NS_BPF_K, 1)};
	agree(far, N(far), 0);
	ns_insn off_end[] = {S(NS_BPF_LDX | NS_BPF_B | NS_BPF_MSH, 14), S(NS_BPF_MISC | NS_BPF_TXA, 0)};
	agree(off_end, N(off_end), 0);
	ns_insn unwritten[] = {S(NS_BPF_LD | NS_BPF_MEM, 5), S(NS_BPF_RET | NS_BPF_A, 0)};
	agree(unwritten, N(unwritten), 0);   /* scratch starts zeroed when not proven written */
	ns_insn ind[] = {S(NS_BPF_LDX | NS_BPF_IMM, 12), S(NS_BPF_LD | NS_BPF_H | NS_BPF_IND, 0), S(NS_BPF_RET | NS_BPF_A, 0)};
	agree(ind, N(ind), 0x800);
	agree(ind, 0, 0);
	/* Backward and self jumps end after the backward-jump budget instead of hanging. */
	ns_insn self[] = {S(NS_BPF_JMP | NS_BPF_JA, 0xffffffff), S(NS_BPF_RET | NS_BPF_K, 1)};
	agree(self, N(self), 0);
	ns_insn back[] = {S(NS_BPF_LD | NS_BPF_IMM, 0), S(NS_BPF_JMP | NS_BPF_JA, (uint32_t)-2), S(NS_BPF_RET | NS_BPF_K, 1)};
	agree(back, N(back), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fused_compare_as_a_jump_target),
		cmocka_unit_test(odd_programs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
