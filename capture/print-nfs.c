/* NFS versions 2 and 3 over Sun RPC (RFC 1094, 1813, 5531) on port 2049, UDP or TCP (with
 * the record marker): "NFS request xid N LEN proc args" and "NFS reply xid N reply ok LEN
 * proc results".  Replies are decoded with the procedure and version of their call, found
 * in a 64-entry ring of recent calls kept across packets, as tcpdump does.  File handles
 * go through tcpdump's guess of the server OS (its parsenfsfh.c decision tree).
 *
 * Reads with tcpdump's longjmp-ing accessors end the packet with " [|nfs]" and the
 * whole-packet dump (np_be32...); where tcpdump checks first, " [|nfs]" ends the line. */
#include <string.h>

#include "capture/netprint.h"

enum {
	P_NULL = 0, P_GETATTR, P_SETATTR, P_LOOKUP, P_ACCESS, P_READLINK, P_READ, P_WRITE,
	P_CREATE, P_MKDIR, P_SYMLINK, P_MKNOD, P_REMOVE, P_RMDIR, P_RENAME, P_LINK, P_READDIR,
	P_READDIRPLUS, P_FSSTAT, P_FSINFO, P_PATHCONF, P_COMMIT, P_NOOP = 25,
};
#define NFS_NPROCS 26
#define V3FATTR 84
#define V2FATTR 68

static const uint32_t v2_to_v3[NFS_NPROCS] = {
	P_NULL, P_GETATTR, P_SETATTR, P_NOOP, P_LOOKUP, P_READLINK, P_READ, P_NOOP, P_WRITE,
	P_CREATE, P_REMOVE, P_RENAME, P_LINK, P_SYMLINK, P_MKDIR, P_RMDIR, P_READDIR, P_FSSTAT,
	P_NOOP, P_NOOP, P_NOOP, P_NOOP, P_NOOP, P_NOOP, P_NOOP, P_NOOP,
};

static const np_tok proc_names[] = {
	{P_NOOP, "nop"}, {P_NULL, "null"}, {P_GETATTR, "getattr"}, {P_SETATTR, "setattr"},
	{P_LOOKUP, "lookup"}, {P_ACCESS, "access"}, {P_READLINK, "readlink"}, {P_READ, "read"},
	{P_WRITE, "write"}, {P_CREATE, "create"}, {P_MKDIR, "mkdir"}, {P_SYMLINK, "symlink"},
	{P_MKNOD, "mknod"}, {P_REMOVE, "remove"}, {P_RMDIR, "rmdir"}, {P_RENAME, "rename"},
	{P_LINK, "link"}, {P_READDIR, "readdir"}, {P_READDIRPLUS, "readdirplus"},
	{P_FSSTAT, "fsstat"}, {P_FSINFO, "fsinfo"}, {P_PATHCONF, "pathconf"},
	{P_COMMIT, "commit"}, {0, NULL},
};

static const np_tok status_names[] = {
	{1, "Operation not permitted"}, {2, "No such file or directory"},
	{5, "Input/output error"}, {6, "Device not configured"},
	{11, "Resource deadlock avoided"}, {12, "Cannot allocate memory"},
	{13, "Permission denied"}, {17, "File exists"}, {18, "Cross-device link"},
	{19, "Operation not supported by device"}, {20, "Not a directory"},
	{21, "Is a directory"}, {22, "Invalid argument"}, {26, "Text file busy"},
	{27, "File too large"}, {28, "No space left on device"}, {30, "Read-only file system"},
	{31, "Too many links"}, {45, "Operation not supported"},
	{62, "Too many levels of symbolic links"}, {63, "File name too long"},
	{66, "Directory not empty"}, {69, "Disc quota exceeded"}, {70, "Stale NFS file handle"},
	{71, "Too many levels of remote in path"}, {99, "Write cache flushed to disk"},
	{10001, "Illegal NFS file handle"}, {10002, "Update synchronization mismatch"},
	{10003, "READDIR/READDIRPLUS cookie is stale"}, {10004, "Operation not supported"},
	{10005, "Buffer or request is too small"}, {10006, "Unspecified error on server"},
	{10007, "Object of that type not supported"},
	{10008, "Request couldn't be completed in time"}, {0, NULL},
};

static const np_tok write_modes[] = {{0, "unstable"}, {1, "datasync"}, {2, "filesync"}, {0, NULL}};
static const np_tok type_names[] = {
	{0, "NON"}, {1, "REG"}, {2, "DIR"}, {3, "BLK"}, {4, "CHR"}, {5, "LNK"}, {7, "FIFO"},
	{0, NULL},
};
static const np_tok auth_names[] = {
	{0, "OK"}, {1, "Bogus Credentials (seal broken)"},
	{2, "Rejected Credentials (client should begin new session)"},
	{3, "Bogus Verifier (seal broken)"}, {4, "Verifier expired or was replayed"},
	{5, "Credentials are too weak"}, {6, "Bogus response verifier"}, {7, "Unknown failure"},
	{0, NULL},
};
static const np_tok accept_names[] = {
	{1, "PROG_UNAVAIL"}, {2, "PROG_MISMATCH"}, {3, "PROC_UNAVAIL"}, {4, "GARBAGE_ARGS"},
	{5, "SYSTEM_ERR"}, {0, NULL},
};

/* ---- accessors ---------------------------------------------------------------------- */

