/* Ownership of compiled or assembled programs: the instruction array is one malloc'd block. */
#include <stdlib.h>

#include "vm/bpf.h"

void ns_program_free(ns_program *prog)
{
	if (!prog)
		return;
	free(prog->insns);
	prog->insns = NULL;
	prog->len = 0;
}
