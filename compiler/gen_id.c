/* Qualified identifiers: `[proto] [dir] [type] ID`, checked against what each operand kind
 * allows and handed to the family that generates it (addresses, ports, protocols, gateway).
 *
 * The operand's kind comes from the lexer (number, dotted address, prefix, MAC, name); names
 * are resolved here, at code generation time, so an unknown name is reported with the span of
 * the primitive that used it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/gen.h"

static const char *type_name(int t)
{
	return t == NS_QT_DEFAULT ? "host" : ns_qtype_names[t];
}

static uint32_t shl32(uint32_t v, int n)
{
	return n >= 32 ? 0 : v << n;
}

/* Parses a dotted IPv4 address, possibly partial (`10.1`), at *p; advances *p past it.
 * Returns false when a part exceeds 255 or there are more than four parts. */
static bool dotted(const char **p, uint32_t *v, int *bits)
{
	const char *s = *p;
	uint32_t acc = 0;
	int parts = 0;
	for (;;) {
		if (*s < '0' || *s > '9')
			return false;
		char *end;
		unsigned long part = strtoul(s, &end, 10);
		if (part > 255 || ++parts > 4)
			return false;
		acc = acc << 8 | (uint32_t)part;
		s = end;
		if (*s != '.')
			break;
		s++;
	}
	*v = acc;
	*bits = parts * 8;
	*p = s;
	return true;
}

static void bad_v4(ns_gen *g, ns_node *n)
{
	const char *t = n->id.text;
	size_t len = strcspn(t, " /");
	ns_fail_at(g->ctx, n, "invalid IPv4 address '%.*s'", (int)len, t);
}

/* `decnet [dir] host AREA.NODE`: the 16-bit address area << 10 | node, little-endian in the
 * packet, at one of four places depending on the routing header: short or long format, with
 * or without one byte of padding (libpcap checks them in this order). */
static ns_cond decnet_one(ns_gen *g, uint16_t swapped, bool src)
{
	static const struct {
		bool pad;
		uint8_t flags;
		uint8_t off_src, off_dst;
	} forms[] = {{false, 2, 5, 3}, {true, 2, 6, 4}, {false, 6, 17, 9}, {true, 6, 18, 10}};
	ns_cond c = {0};
	for (int i = 0; i < 4; i++) {
		ns_cond f = forms[i].pad
				    ? ns_gen_cmp(g, NS_BASE_LINKPL, 2, 2, 0xff07, NS_REL_EQ, 0x8100u | forms[i].flags)
				    : ns_gen_cmp(g, NS_BASE_LINKPL, 2, 1, 0x07, NS_REL_EQ, forms[i].flags);
		ns_cond a = ns_gen_cmp(g, NS_BASE_LINKPL, src ? forms[i].off_src : forms[i].off_dst, 2,
				       0xffffffffu, NS_REL_EQ, swapped);
		ns_cond one = ns_ir_and(f, a);
		c = i ? ns_ir_or(c, one) : one;
	}
	return c;
}

