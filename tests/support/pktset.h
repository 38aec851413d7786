/* Packet sets for the differential tests: packets with their captured and wire lengths and
 * where each came from (file and index, or generator seed and index), read from and written to
 * pcap/pcapng files through libpcap. */
#ifndef NETSIFT_TESTS_SUPPORT_PKTSET_H
#define NETSIFT_TESTS_SUPPORT_PKTSET_H

#include <stddef.h>
#include <stdint.h>

typedef struct ts_packet {
	uint8_t *data;
	uint32_t caplen;   /* bytes captured (data holds this many) */
	uint32_t wirelen;  /* bytes on the wire, >= caplen */
	char origin[48];   /* for reports: "file.pcap#12" or "gen:EN10MB#345" */
} ts_packet;

typedef struct ts_pktset {
	ts_packet *v;
	size_t n, cap;
	int dlt;
} ts_pktset;

void ts_pktset_init(ts_pktset *s, int dlt);
void ts_pktset_free(ts_pktset *s);
/* Copies the bytes. */
void ts_pktset_add(ts_pktset *s, const uint8_t *data, uint32_t caplen, uint32_t wirelen,
		   const char *origin);
/* Appends the packets of a capture file whose link type is s->dlt; returns the number added,
 * or -1 with a message in err (unreadable file, other link type). */
long ts_pktset_load(ts_pktset *s, const char *path, char *err, size_t errsize);
/* Writes the set as a pcap file (snaplen 262144). */
int ts_pktset_save(const ts_pktset *s, const char *path, char *err, size_t errsize);

#endif
