/* compiler/gen_proto.c's unrolled `protochain` walk against libpcap's loop.
 *
 * Packets are built header by header as libpcap's walk reads them: IPv6 extension headers
 * (hop-by-hop, destination options, routing, fragment) and AH over IPv6, AH over IPv4, with
 * libpcap's AH step (the next offset is (length + 2) * 4 from the start of the IP header).
 * Every chain moves forward, so libpcap's loop ends. Each packet is also cut at every length.
 * Within the documented depth (docs/filter-semantics.md: 8 headers over IPv6, 5 AH headers
 * over IPv4) netsift's programs, optimized and not, must give the verdict of libpcap's program
 * run by libpcap's bpf_filter; a longer chain must not match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/netsift.h"
#include "tests/support/oracle.h"

enum { DEPTH6 = 8, DEPTH4 = 5, MAXPKT = 2048 };

static uint32_t rng(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

typedef struct chain {
	uint8_t b[MAXPKT];
	uint32_t len;
	int walks;    /* headers libpcap steps over before it tests the final type */
	uint32_t end; /* where the header of the final type starts, from the IP header */
} chain;

/* A chain of `walks` headers after the IP header, ending in type `last`; header `force_at`
 * (if not -1) has type `force_type`, which must be one libpcap steps over. */
static void build(chain *c, bool ether, bool v6, int walks, uint8_t last, int force_at, uint8_t force_type,
		  uint32_t *seed)
{
	static const uint8_t ext[] = {0, 60, 43, 44};
	memset(c->b, 0, sizeof(c->b));
	uint32_t nl = ether ? 14 : 0;
	if (ether) {
		c->b[12] = v6 ? 0x86 : 0x08;
		c->b[13] = v6 ? 0xdd : 0x00;
	}
	uint32_t at, type_at;
	if (v6) {
		c->b[nl] = 0x60;
		at = 40;
		type_at = 6;
	} else {
		uint32_t ihl = 5 + rng(seed) % 3;
		c->b[nl] = (uint8_t)(0x40 | ihl);
		at = ihl * 4;
		type_at = 9;
	}
	for (int i = 0; i < walks; i++) {
		bool ah = i == force_at ? force_type == 51 : !v6 || rng(seed) % 4 == 0;
		uint8_t t = i == force_at ? force_type : ah ? 51 : ext[rng(seed) % 4];
		c->b[nl + type_at] = t;
		uint32_t l, next;
		if (ah) {
			l = (at + 2 + 3) / 4 - 2 + rng(seed) % 2; /* the smallest forward step, or one more */
			next = 4 * (l + 2);
		} else {
			l = rng(seed) % 3;
			next = at + 8 * (l + 1);
		}
		c->b[nl + at + 1] = (uint8_t)l;
		type_at = at;
		at = next;
	}
	c->b[nl + type_at] = last;
	c->end = at;
	c->len = nl + at + rng(seed) % 8;
	if (c->len < nl + type_at + 2)
		c->len = nl + type_at + 2;
	c->walks = walks;
}

typedef struct progs {
	ns_program ours[2]; /* unoptimized, optimized */
	ns_insn *ref;
	size_t reflen;
} progs;

static void compile(progs *p, int dlt, const char *expr)
{
	for (int opt = 0; opt < 2; opt++) {
		ns_compile_opts o;
		ns_compile_opts_init(&o);
		o.linktype = dlt;
		o.optimize = opt;
		ns_diag err;
		int r = ns_compile(expr, &o, &p->ours[opt], &err);
		if (r != 0)
			fprintf(stderr, "%s: %s\n", expr, err.msg);
		assert_int_equal(r, 0);
		assert_int_not_equal(oracle_kernel_accepts(p->ours[opt].insns, p->ours[opt].len), 0);
	}
	char perr[512];
	/* libpcap does not optimize protochain programs: one reference for both modes */
	assert_int_equal(oracle_libpcap(dlt, expr, 1, 0, &p->ref, &p->reflen, perr, sizeof(perr)), 0);
}

static void release(progs *p)
{
	ns_program_free(&p->ours[0]);
	ns_program_free(&p->ours[1]);
	free(p->ref);
}

/* The number of chains per case: fewer in the sanitizer build. */
static int chains(void)
{
	const char *san = getenv("SANITIZED");
	return san && strcmp(san, "1") == 0 ? 40 : 300;
}

/* Every truncation of one chain: our verdicts are libpcap's. */
static long compare_chain(const progs *p, const chain *c, bool v6, uint8_t last, int *bad)
{
	long runs = 0;
	for (uint32_t cap = 0; cap <= c->len; cap++) {
		oracle_pkt pk = {(uint8_t *)c->b, cap, c->len};
		uint32_t want = oracle_run(p->ref, p->reflen, &pk);
		for (int opt = 0; opt < 2; opt++) {
			uint32_t got = oracle_run(p->ours[opt].insns, p->ours[opt].len, &pk);
			runs++;
			if (got != want && (*bad)++ < 5)
				fprintf(stderr, "FAIL %s%s, %d headers to type %u, caplen %u of %u: ours %u, libpcap %u\n",
					v6 ? "IPv6" : "IPv4", opt ? " optimized" : "", c->walks, last, cap, c->len, got,
					want);
		}
	}
	return runs;
}

