/* The savefile writer of a live capture: -w with tcpdump's -C, -G, -W rotation and -U.
 *
 * Files are named as tcpdump names them: the -w name passed through strftime(3) when -G is
 * set, then, when -C is set, a file number appended (none on the first file unless -W asks for
 * zero-padded numbers of its width). Every write is checked, so a full disk ends the capture
 * with a message instead of a savefile that silently stops growing. */
#ifndef NETSIFT_CAPTURE_ROTATE_H
#define NETSIFT_CAPTURE_ROTATE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <pcap/pcap.h>

typedef struct ns_rotate_opts {
	const char *name;      /* the -w argument */
	int64_t max_bytes;     /* -C in bytes; 0 = no size rotation */
	int seconds;           /* -G; 0 = no time rotation */
	int max_files;         /* -W; 0 = unlimited */
	int packet_buffered;   /* -U: flush after every packet */
} ns_rotate_opts;

typedef struct ns_rotate ns_rotate;

/* Opens the first file. NULL with a message in err on failure. */
ns_rotate *ns_rotate_open(pcap_t *p, const ns_rotate_opts *o, char *err, size_t errsize);

/* Writes one packet, first rotating if the size or time limit says so. Returns 0, 1 when -G
 * with -W has made its last file (the packet is not written; the capture should end), or -1
 * with a message in err (the file could not be opened or written). */
int ns_rotate_write(ns_rotate *r, const struct pcap_pkthdr *h, const uint8_t *data, char *err,
		    size_t errsize);

/* Flushes and closes; returns 0, or -1 with a message if data could not be written. */
int ns_rotate_close(ns_rotate *r, char *err, size_t errsize);

/* Pushes what is buffered to the file (SIGUSR2). */
void ns_rotate_flush(ns_rotate *r);

const char *ns_rotate_current(const ns_rotate *r);
int ns_rotate_fileno(const ns_rotate *r);

/* The name of a file: pattern through strftime (when timed) at local time t, then count
 * appended with digits zero-padded digits when count or digits is non-zero. Returns 0, or -1
 * when the name does not fit or strftime makes nothing of it. */
int ns_rotate_filename(char *buf, size_t size, const char *pattern, int timed, time_t t,
		       int count, int digits);
/* How many digits -W N needs for file numbers 0..N-1 (0 for N = 1). */
int ns_rotate_digits(int max_files);

#endif