static ns_cond decnet_host(ns_gen *g, ns_node *n)
{
	const ns_id *id = &n->id;
	if (n->qual.type == NS_QT_NET)
		ns_fail_at(g->ctx, n, "'decnet' is not a valid qualifier for 'net'");
	if (id->kind == NS_ID_IPV4_LEN || id->kind == NS_ID_IPV4_MASK)
		ns_fail_at(g->ctx, n, "'decnet' is not a valid qualifier for 'host'");
	const char *t = id->text;
	unsigned long area = 0, node = 0;
	char *end = NULL;
	bool ok = id->kind == NS_ID_IPV4 && t;
	if (ok) {
		area = strtoul(t, &end, 10);
		ok = *end == '.';
	}
	if (ok) {
		node = strtoul(end + 1, &end, 10);
		ok = *end == '\0' && area <= 63 && node <= 1023;
	}
	if (!ok)
		ns_fail_at(g->ctx, n, "invalid DECnet address '%s'", t ? t : "?");
	uint16_t addr = (uint16_t)(area << 10 | node);
	uint16_t swapped = (uint16_t)(addr >> 8 | (addr & 0xff) << 8);
	ns_cond lt = ns_gen_linktype(g, 0x6003);
	ns_cond c;
	switch (n->qual.dir) {
	case NS_QD_SRC: c = decnet_one(g, swapped, true); break;
	case NS_QD_DST: c = decnet_one(g, swapped, false); break;
	case NS_QD_AND: {
		ns_cond s = decnet_one(g, swapped, true);
		c = ns_ir_and(s, decnet_one(g, swapped, false));
		break;
	}
	case NS_QD_DEFAULT:
	case NS_QD_OR: {
		ns_cond s = decnet_one(g, swapped, true);
		c = ns_ir_or(s, decnet_one(g, swapped, false));
		break;
	}
	default:
		ns_fail_at(g->ctx, n, "'%s' is valid for 802.11 syntax only", ns_qdir_names[n->qual.dir]);
	}
	return ns_ir_and(lt, c);
}

/* A direction without a type means `host` (libpcap: `src 10.0.0.0/8` is refused as a host
 * with a mask, `src net 10.0.0.0/8` is the network). */
static bool is_host(const ns_node *n)
{
	return n->qual.type == NS_QT_HOST || (n->qual.type == NS_QT_DEFAULT && n->qual.dir != NS_QD_DEFAULT);
}

static ns_cond v4_prefix(ns_gen *g, ns_node *n, uint32_t addr, uint32_t mask)
{
	if (is_host(n))
		ns_fail_at(g->ctx, n, "'host' is not a valid qualifier for '%s'", n->id.text);
	if (addr & ~mask)
		ns_fail_at(g->ctx, n, "non-network bits set in \"%s\"", n->id.text);
	return ns_gen_host4(g, n, addr, mask, n->qual.proto, n->qual.dir, true);
}

static void v6_mask(uint8_t *mask, int len)
{
	memset(mask, 0, 16);
	for (int i = 0; i < 16 && len > 0; i++, len -= 8)
		mask[i] = len >= 8 ? 0xff : (uint8_t)(0xff << (8 - len));
}

static ns_cond name_host(ns_gen *g, ns_node *n)
{
	const ns_qual q = n->qual;
	const char *name = n->id.text;
	if (q.proto == NS_QP_LINK) {
		uint8_t mac[6];
		if (q.type == NS_QT_NET)
			ns_fail_at(g->ctx, n, "illegal link layer address");
		if (!ns_name_ether(name, mac))
			ns_fail_at(g->ctx, n, "unknown ether host '%s'", name);
		return ns_gen_ehost(g, n, mac, q.dir);
	}
	if (q.proto == NS_QP_DECNET)
		ns_fail_at(g->ctx, n, "decnet name support not included, '%s' cannot be translated", name);
	if (q.type == NS_QT_NET) {
		uint32_t net, mask = 0xffffffffu;
		if (!ns_name_net(name, &net))
			ns_fail_at(g->ctx, n, "unknown network '%s'", name);
		/* A short network number is promoted: 10 means 10.0.0.0/8. */
		while (net && (net & 0xff000000u) == 0) {
			net <<= 8;
			mask <<= 8;
		}
		return ns_gen_host4(g, n, net, mask, q.proto, q.dir, true);
	}
	ns_addrs a;
	if (!ns_name_host(g->ctx, name, &a))
		ns_fail_at(g->ctx, n, "unknown host '%s'", name);
	int p4 = q.proto, p6 = q.proto;
	if (((g->ll->off_linktype < 0 && !g->is_encap) || g->label_stack_depth > 0) &&
	    q.proto == NS_QP_DEFAULT) {
		p4 = NS_QP_IP;
		p6 = NS_QP_IPV6;
	}
	ns_cond c = {0};
	bool have = false;
	if (p4 != NS_QP_IPV6)
		for (int i = 0; i < a.n4; i++) {
			ns_cond h = ns_gen_host4(g, n, a.v4[i], 0xffffffffu, p4, q.dir, false);
			c = have ? ns_ir_or(c, h) : h;
			have = true;
		}
	if (p6 == NS_QP_DEFAULT || p6 == NS_QP_IPV6) {
		uint8_t ones[16];
		memset(ones, 0xff, 16);
		for (int i = 0; i < a.n6; i++) {
			ns_cond h = ns_gen_host6(g, n, a.v6[i], ones, p6, q.dir, false);
			c = have ? ns_ir_or(c, h) : h;
			have = true;
		}
	}
	if (!have)
		ns_fail_at(g->ctx, n, "unknown host '%s'%s", name,
			   q.proto == NS_QP_DEFAULT ? "" : " for specified address family");
	return c;
}

