/* -d, -dd, -ddd: the program listed, compiled from the expression for -y's link type (Ethernet
 * by default, with tcpdump's warning) or, with -r, for the capture file's link type and snapshot
 * length, as tcpdump does; or read from --program. */
#include <stdio.h>

#include <pcap/pcap.h>

#include "capture/options.h"
#include "vm/vm.h"

int ns_job_listing(const ns_cli *cli)
{
	int linktype = cli->linktype >= 0 ? cli->linktype : 1;
	uint32_t snaplen = cli->copts.snaplen;
	if (cli->read_file) {
		/* tcpdump compiles for the file as it is: -y and -s do not apply to a file. */
		char errbuf[PCAP_ERRBUF_SIZE];
		pcap_t *p = pcap_open_offline(cli->read_file, errbuf);
		if (!p) {
			ns_cli_error("%s", errbuf);
			return 1;
		}
		ns_offline_banner(cli->read_file, p);
		linktype = pcap_datalink(p);
		snaplen = (uint32_t)pcap_snapshot(p);
		pcap_close(p);
	} else if (cli->linktype < 0) {
		fputs("Warning: assuming Ethernet\n", stderr);
	}
	ns_program prog;
	if (ns_cli_filter(cli, linktype, snaplen, &prog))
		return 1;
	ns_dump(stdout, prog.insns, prog.len, cli->dump_level);
	ns_program_free(&prog);
	return fflush(stdout) ? 1 : 0;
}
