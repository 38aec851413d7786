/* Classic BPF as netsift sees it: the instruction word, its encoding, and the VM's public API.
 *
 * The instruction layout is the kernel's `struct sock_filter` and libpcap's `struct bpf_insn`
 * (u16 code, u8 jt, u8 jf, u32 k), so an array of ns_insn can be handed to
 * setsockopt(SO_ATTACH_FILTER), pcap_setfilter() or bpf_filter() without copying. The encoding
 * constants are the classic-BPF ABI; they are spelled out here so the compiler and the VM do not
 * depend on libpcap's headers. The opcode table (vm/opcodes.h) is the one place that says which
 * combinations exist. */
#ifndef NETSIFT_VM_BPF_H
#define NETSIFT_VM_BPF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct ns_insn {
	uint16_t code;
	uint8_t jt;
	uint8_t jf;
	uint32_t k;
} ns_insn;

/* The largest program the Linux kernel accepts (BPF_MAXINSNS). */
#define NS_BPF_MAXINSNS 4096
/* Scratch memory cells M[0..15]. */
#define NS_BPF_MEMWORDS 16

/* Instruction classes. */
#define NS_BPF_CLASS(code) ((code) & 0x07)
#define NS_BPF_LD   0x00
#define NS_BPF_LDX  0x01
#define NS_BPF_ST   0x02
#define NS_BPF_STX  0x03
#define NS_BPF_ALU  0x04
#define NS_BPF_JMP  0x05
#define NS_BPF_RET  0x06
#define NS_BPF_MISC 0x07

/* Load sizes. */
#define NS_BPF_SIZE(code) ((code) & 0x18)
#define NS_BPF_W 0x00
#define NS_BPF_H 0x08
#define NS_BPF_B 0x10

/* Load modes. */
#define NS_BPF_MODE(code) ((code) & 0xe0)
#define NS_BPF_IMM 0x00
#define NS_BPF_ABS 0x20
#define NS_BPF_IND 0x40
#define NS_BPF_MEM 0x60
#define NS_BPF_LEN 0x80
#define NS_BPF_MSH 0xa0

/* ALU and jump operations. */
#define NS_BPF_OP(code) ((code) & 0xf0)
#define NS_BPF_ADD  0x00
#define NS_BPF_SUB  0x10
#define NS_BPF_MUL  0x20
#define NS_BPF_DIV  0x30
#define NS_BPF_OR   0x40
#define NS_BPF_AND  0x50
#define NS_BPF_LSH  0x60
#define NS_BPF_RSH  0x70
#define NS_BPF_NEG  0x80
#define NS_BPF_MOD  0x90
#define NS_BPF_XOR  0xa0
#define NS_BPF_JA   0x00
#define NS_BPF_JEQ  0x10
#define NS_BPF_JGT  0x20
#define NS_BPF_JGE  0x30
#define NS_BPF_JSET 0x40

/* Operand source. */
#define NS_BPF_SRC(code) ((code) & 0x08)
#define NS_BPF_K 0x00
#define NS_BPF_X 0x08

/* Return value source (BPF_RET) and misc operations (BPF_MISC). */
#define NS_BPF_RVAL(code) ((code) & 0x18)
#define NS_BPF_A 0x10
#define NS_BPF_MISCOP(code) ((code) & 0xf8)
#define NS_BPF_TAX 0x00
#define NS_BPF_TXA 0x80

#define NS_BPF_STMT(code, k) ((ns_insn){(uint16_t)(code), 0, 0, (uint32_t)(k)})
#define NS_BPF_JUMP(code, k, jt, jf) ((ns_insn){(uint16_t)(code), (uint8_t)(jt), (uint8_t)(jf), (uint32_t)(k)})

/* Linux ancillary data: absolute loads at SKF_AD_OFF + n read packet metadata, not bytes. */
#define NS_SKF_AD_OFF              (-0x1000)
#define NS_SKF_AD_PROTOCOL         0
#define NS_SKF_AD_PKTTYPE          4
#define NS_SKF_AD_IFINDEX          8
#define NS_SKF_AD_NLATTR           12
#define NS_SKF_AD_NLATTR_NEST      16
#define NS_SKF_AD_MARK             20
#define NS_SKF_AD_QUEUE            24
#define NS_SKF_AD_HATYPE           28
#define NS_SKF_AD_RXHASH           32
#define NS_SKF_AD_CPU              36
#define NS_SKF_AD_ALU_XOR_X        40
#define NS_SKF_AD_VLAN_TAG         44
#define NS_SKF_AD_VLAN_TAG_PRESENT 48
#define NS_SKF_AD_PAY_OFFSET       52
#define NS_SKF_AD_RANDOM           56
#define NS_SKF_AD_VLAN_TPID        60
#define NS_SKF_AD_MAX              64

/* A program: the instruction array and its length. Caller frees with ns_program_free(). */
typedef struct ns_program {
	ns_insn *insns;
	size_t len;
} ns_program;

void ns_program_free(ns_program *prog);

#endif
