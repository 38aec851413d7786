/* Set-aware code generation at scale (compiler/gen_set.c): for the families of
 * ../shared/eval/perf/compile_scale (host, port, net /24, mixed = `tcp and (N/2 hosts) and not
 * (N/2 ports)`) and N = 50..1600, prints netsift's compile time (CPU, best of 5, optimizer on
 * and off: the difference is the optimizer's share), the program's length, whether our
 * validator (the kernel's rules) accepts it, and the BPF instructions our VM executes per
 * packet over 64 IPv4/TCP packets, half of them hitting listed values. The compile time should
 * grow linearly with N. Run: build/tests/bench/setscale (the comparison with tcpdump is
 * compile_scale's job: it takes minutes). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "compiler/netsift.h"
#include "vm/vm.h"
static char *gen(const char *f, int n) {
	char *e = malloc(n * 40 + 200), *p = e;
	char hb[64];
	if (!strcmp(f, "mixed")) p += sprintf(p, "tcp and (");
	int nh = !strcmp(f, "mixed") ? n / 2 : n;
	for (int i = 0; i < nh; i++) {
		if (i) p += sprintf(p, " or ");
		if (!strcmp(f, "port")) p += sprintf(p, "port %d", 1000 + 3 * i);
		else if (!strcmp(f, "net")) p += sprintf(p, "net 10.%d.%d.0/24", (i >> 8) & 255, i & 255);
		else { sprintf(hb, "10.%d.%d.%d", (i >> 8) & 255, i & 255, (i * 7) % 250 + 1); p += sprintf(p, "host %s", hb); }
	}
	if (!strcmp(f, "mixed")) {
		p += sprintf(p, ") and not (");
		for (int i = 0; i < n / 2; i++) p += sprintf(p, "%sport %d", i ? " or " : "", 1000 + 7 * i);
		p += sprintf(p, ")");
	}
	return e;
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static void tr(void *arg, size_t pc, const ns_insn *i, uint32_t A, uint32_t X)
{
	(void)pc; (void)i; (void)A; (void)X;
	++*(long *)arg;
}
int main(void) {
	const char *fams[] = {"host", "port", "net", "mixed"};
	int ns[] = {50, 100, 200, 400, 800, 1600};
	/* packets: IPv4 TCP with random-ish addresses/ports, some hitting */
	uint8_t pk[64][74];
	for (int j = 0; j < 64; j++) {
		uint8_t *p = pk[j]; memset(p, 0, 74);
		p[12] = 8; p[14] = 0x45; p[16] = 0; p[17] = 60; p[23] = 6;
		int i = (j * 37) % 1600;
		uint32_t a = j % 2 ? (0x0a000000u | ((i >> 8) & 255) << 16 | (i & 255) << 8 | ((i * 7) % 250 + 1)) : 0xc0a80000u + j;
		uint32_t b = 0x08080808u + j;
		p[26] = a >> 24; p[27] = a >> 16; p[28] = a >> 8; p[29] = a;
		p[30] = b >> 24; p[31] = b >> 16; p[32] = b >> 8; p[33] = b;
		int sp = j % 3 ? 1000 + 3 * (j * 11 % 800) : 40000 + j, dp = 80;
		p[34] = sp >> 8; p[35] = sp; p[36] = dp >> 8; p[37] = dp;
	}
	printf("family N opt_ms noopt_ms len insns/pkt(avg) max\n");
	for (int f = 0; f < 4; f++) for (int k = 0; k < 6; k++) {
		char *e = gen(fams[f], ns[k]);
		double best[2] = {1e9, 1e9}; size_t len = 0;
		ns_program prog = {0};
		for (int o = 0; o < 2; o++) for (int r = 0; r < 5; r++) {
			ns_compile_opts co; ns_compile_opts_init(&co); co.optimize = o;
			ns_program pg; ns_diag d;
			double t = now();
			if (ns_compile(e, &co, &pg, &d)) { printf("ERR %s\n", d.msg); return 1; }
			t = now() - t;
			if (t < best[o]) best[o] = t;
			if (o == 1 && r == 0) { prog = pg; len = pg.len; } else ns_program_free(&pg);
		}
		long tot = 0, mx = 0; ns_vm_error ve; if (ns_validate(prog.insns, prog.len, &ve)) printf("INVALID %s %d\n", fams[f], ns[k]);
		for (int j = 0; j < 64; j++) { long steps = 0; ns_vm_run_traced(prog.insns, prog.len, pk[j], 74, 74, NULL, tr, &steps); tot += steps; if (steps > mx) mx = steps; }
		printf("%s %d %.2f %.2f %zu %.1f %ld\n", fams[f], ns[k], best[1] * 1e3, best[0] * 1e3, len, tot / 64.0, mx);
		ns_program_free(&prog); free(e);
	}
}