#define W(p, n) ((p) + 4 * (size_t)(n)) /* the n-th 32-bit word after p */

static void tokp(np_ctx *c, const char *pre, const np_tok *t, const char *fmt, unsigned v)
{
	char b[40];
	np_printf(c, "%s%s", pre, np_tok_str(t, fmt, v, b, sizeof(b)));
}

/* A WRITE's stability mode, as the call asks and the reply commits */
static void stable_print(np_ctx *c, uint32_t m)
{
	const char *s = np_tok_find(write_modes, m);
	if (s)
		np_printf(c, " <%s>", s);
	else
		np_printf(c, " <#%d>", (int)m);
}

/* ---- file handles (tcpdump's Parse_fh) ------------------------------------------------ */

enum { FHT_UNKNOWN, FHT_AUSPEX, FHT_DECOSF, FHT_IRIX4, FHT_IRIX5, FHT_SUNOS4, FHT_ULTRIX,
       FHT_VMSUCX, FHT_SUNOS5, FHT_HPUX9, FHT_BSD44 };

static int is_ucx(np_ctx *c, const uint8_t *fh)
{
	int seen_null = 0;
	for (int i = 1; i < 14; i++) {
		unsigned ch = np_u8(c, fh + i);
		if (ch >= 0x20 && ch < 0x7f) {
			if (seen_null)
				return 0;
		} else if (ch == 0) {
			seen_null = 1;
		} else {
			return 0;
		}
	}
	return 1;
}

static void printfh(np_ctx *c, const uint8_t *fh, unsigned words)
{
#define B(i) np_u8(c, fh + (i))
#define U32(a, b, cc, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(cc) << 8 | (d))
	int type = FHT_UNKNOWN;
	if (words < 4) {
		/* under 16 bytes: not guessed at */
	} else if (B(0) == 0 && B(1) == 0) {
		if (B(2) == 0 && B(3) == 0)
			type = FHT_AUSPEX;
		else if (B(4) != 0 && B(5) == 0 && B(8) == 12 && B(9) == 0)
			type = FHT_DECOSF;
		else if (B(4) == 0 && B(5) == 8 && B(6) == 0 && B(7) == 0)
			type = FHT_IRIX4;
		else
			type = FHT_SUNOS4;
	} else if (B(2) == 0 && B(3) == 0) {
		if (B(6) == 0 && B(7) == 0)
			type = FHT_BSD44;
		else if (B(21) == 0 && B(23) == 0)
			type = FHT_ULTRIX;
		else if (B(9) == 10)
			type = FHT_SUNOS5;
	} else if (B(8) == 12 && B(9) == 0) {
		type = FHT_DECOSF;
	} else if (B(8) == 0 && B(9) == 10) {
		if (B(7) == 0 && B(6) == 0 && B(5) == 0 && B(4) == 0)
			type = FHT_HPUX9;
		else
			type = FHT_SUNOS5;
	} else if (is_ucx(c, fh)) {
		type = FHT_VMSUCX;
	}

	unsigned major = 0, minor = 0;
	uint32_t ino = 0, t;
	const char *fsname = NULL;
	char opaque[65];
	switch (type) {
	case FHT_AUSPEX:
		minor = B(7), major = B(6), ino = U32(B(12), B(13), B(14), B(15));
		break;
	case FHT_BSD44:
		minor = B(0), major = B(1), ino = U32(B(15), B(14), B(13), B(12));
		break;
	case FHT_DECOSF:
		t = U32(B(3), B(2), B(1), B(0));
		minor = t & 0xfffff, major = (t >> 20) & 0xfff;
		ino = U32(B(15), B(14), B(13), B(12));
		break;
	case FHT_IRIX4:
		minor = B(3), major = B(2), ino = U32(B(8), B(9), B(10), B(11));
		break;
	case FHT_SUNOS4:
		minor = B(3), major = B(2), ino = U32(B(12), B(13), B(14), B(15));
		break;
	case FHT_SUNOS5:
		major = ((B(0) << 8 | B(1)) >> 2) & 0x3fff;
		minor = (B(1) << 16 | B(2) << 8 | B(3)) & 0x3ffff;
		ino = U32(B(12), B(13), B(14), B(15));
		break;
	case FHT_ULTRIX:
		minor = B(0), major = B(1), ino = U32(B(7), B(6), B(5), B(4));
		break;
	case FHT_VMSUCX:
		ino = U32(B(26), B(27), B(23), B(22));
		fsname = (const char *)fh + 1;
		break;
	case FHT_HPUX9:
		major = B(0), minor = B(1) << 16 | B(2) << 8 | B(3);
		ino = U32(B(12), B(13), B(14), B(15));
		break;
	default:
		opaque[0] = '\0';
		for (unsigned i = 0; i < words * 4 && i < 32; i++)
			snprintf(opaque + 2 * i, 3, "%.2X", B(i));
		minor = major = 257, ino = 1;
		fsname = "Unknown";
		break;
	}
	if (fsname) {
		/* the name is at most as long as the handle has words (tcpdump's quirk) */
		char temp[65];
		unsigned n = words > 64 ? 64 : words;
		unsigned k = 0;
		while (k < n && fsname[k] && fsname[k] != ' ')
			k++;
		memcpy(temp, fsname, k);
		temp[k] = '\0';
		np_printf(c, " fh %s/", temp);
	} else {
		np_printf(c, " fh %u,%u/", major, minor);
	}
	if (type == FHT_UNKNOWN)
		np_puts(c, opaque);
	else
		np_printf(c, "%u", ino);
#undef B
#undef U32
}

