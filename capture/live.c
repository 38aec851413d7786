/* The live capture job: open, filter, drop privileges, capture, end cleanly.
 *
 * Key decision: ending on a signal must not lose packets. With TPACKET_V3 the kernel hands
 * packets over in blocks, and a block is only readable once full or once its timer (the
 * capture timeout) retires it; tcpdump stops at once and loses the packets of the last block.
 * netsift, after SIGINT/SIGTERM, keeps reading without blocking until everything the kernel
 * counted as received has been read (or the block timer has surely fired), so every packet
 * counted as "received by filter" and not dropped is written before the statistics. */
#include <errno.h>
#include <poll.h>
#include <sys/time.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capture/live_int.h"
#include "capture/live_open.h"
#include "capture/rotate.h"

/* The signal handler's only way to reach the capture: pcap_breakloop() is async-signal-safe
 * (it sets a flag and wakes poll()). */
static pcap_t *volatile live_handle;
static volatile sig_atomic_t live_stop;
static volatile sig_atomic_t live_info;   /* SIGUSR1: print the statistics so far */
static volatile sig_atomic_t live_flush;  /* SIGUSR2: flush the savefile */
static volatile sig_atomic_t live_tick;   /* SIGALRM: a second has passed (-v with -w) */

/* Every signal breaks the read loop, which may otherwise sleep in poll() for as long as no
 * packet comes; the loop then serves the request and goes on, or ends. */
static void on_signal(int sig)
{
	if (sig == SIGUSR1)
		live_info = 1;
	else if (sig == SIGUSR2)
		live_flush = 1;
	else if (sig == SIGALRM)
		live_tick = 1;
	else
		live_stop = 1;
	if (live_handle)
		pcap_breakloop(live_handle);
}

typedef struct live_run {
	const ns_live *cfg;
	pcap_t *p;
	ns_live_filter filter;
	ns_rotate *writer;
	ns_printer *printer;
	uint64_t delivered;  /* packets libpcap handed us, before any userspace filter */
	uint64_t captured;   /* packets printed or written */
	int done;            /* -c reached, a -W limit reached, or an error: stop reading */
	int file_limit;
	int failed;
	char msg[512];
} live_run;

static void on_packet(u_char *user, const struct pcap_pkthdr *h, const u_char *data)
{
	live_run *r = (live_run *)user;
	if (r->done)
		return;
	r->delivered++;
	if (r->filter.in_userspace && !ns_live_filter_accept(&r->filter, h, data))
		return;
	if (r->filter.early_checks && !ns_live_filter_early(&r->filter, h, data))
		return;
	if (r->writer) {
		int rc = ns_rotate_write(r->writer, h, data, r->msg, sizeof(r->msg));
		if (rc != 0) {
			r->done = 1;
			r->file_limit = rc == 1;
			r->failed = rc < 0;
			pcap_breakloop(r->p);
			return;
		}
	} else {
		ns_printer_packet(r->printer, h, data);
		if (r->cfg->cli->packet_buffered)
			fflush(r->cfg->out);
	}
	r->captured++;
	if (r->cfg->cli->count > 0 && r->captured >= (uint64_t)r->cfg->cli->count) {
		r->done = 1;
		pcap_breakloop(r->p);
	}
}

static void set_signals(void (*fn)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	/* Under nohup SIGHUP stays ignored. */
	struct sigaction old;
	if (sigaction(SIGHUP, NULL, &old) == 0 && old.sa_handler != SIG_IGN)
		sigaction(SIGHUP, &sa, NULL);
}

static uint64_t now_msec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* After a stop signal: read what the kernel still holds. The kernel's count of packets that
 * passed the socket filter minus its drops says when nothing is left; packets libpcap itself
 * discards (-Q, or the ones that arrived before the filter was attached) make that count
 * unreachable, so the wait is bounded by the block timer plus a margin. */
static void drain(live_run *r, int timeout_ms)
{
	char ebuf[PCAP_ERRBUF_SIZE];
	if (pcap_setnonblock(r->p, 1, ebuf) != 0)
		return;
	int fd = pcap_get_selectable_fd(r->p);
	uint64_t deadline = now_msec() + (uint64_t)timeout_ms + 300;
	while (!r->done) {
		int n = pcap_dispatch(r->p, -1, on_packet, (u_char *)r);
		if (n < 0 && n != PCAP_ERROR_BREAK)
			return;
		struct pcap_stat st;
		if (n == 0 && pcap_stats(r->p, &st) == 0 && r->delivered >= (uint64_t)st.ps_recv - st.ps_drop)
			return;
		if (now_msec() >= deadline)
			return;
		if (n == 0 && fd >= 0) {
			struct pollfd pfd = {fd, POLLIN, 0};
			poll(&pfd, 1, 20);
		}
	}
}

