/* Opening a capture device as tcpdump does, with tcpdump's messages: -i (by name or by its
 * number in -D's list), -D, -L, -y, -s, -p, -B, -Q, --immediate-mode.
 *
 * Every setting goes through pcap_create()/pcap_activate(), so libpcap picks the ring
 * (TPACKET_V3, or V2 when immediate mode wants every packet at once). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "capture/live_open.h"

/* The link types netsift's printer decodes; -L marks the others as tcpdump does. */
static const int printable_dlts[] = {
	DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_RAW, DLT_NULL, DLT_LOOP, DLT_IPV4, DLT_IPV6,
};

static int printable(int dlt)
{
	for (size_t i = 0; i < sizeof(printable_dlts) / sizeof(printable_dlts[0]); i++)
		if (printable_dlts[i] == dlt)
			return 1;
	return 0;
}

/* tcpdump's words for the flags pcap_findalldevs() reports, in the order it prints them. */
static const struct { bpf_u_int32 flag; const char *word; } if_flags[] = {
	{PCAP_IF_UP, "Up"},
	{PCAP_IF_RUNNING, "Running"},
	{PCAP_IF_LOOPBACK, "Loopback"},
	{PCAP_IF_WIRELESS, "Wireless"},
};

static const struct { bpf_u_int32 status; const char *wired, *wireless; } if_status[] = {
	{PCAP_IF_CONNECTION_STATUS_UNKNOWN, ", Connection status unknown", ", Association status unknown"},
	{PCAP_IF_CONNECTION_STATUS_CONNECTED, ", Connected", ", Associated"},
	{PCAP_IF_CONNECTION_STATUS_DISCONNECTED, ", Disconnected", ", Not associated"},
};

static void print_flags(FILE *out, bpf_u_int32 flags)
{
	int n = 0;
	fputs(" [", out);
	for (size_t i = 0; i < sizeof(if_flags) / sizeof(if_flags[0]); i++)
		if (flags & if_flags[i].flag)
			fprintf(out, "%s%s", n++ ? ", " : "", if_flags[i].word);
	if (!n)
		fputs("none", out);
	for (size_t i = 0; i < sizeof(if_status) / sizeof(if_status[0]); i++)
		if ((flags & PCAP_IF_CONNECTION_STATUS) == if_status[i].status)
			fputs(flags & PCAP_IF_WIRELESS ? if_status[i].wireless : if_status[i].wired, out);
	fputs("]", out);
}

/* -D: the interfaces as tcpdump lists them, numbered for -i. */
int ns_job_interfaces(const ns_cli *cli)
{
	(void)cli;
	FILE *out = stdout;
	pcap_if_t *devs;
	char ebuf[PCAP_ERRBUF_SIZE];
	if (pcap_findalldevs(&devs, ebuf) < 0) {
		ns_cli_error("%s", ebuf);
		return 1;
	}
	int i = 1;
	for (pcap_if_t *d = devs; d; d = d->next, i++) {
		fprintf(out, "%d.%s", i, d->name);
		if (d->description)
			fprintf(out, " (%s)", d->description);
		if (d->flags)
			print_flags(out, d->flags);
		fputc('\n', out);
	}
	pcap_freealldevs(devs);
	return 0;
}

/* The name of the n-th interface of -D's list (1-based), or NULL with a message. */
static char *device_by_number(const char *progname, long n, FILE *err)
{
	pcap_if_t *devs;
	char ebuf[PCAP_ERRBUF_SIZE];
	if (pcap_findalldevs(&devs, ebuf) < 0) {
		fprintf(err, "%s: %s\n", progname, ebuf);
		return NULL;
	}
	long i = 1;
	pcap_if_t *d = devs;
	for (; d && i < n; d = d->next)
		i++;
	char *name = d ? strdup(d->name) : NULL;
	if (!d)
		fprintf(err, "%s: Invalid adapter index\n", progname);
	pcap_freealldevs(devs);
	return name;
}

