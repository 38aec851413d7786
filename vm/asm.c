/* The assembler: reads a program back from tcpdump's listings or from Linux bpf_asm source.
 *
 * Three inputs are recognised from their first line: -ddd (an instruction count, then "code jt
 * jf k" per line), -dd (C initialisers "{ code, jt, jf, k },"), and assembly. Assembly accepts
 * tcpdump's -d lines ("(012) jeq #0x800 jt 13 jf 20", jumps to absolute instruction numbers,
 * optional "; ..." comment as newer libpcap appends) and bpf_asm lines ("l1: jeq #0x800, l2,
 * drop", labels, the jne/jlt/jle aliases, `ld #proto` extensions), even mixed. It takes two
 * passes: the first splits lines and records labels, the second encodes, resolving jumps.
 * Mnemonic and operand shape are matched against the opcode table, so the assembler knows
 * exactly the instructions the disassembler prints. */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/opcodes.h"
#include "vm/vm.h"

typedef struct line {
	long lineno;
	char *text;     /* the instruction text, label and (NNN) prefix removed; NULL if none */
} line;

typedef struct label {
	char *name;
	size_t pc;
} label;

typedef struct asm_state {
	line *lines;
	size_t nlines;
	label *labels;
	size_t nlabels;
	ns_vm_error *err;
} asm_state;

static int fail(ns_vm_error *err, long lineno, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err->pc = lineno;
		int n = snprintf(err->msg, sizeof(err->msg), "line %ld: ", lineno);
		if (n < 0 || (size_t)n >= sizeof(err->msg))
			n = 0;
		vsnprintf(err->msg + n, sizeof(err->msg) - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r')
		s++;
	return s;
}

/* A number as tcpdump prints it or bpf_asm reads it: optional minus, then decimal, 0x hex, 0b
 * binary or 0-prefixed octal. Accepts anything that fits in 32 bits, signed or unsigned. */
static int parse_num(const char **sp, int64_t *out)
{
	const char *s = skip_ws(*sp);
	int neg = 0;
	if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s = skip_ws(s + 1);
	}
	int base = 10;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isxdigit((unsigned char)s[2]))
		base = 16, s += 2;
	else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B') && (s[2] == '0' || s[2] == '1'))
		base = 2, s += 2;
	else if (s[0] == '0' && isdigit((unsigned char)s[1]))
		base = 8, s++;
	if (!isxdigit((unsigned char)*s))
		return -1;
	uint64_t v = 0;
	const char *start = s;
	for (;; s++) {
		int d;
		if (isdigit((unsigned char)*s))
			d = *s - '0';
		else if (isalpha((unsigned char)*s))
			d = tolower((unsigned char)*s) - 'a' + 10;
		else
			break;
		if (d >= base)
			return -1;
		v = v * (uint64_t)base + (uint64_t)d;
		if (v > UINT32_MAX)
			return -1;
	}
	if (s == start)
		return -1;
	if (neg && v > (uint64_t)INT32_MAX + 1)
		return -1;
	*out = neg ? -(int64_t)v : (int64_t)v;
	*sp = s;
	return 0;
}

static int is_ident_char(int c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '$';
}

/* ---- Numeric listings (-ddd and -dd) ---- */

