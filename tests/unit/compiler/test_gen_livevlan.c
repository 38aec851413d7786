/* `vlan` on a live Linux socket (opts.linux_live): our program against libpcap 1.10.3's live
 * program (tests/data/compiler/live-vlan.ddd, written by `tcpdump -i eth0 -ddd`), both run by
 * our VM with the kernel's ancillary data, over frames whose outer tag is in the metadata (the
 * kernel stripped it), in the bytes (sent by this host, or a tag the NIC kept), or absent, at
 * every truncation length. The kernel must accept every program. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compiler/netsift.h"
#include "tests/support/oracle.h"
#include "vm/vm.h"

#define DATA "tests/data/compiler/live-vlan.ddd"

typedef struct frame {
	uint8_t b[128];
	uint32_t len;
	ns_vm_meta meta;
} frame;

typedef struct frames {
	frame v[256];
	size_t n;
} frames;

/* A frame: Ethernet addresses, tags (tpid, tci pairs), then an ethertype and a payload. */
static void build(frames *s, const uint16_t *tags, int ntags, uint16_t type, int l4)
{
	frame f = {0};
	uint8_t *b = f.b;
	size_t o = 0;
	static const uint8_t macs[12] = {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2};
	memcpy(b, macs, 12);
	o = 12;
	for (int i = 0; i < ntags; i++) {
		b[o++] = (uint8_t)(tags[2 * i] >> 8);
		b[o++] = (uint8_t)tags[2 * i];
		b[o++] = (uint8_t)(tags[2 * i + 1] >> 8);
		b[o++] = (uint8_t)tags[2 * i + 1];
	}
	b[o++] = (uint8_t)(type >> 8);
	b[o++] = (uint8_t)type;
	if (type == 0x0800) {
		b[o] = 0x45;
		b[o + 9] = (uint8_t)l4;
		o += 20 + 8;
	} else if (type == 0x86dd) {
		b[o] = 0x60;
		b[o + 6] = (uint8_t)l4;
		o += 40 + 8;
	} else {
		o += 28;
	}
	f.len = (uint32_t)o;
	/* as sent, or as received with the tag still in the bytes */
	s->v[s->n++] = f;
	/* as received with the outer tag moved into the metadata */
	if (ntags > 0) {
		frame k = {0};
		memcpy(k.b, f.b, 12);
		memcpy(k.b + 12, f.b + 16, f.len - 16);
		k.len = f.len - 4;
		k.meta.vlan_present = 1;
		k.meta.vlan_tci = tags[1];
		k.meta.vlan_tpid = tags[0];
		s->v[s->n++] = k;
	}
}

static void make_frames(frames *s)
{
	static const uint16_t types[][2] = {{0x0800, 17}, {0x0800, 6}, {0x86dd, 17}, {0x0806, 0}};
	static const uint16_t one[][2] = {{0x8100, 100}, {0x8100, 0x2000 | 200}, {0x88a8, 5},
					  {0x9100, 7}, {0x8101, 100}, {0x8100, 0xf000 | 100}};
	for (size_t t = 0; t < 4; t++) {
		build(s, NULL, 0, types[t][0], types[t][1]);
		for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++)
			build(s, one[i], 1, types[t][0], types[t][1]);
		static const uint16_t two[][4] = {{0x8100, 100, 0x8100, 200}, {0x88a8, 100, 0x8100, 200},
						  {0x8100, 7, 0x9100, 5}, {0x8100, 100, 0x0800, 200}};
		for (size_t i = 0; i < 4; i++)
			build(s, two[i], 2, types[t][0], types[t][1]);
	}
	/* metadata tag on an untagged-looking frame (the kernel stripped it) with odd TCI bits */
	frame f = s->v[0];
	f.meta.vlan_present = 1;
	f.meta.vlan_tci = 0xe064;
	s->v[s->n++] = f;
}

/* Reads the next program from the listing file: returns 1, or 0 at the end. */
static int next_ref(FILE *f, char *expr, size_t exprlen, int *opt, ns_insn **prog, size_t *len)
{
	char line[512];
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "expr ", 5) != 0)
			continue;
		*opt = line[5] - '0';
		snprintf(expr, exprlen, "%s", line + 7);
		expr[strcspn(expr, "\n")] = 0;
		if (!fgets(line, sizeof(line), f))
			return 0;
		*len = (size_t)strtoul(line, NULL, 10);
		*prog = calloc(*len, sizeof(**prog));
		for (size_t i = 0; i < *len; i++) {
			unsigned code, jt, jf;
			unsigned long k;
			assert_non_null(fgets(line, sizeof(line), f));
			assert_int_equal(sscanf(line, "%u %u %u %lu", &code, &jt, &jf, &k), 4);
			(*prog)[i] = (ns_insn){(uint16_t)code, (uint8_t)jt, (uint8_t)jf, (uint32_t)k};
		}
		return 1;
	}
	return 0;
}

static void test_live_vlan(void **state)
{
	(void)state;
	static frames s;
	s.n = 0;
	make_frames(&s);
	FILE *f = fopen(DATA, "r");
	assert_non_null(f);
	char expr[512];
	int opt, nexprs = 0;
	ns_insn *ref;
	size_t reflen;
	long runs = 0, with_meta = 0;
	while (next_ref(f, expr, sizeof(expr), &opt, &ref, &reflen)) {
		ns_compile_opts o;
		ns_compile_opts_init(&o);
		o.linux_live = 1;
		o.optimize = opt;
		ns_program p;
		ns_diag err;
		assert_int_equal(ns_compile(expr, &o, &p, &err), 0);
		for (size_t i = 0; i < s.n; i++) {
			const frame *fr = &s.v[i];
			for (uint32_t cap = 0; cap <= fr->len; cap++) {
				uint32_t ours = ns_vm_run(p.insns, p.len, fr->b, fr->len, cap, &fr->meta);
				uint32_t theirs = ns_vm_run(ref, reflen, fr->b, fr->len, cap, &fr->meta);
				if (ours != theirs) {
					fprintf(stderr, "%s (opt %d): frame %zu caplen %u: ours %u libpcap %u\n",
						expr, opt, i, cap, ours, theirs);
					oracle_print(p.insns, p.len);
					fail();
				}
				runs++;
				with_meta += fr->meta.vlan_present && ours != 0;
			}
		}
		assert_int_not_equal(oracle_kernel_accepts(p.insns, p.len), 0);
		ns_vm_error ve;
		assert_int_equal(ns_validate(p.insns, p.len, &ve), 0);
		free(ref);
		ns_program_free(&p);
		nexprs++;
	}
	fclose(f);
	assert_true(nexprs >= 20);
	assert_true(with_meta > 0);
	printf("live vlan: %d programs, %ld runs equal to libpcap's live program\n", nexprs, runs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(test_live_vlan)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
