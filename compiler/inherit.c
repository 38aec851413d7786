/* Placeholder: qualifier inheritance pass. */
#include "compiler/ctx.h"
void ns_inherit(ns_ctx *ctx, ns_node *root) { (void)ctx; (void)root; }
