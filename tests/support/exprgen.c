/* The expression generator. Primitives are a table of small writer functions, each tagged with
 * the link types it makes sense for (a primitive that libpcap refuses on a link type is still
 * drawn now and then: refusals must agree as well). Values come from pools that the packet
 * generator also draws from, so filters and packets meet. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tests/support/exprgen.h"

enum { L_ETH = 1, L_SLL = 2, L_IP = 4, L_ALL = 7 };

typedef struct out {
	char *buf;
	size_t size, len;
	ts_rng *rng;
	int dlt;
	int depth;
} out;

static void put(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(out *o, const char *fmt, ...)
{
	if (o->len + 1 >= o->size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n < o->size - o->len ? (size_t)n : o->size - o->len - 1;
}

#define R(n) ts_rng_below(o->rng, (n))
#define PCT(n) ts_rng_pct(o->rng, (n))
#define PICK(a) TS_PICK(o->rng, a)

static const char *const ipv4s[] = {"10.0.0.1", "10.0.0.2", "10.1.2.3", "192.168.1.1",
				    "192.168.1.100", "172.16.5.4", "1.2.3.4", "8.8.8.8",
				    "127.0.0.1", "224.0.0.251", "255.255.255.255", "0.0.0.0",
				    "10.20.30.40"};
static const char *const ipv4_nets[] = {"10.0.0.0/8", "10.0.0.0/24", "10.1.0.0/16",
				       "192.168.1.0/24", "192.168.0.0/16", "172.16.0.0/12",
				       "224.0.0.0/4", "1.2.3.0/24", "0.0.0.0/0", "10.0.0.2/31",
				       "8.8.8.8/32", "10", "192.168", "192.168.1", "172.16", "1.2.3",
				       "224", "10.0.0.0 mask 255.0.0.0", "192.168.1.0 mask 255.255.255.0",
				       "1.2.3.4 mask 255.255.255.255"};
static const char *const ipv6s[] = {"2001:db8::1", "2001:db8::2", "2001:db8:0:1::10", "fe80::1",
				   "ff02::1", "ff02::fb", "::1", "::", "::ffff:10.0.0.1",
				   "fd00:a1b2:c3d4::1020:3040:5060:7080"};
static const char *const ipv6_nets[] = {"2001:db8::/32", "2001:db8:0:1::/64", "fe80::/10",
				       "ff00::/8", "::/0", "2001:db8::1/128", "ff02::/16",
				       "2001:db8::/48"};
static const char *const macs[] = {"00:11:22:33:44:55", "66:77:88:99:aa:bb", "ff:ff:ff:ff:ff:ff",
				  "01:00:5e:00:00:fb", "33:33:00:00:00:01", "02-00-00-00-00-01",
				  "aa0004.00140e", "0011.2233.4455", "1:2:3:4:5:6", "aa00040014ff"};
static const char *const ports[] = {"0", "22", "53", "67", "68", "80", "123", "161", "443",
				   "1024", "2049", "5353", "8080", "65535", "ssh", "domain",
				   "http", "https", "ntp", "snmp", "bootps", "0x50", "0120"};
static const char *const portranges[] = {"1-1023", "80-90", "1024-65535", "5000-6000", "53-53",
					"443-8443", "0-0", "60000-65535", "90-80", "http-https"};
static const char *const dirs[] = {"src ", "dst ", "src or dst ", "src and dst ", ""};
static const char *const proto_names[] = {"ip", "ip6", "arp", "rarp", "tcp", "udp", "sctp",
					 "icmp", "icmp6", "igmp", "igrp", "pim", "vrrp", "carp",
					 "ah", "esp", "atalk", "aarp", "decnet", "lat", "sca",
					 "moprc", "mopdl", "iso", "stp", "ipx", "netbeui", "clnp",
					 "esis", "isis", "l1", "l2", "iih", "lsp", "snp", "csnp",
					 "psnp", "llc"};
static const char *const ip_proto_vals[] = {"1", "2", "6", "17", "41", "47", "50", "51", "58",
					   "103", "112", "132", "0", "255", "\\tcp", "\\udp",
					   "\\icmp", "\\igmp", "\\sctp", "\\esp", "\\ah", "\\pim",
					   "\\vrrp", "\\gre", "\\ipv6-icmp", "tcp", "udp", "icmp"};
static const char *const ether_proto_vals[] = {"0x800", "0x86dd", "0x806", "0x8035", "2048",
					      "\\ip", "\\ip6", "\\arp", "\\rarp", "\\atalk",
					      "\\aarp", "\\decnet", "\\sca", "\\lat", "\\mopdl",
					      "\\moprc", "\\iso", "\\stp", "\\ipx", "\\netbeui",
					      "0x8100", "0x8847", "0x8864", "100", "1500", "1501"};
static const char *const access_protos[] = {"ether", "link", "ip", "ip6", "arp", "rarp", "tcp",
					   "udp", "icmp", "icmp6", "sctp", "igmp", "pim", "vrrp",
					   "carp", "igrp", "radio", "ppp", "slip", "fddi", "tr",
					   "wlan", "atalk", "decnet", "lat", "moprc", "mopdl"};
static const char *const relops[] = {"=", "==", "!=", "<", "<=", ">", ">="};
static const char *const binops[] = {"+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"};
static const char *const consts[] = {"tcpflags", "tcp-fin", "tcp-syn", "tcp-rst", "tcp-push",
				    "tcp-ack", "tcp-urg", "tcp-ece", "tcp-cwr", "icmptype",
				    "icmpcode", "icmp-echoreply", "icmp-unreach", "icmp-sourcequench",
				    "icmp-redirect", "icmp-echo", "icmp-routeradvert",
				    "icmp-routersolicit", "icmp-timxceed", "icmp-paramprob",
				    "icmp-tstamp", "icmp-tstampreply", "icmp-ireq", "icmp-ireqreply",
				    "icmp-maskreq", "icmp-maskreply", "icmp6type", "icmp6code",
				    "icmp6-echo", "icmp6-echoreply", "icmp6-neighborsolicit",
				    "icmp6-routeradvert", "icmp6-destinationunreach"};
static const char *const small_vals[] = {"0", "1", "2", "4", "5", "6", "8", "0xf", "0x10",
					"0x11", "0x12", "0x40", "0x45", "0x60", "0x80", "0xff", "0x800",
					"0x86dd", "0xffff", "17", "40", "60", "255", "1500", "020"};
static const char *const llc_kinds[] = {"", " i", " s", " u", " rr", " rnr", " rej", " ui",
				       " ua", " disc", " dm", " sabme", " test", " xid", " frmr"};

static void arith(out *o, int depth);

/* proto[expr:size] or proto[expr] */
static void accessor(out *o, int depth)
{
	put(o, "%s[", PICK(access_protos));
	if (depth < 2 && PCT(20))
		arith(o, depth + 1);
	else if (PCT(20))
		put(o, "%s", PICK(consts));
	else
		put(o, "%u", PICK(((const unsigned[]){0, 1, 2, 3, 4, 6, 8, 9, 12, 13, 14, 16, 20, 23, 24, 26, 30, 40})));
	if (PCT(50))
		put(o, ":%u", PCT(97) ? PICK(((const unsigned[]){1, 2, 4})) : 3u);
	put(o, "]");
}

