/* netsift's command line: tcpdump's flags with tcpdump's meaning.
 *
 * The jobs: list the interfaces (-D: capture/live_open.c), compile a filter and list the
 * program (-d, -dd, -ddd: capture/listing.c), read a capture file, filter it with our compiler
 * and our VM and print, write or count what matches (-r: capture/offline.c), and capture live
 * (-i: capture/live.c). Flags are parsed, and the job chosen, in capture/options.c; this file
 * only dispatches. */
#include <stdio.h>

#include "capture/options.h"

static int (*const jobs[])(const ns_cli *) = {
	[NS_JOB_INTERFACES] = ns_job_interfaces,
	[NS_JOB_OFFLINE] = ns_job_offline,
	[NS_JOB_LISTING] = ns_job_listing,
	[NS_JOB_LIVE] = ns_job_live,
};

int main(int argc, char **argv)
{
	ns_cli cli;
	int status = ns_cli_parse(&cli, argc, argv);
	if (status < 0) {
		/* tcpdump's -l: whatever the job prints is line-buffered. */
		if (cli.line_buffered)
			setvbuf(stdout, NULL, _IOLBF, 0);
		status = jobs[cli.job](&cli);
	}
	ns_cli_free(&cli);
	return status;
}
