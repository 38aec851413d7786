/* ns_validate(): the Linux kernel's classic-BPF checks (net/core/filter.c: bpf_check_classic
 * and check_load_and_stores), rule for rule, so that a program passes here exactly when
 * setsockopt(SO_ATTACH_FILTER) would take it. The per-instruction rules come from the validator
 * class column of vm/opcodes.h.
 *
 * The scratch-memory rule is the kernel's data-flow approximation, not a path-exact analysis:
 * walking the program in order, a jump narrows the known-written set of its targets and resets
 * the running set to "everything" for the instruction after it, while a `ret` does not reset
 * it. Unreachable code is therefore judged the way the kernel judges it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "vm/opcodes.h"
#include "vm/vm.h"

static int fail(ns_vm_error *err, long pc, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err->pc = pc;
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int check_insn(const ns_insn *in, size_t pc, size_t len, ns_vm_error *err)
{
	enum ns_op op = ns_op_of(in->code);
	if (op == NS_OP_INVALID)
		return fail(err, (long)pc, "instruction %zu: opcode 0x%x is not a classic BPF instruction", pc, in->code);
	const char *mn = ns_opinfo_table[op].mnemonic;
	switch (ns_opinfo_table[op].vclass) {
	case NS_VC_PLAIN:
	case NS_VC_RET:
		return 0;
	case NS_VC_DIVK:
		if (in->k == 0)
			return fail(err, (long)pc, "instruction %zu: %s by constant 0", pc, mn);
		return 0;
	case NS_VC_SHIFTK:
		if (in->k >= 32)
			return fail(err, (long)pc, "instruction %zu: %s by %u, 32 or more", pc, mn, in->k);
		return 0;
	case NS_VC_MEMRD:
	case NS_VC_MEMWR:
		if (in->k >= NS_BPF_MEMWORDS)
			return fail(err, (long)pc, "instruction %zu: scratch index %u out of range (M[0]..M[15])", pc, in->k);
		return 0;
	case NS_VC_ABS:
		if (in->k >= (uint32_t)NS_SKF_AD_OFF && !ns_ancillary_of(in->k))
			return fail(err, (long)pc, "instruction %zu: unknown ancillary offset SKF_AD_OFF+%u", pc,
				    in->k - (uint32_t)NS_SKF_AD_OFF);
		return 0;
	case NS_VC_JA:
		/* Unsigned: a "negative" k is a huge forward jump and fails here, as in the kernel. */
		if (in->k >= len - pc - 1)
			return fail(err, (long)pc, "instruction %zu: jump target beyond the end of the program", pc);
		return 0;
	case NS_VC_JCOND:
		if (pc + in->jt + 1 >= len || pc + in->jf + 1 >= len)
			return fail(err, (long)pc, "instruction %zu: jump target beyond the end of the program", pc);
		return 0;
	}
	return 0;
}

static int check_scratch(const ns_insn *prog, size_t len, ns_vm_error *err)
{
	uint16_t *masks = malloc(len * sizeof(*masks));
	if (!masks)
		return fail(err, -1, "out of memory");
	for (size_t i = 0; i < len; i++)
		masks[i] = 0xffff;
	uint16_t valid = 0;
	int rc = 0;
	for (size_t pc = 0; pc < len && rc == 0; pc++) {
		const ns_insn *in = &prog[pc];
		valid &= masks[pc];
		enum ns_op op = ns_op_of(in->code);
		switch (ns_opinfo_table[op].vclass) {
		case NS_VC_MEMWR:
			valid |= (uint16_t)(1u << in->k);
			break;
		case NS_VC_MEMRD:
			if (!(valid & (1u << in->k)))
				rc = fail(err, (long)pc, "instruction %zu: M[%u] may be read before it is written", pc, in->k);
			break;
		case NS_VC_JA:
			masks[pc + 1 + in->k] &= valid;
			valid = 0xffff;
			break;
		case NS_VC_JCOND:
			masks[pc + 1 + in->jt] &= valid;
			masks[pc + 1 + in->jf] &= valid;
			valid = 0xffff;
			break;
		default:
			break;
		}
	}
	free(masks);
	return rc;
}

int ns_validate(const ns_insn *prog, size_t len, ns_vm_error *err)
{
	if (len == 0)
		return fail(err, -1, "empty program");
	if (len > NS_BPF_MAXINSNS)
		return fail(err, -1, "program has %zu instructions, more than %d", len, NS_BPF_MAXINSNS);
	for (size_t pc = 0; pc < len; pc++)
		if (check_insn(&prog[pc], pc, len, err))
			return -1;
	if (ns_opinfo_table[ns_op_of(prog[len - 1].code)].vclass != NS_VC_RET)
		return fail(err, (long)(len - 1), "instruction %zu: the last instruction is not a return", len - 1);
	return check_scratch(prog, len, err);
}
