/* Sharing transport-header tests between IPv6 and IPv4 (compiler/opt_share_x.c): filters
 * that test ports keep libpcap's optimized verdict on every packet, cut ones included, and
 * come out shorter than libpcap's programs with the IPv6 copy gone; on hand-built programs,
 * a copy is replaced only when nothing after it reads the X it had. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/ir.h"
#include "tests/support/oracle.h"

/* Whether the program loads a halfword at absolute offset k. */
static bool loads_abs_h(const ns_insn *p, size_t n, uint32_t k)
{
	return oracle_has_insn(p, n, NS_BPF_LD | NS_BPF_ABS | NS_BPF_H, &k);
}

static void test_port_filters(void **state)
{
	(void)state;
	static const struct {
		int dlt;
		uint32_t v6_sport; /* where libpcap's IPv6 copy reads the source port */
		const char *expr;
	} cases[] = {
		{1, 54, "port 80"},
		{1, 54, "tcp port 80"},
		{1, 54, "udp port 53 or tcp port 80"},
		{1, 54, "src port 1024 and not dst port 22"},
		{1, 54, "portrange 20-443"},
		{113, 56, "tcp src port 443 or udp dst port 53"},
		{276, 60, "udp port 53 and greater 100"},
		{12, 40, "sctp port 9 or port 7"},
		{0, 44, "not port 22 and udp"},
	};
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		oracle_pkts pk = {0};
		oracle_pkts_add_synthetic(&pk, cases[c].dlt);
		ns_insn *op;
		size_t oplen;
		ns_program p;
		assert_int_equal(oracle_compare_optimized(cases[c].dlt, cases[c].expr, &pk, &p, &op, &oplen), -1);
		assert_true(loads_abs_h(op, oplen, cases[c].v6_sport));
		if (loads_abs_h(p.insns, p.len, cases[c].v6_sport) || p.len >= oplen) {
			fprintf(stderr, "FAIL dlt %d [%s]: IPv6 copy kept or not shorter (%zu vs %zu)\n",
				cases[c].dlt, cases[c].expr, (size_t)p.len, oplen);
			oracle_print(p.insns, p.len);
			fail();
		}
		assert_int_not_equal(oracle_kernel_accepts(p.insns, p.len), 0);
		ns_program_free(&p);
		free(op);
		oracle_pkts_free(&pk);
	}
}

/* A hand-built program: Ethernet, IPv6 port test at [54], IPv4 port test at [x + 14]; both
 * go on to `after` on a match. `ldx_first` loads X = 7 before anything. */
typedef struct built {
	ns_ctx ctx;
	ns_ir ir;
} built;

static ns_block *blk(ns_ir *ir, const ns_stmt *s, int n, uint16_t jcode, uint32_t k, ns_block *jt,
		     ns_block *jf)
{
	ns_block *b = ns_ir_block(ir);
	ns_ir_stmts(ir, b, s, n);
	b->jcode = jcode;
	b->k = k;
	b->jt = jt;
	b->jf = jf;
	return b;
}

static void build(built *m, bool after_reads_x)
{
	memset(m, 0, sizeof(*m));
	ns_compile_opts_init(&m->ctx.opts);
	ns_ir *ir = &m->ir;
	ns_ir_init(ir, &m->ctx);
	ns_block *acc = blk(ir, NULL, 0, NS_BPF_RET | NS_BPF_K, 262144, NULL, NULL);
	ns_block *rej = blk(ir, NULL, 0, NS_BPF_RET | NS_BPF_K, 0, NULL, NULL);
	const uint16_t jeq = NS_BPF_JMP | NS_BPF_JEQ | NS_BPF_K;
	ns_block *after = acc;
	if (after_reads_x) {
		/* accept only when X still holds what the program's start put there */
		ns_stmt txa = {NS_BPF_MISC | NS_BPF_TXA, 0};
		after = blk(ir, &txa, 1, jeq, 7, acc, rej);
	}
	ns_stmt v6s[] = {{NS_BPF_LD | NS_BPF_ABS | NS_BPF_H, 54}};
	ns_block *v6 = blk(ir, v6s, 1, jeq, 80, after, rej);
	ns_stmt v4s[] = {{NS_BPF_LDX | NS_BPF_MSH | NS_BPF_B, 14}, {NS_BPF_LD | NS_BPF_IND | NS_BPF_H, 14}};
	ns_block *v4 = blk(ir, v4s, 2, jeq, 80, after, rej);
	ns_block *is4 = blk(ir, NULL, 0, jeq, 0x800, v4, rej);
	ns_stmt root[] = {{NS_BPF_LDX | NS_BPF_IMM, 7}, {NS_BPF_LD | NS_BPF_ABS | NS_BPF_H, 12}};
	ir->root = blk(ir, root, 2, jeq, 0x86dd, v6, is4);
}

static oracle_pkts packets(void)
{
	oracle_pkts pk = {0};
	oracle_pkts_add_synthetic(&pk, 1);
	return pk;
}

static void check_pass(bool after_reads_x, bool expect_shared)
{
	built m;
	oracle_pkts pk = packets();
	build(&m, after_reads_x);
	ns_program before, after;
	ns_emit(&m.ir, &before);
	ns_arena_free(&m.ctx.arena);
	build(&m, after_reads_x);
	ns_opt_share_x(&m.ir);
	ns_emit(&m.ir, &after);
	assert_int_equal(loads_abs_h(after.insns, after.len, 54), !expect_shared);
	long d = oracle_first_diff(before.insns, before.len, after.insns, after.len, &pk);
	assert_true(d < 0);
	free(before.insns);
	free(after.insns);
	ns_arena_free(&m.ctx.arena);
	oracle_pkts_free(&pk);
}

static void test_shared_when_x_dead(void **state)
{
	(void)state;
	check_pass(false, true);
}

static void test_kept_when_x_read_after(void **state)
{
	(void)state;
	check_pass(true, false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_port_filters),
		cmocka_unit_test(test_shared_when_x_dead),
		cmocka_unit_test(test_kept_when_x_read_after),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
