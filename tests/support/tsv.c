/* Tab-separated test data, unescaped in place: a field never grows when unescaped. */
#include <string.h>
#include <sys/types.h>

#include "tests/support/tsv.h"

static char *unescape_field(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++) {
		if (*r == '\\' && r[1]) {
			r++;
			*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return s;
}

int ts_tsv_read(FILE *f, char **line, size_t *cap, char **fields, int max)
{
	for (;;) {
		ssize_t n = getline(line, cap, f);
		if (n < 0)
			return -1;
		char *s = *line;
		while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
			s[--n] = '\0';
		if (n == 0 || s[0] == '#')
			continue;
		int nf = 0;
		for (char *p = s; nf < max;) {
			char *tab = strchr(p, '\t');
			if (tab)
				*tab = '\0';
			fields[nf++] = unescape_field(p);
			if (!tab)
				break;
			p = tab + 1;
		}
		return nf;
	}
}

void ts_tsv_put(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '\t')
			fputs("\\t", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
}