static ns_cond addr_id(ns_gen *g, ns_node *n)
{
	const ns_qual q = n->qual;
	const ns_id *id = &n->id;
	bool is_net = q.type == NS_QT_NET;
	if (q.proto == NS_QP_DECNET && id->kind != NS_ID_NAME && id->kind != NS_ID_IPV6 &&
	    id->kind != NS_ID_IPV6_LEN)
		return decnet_host(g, n);
	switch (id->kind) {
	case NS_ID_NAME:
		return name_host(g, n);
	case NS_ID_NUM:
	case NS_ID_IPV4: {
		if (q.proto == NS_QP_LINK)
			ns_fail_at(g->ctx, n, "illegal link layer address");
		if (id->kind == NS_ID_IPV4 && id->v4_invalid)
			bad_v4(g, n);
		uint32_t v, mask = 0xffffffffu;
		if (id->kind == NS_ID_NUM) {
			v = id->num;
			if (is_net)
				while (v && (v & 0xff000000u) == 0) {
					v <<= 8;
					mask <<= 8;
				}
		} else {
			v = shl32(id->v4, 32 - id->v4_bits);
			mask = shl32(mask, 32 - id->v4_bits);
		}
		return ns_gen_host4(g, n, v, mask, q.proto, q.dir, is_net);
	}
	case NS_ID_IPV4_LEN: {
		if (id->v4_invalid)
			bad_v4(g, n);
		if (id->prefix_len < 0 || id->prefix_len > 32)
			ns_fail_at(g->ctx, n, "mask length must be <= 32");
		uint32_t v = shl32(id->v4, 32 - id->v4_bits);
		return v4_prefix(g, n, v, shl32(0xffffffffu, 32 - id->prefix_len));
	}
	case NS_ID_IPV4_MASK: {
		/* Both parts may be partial (`192.168 mask 255.255`): each is left-aligned. */
		const char *t = id->text;
		uint32_t v, m;
		int vbits, mbits;
		if (!dotted(&t, &v, &vbits))
			bad_v4(g, n);
		t = strstr(t, "mask");
		if (!t)
			bad_v4(g, n);
		t += 4;
		while (*t == ' ' || *t == '\t' || *t == '\n')
			t++;
		if (!dotted(&t, &m, &mbits))
			ns_fail_at(g->ctx, n, "invalid IPv4 netmask in '%s'", id->text);
		return v4_prefix(g, n, shl32(v, 32 - vbits), shl32(m, 32 - mbits));
	}
	case NS_ID_IPV6:
	case NS_ID_IPV6_LEN: {
		int len = id->kind == NS_ID_IPV6 ? 128 : id->prefix_len;
		if (len < 0 || len > 128)
			ns_fail_at(g->ctx, n, "mask length must be <= 128");
		if (is_host(n) && len != 128)
			ns_fail_at(g->ctx, n, "'host' is not a valid qualifier for '%s'", id->text);
		uint8_t mask[16], addr[16];
		v6_mask(mask, len);
		for (int i = 0; i < 16; i++) {
			if (id->v6[i] & ~mask[i])
				ns_fail_at(g->ctx, n, "non-network bits set in \"%s\"", id->text);
			addr[i] = id->v6[i];
		}
		return ns_gen_host6(g, n, addr, mask, q.proto, q.dir, is_net || len != 128);
	}
	case NS_ID_MAC:
		if (q.type == NS_QT_NET)
			ns_fail_at(g->ctx, n, "'net' is not a valid qualifier for a MAC address");
		/* only `ether`/`link` introduce a MAC address (libpcap refuses `host 1:2:3:4:5:6`) */
		if (q.proto != NS_QP_LINK)
			ns_fail_at(g->ctx, n, "ethernet address used in non-ether expression");
		return ns_gen_ehost(g, n, id->mac, q.dir);
	case NS_ID_ARCNET:
	default:
		ns_fail_at(g->ctx, n, "ARCnet addresses are not supported on %s", g->ll->description);
	}
}

