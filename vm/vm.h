/* netsift's classic-BPF VM: interpreter, validator, assembler and disassembler.
 *
 * The interpreter has libpcap's bpf_filter() semantics (a load past the captured bytes returns
 * 0, division by zero returns 0, `len` is the wire length) plus Linux's ancillary loads at
 * SKF_AD_OFF, fed from a metadata struct. No global state. */
#ifndef NETSIFT_VM_VM_H
#define NETSIFT_VM_VM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "vm/bpf.h"

/* What the kernel knows about a packet besides its bytes (the SKF_AD_* loads). A caller that
 * has none passes NULL: the ancillary loads then read 0. */
typedef struct ns_vm_meta {
	uint32_t protocol;      /* SKF_AD_PROTOCOL: ethertype, host byte order */
	uint32_t pkttype;       /* SKF_AD_PKTTYPE: PACKET_HOST, PACKET_OUTGOING, ... */
	uint32_t ifindex;       /* SKF_AD_IFINDEX */
	uint32_t mark;
	uint32_t queue;
	uint32_t hatype;
	uint32_t rxhash;
	uint32_t cpu;
	uint32_t vlan_tci;      /* SKF_AD_VLAN_TAG */
	uint32_t vlan_present;  /* SKF_AD_VLAN_TAG_PRESENT: 0 or 1 */
	uint32_t vlan_tpid;     /* SKF_AD_VLAN_TPID */
	uint32_t random;        /* SKF_AD_RANDOM: the value the caller wants the load to see */
} ns_vm_meta;

/* Runs prog over a packet of caplen captured bytes out of wirelen on the wire. The program
 * should have been validated; an unvalidated one cannot make the interpreter read or jump out
 * of bounds (it returns 0 instead), but may compute nonsense. */
uint32_t ns_vm_run(const ns_insn *prog, size_t len, const uint8_t *pkt, uint32_t wirelen,
		   uint32_t caplen, const ns_vm_meta *meta);

/* Called before each executed instruction with the registers as they are before it. */
typedef void ns_vm_trace_fn(void *arg, size_t pc, const ns_insn *insn, uint32_t a, uint32_t x);
uint32_t ns_vm_run_traced(const ns_insn *prog, size_t len, const uint8_t *pkt, uint32_t wirelen,
			  uint32_t caplen, const ns_vm_meta *meta, ns_vm_trace_fn *trace, void *arg);

/* The fast path: a program pre-decoded once into direct-threaded form (jump targets resolved to
 * pointers, bounds pre-computed, invalid pieces replaced by "return 0"), then run over many
 * packets. ns_vm_exec returns exactly what ns_vm_run returns for the same program and packet,
 * validated or not. ns_vm_prepare returns NULL only when out of memory; caller frees with
 * ns_vm_prog_free. A prepared program is read-only while it runs: several threads may share it. */
typedef struct ns_vm_prog ns_vm_prog;
ns_vm_prog *ns_vm_prepare(const ns_insn *prog, size_t len);
uint32_t ns_vm_exec(const ns_vm_prog *p, const uint8_t *pkt, uint32_t wirelen, uint32_t caplen,
		    const ns_vm_meta *meta);
void ns_vm_prog_free(ns_vm_prog *p);

/* Why a program was refused or could not be read. */
typedef struct ns_vm_error {
	long pc;       /* instruction index, or line number for the assembler; -1 if none */
	char msg[256];
} ns_vm_error;

/* The Linux kernel's rules (net/core/filter.c): 0 when the kernel would accept prog. */
int ns_validate(const ns_insn *prog, size_t len, ns_vm_error *err);

/* tcpdump's listings: level 1 is -d (assembly), 2 is -dd (C array), 3 is -ddd (decimal). */
void ns_dump(FILE *f, const ns_insn *prog, size_t len, int level);
/* One instruction as -d prints it, without the "(NNN) " prefix or newline, into buf. */
void ns_disasm_insn(char *buf, size_t size, const ns_insn *insn, size_t pc);

/* Reads a listing: tcpdump's -d syntax, -ddd decimal, or Linux bpf_asm syntax with labels.
 * Returns 0 and fills *out (caller frees with ns_program_free), or -1 and fills *err. */
int ns_assemble(const char *text, ns_program *out, ns_vm_error *err);

#endif
