/* Addresses and ports as tcpdump prints them.
 *
 * Formatting is pure (np_fmt_*).  Names are looked up only when -n was not given, as
 * tcpdump does: hosts by reverse lookup (getnameinfo), ports from the services database;
 * results are cached per printer (np_names) because a capture repeats the same few
 * addresses, and a reverse lookup can be slow. */
#include <arpa/inet.h>
#include <netinet/ether.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "capture/netprint.h"

char *np_fmt_ipv4(char *buf, const uint8_t *a)
{
	sprintf(buf, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
	return buf;
}

/* RFC 5952-like compression as tcpdump's own inet_ntop does it: the longest run of two or
 * more zero words becomes "::" (the first of equal runs wins), and an IPv4-compatible or
 * -mapped address ends in dotted quad. */
char *np_fmt_ipv6(char *buf, const uint8_t *a)
{
	unsigned w[8];
	for (int i = 0; i < 8; i++)
		w[i] = (unsigned)(a[2 * i] << 8 | a[2 * i + 1]);
	int best = -1, best_len = 0;
	for (int i = 0; i < 8;) {
		if (w[i]) {
			i++;
			continue;
		}
		int j = i;
		while (j < 8 && !w[j])
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j;
	}
	if (best_len < 2)
		best = -1;
	char *p = buf;
	for (int i = 0; i < 8; i++) {
		if (best >= 0 && i >= best && i < best + best_len) {
			if (i == best)
				*p++ = ':';
			continue;
		}
		if (i)
			*p++ = ':';
		if (i == 6 && best == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff))) {
			p += sprintf(p, "%u.%u.%u.%u", a[12], a[13], a[14], a[15]);
			break;
		}
		p += sprintf(p, "%x", w[i]);
	}
	if (best >= 0 && best + best_len == 8)
		*p++ = ':';
	*p = '\0';
	return buf;
}

