/* libpcap as the oracle, the kernel as the judge of programs, and a `-d` listing reader.
 *
 * Key decision: libpcap's programs run in libpcap's own interpreter, untouched. The two hazards
 * of doing so (uninitialised scratch memory, and protochain's backward jumps that can loop for
 * ever on some IPv6 packets) are handled around the call, not by copying the interpreter: the
 * stack is zeroed before each run, and only programs that jump backwards run under a
 * setitimer/sigsetjmp watchdog, so the common case costs no system call. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <linux/filter.h>
#include <netinet/in.h>

#include "tests/support/pcapref.h"

void ts_prog_free(ts_prog *p)
{
	free(p->insns);
	p->insns = NULL;
	p->len = 0;
}

void ts_prog_copy(ts_prog *dst, const struct bpf_insn *insns, size_t len)
{
	dst->insns = malloc((len ? len : 1) * sizeof(*insns));
	if (!dst->insns)
		abort();
	if (len)
		memcpy(dst->insns, insns, len * sizeof(*insns));
	dst->len = len;
}

int ts_pcap_compile(int dlt, uint32_t snaplen, uint32_t netmask, const char *expr, int optimize,
		    ts_prog *out, char *err, size_t errsize)
{
	pcap_t *p = pcap_open_dead(dlt, snaplen ? (int)snaplen : 262144);
	if (!p) {
		snprintf(err, errsize, "pcap_open_dead(%d) failed", dlt);
		return -1;
	}
	struct bpf_program bp;
	if (pcap_compile(p, &bp, expr, optimize, netmask ? netmask : PCAP_NETMASK_UNKNOWN) < 0) {
		snprintf(err, errsize, "%s", pcap_geterr(p));
		pcap_close(p);
		return -1;
	}
	ts_prog_copy(out, bp.bf_insns, bp.bf_len);
	pcap_freecode(&bp);
	pcap_close(p);
	return 0;
}

int ts_has_backward_jump(const struct bpf_insn *insns, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (insns[i].code == (BPF_JMP | BPF_JA) && (int32_t)insns[i].k < 0)
			return 1;
	return 0;
}

/* The watchdog's only state: a signal handler cannot be given an argument. */
static sigjmp_buf watchdog_jmp;
static volatile sig_atomic_t watchdog_armed;

static void watchdog_fire(int sig)
{
	(void)sig;
	if (watchdog_armed)
		siglongjmp(watchdog_jmp, 1);
}

/* Leaves zeros where the interpreter's frame (and its scratch array) will be. */
__attribute__((noinline)) static void clear_stack(void)
{
	volatile unsigned char pad[4096];
	memset((void *)pad, 0, sizeof(pad));
	__asm__ volatile("" : : "r"(pad) : "memory");
}

__attribute__((noinline)) static uint32_t run_plain(const struct bpf_insn *insns,
						    const uint8_t *pkt, uint32_t wirelen,
						    uint32_t caplen)
{
	clear_stack();
	return bpf_filter(insns, pkt, wirelen, caplen);
}

uint32_t ts_bpf_run(const struct bpf_insn *insns, size_t len, const uint8_t *pkt,
		    uint32_t wirelen, uint32_t caplen, int *hung)
{
	*hung = 0;
	if (!ts_has_backward_jump(insns, len))
		return run_plain(insns, pkt, wirelen, caplen);
	static int installed;
	if (!installed) {
		struct sigaction sa;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = watchdog_fire;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGVTALRM, &sa, NULL);
		installed = 1;
	}
	/* 50 ms of CPU: a terminating program of at most 4096 instructions with backward jumps
	 * bounded by header walks finishes in microseconds. */
	struct itimerval on = {{0, 0}, {0, 50000}}, off = {{0, 0}, {0, 0}};
	volatile uint32_t r = 0;
	if (sigsetjmp(watchdog_jmp, 1) == 0) {
		watchdog_armed = 1;
		setitimer(ITIMER_VIRTUAL, &on, NULL);
		r = run_plain(insns, pkt, wirelen, caplen);
		watchdog_armed = 0;
		setitimer(ITIMER_VIRTUAL, &off, NULL);
	} else {
		watchdog_armed = 0;
		setitimer(ITIMER_VIRTUAL, &off, NULL);
		*hung = 1;
		r = 0;
	}
	return r;
}

