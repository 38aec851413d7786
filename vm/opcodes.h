/* The one table of classic-BPF opcodes: every instruction netsift knows, and nothing else.
 *
 * Each row is X(code, NAME, mnemonic, operand format, validator class). The set is the Linux
 * kernel's allowed list (net/core/filter.c), which is also exactly the set libpcap's
 * bpf_filter() executes; a code not listed here is invalid everywhere. The table generates the
 * op enum the interpreter dispatches on, the code -> op lookup used for decoding checks, the
 * validator's per-class rules, the disassembler's mnemonics and operand formats, and the
 * assembler's reverse lookup (mnemonic + operand shape -> code). */
#ifndef NETSIFT_VM_OPCODES_H
#define NETSIFT_VM_OPCODES_H

#include <stdint.h>

#include "vm/bpf.h"

/* How the operand is written in a -d listing (and read back by the assembler). */
enum ns_opfmt {
	NS_FMT_NONE,   /* tax, txa, neg, ret (A): nothing */
	NS_FMT_IMM,    /* #0x%x (loads, logical ALU ops) */
	NS_FMT_DEC,    /* #%d (arithmetic ALU ops, ret #k) */
	NS_FMT_ABS,    /* [%d], or [name] for a Linux ancillary offset */
	NS_FMT_IND,    /* [x + %d] */
	NS_FMT_MSH,    /* 4*([%d]&0xf) */
	NS_FMT_MEM,    /* M[%d] */
	NS_FMT_LEN,    /* #pktlen */
	NS_FMT_X,      /* x */
	NS_FMT_JA,     /* absolute target pc+1+k */
	NS_FMT_JK,     /* #0x%x, then jt/jf */
	NS_FMT_JX,     /* x, then jt/jf */
};

/* Which of the kernel's per-instruction rules applies (bpf_check_classic). */
enum ns_vclass {
	NS_VC_PLAIN,   /* no rule beyond being in this table */
	NS_VC_DIVK,    /* division or modulo by a constant: k != 0 */
	NS_VC_SHIFTK,  /* shift by a constant: k < 32 */
	NS_VC_MEMRD,   /* scratch read: k < 16, and the cell written on every path */
	NS_VC_MEMWR,   /* scratch write: k < 16 */
	NS_VC_ABS,     /* absolute load: k below SKF_AD_OFF or a known ancillary offset */
	NS_VC_JA,      /* unconditional jump: forward and inside the program */
	NS_VC_JCOND,   /* conditional jump: both targets inside the program */
	NS_VC_RET,     /* return: the only class allowed last */
};

