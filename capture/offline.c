/* -r: read a pcap or pcapng file (or standard input), run the filter in netsift's VM on every
 * packet, and print, write (-w) or count (--count) the matching ones, as tcpdump does; --trace N
 * shows the program's execution on packet N.
 *
 * The program is pre-decoded once (ns_vm_prepare) and run with ns_vm_exec; the traced run uses
 * the simple interpreter, which gives the same verdict. A read error (truncated file, bad
 * record) ends the loop like tcpdump: what was read before is printed or written and flushed,
 * then the error is reported and the exit status is 1.
 *
 * The loop is lean because filtering a file is mostly moving bytes (see docs/benchmarks.md):
 * the input file gets a large stdio buffer, matching records are copied into one large output
 * buffer written with write(2) (pcap_dump costs two fwrite calls per packet), and the link
 * metadata for ancillary loads is decoded only for programs that have such loads. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "capture/options.h"
#include "vm/vm.h"

/* What the kernel would have told a socket filter about this packet, as far as the capture
 * records it: the Linux cooked headers carry the packet type, the ARPHRD type, the protocol and
 * (SLL2) the interface index; on Ethernet the protocol is the outer ethertype. Programs compiled
 * for a live Linux socket (ancillary loads) can so be tried on captures. Other link types, and
 * the fields no capture keeps, read 0. */
static void link_meta(int linktype, const uint8_t *d, uint32_t caplen, ns_vm_meta *m)
{
	memset(m, 0, sizeof(*m));
	switch (linktype) {
	case 1: /* EN10MB */
		if (caplen >= 14)
			m->protocol = (uint32_t)d[12] << 8 | d[13];
		break;
	case 113: /* LINUX_SLL: pkttype(2) hatype(2) addrlen(2) addr(8) protocol(2) */
		if (caplen >= 16) {
			m->pkttype = (uint32_t)d[0] << 8 | d[1];
			m->hatype = (uint32_t)d[2] << 8 | d[3];
			m->protocol = (uint32_t)d[14] << 8 | d[15];
		}
		break;
	case 276: /* LINUX_SLL2: protocol(2) reserved(2) ifindex(4) hatype(2) pkttype(1) addrlen(1) */
		if (caplen >= 12) {
			m->protocol = (uint32_t)d[0] << 8 | d[1];
			m->ifindex = (uint32_t)d[4] << 24 | (uint32_t)d[5] << 16 | (uint32_t)d[6] << 8 | d[7];
			m->hatype = (uint32_t)d[8] << 8 | d[9];
			m->pkttype = d[10];
		}
		break;
	default:
		break;
	}
}

/* Only absolute loads at SKF_AD_OFF and above read the metadata. */
static int uses_ancillary(const ns_program *prog)
{
	for (size_t i = 0; i < prog->len; i++)
		if (NS_BPF_CLASS(prog->insns[i].code) == NS_BPF_LD && NS_BPF_MODE(prog->insns[i].code) == NS_BPF_ABS &&
		    prog->insns[i].k >= (uint32_t)NS_SKF_AD_OFF)
			return 1;
	return 0;
}

#define READ_BUF (1u << 20)
#define WRITE_BUF (1u << 20)

/* The records of a -w savefile, after the file header pcap_dump_open wrote: the same bytes
 * pcap_dump writes (a 16-byte record header in host order with the timestamp's fraction as
 * libpcap holds it, micro- or nanoseconds to match the header's magic, then the bytes), gathered
 * into one buffer so the kernel sees large writes. */
typedef struct rec_writer {
	int fd;
	uint8_t *buf;
	size_t used;
	int failed;
} rec_writer;