int ts_kernel_accepts(const struct bpf_insn *insns, size_t len, int *why)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		*why = errno;
		return -1;
	}
	struct sock_fprog fp;
	fp.len = (unsigned short)len;
	fp.filter = (struct sock_filter *)(void *)insns;
	int ok = len <= 0xffff && setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fp, sizeof(fp)) == 0;
	*why = ok ? 0 : errno;
	close(fd);
	return ok;
}

/* ---- listings ---- */

struct mnemonic {
	const char *name;
	uint16_t code;    /* with BPF_K / BPF_ABS etc. as the default operand form */
};

static const struct mnemonic alu_ops[] = {
	{"add", BPF_ALU | BPF_ADD}, {"sub", BPF_ALU | BPF_SUB}, {"mul", BPF_ALU | BPF_MUL},
	{"div", BPF_ALU | BPF_DIV}, {"mod", BPF_ALU | BPF_MOD}, {"and", BPF_ALU | BPF_AND},
	{"or", BPF_ALU | BPF_OR},   {"xor", BPF_ALU | BPF_XOR}, {"lsh", BPF_ALU | BPF_LSH},
	{"rsh", BPF_ALU | BPF_RSH},
};
static const struct mnemonic jmp_ops[] = {
	{"jeq", BPF_JMP | BPF_JEQ}, {"jgt", BPF_JMP | BPF_JGT}, {"jge", BPF_JMP | BPF_JGE},
	{"jset", BPF_JMP | BPF_JSET},
};
static const struct mnemonic load_sizes[] = {
	{"ld", BPF_LD | BPF_W}, {"ldh", BPF_LD | BPF_H}, {"ldb", BPF_LD | BPF_B},
};

static int parse_num(const char *s, uint32_t *v)
{
	char *end;
	errno = 0;
	long long n = strtoll(s, &end, 0);
	if (end == s || errno)
		return -1;
	*v = (uint32_t)n;
	return 0;
}

/* One instruction: mnemonic and operand text (jt/jf already cut off). */
static int parse_insn(const char *mn, const char *op, struct bpf_insn *in)
{
	memset(in, 0, sizeof(*in));
	for (size_t i = 0; i < sizeof(alu_ops) / sizeof(alu_ops[0]); i++)
		if (!strcmp(mn, alu_ops[i].name)) {
			if (!strcmp(op, "x")) {
				in->code = alu_ops[i].code | BPF_X;
				return 0;
			}
			in->code = alu_ops[i].code | BPF_K;
			return op[0] == '#' ? parse_num(op + 1, &in->k) : -1;
		}
	for (size_t i = 0; i < sizeof(jmp_ops) / sizeof(jmp_ops[0]); i++)
		if (!strcmp(mn, jmp_ops[i].name)) {
			if (!strcmp(op, "x")) {
				in->code = jmp_ops[i].code | BPF_X;
				return 0;
			}
			in->code = jmp_ops[i].code | BPF_K;
			return op[0] == '#' ? parse_num(op + 1, &in->k) : -1;
		}
	for (size_t i = 0; i < sizeof(load_sizes) / sizeof(load_sizes[0]); i++)
		if (!strcmp(mn, load_sizes[i].name)) {
			uint16_t c = load_sizes[i].code;
			if (!strcmp(op, "#pktlen") && i == 0)
				in->code = BPF_LD | BPF_W | BPF_LEN;
			else if (op[0] == '#' && i == 0) {
				in->code = BPF_LD | BPF_IMM;
				return parse_num(op + 1, &in->k);
			} else if (!strncmp(op, "M[", 2) && i == 0) {
				in->code = BPF_LD | BPF_MEM;
				return parse_num(op + 2, &in->k);
			} else if (!strncmp(op, "[x + ", 5)) {
				in->code = c | BPF_IND;
				return parse_num(op + 5, &in->k);
			} else if (op[0] == '[') {
				in->code = c | BPF_ABS;
				return parse_num(op + 1, &in->k);
			} else
				return -1;
			return 0;
		}
	if (!strcmp(mn, "ldx")) {
		if (!strcmp(op, "#pktlen"))
			in->code = BPF_LDX | BPF_W | BPF_LEN;
		else if (op[0] == '#') {
			in->code = BPF_LDX | BPF_IMM;
			return parse_num(op + 1, &in->k);
		} else if (!strncmp(op, "M[", 2)) {
			in->code = BPF_LDX | BPF_MEM;
			return parse_num(op + 2, &in->k);
		} else
			return -1;
		return 0;
	}
	if (!strcmp(mn, "ldxb") && !strncmp(op, "4*([", 4)) {
		in->code = BPF_LDX | BPF_MSH | BPF_B;
		return parse_num(op + 4, &in->k);
	}
	if ((!strcmp(mn, "st") || !strcmp(mn, "stx")) && !strncmp(op, "M[", 2)) {
		in->code = mn[2] ? BPF_STX : BPF_ST;
		return parse_num(op + 2, &in->k);
	}
	if (!strcmp(mn, "ret")) {
		if (!op[0] || !strcmp(op, "a")) {
			in->code = BPF_RET | BPF_A;
			return 0;
		}
		if (!strcmp(op, "x")) {
			in->code = BPF_RET | BPF_X;
			return 0;
		}
		in->code = BPF_RET | BPF_K;
		return op[0] == '#' ? parse_num(op + 1, &in->k) : -1;
	}
	if (!strcmp(mn, "neg")) {
		in->code = BPF_ALU | BPF_NEG;
		return 0;
	}
	if (!strcmp(mn, "tax") || !strcmp(mn, "txa")) {
		in->code = BPF_MISC | (mn[1] == 'a' ? BPF_TAX : BPF_TXA);
		return 0;
	}
	if (!strcmp(mn, "ja")) {
		in->code = BPF_JMP | BPF_JA;
		return parse_num(op, &in->k); /* absolute target, made relative by the caller */
	}
	return -1;
}

