/* The live capture's filter: our program in the kernel, or our VM when the kernel says no.
 *
 * Key decision: the kernel is asked first, on a throwaway socket, whether it accepts the
 * program. pcap_setfilter() would otherwise hide a refusal by quietly filtering in userspace
 * with libpcap's own interpreter; netsift wants to say why and run its own VM instead.
 *
 * The program attached to the socket is compiled with linux_live set: the kernel sees packets
 * with the VLAN tag taken out and the direction in the packet type, and the program reads
 * them through the SKF_AD ancillary loads. The userspace fallback sees what libpcap hands over
 * (tags put back, cooked headers with direction and interface), which is what a capture file
 * holds, so its program is compiled without linux_live.
 *
 * Second decision: pcap_setfilter() also runs the program in userspace, with libpcap's own
 * interpreter, on the first ring block read after it (the packets that may have arrived before
 * the kernel filter). That interpreter knows only two ancillary loads (ldb of vlan_tci and
 * vlan_avail) and rejects a packet on any other (pkttype for inbound/outbound, ifindex, a word
 * load of vlan_avail): the first block's packets would be lost. So a compiled program with
 * such loads is attached with SO_ATTACH_FILTER on libpcap's socket instead (exactly what
 * pcap_setfilter() does for a non-cooked socket, minus that userspace pass), and the packets
 * time-stamped before the attachment are judged by our VM, with the program compiled for
 * files. Cooked sockets (any) keep pcap_setfilter(), which rewrites the cooked header's
 * offsets for the kernel; their programs read the header, which libpcap's interpreter can. */
#include <errno.h>
#include <linux/filter.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "capture/live_int.h"
#include "compiler/netsift.h"
#include "vm/vm.h"

int ns_live_kernel_check(const ns_program *prog)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		return 0; /* cannot ask: let pcap_setfilter() have its say */
	struct sock_fprog fp = {(unsigned short)prog->len, (struct sock_filter *)prog->insns};
	int rc = 0;
	if (prog->len > 0xffff)
		rc = EINVAL;
	else if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fp, sizeof(fp)) != 0)
		rc = errno;
	close(fd);
	return rc;
}

static int copy_program(ns_program *dst, const ns_program *src)
{
	dst->insns = malloc((src->len ? src->len : 1) * sizeof(ns_insn));
	if (!dst->insns)
		return -1;
	memcpy(dst->insns, src->insns, src->len * sizeof(ns_insn));
	dst->len = src->len;
	return 0;
}

static int compile_for(ns_program *out, const ns_live *cfg, pcap_t *p, int live,
		       int quiet)
{
	ns_compile_opts o = cfg->cli->copts; /* -O, --ir */
	o.linktype = pcap_datalink(p);
	o.snaplen = (uint32_t)pcap_snapshot(p);
	o.linux_live = live;
	/* --ir shows the program the kernel gets, not the fallback's or the early packets'. */
	if (!live || quiet)
		o.dump_ir = NULL;
	/* tcpdump's rule: the interface's netmask, or 0 when it has no IPv4 address. */
	bpf_u_int32 net = 0, mask = 0;
	char ebuf[PCAP_ERRBUF_SIZE];
	if (cfg->device)
		o.netmask = pcap_lookupnet(cfg->device, &net, &mask, ebuf) == 0 ? mask : 0;
	ns_diag diag;
	if (ns_compile(cfg->cli->expr ? cfg->cli->expr : "", &o, out, &diag) != 0) {
		if (!quiet)
			ns_diag_print(cfg->err, cfg->progname, cfg->cli->expr ? cfg->cli->expr : "", &diag);
		return -1;
	}
	return 0;
}

/* Why the kernel said no, in words a user can act on: our validator applies the kernel's rules
 * and names the instruction and the rule; what it accepts was refused for want of memory. */
static void describe_refusal(ns_live_filter *f, int err)
{
	ns_vm_error verr;
	if (ns_validate(f->kernel.insns, f->kernel.len, &verr) != 0)
		snprintf(f->refusal, sizeof(f->refusal), "%s", verr.msg);
	else if (f->kernel.len > NS_BPF_MAXINSNS)
		snprintf(f->refusal, sizeof(f->refusal),
			 "%zu instructions, over the kernel's limit of %d", f->kernel.len,
			 NS_BPF_MAXINSNS);
	else if (err == ENOMEM)
		snprintf(f->refusal, sizeof(f->refusal),
			 "%s; raising net.core.optmem_max with sysctl may help", strerror(err));
	else
		snprintf(f->refusal, sizeof(f->refusal), "%s", strerror(err));
}

/* Whether libpcap's userspace interpreter reads every ancillary load of prog as the kernel
 * does: only `ldb [vlan_tci]` and `ldb [vlanp]`. */
int ns_live_libpcap_runs(const ns_program *prog)
{
	for (size_t i = 0; i < prog->len; i++) {
		const ns_insn *in = &prog->insns[i];
		if (NS_BPF_CLASS(in->code) != NS_BPF_LD || NS_BPF_MODE(in->code) != NS_BPF_ABS ||
		    in->k < (uint32_t)NS_SKF_AD_OFF)
			continue;
		uint32_t ad = in->k - (uint32_t)NS_SKF_AD_OFF;
		if (NS_BPF_SIZE(in->code) != NS_BPF_B ||
		    (ad != NS_SKF_AD_VLAN_TAG && ad != NS_SKF_AD_VLAN_TAG_PRESENT))
			return 0;
	}
	return 1;
}

