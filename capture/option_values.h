/* Private to the command-line parser (capture/options.c): the readers of flag arguments and of
 * the expression, each with tcpdump's message for a bad value. */
#ifndef NETSIFT_CAPTURE_OPTION_VALUES_H
#define NETSIFT_CAPTURE_OPTION_VALUES_H

#include <stdio.h>

#include "capture/options.h"

typedef enum {
	NS_FLAG_OK,     /* go on */
	NS_FLAG_DONE,   /* stop with exit status 0 (--help) */
	NS_FLAG_ERROR,  /* stop with exit status 1; the message is out */
} ns_flag_result;

/* Reads one flag's argument into cli. */
typedef ns_flag_result (*ns_flag_fn)(ns_cli *cli, const char *arg);

ns_flag_result ns_opt_buffer(ns_cli *cli, const char *arg);     /* -B */
ns_flag_result ns_opt_filesize(ns_cli *cli, const char *arg);   /* -C */
ns_flag_result ns_opt_snaplen(ns_cli *cli, const char *arg);    /* -s */
ns_flag_result ns_opt_linktype(ns_cli *cli, const char *arg);   /* -y */
ns_flag_result ns_opt_direction(ns_cli *cli, const char *arg);  /* -Q */
ns_flag_result ns_opt_precision(ns_cli *cli, const char *arg);  /* --time-stamp-precision */
ns_flag_result ns_opt_trace(ns_cli *cli, const char *arg);      /* --trace */
ns_flag_result ns_opt_ir(ns_cli *cli, const char *arg);         /* --ir */
ns_flag_result ns_opt_help(ns_cli *cli, const char *arg);       /* -h, --help */

/* The synopsis, made from the flag table (capture/options.c). */
void ns_cli_usage(FILE *f);

/* The expression: the operands joined by blanks, as tcpdump joins them; or tcpdump's -F file,
 * whole, with '#' comments up to the end of a line blanked. NULL after reporting an error
 * (caller frees the string). */
char *ns_cli_join(int argc, char **argv);
char *ns_cli_read_filter_file(const char *path);

#endif
