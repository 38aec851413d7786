/* ns_compile(): the compiler's pipeline, one call per pass, with the one error exit and the
 * one cleanup in this function. */
#include <stdlib.h>
#include <string.h>

#include "compiler/ctx.h"

void ns_compile_opts_init(ns_compile_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->linktype = 1; /* EN10MB */
	o->snaplen = 262144;
	o->optimize = 1;
	o->netmask = NS_NETMASK_UNKNOWN;
}

int ns_compile(const char *expr, const ns_compile_opts *opts, ns_program *out, ns_diag *err)
{
	ns_diag scratch;
	ns_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.expr = expr ? expr : "";
	ctx.opts = *opts;
	ctx.diag = err ? err : &scratch;
	ctx.diag->offset = -1;
	ctx.diag->length = 0;
	ctx.diag->msg[0] = '\0';
	out->insns = NULL;
	out->len = 0;

	if (setjmp(ctx.fail)) {
		ns_program_free(out);
		ns_arena_free(&ctx.arena);
		return -1;
	}
	ns_node *root = ns_parse(&ctx);
	if (root)
		ns_inherit(&ctx, root);
	ns_generate(&ctx, root, out);
	ns_arena_free(&ctx.arena);
	return 0;
}