/* ---- request pieces ------------------------------------------------------------------ */

/* the first argument word after credentials and verifier, NULL when cut */
static const uint8_t *parsereq(np_ctx *c, const uint8_t *rp, unsigned length)
{
	const uint8_t *dp = rp + 24;
	if (length < 8)
		return NULL;
	uint32_t len = np_be32(c, dp + 4);
	size_t rlen = ((size_t)len + 3) & ~(size_t)3;
	if (!np_has(c, dp + 8, rlen))
		return NULL;
	if (8 + rlen <= length) {
		dp += ((size_t)len + 8 + 3) / 4 * 4;
		length -= (unsigned)(8 + rlen);
		if (length < 8)
			return NULL;
		len = np_be32(c, dp + 4);
		rlen = ((size_t)len + 3) & ~(size_t)3;
		if (!np_has(c, dp + 8, rlen))
			return NULL;
		if (8 + rlen < length)
			return dp + ((size_t)len + 8 + 3) / 4 * 4;
	}
	return NULL;
}

static const uint8_t *parsefh(np_ctx *c, const uint8_t *dp, int v3)
{
	unsigned words;
	if (v3) {
		words = np_be32(c, dp) / 4;
		dp += 4;
	} else {
		words = 8;
	}
	if (!np_has(c, dp, (size_t)words * 4))
		return NULL;
	printfh(c, dp, words);
	return dp + (size_t)words * 4;
}

static const uint8_t *parsefn(np_ctx *c, const uint8_t *dp)
{
	uint32_t len = np_be32(c, dp);
	dp += 4;
	if (0xffffffffu - len < 3) {
		np_puts(c, "[cannot pad to 32-bit boundaries]");
		np_print_invalid(c);
		return NULL;
	}
	uint32_t rlen = (len + 3) & ~3u;
	if (!np_has(c, dp, rlen))
		return NULL;
	np_putc(c, '"');
	int cut = np_print_chars(c, dp, len);
	np_putc(c, '"');
	if (cut)
		return NULL;
	return dp + rlen;
}

static const uint8_t *parsefhn(np_ctx *c, const uint8_t *dp, int v3)
{
	dp = parsefh(c, dp, v3);
	if (!dp)
		return NULL;
	np_putc(c, ' ');
	return parsefn(c, dp);
}

struct sattr3 {
	uint32_t modeset, mode, uidset, uid, gidset, gid, sizeset, size, atype, asec, ansec,
		mtype, msec, mnsec;
};

static const uint8_t *parse_sattr3(np_ctx *c, const uint8_t *dp, struct sattr3 *s)
{
#define FIELD(set, val)                                 \
	do {                                            \
		s->set = np_be32(c, dp), dp += 4;           \
		if (s->set)                             \
			s->val = np_be32(c, dp), dp += 4;   \
	} while (0)
	FIELD(modeset, mode);
	FIELD(uidset, uid);
	FIELD(gidset, gid);
	FIELD(sizeset, size);
#undef FIELD
	s->atype = np_be32(c, dp), dp += 4;
	if (s->atype == 2)
		s->asec = np_be32(c, dp), s->ansec = np_be32(c, dp + 4), dp += 8;
	s->mtype = np_be32(c, dp), dp += 4;
	if (s->mtype == 2)
		s->msec = np_be32(c, dp), s->mnsec = np_be32(c, dp + 4), dp += 8;
	return dp;
}

static void print_sattr3(np_ctx *c, const struct sattr3 *s, int verbose)
{
	if (s->modeset)
		np_printf(c, " mode %o", s->mode);
	if (s->uidset)
		np_printf(c, " uid %u", s->uid);
	if (s->gidset)
		np_printf(c, " gid %u", s->gid);
	if (verbose > 1) {
		if (s->atype == 2)
			np_printf(c, " atime %u.%06u", s->asec, s->ansec);
		if (s->mtype == 2)
			np_printf(c, " mtime %u.%06u", s->msec, s->mnsec);
	}
}

/* ---- the xid ring ---------------------------------------------------------------------- */

#define XIDMAPSIZE 64
static struct {
	uint32_t xid;
	int ipver;
	uint8_t client[16], server[16];
	uint32_t proc, vers;
} xid_map[XIDMAPSIZE];
static int xid_next, xid_hint;

static int xid_enter(np_ctx *c, const uint8_t *rp, const uint8_t *ip)
{
	if (!np_has(c, rp + 20, 4))
		return 0;
	int v = np_u8(c, ip) >> 4;
	if (v != 4 && v != 6)
		return 1;
	int i = xid_next;
	if (++xid_next >= XIDMAPSIZE)
		xid_next = 0;
	memcpy(&xid_map[i].xid, rp, 4);
	xid_map[i].ipver = v;
	if (v == 4) {
		memcpy(xid_map[i].client, ip + 12, 4);
		memcpy(xid_map[i].server, ip + 16, 4);
	} else {
		memcpy(xid_map[i].client, ip + 8, 16);
		memcpy(xid_map[i].server, ip + 24, 16);
	}
	xid_map[i].proc = np_be32(c, rp + 20);
	xid_map[i].vers = np_be32(c, rp + 16);
	return 1;
}

