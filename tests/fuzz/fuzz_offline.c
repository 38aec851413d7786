/* Fuzz target: the capture reader behind -r.
 *
 * Input: byte 0 chooses the job's flags (the printing options, --count, -w, --trace 1, -c 2),
 * the rest is a pcap or pcapng file. It is put in a memory file and read by ns_job_offline
 * exactly as `netsift -r FILE` reads a file, with the empty expression (every packet matches, so
 * every record reaches the printer or the writer). Property: whatever the file holds (bad
 * headers, huge or zero lengths, unknown link types, truncated records), the job ends with a
 * status and never crashes, leaks or hits undefined behaviour. Output goes to /dev/null. */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "capture/options.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int quiet;
	if (!quiet) {
		/* The job prints to stdout (packets) and stderr (the "reading from file" line). */
		if (!freopen("/dev/null", "w", stdout))
			abort();
		quiet = 1;
	}
	if (size < 1 || size > (1 << 20))
		return 0;
	uint8_t flags = data[0];
	data++;
	size--;

	int fd = memfd_create("fuzz-capture", 0);
	FUZZ_CHECK(fd >= 0, "memfd_create failed");
	size_t off = 0;
	while (off < size) {
		ssize_t n = write(fd, data + off, size - off);
		FUZZ_CHECK(n > 0, "write to memfd failed");
		off += (size_t)n;
	}
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);

	ns_cli cli;
	memset(&cli, 0, sizeof(cli));
	cli.count = -1;
	cli.linktype = -1;
	ns_compile_opts_init(&cli.copts);
	cli.read_file = path;
	cli.expr = strdup("");
	FUZZ_CHECK(cli.expr != NULL, "out of memory");
	cli.popts.nflag = 2;
	cli.popts.vflag = flags & 3;
	cli.popts.eflag = flags >> 2 & 1;
	cli.popts.Xflag = flags >> 3 & 1;
	cli.popts.nano = flags >> 4 & 1;
	switch (flags >> 5 & 7) {
	case 1: cli.count_only = 1; break;
	case 2: cli.write_file = "/dev/null"; break;
	case 3: cli.trace_packet = 1; break;
	case 4: cli.count = 2; break;
	case 5: cli.trace_packet = 3; cli.count_only = 1; break;
	default: break;
	}
	ns_job_offline(&cli);
	ns_cli_free(&cli);
	close(fd);
	return 0;
}
