/* benchtool: the measuring half of tests/bench/run.sh, so the script only orchestrates.
 *
 *   benchtool time [--rounds N] [--limit CPUSEC] [--budget SEC] [--stdout FILE] CMD... [--- CMD...]
 *       Runs one command, or two alternately (A,B then B,A, ...), and prints one line per
 *       command: "cpu=S wall=S rss=KB runs=N timeouts=N fails=N spread=PCT" with the medians of
 *       the child's CPU time (user+sys from wait4's rusage: waiting for a shared CPU does not
 *       count) and wall time, the peak RSS, and the spread (max-min over median, in percent).
 *       --limit caps each run's CPU seconds (RLIMIT_CPU; a wall-clock alarm of 3x+10 s backs it
 *       up); a capped run counts as a timeout and ends that command's rounds. --budget stops
 *       a command's rounds once its runs used that many seconds (at least one run). Standard
 *       output goes to /dev/null unless --stdout names a file (FILE.0 and FILE.1 with two
 *       commands: the last run's output); standard error always goes to /dev/null.
 *
 *   benchtool sum FILE
 *       "packets=N digest=HEX": a digest of every record (timestamp, lengths, bytes), so two
 *       -w outputs can be compared packet by packet.
 *
 *   benchtool cost LISTING PCAP [MAXPACKETS] [--loop pcap|ns ROUNDS]
 *       Runs a -ddd/-d listing over the capture's packets with netsift's traced interpreter,
 *       counting executed BPF instructions, and checks every verdict against libpcap's
 *       bpf_filter. Prints "len=L packets=N accepted=N bpf_per_pkt=F digest=HEX disagree=N";
 *       digest is over the accepted packets' indices. With --loop, then runs the filter over
 *       all packets ROUNDS times inside filter_loop() (bpf_filter, or netsift's prepared
 *       ns_vm_exec), so callgrind --toggle-collect=filter_loop counts that alone. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "vm/vm.h"

/* ---- time ---- */

typedef struct sample {
	double cpu, wall;
	long rss_kb;
	int timeout, failed;
} sample;