static int xid_find(np_ctx *c, const uint8_t *rp, const uint8_t *ip, uint32_t *proc,
		    uint32_t *vers)
{
	uint32_t xid;
	memcpy(&xid, rp, 4);
	int v = np_u8(c, ip) >> 4;
	int i = xid_hint;
	do {
		if (xid_map[i].ipver == v && xid_map[i].xid == xid) {
			int ok = 0;
			if (v == 4)
				ok = !memcmp(ip + 12, xid_map[i].server, 4) &&
				     !memcmp(ip + 16, xid_map[i].client, 4);
			else if (v == 6)
				ok = !memcmp(ip + 8, xid_map[i].server, 16) &&
				     !memcmp(ip + 24, xid_map[i].client, 16);
			if (ok) {
				xid_hint = i;
				*proc = xid_map[i].proc;
				*vers = xid_map[i].vers;
				return 0;
			}
		}
		if (++i >= XIDMAPSIZE)
			i = 0;
	} while (i != xid_hint);
	return -1;
}

/* ---- requests -------------------------------------------------------------------------- */

static void nfs_request(np_ctx *c, const uint8_t *rp, unsigned length, const uint8_t *ip)
{
	const uint8_t *dp;
	struct sattr3 sa;
	np_set_proto(c, "nfs");
	np_printf(c, "%u", length);
	if (!xid_enter(c, rp, ip))
		goto trunc;
	int v3 = np_be32(c, rp + 16) == 3;
	uint32_t proc = np_be32(c, rp + 20);
	if (!v3 && proc < NFS_NPROCS)
		proc = v2_to_v3[proc];
	tokp(c, " ", proc_names, "proc-%u", proc);
	switch (proc) {
	case P_GETATTR: case P_SETATTR: case P_READLINK: case P_FSSTAT: case P_FSINFO:
	case P_PATHCONF:
		if (!(dp = parsereq(c, rp, length)) || !parsefh(c, dp, v3))
			goto trunc;
		break;
	case P_LOOKUP: case P_CREATE: case P_MKDIR: case P_REMOVE: case P_RMDIR:
		if (!(dp = parsereq(c, rp, length)) || !parsefhn(c, dp, v3))
			goto trunc;
		break;
	case P_ACCESS: {
		if (!(dp = parsereq(c, rp, length)) || !(dp = parsefh(c, dp, v3)))
			goto trunc;
		uint32_t f = np_be32(c, dp);
		if (f & ~0x3fu) {
			np_printf(c, " %04x", f);
		} else if ((f & 0x3f) == 0x3f) {
			np_puts(c, " NFS_ACCESS_FULL");
		} else {
			static const char *const names[] = {"READ", "LOOKUP", "MODIFY", "EXTEND",
							    "DELETE", "EXECUTE"};
			char sep = ' ';
			for (int i = 0; i < 6; i++)
				if (f & (1u << i)) {
					np_printf(c, "%cNFS_ACCESS_%s", sep, names[i]);
					sep = '|';
				}
		}
		break;
	}
	case P_READ:
		if (!(dp = parsereq(c, rp, length)) || !(dp = parsefh(c, dp, v3)))
			goto trunc;
		if (v3) {
			uint32_t n = np_be32(c, W(dp, 2));
			np_printf(c, " %u bytes @ %llu", n, (unsigned long long)np_be64(c, dp));
		} else {
			uint32_t n = np_be32(c, W(dp, 1));
			np_printf(c, " %u bytes @ %u", n, np_be32(c, dp));
		}
		break;
	case P_WRITE:
		if (!(dp = parsereq(c, rp, length)) || !(dp = parsefh(c, dp, v3)))
			goto trunc;
		if (v3) {
			uint32_t a = np_be32(c, W(dp, 4)), b = np_be32(c, W(dp, 2));
			np_printf(c, " %u (%u) bytes @ %llu", a, b, (unsigned long long)np_be64(c, dp));
			if (c->o.vflag)
				stable_print(c, np_be32(c, W(dp, 3)));
		} else {
			uint32_t a = np_be32(c, W(dp, 3)), b = np_be32(c, W(dp, 2)), o = np_be32(c, W(dp, 1));
			np_printf(c, " %u (%u) bytes @ %u (%u)", a, b, o, np_be32(c, dp));
		}
		break;
	case P_SYMLINK:
		if (!(dp = parsereq(c, rp, length)) || !(dp = parsefhn(c, dp, v3)))
			goto trunc;
		np_puts(c, " ->");
		if (v3 && !(dp = parse_sattr3(c, dp, &sa)))
			goto trunc;
		if (!parsefn(c, dp))
			goto trunc;
		if (v3 && c->o.vflag)
			print_sattr3(c, &sa, c->o.vflag);
		break;
	case P_MKNOD: {
		if (!(dp = parsereq(c, rp, length)) || !(dp = parsefhn(c, dp, v3)))
			goto trunc;
		uint32_t t = np_be32(c, dp);
		dp = parse_sattr3(c, dp + 4, &sa);
		tokp(c, " ", type_names, "unk-ft %u", t);
		if (c->o.vflag && (t == 4 || t == 3)) {
			uint32_t a = np_be32(c, dp);
			np_printf(c, " %u/%u", a, np_be32(c, dp + 4));
			dp += 8;
		}
		if (c->o.vflag)
			print_sattr3(c, &sa, c->o.vflag);
		break;
	}
	case P_RENAME: /* from a name in a directory, LINK from a file handle: to a name */
	case P_LINK:
		if (!(dp = parsereq(c, rp, length)) ||
		    !(dp = (proc == P_RENAME ? parsefhn : parsefh)(c, dp, v3)))
			goto trunc;
		np_puts(c, " ->");
		if (!parsefhn(c, dp, v3))
			goto trunc;
		break;
	case P_READDIR: /* READDIRPLUS (version 3 only) adds the maximum reply size */
	case P_READDIRPLUS: {
		if (!(dp = parsereq(c, rp, length)) || !(dp = parsefh(c, dp, v3)))
			goto trunc;
		if (!v3) {
			uint32_t n = np_be32(c, W(dp, 1));
			np_printf(c, " %u bytes @ %u", n, np_be32(c, dp));
			break;
		}
		uint32_t n = np_be32(c, W(dp, 4));
		np_printf(c, " %u bytes @ %lld", n, (long long)np_be64(c, dp));
		if (c->o.vflag) {
			if (proc == P_READDIRPLUS)
				np_printf(c, " max %u", np_be32(c, W(dp, 5)));
			uint32_t a = np_be32(c, W(dp, 2));
			np_printf(c, " verf %08x%08x", a, np_be32(c, W(dp, 3)));
		}
		break;
	}
	case P_COMMIT: {
		if (!(dp = parsereq(c, rp, length)) || !(dp = parsefh(c, dp, v3)))
			goto trunc;
		uint32_t n = np_be32(c, W(dp, 2));
		np_printf(c, " %u bytes @ %llu", n, (unsigned long long)np_be64(c, dp));
		break;
	}
	default:
		break;
	}
	return;
trunc:
	np_print_trunc(c);
}

