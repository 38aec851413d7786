/* pcapmerge: builds the real-packet sets of the differential tests from capture files.
 *
 *   pcapmerge -y DLT [-n MAX_PER_FILE] -o OUT.pcap FILE...
 *
 * Keeps the packets of the files whose link type is DLT (others are skipped silently, so a
 * whole corpus can be given), at most MAX_PER_FILE from each (default 40), leaving out exact
 * duplicates, and writes them as one pcap file. Run by hand to refresh tests/data/compile
 * (see docs/testing.md); the tests only read its output. */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/support/pktset.h"

static uint64_t fnv(const uint8_t *p, uint32_t n, uint32_t wirelen)
{
	uint64_t h = 1469598103934665603ULL ^ wirelen;
	for (uint32_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return h;
}

int main(int argc, char **argv)
{
	const char *out = NULL, *dltname = NULL;
	long max = 40;
	int ch;
	while ((ch = getopt(argc, argv, "y:n:o:")) != -1) {
		if (ch == 'y')
			dltname = optarg;
		else if (ch == 'n')
			max = atol(optarg);
		else if (ch == 'o')
			out = optarg;
		else
			return 2;
	}
	if (!out || !dltname || pcap_datalink_name_to_val(dltname) < 0) {
		fprintf(stderr, "usage: pcapmerge -y DLT [-n MAX_PER_FILE] -o OUT.pcap FILE...\n");
		return 2;
	}
	int dlt = pcap_datalink_name_to_val(dltname);
	ts_pktset all;
	ts_pktset_init(&all, dlt);
	size_t hcap = 1 << 16;
	uint64_t *seen = calloc(hcap, sizeof(uint64_t));
	size_t nseen = 0;
	long files = 0;
	for (int i = optind; i < argc; i++) {
		ts_pktset one;
		char err[512];
		ts_pktset_init(&one, dlt);
		if (ts_pktset_load(&one, argv[i], err, sizeof(err)) < 0) {
			ts_pktset_free(&one);
			continue;
		}
		files++;
		long kept = 0;
		for (size_t k = 0; k < one.n && kept < max; k++) {
			uint64_t h = fnv(one.v[k].data, one.v[k].caplen, one.v[k].wirelen) | 1;
			int dup = 0;
			for (size_t j = 0; j < nseen && !dup; j++)
				dup = seen[j] == h;
			if (dup || nseen == hcap)
				continue;
			seen[nseen++] = h;
			ts_pktset_add(&all, one.v[k].data, one.v[k].caplen, one.v[k].wirelen, one.v[k].origin);
			kept++;
		}
		ts_pktset_free(&one);
	}
	char err[512];
	if (ts_pktset_save(&all, out, err, sizeof(err)) < 0) {
		fprintf(stderr, "pcapmerge: %s\n", err);
		return 1;
	}
	printf("%s: %zu packets from %ld files\n", out, all.n, files);
	free(seen);
	ts_pktset_free(&all);
	return 0;
}
