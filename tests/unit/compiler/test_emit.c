/* Emission: long conditional jumps (over 255 instructions) through `ja` trampolines, forward
 * jumps only, programs the kernel accepts, on filters of hundreds of terms; verdicts checked
 * against libpcap's unoptimized program on packets that hit the first, middle and last term. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/ir.h"
#include "compiler/netsift.h"
#include "tests/support/oracle.h"

static void check_shape(const ns_program *p)
{
	assert_true(p->len > 0);
	for (size_t i = 0; i < p->len; i++) {
		const ns_insn *in = &p->insns[i];
		if (NS_BPF_CLASS(in->code) != NS_BPF_JMP)
			continue;
		if (NS_BPF_OP(in->code) == NS_BPF_JA) {
			assert_true(i + 1 + in->k < p->len);
		} else {
			assert_true(i + 1 + in->jt < p->len);
			assert_true(i + 1 + in->jf < p->len);
		}
	}
	assert_int_equal(NS_BPF_CLASS(p->insns[p->len - 1].code), NS_BPF_RET);
}

/* An Ethernet/IPv4/UDP packet from src to dst. */
static void add_v4(oracle_pkts *s, uint32_t src, uint32_t dst, uint16_t dport)
{
	uint8_t b[14 + 20 + 8] = {0};
	memset(b, 0x22, 12);
	b[12] = 0x08;
	uint8_t *ip = b + 14;
	ip[0] = 0x45, ip[3] = 28, ip[8] = 64, ip[9] = 17;
	for (int i = 0; i < 4; i++) {
		ip[12 + i] = (uint8_t)(src >> (24 - 8 * i));
		ip[16 + i] = (uint8_t)(dst >> (24 - 8 * i));
	}
	ip[22] = (uint8_t)(dport >> 8), ip[23] = (uint8_t)dport;
	oracle_pkts_add(s, b, sizeof(b), sizeof(b));
}

static void big(const char *kind, int terms, int optimize)
{
	size_t cap = (size_t)terms * 40 + 16;
	char *e = malloc(cap);
	size_t n = 0;
	for (int i = 0; i < terms; i++)
		if (strcmp(kind, "host") == 0)
			n += (size_t)snprintf(e + n, cap - n, "%shost 10.%d.%d.1", i ? " or " : "", i / 250, i % 250);
		else
			n += (size_t)snprintf(e + n, cap - n, "%sudp dst port %d", i ? " or " : "", 1000 + i);
	ns_compile_opts o;
	ns_compile_opts_init(&o);
	o.optimize = optimize;
	ns_program p;
	ns_diag err;
	assert_int_equal(ns_compile(e, &o, &p, &err), 0);
	check_shape(&p);
	assert_true(p.len > 256);
	int k = oracle_kernel_accepts(p.insns, p.len);
	if (p.len <= NS_BPF_MAXINSNS)
		assert_int_not_equal(k, 0);

	oracle_pkts pk = {0};
	for (int i = 0; i < terms; i += terms / 7 + 1) {
		add_v4(&pk, 0x0a000001u | (uint32_t)(i / 250) << 16 | (uint32_t)(i % 250) << 8, 0x01020304, (uint16_t)(1000 + i));
		add_v4(&pk, 0x01020304, 0x0a000001u | (uint32_t)(i / 250) << 16 | (uint32_t)(i % 250) << 8, 1);
	}
	add_v4(&pk, 0x0a000001u | (uint32_t)((terms - 1) / 250) << 16 | (uint32_t)((terms - 1) % 250) << 8, 1, (uint16_t)(999 + terms));
	add_v4(&pk, 0x0b000001, 0x0b000002, 7);
	ns_insn *ref;
	size_t reflen;
	char perr[512];
	assert_int_equal(oracle_libpcap(1, e, 0, 0, &ref, &reflen, perr, sizeof(perr)), 0);
	assert_int_equal(oracle_first_diff(p.insns, p.len, ref, reflen, &pk), -1);
	free(ref);
	oracle_pkts_free(&pk);
	ns_program_free(&p);
	free(e);
}

static void test_hosts_300(void **state) { (void)state; big("host", 300, 0); big("host", 300, 1); }
static void test_ports_400(void **state) { (void)state; big("port", 400, 0); big("port", 400, 1); }

/* The empty expression accepts everything with the snapshot length. */
static void test_empty(void **state)
{
	(void)state;
	ns_compile_opts o;
	ns_compile_opts_init(&o);
	o.snaplen = 1234;
	ns_program p;
	ns_diag err;
	assert_int_equal(ns_compile("", &o, &p, &err), 0);
	assert_int_equal(p.len, 1);
	assert_int_equal(p.insns[0].code, NS_BPF_RET | NS_BPF_K);
	assert_int_equal(p.insns[0].k, 1234);
	ns_program_free(&p);
}

/* Layout: a `ja` block that the depth-first order separates from its target (the target is
 * first reached along another path) moves down next to it, so the jump costs nothing. Root
 * tests [0]; its true side tests [1] and goes to T; its false side sets X = 1 and jumps to
 * T, which accepts when [x + 0] == 7. */
static void test_ja_next_to_target(void **state)
{
	(void)state;
	ns_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	ns_compile_opts_init(&ctx.opts);
	ns_ir ir;
	ns_ir_init(&ir, &ctx);
	const uint16_t jeq = NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K;
	ns_block *acc = ns_ir_block(&ir), *rej = ns_ir_block(&ir);
	acc->jcode = rej->jcode = NS_BPF_RET | NS_BPF_K;
	acc->k = 1;
	ns_block *t = ns_ir_block(&ir);
	ns_ir_stmt(&ir, t, NS_BPF_LD | NS_BPF_IND | NS_BPF_B, 0);
	t->jcode = jeq, t->k = 7, t->jt = acc, t->jf = rej;
	ns_block *q = ns_ir_block(&ir);
	ns_ir_stmt(&ir, q, NS_BPF_LD | NS_BPF_ABS | NS_BPF_B, 1);
	q->jcode = jeq, q->k = 2, q->jt = t, q->jf = rej;
	ns_block *p = ns_ir_block(&ir);
	ns_ir_stmt(&ir, p, NS_BPF_LDX | NS_BPF_IMM, 1);
	p->jt = t; /* a `ja` block */
	ns_block *r = ns_ir_block(&ir);
	ns_ir_stmt(&ir, r, NS_BPF_LD | NS_BPF_ABS | NS_BPF_B, 0);
	r->jcode = jeq, r->k = 3, r->jt = q, r->jf = p;
	ir.root = r;
	ns_program out;
	ns_emit(&ir, &out);
	for (size_t i = 0; i < out.len; i++)
		assert_int_not_equal(out.insns[i].code, NS_BPF_JMP | NS_BPF_JA);
	assert_int_equal(out.len, 9);
	/* [0] == 3: T reads [x + 0] with X unset (0 in both interpreters), so byte 0 (3) != 7;
	 * [0] != 3: X = 1 and T reads byte 1. */
	static const struct {
		uint8_t b[2];
		uint32_t verdict;
	} cases[] = {{{3, 2}, 0}, {{3, 7}, 0}, {{5, 7}, 1}, {{5, 2}, 0}};
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		oracle_pkt pk = {(uint8_t *)cases[c].b, 2, 2};
		assert_int_equal(oracle_run(out.insns, out.len, &pk), cases[c].verdict);
	}
	free(out.insns);
	ns_arena_free(&ctx.arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hosts_300),
		cmocka_unit_test(test_ports_400),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_ja_next_to_target),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