static void arith(out *o, int depth)
{
	unsigned r = R(100);
	if (depth < 3 && r < 30) {
		int paren = PCT(50);
		if (paren)
			put(o, "(");
		arith(o, depth + 1);
		put(o, " %s ", PICK(binops));
		arith(o, depth + 1);
		if (paren)
			put(o, ")");
	} else if (depth < 3 && r < 34) {
		put(o, "-");
		arith(o, depth + 1);
	} else if (r < 60) {
		accessor(o, depth);
	} else if (r < 68) {
		put(o, "len");
	} else if (r < 80) {
		put(o, "%s", PICK(consts));
	} else {
		put(o, "%s", PICK(small_vals));
	}
}

static void p_host(out *o)
{
	unsigned r = R(100);
	const char *q = r < 60 ? "" : PICK(((const char *const[]){"ip ", "ip6 ", "arp ", "rarp ", "ether "}));
	put(o, "%s%shost ", q, PICK(dirs));
	if (!strcmp(q, "ether "))
		put(o, "%s", PICK(macs));
	else if (!strcmp(q, "ip6 ") || (!q[0] && PCT(30)))
		put(o, "%s", PICK(ipv6s));
	else
		put(o, "%s", PICK(ipv4s));
}

static void p_ether(out *o)
{
	unsigned r = R(4);
	if (r == 0)
		put(o, "ether %shost %s", PICK(dirs), PICK(macs));
	else if (r == 1)
		put(o, "ether %s", PCT(50) ? "broadcast" : "multicast");
	else if (r == 2)
		put(o, "%s %s", PICK(((const char *const[]){"ip", "ip6", "ether"})), PCT(50) ? "multicast" : "broadcast");
	else
		put(o, "%s%s", PCT(50) ? "src " : "dst ", PICK(macs));
}

