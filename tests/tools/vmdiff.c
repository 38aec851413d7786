/* vmdiff: differential tests of the VM against its references.
 *
 *   vmdiff interp N SEED CAPTURE...   ns_vm_run == libpcap's bpf_filter, ns_vm_exec == ns_vm_run
 *   vmdiff kernel N SEED              ns_validate == the kernel (SO_ATTACH_FILTER on a UDP socket)
 *   vmdiff image N SEED               ns_disasm_insn == libpcap's bpf_image (what tcpdump -d prints)
 *   vmdiff roundtrip N SEED           ns_assemble(ns_dump(p, level)) == p for levels 1..3
 *
 * N programs of three kinds: valid by construction, mutated valid ones, and random bytes. The
 * interpreter comparison with bpf_filter only takes programs bpf_filter can run safely: they pass
 * libpcap's bpf_validate, use only opcodes it implements, never read a scratch cell before writing
 * it (bpf_filter leaves scratch memory uninitialised), have no ancillary loads (bpf_filter treats
 * them as out-of-range packet loads, the VM reads the metadata), no constant shift of 32 or more
 * (undefined in C) and no backward jump (possible infinite loop). ns_vm_exec is compared with
 * ns_vm_run on every program. Prints a summary; exits 1 on the first mismatch, with a replayable
 * description. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/filter.h>
#include <pcap/pcap.h>

#include "tests/support/vm_corpus.h"
#include "vm/opcodes.h"
#include "vm/vm.h"

char *bpf_image(const struct bpf_insn *, int);

#define MAXLEN 48

static void show(const char *what, const ns_insn *prog, size_t len)
{
	fprintf(stderr, "%s (%zu instructions, -ddd):\n%zu\n", what, len, len);
	for (size_t i = 0; i < len; i++)
		fprintf(stderr, "%u %u %u %u\n", prog[i].code, prog[i].jt, prog[i].jf, prog[i].k);
}

static size_t make_program(vt_rng *r, ns_insn *prog, int *kind)
{
	size_t len = 1 + vt_below(r, MAXLEN);
	*kind = (int)vt_below(r, 3);
	if (*kind == 2) {
		vt_random_bytes(r, prog, len);
	} else {
		vt_random_valid(r, prog, len);
		if (*kind == 1)
			vt_mutate(r, prog, len);
	}
	return len;
}

static int cmd_interp(long n, vt_rng *r, int argc, char **argv)
{
	vt_packets pk = {0};
	for (int i = 0; i < argc; i++)
		if (vt_load_pcap(&pk, argv[i])) {
			fprintf(stderr, "vmdiff: cannot read %s\n", argv[i]);
			return 2;
		}
	size_t real = pk.n;
	vt_add_random(&pk, r, 300);
	long compared = 0, runs = 0, accepted = 0, exec_runs = 0;
	ns_insn prog[MAXLEN];
	for (long t = 0; t < n; t++) {
		int kind;
		size_t len = make_program(r, prog, &kind);
		int vs_pcap = vt_pcap_can_run(prog, len);
		ns_vm_prog *vp = ns_vm_prepare(prog, len);
		compared += vs_pcap;
		/* A sample of packets per program keeps the run short; real ones always included. */
		for (int j = 0; j < 24; j++) {
			const vt_packet *p = &pk.p[j < 8 && real ? vt_below(r, (uint32_t)real) : vt_below(r, (uint32_t)pk.n)];
			uint32_t ours = ns_vm_run(prog, len, p->data, p->wirelen, p->caplen, NULL);
			uint32_t fast = ns_vm_exec(vp, p->data, p->wirelen, p->caplen, NULL);
			exec_runs++;
			if (fast != ours) {
				show("ns_vm_exec differs from ns_vm_run", prog, len);
				fprintf(stderr, "packet caplen %u wirelen %u: run %u exec %u\n", p->caplen, p->wirelen, ours, fast);
				return 1;
			}
			if (!vs_pcap)
				continue;
			uint32_t ref = bpf_filter((const struct bpf_insn *)prog, p->data, p->wirelen, p->caplen);
			runs++;
			accepted += ref != 0;
			if (ref != ours) {
				show("ns_vm_run differs from bpf_filter", prog, len);
				fprintf(stderr, "packet caplen %u wirelen %u: bpf_filter %u ns_vm_run %u\n", p->caplen, p->wirelen, ref, ours);
				return 1;
			}
		}
		ns_vm_prog_free(vp);
	}
	printf("interp: %ld programs, %ld compared with bpf_filter, %ld runs equal (%ld non-zero), %ld exec==run; %zu real + 300 random packets\n",
	       n, compared, runs, accepted, exec_runs, real);
	vt_packets_free(&pk);
	return compared > n / 4 && accepted > runs / 50 ? 0 : 1;
}

