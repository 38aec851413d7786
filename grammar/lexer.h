/* The lexer's interface to the parser and to the unit tests.
 *
 * The lexer keeps its position and its error in a small struct the parser owns, not in ns_ctx:
 * a lexical error must not longjmp out of yyparse() (whose stack may be on the heap), so the
 * lexer records it here and returns the LEXERR token, and the parser reports it as its own
 * syntax error. Token codes and the semantic value union come from the generated parser.h. */
#ifndef NETSIFT_GRAMMAR_LEXER_H
#define NETSIFT_GRAMMAR_LEXER_H

#include <setjmp.h>

#include "compiler/ctx.h"

typedef struct ns_lexer {
	const char *cur;   /* next byte to scan */
	const char *start; /* the expression (offsets count from here) */
	/* The first error, lexical or syntactic: span and message. */
	int err_off, err_len;
	char err[256];
	jmp_buf fail;      /* lexer-internal: from a malformed lexeme back to ns_yylex() */
} ns_lexer;

/* A source span in bytes: [off, end). */
typedef struct ns_loc {
	int off, end;
} ns_loc;

#endif
