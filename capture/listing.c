/* -d, -dd, -ddd: the program listed, compiled from the expression for -y's link type (Ethernet
 * by default, as tcpdump assumes with a warning) or read from --program. */
#include <stdio.h>

#include "capture/options.h"
#include "vm/vm.h"

int ns_job_listing(const ns_cli *cli)
{
	int linktype = cli->linktype >= 0 ? cli->linktype : 1;
	ns_program prog;
	if (ns_cli_filter(cli, linktype, cli->copts.snaplen, &prog))
		return 1;
	ns_dump(stdout, prog.insns, prog.len, cli->dump_level);
	ns_program_free(&prog);
	return fflush(stdout) ? 1 : 0;
}
