/* A one-line S-expression of an AST, for tests, debugging and a future `--explain`:
 * `host a or tcp port 80` prints as `(or (id _/_/host name:a) (id tcp/_/port num:80))`.
 * Qualifiers print as proto/dir/type, `_` for default and `?` for undefined. */
#ifndef NETSIFT_COMPILER_AST_DUMP_H
#define NETSIFT_COMPILER_AST_DUMP_H

#include <stdio.h>

#include "compiler/ast.h"

void ns_ast_dump(FILE *f, const ns_node *n);

#endif
