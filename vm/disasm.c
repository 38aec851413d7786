/* The disassembler: tcpdump's -d, -dd and -ddd listings, byte for byte as tcpdump 4.99.3 with
 * libpcap 1.10.3 prints them (that version's bpf_image(): operands are printed through C's
 * %d and %x on the 32-bit k, so large constants show as negative decimals, and the padding
 * leaves trailing blanks on operand-less lines). The mnemonic and operand format come from the
 * opcode table.
 *
 * One deliberate difference: libpcap 1.10.3 has no text for `ldx #pktlen` (0x81) and prints
 * "unimp 0x81", which cannot be read back; netsift prints `ldx #pktlen` as later libpcap
 * releases do, so every valid program round-trips through the assembler. */
#include <stdio.h>

#include "vm/opcodes.h"
#include "vm/vm.h"

static void operand(char *buf, size_t size, const ns_insn *in, enum ns_opfmt fmt, size_t pc)
{
	int k = (int)in->k;
	switch (fmt) {
	case NS_FMT_NONE: buf[0] = '\0'; break;
	case NS_FMT_IMM:
	case NS_FMT_JK: snprintf(buf, size, "#0x%x", in->k); break;
	case NS_FMT_DEC: snprintf(buf, size, "#%d", k); break;
	case NS_FMT_ABS: {
		const ns_ancillary *anc = ns_ancillary_of(in->k);
		if (anc)
			snprintf(buf, size, "[%s]", anc->name);
		else
			snprintf(buf, size, "[%d]", k);
		break;
	}
	case NS_FMT_IND: snprintf(buf, size, "[x + %d]", k); break;
	case NS_FMT_MSH: snprintf(buf, size, "4*([%d]&0xf)", k); break;
	case NS_FMT_MEM: snprintf(buf, size, "M[%d]", k); break;
	case NS_FMT_LEN: snprintf(buf, size, "#pktlen"); break;
	case NS_FMT_X:
	case NS_FMT_JX: snprintf(buf, size, "x"); break;
	case NS_FMT_JA: snprintf(buf, size, "%d", (int)(uint32_t)(pc + 1 + in->k)); break;
	}
}

void ns_disasm_insn(char *buf, size_t size, const ns_insn *in, size_t pc)
{
	enum ns_op op = ns_op_of(in->code);
	char opnd[64];
	if (op == NS_OP_INVALID) {
		/* libpcap picks the jt/jf layout from the class bits alone, even for a bad code. */
		snprintf(opnd, sizeof(opnd), "0x%x", in->code);
		if (NS_BPF_CLASS(in->code) == NS_BPF_JMP && NS_BPF_OP(in->code) != NS_BPF_JA)
			snprintf(buf, size, "%-8s %-16s jt %d\tjf %d", "unimp", opnd,
				 (int)(pc + 1 + in->jt), (int)(pc + 1 + in->jf));
		else
			snprintf(buf, size, "%-8s %s", "unimp", opnd);
		return;
	}
	const ns_opinfo *info = &ns_opinfo_table[op];
	operand(opnd, sizeof(opnd), in, info->fmt, pc);
	if (info->fmt == NS_FMT_JK || info->fmt == NS_FMT_JX)
		snprintf(buf, size, "%-8s %-16s jt %d\tjf %d", info->mnemonic, opnd,
			 (int)(pc + 1 + in->jt), (int)(pc + 1 + in->jf));
	else
		snprintf(buf, size, "%-8s %s", info->mnemonic, opnd);
}

void ns_dump(FILE *f, const ns_insn *prog, size_t len, int level)
{
	if (level >= 3) {
		fprintf(f, "%zu\n", len);
		for (size_t i = 0; i < len; i++)
			fprintf(f, "%u %u %u %u\n", prog[i].code, prog[i].jt, prog[i].jf, prog[i].k);
		return;
	}
	if (level == 2) {
		for (size_t i = 0; i < len; i++)
			fprintf(f, "{ 0x%x, %d, %d, 0x%08x },\n", prog[i].code, prog[i].jt, prog[i].jf, prog[i].k);
		return;
	}
	char line[160];
	for (size_t i = 0; i < len; i++) {
		ns_disasm_insn(line, sizeof(line), &prog[i], i);
		fprintf(f, "(%03d) %s\n", (int)i, line);
	}
}
