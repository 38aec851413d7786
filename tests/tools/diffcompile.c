/* diffcompile: the differential test of netsift's filter compiler against libpcap.
 *
 * For every (expression, link type) of the test data (libpcap's own accept tests, the tests
 * only newer libpcap accepts with their expected listings, and seeded random expressions),
 * the expression is compiled by the oracle (libpcap's pcap_compile, optimized and not) and by
 * the candidate (ns_compile, optimized and not). Acceptance must agree; where both accept,
 * every program runs over every packet (real captures plus seeded generated packets) in
 * libpcap's bpf_filter(), and in netsift's VM when it is there, and the return values must be
 * identical. Every candidate program must pass the Linux kernel's check. libpcap's reject tests
 * must be refused. Cases netsift cannot compile yet are MISSING: allowed only when listed in
 * the committed pending file, which only the integrator regenerates (--write-pending).
 *
 * Self-test candidates (libpcap itself, and two damaged variants of it) prove the harness can
 * fail. See docs/testing.md for how to read the output. */
#include <arpa/inet.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "compiler/netsift.h"
#include "tests/support/exprgen.h"
#include "tests/support/bpfwalk.h"
#include "tests/support/pcapref.h"
#include "tests/support/pktgen.h"
#include "tests/support/pktset.h"
#include "tests/support/tsv.h"
#include "vm/vm.h"

/* ---- options ---- */

#define DEFAULT_RANDOM 2000
#define DEFAULT_PACKETS 2000

enum candidate { CAND_NETSIFT, CAND_LIBPCAP, CAND_DAMAGE_JUMP, CAND_DAMAGE_LEN };
static const char *const candidate_names[] = {"netsift", "libpcap", "damage-jump", "damage-len"};

typedef struct options {
	const char *data_dir;
	const char *pending_path;
	const char *defects_path;
	const char *write_pending;
	const char *save_packets;
	char dlts[512];
	long random_count;
	long packet_count;
	unsigned long long seed;
	enum candidate cand;
	int vm;            /* -1 auto, 0 off, 1 on */
	int jobs;
	int strict_stale;  /* pending/defect entries naming no case of this run are errors */
	int use_accept, use_newer, use_reject, use_random, use_real;
	int max_reports;
	int list_exprs;
	int uncovered;
} options;

/* ---- sorted string sets (pending list, known defects) ---- */

typedef struct strset {
	char **keys;
	char **extra;   /* the rest of the line (defects: the right mode and explanation) */
	char *used;     /* the case was met in this run */
	char *hit;      /* the entry was needed (case missing / defect seen) */
	size_t n;
} strset;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);
	if (!d)
		abort();
	return d;
}

static char *join3(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 3;
	char *s = malloc(n);
	if (!s)
		abort();
	snprintf(s, n, "%s\t%s\t%s", a, b, c);
	return s;
}

/* Loads lines "f0 \t f1 \t f2 [\t rest...]" keyed by the first three fields. A missing file is
 * an empty set. */
static void strset_load(strset *s, const char *path)
{
	memset(s, 0, sizeof(*s));
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char *line = NULL, *fields[8];
	size_t cap = 0, alloc = 0;
	int nf;
	while ((nf = ts_tsv_read(f, &line, &cap, fields, 8)) >= 0) {
		if (nf < 3)
			continue;
		if (s->n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			s->keys = realloc(s->keys, alloc * sizeof(char *));
			s->extra = realloc(s->extra, alloc * sizeof(char *));
			if (!s->keys || !s->extra)
				abort();
		}
		s->keys[s->n] = join3(fields[0], fields[1], fields[2]);
		s->extra[s->n] = xstrdup(nf > 3 ? fields[3] : "");
		s->n++;
	}
	free(line);
	fclose(f);
	/* sort keys and extras together */
	char **pairs = malloc((s->n + 1) * 2 * sizeof(char *));
	if (!pairs)
		abort();
	for (size_t i = 0; i < s->n; i++) {
		size_t kl = strlen(s->keys[i]);
		char *both = malloc(kl + strlen(s->extra[i]) + 2);
		if (!both)
			abort();
		memcpy(both, s->keys[i], kl + 1);
		strcpy(both + kl + 1, s->extra[i]);
		free(s->keys[i]);
		free(s->extra[i]);
		pairs[i] = both;
	}
	qsort(pairs, s->n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < s->n; i++) {
		s->keys[i] = pairs[i];
		s->extra[i] = pairs[i] + strlen(pairs[i]) + 1;
	}
	free(pairs);
	size_t w = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (w && !strcmp(s->keys[w - 1], s->keys[i])) {
			free(s->keys[i]);
			continue;
		}
		s->keys[w] = s->keys[i];
		s->extra[w] = s->extra[i];
		w++;
	}
	s->n = w;
	s->used = calloc(s->n + 1, 1);
	s->hit = calloc(s->n + 1, 1);
	if (!s->used || !s->hit)
		abort();
}

static void strset_free(strset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->keys[i]); /* extra[i] points into the same block */
	free(s->keys);
	free(s->extra);
	free(s->used);
	free(s->hit);
	memset(s, 0, sizeof(*s));
}

static long strset_find(const strset *s, const char *a, const char *b, const char *c)
{
	if (!s->n)
		return -1;
	char *key = join3(a, b, c);
	char **found = bsearch(&key, s->keys, s->n, sizeof(char *), cmp_str);
	free(key);
	return found ? (long)(found - s->keys) : -1;
}

/* ---- statistics, summed over link types (and over worker processes) ---- */

typedef struct stats {
	long exprs, exprs_accept, exprs_newer, exprs_random;
	long agree, wrong, missing, missing_pending, missing_unlisted;
	long both, semantic_ok, semantic_bad, vm_bad;
	long cand_progs, cand_kernel_ok, ref_progs, ref_kernel_ok;
	long len_cand, len_ref;
	long defects, defects_known, defects_unrecorded, defects_stale;
	long ref_hangs, ref_truncation_ambiguous, cand_truncation_ambiguous;
	long ref_undefined, beyond_depth, opt_trunc_packets, opt_trunc_exprs, opt_trunc_unlisted;
	long empty_class;
	long reject_run, reject_cand_refused, reject_ref_refused, reject_pending, reject_unlisted;
	long pending_stale, pending_fixed;
	long cov_exprs, cov_some, cov_split;
	long listings;
	long packets_real, packets_gen;
	long runs;
	long setup_errors;
	long vm_used;
} stats;

#define NSTATS (sizeof(stats) / sizeof(long))

static void stats_add(stats *into, const stats *s)
{
	long *a = (long *)into;
	const long *b = (const long *)s;
	for (size_t i = 0; i < NSTATS; i++)
		a[i] += b[i];
}

/* ---- reporting ---- */

typedef struct ctx {
	const options *opt;
	strset pending, defects;
	FILE *pending_out;
	int vm_on;
	long truncation_class;  /* index of the "*  *  truncation" entry of the defects, or -1 */
	long reports[16];
} ctx;

enum report_kind { R_WRONG, R_MISSING, R_SEMANTIC, R_VM, R_KERNEL, R_DEFECT, R_STALE,
		   R_REJECT, R_SETUP, R_PENDING_FIXED, R_NKINDS };
static const char *const report_names[] = {"WRONG", "MISSING", "SEMANTIC", "VM", "KERNEL",
					   "LIBPCAP-DEFECT", "STALE", "REJECT", "SETUP",
					   "PENDING-FIXED"};