char *np_fmt_mac(char *buf, const uint8_t *a)
{
	sprintf(buf, "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3], a[4], a[5]);
	return buf;
}

/* ---- names (only without -n) --------------------------------------------------------- */

#define NAME_SLOTS 1024

struct np_name {
	struct np_name *next;
	int family; /* AF_INET, AF_INET6, or 'T'/'U' for ports */
	uint8_t key[16];
	char *name;
};

struct np_names {
	struct np_name *slot[NAME_SLOTS];
};

static unsigned hash_key(int family, const uint8_t *k, size_t n)
{
	unsigned h = (unsigned)family * 31u;
	for (size_t i = 0; i < n; i++)
		h = h * 131u + k[i];
	return h % NAME_SLOTS;
}

static struct np_name *cache_find(np_ctx *c, int family, const uint8_t *k, size_t n,
				  unsigned *slot)
{
	if (!c->names) {
		c->names = calloc(1, sizeof(*c->names));
		if (!c->names)
			return NULL;
	}
	*slot = hash_key(family, k, n);
	for (struct np_name *e = c->names->slot[*slot]; e; e = e->next)
		if (e->family == family && !memcmp(e->key, k, n))
			return e;
	return NULL;
}

static const char *cache_add(np_ctx *c, int family, const uint8_t *k, size_t n, unsigned slot,
			     const char *name)
{
	struct np_name *e = calloc(1, sizeof(*e));
	if (!e)
		return name;
	e->family = family;
	memcpy(e->key, k, n);
	e->name = strdup(name);
	e->next = c->names->slot[slot];
	c->names->slot[slot] = e;
	return e->name ? e->name : name;
}

void np_names_free(np_ctx *c)
{
	if (!c->names)
		return;
	for (unsigned i = 0; i < NAME_SLOTS; i++) {
		struct np_name *e = c->names->slot[i];
		while (e) {
			struct np_name *n = e->next;
			free(e->name);
			free(e);
			e = n;
		}
	}
	free(c->names);
	c->names = NULL;
}

static const char *host_name(np_ctx *c, int family, const uint8_t *a, char *buf)
{
	size_t n = family == AF_INET ? 4 : 16;
	unsigned slot = 0;
	struct np_name *e = cache_find(c, family, a, n, &slot);
	if (e)
		return e->name;
	char host[NI_MAXHOST];
	int rc;
	if (family == AF_INET) {
		struct sockaddr_in sa = {.sin_family = AF_INET};
		memcpy(&sa.sin_addr, a, 4);
		rc = getnameinfo((struct sockaddr *)&sa, sizeof(sa), host, sizeof(host), NULL, 0,
				 NI_NAMEREQD);
	} else {
		struct sockaddr_in6 sa = {.sin6_family = AF_INET6};
		memcpy(&sa.sin6_addr, a, 16);
		rc = getnameinfo((struct sockaddr *)&sa, sizeof(sa), host, sizeof(host), NULL, 0,
				 NI_NAMEREQD);
	}
	if (rc != 0) {
		if (family == AF_INET)
			np_fmt_ipv4(host, a);
		else
			np_fmt_ipv6(host, a);
	}
	if (!c->names)
		return strcpy(buf, host);
	return cache_add(c, family, a, n, slot, host);
}

const char *np_ipv4_str(np_ctx *c, const uint8_t *p, char *buf)
{
	np_need(c, p, 4);
	if (c->o.nflag)
		return np_fmt_ipv4(buf, p);
	return host_name(c, AF_INET, p, buf);
}

const char *np_ipv6_str(np_ctx *c, const uint8_t *p, char *buf)
{
	np_need(c, p, 16);
	if (c->o.nflag)
		return np_fmt_ipv6(buf, p);
	return host_name(c, AF_INET6, p, buf);
}

void np_print_ipv4(np_ctx *c, const uint8_t *p)
{
	char buf[NI_MAXHOST];
	np_puts(c, np_ipv4_str(c, p, buf));
}

void np_print_ipv6(np_ctx *c, const uint8_t *p)
{
	char buf[NI_MAXHOST];
	np_puts(c, np_ipv6_str(c, p, buf));
}

/* tcpdump's short table of organisations, named after a MAC without -n. */
static const np_tok oui_names[] = {
	{0x000000, "Ethernet"}, {0x00000c, "Cisco"}, {0x00005e, "IANA"},
	{0x0000f8, "Cisco bridged"}, {0x0080c2, "Ethernet bridged"}, {0x00a03e, "ATM Forum"},
	{0x00e02f, "DOCSIS Spanning Tree"}, {0x080007, "Appletalk"}, {0x009069, "Juniper"},
	{0x080009, "Hewlett-Packard"}, {0x00120f, "IEEE 802.3 Private"}, {0x0012bb, "ANSI/TIA"},
	{0x001b21, "DCBX"}, {0x002320, "Nicira Networks"}, {0x5c16c7, "Big Switch Networks"},
	{0, NULL},
};

const char *np_mac_str(np_ctx *c, const uint8_t *p, char *buf)
{
	np_need(c, p, 6);
	if (c->o.nflag)
		return np_fmt_mac(buf, p);
	static const uint8_t bcast[6] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	if (!memcmp(p, bcast, 6))
		return "Broadcast";
	struct ether_addr ea;
	memcpy(ea.ether_addr_octet, p, 6);
	char host[1024];
	if (ether_ntohost(host, &ea) == 0 && strlen(host) < NP_ADDRSTRLEN) {
		memcpy(buf, host, strlen(host) + 1);
		return buf;
	}
	np_fmt_mac(buf, p);
	const char *org = np_tok_find(oui_names, (unsigned)(p[0] << 16 | p[1] << 8 | p[2]));
	snprintf(buf + 17, NP_ADDRSTRLEN - 17, " (oui %s)", org ? org : "Unknown");
	return buf;
}

void np_print_mac(np_ctx *c, const uint8_t *p)
{
	char buf[NP_ADDRSTRLEN];
	np_puts(c, np_mac_str(c, p, buf));
}

static const char *port_str(np_ctx *c, unsigned port, int tcp, char *buf)
{
	sprintf(buf, "%u", port);
	if (c->o.nflag)
		return buf;
	uint8_t key[2] = {(uint8_t)(port >> 8), (uint8_t)port};
	int family = tcp ? 'T' : 'U';
	unsigned slot = 0;
	struct np_name *e = cache_find(c, family, key, 2, &slot);
	if (e)
		return e->name;
	struct servent se, *res = NULL;
	char sbuf[1024];
	const char *name = buf;
	if (getservbyport_r((int)htons((uint16_t)port), tcp ? "tcp" : "udp", &se, sbuf,
			    sizeof(sbuf), &res) == 0 &&
	    res)
		name = res->s_name;
	if (!c->names)
		return buf;
	return cache_add(c, family, key, 2, slot, name);
}

const char *np_tcpport_str(np_ctx *c, unsigned port, char *buf)
{
	return port_str(c, port, 1, buf);
}

const char *np_udpport_str(np_ctx *c, unsigned port, char *buf)
{
	return port_str(c, port, 0, buf);
}