static void rec_flush(rec_writer *w)
{
	size_t off = 0;
	while (off < w->used && !w->failed) {
		ssize_t n = write(w->fd, w->buf + off, w->used - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			w->failed = 1;
		else
			off += (size_t)n;
	}
	w->used = 0;
}

static void rec_put(rec_writer *w, const struct pcap_pkthdr *h, const uint8_t *data)
{
	uint32_t hdr[4] = {(uint32_t)h->ts.tv_sec, (uint32_t)h->ts.tv_usec, h->caplen, h->len};
	size_t need = sizeof(hdr) + h->caplen;
	if (w->used + need > WRITE_BUF)
		rec_flush(w);
	if (need > WRITE_BUF) { /* a record larger than the buffer: straight out */
		memcpy(w->buf, hdr, sizeof(hdr));
		w->used = sizeof(hdr);
		rec_flush(w);
		for (size_t off = 0; off < h->caplen && !w->failed;) {
			ssize_t n = write(w->fd, data + off, h->caplen - off);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				w->failed = 1;
			else
				off += (size_t)n;
		}
		return;
	}
	memcpy(w->buf + w->used, hdr, sizeof(hdr));
	memcpy(w->buf + w->used + sizeof(hdr), data, h->caplen);
	w->used += need;
}

/* Opens the capture as pcap_open_offline would, but a named file gets a large stdio buffer
 * (*rbuf, which the caller frees after pcap_close): the default, the file system's block size,
 * costs a read(2) every 4 KiB, and glibc ignores setvbuf's size unless given the buffer. */
static pcap_t *open_input(const char *path, int nano, char *errbuf, char **rbuf)
{
	u_int prec = nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO;
	if (!strcmp(path, "-"))
		return pcap_open_offline_with_tstamp_precision(path, prec, errbuf);
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(errbuf, PCAP_ERRBUF_SIZE, "%s: %s", path, strerror(errno));
		return NULL;
	}
	*rbuf = malloc(READ_BUF);
	if (*rbuf)
		setvbuf(f, *rbuf, _IOFBF, READ_BUF);
	pcap_t *p = pcap_fopen_offline_with_tstamp_precision(f, prec, errbuf);
	if (!p)
		fclose(f);
	return p;
}

typedef struct trace_state {
	FILE *out;
	int have_prev;
	size_t pc;
	ns_insn insn;
	uint32_t a, x;
} trace_state;

/* One line per executed instruction: the registers it saw, then what it did. */
static void trace_line(trace_state *t, const char *outcome)
{
	char text[160];
	ns_disasm_insn(text, sizeof(text), &t->insn, t->pc);
	for (char *p = text; *p; p++)
		if (*p == '\t')
			*p = ' ';
	fprintf(t->out, "(%03zu) %-44s A=0x%08x X=0x%08x  %s\n", t->pc, text, t->a, t->x, outcome);
}

static void trace_cb(void *arg, size_t pc, const ns_insn *insn, uint32_t a, uint32_t x)
{
	trace_state *t = arg;
	if (t->have_prev) {
		char outcome[96];
		uint16_t cls = NS_BPF_CLASS(t->insn.code);
		if (cls == NS_BPF_JMP)
			snprintf(outcome, sizeof(outcome), "-> %03zu%s", pc,
				 NS_BPF_OP(t->insn.code) == NS_BPF_JA ? "" : pc == t->pc + 1 + t->insn.jt ? " (true)" : " (false)");
		else if (a != t->a || x != t->x)
			snprintf(outcome, sizeof(outcome), "-> A=0x%08x X=0x%08x", a, x);
		else
			snprintf(outcome, sizeof(outcome), "->");
		trace_line(t, outcome);
	}
	t->have_prev = 1;
	t->pc = pc;
	t->insn = *insn;
	t->a = a;
	t->x = x;
}

static void trace_packet(FILE *out, const ns_program *prog, long num, const struct pcap_pkthdr *h,
			 const uint8_t *data, const ns_vm_meta *meta)
{
	trace_state t = {out, 0, 0, {0, 0, 0, 0}, 0, 0};
	fprintf(out, "trace of packet %ld (caplen %u, wirelen %u):\n", num, h->caplen, h->len);
	uint32_t v = ns_vm_run_traced(prog->insns, prog->len, data, h->len, h->caplen, meta, trace_cb, &t);
	if (t.have_prev) {
		char outcome[96];
		uint16_t cls = NS_BPF_CLASS(t.insn.code);
		if (cls == NS_BPF_RET)
			snprintf(outcome, sizeof(outcome), "-> return %u", v);
		else
			snprintf(outcome, sizeof(outcome), "-> return 0 (%s)",
				 cls == NS_BPF_LD || cls == NS_BPF_LDX ? "load beyond the captured bytes" : "division by zero or invalid instruction");
		trace_line(&t, outcome);
	}
	fprintf(out, "verdict: %s (return %u)\n", v ? "match" : "no match", v);
}

void ns_offline_banner(const char *path, pcap_t *p)
{
	int linktype = pcap_datalink(p);
	unsigned snaplen = (unsigned)pcap_snapshot(p);
	const char *name = pcap_datalink_val_to_name(linktype);
	const char *desc = pcap_datalink_val_to_description(linktype);
	if (name)
		fprintf(stderr, "reading from file %s, link-type %s (%s), snapshot length %u\n", path,
			name, desc ? desc : name, snaplen);
	else
		fprintf(stderr, "reading from file %s, link-type %d, snapshot length %u\n", path,
			linktype, snaplen);
}

