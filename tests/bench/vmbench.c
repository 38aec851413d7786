/* vmbench: the same programs over the same packets, with libpcap's bpf_filter() or netsift's
 * VM, so that tests/bench/run.sh can count the instructions each spends inside the filter call
 * (callgrind --toggle-collect on bpf_filter, ns_vm_exec or ns_vm_run).
 *
 *   vmbench pcap|exec|run ROUNDS PROGRAM_LIST CAPTURE...
 *
 * PROGRAM_LIST names -ddd listing files, one per line. Prints the packets run and the number of
 * accepting verdicts (equal for every engine, or the comparison is void). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "tests/support/vm_corpus.h"
#include "vm/vm.h"

static int read_program(const char *path, ns_program *out)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char *text = NULL;
	size_t cap = 0;
	ssize_t n = getdelim(&text, &cap, '\0', f);
	fclose(f);
	ns_vm_error err;
	int rc = n < 0 ? -1 : ns_assemble(text, out, &err);
	free(text);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: vmbench pcap|exec|run ROUNDS PROGRAM_LIST CAPTURE...\n");
		return 2;
	}
	const char *engine = argv[1];
	long rounds = atol(argv[2]);
	FILE *list = fopen(argv[3], "r");
	if (!list)
		return perror(argv[3]), 2;
	ns_program progs[256];
	size_t nprogs = 0;
	char line[4096];
	while (nprogs < 256 && fgets(line, sizeof(line), list)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] && read_program(line, &progs[nprogs]) == 0)
			nprogs++;
	}
	fclose(list);
	vt_packets pk = {0};
	for (int i = 4; i < argc; i++)
		if (vt_load_pcap(&pk, argv[i]))
			return fprintf(stderr, "vmbench: cannot read %s\n", argv[i]), 2;
	vt_rng r = {42};
	vt_add_random(&pk, &r, 200);

	ns_vm_prog *prepared[256];
	for (size_t i = 0; i < nprogs; i++)
		prepared[i] = ns_vm_prepare(progs[i].insns, progs[i].len);
	long accepted = 0, runs = 0;
	int mode = !strcmp(engine, "pcap") ? 0 : !strcmp(engine, "exec") ? 1 : 2;
	for (long round = 0; round < rounds; round++)
		for (size_t i = 0; i < nprogs; i++)
			for (size_t j = 0; j < pk.n; j++) {
				const vt_packet *p = &pk.p[j];
				uint32_t v;
				if (mode == 0)
					v = bpf_filter((const struct bpf_insn *)progs[i].insns, p->data, p->wirelen, p->caplen);
				else if (mode == 1)
					v = ns_vm_exec(prepared[i], p->data, p->wirelen, p->caplen, NULL);
				else
					v = ns_vm_run(progs[i].insns, progs[i].len, p->data, p->wirelen, p->caplen, NULL);
				accepted += v != 0;
				runs++;
			}
	printf("%s: %zu programs, %zu packets, %ld runs, %ld accepted\n", engine, nprogs, pk.n, runs, accepted);
	for (size_t i = 0; i < nprogs; i++) {
		ns_vm_prog_free(prepared[i]);
		ns_program_free(&progs[i]);
	}
	vt_packets_free(&pk);
	return 0;
}