static int parse_numeric(const char *text, int c_array, ns_program *out, ns_vm_error *err)
{
	size_t cap = 16, n = 0, declared = 0;
	int have_count = 0;
	ns_insn *insns = malloc(cap * sizeof(*insns));
	if (!insns)
		return fail(err, 0, "out of memory");
	long lineno = 0;
	const char *p = text;
	while (*p) {
		lineno++;
		const char *eol = strchr(p, '\n');
		size_t l = eol ? (size_t)(eol - p) : strlen(p);
		char buf[256];
		if (l >= sizeof(buf)) {
			free(insns);
			return fail(err, lineno, "line too long");
		}
		memcpy(buf, p, l);
		buf[l] = '\0';
		p = eol ? eol + 1 : p + l;
		const char *s = skip_ws(buf);
		if (!*s)
			continue;
		int64_t f[4];
		int nf = 0;
		if (c_array) {
			if (*s != '{') {
				free(insns);
				return fail(err, lineno, "expected '{ code, jt, jf, k },'");
			}
			s++;
		}
		while (nf < 4) {
			if (parse_num(&s, &f[nf]) != 0)
				break;
			nf++;
			s = skip_ws(s);
			if (c_array && *s == ',')
				s = skip_ws(s + 1);
		}
		if (c_array) {
			if (*s == '}')
				s = skip_ws(s + 1);
			if (*s == ',')
				s = skip_ws(s + 1);
		}
		if (!c_array && !have_count && nf == 1 && !*s) {
			have_count = 1;
			declared = (size_t)f[0];
			continue;
		}
		if (nf != 4 || *s) {
			free(insns);
			return fail(err, lineno, "expected four numbers: code jt jf k");
		}
		if (f[0] < 0 || f[0] > 0xffff || f[1] < 0 || f[1] > 255 || f[2] < 0 || f[2] > 255) {
			free(insns);
			return fail(err, lineno, "code, jt or jf out of range");
		}
		if (n == cap) {
			ns_insn *bigger = realloc(insns, 2 * cap * sizeof(*insns));
			if (!bigger) {
				free(insns);
				return fail(err, lineno, "out of memory");
			}
			insns = bigger, cap *= 2;
		}
		insns[n++] = (ns_insn){(uint16_t)f[0], (uint8_t)f[1], (uint8_t)f[2], (uint32_t)f[3]};
	}
	if (have_count && declared != n) {
		free(insns);
		return fail(err, lineno, "the listing declares %zu instructions but has %zu", declared, n);
	}
	if (n == 0) {
		free(insns);
		return fail(err, lineno, "no instructions");
	}
	out->insns = insns;
	out->len = n;
	return 0;
}

/* ---- Assembly ---- */

enum shape { SH_NONE, SH_IMM, SH_LEN, SH_ABS, SH_IND, SH_MEM, SH_MSH, SH_X, SH_A, SH_TARGET };

typedef struct operand {
	enum shape shape;
	int64_t k;
	const char *label;   /* SH_TARGET by name (points into the line) */
	size_t label_len;
} operand;

static int match_word(const char **sp, const char *w)
{
	const char *s = skip_ws(*sp);
	size_t n = strlen(w);
	if (strncmp(s, w, n) != 0)
		return 0;
	*sp = s + n;
	return 1;
}

