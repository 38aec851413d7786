/* Live capture on Linux: tcpdump's capture job with netsift's own filter in the kernel.
 *
 * ns_job_live() (capture/options.h) opens the interface with libpcap (pcap_create and
 * pcap_activate: TPACKET_V3, or V2 in immediate mode), compiles the filter for the live Linux
 * socket (ns_compile_opts.linux_live), attaches our program to the socket, and prints or
 * writes what the kernel passes. A program the kernel refuses is run in userspace by our VM
 * instead, and the run reports what that cost. The options come from the one command-line
 * parser (capture/options.c); capture/live_int.h holds what the live files share.
 *
 * This is a job of the program, not library code: it prints tcpdump's messages and returns
 * the process exit status, but it never calls exit(). */
#ifndef NETSIFT_CAPTURE_LIVE_H
#define NETSIFT_CAPTURE_LIVE_H

#include <stddef.h>

/* Drops root to user: supplementary groups, group, then user, so the capture runs without
 * privileges once the socket is open. Returns 0, or -1 with a message in msg. */
int ns_drop_privileges(const char *user, char *msg, size_t msgsize);
/* The uid and gid of user, for handing a file to it; -1 if there is no such user. */
int ns_user_ids(const char *user, unsigned *uid, unsigned *gid);

#endif