/* ---- replies ----------------------------------------------------------------------------- */

static const uint8_t *parserep(np_ctx *c, const uint8_t *rp, unsigned length, int *nfserr)
{
	const uint8_t *dp = rp + 12;
	uint32_t len = np_be32(c, dp + 4);
	if (len >= length)
		return NULL;
	dp += ((size_t)len + 8 + 3) / 4 * 4;
	uint32_t astat = np_be32(c, dp);
	if (astat != 0) {
		tokp(c, " ", accept_names, "ar_stat %u", astat);
		*nfserr = 1;
		return NULL;
	}
	if (!np_has(c, dp, 4))
		return NULL;
	return dp + 4;
}

static const uint8_t *parsestatus(np_ctx *c, const uint8_t *dp, unsigned *er, int *nfserr)
{
	uint32_t e = np_be32(c, dp);
	if (er)
		*er = e;
	if (e != 0) {
		if (!c->o.qflag)
			tokp(c, " ERROR: ", status_names, "unk %u", e);
		*nfserr = 1;
	}
	return dp + 4;
}

/* The access, modification and change times of the attributes, each seconds then the
 * fraction (microseconds in v2, nanoseconds in v3: tcpdump prints both with %06u) */
static void times_print(np_ctx *c, const uint8_t *p)
{
	for (unsigned i = 0; i < 3; i++)
		np_printf(c, " %u.%06u", np_be32(c, p + 8 * i), np_be32(c, p + 8 * i + 4));
}

static const uint8_t *parsefattr(np_ctx *c, const uint8_t *dp, int verbose, int v3)
{
	if (!np_has(c, dp + 16, 4))
		return NULL;
	if (verbose) {
		uint32_t t = np_be32(c, dp), mode = np_be32(c, dp + 4);
		int32_t uid = (int32_t)np_be32(c, dp + 12), gid = (int32_t)np_be32(c, dp + 16);
		tokp(c, " ", type_names, "unk-ft %u ", t);
		np_printf(c, " %o ids %d/%d", mode, uid, gid);
		if (v3)
			np_printf(c, " sz %llu", (unsigned long long)np_be64(c, dp + 20));
		else
			np_printf(c, " sz %u", np_be32(c, dp + 20));
	}
	if (verbose > 1) {
		if (v3) {
			if (!np_has(c, dp + 76, 8))
				return NULL;
			uint32_t nl = np_be32(c, dp + 8), r1 = np_be32(c, dp + 36);
			np_printf(c, " nlink %u rdev %u/%u", nl, r1, np_be32(c, dp + 40));
			np_printf(c, " fsid %llx", (unsigned long long)np_be64(c, dp + 44));
			np_printf(c, " fileid %llx", (unsigned long long)np_be64(c, dp + 52));
			np_puts(c, " a/m/ctime");
			times_print(c, dp + 60);
		} else {
			if (!np_has(c, dp + 60, 8))
				return NULL;
			uint32_t nl = np_be32(c, dp + 8), rdev = np_be32(c, dp + 28), fsid = np_be32(c, dp + 36);
			np_printf(c, " nlink %u rdev 0x%x fsid 0x%x nodeid 0x%x a/m/ctime", nl, rdev,
				  fsid, np_be32(c, dp + 40));
			times_print(c, dp + 44);
		}
	}
	return dp + (v3 ? V3FATTR : V2FATTR);
}

static int parseattrstat(np_ctx *c, const uint8_t *dp, int verbose, int v3, int *nfserr)
{
	unsigned er;
	dp = parsestatus(c, dp, &er, nfserr);
	if (er)
		return 1;
	return parsefattr(c, dp, verbose, v3) != NULL;
}