/* Random chains within the depth. */
static long compare(const progs *p, bool ether, bool v6, uint8_t proto, uint32_t *seed, int *bad)
{
	static const uint8_t finals[] = {6, 17, 59, 58, 132};
	long runs = 0;
	int depth = v6 ? DEPTH6 : DEPTH4;
	chain c;
	for (int n = 0; n < chains(); n++) {
		uint8_t last = rng(seed) % 3 == 0 ? proto : finals[rng(seed) % sizeof(finals)];
		build(&c, ether, v6, (int)(rng(seed) % (uint32_t)(depth + 1)), last, -1, 0, seed);
		runs += compare_chain(p, &c, v6, last, bad);
	}
	return runs;
}

static void test_protochain_verdicts(void **state)
{
	(void)state;
	static const int dlts[] = {1, 12}; /* EN10MB, RAW */
	static const uint8_t protos[] = {6, 59, 44, 51, 0, 60, 17};
	static const char *const quals[] = {"ip6 ", "ip ", ""};
	uint32_t seed = 1;
	int bad = 0;
	long runs = 0;
	for (size_t d = 0; d < 2; d++)
		for (size_t q = 0; q < 3; q++)
			for (size_t i = 0; i < sizeof(protos); i++) {
				char expr[64];
				snprintf(expr, sizeof(expr), "%sprotochain %u", quals[q], protos[i]);
				progs p;
				compile(&p, dlts[d], expr);
				if (q != 1)
					runs += compare(&p, dlts[d] == 1, true, protos[i], &seed, &bad);
				if (q != 0)
					runs += compare(&p, dlts[d] == 1, false, protos[i], &seed, &bad);
				release(&p);
			}
	printf("protochain: %ld runs equal to libpcap's verdict, %d differ\n", runs - bad, bad);
	assert_int_equal(bad, 0);
}

/* Every byte as the type of the header at every step: libpcap steps over 0, 43, 44, 51 and 60
 * over IPv6 (51 alone over IPv4), and nothing else. */
static void test_protochain_every_type(void **state)
{
	(void)state;
	static const char *const exprs[] = {"protochain 6", "protochain 44", "ip6 protochain 51"};
	static const uint8_t protos[] = {6, 44, 51};
	uint32_t seed = 5;
	int bad = 0;
	long chains_run = 0;
	for (size_t e = 0; e < sizeof(exprs) / sizeof(exprs[0]); e++) {
		progs p;
		compile(&p, 12, exprs[e]);
		for (int v6 = 0; v6 < 2; v6++) {
			if (exprs[e][0] == 'i' && !v6)
				continue;
			int depth = v6 ? DEPTH6 : DEPTH4;
			chain c;
			for (int at = 0; at <= depth; at++) {
				for (int t = 0; t < 256; t++) {
					bool walked = t == 51 || (v6 && (t == 0 || t == 43 || t == 44 || t == 60));
					if (walked && at == depth)
						continue; /* a chain longer than the depth */
					if (walked)
						build(&c, false, v6, at + 1, 6, at, (uint8_t)t, &seed);
					else {
						/* after a type not stepped over, a header that leads to P:
						 * stepping over it by mistake would match */
						build(&c, false, v6, at, (uint8_t)t, -1, 0, &seed);
						c.b[c.end] = protos[e];
						c.b[c.end + 1] = 0;
						if (c.len < c.end + 2)
							c.len = c.end + 2;
					}
					compare_chain(&p, &c, v6, (uint8_t)t, &bad);
					chains_run++;
				}
			}
		}
		release(&p);
	}
	printf("protochain: every type at every step, %ld chains cut at every length, %d differ\n",
	       chains_run, bad);
	assert_int_equal(bad, 0);
}

/* Where the walk's outcome cannot change the verdict, the optimizer may drop the walk's tests,
 * but libpcap does not optimize protochain programs: its walk still reads the headers, and a
 * packet cut inside the chain is rejected. */
static void test_protochain_outcome_unused(void **state)
{
	(void)state;
	static const struct {
		const char *expr;
		uint8_t proto;
	} c[] = {
		{"ip6 protochain 50 or ip6", 50},
		{"ip protochain 51 or ip", 51},
		{"udp and ip6 protochain 41 or not tcp port 0", 41},
		{"protochain 6 or ip or ip6", 6},
	};
	uint32_t seed = 3;
	int bad = 0;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		for (int d = 0; d < 2; d++) {
			progs p;
			compile(&p, d ? 12 : 1, c[i].expr);
			compare(&p, d == 0, true, c[i].proto, &seed, &bad);
			compare(&p, d == 0, false, c[i].proto, &seed, &bad);
			release(&p);
		}
	}
	assert_int_equal(bad, 0);
}

