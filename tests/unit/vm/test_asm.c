/* ns_assemble: tcpdump's -d/-dd/-ddd listings and Linux bpf_asm source
 * (Documentation/networking/filter.rst), and its errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vm/vm.h"

#define S NS_BPF_STMT
#define J NS_BPF_JUMP

static void same(const char *text, const ns_insn *want, size_t n)
{
	ns_program p;
	ns_vm_error err;
	memset(&err, 0, sizeof(err));
	int rc = ns_assemble(text, &p, &err);
	if (rc)
		fail_msg("%s", err.msg);
	assert_int_equal(p.len, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(p.insns[i].code, want[i].code);
		assert_int_equal(p.insns[i].jt, want[i].jt);
		assert_int_equal(p.insns[i].jf, want[i].jf);
		assert_int_equal(p.insns[i].k, want[i].k);
	}
	ns_program_free(&p);
}

static void refused(const char *text, long line, const char *words)
{
	ns_program p;
	ns_vm_error err;
	assert_int_equal(ns_assemble(text, &p, &err), -1);
	assert_int_equal(err.pc, line);
	if (!strstr(err.msg, words))
		fail_msg("message '%s' lacks '%s'", err.msg, words);
}

static const ns_insn ip_tcp22[] = {
	S(NS_BPF_LD | NS_BPF_H | NS_BPF_ABS, 12),
	J(NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 0x800, 0, 3),
	S(NS_BPF_LDX | NS_BPF_B | NS_BPF_MSH, 14),
	S(NS_BPF_LD | NS_BPF_H | NS_BPF_IND, 16),
	J(NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K, 22, 1, 0),
	S(NS_BPF_RET | NS_BPF_K, 0),
	S(NS_BPF_RET | NS_BPF_K, 262144),
};

static void tcpdump_d_syntax(void **state)
{
	(void)state;
	same("(000) ldh      [12]\n"
	     "(001) jeq      #0x800           jt 2\tjf 5\n"
	     "(002) ldxb     4*([14]&0xf)\n"
	     "(003) ldh      [x + 16]\n"
	     "(004) jeq      #0x16            jt 6\tjf 5      ; 0x0004\n"
	     "(005) ret      #0\n"
	     "(006) ret      #262144\n", ip_tcp22, 7);
}

static void numeric_listings(void **state)
{
	(void)state;
	same("7\n40 0 0 12\n21 0 3 2048\n177 0 0 14\n72 0 0 16\n21 1 0 22\n6 0 0 0\n6 0 0 262144\n", ip_tcp22, 7);
	same("{ 0x28, 0, 0, 0x0000000c },\n{ 0x15, 0, 3, 0x00000800 },\n{ 0xb1, 0, 0, 0x0000000e },\n"
	     "{ 0x48, 0, 0, 0x00000010 },\n{ 0x15, 1, 0, 0x00000016 },\n{ 0x6, 0, 0, 0x00000000 },\n"
	     "{ 0x6, 0, 0, 0x00040000 },\n", ip_tcp22, 7);
	refused("3\n40 0 0 12\n6 0 0 0\n", 3, "declares 3");
	refused("2\n40 0 0\n6 0 0 0\n", 2, "four numbers");
}

static void bpf_asm_syntax(void **state)
{
	(void)state;
	same("  ldh [12]\n"
	     "  jne #0x800, drop   ; not IPv4\n"
	     "  ldx 4*([14]&0xf)\n"
	     "  ldh [x+16]\n"
	     "  jeq #22, keep\n"
	     "drop: ret #0\n"
	     "keep: ret #0x40000\n", ip_tcp22, 7);
	ns_insn ext[] = {
		S(NS_BPF_LD | NS_BPF_W | NS_BPF_ABS, (uint32_t)NS_SKF_AD_OFF + NS_SKF_AD_PROTOCOL),
		J(NS_BPF_JMP | NS_BPF_JGE | NS_BPF_K, 0x10, 0, 1),   /* jlt: jge with targets swapped */
		S(NS_BPF_LD | NS_BPF_W | NS_BPF_LEN, 0),
		S(NS_BPF_LD | NS_BPF_W | NS_BPF_ABS, (uint32_t)NS_SKF_AD_OFF + NS_SKF_AD_VLAN_TAG_PRESENT),
		S(NS_BPF_JMP | NS_BPF_JA, 0),
		S(NS_BPF_RET | NS_BPF_A, 0),
	};
	same("ld #proto\njlt #0b10000, l1\nld #len\nl1: ld #vlan_avail\njmp out\nout: ret a\n", ext, 6);
	ns_insn octal[] = {S(NS_BPF_LD | NS_BPF_IMM, 8), S(NS_BPF_RET | NS_BPF_K, (uint32_t)-1)};
	same("ld #010\nret #-1\n", octal, 2);
}

static void errors_name_the_line(void **state)
{
	(void)state;
	refused("ldh [12]\nfrob #1\nret #0\n", 2, "frob");
	refused("jeq #1, nowhere\nret #0\n", 1, "undefined label 'nowhere'");
	refused("a: ret #0\na: ret #1\n", 2, "twice");
	refused("(000) ret #0\n(002) ret #1\n", 2, "out of sequence");
	refused("ld [x + ]\nret a\n", 1, "operand");
	refused("ldh [12] junk\nret a\n", 1, "unexpected");
	refused("", 0, "no instructions");
	refused("(000) unimp    0xff\n", 1, "unimp");
	/* A conditional jump reaches 255 instructions at most. */
	char text[4096] = "jeq #1, far\n";
	for (int i = 0; i < 256; i++)
		strcat(text, "ret #0\n");
	strcat(text, "far: ret #1\n");
	refused(text, 1, "out of reach");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tcpdump_d_syntax),
		cmocka_unit_test(numeric_listings),
		cmocka_unit_test(bpf_asm_syntax),
		cmocka_unit_test(errors_name_the_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