static void report(ctx *c, enum report_kind k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void report(ctx *c, enum report_kind k, const char *fmt, ...)
{
	if (c->reports[k]++ >= c->opt->max_reports) {
		if (c->reports[k] == c->opt->max_reports + 1)
			printf("%s: further cases of this kind not shown\n", report_names[k]);
		return;
	}
	char buf[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* One line per failure, whatever the expression or message holds (libpcap's suite has
	 * expressions written over several lines). */
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	printf("%s: %s\n", report_names[k], buf);
	fflush(stdout);
}

static void hexdump(char *buf, size_t size, const ts_packet *p)
{
	size_t n = 0, lim = p->caplen < 80 ? p->caplen : 80;
	buf[0] = '\0';
	for (size_t i = 0; i < lim && n + 3 < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%02x", p->data[i]);
	if (lim < p->caplen && n + 4 < size)
		snprintf(buf + n, size - n, "...");
}

/* ---- cases ---- */

enum source { SRC_ACCEPT, SRC_NEWER, SRC_RANDOM };
static const char *const source_names[] = {"accept", "newer", "random"};

typedef struct tcase {
	enum source src;
	char *name;
	char *expr;
	uint32_t snaplen;
	uint32_t netmask;
	char *listing[2];   /* newer: expected unopt [0] and opt [1] listings, NULL = refused */
} tcase;

typedef struct caselist {
	tcase *v;
	size_t n, cap;
} caselist;

static void caselist_add(caselist *l, tcase c)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 256;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (!l->v)
			abort();
	}
	l->v[l->n++] = c;
}

static void caselist_free(caselist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].expr);
		free(l->v[i].listing[0]);
		free(l->v[i].listing[1]);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static uint32_t parse_netmask(const char *s)
{
	struct in_addr a;
	if (!strcmp(s, "-") || inet_pton(AF_INET, s, &a) != 1)
		return 0;
	return ntohl(a.s_addr);
}

static FILE *open_data(const options *o, const char *name)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", o->data_dir, name);
	return fopen(path, "r");
}

static void load_cases(const options *o, const char *dltname, caselist *out, caselist *rejects)
{
	char *line = NULL, *f[8];
	size_t cap = 0;
	int nf;
	FILE *fp;
	if (o->use_accept && (fp = open_data(o, "accept.tsv"))) {
		while ((nf = ts_tsv_read(fp, &line, &cap, f, 8)) >= 0)
			if (nf >= 5 && !strcmp(f[0], dltname))
				caselist_add(out, (tcase){SRC_ACCEPT, xstrdup(f[3]), xstrdup(f[4]),
						  (uint32_t)strtoul(f[1], NULL, 10), parse_netmask(f[2]),
						  {NULL, NULL}});
		fclose(fp);
	}
	if (o->use_newer && (fp = open_data(o, "newer.tsv"))) {
		while ((nf = ts_tsv_read(fp, &line, &cap, f, 8)) >= 0)
			if (nf >= 7 && !strcmp(f[0], dltname))
				caselist_add(out, (tcase){SRC_NEWER, xstrdup(f[3]), xstrdup(f[4]),
						  (uint32_t)strtoul(f[1], NULL, 10), parse_netmask(f[2]),
						  {strcmp(f[6], "-") ? xstrdup(f[6]) : NULL,
						   strcmp(f[5], "-") ? xstrdup(f[5]) : NULL}});
		fclose(fp);
	}
	if (o->use_reject && (fp = open_data(o, "reject.tsv"))) {
		while ((nf = ts_tsv_read(fp, &line, &cap, f, 8)) >= 0)
			if (nf >= 4 && !strcmp(f[0], dltname))
				caselist_add(rejects, (tcase){SRC_ACCEPT, xstrdup(f[2]), xstrdup(f[3]), 0,
						      parse_netmask(f[1]), {NULL, NULL}});
		fclose(fp);
	}
	free(line);
}

/* ---- compiling ---- */

/* The candidate's program for one mode; 0 and *out, or -1 and a message. */
static int candidate_compile(const ctx *c, int dlt, const tcase *t, int optimize, ts_prog *out,
			     char *err, size_t errsize)
{
	switch (c->opt->cand) {
	case CAND_NETSIFT: {
		ns_compile_opts o;
		ns_compile_opts_init(&o);
		o.linktype = dlt;
		o.snaplen = t->snaplen ? t->snaplen : 262144;
		o.optimize = optimize;
		o.netmask = t->netmask ? t->netmask : NS_NETMASK_UNKNOWN; /* 0: none given */
		ns_program p;
		ns_diag d;
		if (ns_compile(t->expr, &o, &p, &d) < 0) {
			snprintf(err, errsize, "%s", d.msg);
			return -1;
		}
		/* ns_insn is laid out as struct bpf_insn (vm/bpf.h says so; checked below). */
		ts_prog_copy(out, (const struct bpf_insn *)(const void *)p.insns, p.len);
		ns_program_free(&p);
		return 0;
	}
	case CAND_LIBPCAP:
		return ts_pcap_compile(dlt, t->snaplen, t->netmask, t->expr, optimize, out, err, errsize);
	case CAND_DAMAGE_JUMP:
		if (ts_pcap_compile(dlt, t->snaplen, t->netmask, t->expr, optimize, out, err, errsize) < 0)
			return -1;
		/* One jump target altered: the first conditional jump's branches are exchanged. */
		for (size_t i = 0; i < out->len; i++) {
			struct bpf_insn *in = &out->insns[i];
			if (BPF_CLASS(in->code) == BPF_JMP && BPF_OP(in->code) != BPF_JA && in->jt != in->jf) {
				uint8_t t8 = in->jt;
				in->jt = in->jf;
				in->jf = t8;
				break;
			}
		}
		return 0;
	case CAND_DAMAGE_LEN: {
		size_t n = strlen(t->expr) + 32;
		char *e = malloc(n);
		if (!e)
			abort();
		snprintf(e, n, "(%s) and len < 1400", t->expr);
		int r = ts_pcap_compile(dlt, t->snaplen, t->netmask, e, optimize, out, err, errsize);
		free(e);
		return r;
	}
	}
	return -1;
}

static int reference_compile(int dlt, const tcase *t, int optimize, ts_prog *out, char *err,
			     size_t errsize)
{
	if (t->src == SRC_NEWER) {
		if (!t->listing[optimize]) {
			snprintf(err, errsize, "libpcap's suite expects this mode to be refused");
			return -1;
		}
		return ts_listing_parse(t->listing[optimize], out, err, errsize);
	}
	return ts_pcap_compile(dlt, t->snaplen, t->netmask, t->expr, optimize, out, err, errsize);
}

/* The listing reader is the oracle of the "newer" cases, so it is itself checked on every
 * program libpcap makes for the accept tests: libpcap's bpf_image() writes the listing, as
 * tcpdump -d does, and reading it back must give the same instructions. */
static int listing_roundtrip(const ts_prog *p, char *err, size_t errsize)
{
	size_t cap = 64 * p->len + 64, n = 0;
	char *text = malloc(cap);
	if (!text)
		abort();
	text[0] = '\0';
	for (size_t i = 0; i < p->len; i++)
		n += (size_t)snprintf(text + n, cap - n, "%s\n", bpf_image(&p->insns[i], (int)i));
	ts_prog back = {0};
	int r = ts_listing_parse(text, &back, err, errsize);
	if (r == 0 && (back.len != p->len ||
		       memcmp(back.insns, p->insns, p->len * sizeof(*p->insns)) != 0)) {
		size_t i = 0;
		while (i < p->len && i < back.len && !memcmp(&back.insns[i], &p->insns[i], sizeof(*p->insns)))
			i++;
		snprintf(err, errsize, "listing read back differs at instruction %zu: %s", i,
			 i < p->len ? bpf_image(&p->insns[i], (int)i) : "(end)");
		r = -1;
	}
	ts_prog_free(&back);
	free(text);
	return r;
}