static int port_proto(ns_gen *g, ns_node *n, const char *what)
{
	switch (n->qual.proto) {
	case NS_QP_DEFAULT: return -1;
	case NS_QP_TCP: return 6;
	case NS_QP_UDP: return 17;
	case NS_QP_SCTP: return 132;
	default: ns_fail_at(g->ctx, n, "illegal qualifier of '%s'", what);
	}
}

static const char *proto_text(int p)
{
	return p == 6 ? "tcp" : p == 17 ? "udp" : "sctp";
}

static ns_cond port_id(ns_gen *g, ns_node *n, bool range)
{
	const char *what = range ? "portrange" : "port";
	const ns_id *id = &n->id;
	int want = port_proto(g, n, what);
	uint32_t lo, hi;
	int real = -1;
	switch (id->kind) {
	case NS_ID_NUM:
		lo = hi = id->num;
		break;
	case NS_ID_NAME:
		if (range) {
			/* a range needs two ends: `portrange domain` is refused, as in libpcap */
			if (!ns_name_portrange(id->text, &lo, &hi, &real))
				ns_fail_at(g->ctx, n, "unknown port in range '%s'", id->text);
		} else {
			if (!ns_name_port(id->text, &lo, &real))
				ns_fail_at(g->ctx, n, "unknown port '%s'", id->text);
			hi = lo;
		}
		if (want >= 0 && real >= 0 && real != want)
			ns_fail_at(g->ctx, n, "port '%s' is %s", id->text, proto_text(real));
		break;
	case NS_ID_IPV4:
	case NS_ID_IPV4_LEN:
	case NS_ID_IPV4_MASK:
		ns_fail_at(g->ctx, n, "'%s' qualifier applied to IPv4 address", what);
	case NS_ID_IPV6:
	case NS_ID_IPV6_LEN:
		ns_fail_at(g->ctx, n, "'%s' qualifier applied to IPv6 address", what);
	default:
		ns_fail_at(g->ctx, n, "'%s' qualifier applied to a MAC address", what);
	}
	if (lo > 65535)
		ns_fail_at(g->ctx, n, "illegal port number %u > 65535", lo);
	if (hi > 65535)
		ns_fail_at(g->ctx, n, "illegal port number %u > 65535", hi);
	return ns_gen_port(g, n, want >= 0 ? want : real, lo, hi, n->qual.dir);
}