/* Parses the operand of an instruction, stopping before " jt", "," or the end. */
static int parse_operand(const char **sp, operand *op)
{
	const char *s = skip_ws(*sp);
	memset(op, 0, sizeof(*op));
	if (!*s || *s == ',' || (s[0] == 'j' && (s[1] == 't' || s[1] == 'f') && !is_ident_char((unsigned char)s[2]))) {
		op->shape = SH_NONE;
	} else if (*s == '#') {
		s++;
		if (match_word(&s, "pktlen") || match_word(&s, "len")) {
			op->shape = SH_LEN;
		} else if (isalpha((unsigned char)*s)) {
			const char *w = s;
			while (is_ident_char((unsigned char)*s))
				s++;
			const ns_ancillary *anc = ns_ancillary_by_name(w, (size_t)(s - w));
			if (!anc)
				return -1;
			op->shape = SH_ABS;
			op->k = (int64_t)((uint32_t)NS_SKF_AD_OFF + anc->off);
		} else {
			if (parse_num(&s, &op->k))
				return -1;
			op->shape = SH_IMM;
		}
	} else if (*s == '[') {
		s = skip_ws(s + 1);
		if (*s == '%')
			s++;
		if (*s == 'x' && !is_ident_char((unsigned char)s[1])) {
			s = skip_ws(s + 1);
			if (*s != '+')
				return -1;
			s++;
			if (parse_num(&s, &op->k))
				return -1;
			op->shape = SH_IND;
		} else if (isalpha((unsigned char)*s)) {
			const char *w = s;
			while (is_ident_char((unsigned char)*s))
				s++;
			const ns_ancillary *anc = ns_ancillary_by_name(w, (size_t)(s - w));
			if (!anc)
				return -1;
			op->shape = SH_ABS;
			op->k = (int64_t)((uint32_t)NS_SKF_AD_OFF + anc->off);
		} else {
			if (parse_num(&s, &op->k))
				return -1;
			op->shape = SH_ABS;
		}
		s = skip_ws(s);
		if (*s != ']')
			return -1;
		s++;
	} else if (s[0] == 'M' && s[1] == '[') {
		s += 2;
		if (parse_num(&s, &op->k))
			return -1;
		s = skip_ws(s);
		if (*s != ']')
			return -1;
		s++;
		op->shape = SH_MEM;
	} else if (s[0] == '4' && match_word(&s, "4*([")) {
		if (parse_num(&s, &op->k))
			return -1;
		if (!match_word(&s, "]&0xf)") && !match_word(&s, "] & 0xf)"))
			return -1;
		op->shape = SH_MSH;
	} else if ((*s == 'x' || *s == 'a') && !is_ident_char((unsigned char)s[1])) {
		op->shape = *s == 'x' ? SH_X : SH_A;
		s++;
	} else if (*s == '%' && (s[1] == 'x' || s[1] == 'a') && !is_ident_char((unsigned char)s[2])) {
		op->shape = s[1] == 'x' ? SH_X : SH_A;
		s += 2;
	} else if (*s == '-' || isdigit((unsigned char)*s)) {
		if (parse_num(&s, &op->k))
			return -1;
		op->shape = SH_TARGET;
	} else if (isalpha((unsigned char)*s) || *s == '_' || *s == '.') {
		op->label = s;
		while (is_ident_char((unsigned char)*s))
			s++;
		op->label_len = (size_t)(s - op->label);
		op->shape = SH_TARGET;
	} else {
		return -1;
	}
	*sp = s;
	return 0;
}

static int fmt_takes(enum ns_opfmt fmt, enum shape sh, enum ns_op op)
{
	switch (sh) {
	case SH_NONE: return fmt == NS_FMT_NONE;
	case SH_IMM: return fmt == NS_FMT_IMM || fmt == NS_FMT_DEC || fmt == NS_FMT_JK;
	case SH_LEN: return fmt == NS_FMT_LEN;
	case SH_ABS: return fmt == NS_FMT_ABS;
	case SH_IND: return fmt == NS_FMT_IND;
	case SH_MEM: return fmt == NS_FMT_MEM;
	case SH_MSH: return fmt == NS_FMT_MSH;
	case SH_X: return fmt == NS_FMT_X || fmt == NS_FMT_JX;
	case SH_A: return op == NS_OP_RET_A;
	case SH_TARGET: return fmt == NS_FMT_JA;
	}
	return 0;
}

/* bpf_asm spellings that are another mnemonic, possibly with the jump targets swapped. */
static const struct alias {
	const char *name, *canonical;
	int swap;     /* conditional jump whose sense is inverted */
} aliases[] = {
	{"ldi", "ld", 0}, {"ldxi", "ldx", 0}, {"jmp", "ja", 0},
	{"jneq", "jeq", 1}, {"jne", "jeq", 1}, {"jlt", "jge", 1}, {"jle", "jgt", 1},
};

static enum ns_op find_op(const char *mn, enum shape sh)
{
	if (!strcmp(mn, "ldx") && sh == SH_MSH)
		mn = "ldxb";
	for (int op = 1; op < NS_OP_COUNT; op++)
		if (!strcmp(ns_opinfo_table[op].mnemonic, mn) && fmt_takes(ns_opinfo_table[op].fmt, sh, (enum ns_op)op))
			return (enum ns_op)op;
	return NS_OP_INVALID;
}

