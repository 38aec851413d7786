/* Compares two captures packet by packet, time stamps aside: the same link type and snapshot
 * length, the same number of records, and in each record the same captured length, wire length
 * and bytes. Each side may be several files (comma-separated), read one after the other, which
 * is how a -C rotation is compared with another.
 *
 *   live_pcapcmp A[,A2...] B[,B2...]     exit 0 when equal, 1 with the first difference
 *   live_pcapcmp -u A[,A2...] B[,B2...]  the same, in any order (two sockets on a busy
 *                                        2-CPU machine may see concurrent packets in
 *                                        different orders)
 *   live_pcapcmp -n FILE[,FILE2...]      prints the number of records
 *   live_pcapcmp -p A[,A2...] B[,B2...]  A equals the first records of B (A was stopped
 *                                        earlier than B on the same traffic) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

typedef struct side {
	char *list, *next;
	pcap_t *p;
	int linktype, snaplen;
	long index;
	char name[4096];
} side;

/* Opens the next file of the list; 0 at the end, -1 on error. */
static int open_next(side *s)
{
	if (s->p) {
		pcap_close(s->p);
		s->p = NULL;
	}
	if (!s->next || !*s->next)
		return 0;
	char *comma = strchr(s->next, ',');
	size_t n = comma ? (size_t)(comma - s->next) : strlen(s->next);
	snprintf(s->name, sizeof(s->name), "%.*s", (int)n, s->next);
	s->next = comma ? comma + 1 : NULL;
	char ebuf[PCAP_ERRBUF_SIZE];
	s->p = pcap_open_offline(s->name, ebuf);
	if (!s->p) {
		fprintf(stderr, "live_pcapcmp: %s\n", ebuf);
		return -1;
	}
	if (s->linktype < 0) {
		s->linktype = pcap_datalink(s->p);
		s->snaplen = pcap_snapshot(s->p);
	}
	return 1;
}

/* The next record over all files: 1, 0 at the end, -1 on error. */
static int next(side *s, struct pcap_pkthdr **h, const u_char **d)
{
	for (;;) {
		if (!s->p) {
			int rc = open_next(s);
			if (rc <= 0)
				return rc;
		}
		int rc = pcap_next_ex(s->p, h, d);
		if (rc == 1) {
			s->index++;
			return 1;
		}
		if (rc == -1) {
			fprintf(stderr, "live_pcapcmp: %s: %s\n", s->name, pcap_geterr(s->p));
			return -1;
		}
		pcap_close(s->p);
		s->p = NULL;
		if (!s->next)
			return 0;
	}
}

static void init(side *s, char *list)
{
	memset(s, 0, sizeof(*s));
	s->list = s->next = list;
	s->linktype = -1;
}

/* A record's identity for the unordered comparison: FNV-1a over lengths and bytes. */
static uint64_t digest(const struct pcap_pkthdr *h, const u_char *d)
{
	uint64_t x = 1469598103934665603ull;
	uint32_t lens[2] = {h->caplen, h->len};
	const u_char *p = (const u_char *)lens;
	for (size_t i = 0; i < sizeof(lens); i++)
		x = (x ^ p[i]) * 1099511628211ull;
	for (uint32_t i = 0; i < h->caplen; i++)
		x = (x ^ d[i]) * 1099511628211ull;
	return x;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* All digests of one side, sorted; -1 on error. */
static long digests(side *s, uint64_t **out)
{
	size_t n = 0, cap = 1024;
	uint64_t *v = malloc(cap * sizeof(*v));
	struct pcap_pkthdr *h;
	const u_char *d;
	int rc;
	while (v && (rc = next(s, &h, &d)) == 1) {
		if (n == cap) {
			uint64_t *w = realloc(v, (cap *= 2) * sizeof(*v));
			if (!w) {
				free(v);
				return -1;
			}
			v = w;
		}
		v[n++] = digest(h, d);
	}
	if (!v || rc < 0)
		return -1;
	qsort(v, n, sizeof(*v), cmp_u64);
	*out = v;
	return (long)n;
}

static int unordered(char *la, char *lb)
{
	side a, b;
	init(&a, la);
	init(&b, lb);
	uint64_t *va, *vb;
	long na = digests(&a, &va), nb = digests(&b, &vb);
	if (na < 0 || nb < 0)
		return 2;
	if (a.linktype != b.linktype || a.snaplen != b.snaplen) {
		printf("headers differ: link type %d/%d, snaplen %d/%d\n", a.linktype, b.linktype,
		       a.snaplen, b.snaplen);
		return 1;
	}
	if (na != nb) {
		printf("record counts differ: %ld/%ld\n", na, nb);
		return 1;
	}
	for (long i = 0; i < na; i++)
		if (va[i] != vb[i]) {
			printf("the records differ (in any order)\n");
			return 1;
		}
	free(va);
	free(vb);
	return 0;
}

int main(int argc, char **argv)
{
	struct pcap_pkthdr *h;
	const u_char *d;
	side a, b;
	if (argc == 3 && strcmp(argv[1], "-n") == 0) {
		init(&a, argv[2]);
		int rc;
		while ((rc = next(&a, &h, &d)) == 1)
			;
		if (rc < 0)
			return 2;
		printf("%ld\n", a.index);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "-u") == 0)
		return unordered(argv[2], argv[3]);
	int prefix = argc == 4 && strcmp(argv[1], "-p") == 0;
	if (prefix) {
		argv++;
		argc--;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: live_pcapcmp A[,A2...] B[,B2...] | -n FILE[,...]\n");
		return 2;
	}
	init(&a, argv[1]);
	init(&b, argv[2]);
	for (;;) {
		struct pcap_pkthdr *ha, *hb;
		const u_char *da, *db;
		int ra = next(&a, &ha, &da), rb = next(&b, &hb, &db);
		if (ra < 0 || rb < 0)
			return 2;
		if (a.linktype != b.linktype || a.snaplen != b.snaplen) {
			printf("headers differ: link type %d/%d, snaplen %d/%d\n", a.linktype, b.linktype,
			       a.snaplen, b.snaplen);
			return 1;
		}
		if (ra == 0 || rb == 0) {
			if (ra == rb || (prefix && ra == 0))
				return 0;
			printf("record counts differ: %s ends after %ld records\n",
			       ra == 0 ? "first" : "second", ra == 0 ? a.index : b.index);
			return 1;
		}
		if (ha->caplen != hb->caplen || ha->len != hb->len ||
		    memcmp(da, db, ha->caplen) != 0) {
			printf("record %ld differs: caplen %u/%u len %u/%u%s\n", a.index, ha->caplen,
			       hb->caplen, ha->len, hb->len,
			       ha->caplen == hb->caplen ? ", bytes differ" : "");
			return 1;
		}
	}
}