static void p_net(out *o)
{
	if (PCT(25))
		put(o, "%s%snet %s", PCT(30) ? "ip6 " : "", PICK(dirs), PICK(ipv6_nets));
	else
		put(o, "%s%snet %s", PCT(20) ? PICK(((const char *const[]){"ip ", "arp ", "rarp "})) : "",
		    PICK(dirs), PICK(ipv4_nets));
}

static void p_port(out *o)
{
	const char *q = PCT(50) ? PICK(((const char *const[]){"tcp ", "udp ", "sctp ", "ip ", "ip6 "})) : "";
	if (PCT(70))
		put(o, "%s%sport %s", q, PICK(dirs), PICK(ports));
	else
		put(o, "%s%sportrange %s", q, PICK(dirs), PICK(portranges));
}

static void p_proto(out *o)
{
	unsigned r = R(6);
	if (r == 0)
		put(o, "%sproto %s", PICK(((const char *const[]){"ip ", "ip6 ", ""})), PICK(ip_proto_vals));
	else if (r == 1)
		put(o, "ether proto %s", PICK(ether_proto_vals));
	else if (r == 2)
		put(o, "%sprotochain %s", PICK(((const char *const[]){"ip ", "ip6 ", ""})), PICK(ip_proto_vals));
	else
		put(o, "%s", PICK(proto_names));
}

static void p_len(out *o)
{
	static const char *const lens[] = {"0", "40", "54", "60", "64", "100", "128", "200", "576",
					   "1000", "1400", "1500", "65535"};
	unsigned r = R(3);
	if (r == 0)
		put(o, "less %s", PICK(lens));
	else if (r == 1)
		put(o, "greater %s", PICK(lens));
	else
		put(o, "len %s %s", PICK(relops), PICK(lens));
}

static void p_encap(out *o)
{
	unsigned r = R(5);
	static const char *const vlans[] = {"0", "1", "10", "100", "200", "4094", "4095"};
	static const char *const labels[] = {"0", "2", "3", "16", "100", "1000", "1048575"};
	static const char *const sessions[] = {"0", "1", "0x1234", "65535"};
	static const char *const vnis[] = {"0", "1", "100", "12345", "0xffffff"};
	if (r == 0)
		put(o, PCT(50) ? "vlan" : "vlan %s", PICK(vlans));
	else if (r == 1)
		put(o, PCT(40) ? "mpls" : "mpls %s", PICK(labels));
	else if (r == 2)
		put(o, PCT(30) ? "pppoed" : PCT(40) ? "pppoes" : "pppoes %s", PICK(sessions));
	else if (r == 3)
		put(o, PCT(40) ? "geneve" : "geneve %s", PICK(vnis));
	else
		put(o, "llc%s", PICK(llc_kinds));
}

static void p_relation(out *o)
{
	arith(o, 0);
	put(o, " %s ", PICK(relops));
	arith(o, 1);
}

static void p_misc(out *o)
{
	unsigned r = R(6);
	if (r == 0)
		put(o, "decnet %shost %u.%u", PICK(dirs), R(64), R(1024));
	else if (r == 1 && (o->dlt == 113 || o->dlt == 276))
		/* Only where the direction and interface are in the packet (the cooked headers):
		 * libpcap 1.10.3 also accepts them elsewhere on Linux, for live sockets, but its newer
		 * test suite rejects them on captures, as netsift must. */
		put(o, "%s", o->dlt == 276 ? PICK(((const char *const[]){"inbound", "outbound", "ifindex 1", "ifindex 2", "ifindex 3"}))
					   : PICK(((const char *const[]){"inbound", "outbound"})));
	else if (r == 1)
		put(o, "%s", PICK(((const char *const[]){"ip", "ip6", "arp"})));
	else if (r == 2)
		put(o, "iso proto \\%s", PICK(((const char *const[]){"clnp", "esis", "isis"})));
	else if (r == 3)
		put(o, "%s", PICK(((const char *const[]){"tcp[tcpflags] & (tcp-syn|tcp-fin) != 0",
			"tcp[13] & 2 != 0", "icmp[icmptype] = icmp-echo", "icmp6[icmp6type] == icmp6-echo",
			"ip[2:2] - ((ip[0]&0xf)<<2) > 40", "udp[10] & 0x0f > 0",
			"(((ip[2:2] - ((ip[0]&0xf)<<2)) - ((tcp[12]&0xf0)>>2)) != 0)",
			"ip[6:2] & 0x1fff != 0", "ip6[6] = 44", "ether[0] & 1 != 0"})));
	else if (r == 4)
		put(o, "%s %s", PICK(((const char *const[]){"ip", "ip6", "ether"})), PICK(((const char *const[]){"proto \\tcp", "proto \\udp", "broadcast", "multicast"})));
	else
		put(o, "%s", PICK(((const char *const[]){"atalk", "aarp", "ipx", "stp", "netbeui", "sca", "lat", "decnet", "iso"})));
}

