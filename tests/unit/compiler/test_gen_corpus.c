/* libpcap's own filter suite (copied to tests/data/compiler/{accept,reject}.tsv, our nine
 * link types only) against the code generator:
 * - every accept expression that libpcap 1.10.3 compiles must compile here too and give the
 *   verdict of libpcap's program on every packet (corpus captures + synthetic packets, with
 *   truncations), optimized and not, and the kernel must accept the program; expressions we
 *   cannot compile yet are listed in tests/data/compiler/pending.txt (ratchet: a listed one
 *   that now passes fails the test, so the list only shrinks);
 * - every reject expression must be rejected (libpcap master's range checks included);
 * - where libpcap's optimized and unoptimized programs disagree on a packet, that packet is
 *   not used (a libpcap optimizer defect, not a reference).
 * Prints the agreement and the program length ratio against libpcap's optimized programs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <netdb.h>
#include <netinet/ether.h>

#include <pcap/pcap.h>

#include "compiler/netsift.h"
#include "tests/support/oracle.h"

#define DATA "tests/data/compiler/"

static const struct {
	const char *name;
	int dlt;
} dltnames[] = {{"EN10MB", 1}, {"LINUX_SLL", 113}, {"LINUX_SLL2", 276}, {"RAW", 12},
		{"IPV4", 228}, {"IPV6", 229}, {"NULL", 0}, {"LOOP", 108}, {"PPP", 9}};

static oracle_pkts pkts[9];

static int dlt_index(const char *name)
{
	for (int i = 0; i < 9; i++)
		if (strcmp(name, dltnames[i].name) == 0)
			return i;
	return -1;
}

typedef struct line {
	int di;
	uint32_t netmask;
	bool needs_names; /* hosts, ethers or networks entries this machine may lack */
	char expr[8192];
	char key[16800];
} line;

static bool next_line(FILE *f, line *l)
{
	char buf[8192];
	while (fgets(buf, sizeof(buf), f)) {
		buf[strcspn(buf, "\n")] = 0;
		char *t1 = strchr(buf, '\t');
		if (!t1)
			continue;
		*t1 = 0;
		char *t2 = strchr(t1 + 1, '\t');
		if (!t2)
			continue;
		*t2 = 0;
		char *t3 = strchr(t2 + 1, '\t');
		if (!t3)
			continue;
		*t3 = 0;
		l->needs_names = strcmp(t2 + 1, "-") != 0;
		t2 = t3;
		l->di = dlt_index(buf);
		if (l->di < 0)
			continue;
		struct in_addr a;
		l->netmask = (t1[1] && inet_pton(AF_INET, t1 + 1, &a) == 1) ? ntohl(a.s_addr) : 0;
		snprintf(l->expr, sizeof(l->expr), "%s", t2 + 1);
		snprintf(l->key, sizeof(l->key), "%s\t%s", buf, l->expr);
		return true;
	}
	return false;
}

typedef struct pending {
	char **v;
	int n;
	bool *seen;
} pending;

static void load_pending(pending *p)
{
	memset(p, 0, sizeof(*p));
	FILE *f = fopen(DATA "pending.txt", "r");
	if (!f)
		return;
	char buf[8192];
	while (fgets(buf, sizeof(buf), f)) {
		buf[strcspn(buf, "\n")] = 0;
		if (!buf[0] || buf[0] == '#')
			continue;
		p->v = realloc(p->v, (size_t)(p->n + 1) * sizeof(char *));
		p->v[p->n++] = strdup(buf);
	}
	fclose(f);
	p->seen = calloc((size_t)p->n + 1, sizeof(bool));
}

static void free_pending(pending *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	free(p->seen);
}

static int find_pending(const pending *p, const char *key)
{
	for (int i = 0; i < p->n; i++)
		if (strcmp(p->v[i], key) == 0)
			return i;
	return -1;
}

/* TESTrun skips cases that need its /etc/hosts, /etc/ethers and /etc/networks entries when
 * the system lacks them; so do we (looking them up would also wait on DNS). */
static bool have_names;