static const char *plural(unsigned n)
{
	return n == 1 ? "" : "s";
}

/* tcpdump's statistics: one per line at the end, on one line after the program name when
 * asked for with SIGUSR1 during the capture. */
static void print_stats(const live_run *r, int final)
{
	FILE *e = r->cfg->err;
	struct pcap_stat st;
	memset(&st, 0, sizeof(st));
	if (pcap_stats(r->p, &st) < 0) {
		fprintf(e, "pcap_stats: %s\n", pcap_geterr(r->p));
		return;
	}
	const char *sep = final ? "\n" : ", ";
	if (!final)
		fprintf(e, "%s: ", r->cfg->progname);
	unsigned cap = (unsigned)r->captured;
	fprintf(e, "%u packet%s captured%s", cap, plural(cap), sep);
	fprintf(e, "%u packet%s received by filter%s", st.ps_recv, plural(st.ps_recv), sep);
	fprintf(e, "%u packet%s dropped by kernel", st.ps_drop, plural(st.ps_drop));
	if (st.ps_ifdrop)
		fprintf(e, "%s%u packet%s dropped by interface", sep, st.ps_ifdrop,
			plural(st.ps_ifdrop));
	fputc('\n', e);
	fflush(e);
}

/* The requests of SIGUSR1 and SIGUSR2, between two reads of the ring. */
static void serve_requests(live_run *r)
{
	if (live_info) {
		live_info = 0;
		print_stats(r, 0);
	}
	if (live_flush) {
		live_flush = 0;
		if (r->writer)
			ns_rotate_flush(r->writer);
	}
}

static void announce(const ns_live *cfg, pcap_t *p, const char *device)
{
	FILE *e = cfg->err;
	if (!cfg->cli->popts.vflag && !cfg->cli->write_file)
		fprintf(e, "%s: verbose output suppressed, use -v[v]... for full protocol decode\n",
			cfg->progname);
	else
		fprintf(e, "%s: ", cfg->progname);
	int dlt = pcap_datalink(p);
	const char *name = pcap_datalink_val_to_name(dlt);
	fprintf(e, "listening on %s", device);
	if (name)
		fprintf(e, ", link-type %s (%s)", name, pcap_datalink_val_to_description(dlt));
	else
		fprintf(e, ", link-type %u", (unsigned)dlt);
	fprintf(e, ", snapshot length %d bytes\n", pcap_snapshot(p));
	fflush(e);
}

static int open_writer(live_run *r)
{
	const ns_live *cfg = r->cfg;
	ns_rotate_opts o = {cfg->cli->write_file, cfg->cli->rotate_bytes, cfg->cli->rotate_seconds,
			    cfg->cli->rotate_files, cfg->cli->packet_buffered};
	r->writer = ns_rotate_open(r->p, &o, r->msg, sizeof(r->msg));
	if (!r->writer) {
		fprintf(cfg->err, "%s: %s\n", cfg->progname, r->msg);
		return -1;
	}
	return 0;
}

/* -Z: with one output file, the file is opened with the privileges of the caller and handed
 * to the user (tcpdump on Debian does the same); with rotation, later files are created by
 * the user, so the privileges go first. */
static int drop_privileges(live_run *r)
{
	const ns_live *cfg = r->cfg;
	if (!cfg->cli->user || (getuid() != 0 && geteuid() != 0))
		return 0;
	char msg[256];
	unsigned uid, gid;
	if (ns_user_ids(cfg->cli->user, &uid, &gid) != 0) {
		fprintf(cfg->err, "%s: Couldn't find user '%.32s'\n", cfg->progname, cfg->cli->user);
		return -1;
	}
	if (r->writer && strcmp(cfg->cli->write_file, "-") != 0 &&
	    fchown(ns_rotate_fileno(r->writer), uid, gid) != 0) {
		fprintf(cfg->err, "%s: Couldn't change ownership of savefile %s: %s\n",
			cfg->progname, ns_rotate_current(r->writer), strerror(errno));
		return -1;
	}
	if (ns_drop_privileges(cfg->cli->user, msg, sizeof(msg)) != 0) {
		fprintf(cfg->err, "%s: %s\n", cfg->progname, msg);
		return -1;
	}
	return 0;
}

/* tcpdump's -v with -w: "Got N" once a second (SIGALRM), overwritten in place, when N
 * changed. */
static void progress(live_run *r, uint64_t *shown, int *first)
{
	if (!live_tick)
		return;
	live_tick = 0;
	if (*first || r->captured != *shown) {
		fprintf(r->cfg->err, "Got %u\r", (unsigned)r->captured);
		fflush(r->cfg->err);
		*first = 0;
		*shown = r->captured;
	}
}

static void set_ticks(int on)
{
	struct itimerval it;
	memset(&it, 0, sizeof(it));
	if (on)
		it.it_interval.tv_sec = it.it_value.tv_sec = 1;
	setitimer(ITIMER_REAL, &it, NULL);
}

