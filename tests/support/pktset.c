/* Packet sets: a growable array of owned packet copies, with libpcap doing the file formats
 * (pcap and pcapng alike) so the tests read captures exactly as tcpdump does. */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/support/pktset.h"

void ts_pktset_init(ts_pktset *s, int dlt)
{
	memset(s, 0, sizeof(*s));
	s->dlt = dlt;
}

void ts_pktset_free(ts_pktset *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].data);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void ts_pktset_add(ts_pktset *s, const uint8_t *data, uint32_t caplen, uint32_t wirelen,
		   const char *origin)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		if (!s->v)
			abort();
	}
	ts_packet *p = &s->v[s->n++];
	/* One spare byte so an empty packet still has a valid pointer. */
	p->data = malloc(caplen + 1);
	if (!p->data)
		abort();
	memcpy(p->data, data, caplen);
	p->caplen = caplen;
	p->wirelen = wirelen < caplen ? caplen : wirelen;
	snprintf(p->origin, sizeof(p->origin), "%s", origin);
}

long ts_pktset_load(ts_pktset *s, const char *path, char *err, size_t errsize)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline(path, ebuf);
	if (!p) {
		snprintf(err, errsize, "%s: %s", path, ebuf);
		return -1;
	}
	if (pcap_datalink(p) != s->dlt) {
		snprintf(err, errsize, "%s: link type %d, expected %d", path, pcap_datalink(p), s->dlt);
		pcap_close(p);
		return -1;
	}
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	struct pcap_pkthdr *h;
	const u_char *d;
	long n = 0;
	int r;
	while ((r = pcap_next_ex(p, &h, &d)) == 1) {
		char origin[48];
		snprintf(origin, sizeof(origin), "%.30s#%u", base, (unsigned)(n + 1) % 10000000u);
		ts_pktset_add(s, d, h->caplen, h->len, origin);
		n++;
	}
	if (r == PCAP_ERROR) {
		snprintf(err, errsize, "%s: %s", path, pcap_geterr(p));
		pcap_close(p);
		return -1;
	}
	pcap_close(p);
	return n;
}

int ts_pktset_save(const ts_pktset *s, const char *path, char *err, size_t errsize)
{
	pcap_t *dead = pcap_open_dead(s->dlt, 262144);
	if (!dead) {
		snprintf(err, errsize, "pcap_open_dead failed");
		return -1;
	}
	pcap_dumper_t *d = pcap_dump_open(dead, path);
	if (!d) {
		snprintf(err, errsize, "%s: %s", path, pcap_geterr(dead));
		pcap_close(dead);
		return -1;
	}
	for (size_t i = 0; i < s->n; i++) {
		struct pcap_pkthdr h;
		memset(&h, 0, sizeof(h));
		h.ts.tv_sec = (time_t)(1700000000 + i);
		h.caplen = s->v[i].caplen;
		h.len = s->v[i].wirelen;
		pcap_dump((u_char *)d, &h, s->v[i].data);
	}
	pcap_dump_close(d);
	pcap_close(dead);
	return 0;
}
