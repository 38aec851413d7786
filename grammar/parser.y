/* Placeholder: replaced by the real pcap-filter grammar. Accepts only the empty expression. */
%define api.pure full
%define api.prefix {ns_yy}
%param {ns_ctx *ctx}
%code requires { #include "compiler/ctx.h" }
%code provides { int ns_yylex(NS_YYSTYPE *lval, ns_ctx *ctx); void ns_yyerror(ns_ctx *ctx, const char *msg); }
%token END 0 "end of expression"
%%
prog: %empty ;
%%
void ns_yyerror(ns_ctx *ctx, const char *msg) { ns_fail(ctx, 0, 1, "%s", msg); }
ns_node *ns_parse(ns_ctx *ctx) { if (ns_yyparse(ctx)) ns_fail(ctx, 0, 1, "syntax error"); return NULL; }