/* ---- running ---- */

/* Results of one program over the packet set: value, and whether the run hung. */
typedef struct results {
	uint32_t *v;
	char *hung;
} results;

static void run_all(const ts_prog *p, const ts_pktset *pk, results *r, stats *st)
{
	for (size_t i = 0; i < pk->n; i++) {
		int hung;
		r->v[i] = ts_bpf_run(p->insns, p->len, pk->v[i].data, pk->v[i].wirelen,
				     pk->v[i].caplen, &hung);
		r->hung[i] = (char)hung;
	}
	st->runs += (long)pk->n;
}

/* ---- one link type ---- */

#define PADDED_MAX (65536 + 2048)

typedef struct dltrun {
	ctx *c;
	int dlt;
	const char *name;
	ts_pktset pk;
	results ref[2], cand, other;
	char *amb;        /* per packet: libpcap's two answers differ only by truncation */
	uint8_t *padded;  /* scratch: a packet completed with zeros */
	stats st;
} dltrun;

/* Whether the two libpcap programs agree on the packet once it is followed by zero bytes: then
 * they only differ in which loads past the end of the data they attempt (libpcap's optimizer
 * deletes loads whose value cannot matter, e.g. under a /0 mask, and moves others). */
static int truncation_explains(dltrun *d, const ts_prog ref[2], const ts_packet *p)
{
	uint32_t n = (p->wirelen > p->caplen ? p->wirelen : p->caplen) + 1024;
	if (n > PADDED_MAX)
		n = PADDED_MAX;
	memset(d->padded, 0, n);
	memcpy(d->padded, p->data, p->caplen < n ? p->caplen : n);
	int h0, h1;
	uint32_t a = ts_bpf_run(ref[0].insns, ref[0].len, d->padded, p->wirelen, n, &h0);
	uint32_t b = ts_bpf_run(ref[1].insns, ref[1].len, d->padded, p->wirelen, n, &h1);
	return !h0 && !h1 && a == b;
}

/* libpcap 1.10.3 walks protochain's header chain with a backward jump, once round per header
 * after the first; netsift unrolls the walk (compiler/gen_proto.c: 8 steps over IPv6 headers,
 * 5 AH headers over IPv4). A packet on which libpcap's loop goes round more than 8 times has a
 * chain longer than the documented IPv6 depth: a documented difference, counted apart
 * ("beyond documented depth"). The IPv4 depth is shorter; a longer IPv4 AH chain is not
 * classed here, so it would fail the check (the generated packets have none). */
#define PROTOCHAIN_DOCUMENTED_STEPS 9

/* Whether the candidate's optimized program gives libpcap's optimized program's answer once
 * the packet is followed by zero bytes: then they differ only in which loads past the
 * captured data they attempt (docs/testing.md, "Optimized programs on truncated packets"). */
static int cand_truncation_only(dltrun *d, const ts_prog *cand, const ts_prog *ref,
				const ts_packet *p)
{
	uint32_t n = (p->wirelen > p->caplen ? p->wirelen : p->caplen) + 1024;
	if (n > PADDED_MAX)
		n = PADDED_MAX;
	if (p->caplen >= n)
		return 0;
	memset(d->padded, 0, n);
	memcpy(d->padded, p->data, p->caplen);
	int h0, h1;
	uint32_t a = ts_bpf_run(cand->insns, cand->len, d->padded, p->wirelen, n, &h0);
	uint32_t b = ts_bpf_run(ref->insns, ref->len, d->padded, p->wirelen, n, &h1);
	return !h0 && !h1 && a == b;
}

/* An expression whose optimized program differs from libpcap's only on truncated packets:
 * the documented class "opt-truncation", listed one case a line in the pending file (a
 * ratchet: an unlisted case fails, a listed case that agrees again fails). */
static void opt_truncation_case(ctx *c, dltrun *d, const tcase *t, stats *st, int *sem_bad)
{
	st->opt_trunc_exprs++;
	if (c->pending_out) {
		fputs("opt-truncation\t", c->pending_out);
		ts_tsv_put(c->pending_out, d->name);
		fputc('\t', c->pending_out);
		ts_tsv_put(c->pending_out, t->expr);
		fputc('\n', c->pending_out);
	}
	long pend = strset_find(&c->pending, "opt-truncation", d->name, t->expr);
	if (pend >= 0) {
		c->pending.hit[pend] = 1;
		return;
	}
	st->opt_trunc_unlisted++;
	*sem_bad = 1;
	if (!c->pending_out)
		report(c, R_SEMANTIC, "%s opt '%s' (%s): differs from libpcap's optimized program on "
		       "truncated packets only, and is not listed as opt-truncation in the pending "
		       "file", d->name, t->expr, source_names[t->src]);
}

/* Whether a program accepts no packet of the link type's set. */
static int matches_nothing(dltrun *d, const ts_prog *p)
{
	for (size_t i = 0; i < d->pk.n; i++) {
		int h;
		const ts_packet *k = &d->pk.v[i];
		if (ts_bpf_run(p->insns, p->len, k->data, k->wirelen, k->caplen, &h) != 0)
			return 0;
	}
	return 1;
}

