/* Fuzz target: the validator and both interpreters.
 *
 * Input layout: byte 0 = captured length of the packet (at most what follows), byte 1 = extra
 * wire length, byte 2 = flags (bit 0: pass metadata, bit 1: the packet is the program's own
 * bytes), byte 3 = seed for the metadata; then the packet; then the program, 8 bytes per
 * instruction (code little-endian, jt, jf, k little-endian); a trailing partial instruction is
 * dropped. Properties:
 *  - ns_validate never crashes, accepts or refuses with a message, and agrees with the Linux
 *    kernel (setsockopt SO_ATTACH_FILTER on a UDP socket that is never used; programs up to 512
 *    instructions, skipped where no socket can be made);
 *  - on a valid program without ancillary loads, ns_vm_run returns what libpcap's bpf_filter()
 *    returns;
 *  - whatever it says, ns_vm_run and the prepared fast path (ns_vm_prepare + ns_vm_exec) never
 *    crash, never read outside the packet or the program, terminate, and return the same value
 *    (vm.h promises this for unvalidated programs too);
 *  - a valid program gives the same value on a second run (no state leaks across runs);
 *  - the disassembler prints every instruction without overflowing its buffer. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/filter.h>
#include <pcap/pcap.h>

#include "tests/fuzz/fuzz.h"
#include "vm/vm.h"

/* The kernel's verdict on the program: 1 accepted, 0 refused, -1 no answer (no socket, or a
 * refusal for memory rather than for the program). The socket never sends or receives. */
static int kernel_accepts(const ns_insn *prog, size_t len)
{
	static int sock = -2;
	if (sock == -2)
		sock = socket(AF_INET, SOCK_DGRAM, 0);
	if (sock < 0 || len > 512)
		return -1;
	struct sock_fprog fp = {(unsigned short)len, (struct sock_filter *)(void *)prog};
	if (setsockopt(sock, SOL_SOCKET, SO_ATTACH_FILTER, &fp, sizeof(fp)) == 0)
		return 1;
	return errno == EINVAL ? 0 : -1;
}

/* Whether the program reads ancillary data, which libpcap's bpf_filter() does not have. */
static int uses_ancillary(const ns_insn *prog, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (NS_BPF_CLASS(prog[i].code) == NS_BPF_LD && NS_BPF_MODE(prog[i].code) == NS_BPF_ABS &&
		    prog[i].k >= (uint32_t)NS_SKF_AD_OFF)
			return 1;
	return 0;
}

static FILE *devnull(void)
{
	static FILE *f;
	if (!f)
		f = fopen("/dev/null", "w");
	if (!f)
		abort();
	return f;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 4)
		return 0;
	uint32_t caplen = data[0], extra = data[1];
	int flags = data[2];
	uint8_t seed = data[3];
	data += 4;
	size -= 4;
	if (caplen > size)
		caplen = (uint32_t)size;
	/* Exact-size copies, so that ASan catches a read one past either. */
	uint8_t *pkt = malloc(caplen ? caplen : 1);
	size_t len = (size - caplen) / 8;
	ns_insn *prog = malloc(len ? len * sizeof(*prog) : 1);
	if (!pkt || !prog)
		abort();
	memcpy(pkt, data, caplen);
	for (size_t i = 0; i < len; i++) {
		const uint8_t *b = data + caplen + 8 * i;
		prog[i].code = (uint16_t)(b[0] | b[1] << 8);
		prog[i].jt = b[2];
		prog[i].jf = b[3];
		prog[i].k = (uint32_t)b[4] | (uint32_t)b[5] << 8 | (uint32_t)b[6] << 16 | (uint32_t)b[7] << 24;
	}
	const uint8_t *p = pkt;
	if (flags & 2) { /* the program's own bytes as the packet: loads that hit */
		p = (const uint8_t *)prog;
		caplen = (uint32_t)(len * sizeof(*prog));
	}
	ns_vm_meta meta, *mp = NULL;
	if (flags & 1) {
		uint32_t *f = &meta.protocol;
		for (size_t i = 0; i < sizeof(meta) / sizeof(uint32_t); i++)
			f[i] = seed * 0x01010101u ^ (uint32_t)i;
		meta.vlan_present &= 1;
		mp = &meta;
	}
	uint32_t wirelen = caplen + extra;

	ns_vm_error err;
	memset(&err, 0, sizeof(err));
	int valid = ns_validate(prog, len, &err) == 0;
	if (!valid)
		FUZZ_CHECK(err.msg[0] != '\0' && memchr(err.msg, '\0', sizeof(err.msg)),
			   "refused without a message");

	int kernel = kernel_accepts(prog, len);
	if (kernel >= 0)
		FUZZ_CHECK(kernel == valid, "the kernel %s the program, ns_validate %s it%s%s",
			   kernel ? "accepts" : "refuses", valid ? "accepts" : "refuses",
			   valid ? "" : ": ", valid ? "" : err.msg);

	uint32_t slow = ns_vm_run(prog, len, p, wirelen, caplen, mp);
	/* libpcap's interpreter is the reference for programs the kernel's rules accept. */
	if (valid && !uses_ancillary(prog, len)) {
		uint32_t ref = bpf_filter((const struct bpf_insn *)(const void *)prog, p, wirelen, caplen);
		FUZZ_CHECK(slow == ref, "ns_vm_run %u, libpcap's bpf_filter %u", slow, ref);
	}
	ns_vm_prog *vp = ns_vm_prepare(prog, len);
	FUZZ_CHECK(vp != NULL, "out of memory");
	uint32_t fast = ns_vm_exec(vp, p, wirelen, caplen, mp);
	FUZZ_CHECK(slow == fast, "ns_vm_run %u, ns_vm_exec %u (program of %zu, %s)", slow, fast, len,
		   valid ? "valid" : err.msg);
	if (valid) {
		FUZZ_CHECK(ns_vm_exec(vp, p, wirelen, caplen, mp) == fast, "second ns_vm_exec differs");
		FUZZ_CHECK(ns_vm_run(prog, len, p, wirelen, caplen, mp) == slow, "second ns_vm_run differs");
	}
	ns_vm_prog_free(vp);

	char line[128];
	for (size_t i = 0; i < len && i < 64; i++)
		ns_disasm_insn(line, sizeof(line), &prog[i], i);
	if (len <= 64)
		for (int level = 1; level <= 3; level++)
			ns_dump(devnull(), prog, len, level);
	free(prog);
	free(pkt);
	return 0;
}
