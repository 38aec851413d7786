/* Diagnostics: recording a failure, and showing it to a person with the expression and a caret
 * line under the span it is about. Offsets are bytes; the caret line is built from the same
 * bytes (tabs kept as tabs) so it lines up under any terminal's rendering of the expression. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "compiler/ctx.h"

static _Noreturn void fail_v(ns_ctx *ctx, int off, int len, const char *fmt, va_list ap)
{
	ns_diag *d = ctx->diag;
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	d->offset = off;
	d->length = len;
	longjmp(ctx->fail, 1);
}

void ns_fail(ns_ctx *ctx, int off, int len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fail_v(ctx, off, len, fmt, ap);
}

void ns_fail_at(ns_ctx *ctx, const ns_node *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fail_v(ctx, n ? n->off : -1, n ? n->len : 0, fmt, ap);
}

void ns_diag_print(void *stream, const char *progname, const char *expr, const ns_diag *err)
{
	FILE *f = stream;
	int n = (int)strlen(expr);
	if (err->offset < 0 || err->offset > n) {
		fprintf(f, "%s: %s\n", progname, err->msg);
		return;
	}
	fprintf(f, "%s: column %d: %s\n", progname, err->offset + 1, err->msg);
	fprintf(f, "    %s\n    ", expr);
	for (int i = 0; i < err->offset; i++)
		fputc(expr[i] == '\t' ? '\t' : ' ', f);
	fputc('^', f);
	for (int i = 1; i < err->length && err->offset + i < n; i++)
		fputc('~', f);
	fputc('\n', f);
}
