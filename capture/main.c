/* netsift's command line: tcpdump's flags with tcpdump's meaning.
 *
 * The jobs: compile a filter and list the program (-d, -dd, -ddd: capture/listing.c), read a
 * capture file, filter it with our compiler and our VM and print, write or count what matches
 * (-r: capture/offline.c), and capture live (-i). This file only dispatches; flags are parsed in
 * capture/options.c. */
#include <stdio.h>

#include "capture/live.h"
#include "capture/options.h"

int main(int argc, char **argv)
{
	/* TEMPORARY hook until capture/options.c fills an ns_live_config for -i: the live job
	 * parses its own flags (capture/live_cli.c) and says -1 when the job is not live. */
	int live_status = ns_live_main(argc, argv);
	if (live_status >= 0)
		return live_status;

	ns_cli cli;
	int status = ns_cli_parse(&cli, argc, argv);
	if (status >= 0) {
		ns_cli_free(&cli);
		return status;
	}
	if (cli.dump_level)
		status = ns_job_listing(&cli);
	else if (cli.read_file)
		status = ns_job_offline(&cli);
	else {
		ns_cli_error("live capture is not built yet; use -r FILE");
		status = 1;
	}
	ns_cli_free(&cli);
	return status;
}
