/* Placeholder: code generation. */
#include <stdlib.h>
#include "compiler/ctx.h"
void ns_generate(ns_ctx *ctx, ns_node *root, ns_program *out)
{
	if (root)
		ns_fail_at(ctx, root, "not implemented");
	out->insns = calloc(1, sizeof(ns_insn));
	out->insns[0] = NS_BPF_STMT(NS_BPF_RET | NS_BPF_K, ctx->opts.snaplen);
	out->len = 1;
}