static int capture(live_run *r, int timeout_ms)
{
	int status = 0, first = 1;
	uint64_t shown = 0;
	int ticking = r->cfg->cli->popts.vflag && r->cfg->cli->write_file;
	if (ticking)
		set_ticks(1);
	while (!r->done && !live_stop) {
		progress(r, &shown, &first);
		serve_requests(r);
		int n = pcap_dispatch(r->p, -1, on_packet, (u_char *)r);
		if (n == PCAP_ERROR_BREAK || n >= 0)
			continue;
		fprintf(r->cfg->err, "%s: pcap_loop: %s\n", r->cfg->progname, pcap_geterr(r->p));
		status = 1;
		break;
	}
	if (ticking)
		set_ticks(0);
	if (live_stop && !r->done && status == 0)
		drain(r, timeout_ms);
	return status;
}

/* Runs the capture until -c packets, SIGINT, SIGTERM, SIGHUP or SIGPIPE; returns the exit
 * status (0, or 1 after an error, which has been reported on cfg->err). */
static int run(ns_live *cfg)
{
	live_run r;
	char cmsg[512];
	memset(&r, 0, sizeof(r));
	r.cfg = cfg;
	int printing = cfg->cli->write_file == NULL;
	int tty = isatty(fileno(cfg->out));
	int immediate = cfg->cli->immediate || (printing && tty);
	int timeout_ms = printing && (tty || cfg->cli->line_buffered) ? 100 : 1000;

	char *device = NULL;
	r.p = ns_live_open(cfg, immediate, timeout_ms, &device);
	if (!r.p)
		return 1;
	/* From here on the job names the device actually opened (-i may be absent or a
	 * number): the compiler looks its netmask up for `ip broadcast`. */
	cfg->device = device;
	int status = 1, signals_set = 0;
	if (cfg->cli->list_datalinks) {
		status = ns_live_list_datalinks(cfg, r.p, device);
		goto out;
	}
	if (ns_live_set_linktype(cfg, r.p, device) != 0)
		goto out;
	if (cfg->cli->dump_level) {
		status = ns_live_filter_dump(cfg, r.p, cfg->cli->dump_level);
		goto out;
	}
	if (ns_live_filter_setup(&r.filter, r.p, cfg) != 0)
		goto out;
	int rotating = cfg->cli->rotate_bytes || cfg->cli->rotate_seconds;
	if (cfg->cli->write_file && !rotating && open_writer(&r) != 0)
		goto out;
	if (drop_privileges(&r) != 0)
		goto out;
	if (cfg->cli->write_file && rotating && open_writer(&r) != 0)
		goto out;
	if (printing) {
		ns_print_opts po = cfg->cli->popts;
		po.snaplen = (uint32_t)pcap_snapshot(r.p);
		r.printer = ns_printer_new(&po, pcap_datalink(r.p), cfg->out);
	}

	live_stop = live_info = live_flush = live_tick = 0;
	live_handle = r.p;
	set_signals(on_signal);
	signals_set = 1;
	announce(cfg, r.p, device);
	status = capture(&r, timeout_ms);
	if (printing) {
		if (live_stop)
			fputc('\n', cfg->out);
		fflush(cfg->out);
	}
	if (r.writer && ns_rotate_close(r.writer, cmsg, sizeof(cmsg)) != 0 && !r.failed) {
		r.failed = 1;
		snprintf(r.msg, sizeof(r.msg), "%s", cmsg);
	}
	r.writer = NULL;
	if (r.failed) {
		fprintf(cfg->err, "%s: %s\n", cfg->progname, r.msg);
		status = 1;
	}
	if (r.file_limit)
		fprintf(cfg->err, "Maximum file limit reached: %d\n", cfg->cli->rotate_files);
	print_stats(&r, 1);
	ns_live_filter_report(&r.filter, cfg->progname, cfg->err);
out:
	/* A late signal only sets the flag until the handle is gone. */
	live_handle = NULL;
	if (r.writer)
		ns_rotate_close(r.writer, cmsg, sizeof(cmsg));
	if (r.printer)
		ns_printer_free(r.printer);
	ns_live_filter_free(&r.filter);
	pcap_close(r.p);
	free(device);
	if (signals_set)
		set_signals(SIG_DFL);
	return status;
}

int ns_job_live(const ns_cli *cli)
{
	ns_live job = {cli, "netsift", cli->interface, NULL, stdout, stderr};
	ns_program prog = {NULL, 0};
	/* --program: a listing (any form ns_assemble reads) attached as it is. */
	if (cli->program_file) {
		if (ns_cli_read_listing(cli->program_file, &prog))
			return 1;
		job.prog = &prog;
	}
	int status = run(&job);
	ns_program_free(&prog);
	return status;
}