/* -1 when name is not all digits; tcpdump then reports the open error as it is. */
static long device_number(const char *name)
{
	if (!*name)
		return -1;
	for (const char *p = name; *p; p++)
		if (!isdigit((unsigned char)*p))
			return -1;
	return strtol(name, NULL, 10);
}

typedef enum { OPEN_OK, OPEN_NO_DEVICE, OPEN_FAILED } open_result;

static open_result try_open(const ns_live *cfg, const char *dev, int immediate,
			    int timeout_ms, pcap_t **out, char *msg, size_t msgsize)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	const char *pn = cfg->progname;
	pcap_t *p = pcap_create(dev, ebuf);
	if (!p) {
		snprintf(msg, msgsize, "%s", ebuf);
		return strstr(ebuf, "No such device") ? OPEN_NO_DEVICE : OPEN_FAILED;
	}
	int st;
	const char *what = NULL;
	if (cfg->cli->popts.nano && (st = pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO)) != 0)
		what = "Can't set nanosecond time stamp precision";
	else if (immediate && (st = pcap_set_immediate_mode(p, 1)) != 0)
		what = "Can't set immediate mode";
	else if (cfg->cli->snaplen && (st = pcap_set_snaplen(p, cfg->cli->snaplen)) != 0)
		what = "Can't set snapshot length";
	else if ((st = pcap_set_promisc(p, !cfg->cli->no_promisc)) != 0)
		what = "Can't set promiscuous mode";
	else if ((st = pcap_set_timeout(p, timeout_ms)) != 0)
		what = "pcap_set_timeout failed";
	else if (cfg->cli->buffer_kib && (st = pcap_set_buffer_size(p, cfg->cli->buffer_kib * 1024)) != 0)
		what = "Can't set buffer size";
	if (what) {
		snprintf(msg, msgsize, "%s: %s: %s", dev, what, pcap_statustostr(st));
		pcap_close(p);
		return OPEN_FAILED;
	}
	st = pcap_activate(p);
	if (st < 0) {
		const char *cp = pcap_geterr(p);
		open_result r = OPEN_FAILED;
		if (st == PCAP_ERROR)
			snprintf(msg, msgsize, "%s", cp);
		else if (st == PCAP_ERROR_NO_SUCH_DEVICE) {
			snprintf(msg, msgsize, "%s: %s\n(%s)", dev, pcap_statustostr(st), cp);
			r = OPEN_NO_DEVICE;
		} else if (st == PCAP_ERROR_PERM_DENIED && *cp)
			snprintf(msg, msgsize, "%s: %s\n(%s)", dev, pcap_statustostr(st), cp);
		else
			snprintf(msg, msgsize, "%s: %s", dev, pcap_statustostr(st));
		pcap_close(p);
		return r;
	}
	if (st > 0) {
		const char *cp = pcap_geterr(p);
		if (st == PCAP_WARNING)
			fprintf(cfg->err, "%s: WARNING: %s\n", pn, cp);
		else if (st == PCAP_WARNING_PROMISC_NOTSUP && *cp)
			fprintf(cfg->err, "%s: WARNING: %s: %s\n(%s)\n", pn, dev, pcap_statustostr(st), cp);
		else
			fprintf(cfg->err, "%s: WARNING: %s: %s\n", pn, dev, pcap_statustostr(st));
	}
	if (cfg->cli->direction >= 0 && pcap_setdirection(p, (pcap_direction_t)cfg->cli->direction) != 0) {
		snprintf(msg, msgsize, "%s: pcap_setdirection() failed: %s", dev, pcap_geterr(p));
		pcap_close(p);
		return OPEN_FAILED;
	}
	*out = p;
	return OPEN_OK;
}