typedef struct tool {
	char **argv;
	sample s[64];
	int n, timeouts, fails, stopped;
	double used;
	long rss_max;
} tool;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static sample run_once(char **argv, int limit, const char *out)
{
	sample r = {0, 0, 0, 0, 0};
	double t0 = now();
	pid_t pid = fork();
	if (pid < 0) {
		r.failed = 1;
		return r;
	}
	if (pid == 0) {
		int o = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open("/dev/null", O_WRONLY);
		if (o < 0 || e < 0)
			_exit(126);
		dup2(o, 1);
		dup2(e, 2);
		if (limit > 0) {
			struct rlimit rl = {(rlim_t)limit, (rlim_t)limit + 1};
			setrlimit(RLIMIT_CPU, &rl);
			alarm((unsigned)(3 * limit + 10)); /* kept across execve */
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	int st;
	struct rusage ru;
	while (wait4(pid, &st, 0, &ru) < 0 && errno == EINTR)
		;
	r.wall = now() - t0;
	r.cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
		(double)ru.ru_stime.tv_usec / 1e6;
	r.rss_kb = ru.ru_maxrss;
	if (WIFSIGNALED(st) && (WTERMSIG(st) == SIGXCPU || WTERMSIG(st) == SIGKILL || WTERMSIG(st) == SIGALRM))
		r.timeout = 1;
	else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		r.failed = 1;
	return r;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	if (n == 0)
		return 0;
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void report(tool *t)
{
	double cpu[64], wall[64];
	int n = 0;
	for (int i = 0; i < t->n; i++)
		if (!t->s[i].timeout) {
			cpu[n] = t->s[i].cpu;
			wall[n++] = t->s[i].wall;
		}
	double mc = median(cpu, n), mw = median(wall, n);
	double spread = n > 1 && mc > 0 ? (cpu[n - 1] - cpu[0]) / mc * 100 : 0;
	printf("cpu=%.4f wall=%.4f rss=%ld runs=%d timeouts=%d fails=%d spread=%.0f\n", mc, mw, t->rss_max, t->n,
	       t->timeouts, t->fails, spread);
}

static int cmd_time(int argc, char **argv)
{
	int rounds = 5, limit = 0;
	double budget = 0;
	const char *out = NULL;
	int i = 0;
	for (; i < argc && !strncmp(argv[i], "--", 2) && argv[i][2]; i += 2) {
		if (i + 1 >= argc)
			return fprintf(stderr, "benchtool time: %s needs a value\n", argv[i]), 2;
		if (!strcmp(argv[i], "--rounds"))
			rounds = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--limit"))
			limit = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--budget"))
			budget = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "--stdout"))
			out = argv[i + 1];
		else
			return fprintf(stderr, "benchtool time: unknown option %s\n", argv[i]), 2;
	}
	if (rounds < 1 || rounds > 64 || i >= argc)
		return fprintf(stderr, "benchtool time: need 1..64 rounds and a command\n"), 2;
	tool tools[2];
	memset(tools, 0, sizeof(tools));
	int ntools = 1;
	tools[0].argv = argv + i;
	for (int k = i; k < argc; k++)
		if (!strcmp(argv[k], "---")) {
			argv[k] = NULL;
			tools[1].argv = argv + k + 1;
			ntools = 2;
			break;
		}
	for (int r = 0; r < rounds; r++)
		for (int k = 0; k < ntools; k++) {
			tool *t = &tools[(k + r) % ntools]; /* swap who goes first every round */
			if (t->stopped)
				continue;
			char path[4096];
			if (out && ntools == 2)
				snprintf(path, sizeof(path), "%s.%d", out, (int)(t - tools));
			else if (out)
				snprintf(path, sizeof(path), "%s", out);
			sample s = run_once(t->argv, limit, out ? path : NULL);
			t->s[t->n++] = s;
			t->used += s.wall;
			t->timeouts += s.timeout;
			t->fails += s.failed;
			if (s.rss_kb > t->rss_max)
				t->rss_max = s.rss_kb;
			if (s.timeout || s.failed || (budget > 0 && t->used >= budget))
				t->stopped = 1;
		}
	for (int k = 0; k < ntools; k++)
		report(&tools[k]);
	return 0;
}

/* ---- sum ---- */

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

static int cmd_sum(const char *path)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline(path, err);
	if (!p)
		return fprintf(stderr, "benchtool sum: %s\n", err), 2;
	struct pcap_pkthdr *h;
	const u_char *d;
	uint64_t dig = 0xcbf29ce484222325ULL;
	long n = 0;
	int rc;
	while ((rc = pcap_next_ex(p, &h, &d)) == 1) {
		uint32_t hdr[4] = {(uint32_t)h->ts.tv_sec, (uint32_t)h->ts.tv_usec, h->caplen, h->len};
		dig = fnv(fnv(dig, hdr, sizeof(hdr)), d, h->caplen);
		n++;
	}
	printf("packets=%ld digest=%016llx%s\n", n, (unsigned long long)dig, rc == PCAP_ERROR ? " read_error=1" : "");
	pcap_close(p);
	return rc == PCAP_ERROR;
}

/* ---- cost ---- */

typedef struct packets {
	uint8_t **data;
	uint32_t *caplen, *len;
	size_t n;
} packets;

static int load(const char *path, size_t max, packets *pk)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline(path, err);
	if (!p)
		return fprintf(stderr, "benchtool: %s\n", err), -1;
	size_t cap = 0;
	struct pcap_pkthdr *h;
	const u_char *d;
	while (pk->n < max && pcap_next_ex(p, &h, &d) == 1) {
		if (pk->n == cap) {
			cap = cap ? 2 * cap : 4096;
			pk->data = realloc(pk->data, cap * sizeof(*pk->data));
			pk->caplen = realloc(pk->caplen, cap * sizeof(*pk->caplen));
			pk->len = realloc(pk->len, cap * sizeof(*pk->len));
			if (!pk->data || !pk->caplen || !pk->len)
				return fprintf(stderr, "benchtool: out of memory\n"), -1;
		}
		pk->data[pk->n] = malloc(h->caplen ? h->caplen : 1);
		if (!pk->data[pk->n])
			return -1;
		memcpy(pk->data[pk->n], d, h->caplen);
		pk->caplen[pk->n] = h->caplen;
		pk->len[pk->n++] = h->len;
	}
	pcap_close(p);
	return 0;
}

static void count_insn(void *arg, size_t pc, const ns_insn *insn, uint32_t a, uint32_t x)
{
	(void)pc, (void)insn, (void)a, (void)x;
	++*(unsigned long long *)arg;
}