struct prim {
	void (*write)(out *o);
	unsigned weight;
	int links;
};

static const struct prim prims[] = {
	{p_host, 14, L_ALL}, {p_ether, 5, L_ETH | L_SLL}, {p_net, 10, L_ALL}, {p_port, 14, L_ALL},
	{p_proto, 14, L_ALL}, {p_len, 6, L_ALL}, {p_encap, 8, L_ETH}, {p_relation, 16, L_ALL},
	{p_misc, 6, L_ALL},
};

static int link_class(int dlt)
{
	return dlt == 1 ? L_ETH : (dlt == 113 || dlt == 276) ? L_SLL : L_IP;
}

static void primitive(out *o)
{
	unsigned total = 0;
	for (size_t i = 0; i < sizeof(prims) / sizeof(prims[0]); i++)
		total += prims[i].weight;
	for (;;) {
		unsigned r = R(total);
		for (size_t i = 0; i < sizeof(prims) / sizeof(prims[0]); i++) {
			if (r >= prims[i].weight) {
				r -= prims[i].weight;
				continue;
			}
			/* Off-link primitives only rarely: their refusal is tested, not drowned in. */
			if (!(prims[i].links & link_class(o->dlt)) && !PCT(10))
				break;
			size_t before = o->len;
			prims[i].write(o);
			/* Bare ids inheriting the qualifiers: "host a or b", "port 80 or 443". */
			if ((prims[i].write == p_host || prims[i].write == p_port || prims[i].write == p_net) && PCT(25)) {
				const char *text = o->buf + before;
				const char *op = PCT(50) ? "or" : "and";
				if (strstr(text, "port"))
					put(o, " %s %s", op, PICK(ports));
				else if (strstr(text, "net"))
					put(o, " %s %s", op, strchr(text, ':') ? PICK(ipv6_nets) : PICK(ipv4_nets));
				else if (strstr(text, "ether"))
					put(o, " %s %s", op, PICK(macs));
				else
					put(o, " %s %s", op, strchr(text, ':') ? PICK(ipv6s) : PICK(ipv4s));
			}
			return;
		}
	}
}

static void expr(out *o, int depth)
{
	unsigned r = R(100);
	if (depth < 4 && r < 35) {
		int paren = PCT(40);
		if (paren)
			put(o, "(");
		expr(o, depth + 1);
		put(o, " %s ", PICK(((const char *const[]){"and", "or", "&&", "||", "and", "or"})));
		expr(o, depth + 1);
		if (paren)
			put(o, ")");
	} else if (depth < 4 && r < 45) {
		put(o, "%s", PICK(((const char *const[]){"not ", "!", "not "})));
		if (PCT(50)) {
			put(o, "(");
			expr(o, depth + 1);
			put(o, ")");
		} else {
			primitive(o);
		}
	} else {
		primitive(o);
	}
}

/* Malformed: one damage to a well-formed expression. */
static void damage(out *o)
{
	static const char *const junk[] = {"and", "or", "not", "(", ")", "[", "]", ":3", "==", "+",
					  "host", "port", "net", "1.2.3.256", "70000", "vlan 4096",
					  "proto", "ip[1:3]", "$", "tcp[", "&&&", "0x", "::::",
					  "aa:bb:cc", "portrange 1-", "mask", "/33", "\\"};
	unsigned r = R(3);
	if (r == 0 && o->len > 2) {
		/* cut the expression short */
		o->len = 1 + R((uint32_t)o->len - 1);
		o->buf[o->len] = '\0';
	} else if (r == 1) {
		/* drop one space-separated token */
		char *sp = strchr(o->buf + R((uint32_t)o->len), ' ');
		if (sp) {
			char *next = strchr(sp + 1, ' ');
			size_t rest = next ? strlen(next) : 0;
			memmove(sp, next ? next : sp + strlen(sp), rest + 1);
			o->len = strlen(o->buf);
		} else {
			put(o, " %s", PICK(junk));
		}
	} else {
		put(o, " %s", PICK(junk));
	}
}

void ts_exprgen(ts_rng *rng, int dlt, char *buf, size_t size)
{
	out o = {buf, size, 0, rng, dlt, 0};
	buf[0] = '\0';
	expr(&o, 0);
	if (ts_rng_pct(rng, 10))
		damage(&o);
}