static int parsediropres(np_ctx *c, const uint8_t *dp, int *nfserr)
{
	unsigned er;
	dp = parsestatus(c, dp, &er, nfserr);
	if (er)
		return 1;
	dp = parsefh(c, dp, 0);
	if (!dp)
		return 0;
	return parsefattr(c, dp, c->o.vflag, 0) != NULL;
}

static const uint8_t *post_op_attr(np_ctx *c, const uint8_t *dp, int verbose)
{
	if (!np_be32(c, dp))
		return dp + 4;
	dp += 4;
	if (verbose)
		return parsefattr(c, dp, verbose, 1);
	return dp + V3FATTR;
}

static const uint8_t *pre_op_attr(np_ctx *c, const uint8_t *dp, int verbose)
{
	if (!np_be32(c, dp))
		return dp + 4;
	dp += 4;
	if (!np_has(c, dp, 24))
		return NULL;
	if (verbose > 1) {
		np_printf(c, " sz %llu", (unsigned long long)np_be64(c, dp));
		uint32_t a = np_be32(c, dp + 8), b = np_be32(c, dp + 12), d = np_be32(c, dp + 16);
		np_printf(c, " mtime %u.%06u ctime %u.%06u", a, b, d, np_be32(c, dp + 20));
	}
	return dp + 24;
}

static const uint8_t *wcc_data(np_ctx *c, const uint8_t *dp, int verbose)
{
	if (verbose > 1)
		np_puts(c, " PRE:");
	dp = pre_op_attr(c, dp, verbose);
	if (!dp)
		return NULL;
	if (verbose)
		np_puts(c, " POST:");
	return post_op_attr(c, dp, verbose);
}

static const uint8_t *createopres(np_ctx *c, const uint8_t *dp, int verbose, int *nfserr)
{
	unsigned er;
	dp = parsestatus(c, dp, &er, nfserr);
	if (er)
		return wcc_data(c, dp, verbose);
	if (!np_be32(c, dp))
		return dp + 4;
	dp = parsefh(c, dp + 4, 1);
	if (!dp)
		return NULL;
	if (verbose) {
		dp = post_op_attr(c, dp, verbose);
		if (!dp)
			return NULL;
		if (c->o.vflag > 1) {
			np_puts(c, " dir attr:");
			dp = wcc_data(c, dp, verbose);
		}
	}
	return dp;
}

static const uint8_t *wccres(np_ctx *c, const uint8_t *dp, int verbose, int *nfserr)
{
	dp = parsestatus(c, dp, NULL, nfserr);
	return wcc_data(c, dp, verbose);
}

/* The status and the post-operation attributes that many v3 replies start with, the
 * attributes under `label` at -v; NULL when cut */
static const uint8_t *status_attr(np_ctx *c, const uint8_t *dp, const char *label, int verbose,
				  unsigned *er, int *nfserr)
{
	dp = parsestatus(c, dp, er, nfserr);
	if (c->o.vflag)
		np_puts(c, label);
	return post_op_attr(c, dp, verbose);
}

typedef const uint8_t *(*attr_fn)(np_ctx *c, const uint8_t *dp, int verbose);

/* A v3 reply that is the status and, at -v, two labelled attribute parts: RENAME's two
 * directories, LINK's file and directory.  0 when cut. */
static int status_two(np_ctx *c, const uint8_t *dp, int verbose, int *nfserr, const char *l1,
		      attr_fn f1, const char *l2, attr_fn f2)
{
	dp = parsestatus(c, dp, NULL, nfserr);
	if (!verbose)
		return 1;
	np_puts(c, l1);
	if (!(dp = f1(c, dp, verbose)))
		return 0;
	np_puts(c, l2);
	return f2(c, dp, verbose) != NULL;
}

static const uint8_t *v3rddirres(np_ctx *c, const uint8_t *dp, int verbose, int *nfserr)
{
	unsigned er;
	dp = status_attr(c, dp, " POST:", verbose, &er, nfserr);
	if (!dp)
		return NULL;
	if (er)
		return dp;
	if (c->o.vflag) {
		uint32_t a = np_be32(c, dp);
		np_printf(c, " verf %08x%08x", a, np_be32(c, dp + 4));
		dp += 8;
	}
	return dp;
}