static int lookup_label(const asm_state *st, const char *name, size_t len, size_t *pc)
{
	for (size_t i = 0; i < st->nlabels; i++)
		if (strlen(st->labels[i].name) == len && !memcmp(st->labels[i].name, name, len)) {
			*pc = st->labels[i].pc;
			return 0;
		}
	return -1;
}

/* A jump target: an absolute instruction number or a label. */
static int parse_target(const asm_state *st, const char **sp, long lineno, int64_t *target)
{
	const char *s = skip_ws(*sp);
	if (*s == '-' || isdigit((unsigned char)*s)) {
		if (parse_num(&s, target))
			return fail(st->err, lineno, "bad jump target");
	} else {
		const char *w = s;
		while (is_ident_char((unsigned char)*s))
			s++;
		size_t pc;
		if (s == w || lookup_label(st, w, (size_t)(s - w), &pc))
			return fail(st->err, lineno, "undefined label '%.*s'", (int)(s - w), w);
		*target = (int64_t)pc;
	}
	*sp = s;
	return 0;
}

static int cond_offset(const asm_state *st, long lineno, size_t pc, int64_t target, uint8_t *off)
{
	int64_t d = target - (int64_t)pc - 1;
	if (d < 0 || d > 255)
		return fail(st->err, lineno, "conditional jump to %lld is out of reach (0..255 forward)", (long long)target);
	*off = (uint8_t)d;
	return 0;
}

static int encode(const asm_state *st, const line *ln, size_t pc, ns_insn *out)
{
	const char *s = ln->text;
	char mn[16];
	size_t n = 0;
	while (isalpha((unsigned char)*s) && n < sizeof(mn) - 1)
		mn[n++] = (char)tolower((unsigned char)*s++);
	mn[n] = '\0';
	if (!n)
		return fail(st->err, ln->lineno, "expected an instruction: '%s'", ln->text);
	int swap = 0;
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcmp(mn, aliases[i].name)) {
			snprintf(mn, sizeof(mn), "%s", aliases[i].canonical);
			swap = aliases[i].swap;
		}
	if (!strcmp(mn, "unimp"))
		return fail(st->err, ln->lineno, "'unimp' is not an instruction; the listing lost its operands");
	operand op;
	const char *after = s;
	if (parse_operand(&after, &op))
		return fail(st->err, ln->lineno, "cannot read the operand of '%s'", ln->text);
	enum ns_op code = find_op(mn, op.shape);
	if (code == NS_OP_INVALID)
		return fail(st->err, ln->lineno, "no instruction '%s' with this operand: '%s'", mn, ln->text);
	const ns_opinfo *info = &ns_opinfo_table[code];
	*out = (ns_insn){info->code, 0, 0, (uint32_t)op.k};
	if (info->fmt == NS_FMT_JA) {
		int64_t target = op.k;
		if (op.label) {
			size_t t;
			if (lookup_label(st, op.label, op.label_len, &t))
				return fail(st->err, ln->lineno, "undefined label '%.*s'", (int)op.label_len, op.label);
			target = (int64_t)t;
		}
		out->k = (uint32_t)(target - (int64_t)pc - 1);
	} else if (info->fmt == NS_FMT_JK || info->fmt == NS_FMT_JX) {
		int64_t t_true, t_false = (int64_t)pc + 1;
		s = skip_ws(after);
		if (*s == ',') {
			s++;
			if (parse_target(st, &s, ln->lineno, &t_true))
				return -1;
			s = skip_ws(s);
			if (*s == ',') {
				s++;
				if (parse_target(st, &s, ln->lineno, &t_false))
					return -1;
			}
		} else if (match_word(&s, "jt")) {
			if (parse_target(st, &s, ln->lineno, &t_true))
				return -1;
			if (!match_word(&s, "jf"))
				return fail(st->err, ln->lineno, "expected 'jf' after 'jt'");
			if (parse_target(st, &s, ln->lineno, &t_false))
				return -1;
		} else {
			return fail(st->err, ln->lineno, "conditional jump without targets");
		}
		after = s;
		if (swap) {
			int64_t t = t_true;
			t_true = t_false, t_false = t;
		}
		if (cond_offset(st, ln->lineno, pc, t_true, &out->jt) ||
		    cond_offset(st, ln->lineno, pc, t_false, &out->jf))
			return -1;
	}
	after = skip_ws(after);
	if (*after)
		return fail(st->err, ln->lineno, "unexpected text '%s'", after);
	return 0;
}

