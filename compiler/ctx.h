/* The state of one compilation: its options, its arena, and its single error exit.
 *
 * Errors: every pass reports a failure with ns_fail(), which records the diagnostic and
 * longjmps back to ns_compile(); no pass checks return values for errors, and nothing leaks
 * because everything was allocated in the arena, which ns_compile() frees once. The parser is
 * the one exception in form only: bison's yyerror() records the diagnostic and yyparse() returns
 * non-zero, which the parse entry point turns into ns_fail(). */
#ifndef NETSIFT_COMPILER_CTX_H
#define NETSIFT_COMPILER_CTX_H

#include <setjmp.h>
#include <stddef.h>

#include "compiler/ast.h"
#include "compiler/netsift.h"

typedef struct ns_arena_chunk ns_arena_chunk;

typedef struct ns_arena {
	ns_arena_chunk *head;
	size_t used; /* bytes handed out in head */
} ns_arena;

typedef struct ns_ctx {
	const char *expr;
	ns_compile_opts opts;
	ns_arena arena;
	ns_diag *diag;
	jmp_buf fail;
} ns_ctx;

/* Zeroed memory from the compilation's arena; never returns NULL (fails the compilation). */
void *ns_alloc(ns_ctx *ctx, size_t size);
/* Without zeroing, for large per-pass tables whose used entries the pass sets itself. */
void *ns_alloc_uninit(ns_ctx *ctx, size_t size);
char *ns_strndup(ns_ctx *ctx, const char *s, size_t n);
void ns_arena_free(ns_arena *arena);

/* Records "msg" about source span [off, off + len) (off = -1: no position) and abandons the
 * compilation. */
_Noreturn void ns_fail(ns_ctx *ctx, int off, int len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The same with the span of a node. */
_Noreturn void ns_fail_at(ns_ctx *ctx, const ns_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Pipeline stages, in the order ns_compile() runs them. */
ns_node *ns_parse(ns_ctx *ctx);                  /* grammar/: NULL for an empty expression */
void ns_inherit(ns_ctx *ctx, ns_node *root);     /* compiler/inherit.c */
void ns_generate(ns_ctx *ctx, ns_node *root, ns_program *out); /* codegen, optimizer, emit */

#endif