static void interp_reply(np_ctx *c, const uint8_t *rp, uint32_t proc, uint32_t vers,
			 unsigned length)
{
	const uint8_t *dp;
	unsigned er;
	int nfserr = 0, vf = c->o.vflag;
	int v3 = vers == 3;
	if (!v3 && proc < NFS_NPROCS)
		proc = v2_to_v3[proc];
	tokp(c, " ", proc_names, "proc-%u", proc);
	if (proc == P_NULL || proc == P_NOOP || proc > P_COMMIT)
		return;
	dp = parserep(c, rp, length, &nfserr);
	if (!dp)
		goto trunc;
	switch (proc) {
	case P_GETATTR:
		if (!parseattrstat(c, dp, !c->o.qflag, v3, &nfserr))
			goto trunc;
		break;
	case P_SETATTR:
		if (v3 ? !wccres(c, dp, vf, &nfserr) : !parseattrstat(c, dp, !c->o.qflag, 0, &nfserr))
			goto trunc;
		break;
	case P_LOOKUP:
		if (v3) {
			/* the file handle and its attributes only on success, the directory's always */
			dp = parsestatus(c, dp, &er, &nfserr);
			if (!er && (!(dp = parsefh(c, dp, v3)) || !(dp = post_op_attr(c, dp, vf))))
				goto trunc;
			if (vf > 1) {
				np_puts(c, " post dattr:");
				if (!post_op_attr(c, dp, vf))
					goto trunc;
			}
		} else if (!parsediropres(c, dp, &nfserr)) {
			goto trunc;
		}
		break;
	case P_ACCESS:
		if (!(dp = status_attr(c, dp, " attr:", vf, &er, &nfserr)))
			goto trunc;
		if (!er)
			np_printf(c, " c %04x", np_be32(c, dp));
		break;
	case P_READLINK:
		dp = parsestatus(c, dp, &er, &nfserr);
		if (er)
			break;
		if (v3 && !(dp = post_op_attr(c, dp, vf)))
			goto trunc;
		np_putc(c, ' ');
		if (!parsefn(c, dp))
			goto trunc;
		break;
	case P_READ:
		if (v3) {
			dp = parsestatus(c, dp, &er, &nfserr);
			if (!(dp = post_op_attr(c, dp, vf)))
				goto trunc;
			if (!er && vf) {
				np_printf(c, " %u bytes", np_be32(c, dp));
				if (np_be32(c, dp + 4))
					np_puts(c, " EOF");
			}
		} else if (!parseattrstat(c, dp, vf, 0, &nfserr)) {
			goto trunc;
		}
		break;
	case P_WRITE:
		if (v3) {
			dp = parsestatus(c, dp, &er, &nfserr);
			if (!(dp = wcc_data(c, dp, vf)))
				goto trunc;
			if (!er && vf) {
				np_printf(c, " %u bytes", np_be32(c, dp));
				if (vf > 1) {
					stable_print(c, np_be32(c, dp + 4));
					np_printf(c, " verf %llx", (unsigned long long)np_be64(c, dp + 8));
				}
			}
			return;
		}
		if (!parseattrstat(c, dp, vf, v3, &nfserr))
			goto trunc;
		break;
	case P_CREATE:
	case P_MKDIR:
		if (v3 ? !createopres(c, dp, vf, &nfserr) : !parsediropres(c, dp, &nfserr))
			goto trunc;
		break;
	case P_SYMLINK:
		if (v3 && !createopres(c, dp, vf, &nfserr))
			goto trunc;
		if (!v3)
			parsestatus(c, dp, &er, &nfserr);
		break;
	case P_MKNOD:
		if (!createopres(c, dp, vf, &nfserr))
			goto trunc;
		break;
	case P_REMOVE:
	case P_RMDIR:
		if (v3 && !wccres(c, dp, vf, &nfserr))
			goto trunc;
		if (!v3)
			parsestatus(c, dp, &er, &nfserr);
		break;
	case P_RENAME:
		if (!v3)
			parsestatus(c, dp, &er, &nfserr);
		else if (!status_two(c, dp, vf, &nfserr, " from:", wcc_data, " to:", wcc_data))
			goto trunc;
		break;
	case P_LINK:
		if (!v3)
			parsestatus(c, dp, &er, &nfserr);
		else if (!status_two(c, dp, vf, &nfserr, " file POST:", post_op_attr, " dir:",
				     wcc_data))
			goto trunc;
		break;
	case P_READDIR:
		if (v3) {
			if (!v3rddirres(c, dp, vf, &nfserr))
				goto trunc;
		} else {
			dp = parsestatus(c, dp, &er, &nfserr);
			if (er || c->o.qflag)
				break;
			uint32_t a = np_be32(c, dp), b = np_be32(c, dp + 4);
			np_printf(c, " offset 0x%x size %u ", a, b);
			if (np_be32(c, dp + 8))
				np_puts(c, " eof");
		}
		break;
	case P_READDIRPLUS:
		if (!v3rddirres(c, dp, vf, &nfserr))
			goto trunc;
		break;
	case P_FSSTAT:
		dp = parsestatus(c, dp, &er, &nfserr);
		if ((!v3 && er) || c->o.qflag)
			break;
		if (v3) {
			if (vf)
				np_puts(c, " POST:");
			if (!(dp = post_op_attr(c, dp, vf)))
				goto trunc;
		}
		if (!np_has(c, dp, v3 ? 52 : 20))
			goto trunc;
		if (v3) {
			np_printf(c, " tbytes %llu fbytes %llu abytes %llu",
				  (unsigned long long)np_be64(c, dp), (unsigned long long)np_be64(c, dp + 8),
				  (unsigned long long)np_be64(c, dp + 16));
			if (vf)
				np_printf(c, " tfiles %llu ffiles %llu afiles %llu invar %u",
					  (unsigned long long)np_be64(c, dp + 24),
					  (unsigned long long)np_be64(c, dp + 32),
					  (unsigned long long)np_be64(c, dp + 40), np_be32(c, dp + 48));
		} else {
			np_printf(c, " tsize %u bsize %u blocks %u bfree %u bavail %u", np_be32(c, dp),
				  np_be32(c, dp + 4), np_be32(c, dp + 8), np_be32(c, dp + 12), np_be32(c, dp + 16));
		}
		break;
	case P_FSINFO:
		if (!(dp = status_attr(c, dp, " POST:", vf, &er, &nfserr)))
			goto trunc;
		if (er)
			break;
		if (!np_has(c, dp, 48))
			goto trunc;
		np_printf(c, " rtmax %u rtpref %u wtmax %u wtpref %u dtpref %u", np_be32(c, dp),
			  np_be32(c, dp + 4), np_be32(c, dp + 12), np_be32(c, dp + 16), np_be32(c, dp + 24));
		if (vf) {
			np_printf(c, " rtmult %u wtmult %u maxfsz %llu", np_be32(c, dp + 8),
				  np_be32(c, dp + 20), (unsigned long long)np_be64(c, dp + 28));
			np_printf(c, " delta %u.%06u ", np_be32(c, dp + 36), np_be32(c, dp + 40));
		}
		break;
	case P_PATHCONF:
		if (!(dp = status_attr(c, dp, " POST:", vf, &er, &nfserr)))
			goto trunc;
		if (er)
			break;
		if (!np_has(c, dp, 24))
			goto trunc;
		np_printf(c, " linkmax %u namemax %u %s %s %s %s", np_be32(c, dp), np_be32(c, dp + 4),
			  np_be32(c, dp + 8) ? "notrunc" : "", np_be32(c, dp + 12) ? "chownres" : "",
			  np_be32(c, dp + 16) ? "igncase" : "", np_be32(c, dp + 20) ? "keepcase" : "");
		break;
	case P_COMMIT:
		if (!(dp = wccres(c, dp, vf, &nfserr)))
			goto trunc;
		if (vf > 1)
			np_printf(c, " verf %llx", (unsigned long long)np_be64(c, dp));
		break;
	}
	return;
trunc:
	if (!nfserr)
		np_print_trunc(c);
}

