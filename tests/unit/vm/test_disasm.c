/* ns_dump / ns_disasm_insn: the expected lines are tcpdump 4.99.3's (libpcap 1.10.3
 * bpf_image/bpf_dump) output for the same instructions, trailing blanks included. The
 * differential suite compares every instruction shape with libpcap's bpf_image directly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vm/vm.h"

#define S NS_BPF_STMT
#define J NS_BPF_JUMP

static void line_is(ns_insn in, size_t pc, const char *want)
{
	char buf[200];
	ns_disasm_insn(buf, sizeof(buf), &in, pc);
	assert_string_equal(buf, want);
}

static void instruction_text(void **state)
{
	(void)state;
	line_is(S(NS_BPF_LD | NS_BPF_H | NS_BPF_ABS, 12), 0, "ldh      [12]");
	line_is(J(NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 0x86dd, 0, 6), 1, "jeq      #0x86dd          jt 2\tjf 8");
	line_is(S(NS_BPF_MISC | NS_BPF_TAX, 0), 5, "tax      ");
	line_is(S(NS_BPF_RET | NS_BPF_A, 0), 5, "ret      ");
	line_is(S(NS_BPF_ALU | NS_BPF_ADD | NS_BPF_K, 0xfffff010), 5, "add      #-4080");
	line_is(S(NS_BPF_LD | NS_BPF_W | NS_BPF_ABS, 0xfffff004), 7, "ld       [type]");
	line_is(S(NS_BPF_LD | NS_BPF_H | NS_BPF_ABS, 0xfffff02c), 7, "ldh      [vlan_tci]");
	line_is(S(NS_BPF_LD | NS_BPF_W | NS_BPF_IND, 0xfffff000), 5, "ld       [x + -4096]");
	line_is(S(NS_BPF_JMP | NS_BPF_JA, 0xffffffff), 7, "ja       7");
	line_is(S(0xff, 0), 7, "unimp    0xff");
	line_is(S(0x1ff, 0), 7, "unimp    0x1ff");
	line_is(S(NS_BPF_LDX | NS_BPF_B | NS_BPF_MSH, 14), 4, "ldxb     4*([14]&0xf)");
}

static char *dump(const ns_insn *p, size_t n, int level)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	ns_dump(f, p, n, level);
	fclose(f);
	return text;
}

static void listing_levels(void **state)
{
	(void)state;
	/* tcpdump -y EN10MB -d/-dd/-ddd 'ip' */
	ns_insn p[] = {S(NS_BPF_LD | NS_BPF_H | NS_BPF_ABS, 12), J(NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 0x800, 0, 1),
		       S(NS_BPF_RET | NS_BPF_K, 262144), S(NS_BPF_RET | NS_BPF_K, 0)};
	char *d = dump(p, 4, 1), *dd = dump(p, 4, 2), *ddd = dump(p, 4, 3);
	assert_string_equal(d, "(000) ldh      [12]\n(001) jeq      #0x800           jt 2\tjf 3\n"
			       "(002) ret      #262144\n(003) ret      #0\n");
	assert_string_equal(dd, "{ 0x28, 0, 0, 0x0000000c },\n{ 0x15, 0, 1, 0x00000800 },\n"
				"{ 0x6, 0, 0, 0x00040000 },\n{ 0x6, 0, 0, 0x00000000 },\n");
	assert_string_equal(ddd, "4\n40 0 0 12\n21 0 1 2048\n6 0 0 262144\n6 0 0 0\n");
	free(d), free(dd), free(ddd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(instruction_text),
		cmocka_unit_test(listing_levels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
