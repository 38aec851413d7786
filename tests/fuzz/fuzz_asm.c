/* Fuzz target: the assembler and disassembler.
 *
 * Input: a listing's text (up to the first NUL): tcpdump -d, -ddd or bpf_asm syntax, as
 * --program reads it. Properties:
 *  - ns_assemble never crashes; a refusal carries a message;
 *  - an accepted program listed with ns_dump at -ddd level and assembled again gives the same
 *    instructions; at -d level (which omits unused fields), the same listing, for programs
 *    made of instructions only (an invalid opcode lists as `unimp`);
 *  - the -dd listing prints. */
#include <string.h>

#include "tests/fuzz/fuzz.h"
#include "vm/vm.h"

static char *listing(const ns_program *p, int level)
{
	char *text = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&text, &n);
	if (!f)
		abort();
	ns_dump(f, p->insns, p->len, level);
	if (fclose(f))
		abort();
	return text;
}

/* -ddd lists every field: assembling it gives the program back exactly. */
static void round_trip_exact(const ns_program *p)
{
	char *text = listing(p, 3);
	ns_program q;
	ns_vm_error err;
	memset(&err, 0, sizeof(err));
	FUZZ_CHECK(ns_assemble(text, &q, &err) == 0, "-ddd listing does not assemble: line %ld: %s\n%s",
		   err.pc, err.msg, text);
	FUZZ_CHECK(q.len == p->len, "-ddd: %zu instructions back, %zu listed", q.len, p->len);
	for (size_t i = 0; i < p->len; i++)
		FUZZ_CHECK(!memcmp(&q.insns[i], &p->insns[i], sizeof(ns_insn)),
			   "-ddd, instruction %zu: {0x%x %u %u 0x%x} back, {0x%x %u %u 0x%x} listed", i,
			   q.insns[i].code, q.insns[i].jt, q.insns[i].jf, q.insns[i].k, p->insns[i].code,
			   p->insns[i].jt, p->insns[i].jf, p->insns[i].k);
	ns_program_free(&q);
	free(text);
}

/* -d shows only the fields an instruction uses (`tax` has no k, as in tcpdump), so the
 * property is on the text: the listing of the program read back from a listing is that
 * listing. */
static void round_trip_text(const ns_program *p)
{
	char *text = listing(p, 1);
	/* An opcode that is no instruction lists as `unimp`, as tcpdump's does: nothing to read. */
	if (strstr(text, "unimp")) {
		free(text);
		return;
	}
	ns_program q;
	ns_vm_error err;
	memset(&err, 0, sizeof(err));
	FUZZ_CHECK(ns_assemble(text, &q, &err) == 0, "-d listing does not assemble: line %ld: %s\n%s",
		   err.pc, err.msg, text);
	char *again = listing(&q, 1);
	FUZZ_CHECK(!strcmp(text, again), "-d listing changes when read back:\n%s---\n%s", text, again);
	free(again);
	ns_program_free(&q);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 16384)
		return 0;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	ns_program p;
	ns_vm_error err;
	memset(&err, 0, sizeof(err));
	if (ns_assemble(text, &p, &err) == 0) {
		round_trip_text(&p);
		round_trip_exact(&p);
		free(listing(&p, 2));
		ns_program_free(&p);
	} else {
		FUZZ_CHECK(err.msg[0] != '\0', "refused without a message");
	}
	free(text);
	return 0;
}