/* One header more than the depth: libpcap matches, the unrolled walk (documented) does not;
 * at the depth both match. */
static void test_protochain_beyond_depth(void **state)
{
	(void)state;
	uint32_t seed = 7;
	for (int v6 = 0; v6 < 2; v6++) {
		progs p;
		compile(&p, 12, v6 ? "ip6 protochain 6" : "ip protochain 6");
		int depth = v6 ? DEPTH6 : DEPTH4;
		chain c;
		for (int n = 0; n < 50; n++) {
			for (int walks = depth; walks <= depth + 1; walks++) {
				build(&c, false, v6, walks, 6, -1, 0, &seed);
				oracle_pkt pk = {c.b, c.len, c.len};
				assert_int_not_equal(oracle_run(p.ref, p.reflen, &pk), 0);
				for (int opt = 0; opt < 2; opt++) {
					uint32_t got = oracle_run(p.ours[opt].insns, p.ours[opt].len, &pk);
					if (walks == depth)
						assert_int_not_equal(got, 0);
					else
						assert_int_equal(got, 0);
				}
			}
		}
		release(&p);
	}
}

/* OR-ed protochain terms share one walk when no value is a type the walk steps over; the
 * verdicts stay libpcap's (one walk per term) on every chain and cut, with the final type one
 * of the values or another type. Mixed runs (a walked value among them) stay term by term.
 * (A walked type as the final type is not tried: libpcap's loop for another value would step
 * over it with whatever length follows, and may never end.) */
static void test_protochain_or_terms(void **state)
{
	(void)state;
	static const struct {
		const char *expr;
		uint8_t proto[3];
	} c[] = {
		{"ip6 protochain 6 or ip6 protochain 17", {6, 17, 17}},
		{"protochain 6 or 17 or 132", {6, 17, 132}},
		{"ip protochain 17 or ip protochain 6", {17, 6, 6}},
		{"ip6 protochain 6 or 44 or 17", {6, 17, 17}},
		{"ip6 protochain 6 or 51 or 17", {6, 17, 6}},
	};
	uint32_t seed = 11;
	int bad = 0;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		for (int d = 0; d < 2; d++) {
			progs p;
			compile(&p, d ? 12 : 1, c[i].expr);
			for (int k = 0; k < 3; k++) {
				if (strncmp(c[i].expr, "ip ", 3) != 0)
					compare(&p, d == 0, true, c[i].proto[k], &seed, &bad);
				if (strncmp(c[i].expr, "ip6 ", 4) != 0)
					compare(&p, d == 0, false, c[i].proto[k], &seed, &bad);
			}
			release(&p);
		}
	}
	assert_int_equal(bad, 0);
	/* one walk: the two-term filter costs one walk and a comparison per step more */
	ns_compile_opts o;
	ns_compile_opts_init(&o);
	ns_program one, two;
	ns_diag err;
	assert_int_equal(ns_compile("ip6 protochain 6", &o, &one, &err), 0);
	assert_int_equal(ns_compile("ip6 protochain 6 or ip6 protochain 17", &o, &two, &err), 0);
	assert_true(two.len <= one.len + DEPTH6 + 2);
	ns_program_free(&one);
	ns_program_free(&two);
}

/* The cost documented in docs/filter-semantics.md: about 14 instructions per IPv6 step and 8
 * per IPv4 step, plus the link-layer test, the first load and the two returns. */
static void test_protochain_cost(void **state)
{
	(void)state;
	static const struct {
		const char *expr;
		size_t max;
	} c[] = {{"ip6 protochain 6", 4 + 14 * DEPTH6}, {"ip protochain 6", 4 + 8 * DEPTH4}};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		for (int opt = 0; opt < 2; opt++) {
			ns_compile_opts o;
			ns_compile_opts_init(&o);
			o.linktype = 1;
			o.optimize = opt;
			ns_program p;
			ns_diag err;
			assert_int_equal(ns_compile(c[i].expr, &o, &p, &err), 0);
			if (p.len > c[i].max)
				fprintf(stderr, "%s: %zu instructions, budget %zu\n", c[i].expr, p.len, c[i].max);
			assert_true(p.len <= c[i].max);
			ns_program_free(&p);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_protochain_verdicts),
		cmocka_unit_test(test_protochain_outcome_unused),
		cmocka_unit_test(test_protochain_every_type),
		cmocka_unit_test(test_protochain_beyond_depth),
		cmocka_unit_test(test_protochain_or_terms),
		cmocka_unit_test(test_protochain_cost),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