static void nfs_reply(np_ctx *c, const uint8_t *rp, unsigned length, const uint8_t *ip)
{
	uint32_t proc, vers;
	np_set_proto(c, "nfs");
	if (!np_has(c, rp + 8, 4)) {
		np_print_trunc(c);
		return;
	}
	uint32_t st = np_be32(c, rp + 8);
	if (st == 0) {
		np_printf(c, "reply ok %u", length);
		if (xid_find(c, rp, ip, &proc, &vers) >= 0)
			interp_reply(c, rp, proc, vers, length);
	} else if (st == 1) {
		np_printf(c, "reply ERR %u: ", length);
		if (!np_has(c, rp + 12, 4)) {
			np_print_trunc(c);
			return;
		}
		uint32_t rs = np_be32(c, rp + 12);
		if (rs == 0) {
			if (!np_has(c, rp + 20, 4)) {
				np_print_trunc(c);
				return;
			}
			uint32_t lo = np_be32(c, rp + 16);
			np_printf(c, "RPC Version mismatch (%u-%u)", lo, np_be32(c, rp + 20));
		} else if (rs == 1) {
			if (!np_has(c, rp + 16, 4)) {
				np_print_trunc(c);
				return;
			}
			tokp(c, "Auth ", auth_names, "Invalid failure code %u", np_be32(c, rp + 16));
		} else {
			np_printf(c, "Unknown reason for rejecting rpc message %u", rs);
		}
	} else {
		np_printf(c, "reply Unknown rpc response code=%u %u", st, length);
	}
}

/* UDP: called after the addresses, before the checksum, as tcpdump does; 1 if it printed */
int np_nfs_udp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		     unsigned sport, unsigned dport)
{
	if (!np_has(c, bp + 4, 4))
		return 0;
	uint32_t dir = np_be32(c, bp + 4);
	if (dport == 2049 && dir == 0) {
		np_printf(c, "NFS request xid %u ", np_be32(c, bp));
		nfs_request(c, bp, length, ip);
		return 1;
	}
	if (sport == 2049 && dir == 1) {
		np_printf(c, "NFS reply xid %u ", np_be32(c, bp));
		nfs_reply(c, bp, length, ip);
		return 1;
	}
	return 0;
}

/* The TCP header of this segment: after the IPv4 header, or after the IPv6 header and its
 * extension headers (the port table hands the payload only). */
static const uint8_t *tcp_header(np_ctx *c, const uint8_t *ip)
{
	if ((np_u8(c, ip) >> 4) == 4)
		return ip + (np_u8(c, ip) & 0x0f) * 4;
	unsigned nh = np_u8(c, ip + 6);
	const uint8_t *p = ip + 40;
	while (nh == 0 || nh == 43 || nh == 60 || nh == 44) {
		unsigned next = np_u8(c, p);
		p += nh == 44 ? 8 : ((size_t)np_u8(c, p + 1) + 1) * 8;
		nh = next;
	}
	return p;
}

/* TCP port 2049: a record marker, then the RPC message */
void np_nfs_tcp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)frag;
	const uint8_t *th = tcp_header(c, ip);
	unsigned sp = np_be16(c, th), dp = np_be16(c, th + 2);
	np_set_proto(c, "tcp");
	if (!np_has(c, bp, 4)) /* tcpdump prints nothing more then */
		return;
	uint32_t fraglen = np_be32(c, bp) & 0x7fffffff;
	if (fraglen > length - 4)
		fraglen = length - 4;
	const uint8_t *rp = bp + 4;
	if (!np_has(c, rp + 4, 4))
		return;
	uint32_t dir = np_be32(c, rp + 4);
	if (dp == 2049 && dir == 0) {
		np_printf(c, ": NFS request xid %u ", np_be32(c, rp));
		nfs_request(c, rp, fraglen, ip);
	} else if (sp == 2049 && dir == 1) {
		np_printf(c, ": NFS reply xid %u ", np_be32(c, rp));
		nfs_reply(c, rp, fraglen, ip);
	}
}
