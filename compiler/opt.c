/* The optimizer. */
#include "compiler/ir.h"

void ns_opt(ns_ir *ir)
{
	(void)ir;
}