int ts_listing_parse(const char *text, ts_prog *out, char *err, size_t errsize)
{
	size_t cap = 16, n = 0;
	struct bpf_insn *v = malloc(cap * sizeof(*v));
	char *copy = strdup(text);
	if (!v || !copy)
		abort();
	int lineno = 0;
	for (char *save = NULL, *line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		lineno++;
		char *semi = strchr(line, ';');
		if (semi)
			*semi = '\0';
		unsigned pc;
		int used;
		if (sscanf(line, " (%u) %n", &pc, &used) != 1 || pc != n)
			goto bad;
		char *rest = line + used, mn[16];
		int mlen;
		if (sscanf(rest, "%15s%n", mn, &mlen) != 1)
			goto bad;
		rest += mlen;
		unsigned jt = 0, jf = 0;
		char *jtp = strstr(rest, "jt ");
		int cond = 0;
		if (jtp) {
			if (sscanf(jtp, "jt %u jf %u", &jt, &jf) != 2)
				goto bad;
			*jtp = '\0';
			cond = 1;
		}
		while (*rest == ' ' || *rest == '\t')
			rest++;
		size_t e = strlen(rest);
		while (e && (rest[e - 1] == ' ' || rest[e - 1] == '\t'))
			rest[--e] = '\0';
		if (n == cap) {
			cap *= 2;
			v = realloc(v, cap * sizeof(*v));
			if (!v)
				abort();
		}
		struct bpf_insn *in = &v[n];
		if (parse_insn(mn, rest, in) < 0)
			goto bad;
		if (in->code == (BPF_JMP | BPF_JA))
			in->k -= pc + 1;
		if (cond) {
			if (jt < pc + 1 || jf < pc + 1 || jt - pc - 1 > 255 || jf - pc - 1 > 255)
				goto bad;
			in->jt = (uint8_t)(jt - pc - 1);
			in->jf = (uint8_t)(jf - pc - 1);
		}
		n++;
		continue;
bad:
		snprintf(err, errsize, "listing line %d: cannot read \"%s\"", lineno, line);
		free(v);
		free(copy);
		return -1;
	}
	free(copy);
	out->insns = v;
	out->len = n;
	if (!n) {
		snprintf(err, errsize, "empty listing");
		ts_prog_free(out);
		return -1;
	}
	return 0;
}
