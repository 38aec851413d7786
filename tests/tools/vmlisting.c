/* vmlisting: ns_dump against tcpdump's listing code on libpcap's own programs.
 *
 *   vmlisting EXPRS.tsv [CAPTURE...]     lines "DLT<TAB>SNAPLEN<TAB>EXPRESSION"
 *
 * Each expression is compiled by libpcap (pcap_compile on a dead handle of that link type,
 * optimized and not), listed by libpcap's bpf_dump (what tcpdump -d/-dd/-ddd calls) and by
 * ns_dump at the three levels; the texts must be identical, and the -d text must assemble back
 * into a program with the same listing. Expressions libpcap refuses here (host names, ...)
 * are skipped and counted. With captures, every program bpf_filter can run safely is also run
 * over their packets and 300 made-up ones: ns_vm_run and ns_vm_exec must return bpf_filter's
 * value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "tests/support/vm_corpus.h"
#include "vm/vm.h"

/* bpf_dump writes to stdout: capture it through a temporary file. */
static char *reference(const struct bpf_program *bp, int level, FILE *tmp)
{
	fflush(stdout);
	int saved = dup(1);
	rewind(tmp);
	if (ftruncate(fileno(tmp), 0) != 0)
		return NULL;
	dup2(fileno(tmp), 1);
	bpf_dump(bp, level);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	long n = lseek(fileno(tmp), 0, SEEK_END);
	char *buf = malloc((size_t)n + 1);
	if (pread(fileno(tmp), buf, (size_t)n, 0) != n)
		return free(buf), NULL;
	buf[n] = '\0';
	return buf;
}

static char *ours(const ns_insn *p, size_t n, int level)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	ns_dump(f, p, n, level);
	fclose(f);
	return text;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return fprintf(stderr, "usage: vmlisting EXPRS.tsv [CAPTURE...]\n"), 2;
	vt_packets pk = {0};
	for (int i = 2; i < argc; i++)
		if (vt_load_pcap(&pk, argv[i]))
			return fprintf(stderr, "vmlisting: cannot read %s\n", argv[i]), 2;
	if (pk.n) {
		vt_rng r = {77};
		vt_add_random(&pk, &r, 300);
	}
	long runs = 0, matches = 0;
	FILE *in = fopen(argv[1], "r");
	FILE *tmp = tmpfile();
	if (!in || !tmp)
		return perror("vmlisting"), 2;
	char *line = NULL;
	size_t cap = 0;
	long programs = 0, skipped = 0, compared = 0;
	while (getline(&line, &cap, in) > 0) {
		line[strcspn(line, "\n")] = '\0';
		char *dlt = strtok(line, "\t"), *snap = strtok(NULL, "\t"), *expr = strtok(NULL, "");
		if (!dlt || !snap)
			continue;
		if (!expr)
			expr = (char *)"";
		int type = pcap_datalink_name_to_val(dlt);
		if (type < 0) {
			skipped++;
			continue;
		}
		pcap_t *p = pcap_open_dead(type, atoi(snap));
		for (int opt = 0; opt <= 1; opt++) {
			struct bpf_program bp;
			if (pcap_compile(p, &bp, expr, opt, PCAP_NETMASK_UNKNOWN) != 0) {
				skipped++;
				continue;
			}
			programs++;
			const ns_insn *prog = (const ns_insn *)bp.bf_insns;
			for (int level = 1; level <= 3; level++) {
				char *want = reference(&bp, level, tmp), *got = ours(prog, bp.bf_len, level);
				if (!want || strcmp(want, got)) {
					fprintf(stderr, "listing -%.*s differs for %s '%s' (optimize %d):\n--- tcpdump\n%s--- netsift\n%s",
						level, "ddd", dlt, expr, opt, want ? want : "(none)\n", got);
					return 1;
				}
				if (level == 1) {
					ns_program back;
					ns_vm_error err;
					if (ns_assemble(want, &back, &err)) {
						fprintf(stderr, "%s '%s': %s\n", dlt, expr, err.msg);
						return 1;
					}
					char *again = ours(back.insns, back.len, 1);
					if (strcmp(again, want)) {
						fprintf(stderr, "%s '%s': -d listing not read back\n", dlt, expr);
						return 1;
					}
					free(again);
					ns_program_free(&back);
				}
				compared++;
				free(want);
				free(got);
			}
			if (pk.n && vt_pcap_can_run(prog, bp.bf_len)) {
				ns_vm_prog *vp = ns_vm_prepare(prog, bp.bf_len);
				for (size_t j = 0; j < pk.n; j++) {
					const vt_packet *pp = &pk.p[j];
					uint32_t want = bpf_filter(bp.bf_insns, pp->data, pp->wirelen, pp->caplen);
					uint32_t slow = ns_vm_run(prog, bp.bf_len, pp->data, pp->wirelen, pp->caplen, NULL);
					uint32_t fast = ns_vm_exec(vp, pp->data, pp->wirelen, pp->caplen, NULL);
					if (want != slow || want != fast) {
						fprintf(stderr, "%s '%s' (optimize %d), packet %zu: bpf_filter %u, ns_vm_run %u, ns_vm_exec %u\n",
							dlt, expr, opt, j, want, slow, fast);
						return 1;
					}
					runs++;
					matches += want != 0;
				}
				ns_vm_prog_free(vp);
			}
			pcap_freecode(&bp);
		}
		pcap_close(p);
	}
	free(line);
	fclose(in);
	vt_packets_free(&pk);
	if (argc > 2)
		printf("vmlisting: %ld runs of libpcap's programs, verdicts equal to bpf_filter (%ld matches)\n", runs, matches);
	printf("vmlisting: %ld libpcap programs, %ld listings identical to bpf_dump (-d/-dd/-ddd), %ld skipped (not compiled here)\n",
	       programs, compared, skipped);
	return programs > 1000 ? 0 : 1;
}
