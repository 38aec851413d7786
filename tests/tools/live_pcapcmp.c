/* Compares two captures packet by packet, time stamps aside: the same link type and snapshot
 * length, the same number of records, and in each record the same captured length, wire length
 * and bytes. Each side may be several files (comma-separated), read one after the other, which
 * is how a -C rotation is compared with another.
 *
 *   live_pcapcmp A[,A2...] B[,B2...]     exit 0 when equal, 1 with the first difference
 *   live_pcapcmp -n FILE[,FILE2...]      prints the number of records */
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
			if (ra == rb)
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