static void check_expression(dltrun *d, const tcase *t)
{
	ctx *c = d->c;
	stats *st = &d->st;
	ts_prog ref[2] = {{0}}, cand[2] = {{0}};
	int ref_ok[2], cand_ok[2];
	char ref_err[2][512], cand_err[2][512];

	st->exprs++;
	if (t->src == SRC_ACCEPT)
		st->exprs_accept++;
	else if (t->src == SRC_NEWER)
		st->exprs_newer++;
	else
		st->exprs_random++;

	for (int m = 0; m < 2; m++) {
		ref_ok[m] = reference_compile(d->dlt, t, m, &ref[m], ref_err[m], sizeof(ref_err[m])) == 0;
		if (t->src == SRC_NEWER && !ref_ok[m] && t->listing[m]) {
			report(c, R_SETUP, "%s '%s': %s", d->name, t->expr, ref_err[m]);
			st->setup_errors++;
		}
		cand_ok[m] = candidate_compile(c, d->dlt, t, m, &cand[m], cand_err[m], sizeof(cand_err[m])) == 0;
	}

	if (t->src == SRC_ACCEPT)
		for (int m = 0; m < 2; m++) {
			char err[512];
			if (!ref_ok[m])
				continue;
			st->listings++;
			if (listing_roundtrip(&ref[m], err, sizeof(err)) < 0) {
				st->setup_errors++;
				report(c, R_SETUP, "%s '%s': %s", d->name, t->expr, err);
			}
		}

	/* Acceptance, per mode. */
	int wrong = 0, missing = 0;
	long epend = strset_find(&c->pending, "empty", d->name, t->expr);
	if (epend >= 0)
		c->pending.used[epend] = 1;
	for (int m = 0; m < 2; m++) {
		if (cand_ok[m] && !ref_ok[m] && m == 1 && ref_ok[0] &&
		    strstr(ref_err[m], "rejects all packets") && matches_nothing(d, &cand[m])) {
			/* libpcap's optimizer proves the filter matches nothing and refuses it;
			 * netsift's does not prove it but its program accepts no packet either: the
			 * documented class "empty", listed in the pending file (docs/testing.md) */
			st->empty_class++;
			if (c->pending_out) {
				fputs("empty\t", c->pending_out);
				ts_tsv_put(c->pending_out, d->name);
				fputc('\t', c->pending_out);
				ts_tsv_put(c->pending_out, t->expr);
				fputc('\n', c->pending_out);
			}
			if (epend >= 0) {
				c->pending.hit[epend] = 1;
				continue;
			}
		}
		if (cand_ok[m] && !ref_ok[m]) {
			wrong = 1;
			report(c, R_WRONG, "%s %s '%s' (%s): accepted, but libpcap refuses it: %s", d->name,
			       m ? "opt" : "unopt", t->expr, source_names[t->src], ref_err[m]);
		} else if (!cand_ok[m] && ref_ok[m]) {
			missing = 1;
		}
	}
	long pend = strset_find(&c->pending, "missing", d->name, t->expr);
	if (pend >= 0)
		c->pending.used[pend] = 1;
	if (wrong) {
		st->wrong++;
	} else if (missing) {
		st->missing++;
		if (c->pending_out) {
			fputs("missing\t", c->pending_out);
			ts_tsv_put(c->pending_out, d->name);
			fputc('\t', c->pending_out);
			ts_tsv_put(c->pending_out, t->expr);
			fputc('\n', c->pending_out);
		}
		if (pend >= 0) {
			st->missing_pending++;
			c->pending.hit[pend] = 1;
		} else {
			st->missing_unlisted++;
			if (!c->pending_out)
				report(c, R_MISSING, "%s '%s' (%s): libpcap compiles it, netsift says: %s",
				       d->name, t->expr, source_names[t->src],
				       cand_ok[0] ? cand_err[1] : cand_err[0]);
		}
	} else {
		st->agree++;
	}

	/* libpcap against itself: optimized and unoptimized programs must agree. */
	int right = -1; /* the mode whose program is the reference for both, if libpcap is wrong */
	for (int m = 0; m < 2; m++)
		if (ref_ok[m])
			run_all(&ref[m], &d->pk, &d->ref[m], st);
	long def = strset_find(&c->defects, d->name, t->expr, "");
	if (def < 0) {
		/* defects are keyed by (dlt, expr) only: find "dlt\texpr\t<mode>" */
		for (int m = 0; m < 3 && def < 0; m++)
			def = strset_find(&c->defects, d->name, t->expr,
					  m == 2 ? "each" : m ? "opt" : "unopt");
	}
	if (def >= 0)
		c->defects.used[def] = 1;
	/* libpcap's two programs can differ only in which loads past the end of the data they
	 * attempt (truncation_explains). That is one known libpcap behaviour, recorded as the
	 * class entry "*  *  truncation" of known-defects.tsv: the language gives no answer for a
	 * field the packet does not hold, so either of libpcap's answers is accepted from the
	 * candidate on that packet. Any other disagreement needs its own entry. */
	/* Coverage: do the packets exercise the filter (some match, some do not)? Filters whose
	 * optimized program is a constant (`ret`) cannot be exercised and are not counted. */
	if (ref_ok[0] && !(ref_ok[1] && ref[1].len == 1)) {
		size_t hits = 0;
		for (size_t i = 0; i < d->pk.n; i++)
			hits += d->ref[0].v[i] != 0;
		st->cov_exprs++;
		st->cov_some += hits > 0;
		st->cov_split += hits > 0 && hits < d->pk.n;
		if (c->opt->uncovered && (hits == 0 || hits == d->pk.n))
			printf("UNCOVERED: %s '%s': matches %s packet\n", d->name, t->expr,
			       hits ? "every" : "no");
	}
	memset(d->amb, 0, d->pk.n);
	if (ref_ok[0] && ref_ok[1]) {
		size_t bad = d->pk.n;
		for (size_t i = 0; i < d->pk.n; i++) {
			if (d->ref[0].hung[i] || d->ref[1].hung[i] || d->ref[0].v[i] == d->ref[1].v[i])
				continue;
			/* libpcap's answer is undefined (scratch read before written) or its
			 * protochain walk is longer than ours: the documented classes, not defects */
			const ts_packet *p = &d->pk.v[i];
			ts_walk w0, w1;
			ts_bpf_walk(ref[0].insns, ref[0].len, p->data, p->wirelen, p->caplen, &w0);
			ts_bpf_walk(ref[1].insns, ref[1].len, p->data, p->wirelen, p->caplen, &w1);
			if (w0.scratch_unset || w1.scratch_unset ||
			    w0.back_jumps >= PROTOCHAIN_DOCUMENTED_STEPS ||
			    w1.back_jumps >= PROTOCHAIN_DOCUMENTED_STEPS)
				continue;
			if (c->truncation_class >= 0 && truncation_explains(d, ref, &d->pk.v[i])) {
				c->defects.hit[c->truncation_class] = 1;
				c->defects.used[c->truncation_class] = 1;
				d->amb[i] = 1;
				st->ref_truncation_ambiguous++;
			} else if (bad == d->pk.n) {
				bad = i;
			}
		}
		if (bad < d->pk.n) {
			st->defects++;
			if (def >= 0) {
				st->defects_known++;
				c->defects.hit[def] = 1;
				const char *k = strchr(c->defects.keys[def], '\t');
				k = strchr(k + 1, '\t') + 1;
				/* A self-test candidate is libpcap: it has the defect, by definition. */
				/* "each": both of libpcap's answers are right in their own mode */
				if (c->opt->cand == CAND_NETSIFT)
					right = !strcmp(k, "opt") ? 1 : !strcmp(k, "unopt") ? 0 : -1;
			} else {
				char hex[200];
				hexdump(hex, sizeof(hex), &d->pk.v[bad]);
				st->defects_unrecorded++;
				report(c, R_DEFECT, "%s '%s': libpcap's optimized and unoptimized programs "
				       "disagree on %s (opt %u, unopt %u; caplen %u len %u: %s); record it in "
				       "known-defects.tsv with the logically right mode", d->name, t->expr,
				       d->pk.v[bad].origin, d->ref[1].v[bad], d->ref[0].v[bad],
				       d->pk.v[bad].caplen, d->pk.v[bad].wirelen, hex);
			}
		}
	}

	/* Semantics, per mode where both compile. */
	int both_any = 0, sem_bad = 0;
	long otpend = strset_find(&c->pending, "opt-truncation", d->name, t->expr);
	if (otpend >= 0)
		c->pending.used[otpend] = 1;
	for (int m = 0; m < 2; m++) {
		if (!cand_ok[m])
			continue;
		st->cand_progs++;
		int why;
		int k = ts_kernel_accepts(cand[m].insns, cand[m].len, &why);
		if (k == 1) {
			st->cand_kernel_ok++;
		} else {
			report(c, R_KERNEL, "%s %s '%s': the kernel refuses the program (%s, %zu "
			       "instructions)", d->name, m ? "opt" : "unopt", t->expr, strerror(why),
			       cand[m].len);
		}
		if (!ref_ok[m])
			continue;
		both_any = 1;
		if (m == 1) {
			st->len_cand += (long)cand[m].len;
			st->len_ref += (long)ref[m].len;
		}
		const results *rr = &d->ref[right >= 0 ? right : m];
		if (right >= 0 && !ref_ok[right])
			rr = &d->ref[m];
		const ts_prog *rp = &ref[rr == &d->ref[m] ? m : right];
		run_all(&cand[m], &d->pk, &d->cand, st);
		int trunc_only = 0; /* opt: packets differing from libpcap's only past the data */
		for (size_t i = 0; i < d->pk.n; i++) {
			if (rr->hung[i]) {
				st->ref_hangs++;
				continue;
			}
			uint32_t want = rr->v[i], got = d->cand.v[i];
			long loops = 0;
			if (got != want && !d->cand.hung[i]) {
				/* The documented classes (docs/testing.md), decided on libpcap's program */
				const ts_packet *p = &d->pk.v[i];
				ts_walk w;
				ts_bpf_walk(rp->insns, rp->len, p->data, p->wirelen, p->caplen, &w);
				loops = w.back_jumps;
				if (w.scratch_unset) {
					st->ref_undefined++;
					continue;
				}
				if (w.back_jumps >= PROTOCHAIN_DOCUMENTED_STEPS) {
					st->beyond_depth++;
					continue;
				}
				if (m == 1 && cand_truncation_only(d, &cand[m], rp, p)) {
					st->opt_trunc_packets++;
					trunc_only = 1;
					continue;
				}
			}
			if (d->amb[i] && got != want && got == d->ref[!m].v[i]) {
				want = got;
				st->cand_truncation_ambiguous++;
			}
			int vm_bad = 0;
			uint32_t vmv = got;
			if (c->vm_on) {
				const ts_packet *p = &d->pk.v[i];
				vmv = ns_vm_run((const ns_insn *)(const void *)cand[m].insns, cand[m].len,
						p->data, p->wirelen, p->caplen, NULL);
				vm_bad = vmv != got && !d->cand.hung[i];
			}
			if (got != want || d->cand.hung[i] || vm_bad) {
				char hex[200];
				hexdump(hex, sizeof(hex), &d->pk.v[i]);
				if (got != want || d->cand.hung[i]) {
					sem_bad = 1;
					report(c, R_SEMANTIC, "%s %s '%s' (%s): packet %s (caplen %u len %u): "
					       "libpcap %u, netsift %u%s (libpcap's loop went round %ld times): %s",
					       d->name, m ? "opt" : "unopt", t->expr,
					       source_names[t->src], d->pk.v[i].origin, d->pk.v[i].caplen,
					       d->pk.v[i].wirelen, want, got, d->cand.hung[i] ? " (hung)" : "", loops,
					       hex);
				} else {
					st->vm_bad++;
					report(c, R_VM, "%s %s '%s': packet %s: bpf_filter %u, ns_vm_run %u: %s",
					       d->name, m ? "opt" : "unopt", t->expr, d->pk.v[i].origin, got, vmv, hex);
				}
				break;
			}
		}
		if (trunc_only)
			opt_truncation_case(c, d, t, st, &sem_bad);
	}
	for (int m = 0; m < 2; m++)
		if (ref_ok[m]) {
			st->ref_progs++;
			int why;
			st->ref_kernel_ok += ts_kernel_accepts(ref[m].insns, ref[m].len, &why) == 1;
		}
	if (both_any) {
		st->both++;
		if (sem_bad)
			st->semantic_bad++;
		else
			st->semantic_ok++;
	}
	for (int m = 0; m < 2; m++) {
		ts_prog_free(&ref[m]);
		ts_prog_free(&cand[m]);
	}
}

