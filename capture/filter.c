/* Where the filter program comes from: a listing file (--program, read by the VM's assembler:
 * tcpdump -d/-dd/-ddd output or bpf_asm source) or the expression, compiled by netsift's own
 * compiler for the capture's link type. A listing the kernel would refuse still runs in the VM
 * (it cannot read or jump out of bounds), with a warning naming the rule. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/options.h"
#include "vm/vm.h"

int ns_cli_read_listing(const char *path, ns_program *out)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		ns_cli_error("can't open %s: %s", path, strerror(errno));
		return 1;
	}
	char *text = NULL;
	size_t cap = 0;
	ssize_t n = getdelim(&text, &cap, '\0', f);
	if (f != stdin)
		fclose(f);
	if (n < 0) {
		free(text);
		ns_cli_error("%s: empty listing", path);
		return 1;
	}
	ns_vm_error err;
	int rc = ns_assemble(text, out, &err);
	free(text);
	if (rc) {
		ns_cli_error("%s: %s", path, err.msg);
		return 1;
	}
	return 0;
}

int ns_cli_filter(const ns_cli *cli, int linktype, uint32_t snaplen, ns_program *out)
{
	if (cli->program_file) {
		if (ns_cli_read_listing(cli->program_file, out))
			return 1;
		ns_vm_error err;
		if (ns_validate(out->insns, out->len, &err))
			ns_cli_error("warning: %s: the Linux kernel would refuse this program: %s",
				     cli->program_file, err.msg);
		return 0;
	}
	ns_compile_opts o = cli->copts;
	o.linktype = linktype;
	o.snaplen = snaplen;
	/* tcpdump compiles for a capture file with netmask 0, so `ip broadcast` there means a
	 * destination of all zeros or all ones; without a file or interface the mask is unknown. */
	if (cli->read_file)
		o.netmask = 0;
	ns_diag err;
	if (ns_compile(cli->expr, &o, out, &err) != 0) {
		ns_diag_print(stderr, "netsift", cli->expr, &err);
		return 1;
	}
	return 0;
}