static int cmd_kernel(long n, vt_rng *r)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("vmdiff: socket");
		return 2;
	}
	static ns_insn prog[NS_BPF_MAXINSNS + 2];
	long acc = 0;
	for (long t = 0; t < n; t++) {
		int kind;
		size_t len = make_program(r, prog, &kind);
		/* Now and then the length limits themselves. */
		if (t % 997 == 0)
			len = 0;
		else if (t % 991 == 0 || t % 983 == 0) {
			len = t % 991 == 0 ? NS_BPF_MAXINSNS : NS_BPF_MAXINSNS + 1;
			vt_random_valid(r, prog, len);
		}
		struct sock_fprog fp = {(unsigned short)len, (struct sock_filter *)prog};
		int kernel_ok = len <= 0xffff && setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fp, sizeof(fp)) == 0;
		if (len > 0xffff)
			kernel_ok = 0;
		if (!kernel_ok && errno != EINVAL && errno != ENOMEM) {
			perror("vmdiff: setsockopt");
			return 2;
		}
		ns_vm_error err = {0};
		int ours_ok = ns_validate(prog, len, &err) == 0;
		acc += kernel_ok;
		if (ours_ok != kernel_ok) {
			show(kernel_ok ? "kernel accepts, ns_validate refuses" : "kernel refuses, ns_validate accepts", prog, len);
			if (!ours_ok)
				fprintf(stderr, "ns_validate: %s\n", err.msg);
			return 1;
		}
		if (!ours_ok && (err.msg[0] == '\0'))
			return fprintf(stderr, "ns_validate refused without a message\n"), 1;
	}
	close(fd);
	printf("kernel: %ld programs, verdicts equal (%ld accepted, %ld refused)\n", n, acc, n - acc);
	return acc > n / 10 && acc < n ? 0 : 1;
}

static int cmd_image(long n, vt_rng *r)
{
	char ours[256];
	for (long t = 0; t < n; t++) {
		ns_insn in;
		vt_random_bytes(r, &in, 1);
		if (vt_below(r, 4)) {
			enum ns_op op = (enum ns_op)(1 + vt_below(r, NS_OP_COUNT - 1));
			in.code = ns_opinfo_table[op].code;
			if (vt_below(r, 3) == 0)
				in.k = 0xfffff000u + vt_below(r, 80);
		}
		/* libpcap 1.10.3 cannot print `ldx #pktlen`; netsift does (see vm/disasm.c). */
		if (in.code == (NS_BPF_LDX | NS_BPF_W | NS_BPF_LEN))
			continue;
		int pc = (int)vt_below(r, 5000);
		char full[300];
		ns_disasm_insn(ours, sizeof(ours), &in, (size_t)pc);
		snprintf(full, sizeof(full), "(%03d) %s", pc, ours);
		const char *ref = bpf_image((const struct bpf_insn *)&in, pc);
		if (strcmp(full, ref)) {
			fprintf(stderr, "insn {0x%x, %u, %u, 0x%x} at %d:\n  bpf_image: '%s'\n  netsift:   '%s'\n",
				in.code, in.jt, in.jf, in.k, pc, ref, full);
			return 1;
		}
	}
	printf("image: %ld instructions disassembled identically to bpf_image\n", n);
	return 0;
}

/* The fields a -d listing does not show (k of `tax`, jt/jf of a non-jump, ...) are zero in
 * every program a compiler emits; the assembler writes them as zero. */
static void canonical(ns_insn *prog, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		enum ns_opfmt fmt = ns_opinfo_table[ns_op_of(prog[i].code)].fmt;
		if (fmt == NS_FMT_NONE || fmt == NS_FMT_LEN || fmt == NS_FMT_X || fmt == NS_FMT_JX)
			prog[i].k = 0;
		if (fmt != NS_FMT_JK && fmt != NS_FMT_JX)
			prog[i].jt = prog[i].jf = 0;
	}
}

static int roundtrip_one(const ns_insn *prog, size_t len, int level)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	ns_dump(f, prog, len, level);
	fclose(f);
	ns_program back;
	ns_vm_error err;
	int rc = 0;
	if (ns_assemble(text, &back, &err) != 0) {
		fprintf(stderr, "level %d listing not read back: %s\n%s", level, err.msg, text);
		rc = 1;
	} else if (back.len != len || memcmp(back.insns, prog, len * sizeof(*prog))) {
		fprintf(stderr, "level %d listing read back differently:\n%s", level, text);
		rc = 1;
	}
	ns_program_free(&back);
	free(text);
	return rc;
}

static int cmd_roundtrip(long n, vt_rng *r)
{
	static ns_insn prog[300];
	for (long t = 0; t < n; t++) {
		size_t len = 1 + vt_below(r, t % 50 == 0 ? 300 : MAXLEN);
		vt_random_valid(r, prog, len);
		if (vt_below(r, 2))
			for (size_t i = 0; i < len; i++) {
				/* any k, jt, jf: the listing must carry them all */
				uint64_t v = vt_next(r);
				if (vt_below(r, 3) == 0)
					prog[i].k = (uint32_t)v;
				if (ns_opinfo_table[ns_op_of(prog[i].code)].fmt == NS_FMT_JK ||
				    ns_opinfo_table[ns_op_of(prog[i].code)].fmt == NS_FMT_JX) {
					prog[i].jt = (uint8_t)(v >> 32), prog[i].jf = (uint8_t)(v >> 40);
				}
			}
		if (vt_below(r, 4) == 0)
			for (int level = 2; level <= 3; level++)
				if (roundtrip_one(prog, len, level))
					return 1;
		canonical(prog, len);
		for (int level = 1; level <= 3; level++)
			if (roundtrip_one(prog, len, level))
				return 1;
	}
	printf("roundtrip: %ld random programs x 3 listing levels read back identically\n", n);
	return 0;
}

