/* Fuzz target: the filter compiler.
 *
 * Input: the bytes of an expression (up to the first NUL). It is parsed and given its inherited
 * qualifiers through the compiler's internal passes, and the AST printed (the parser, qualifier
 * inheritance and ast_dump see every input even where code generation is not written yet); then
 * it is compiled with ns_compile for every link type the product serves, optimized and not.
 * Properties:
 *  - nothing crashes, leaks or hits undefined behaviour;
 *  - a refusal carries a message, and its span lies inside the expression (or is the end of
 *    input, one past it);
 *  - every program returned passes ns_validate (the kernel's rules; programs longer than the
 *    kernel's 4096 instructions excepted, as libpcap emits them too) and runs under ns_vm_run and
 *    the prepared fast path, which agree, on a few packets;
 *  - the optimized and unoptimized programs give the same verdict on those packets. */
#include <string.h>

#include "compiler/ast_dump.h"
#include "compiler/ctx.h"
#include "compiler/netsift.h"
#include "tests/fuzz/fuzz.h"
#include "tests/fuzz/fuzz_names.h"
#include "vm/vm.h"

static const char *const linktypes[] = {
	"EN10MB", "LINUX_SLL", "LINUX_SLL2", "RAW", "IPV4", "IPV6", "NULL", "LOOP", "PPP",
};
#define NLINK (sizeof(linktypes) / sizeof(linktypes[0]))

/* Ethernet, IPv4, TCP 192.168.1.1:1024 -> 10.0.0.1:80, SYN. */
static const uint8_t eth_ip4_tcp[] = {
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0x08, 0x00,
	0x45, 0x00, 0x00, 0x28, 0x12, 0x34, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00,
	0xc0, 0xa8, 0x01, 0x01, 0x0a, 0x00, 0x00, 0x01,
	0x04, 0x00, 0x00, 0x50, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
	0x50, 0x02, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00,
};
/* IPv6, UDP fe80::1:53 -> ff02::1:5353. */
static const uint8_t ip6_udp[] = {
	0x60, 0x00, 0x00, 0x00, 0x00, 0x08, 0x11, 0x40,
	0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
	0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
	0x00, 0x35, 0x14, 0xe9, 0x00, 0x08, 0x00, 0x00,
};
/* Linux cooked v1 header + IPv4 ICMP echo. */
static const uint8_t sll_ip4_icmp[] = {
	0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x00, 0x00, 0x08, 0x00,
	0x45, 0x00, 0x00, 0x1c, 0x00, 0x01, 0x00, 0x00, 0x40, 0x01, 0x00, 0x00,
	0x7f, 0x00, 0x00, 0x01, 0x7f, 0x00, 0x00, 0x01, 0x08, 0x00, 0xf7, 0xff, 0x00, 0x00, 0x00, 0x00,
};
static const uint8_t zeros[64];

static const struct {
	const uint8_t *data;
	uint32_t caplen, wirelen;
} packets[] = {
	{eth_ip4_tcp, sizeof(eth_ip4_tcp), sizeof(eth_ip4_tcp)},
	{eth_ip4_tcp, 20, 1500}, /* cut inside the IP header */
	{ip6_udp, sizeof(ip6_udp), sizeof(ip6_udp)},
	{sll_ip4_icmp, sizeof(sll_ip4_icmp), sizeof(sll_ip4_icmp)},
	{zeros, sizeof(zeros), sizeof(zeros)},
	{zeros, 0, 0},
};
#define NPKT (sizeof(packets) / sizeof(packets[0]))

static FILE *devnull(void)
{
	static FILE *f;
	if (!f)
		f = fopen("/dev/null", "w");
	if (!f)
		abort();
	return f;
}

/* The front end alone, through the compiler's internal passes. */
static void parse_and_dump(const char *expr)
{
	ns_diag diag;
	ns_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.expr = expr;
	ns_compile_opts_init(&ctx.opts);
	ctx.diag = &diag;
	if (setjmp(ctx.fail) == 0) {
		ns_node *root = ns_parse(&ctx);
		if (root) {
			ns_inherit(&ctx, root);
			ns_ast_dump(devnull(), root);
		}
	}
	ns_arena_free(&ctx.arena);
}

