/* Fuzz target: the packet printers.
 *
 * Input layout: byte 0 chooses the link type (EN10MB, LINUX_SLL, LINUX_SLL2, RAW, NULL, LOOP,
 * IPV4, IPV6, PPP), byte 1 and byte 2 the printing options (-v/-vv/-vvv, -e, -x/-X/-XX/-A, -q,
 * -S, -n/-nn, -t variants, -#, nanoseconds), byte 3 how many bytes were on the wire beyond the
 * capture; the rest is the packet. The packet is printed twice by one printer (the second time
 * through the state the first left: TCP sequence numbers, the previous time stamp), then once
 * with its last byte cut off. Output goes to /dev/null: the property is that no printer reads
 * outside the captured bytes, crashes or hits undefined behaviour, whatever the bytes say.
 * Name look-ups are never on (-n at least), so no run touches the network. */
#include <string.h>

#include <pcap/pcap.h>

#include "capture/print.h"
#include "tests/fuzz/fuzz.h"

static const int linktypes[] = {
	DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_RAW, DLT_NULL, DLT_LOOP, DLT_IPV4, DLT_IPV6,
	DLT_PPP,
};

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
	if (size < 4 || size > 65536 + 4)
		return 0;
	int linktype = linktypes[data[0] % (sizeof(linktypes) / sizeof(linktypes[0]))];
	uint8_t o1 = data[1], o2 = data[2];
	uint32_t extra = data[3];
	data += 4;
	size -= 4;

	ns_print_opts o;
	memset(&o, 0, sizeof(o));
	o.vflag = o1 & 3;
	o.eflag = o1 >> 2 & 1;
	switch (o1 >> 3 & 7) {
	case 1: o.xflag = 1; break;
	case 2: o.xflag = 2; break;
	case 3: o.Xflag = 1; break;
	case 4: o.Xflag = 2; break;
	case 5: o.Aflag = 1; break;
	case 6: o.Aflag = 2; break;
	default: break;
	}
	o.qflag = o1 >> 6 & 1;
	o.Sflag = o1 >> 7 & 1;
	o.nflag = 1 + (o2 & 1);
	o.tflag = (o2 >> 1 & 7) % 6;
	o.number = o2 >> 4 & 1;
	o.nano = o2 >> 5 & 1;
	o.snaplen = o2 & 0x40 ? 262144 : (uint32_t)size;

	uint8_t *pkt = malloc(size ? size : 1); /* exact size: ASan sees a read past the end */
	if (!pkt)
		abort();
	memcpy(pkt, data, size);
	ns_printer *pr = ns_printer_new(&o, linktype, devnull());
	FUZZ_CHECK(pr != NULL, "no printer for link type %d", linktype);
	struct pcap_pkthdr h;
	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = 1700000000;
	h.ts.tv_usec = 123456;
	h.caplen = (uint32_t)size;
	h.len = (uint32_t)size + extra;
	ns_printer_packet(pr, &h, pkt);
	h.ts.tv_sec += 1;
	ns_printer_packet(pr, &h, pkt);
	if (size > 0) {
		h.caplen--;
		ns_printer_packet(pr, &h, pkt);
	}
	ns_printer_free(pr);
	free(pkt);
	return 0;
}