/* Damaged listings (bytes changed, inserted, cut) must be read or refused cleanly; run under
 * AddressSanitizer this is a fuzzer for the assembler. A refusal must name a line. */
static int cmd_asmfuzz(long n, vt_rng *r)
{
	static ns_insn prog[64];
	static const char alphabet[] = "0123456789abcdefx#[]()+*&:;,-% \t\njtfMldhbxretaq{}";
	long ok = 0;
	for (long t = 0; t < n; t++) {
		size_t len = 1 + vt_below(r, 64);
		vt_random_valid(r, prog, len);
		char *text = NULL;
		size_t size = 0;
		FILE *f = open_memstream(&text, &size);
		ns_dump(f, prog, len, 1 + (int)vt_below(r, 3));
		if (vt_below(r, 2))
			fputs("l1: jeq #1, l1, l2\nl2: ret a\n", f);
		fclose(f);
		int edits = 1 + (int)vt_below(r, 4);
		for (int e = 0; e < edits && size; e++) {
			size_t at = vt_below(r, (uint32_t)size);
			switch (vt_below(r, 3)) {
			case 0: text[at] = alphabet[vt_below(r, sizeof(alphabet) - 1)]; break;
			case 1: text[at] = '\0'; size = at; break;
			default: text[at] = (char)(1 + vt_below(r, 255)); break;
			}
		}
		ns_program out;
		ns_vm_error err;
		err.msg[0] = '\0';
		if (ns_assemble(text, &out, &err) == 0) {
			ok++;
			ns_program_free(&out);
		} else if (strncmp(err.msg, "line ", 5)) {
			fprintf(stderr, "refusal without a line: '%s'\n", err.msg);
			free(text);
			return 1;
		}
		free(text);
	}
	printf("asmfuzz: %ld damaged listings, %ld still read, the rest refused with a line number\n", n, ok);
	return 0;
}

/* Every listing of libpcap's filter test suite (blank-line separated, comments and trailing
 * blanks removed) read by ns_assemble, printed again by ns_dump: the text must come back the
 * same, and reading that again the same program. */
static int cmd_listings(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 2;
	}
	char *all = NULL;
	size_t cap = 0;
	ssize_t got = getdelim(&all, &cap, '\0', f);
	fclose(f);
	if (got < 0)
		return 2;
	long n = 0, insns = 0;
	for (char *p = all; *p;) {
		char *end = strstr(p, "\n\n");
		if (end)
			end[1] = '\0';
		ns_program prog;
		ns_vm_error err;
		if (ns_assemble(p, &prog, &err)) {
			fprintf(stderr, "listing not assembled: %s\n%s", err.msg, p);
			return 1;
		}
		char *text = NULL;
		size_t size = 0;
		FILE *m = open_memstream(&text, &size);
		ns_dump(m, prog.insns, prog.len, 1);
		fclose(m);
		/* libpcap pads operand-less lines with blanks; the stored listing was trimmed. */
		char *w = text;
		for (char *r = text; *r; r++) {
			if (*r == '\n')
				while (w > text && w[-1] == ' ')
					w--;
			*w++ = *r;
		}
		*w = '\0';
		if (strcmp(text, p)) {
			fprintf(stderr, "listing printed differently:\n--- expected\n%s--- netsift\n%s", p, text);
			return 1;
		}
		if (roundtrip_one(prog.insns, prog.len, 1))
			return 1;
		insns += (long)prog.len;
		n++;
		ns_program_free(&prog);
		free(text);
		p = end ? end + 2 : p + strlen(p);
	}
	free(all);
	printf("listings: %ld libpcap listings (%ld instructions) assembled and printed back identically\n", n, insns);
	return n > 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "listings"))
		return cmd_listings(argv[2]);
	if (argc < 4) {
		fprintf(stderr, "usage: vmdiff interp|kernel|image|roundtrip N SEED [CAPTURE...]\n");
		return 2;
	}
	long n = atol(argv[2]);
	vt_rng r = {strtoull(argv[3], NULL, 0)};
	if (!strcmp(argv[1], "interp"))
		return cmd_interp(n, &r, argc - 4, argv + 4);
	if (!strcmp(argv[1], "kernel"))
		return cmd_kernel(n, &r);
	if (!strcmp(argv[1], "image"))
		return cmd_image(n, &r);
	if (!strcmp(argv[1], "asmfuzz"))
		return cmd_asmfuzz(n, &r);
	if (!strcmp(argv[1], "roundtrip"))
		return cmd_roundtrip(n, &r);
	fprintf(stderr, "vmdiff: unknown command %s\n", argv[1]);
	return 2;
}