static bool probe_names(void)
{
	struct ether_addr ea;
	FILE *f = fopen("/etc/hosts", "r");
	bool hosts = false;
	char buf[512];
	while (f && fgets(buf, sizeof(buf), f))
		if (strstr(buf, "host123.libpcap.test"))
			hosts = true;
	if (f)
		fclose(f);
	return hosts && ether_hostton("eth-ipv4-ipv6.host123.libpcap.test", &ea) == 0 &&
	       getnetbyname("net-10-20-0-0.libpcap.test") != NULL;
}

/* Known libpcap 1.10.3 defects: key -> an equivalent expression to ask 1.10.3 instead. */
static char defects[32][2][2048];
static int ndefects;

static void load_defects(void)
{
	FILE *f = fopen(DATA "libpcap-defects.tsv", "r");
	char buf[2048];
	while (f && fgets(buf, sizeof(buf), f) && ndefects < 32) {
		if (buf[0] == '#')
			continue;
		char *t1 = strchr(buf, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		char *t3 = t2 ? strchr(t2 + 1, '\t') : NULL;
		if (!t3)
			continue;
		*t2 = *t3 = 0;
		snprintf(defects[ndefects][0], 2048, "%s", buf);
		snprintf(defects[ndefects][1], 2048, "%s", t2 + 1);
		ndefects++;
	}
	if (f)
		fclose(f);
}

static const char *oracle_expr(const line *l)
{
	for (int i = 0; i < ndefects; i++)
		if (strcmp(defects[i][0], l->key) == 0)
			return defects[i][1];
	return l->expr;
}

/* Master's listings for what 1.10.3 cannot compile (vxlan, newer ether proto names). */
static char *master;

static void load_master(void)
{
	FILE *f = fopen(DATA "master-listings.txt", "r");
	if (!f)
		return;
	size_t cap = 1 << 16, n = 0;
	master = malloc(cap);
	size_t k;
	while ((k = fread(master + n, 1, cap - n - 1, f)) > 0) {
		n += k;
		if (n + 1 == cap)
			master = realloc(master, cap *= 2);
	}
	master[n] = 0;
	fclose(f);
}

/* The listing after "== KEY\n", up to the next "== ", copied; NULL if none. */
static char *master_listing(const char *key)
{
	if (!master)
		return NULL;
	char head[16900];
	snprintf(head, sizeof(head), "== %s\n", key);
	char *p = strstr(master, head);
	if (!p)
		return NULL;
	p += strlen(head);
	char *end = strstr(p, "\n== ");
	size_t l = end ? (size_t)(end - p + 1) : strlen(p);
	char *r = malloc(l + 1);
	memcpy(r, p, l);
	r[l] = 0;
	return r;
}

static int setup(void **state)
{
	load_master();
	load_defects();
	(void)state;
	have_names = probe_names();
	const char *san = getenv("SANITIZED");
	bool small = san && strcmp(san, "1") == 0;
	for (int i = 0; i < 9; i++) {
		oracle_pkts_add_dir(&pkts[i], "tests/data/compiler");
		if (!small)
			oracle_pkts_add_synthetic(&pkts[i], dltnames[i].dlt);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < 9; i++)
		oracle_pkts_free(&pkts[i]);
	free(master);
	return 0;
}

/* Our verdicts against libpcap's on every packet where libpcap agrees with itself. */
static long compare(const ns_program *ours, const ns_insn *un, size_t unlen, const ns_insn *op,
		    size_t oplen, const oracle_pkts *s)
{
	for (size_t i = 0; i < s->n; i++) {
		uint32_t a = oracle_run(un, unlen, &s->v[i]);
		if (op && oracle_run(op, oplen, &s->v[i]) != a)
			continue;
		if (oracle_run(ours->insns, ours->len, &s->v[i]) != a)
			return (long)i;
	}
	return -1;
}

static void test_accept(void **state)
{
	(void)state;
	FILE *f = fopen(DATA "accept.tsv", "r");
	assert_non_null(f);
	pending pend;
	load_pending(&pend);
	int total = 0, agree = 0, bad = 0, pend_ok = 0, newer = 0, both_reject = 0;
	size_t our_len = 0, their_len = 0;
	line l;
	int skipped = 0;
	while (next_line(f, &l)) {
		if (l.needs_names && !have_names) {
			skipped++;
			if (find_pending(&pend, l.key) >= 0)
				pend.seen[find_pending(&pend, l.key)] = true;
			continue;
		}
		total++;
		int dlt = dltnames[l.di].dlt;
		ns_insn *un = NULL, *op = NULL;
		size_t unlen = 0, oplen = 0;
		char perr[512];
		const char *ref = oracle_expr(&l);
		int lp = oracle_libpcap(dlt, ref, 0, l.netmask, &un, &unlen, perr, sizeof(perr));
		if (lp == 0 && oracle_libpcap(dlt, ref, 1, l.netmask, &op, &oplen, perr, sizeof(perr)) != 0)
			op = NULL;
		ns_compile_opts o;
		ns_compile_opts_init(&o);
		o.linktype = dlt;
		o.netmask = l.netmask ? l.netmask : NS_NETMASK_UNKNOWN;
		int pi = find_pending(&pend, l.key);
		bool failed = false;
		for (int opt = 0; opt < 2 && !failed; opt++) {
			o.optimize = opt;
			ns_program p;
			ns_diag err;
			int r = ns_compile(l.expr, &o, &p, &err);
			if (lp != 0) {
				/* newer syntax than 1.10.3: master's listing is the reference */
				char *lst = master_listing(l.key);
				ns_insn *m = NULL;
				size_t mlen = 0;
				if (r == 0 && lst && oracle_parse_listing(lst, &m, &mlen) == 0) {
					long i = oracle_first_diff(p.insns, p.len, m, mlen, &pkts[l.di]);
					if (i >= 0) {
						fprintf(stderr, "FAIL verdict vs master %s [%s] opt %d: packet %ld\n",
							dltnames[l.di].name, l.expr, opt, i);
						bad++;
					}
					if (oracle_kernel_accepts(p.insns, p.len) == 0) {
						fprintf(stderr, "FAIL kernel %s [%s] opt %d\n", dltnames[l.di].name, l.expr, opt);
						bad++;
					}
					newer += opt == 0 && i < 0;
				} else if (r == 0) {
					fprintf(stderr, "FAIL %s [%s]: accepted, but neither libpcap 1.10.3 nor a master listing to check against\n",
						dltnames[l.di].name, l.expr);
					bad++;
				} else if (lst) {
					fprintf(stderr, "FAIL reject %s [%s]: master accepts it: %s\n",
						dltnames[l.di].name, l.expr, err.msg);
					bad++;
				} else {
					both_reject += opt == 0;
				}
				free(m);
				free(lst);
				ns_program_free(&p);
				continue;
			}
			if (r != 0 && opt == 1 && !op && strstr(err.msg, "rejects all packets")) {
				/* libpcap's optimizer refuses it the same way */
				continue;
			}
			if (r != 0) {
				if (pi < 0)
					fprintf(stderr, "FAIL reject %s [%s]: %s\n", dltnames[l.di].name, l.expr,
						err.msg);
				failed = true;
				continue;
			}
			long i = compare(&p, un, unlen, op, oplen, &pkts[l.di]);
			if (i >= 0) {
				const oracle_pkt *k = &pkts[l.di].v[i];
				fprintf(stderr, "FAIL verdict %s [%s] opt %d: packet %ld caplen %u: ours %u libpcap %u\n",
					dltnames[l.di].name, l.expr, opt, i, k->caplen,
					oracle_run(p.insns, p.len, k), oracle_run(un, unlen, k));
				bad++;
			}
			if (oracle_kernel_accepts(p.insns, p.len) == 0) {
				fprintf(stderr, "FAIL kernel %s [%s] opt %d\n", dltnames[l.di].name, l.expr, opt);
				bad++;
			}
			if (opt == 1 && op && i < 0) {
				our_len += p.len;
				their_len += oplen;
			}
			if (opt == 0 && i < 0)
				agree++;
			ns_program_free(&p);
		}
		if (lp == 0 && failed) {
			if (pi >= 0) {
				pend.seen[pi] = true;
				pend_ok++;
			} else {
				bad++;
			}
		} else if (pi >= 0) {
			fprintf(stderr, "FAIL pending case now passes, remove it from pending.txt: %s\n", l.key);
			bad++;
			pend.seen[pi] = true;
		}
		free(un);
		free(op);
	}
	fclose(f);
	for (int i = 0; i < pend.n; i++)
		if (!pend.seen[i]) {
			fprintf(stderr, "FAIL stale pending entry: %s\n", pend.v[i]);
			bad++;
		}
	free_pending(&pend);
	printf("accept.tsv: %d skipped (need name database entries this machine lacks)\n", skipped);
	printf("accept.tsv: %d expressions; %d agree with libpcap 1.10.3 on every packet; %d pending; "
	       "%d newer than 1.10.3, agreeing with master's listing; %d rejected by both; %d failures\n",
	       total, agree, pend_ok, newer, both_reject, bad);
	if (their_len)
		printf("length: ours %zu, libpcap optimized %zu, ratio %.3f\n", our_len, their_len,
		       (double)our_len / (double)their_len);
	assert_int_equal(bad, 0);
}

static void test_reject(void **state)
{
	(void)state;
	FILE *f = fopen(DATA "reject.tsv", "r");
	assert_non_null(f);
	int total = 0, bad = 0, skipped = 0;
	line l;
	while (next_line(f, &l)) {
		if (l.needs_names && !have_names) {
			skipped++;
			continue;
		}
		total++;
		ns_compile_opts o;
		ns_compile_opts_init(&o);
		o.linktype = dltnames[l.di].dlt;
		o.netmask = l.netmask ? l.netmask : NS_NETMASK_UNKNOWN;
		ns_program p;
		ns_diag err;
		if (ns_compile(l.expr, &o, &p, &err) == 0) {
			fprintf(stderr, "FAIL accepted %s [%s]\n", dltnames[l.di].name, l.expr);
			ns_program_free(&p);
			bad++;
		}
	}
	fclose(f);
	printf("reject.tsv: %d expressions (%d skipped for name databases), %d wrongly accepted\n",
	       total, skipped, bad);
	assert_int_equal(bad, 0);
}

/* The listing reader used for master's listings reads libpcap's own bpf_image() text back
 * into the same program. */
static void test_listing_reader(void **state)
{
	(void)state;
	static const char *const e[] = {
		"tcp port 80", "ip[2:2] - ((ip[0]&0xf)<<2) > 20", "ip6 protochain 6", "len > 100",
		"ether[0] & 1 = 1 or udp[8:4] * 3 / 2 % 5 ^ 1 | 2 = 0", "-ip[0] << 1 >> 1 = 0",
		"geneve and ip",
	};
	for (size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		ns_insn *ref, *back;
		size_t reflen, backlen;
		char perr[512];
		assert_int_equal(oracle_libpcap(1, e[i], 0, 0, &ref, &reflen, perr, sizeof(perr)), 0);
		size_t cap = 1 << 16, n = 0;
		char *text = malloc(cap);
		for (size_t k = 0; k < reflen; k++)
			n += (size_t)snprintf(text + n, cap - n, "%s\n",
					      bpf_image((const struct bpf_insn *)&ref[k], (int)k));
		assert_int_equal(oracle_parse_listing(text, &back, &backlen), 0);
		assert_int_equal(backlen, reflen);
		for (size_t k = 0; k < reflen; k++) {
			if (memcmp(&back[k], &ref[k], sizeof(ns_insn)) != 0)
				fail_msg("%s: insn %zu: %s", e[i], k,
					 bpf_image((const struct bpf_insn *)&ref[k], (int)k));
		}
		free(text);
		free(ref);
		free(back);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_listing_reader),
		cmocka_unit_test(test_accept),
		cmocka_unit_test(test_reject),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
