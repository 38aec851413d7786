/* Opening the capture device (private to the live capture). */
#ifndef NETSIFT_CAPTURE_LIVE_OPEN_H
#define NETSIFT_CAPTURE_LIVE_OPEN_H

#include <pcap/pcap.h>

#include "capture/live_int.h"

/* Opens and activates the device of cfg (or the first one), applies -Q. On success returns the
 * handle and sets *device (caller frees); on failure prints tcpdump's message, returns NULL. */
pcap_t *ns_live_open(const ns_live *cfg, int immediate, int timeout_ms, char **device);
/* -L. Returns the exit status. */
int ns_live_list_datalinks(const ns_live *cfg, pcap_t *p, const char *device);
/* -y (or SLL2 on any) and the snapshot-length warnings. Returns 0 or -1. */
int ns_live_set_linktype(const ns_live *cfg, pcap_t *p, const char *device);

#endif