/* Pass 1: one entry per instruction line; labels recorded with the index they name. */
static int split_lines(asm_state *st, char *buf)
{
	size_t ninsn = 0;
	long lineno = 0;
	for (char *p = buf; p && *p;) {
		lineno++;
		char *eol = strchr(p, '\n');
		if (eol)
			*eol = '\0';
		char *next = eol ? eol + 1 : NULL;
		char *c = strchr(p, ';');
		if (c)
			*c = '\0';
		char *s = (char *)skip_ws(p);
		if (s[0] == '/' && s[1] == '/')
			*s = '\0';
		if (*s == '(') {
			char *end;
			long idx = strtol(s + 1, &end, 10);
			if (*end != ')' || idx != (long)ninsn)
				return fail(st->err, lineno, "instruction number (%ld) out of sequence, expected %zu", idx, ninsn);
			s = (char *)skip_ws(end + 1);
		}
		char *w = s;
		while (is_ident_char((unsigned char)*w))
			w++;
		if (w > s && *skip_ws(w) == ':') {
			label *l = realloc(st->labels, (st->nlabels + 1) * sizeof(*l));
			if (!l)
				return fail(st->err, lineno, "out of memory");
			st->labels = l;
			size_t len = (size_t)(w - s);
			for (size_t i = 0; i < st->nlabels; i++)
				if (strlen(st->labels[i].name) == len && !memcmp(st->labels[i].name, s, len))
					return fail(st->err, lineno, "label '%.*s' defined twice", (int)len, s);
			char *name = strndup(s, len);
			if (!name)
				return fail(st->err, lineno, "out of memory");
			st->labels[st->nlabels++] = (label){name, ninsn};
			s = (char *)skip_ws(skip_ws(w) + 1);
		}
		char *e = s + strlen(s);
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			*--e = '\0';
		if (*s) {
			line *nl = realloc(st->lines, (st->nlines + 1) * sizeof(*nl));
			if (!nl)
				return fail(st->err, lineno, "out of memory");
			st->lines = nl;
			st->lines[st->nlines++] = (line){lineno, s};
			ninsn++;
		}
		p = next;
	}
	if (ninsn == 0)
		return fail(st->err, lineno, "no instructions");
	return 0;
}

static int assemble_text(const char *text, ns_program *out, ns_vm_error *err)
{
	asm_state st = {0};
	st.err = err;
	char *buf = strdup(text);
	int rc = -1;
	ns_insn *insns = NULL;
	if (!buf) {
		fail(err, 0, "out of memory");
		goto done;
	}
	if (split_lines(&st, buf))
		goto done;
	insns = calloc(st.nlines, sizeof(*insns));
	if (!insns) {
		fail(err, 0, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < st.nlines; i++)
		if (encode(&st, &st.lines[i], i, &insns[i]))
			goto done;
	out->insns = insns;
	out->len = st.nlines;
	insns = NULL;
	rc = 0;
done:
	free(insns);
	for (size_t i = 0; i < st.nlabels; i++)
		free(st.labels[i].name);
	free(st.labels);
	free(st.lines);
	free(buf);
	return rc;
}

int ns_assemble(const char *text, ns_program *out, ns_vm_error *err)
{
	out->insns = NULL;
	out->len = 0;
	const char *s = text;
	while (isspace((unsigned char)*s))
		s++;
	if (*s == '{')
		return parse_numeric(text, 1, out, err);
	/* -ddd starts with the count alone on its line; assembly never starts with a digit. */
	if (isdigit((unsigned char)*s))
		return parse_numeric(text, 0, out, err);
	return assemble_text(text, out, err);
}