int ns_job_offline(const ns_cli *cli)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	char *rbuf = NULL;
	pcap_t *p = open_input(cli->read_file, cli->popts.nano, errbuf, &rbuf);
	if (!p) {
		free(rbuf);
		ns_cli_error("%s", errbuf);
		return 1;
	}
	int linktype = pcap_datalink(p);
	uint32_t snaplen = (uint32_t)pcap_snapshot(p);
	ns_offline_banner(cli->read_file, p);
	/* A link type above 16 bits has the header's reserved bits set: a damaged file (tcpdump
	 * ends there too, when libpcap's compiler does not know the type). */
	if (linktype < 0 || linktype > 0xffff) {
		ns_cli_error("%s: bad link-layer header type %d (reserved bits set)", cli->read_file, linktype);
		pcap_close(p);
		free(rbuf);
		return 1;
	}

	ns_program prog;
	if (ns_cli_filter(cli, linktype, cli->snaplen_set ? cli->copts.snaplen : snaplen, &prog)) {
		pcap_close(p);
		free(rbuf);
		return 1;
	}
	ns_vm_prog *vp = ns_vm_prepare(prog.insns, prog.len);
	pcap_dumper_t *dumper = NULL;
	rec_writer w = {-1, NULL, 0, 0};
	ns_printer *pr = NULL;
	int need_meta = uses_ancillary(&prog);
	int status = 0;
	if (!vp) {
		ns_cli_error("out of memory");
		status = 1;
		goto done;
	}
	if (cli->write_file) {
		dumper = pcap_dump_open(p, cli->write_file);
		if (!dumper) {
			ns_cli_error("%s", pcap_geterr(p));
			status = 1;
			goto done;
		}
		/* The file header goes out through stdio first; the records follow through w. */
		w.buf = malloc(WRITE_BUF);
		if (!w.buf || pcap_dump_flush(dumper) != 0) {
			ns_cli_error(w.buf ? "error writing %s" : "out of memory", cli->write_file);
			status = 1;
			goto done;
		}
		w.fd = fileno(pcap_dump_file(dumper));
	} else if (!cli->count_only) {
		ns_print_opts po = cli->popts;
		po.snaplen = snaplen;
		pr = ns_printer_new(&po, linktype, stdout);
		if (!pr) {
			ns_cli_error("cannot print link type %d", linktype);
			status = 1;
			goto done;
		}
	}
	/* Trace output must not mix into a capture written to standard output. */
	FILE *trace_out = cli->write_file && !strcmp(cli->write_file, "-") ? stderr : stdout;

	struct pcap_pkthdr *h;
	const u_char *data;
	long matched = 0, total = 0;
	int rc = 1;
	while ((cli->count < 0 || matched < cli->count) && (rc = pcap_next_ex(p, &h, &data)) == 1) {
		total++;
		ns_vm_meta meta;
		const ns_vm_meta *mp = NULL;
		if (need_meta || total == cli->trace_packet) {
			link_meta(linktype, data, h->caplen, &meta);
			mp = &meta;
		}
		if (total == cli->trace_packet)
			trace_packet(trace_out, &prog, total, h, data, mp);
		if (!ns_vm_exec(vp, data, h->len, h->caplen, mp))
			continue;
		matched++;
		if (dumper)
			rec_put(&w, h, data);
		else if (pr)
			ns_printer_packet(pr, h, data);
	}
	if (cli->count >= 0 && matched >= cli->count)
		rc = 1;
	if (rc == PCAP_ERROR) {
		/* Everything read so far is out before the error, as with tcpdump. */
		if (dumper)
			rec_flush(&w);
		fflush(stdout);
		status = 1;
	}
	if (cli->count_only) {
		printf("%ld packet%s\n", matched, matched == 1 ? "" : "s");
		fprintf(stderr, "netsift: %ld of %ld packets matched\n", matched, total);
	}
	if (cli->trace_packet > total && !(cli->count >= 0 && matched >= cli->count))
		ns_cli_error("warning: --trace %ld: the capture has only %ld packets", cli->trace_packet, total);
	if (rc == PCAP_ERROR)
		ns_cli_error("%s", pcap_geterr(p));
done:
	if (dumper) {
		rec_flush(&w);
		if (w.failed || pcap_dump_flush(dumper) != 0) {
			ns_cli_error("error writing %s", cli->write_file);
			status = 1;
		}
		pcap_dump_close(dumper);
	}
	free(w.buf);
	if (pr)
		ns_printer_free(pr);
	if (fflush(stdout) != 0)
		status = 1;
	ns_vm_prog_free(vp);
	ns_program_free(&prog);
	pcap_close(p);
	free(rbuf);
	return status;
}