pcap_t *ns_live_open(const ns_live *cfg, int immediate, int timeout_ms, char **device)
{
	const char *pn = cfg->progname;
	char msg[PCAP_ERRBUF_SIZE * 2 + 128];
	char *dev;
	if (cfg->device) {
		dev = strdup(cfg->device);
	} else {
		pcap_if_t *devs;
		char ebuf[PCAP_ERRBUF_SIZE];
		if (pcap_findalldevs(&devs, ebuf) < 0) {
			fprintf(cfg->err, "%s: %s\n", pn, ebuf);
			return NULL;
		}
		if (!devs) {
			fprintf(cfg->err, "%s: no interfaces available for capture\n", pn);
			return NULL;
		}
		dev = strdup(devs->name);
		pcap_freealldevs(devs);
	}
	if (!dev) {
		fprintf(cfg->err, "%s: out of memory\n", pn);
		return NULL;
	}
	pcap_t *p = NULL;
	open_result r = try_open(cfg, dev, immediate, timeout_ms, &p, msg, sizeof(msg));
	long n;
	if (r == OPEN_NO_DEVICE && (n = device_number(dev)) >= 0) {
		if (n <= 0) {
			fprintf(cfg->err, "%s: Invalid adapter index\n", pn);
			free(dev);
			return NULL;
		}
		char *named = device_by_number(pn, n, cfg->err);
		free(dev);
		if (!named)
			return NULL;
		dev = named;
		r = try_open(cfg, dev, immediate, timeout_ms, &p, msg, sizeof(msg));
	}
	if (r != OPEN_OK) {
		fprintf(cfg->err, "%s: %s\n", pn, msg);
		free(dev);
		return NULL;
	}
	*device = dev;
	return p;
}

int ns_live_list_datalinks(const ns_live *cfg, pcap_t *p, const char *device)
{
	int *dlts = NULL;
	int n = pcap_list_datalinks(p, &dlts);
	if (n < 0) {
		fprintf(cfg->err, "%s: %s\n", cfg->progname, pcap_geterr(p));
		return 1;
	}
	if (n == 0 || !dlts) {
		fprintf(cfg->err, "%s: No data link types.\n", cfg->progname);
		return 1;
	}
	/* tcpdump 4.99 lists them on stderr. */
	fprintf(cfg->err, "Data link types for %s (use option -y to set):\n", device);
	for (int i = 0; i < n; i++) {
		const char *name = pcap_datalink_val_to_name(dlts[i]);
		if (name)
			fprintf(cfg->err, "  %s (%s)%s\n", name, pcap_datalink_val_to_description(dlts[i]),
				printable(dlts[i]) ? "" : " (printing not supported)");
		else
			fprintf(cfg->err, "  DLT %d (printing not supported)\n", dlts[i]);
	}
	pcap_free_datalinks(dlts);
	return 0;
}

int ns_live_set_linktype(const ns_live *cfg, pcap_t *p, const char *device)
{
	if (cfg->cli->linktype >= 0) {
		if (pcap_set_datalink(p, cfg->cli->linktype) < 0) {
			fprintf(cfg->err, "%s: %s\n", cfg->progname, pcap_geterr(p));
			return -1;
		}
		fprintf(cfg->err, "%s: data link type %s\n", cfg->progname,
			pcap_datalink_val_to_name(cfg->cli->linktype));
		fflush(cfg->err);
	} else if (strcmp(device, "any") == 0 && pcap_set_datalink(p, DLT_LINUX_SLL2) == 0) {
		/* tcpdump's default on any: the cooked v2 header names the interface. It says so,
		 * as tcpdump 4.99 does. */
		fprintf(cfg->err, "%s: data link type %s\n", cfg->progname,
			pcap_datalink_val_to_name(DLT_LINUX_SLL2));
		fflush(cfg->err);
	}
	int snap = pcap_snapshot(p);
	if (cfg->cli->snaplen && cfg->cli->snaplen < snap)
		fprintf(cfg->err, "%s: WARNING: snaplen raised from %d to %d\n", cfg->progname,
			cfg->cli->snaplen, snap);
	else if (cfg->cli->snaplen > snap)
		fprintf(cfg->err, "%s: WARNING: snaplen lowered from %d to %d\n", cfg->progname,
			cfg->cli->snaplen, snap);
	return 0;
}