/* Kept out of line so that callgrind can count exactly this loop. */
__attribute__((noinline)) unsigned long filter_loop(int engine, const ns_program *prog, const ns_vm_prog *vp,
						     const packets *pk, long rounds);
__attribute__((noinline)) unsigned long filter_loop(int engine, const ns_program *prog, const ns_vm_prog *vp,
						     const packets *pk, long rounds)
{
	unsigned long acc = 0;
	for (long r = 0; r < rounds; r++)
		for (size_t i = 0; i < pk->n; i++)
			acc += engine ? ns_vm_exec(vp, pk->data[i], pk->len[i], pk->caplen[i], NULL) != 0
				      : bpf_filter((const struct bpf_insn *)prog->insns, pk->data[i], pk->len[i],
						   pk->caplen[i]) != 0;
	return acc;
}

static int cmd_cost(int argc, char **argv)
{
	if (argc < 2)
		return fprintf(stderr, "usage: benchtool cost LISTING PCAP [MAX] [--loop pcap|ns ROUNDS]\n"), 2;
	size_t max = (size_t)-1;
	int loop_engine = -1;
	long loop_rounds = 0;
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--loop") && i + 2 < argc) {
			loop_engine = !strcmp(argv[i + 1], "ns");
			loop_rounds = atol(argv[i + 2]);
			i += 2;
		} else
			max = (size_t)atol(argv[i]);
	}
	FILE *f = fopen(argv[0], "r");
	if (!f)
		return fprintf(stderr, "benchtool cost: %s: %s\n", argv[0], strerror(errno)), 2;
	char *text = NULL;
	size_t tcap = 0;
	ssize_t tn = getdelim(&text, &tcap, '\0', f);
	fclose(f);
	ns_program prog;
	ns_vm_error verr;
	if (tn < 0 || ns_assemble(text, &prog, &verr))
		return fprintf(stderr, "benchtool cost: %s: %s\n", argv[0], tn < 0 ? "empty" : verr.msg), 2;
	free(text);
	packets pk = {0};
	if (load(argv[1], max, &pk))
		return 2;
	unsigned long long executed = 0;
	uint64_t dig = 0xcbf29ce484222325ULL;
	long accepted = 0, disagree = 0;
	for (size_t i = 0; i < pk.n; i++) {
		uint32_t v = ns_vm_run_traced(prog.insns, prog.len, pk.data[i], pk.len[i], pk.caplen[i], NULL,
					      count_insn, &executed);
		uint32_t ref = bpf_filter((const struct bpf_insn *)prog.insns, pk.data[i], pk.len[i], pk.caplen[i]);
		disagree += (v != 0) != (ref != 0);
		if (v) {
			accepted++;
			uint64_t idx = i;
			dig = fnv(dig, &idx, sizeof(idx));
		}
	}
	printf("len=%zu packets=%zu accepted=%ld bpf_per_pkt=%.2f digest=%016llx disagree=%ld\n", prog.len, pk.n,
	       accepted, pk.n ? (double)executed / (double)pk.n : 0.0, (unsigned long long)dig, disagree);
	if (loop_engine >= 0) {
		ns_vm_prog *vp = ns_vm_prepare(prog.insns, prog.len);
		if (!vp)
			return 2;
		unsigned long acc = filter_loop(loop_engine, &prog, vp, &pk, loop_rounds);
		printf("loop=%s rounds=%ld runs=%lu accepted=%lu\n", loop_engine ? "ns" : "pcap", loop_rounds,
		       (unsigned long)loop_rounds * pk.n, acc);
		ns_vm_prog_free(vp);
	}
	for (size_t i = 0; i < pk.n; i++)
		free(pk.data[i]);
	free(pk.data);
	free(pk.caplen);
	free(pk.len);
	ns_program_free(&prog);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "time"))
		return cmd_time(argc - 2, argv + 2);
	if (argc == 3 && !strcmp(argv[1], "sum"))
		return cmd_sum(argv[2]);
	if (argc >= 2 && !strcmp(argv[1], "cost"))
		return cmd_cost(argc - 2, argv + 2);
	fprintf(stderr, "usage: benchtool time|sum|cost ... (see the comment at the top of benchtool.c)\n");
	return 2;
}