#define NS_OPCODES(X) \
	X(0x00, LD_IMM,    "ld",   NS_FMT_IMM, NS_VC_PLAIN)  \
	X(0x20, LD_W_ABS,  "ld",   NS_FMT_ABS, NS_VC_ABS)    \
	X(0x28, LD_H_ABS,  "ldh",  NS_FMT_ABS, NS_VC_ABS)    \
	X(0x30, LD_B_ABS,  "ldb",  NS_FMT_ABS, NS_VC_ABS)    \
	X(0x40, LD_W_IND,  "ld",   NS_FMT_IND, NS_VC_PLAIN)  \
	X(0x48, LD_H_IND,  "ldh",  NS_FMT_IND, NS_VC_PLAIN)  \
	X(0x50, LD_B_IND,  "ldb",  NS_FMT_IND, NS_VC_PLAIN)  \
	X(0x60, LD_MEM,    "ld",   NS_FMT_MEM, NS_VC_MEMRD)  \
	X(0x80, LD_LEN,    "ld",   NS_FMT_LEN, NS_VC_PLAIN)  \
	X(0x01, LDX_IMM,   "ldx",  NS_FMT_IMM, NS_VC_PLAIN)  \
	X(0x61, LDX_MEM,   "ldx",  NS_FMT_MEM, NS_VC_MEMRD)  \
	X(0x81, LDX_LEN,   "ldx",  NS_FMT_LEN, NS_VC_PLAIN)  \
	X(0xb1, LDX_MSH,   "ldxb", NS_FMT_MSH, NS_VC_PLAIN)  \
	X(0x02, ST,        "st",   NS_FMT_MEM, NS_VC_MEMWR)  \
	X(0x03, STX,       "stx",  NS_FMT_MEM, NS_VC_MEMWR)  \
	X(0x04, ADD_K,     "add",  NS_FMT_DEC, NS_VC_PLAIN)  \
	X(0x0c, ADD_X,     "add",  NS_FMT_X,   NS_VC_PLAIN)  \
	X(0x14, SUB_K,     "sub",  NS_FMT_DEC, NS_VC_PLAIN)  \
	X(0x1c, SUB_X,     "sub",  NS_FMT_X,   NS_VC_PLAIN)  \
	X(0x24, MUL_K,     "mul",  NS_FMT_DEC, NS_VC_PLAIN)  \
	X(0x2c, MUL_X,     "mul",  NS_FMT_X,   NS_VC_PLAIN)  \
	X(0x34, DIV_K,     "div",  NS_FMT_DEC, NS_VC_DIVK)   \
	X(0x3c, DIV_X,     "div",  NS_FMT_X,   NS_VC_PLAIN)  \
	X(0x94, MOD_K,     "mod",  NS_FMT_DEC, NS_VC_DIVK)   \
	X(0x9c, MOD_X,     "mod",  NS_FMT_X,   NS_VC_PLAIN)  \
	X(0x44, OR_K,      "or",   NS_FMT_IMM, NS_VC_PLAIN)  \
	X(0x4c, OR_X,      "or",   NS_FMT_X,   NS_VC_PLAIN)  \
	X(0x54, AND_K,     "and",  NS_FMT_IMM, NS_VC_PLAIN)  \
	X(0x5c, AND_X,     "and",  NS_FMT_X,   NS_VC_PLAIN)  \
	X(0xa4, XOR_K,     "xor",  NS_FMT_IMM, NS_VC_PLAIN)  \
	X(0xac, XOR_X,     "xor",  NS_FMT_X,   NS_VC_PLAIN)  \
	X(0x64, LSH_K,     "lsh",  NS_FMT_DEC, NS_VC_SHIFTK) \
	X(0x6c, LSH_X,     "lsh",  NS_FMT_X,   NS_VC_PLAIN)  \
	X(0x74, RSH_K,     "rsh",  NS_FMT_DEC, NS_VC_SHIFTK) \
	X(0x7c, RSH_X,     "rsh",  NS_FMT_X,   NS_VC_PLAIN)  \
	X(0x84, NEG,       "neg",  NS_FMT_NONE, NS_VC_PLAIN) \
	X(0x05, JA,        "ja",   NS_FMT_JA,  NS_VC_JA)     \
	X(0x15, JEQ_K,     "jeq",  NS_FMT_JK,  NS_VC_JCOND)  \
	X(0x1d, JEQ_X,     "jeq",  NS_FMT_JX,  NS_VC_JCOND)  \
	X(0x25, JGT_K,     "jgt",  NS_FMT_JK,  NS_VC_JCOND)  \
	X(0x2d, JGT_X,     "jgt",  NS_FMT_JX,  NS_VC_JCOND)  \
	X(0x35, JGE_K,     "jge",  NS_FMT_JK,  NS_VC_JCOND)  \
	X(0x3d, JGE_X,     "jge",  NS_FMT_JX,  NS_VC_JCOND)  \
	X(0x45, JSET_K,    "jset", NS_FMT_JK,  NS_VC_JCOND)  \
	X(0x4d, JSET_X,    "jset", NS_FMT_JX,  NS_VC_JCOND)  \
	X(0x06, RET_K,     "ret",  NS_FMT_DEC, NS_VC_RET)    \
	X(0x16, RET_A,     "ret",  NS_FMT_NONE, NS_VC_RET)   \
	X(0x07, TAX,       "tax",  NS_FMT_NONE, NS_VC_PLAIN) \
	X(0x87, TXA,       "txa",  NS_FMT_NONE, NS_VC_PLAIN)

/* The op enum: NS_OP_INVALID is 0 so a zero-filled lookup slot means "no such opcode". */
enum ns_op {
	NS_OP_INVALID,
#define NS_X_ENUM(code, name, mn, fmt, vc) NS_OP_##name,
	NS_OPCODES(NS_X_ENUM)
#undef NS_X_ENUM
	NS_OP_COUNT
};

typedef struct ns_opinfo {
	uint16_t code;
	const char *mnemonic;
	enum ns_opfmt fmt;
	enum ns_vclass vclass;
} ns_opinfo;

/* Row NS_OP_x of the table (row 0 describes invalid codes). */
extern const ns_opinfo ns_opinfo_table[NS_OP_COUNT];
/* The op of a 16-bit code, or NS_OP_INVALID. Inline: the simple interpreter decodes with it
 * on every instruction. */
extern const uint8_t ns_op_by_code[256];
static inline enum ns_op ns_op_of(uint16_t code)
{
	return code < 256 ? (enum ns_op)ns_op_by_code[code] : NS_OP_INVALID;
}

/* Linux ancillary loads (absolute loads at SKF_AD_OFF + off), as libpcap's -d names them. */
typedef struct ns_ancillary {
	uint32_t off;        /* SKF_AD_* */
	const char *name;    /* -d operand inside the brackets */
	const char *asm_name; /* Linux bpf_asm extension name (`ld #proto`) */
	int meta_field;      /* offsetof in ns_vm_meta, or -1 when the value is not in it */
} ns_ancillary;

/* The ancillary row for an absolute load's k, or NULL for a packet offset or an unknown one. */
const ns_ancillary *ns_ancillary_of(uint32_t k);
const ns_ancillary *ns_ancillary_by_name(const char *name, size_t len);

#endif
