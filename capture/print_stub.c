/* Placeholder printer. */
#include <stdlib.h>
#include "capture/print.h"
struct ns_printer { FILE *out; };
ns_printer *ns_printer_new(const ns_print_opts *opts, int linktype, FILE *out)
{ (void)opts; (void)linktype; ns_printer *p = calloc(1, sizeof(*p)); p->out = out; return p; }
void ns_printer_packet(ns_printer *pr, const struct pcap_pkthdr *h, const uint8_t *data)
{ (void)data; fprintf(pr->out, "packet %u\n", h->caplen); }
void ns_printer_free(ns_printer *pr) { free(pr); }