static int cooked(pcap_t *p)
{
	int dlt = pcap_datalink(p);
	return dlt == DLT_LINUX_SLL || dlt == DLT_LINUX_SLL2;
}

static int attach_direct(ns_live_filter *f, pcap_t *p, const ns_live *cfg)
{
	struct sock_fprog fp = {(unsigned short)f->kernel.len, (struct sock_filter *)f->kernel.insns};
	if (setsockopt(pcap_fileno(p), SOL_SOCKET, SO_ATTACH_FILTER, &fp, sizeof(fp)) != 0) {
		fprintf(cfg->err, "%s: can't attach the filter: %s\n", cfg->progname, strerror(errno));
		return -1;
	}
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	f->units = cfg->cli->popts.nano ? 1000000000 : 1000000;
	f->attached = (int64_t)ts.tv_sec * f->units + ts.tv_nsec / (1000000000 / f->units);
	f->direct = 1;
	f->early_checks = 1;
	/* Without a file form (inbound on Ethernet has none), early packets are dropped: they
	 * arrived before the capture said it was listening. */
	if (compile_for(&f->early, cfg, p, 0, 1) != 0)
		f->early.len = 0;
	return 0;
}

int ns_live_filter_early(ns_live_filter *f, const struct pcap_pkthdr *h, const uint8_t *data)
{
	int64_t t = (int64_t)h->ts.tv_sec * f->units + h->ts.tv_usec;
	if (t >= f->attached) {
		/* Ring order is arrival order, give or take concurrent CPUs: a second later, no
		 * packet from before the attachment can follow. */
		if (t > f->attached + f->units)
			f->early_checks = 0;
		return 1;
	}
	return f->early.len && ns_vm_run(f->early.insns, f->early.len, data, h->len, h->caplen, NULL);
}

int ns_live_filter_setup(ns_live_filter *f, pcap_t *p, const ns_live *cfg)
{
	memset(f, 0, sizeof(*f));
	if (cfg->prog ? copy_program(&f->kernel, cfg->prog) : compile_for(&f->kernel, cfg, p, 1, 0))
		return -1;
	int err = ns_live_kernel_check(&f->kernel);
	if (err == 0 && !cfg->prog && !cooked(p) && !ns_live_libpcap_runs(&f->kernel))
		return attach_direct(f, p, cfg);
	if (err == 0) {
		struct bpf_program bp = {(u_int)f->kernel.len, (struct bpf_insn *)f->kernel.insns};
		if (pcap_setfilter(p, &bp) != 0) {
			fprintf(cfg->err, "%s: %s\n", cfg->progname, pcap_geterr(p));
			return -1;
		}
		return 0;
	}
	describe_refusal(f, err);
	if (cfg->prog ? copy_program(&f->user, cfg->prog) : compile_for(&f->user, cfg, p, 0, 0)) {
		fprintf(cfg->err,
			"%s: the kernel refused the filter (%s), and it cannot run in userspace\n",
			cfg->progname, f->refusal);
		return -1;
	}
	f->in_userspace = 1;
	fprintf(cfg->err,
		"%s: WARNING: the kernel refused the filter (%s); filtering in userspace with "
		"netsift's VM: every packet is copied out of the kernel\n",
		cfg->progname, f->refusal);
	return 0;
}

static uint64_t now_nsec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int ns_live_filter_accept(ns_live_filter *f, const struct pcap_pkthdr *h, const uint8_t *data)
{
	uint64_t t0 = now_nsec();
	uint32_t r = ns_vm_run(f->user.insns, f->user.len, data, h->len, h->caplen, NULL);
	f->user_nsec += now_nsec() - t0;
	f->user_seen++;
	if (r)
		f->user_accepted++;
	return r != 0;
}

void ns_live_filter_report(const ns_live_filter *f, const char *progname, FILE *err)
{
	if (!f->in_userspace)
		return;
	fprintf(err,
		"%s: userspace filter: %llu packets copied out of the kernel and judged by the VM, "
		"%llu accepted, %.0f ns of VM time per packet\n",
		progname, (unsigned long long)f->user_seen, (unsigned long long)f->user_accepted,
		f->user_seen ? (double)f->user_nsec / (double)f->user_seen : 0.0);
}

int ns_live_filter_dump(const ns_live *cfg, pcap_t *p, int level)
{
	ns_program prog;
	if (cfg->prog ? copy_program(&prog, cfg->prog) : compile_for(&prog, cfg, p, 1, 0))
		return 1;
	ns_dump(cfg->out, prog.insns, prog.len, level);
	ns_program_free(&prog);
	return 0;
}

void ns_live_filter_free(ns_live_filter *f)
{
	ns_program_free(&f->kernel);
	ns_program_free(&f->user);
	ns_program_free(&f->early);
}
