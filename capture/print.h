/* The packet printer: decodes packets and prints them exactly as tcpdump 4.99 does.
 *
 * The CLI counts tcpdump's printing flags into ns_print_opts and hands every packet to
 * ns_printer_packet(); everything about how a packet looks is decided behind this header. */
#ifndef NETSIFT_CAPTURE_PRINT_H
#define NETSIFT_CAPTURE_PRINT_H

#include <stdint.h>
#include <stdio.h>

#include <pcap/pcap.h>

typedef struct ns_print_opts {
	int nflag;     /* -n: 1 = no host names, 2 (-nn) = no port or protocol names either */
	int vflag;     /* -v count */
	int eflag;     /* -e: link-level header */
	int qflag;     /* -q: quick, less protocol information */
	int Sflag;     /* -S: absolute TCP sequence numbers */
	int tflag;     /* -t count: 0 default, 1 none, 2 epoch, 3 delta, 4 date, 5 delta from first */
	int xflag;     /* -x count: hex (1), hex including link header (2, -xx) */
	int Xflag;     /* -X count: hex and ASCII (1), including link header (2, -XX) */
	int Aflag;     /* -A count: ASCII (1), including link header (2, -AA) */
	int number;    /* -#: packet numbers */
	int nano;      /* time stamps in nanoseconds (the file's or --nano) */
	uint32_t snaplen;
} ns_print_opts;

typedef struct ns_printer ns_printer;

ns_printer *ns_printer_new(const ns_print_opts *opts, int linktype, FILE *out);
void ns_printer_packet(ns_printer *pr, const struct pcap_pkthdr *h, const uint8_t *data);
void ns_printer_free(ns_printer *pr);

#endif