static void check_reject(dltrun *d, const tcase *t)
{
	ctx *c = d->c;
	stats *st = &d->st;
	st->reject_run++;
	/* libpcap's TESTrun compiles its reject tests with the optimizer on, and some errors are
	 * the optimizer's ("expression rejects all packets"): the optimized mode is the one that
	 * must refuse. */
	int cand_accepts = 0, ref_accepts = 0;
	for (int m = 1; m < 2; m++) {
		ts_prog p = {0};
		char err[512];
		tcase tc = *t;
		if (candidate_compile(c, d->dlt, &tc, m, &p, err, sizeof(err)) == 0)
			cand_accepts = 1;
		ts_prog_free(&p);
		if (ts_pcap_compile(d->dlt, 0, t->netmask, t->expr, m, &p, err, sizeof(err)) == 0)
			ref_accepts = 1;
		ts_prog_free(&p);
	}
	st->reject_ref_refused += !ref_accepts;
	long pend = strset_find(&c->pending, "accepts", d->name, t->expr);
	if (pend >= 0)
		c->pending.used[pend] = 1;
	if (!cand_accepts) {
		st->reject_cand_refused++;
		return;
	}
	if (c->pending_out) {
		fputs("accepts\t", c->pending_out);
		ts_tsv_put(c->pending_out, d->name);
		fputc('\t', c->pending_out);
		ts_tsv_put(c->pending_out, t->expr);
		fputc('\n', c->pending_out);
	}
	if (pend >= 0) {
		st->reject_pending++;
		c->pending.hit[pend] = 1;
	} else {
		st->reject_unlisted++;
		if (!c->pending_out)
			report(c, R_REJECT, "%s '%s' (libpcap reject test %s): netsift accepts it%s", d->name,
			       t->expr, t->name, ref_accepts ? " (libpcap 1.10.3 accepts it too)" : "");
	}
}

static int dlt_of(const char *name)
{
	int dlt = pcap_datalink_name_to_val(name);
	return dlt;
}

