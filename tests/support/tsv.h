/* The test data files: tab-separated lines, '#' comments, fields escaped as \\ \t \n. */
#ifndef NETSIFT_TESTS_SUPPORT_TSV_H
#define NETSIFT_TESTS_SUPPORT_TSV_H

#include <stdio.h>

/* Reads the next data line of f into *line (grown as needed), unescapes it in place and points
 * fields[0..] at its fields. Returns the number of fields (at most max), or -1 at end of file.
 * Blank lines and comments are skipped. */
int ts_tsv_read(FILE *f, char **line, size_t *cap, char **fields, int max);
/* Writes s to f with the escapes above. */
void ts_tsv_put(FILE *f, const char *s);

#endif