static ns_cond proto_id(ns_gen *g, ns_node *n, bool chain)
{
	const ns_id *id = &n->id;
	const char *what = chain ? "protochain" : "proto";
	uint32_t v;
	if (n->qual.dir != NS_QD_DEFAULT)
		ns_fail_at(g->ctx, n, "'%s' qualifier with a direction", what);
	switch (id->kind) {
	case NS_ID_NUM:
		v = id->num;
		break;
	case NS_ID_NAME: {
		int64_t r = -1;
		switch (n->qual.proto) {
		case NS_QP_LINK:
			r = ns_name_ethertype(id->text);
			if (r < 0)
				ns_fail_at(g->ctx, n, "unknown ether proto '%s'", id->text);
			break;
		case NS_QP_ISO:
			r = strcmp(id->text, "clnp") == 0 ? 0x81
			    : strcmp(id->text, "esis") == 0 ? 0x82
			    : strcmp(id->text, "isis") == 0 ? 0x83 : -1;
			if (r < 0)
				ns_fail_at(g->ctx, n, "unknown osi proto '%s'", id->text);
			break;
		default:
			r = ns_name_ipproto(id->text);
			if (r < 0)
				ns_fail_at(g->ctx, n, "unknown ip proto '%s'", id->text);
			break;
		}
		v = (uint32_t)r;
		break;
	}
	default:
		ns_fail_at(g->ctx, n, "'%s' qualifier applied to an address", what);
	}
	return chain ? ns_gen_protochain(g, n, v) : ns_gen_id_proto(g, n, v);
}

ns_cond ns_gen_gateway(ns_gen *g, ns_node *n)
{
	const ns_qual q = n->qual;
	if (n->id.kind != NS_ID_NAME)
		ns_fail_at(g->ctx, n, "'gateway' is not a valid qualifier for '%s'", n->id.text);
	if (q.dir != NS_QD_DEFAULT)
		ns_fail_at(g->ctx, n, "direction applied to 'gateway'");
	if (q.proto != NS_QP_DEFAULT && q.proto != NS_QP_IP && q.proto != NS_QP_ARP &&
	    q.proto != NS_QP_RARP)
		ns_fail_at(g->ctx, n, "illegal modifier of 'gateway'");
	if (!ns_gen_has_mac(g))
		ns_fail_at(g->ctx, n, "'gateway' supported only on ethernet/FDDI/token ring/802.11/"
				      "ATM LANE/Fibre Channel");
	uint8_t mac[6];
	if (!ns_name_ether(n->id.text, mac))
		ns_fail_at(g->ctx, n, "unknown ether host: %s", n->id.text);
	ns_addrs a;
	if (!ns_name_host(g->ctx, n->id.text, &a) || a.n4 == 0)
		ns_fail_at(g->ctx, n, "unknown host '%s'", n->id.text);
	/* The frame goes to or comes from the gateway's MAC, but neither IP end is the gateway. */
	ns_cond e = ns_gen_ehost(g, n, mac, NS_QD_OR);
	ns_cond h = ns_gen_host4(g, n, a.v4[0], 0xffffffffu, q.proto, NS_QD_OR, false);
	for (int i = 1; i < a.n4; i++)
		h = ns_ir_or(h, ns_gen_host4(g, n, a.v4[i], 0xffffffffu, q.proto, NS_QD_OR, false));
	return ns_ir_and(e, ns_ir_not(h));
}

ns_cond ns_gen_id(ns_gen *g, ns_node *n)
{
	if (n->qual.proto == NS_QP_UNDEF || n->qual.type == NS_QT_UNDEF)
		ns_fail_at(g->ctx, n, "syntax error: '%s' needs a qualifier that applies to it",
			   n->id.text ? n->id.text : "?");
	switch (n->qual.type) {
	case NS_QT_DEFAULT:
	case NS_QT_HOST:
	case NS_QT_NET:
		return addr_id(g, n);
	case NS_QT_PORT:
		return port_id(g, n, false);
	case NS_QT_PORTRANGE:
		return port_id(g, n, true);
	case NS_QT_PROTO:
		return proto_id(g, n, false);
	case NS_QT_PROTOCHAIN:
		return proto_id(g, n, true);
	case NS_QT_GATEWAY:
		return ns_gen_gateway(g, n);
	}
	ns_fail_at(g->ctx, n, "'%s' is not supported here", type_name(n->qual.type));
}