static void run_dlt(ctx *c, const char *name, stats *total)
{
	const options *o = c->opt;
	dltrun d;
	memset(&d, 0, sizeof(d));
	d.c = c;
	d.name = name;
	d.dlt = dlt_of(name);
	if (d.dlt < 0) {
		report(c, R_SETUP, "unknown link type %s", name);
		total->setup_errors++;
		return;
	}
	time_t start = time(NULL);
	caselist cases = {0}, rejects = {0};
	load_cases(o, name, &cases, &rejects);
	/* The packets do not depend on the options that pick the cases: their hints come from
	 * every accept and newer test of the link type and from at least the default number of
	 * random expressions, and a smaller -p takes a prefix of the same packet stream. So a
	 * reduced run (sanitizer build, self-test) is a subset of the full one, and meets no libpcap
	 * defect the full run has not met. */
	ts_hints hints;
	ts_hints_init(&hints);
	{
		options all = *o;
		all.use_accept = all.use_newer = 1;
		all.use_reject = 0;
		caselist suite = {0}, none = {0};
		load_cases(&all, name, &suite, &none);
		for (size_t i = 0; i < suite.n; i++)
			ts_hints_scan(&hints, suite.v[i].expr);
		caselist_free(&suite);
		caselist_free(&none);
	}
	{
		ts_rng rng;
		ts_rng_seed(&rng, o->seed * 1000003ULL + (uint64_t)d.dlt);
		long n = o->random_count > DEFAULT_RANDOM ? o->random_count : DEFAULT_RANDOM;
		for (long i = 0; i < n; i++) {
			char buf[1024];
			ts_exprgen(&rng, d.dlt, buf, sizeof(buf));
			ts_hints_scan(&hints, buf);
			if (!o->use_random || i >= o->random_count)
				continue;
			char nm[32];
			snprintf(nm, sizeof(nm), "random#%ld", i + 1);
			/* `ip broadcast` needs the capture's netmask: give one where it is used (the
			 * missing-netmask error is tested by the reject tests). */
			uint32_t mask = strstr(buf, "broadcast") ? 0xffffff00u : 0;
			caselist_add(&cases, (tcase){SRC_RANDOM, xstrdup(nm), xstrdup(buf), 0, mask, {NULL, NULL}});
		}
	}
	if (o->list_exprs) {
		for (size_t i = 0; i < cases.n; i++)
			printf("%s\t%s\t%s\n", name, source_names[cases.v[i].src], cases.v[i].expr);
		caselist_free(&cases);
		caselist_free(&rejects);
		return;
	}

	/* Packets: the real captures copied for this link type, then generated ones. */
	ts_pktset_init(&d.pk, d.dlt);
	if (o->use_real) {
		char path[1024], err[512];
		snprintf(path, sizeof(path), "%s/real-%s.pcap", o->data_dir, name);
		if (access(path, R_OK) == 0) {
			long n = ts_pktset_load(&d.pk, path, err, sizeof(err));
			if (n < 0) {
				report(c, R_SETUP, "%s", err);
				d.st.setup_errors++;
			}
		}
	}
	d.st.packets_real = (long)d.pk.n;
	ts_pktgen(&d.pk, o->seed, (size_t)o->packet_count, &hints);
	d.st.packets_gen = (long)d.pk.n - d.st.packets_real;
	if (o->save_packets) {
		char path[1024], err[512];
		snprintf(path, sizeof(path), "%s/%s.pcap", o->save_packets, name);
		if (ts_pktset_save(&d.pk, path, err, sizeof(err)) < 0)
			report(c, R_SETUP, "%s", err);
	}
	results *rs[] = {&d.ref[0], &d.ref[1], &d.cand, &d.other};
	for (size_t i = 0; i < 4; i++) {
		rs[i]->v = calloc(d.pk.n + 1, sizeof(uint32_t));
		rs[i]->hung = calloc(d.pk.n + 1, 1);
		if (!rs[i]->v || !rs[i]->hung)
			abort();
	}

	d.amb = calloc(d.pk.n + 1, 1);
	d.padded = malloc(PADDED_MAX);
	if (!d.amb || !d.padded)
		abort();
	for (size_t i = 0; i < cases.n; i++)
		check_expression(&d, &cases.v[i]);
	free(d.amb);
	free(d.padded);
	for (size_t i = 0; i < rejects.n; i++)
		check_reject(&d, &rejects.v[i]);

	printf("%-10s expressions %ld (accept %ld, newer %ld, random %ld), agree %ld, missing %ld, "
	       "wrong %ld, semantic %ld/%ld, packets %ld real + %ld generated, rejects %ld/%ld, %lds\n",
	       name, d.st.exprs, d.st.exprs_accept, d.st.exprs_newer, d.st.exprs_random, d.st.agree,
	       d.st.missing, d.st.wrong, d.st.semantic_ok, d.st.both, d.st.packets_real,
	       d.st.packets_gen, d.st.reject_cand_refused, d.st.reject_run, (long)(time(NULL) - start));
	fflush(stdout);
	stats_add(total, &d.st);
	for (size_t i = 0; i < 4; i++) {
		free(rs[i]->v);
		free(rs[i]->hung);
	}
	ts_pktset_free(&d.pk);
	caselist_free(&cases);
	caselist_free(&rejects);
}

/* Whether the comma-separated list names the link type. */
static int list_has(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Entries of the pending and defect lists for link types of this run that named no case, or
 * named a case that no longer needs them. */
static void check_stale(ctx *c, stats *st, const char *dlt_filter)
{
	for (size_t i = 0; i < c->pending.n; i++) {
		const char *k = c->pending.keys[i];
		const char *dl = strchr(k, '\t') + 1;
		size_t dn = strcspn(dl, "\t");
		char dname[64];
		snprintf(dname, sizeof(dname), "%.*s", (int)(dn < 63 ? dn : 63), dl);
		if (!list_has(dlt_filter, dname))
			continue;
		/* Several cases can share a key (one expression with several netmasks, or drawn
		 * twice): an entry is fixed when none of its cases needed it any more. */
		/* An opt-truncation entry shows only on the truncated packets of the full packet
		 * set: with fewer packets (the sanitizer build's run) it may not show. */
		int partial = !strncmp(k, "opt-truncation\t", 15) && c->opt->packet_count < DEFAULT_PACKETS;
		if (c->pending.used[i] && !c->pending.hit[i] && !c->pending_out && !partial) {
			st->pending_fixed++;
			report(c, R_PENDING_FIXED, "listed as pending but passes now: remove it from the "
			       "pending list: %s", k);
		}
		if (!c->pending.used[i] && c->opt->strict_stale) {
			st->pending_stale++;
			report(c, R_STALE, "pending entry names no case of this run: %s", k);
		}
	}
	for (size_t i = 0; i < c->defects.n; i++) {
		const char *k = c->defects.keys[i];
		size_t dn = strcspn(k, "\t");
		char dname[64];
		snprintf(dname, sizeof(dname), "%.*s", (int)(dn < 63 ? dn : 63), k);
		/* A class entry ("*") is not about one case: it is never stale. */
		if (!strcmp(dname, "*") || !list_has(dlt_filter, dname))
			continue;
		if ((c->defects.used[i] || c->opt->strict_stale) && !c->defects.hit[i]) {
			st->defects_stale++;
			report(c, R_STALE, "known-defects entry no longer shows a disagreement (or names no "
			       "case): %s", k);
		}
	}
}

/* ---- VM detection ---- */

/* The VM is used when asked, or by default when ns_vm_run is the real interpreter rather than
 * the placeholder: decided by running a few programs whose answers libpcap gives. */
static int vm_is_real(void)
{
	static const struct bpf_insn progs[][3] = {
		{{BPF_LD | BPF_IMM, 0, 0, 7}, {BPF_RET | BPF_A, 0, 0, 0}, {0, 0, 0, 0}},
		{{BPF_LD | BPF_B | BPF_ABS, 0, 0, 1}, {BPF_RET | BPF_A, 0, 0, 0}, {0, 0, 0, 0}},
		{{BPF_LD | BPF_W | BPF_ABS, 0, 0, 0}, {BPF_RET | BPF_K, 0, 0, 9}, {0, 0, 0, 0}},
		{{BPF_LD | BPF_W | BPF_LEN, 0, 0, 0}, {BPF_ALU | BPF_ADD | BPF_K, 0, 0, 3}, {BPF_RET | BPF_A, 0, 0, 0}},
	};
	static const size_t lens[] = {2, 2, 2, 3};
	static const uint8_t pkt[3] = {0x11, 0x5a, 0x22};
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		int hung;
		uint32_t want = ts_bpf_run(progs[i], lens[i], pkt, 100, 3, &hung);
		uint32_t got = ns_vm_run((const ns_insn *)(const void *)progs[i], lens[i], pkt, 100, 3, NULL);
		if (want != got)
			return 0;
	}
	return 1;
}

/* Sorts the data lines of a file and drops duplicates (an expression can be drawn twice),
 * keeping the comment lines on top. */
static void sort_unique_file(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char **lines = NULL, *line = NULL;
	size_t n = 0, cap = 0, lcap = 0;
	ssize_t len;
	while ((len = getline(&line, &lcap, f)) >= 0) {
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			lines = realloc(lines, cap * sizeof(char *));
			if (!lines)
				abort();
		}
		lines[n++] = xstrdup(line);
	}
	free(line);
	fclose(f);
	size_t head = 0;
	while (head < n && lines[head][0] == '#')
		head++;
	qsort(lines + head, n - head, sizeof(char *), cmp_str);
	f = fopen(path, "w");
	if (!f)
		abort();
	for (size_t i = 0; i < n; i++) {
		if (i > head && !strcmp(lines[i], lines[i - 1]))
			continue;
		fputs(lines[i], f);
	}
	fclose(f);
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* The watchdog must stop a program that loops: a two-instruction loop, as libpcap's protochain
 * code can become on some packets. 0 when it does. */
