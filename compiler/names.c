/* Name resolution: hosts (getaddrinfo), services (/etc/services), protocols (/etc/protocols),
 * Ethernet hosts (/etc/ethers) and networks (/etc/networks), plus the built-in protocol names
 * that `ether proto \NAME` and `ip proto \NAME` accept before consulting the system files.
 *
 * Results are copied into the compilation arena; nothing here keeps state between calls. */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/ether.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "compiler/gen.h"

bool ns_name_host(ns_ctx *ctx, const char *name, ns_addrs *out)
{
	struct addrinfo hints, *res = NULL;
	memset(&hints, 0, sizeof(hints));
	/* libpcap asks for TCP stream sockets, which fixes the order and removes duplicates */
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_protocol = IPPROTO_TCP;
	memset(out, 0, sizeof(*out));
	if (getaddrinfo(name, NULL, &hints, &res) != 0 || !res)
		return false;
	int n = 0;
	for (struct addrinfo *a = res; a; a = a->ai_next)
		n++;
	out->v4 = ns_alloc(ctx, (size_t)n * sizeof(uint32_t));
	out->v6 = ns_alloc(ctx, (size_t)n * 16);
	/* IPv4 and IPv6 results are tested under different link-layer types, so only the order
	 * within each family can matter; it is kept. */
	for (struct addrinfo *a = res; a; a = a->ai_next) {
		if (a->ai_family == AF_INET) {
			const struct sockaddr_in *sin = (const void *)a->ai_addr;
			out->v4[out->n4++] = ntohl(sin->sin_addr.s_addr);
		} else if (a->ai_family == AF_INET6) {
			const struct sockaddr_in6 *sin6 = (const void *)a->ai_addr;
			memcpy(out->v6[out->n6++], &sin6->sin6_addr, 16);
		}
	}
	freeaddrinfo(res);
	return out->n4 + out->n6 > 0;
}

static int service_port(const char *name, const char *proto)
{
	struct servent se, *r = NULL;
	char buf[1024];
	if (getservbyname_r(name, proto, &se, buf, sizeof(buf), &r) != 0 || !r)
		return -1;
	return ntohs((uint16_t)r->s_port);
}

bool ns_name_port(const char *name, uint32_t *port, int *proto)
{
	int tcp = service_port(name, "tcp");
	int udp = service_port(name, "udp");
	int sctp = service_port(name, "sctp");
	if (tcp >= 0) {
		*port = (uint32_t)tcp;
		*proto = (udp == tcp) ? -1 : 6;
		return true;
	}
	if (udp >= 0) {
		*port = (uint32_t)udp;
		*proto = 17;
		return true;
	}
	if (sctp >= 0) {
		*port = (uint32_t)sctp;
		*proto = 132;
		return true;
	}
	return false;
}

static bool port_or_number(const char *s, uint32_t *port, int *proto)
{
	char *end;
	if (*s >= '0' && *s <= '9') {
		unsigned long v = strtoul(s, &end, 0);
		if (*end == '\0') {
			/* the caller reports numbers above 65535 */
			*port = v > 0xffffffffUL ? 0xffffffffu : (uint32_t)v;
			*proto = -1;
			return true;
		}
	}
	return ns_name_port(s, port, proto);
}

bool ns_name_portrange(const char *text, uint32_t *lo, uint32_t *hi, int *proto)
{
	/* Split at the first '-', as libpcap does: `ftp-data-http` is "ftp" to "data-http" and so
	 * unknown; service names with a dash can only be a range's second end. */
	const char *dash = strchr(text, '-');
	char buf[256];
	size_t n = strlen(text);
	if (!dash || dash == text || n >= sizeof(buf))
		return false;
	memcpy(buf, text, n + 1);
	buf[dash - text] = '\0';
	int p1, p2;
	if (!port_or_number(buf, lo, &p1) || !port_or_number(buf + (dash - text) + 1, hi, &p2))
		return false;
	*proto = (p1 == p2) ? p1 : -1;
	return true;
}

bool ns_name_proto(const char *name, uint32_t *proto)
{
	struct protoent pe, *r = NULL;
	char buf[1024];
	if (getprotobyname_r(name, &pe, buf, sizeof(buf), &r) != 0 || !r)
		return false;
	*proto = (uint32_t)r->p_proto;
	return true;
}

bool ns_name_ether(const char *name, uint8_t mac[6])
{
	struct ether_addr ea;
	if (ether_hostton(name, &ea) != 0)
		return false;
	memcpy(mac, ea.ether_addr_octet, 6);
	return true;
}

bool ns_name_net(const char *name, uint32_t *net)
{
	struct netent ne, *r = NULL;
	char buf[1024];
	int herr;
	if (getnetbyname_r(name, &ne, buf, sizeof(buf), &r, &herr) != 0 || !r ||
	    r->n_addrtype != AF_INET)
		return false;
	*net = (uint32_t)r->n_net;
	return true;
}

static const struct {
	const char *name;
	uint32_t v;
} ethertypes[] = {
	{"ip", 0x0800},    {"ip6", 0x86dd},   {"arp", 0x0806},    {"rarp", 0x8035},
	{"atalk", 0x809b}, {"aarp", 0x80f3},  {"decnet", 0x6003}, {"sca", 0x6007},
	{"lat", 0x6004},   {"mopdl", 0x6001}, {"moprc", 0x6002},  {"iso", 0xfe},
	{"stp", 0x42},     {"ipx", 0xe0},     {"netbeui", 0xf0},  {"vlan", 0x8100},
	{"mpls", 0x8847},  {"lldp", 0x88cc},  {"slow", 0x8809}, {"loopback", 0x9000},
};

int64_t ns_name_ethertype(const char *name)
{
	for (size_t i = 0; i < sizeof(ethertypes) / sizeof(ethertypes[0]); i++)
		if (strcmp(name, ethertypes[i].name) == 0)
			return ethertypes[i].v;
	return -1;
}

int64_t ns_name_ipproto(const char *name)
{
	uint32_t p;
	if (ns_name_proto(name, &p))
		return p;
	return -1;
}