static void run_all(const ns_program *p, const char *expr, const char *lt, uint32_t verdict[NPKT])
{
	ns_vm_error verr;
	FUZZ_CHECK(p->len > 0 && p->insns, "%s on %s: empty program", expr, lt);
	/* Longer than the kernel takes is allowed: libpcap also emits such programs (a long
	 * unoptimized `or` chain), which run in the VM and are refused only when attached. */
	if (p->len <= NS_BPF_MAXINSNS)
		FUZZ_CHECK(ns_validate(p->insns, p->len, &verr) == 0, "%s on %s: invalid program: %s",
			   expr, lt, verr.msg);
	ns_vm_prog *vp = ns_vm_prepare(p->insns, p->len);
	FUZZ_CHECK(vp != NULL, "out of memory");
	ns_vm_meta meta;
	memset(&meta, 0, sizeof(meta));
	meta.protocol = 0x0800;
	for (size_t i = 0; i < NPKT; i++) {
		verdict[i] = ns_vm_run(p->insns, p->len, packets[i].data, packets[i].wirelen,
				       packets[i].caplen, &meta);
		uint32_t fast = ns_vm_exec(vp, packets[i].data, packets[i].wirelen, packets[i].caplen, &meta);
		FUZZ_CHECK(fast == verdict[i], "%s on %s, packet %zu: ns_vm_exec %u, ns_vm_run %u", expr, lt,
			   i, fast, verdict[i]);
	}
	ns_vm_prog_free(vp);
}

static void compile_one(const char *expr, int linktype, const char *lt, int live)
{
	uint32_t verdict[2][NPKT];
	int ok[2];
	int n = (int)strlen(expr);
	for (int optimize = 0; optimize < 2; optimize++) {
		ns_compile_opts o;
		ns_compile_opts_init(&o);
		o.linktype = linktype;
		o.optimize = optimize;
		o.linux_live = live;
		o.netmask = optimize ? 0xffffff00 : NS_NETMASK_UNKNOWN; /* `broadcast` both refused and compiled */
		ns_program p;
		ns_diag err;
		ok[optimize] = ns_compile(expr, &o, &p, &err) == 0;
		if (!ok[optimize]) {
			FUZZ_CHECK(err.msg[0] != '\0', "%s on %s: refused without a message", expr, lt);
			/* "unexpected end of expression" points one past the end, length 1. */
			FUZZ_CHECK(err.offset >= -1 && err.offset <= n && err.length >= 0 &&
					   (err.offset < 0 || err.length <= (err.offset == n ? 1 : n - err.offset)),
				   "%s on %s: diagnostic span [%d, +%d) outside the expression", expr, lt,
				   err.offset, err.length);
			ns_diag_print(devnull(), "netsift", expr, &err);
			continue;
		}
		run_all(&p, expr, lt, verdict[optimize]);
		ns_program_free(&p);
	}
	/* The netmask differs between the two, so `broadcast` may legitimately differ; everything
	 * else must not. */
	if (ok[0] && ok[1] && !strstr(expr, "broadcast"))
		for (size_t i = 0; i < NPKT; i++)
			FUZZ_CHECK(!verdict[0][i] == !verdict[1][i],
				   "%s on %s, packet %zu: optimized %u, unoptimized %u", expr, lt, i,
				   verdict[1][i], verdict[0][i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Large inputs are replayed (a long operator chain, tests/data/fuzz/compile/); libFuzzer's
	 * own inputs stay under its -max_len. */
	if (size > (8u << 20))
		return 0;
	char *expr = malloc(size + 1);
	if (!expr)
		return 0;
	memcpy(expr, data, size);
	expr[size] = '\0';
	parse_and_dump(expr);
	for (size_t i = 0; i < NLINK; i++) {
		int dlt = ns_linktype_from_name(linktypes[i]);
		FUZZ_CHECK(dlt >= 0, "unknown link type %s", linktypes[i]);
		compile_one(expr, dlt, linktypes[i], 0);
	}
	/* Live Linux sockets: VLAN and direction from ancillary data. */
	compile_one(expr, 1, "EN10MB (live)", 1);
	compile_one(expr, 113, "LINUX_SLL (live)", 1);
	free(expr);
	return 0;
}