static int watchdog_works(void)
{
	static const struct bpf_insn loop[] = {
		{BPF_LD | BPF_IMM, 0, 0, 0}, {BPF_JMP | BPF_JA, 0, 0, (uint32_t)-2},
		{BPF_RET | BPF_K, 0, 0, 1},
	};
	static const uint8_t pkt[1] = {0};
	int hung;
	ts_bpf_run(loop, 3, pkt, 1, 1, &hung);
	return hung ? 0 : -1;
}

/* ---- main ---- */

static void pct(char *buf, size_t size, long a, long b)
{
	if (!b)
		snprintf(buf, size, "n/a");
	else if (a == b)
		snprintf(buf, size, "100%%");
	else
		snprintf(buf, size, "%.2f%%", 100.0 * (double)a / (double)b);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: diffcompile [options]\n"
		"  -D, --data DIR         test data (default tests/data/compile)\n"
		"  -y, --dlts LIST        link types, comma-separated (default: all nine)\n"
		"  -n, --random N         random expressions per link type (default 2000)\n"
		"  -p, --packets N        generated packets per link type (default 2000)\n"
		"  -s, --seed S           seed of both generators (default 1)\n"
		"  -c, --candidate C      netsift (default), or a self-test: libpcap, damage-jump,\n"
		"                         damage-len\n"
		"      --vm auto|on|off   also run candidate programs in ns_vm_run (auto: when the\n"
		"                         real VM is linked)\n"
		"  -j, --jobs N           worker processes, one per share of the link types\n"
		"      --sources LIST     of accept,newer,reject,random (default all)\n"
		"      --no-real          generated packets only\n"
		"      --pending FILE     (default DATA/pending.tsv)\n"
		"      --known-defects F  (default DATA/known-defects.tsv)\n"
		"      --write-pending F  write the cases netsift cannot do yet to F (the pending\n"
		"                         list) instead of failing on them; the check never does this\n"
		"      --strict-stale     pending/defect entries naming no case of the run fail\n"
		"      --save-packets DIR write each link type's packet set as DIR/DLT.pcap\n"
		"      --list-exprs       print the expressions and exit\n"
		"      --uncovered        print the expressions whose libpcap program matches no\n"
		"                         packet, or every packet\n"
		"  -m, --max-reports N    detailed reports per kind of failure (default 20)\n");
}

