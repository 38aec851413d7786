/* The savefile writer of a live capture, with tcpdump's -C/-G/-W rotation.
 *
 * Key decision: libpcap's pcap_dump() cannot report a failed write, so after every packet the
 * stdio stream is checked with ferror(), and a file is only reported closed cleanly after an
 * explicit fflush() succeeded. That is what turns a full disk into an error instead of a
 * truncated savefile. Rotation follows tcpdump's order: the time limit is checked first (it
 * resets the size count), then the size limit, both before the packet is written. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/rotate.h"

#define NS_PATH_MAX 4096

struct ns_rotate {
	pcap_t *p;
	pcap_dumper_t *d;
	ns_rotate_opts o;
	int digits;      /* zero-padding of file numbers (-W) */
	int size_count;  /* number of the current file in the -C sequence */
	int time_count;  /* files opened by -G so far, beyond the first */
	time_t opened;   /* when the current -G period began */
	char current[NS_PATH_MAX + 1];
};

int ns_rotate_digits(int max_files)
{
	int c = 0;
	for (int x = max_files - 1; x > 0; x /= 10)
		c++;
	return c;
}

int ns_rotate_filename(char *buf, size_t size, const char *pattern, int timed, time_t t,
		       int count, int digits)
{
	char base[NS_PATH_MAX + 1];
	if (!pattern[0])
		return -1;
	if (timed) {
		struct tm tm;
		if (!localtime_r(&t, &tm) || strftime(base, sizeof(base), pattern, &tm) == 0)
			return -1;
	} else {
		if (strlen(pattern) >= sizeof(base))
			return -1;
		strcpy(base, pattern);
	}
	int n;
	if (count == 0 && digits == 0)
		n = snprintf(buf, size, "%s", base);
	else
		n = snprintf(buf, size, "%s%0*d", base, digits, count);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

static int open_current(ns_rotate *r, char *err, size_t errsize)
{
	int count = r->o.max_bytes ? r->size_count : 0;
	int digits = r->o.max_bytes ? r->digits : 0;
	if (ns_rotate_filename(r->current, sizeof(r->current), r->o.name, r->o.seconds != 0,
			       r->opened, count, digits) != 0) {
		snprintf(err, errsize, "%s: cannot make a file name (too long, or empty after strftime)",
			 r->o.name);
		return -1;
	}
	r->d = pcap_dump_open(r->p, r->current);
	if (!r->d) {
		snprintf(err, errsize, "%s", pcap_geterr(r->p));
		return -1;
	}
	return 0;
}

/* Closes the current file, reporting data that never reached it. */
static int close_current(ns_rotate *r, char *err, size_t errsize)
{
	if (!r->d)
		return 0;
	FILE *f = pcap_dump_file(r->d);
	int bad = fflush(f) != 0 || ferror(f);
	int saved = errno;
	pcap_dump_close(r->d);
	r->d = NULL;
	if (bad) {
		snprintf(err, errsize, "%s: write error: %s", r->current, strerror(saved));
		return -1;
	}
	return 0;
}

ns_rotate *ns_rotate_open(pcap_t *p, const ns_rotate_opts *o, char *err, size_t errsize)
{
	ns_rotate *r = calloc(1, sizeof(*r));
	if (!r) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	r->p = p;
	r->o = *o;
	r->digits = ns_rotate_digits(o->max_files);
	r->opened = time(NULL);
	if (open_current(r, err, errsize) != 0) {
		free(r);
		return NULL;
	}
	/* The header goes out at once with -U, so a reader sees a valid file from the start. */
	if (o->packet_buffered && pcap_dump_flush(r->d) != 0) {
		snprintf(err, errsize, "%s: write error: %s", r->current, strerror(errno));
		pcap_dump_close(r->d);
		free(r);
		return NULL;
	}
	return r;
}

static int rotate_by_time(ns_rotate *r, char *err, size_t errsize)
{
	time_t now = time(NULL);
	if (now - r->opened < r->o.seconds)
		return 0;
	if (close_current(r, err, errsize) != 0)
		return -1;
	r->opened = now;
	r->time_count++;
	if (r->o.max_bytes == 0 && r->o.max_files > 0 && r->time_count >= r->o.max_files)
		return 1;
	r->size_count = 0;
	return open_current(r, err, errsize);
}

static int rotate_by_size(ns_rotate *r, char *err, size_t errsize)
{
	int64_t size = pcap_dump_ftell64(r->d);
	if (size < 0) {
		snprintf(err, errsize, "%s: cannot tell the file size: %s", r->current,
			 strerror(errno));
		return -1;
	}
	if (size <= r->o.max_bytes)
		return 0;
	if (close_current(r, err, errsize) != 0)
		return -1;
	r->size_count++;
	if (r->o.max_files > 0 && r->size_count >= r->o.max_files)
		r->size_count = 0;
	return open_current(r, err, errsize);
}

int ns_rotate_write(ns_rotate *r, const struct pcap_pkthdr *h, const uint8_t *data, char *err,
		    size_t errsize)
{
	if (r->o.seconds) {
		int rc = rotate_by_time(r, err, errsize);
		if (rc != 0)
			return rc;
	}
	if (r->o.max_bytes && rotate_by_size(r, err, errsize) != 0)
		return -1;
	pcap_dump((u_char *)r->d, h, data);
	FILE *f = pcap_dump_file(r->d);
	if ((r->o.packet_buffered && fflush(f) != 0) || ferror(f)) {
		snprintf(err, errsize, "%s: write error: %s", r->current, strerror(errno));
		return -1;
	}
	return 0;
}

int ns_rotate_close(ns_rotate *r, char *err, size_t errsize)
{
	if (!r)
		return 0;
	int rc = close_current(r, err, errsize);
	free(r);
	return rc;
}

void ns_rotate_flush(ns_rotate *r)
{
	if (r->d)
		pcap_dump_flush(r->d);
}

const char *ns_rotate_current(const ns_rotate *r)
{
	return r->current;
}

int ns_rotate_fileno(const ns_rotate *r)
{
	return r->d ? fileno(pcap_dump_file(r->d)) : -1;
}