int main(int argc, char **argv)
{
	static const char *const all_dlts = "EN10MB,LINUX_SLL,LINUX_SLL2,RAW,IPV4,IPV6,NULL,LOOP,PPP";
	options o;
	memset(&o, 0, sizeof(o));
	o.data_dir = "tests/data/compile";
	snprintf(o.dlts, sizeof(o.dlts), "%s", all_dlts);
	o.random_count = DEFAULT_RANDOM;
	o.packet_count = DEFAULT_PACKETS;
	o.seed = 1;
	o.vm = -1;
	o.jobs = 1;
	o.use_accept = o.use_newer = o.use_reject = o.use_random = o.use_real = 1;
	o.max_reports = 20;
	enum { O_VM = 256, O_SOURCES, O_NOREAL, O_PENDING, O_DEFECTS, O_WRITE, O_STRICT, O_SAVE, O_LIST, O_UNCOV };
	static const struct option longopts[] = {
		{"data", 1, 0, 'D'}, {"dlts", 1, 0, 'y'}, {"random", 1, 0, 'n'}, {"packets", 1, 0, 'p'},
		{"seed", 1, 0, 's'}, {"candidate", 1, 0, 'c'}, {"jobs", 1, 0, 'j'},
		{"max-reports", 1, 0, 'm'}, {"vm", 1, 0, O_VM}, {"sources", 1, 0, O_SOURCES},
		{"no-real", 0, 0, O_NOREAL}, {"pending", 1, 0, O_PENDING},
		{"known-defects", 1, 0, O_DEFECTS}, {"write-pending", 1, 0, O_WRITE},
		{"strict-stale", 0, 0, O_STRICT}, {"save-packets", 1, 0, O_SAVE},
		{"list-exprs", 0, 0, O_LIST}, {"uncovered", 0, 0, O_UNCOV}, {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
	int ch;
	while ((ch = getopt_long(argc, argv, "D:y:n:p:s:c:j:m:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'D': o.data_dir = optarg; break;
		case 'y': snprintf(o.dlts, sizeof(o.dlts), "%s", optarg); break;
		case 'n': o.random_count = atol(optarg); break;
		case 'p': o.packet_count = atol(optarg); break;
		case 's': o.seed = strtoull(optarg, NULL, 0); break;
		case 'j': o.jobs = atoi(optarg) > 0 ? atoi(optarg) : 1; break;
		case 'm': o.max_reports = atoi(optarg); break;
		case 'c': {
			size_t i;
			for (i = 0; i < 4 && strcmp(optarg, candidate_names[i]); i++)
				;
			if (i == 4) {
				fprintf(stderr, "diffcompile: unknown candidate %s\n", optarg);
				return 2;
			}
			o.cand = (enum candidate)i;
			break;
		}
		case O_VM: o.vm = !strcmp(optarg, "on") ? 1 : !strcmp(optarg, "off") ? 0 : -1; break;
		case O_SOURCES:
			o.use_accept = strstr(optarg, "accept") != NULL;
			o.use_newer = strstr(optarg, "newer") != NULL;
			o.use_reject = strstr(optarg, "reject") != NULL;
			o.use_random = strstr(optarg, "random") != NULL;
			break;
		case O_NOREAL: o.use_real = 0; break;
		case O_PENDING: o.pending_path = optarg; break;
		case O_DEFECTS: o.defects_path = optarg; break;
		case O_WRITE: o.write_pending = optarg; break;
		case O_STRICT: o.strict_stale = 1; break;
		case O_SAVE: o.save_packets = optarg; break;
		case O_LIST: o.list_exprs = 1; break;
		case O_UNCOV: o.uncovered = 1; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	_Static_assert(sizeof(ns_insn) == sizeof(struct bpf_insn), "ns_insn is struct bpf_insn");

	char pending_default[1024], defects_default[1024];
	snprintf(pending_default, sizeof(pending_default), "%s/pending.tsv", o.data_dir);
	snprintf(defects_default, sizeof(defects_default), "%s/known-defects.tsv", o.data_dir);
	ctx c;
	memset(&c, 0, sizeof(c));
	c.opt = &o;
	/* A self-test candidate is libpcap itself: no pending list applies to it. */
	if (o.cand == CAND_NETSIFT)
		strset_load(&c.pending, o.pending_path ? o.pending_path : pending_default);
	strset_load(&c.defects, o.defects_path ? o.defects_path : defects_default);
	if (watchdog_works() < 0) {
		fprintf(stderr, "diffcompile: the watchdog did not stop a looping program\n");
		return 2;
	}
	c.truncation_class = strset_find(&c.defects, "*", "*", "truncation");
	c.vm_on = o.vm == 1 || (o.vm == -1 && vm_is_real());
	if (o.write_pending) {
		c.pending_out = fopen(o.write_pending, "w");
		if (!c.pending_out) {
			perror(o.write_pending);
			return 2;
		}
		fprintf(c.pending_out, "# Cases netsift cannot do yet (ratchet: the differential check fails on an\n"
			"# unlisted one, and on a listed one that passes). Written by\n"
			"#   diffcompile --write-pending FILE (see docs/testing.md); never edited by the check.\n"
			"# kind\tdlt\texpr   (missing: libpcap compiles it, netsift refuses;\n"
			"#                    accepts: a libpcap reject test that netsift compiles;\n"
			"#                    opt-truncation: the optimized program differs from libpcap's\n"
			"#                    only on packets shorter than the fields read, a documented\n"
			"#                    class; empty: libpcap -O refuses as matching nothing, netsift\n"
			"#                    compiles a program that matches no packet: docs/testing.md)\n");
		o.jobs = 1;
	}
	printf("diffcompile: candidate %s, vm %s, seed %llu, %ld random expressions and %ld generated "
	       "packets per link type\n", candidate_names[o.cand], c.vm_on ? "on" : "off", o.seed,
	       o.use_random ? o.random_count : 0, o.packet_count);
	fflush(stdout);

	char *names[16];
	int ndlt = 0;
	char dl[512];
	snprintf(dl, sizeof(dl), "%s", o.dlts);
	for (char *save = NULL, *t = strtok_r(dl, ",", &save); t && ndlt < 16; t = strtok_r(NULL, ",", &save))
		names[ndlt++] = t;

	time_t start = time(NULL);
	stats total;
	memset(&total, 0, sizeof(total));
	if (o.jobs <= 1) {
		for (int i = 0; i < ndlt; i++)
			run_dlt(&c, names[i], &total);
		if (!o.list_exprs)
			check_stale(&c, &total, o.dlts);
	} else {
		/* Workers take link types round-robin and send their stats back through a pipe. */
		int fds[16][2];
		pid_t pids[16];
		int jobs = o.jobs > 16 ? 16 : o.jobs;
		for (int j = 0; j < jobs; j++) {
			if (pipe(fds[j]) < 0) {
				perror("pipe");
				return 2;
			}
			pids[j] = fork();
			if (pids[j] == 0) {
				close(fds[j][0]);
				stats st;
				memset(&st, 0, sizeof(st));
				char mine[512] = "";
				for (int i = j; i < ndlt; i += jobs) {
					run_dlt(&c, names[i], &st);
					strncat(mine, names[i], sizeof(mine) - strlen(mine) - 2);
					strcat(mine, ",");
				}
				check_stale(&c, &st, mine);
				fflush(stdout);
				ssize_t w = write(fds[j][1], &st, sizeof(st));
				_exit(w == (ssize_t)sizeof(st) ? 0 : 3);
			}
			close(fds[j][1]);
		}
		for (int j = 0; j < jobs; j++) {
			stats st;
			ssize_t r = read(fds[j][0], &st, sizeof(st));
			int status;
			waitpid(pids[j], &status, 0);
			if (r != (ssize_t)sizeof(st) || !WIFEXITED(status) || WEXITSTATUS(status)) {
				printf("SETUP: worker %d died (status 0x%x)\n", j, status);
				total.setup_errors++;
			} else {
				stats_add(&total, &st);
			}
			close(fds[j][0]);
		}
	}
	strset_free(&c.pending);
	strset_free(&c.defects);
	if (o.list_exprs)
		return 0;
	if (c.pending_out) {
		fclose(c.pending_out);
		sort_unique_file(o.write_pending);
	}

	char agree[32], sem[32], kern[32], kref[32], rej[32];
	pct(agree, sizeof(agree), total.agree, total.exprs);
	pct(sem, sizeof(sem), total.semantic_ok, total.both);
	pct(kern, sizeof(kern), total.cand_kernel_ok, total.cand_progs);
	pct(kref, sizeof(kref), total.ref_kernel_ok, total.ref_progs);
	pct(rej, sizeof(rej), total.reject_cand_refused, total.reject_run);
	double ratio = total.len_ref ? (double)total.len_cand / (double)total.len_ref : 0.0;
	printf("expressions: %ld (libpcap accept tests %ld, newer-libpcap tests %ld, random %ld); "
	       "packets: %ld real + %ld generated; %ld program runs; %lds\n",
	       total.exprs, total.exprs_accept, total.exprs_newer, total.exprs_random,
	       total.packets_real, total.packets_gen, total.runs, (long)(time(NULL) - start));
	printf("acceptance agreement: %s (%ld/%ld); wrong %ld; missing %ld (pending %ld, unlisted %ld)\n",
	       agree, total.agree, total.exprs, total.wrong, total.missing, total.missing_pending,
	       total.missing_unlisted);
	printf("semantic agreement: %s (%ld/%ld expressions compiled by both)%s; vm %s, vm "
	       "disagreements %ld; packets skipped where libpcap hung: %ld\n",
	       sem, total.semantic_ok, total.both, "", c.vm_on ? "on" : "off", total.vm_bad,
	       total.ref_hangs);
	char cs[32], cp[32];
	pct(cs, sizeof(cs), total.cov_some, total.cov_exprs);
	pct(cp, sizeof(cp), total.cov_split, total.cov_exprs);
	printf("packet coverage: libpcap's unoptimized program matches some packet for %s of %ld "
	       "non-constant expressions, some but not all for %s\n", cs, total.cov_exprs, cp);
	printf("kernel: candidate %s (%ld/%ld programs), libpcap %s (%ld/%ld)\n", kern,
	       total.cand_kernel_ok, total.cand_progs, kref, total.ref_kernel_ok, total.ref_progs);
	printf("libpcap opt/unopt disagreements: %ld expressions (known defects %ld, unrecorded %ld); "
	       "%ld packet verdicts differing only by truncation (candidate took the other one on "
	       "%ld); stale entries: defects %ld, pending %ld; pending entries fixed: %ld\n",
	       total.defects, total.defects_known, total.defects_unrecorded,
	       total.ref_truncation_ambiguous, total.cand_truncation_ambiguous, total.defects_stale,
	       total.pending_stale, total.pending_fixed);
	printf("documented classes (docs/testing.md): reference undefined (libpcap reads a scratch "
	       "cell it never wrote) %ld packet verdicts, not compared; protochain beyond documented "
	       "depth %ld packet verdicts; opt-truncation %ld expressions (%ld packet verdicts, "
	       "unlisted %ld); empty (libpcap -O proves no match, netsift's program matches no packet) "
	       "%ld\n", total.ref_undefined, total.beyond_depth, total.opt_trunc_exprs,
	       total.opt_trunc_packets, total.opt_trunc_unlisted, total.empty_class);
	printf("listing reader: %ld libpcap programs written by bpf_image() read back%s\n",
	       total.listings, total.setup_errors ? " (see SETUP errors)" : " identically");
	printf("reject tests: %ld; candidate refuses %s (%ld), libpcap 1.10.3 refuses %ld; accepted "
	       "by candidate: pending %ld, unlisted %ld\n", total.reject_run, rej,
	       total.reject_cand_refused, total.reject_ref_refused, total.reject_pending,
	       total.reject_unlisted);
	printf("compile: agree=%s semantic=%s kernel=%s length_ratio=%.3f missing=%ld pending=%ld\n",
	       agree, sem, kern, ratio, total.missing, total.missing_pending + total.reject_pending);

	/* libpcap as a self-test candidate fails the kernel check by design (protochain). */
	int kernel_bad = o.cand == CAND_NETSIFT && total.cand_kernel_ok != total.cand_progs;
	int fail = total.wrong || total.semantic_bad || total.vm_bad || kernel_bad ||
		   total.defects_unrecorded ||
		   total.defects_stale || total.setup_errors;
	if (!o.write_pending)
		fail = fail || total.missing_unlisted || total.reject_unlisted || total.pending_stale ||
		       total.pending_fixed;
	return fail ? 1 : 0;
}
