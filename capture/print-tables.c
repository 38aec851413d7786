/* The dispatch tables: which printer decodes which link type, ethertype, IP protocol and
 * TCP/UDP port.  Pure const data; a new protocol file adds its line here (keep each entry
 * on its own line so branches merge cleanly) and declares its function in netprint.h.
 *
 * The names are tcpdump's (ethertype_values, ipproto_values): they are what it prints for
 * `-e` and `-v` and for payloads it does not decode, so an entry with a NULL function is
 * still useful. */
#include <pcap/dlt.h>

#include "capture/netprint.h"

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4 228
#endif
#ifndef DLT_IPV6
#define DLT_IPV6 229
#endif

const np_link_entry np_link_table[] = {
	{DLT_EN10MB, np_ether_if_print},
	{DLT_LINUX_SLL, np_sll_if_print},
	{DLT_LINUX_SLL2, np_sll2_if_print},
	{DLT_PPP, np_ppp_if_print},
	{DLT_PPP_SERIAL, np_ppp_hdlc_if_print},
	{DLT_NULL, np_null_if_print},
	{DLT_LOOP, np_loop_if_print},
	{DLT_RAW, np_raw_if_print},
	{14 /* DLT_RAW as OpenBSD numbers it */, np_raw_if_print},
	{DLT_IPV4, np_ipv4_if_print},
	{DLT_IPV6, np_ipv6_if_print},
	{-1, NULL},
};

const np_ethertype_entry np_ethertype_table[] = {
	{0x0800, "IPv4", np_ip_print},
	{0x86dd, "IPv6", np_ip6_print},
	{0x0806, "ARP", np_arp_print},
	{0x8035, "Reverse ARP", np_arp_print},
	{0x8847, "MPLS unicast", np_mpls_print},
	{0x8848, "MPLS multicast", np_mpls_print},
	{0x8100, "802.1Q", NULL},
	{0x9100, "802.1Q-9100", NULL},
	{0x88a8, "802.1Q-QinQ", NULL},
	{0x9200, "802.1Q-9200", NULL},
	{0x88e5, "802.1AE MACsec", NULL},
	{0x0200, "PUP", NULL},
	{0x0600, "NS", NULL},
	{0x0500, "Sprite", NULL},
	{0x1000, "Trail", NULL},
	{0x6001, "MOP DL", NULL},
	{0x6002, "MOP RC", NULL},
	{0x6003, "DN", NULL},
	{0x6004, "LAT", NULL},
	{0x6007, "SCA", NULL},
	{0x6558, "TEB", NULL},
	{0x8038, "Lanbridge", NULL},
	{0x803c, "DEC DNS", NULL},
	{0x803e, "DEC DTS", NULL},
	{0x805b, "VEXP", NULL},
	{0x805c, "VPROD", NULL},
	{0x809b, "Appletalk", NULL},
	{0x80f3, "Appletalk ARP", NULL},
	{0x8137, "IPX", NULL},
	{0x8808, "MPCP", NULL},
	{0x8809, "Slow Protocols", np_slow_print},
	{0x8863, "PPPoE D", np_pppoe_print},
	{0x8864, "PPPoE S", np_pppoe_print},
	{0x880b, "PPP", np_ppp_ether_print},
	{0x888e, "EAPOL", np_eapol_print},
	{0x8899, "Realtek protocols", NULL},
	{0x886f, "MS NLB heartbeat", NULL},
	{0x8870, "Jumbo", NULL},
	{0x894f, "NSH", np_nsh_print},
	{0x9000, "Loopback", np_loopback_print},
	{0xfefe, "OSI", NULL},
	{0x00fe, "GRE-OSI", NULL},
	{0xabcd, "CFM (old)", NULL},
	{0x8902, "CFM", NULL},
	{0x893a, "IEEE1905.1", NULL},
	{0x88cc, "LLDP", np_lldp_print},
	{0x88ca, "TIPC", NULL},
	{0x0707, "GeoNet (old)", NULL},
	{0x8947, "GeoNet", NULL},
	{0x1111, "CALM FAST", NULL},
	{0x88a2, "AoE", NULL},
	{0xd28b, "Arista Vendor Specific Protocol", NULL},
	{0, NULL, NULL},
};

const np_ipproto_entry np_ipproto_table[] = {
	{0, "Options", NULL, 0},
	{1, "ICMP", np_icmp_print, 4},
	{2, "IGMP", np_igmp_print, 0},
	{4, "IPIP", np_ipip_print, 0},
	{6, "TCP", np_tcp_print, 0},
	{8, "EGP", NULL, 0},
	{9, "IGRP", NULL, 0},
	{17, "UDP", np_udp_print, 0},
	{33, "DCCP", NULL, 0},
	{41, "IPv6", np_ip6ip_print, 0},
	{43, "Routing", NULL, 0},
	{44, "Fragment", NULL, 0},
	{46, "RSVP", NULL, 0},
	{47, "GRE", np_gre_print, 0},
	{50, "ESP", np_esp_print, 0},
	{51, "AH", np_ah_print, 0},
	{55, "Mobile IP", NULL, 0},
	{58, "ICMPv6", np_icmp6_print, 6},
	{62, "Mobile IP (old)", NULL, 0},
	{88, "EIGRP", np_eigrp_print, 0},
	{89, "OSPF", np_ospf_print, 0}, /* OSPFv2 over IPv4, OSPFv3 over IPv6 */
	{103, "PIM", np_pim_print, 0},
	{108, "Compressed IP", np_ipcomp_print, 0},
	{112, "VRRP", np_vrrp_print, 0},
	{113, "PGM", NULL, 0},
	{132, "SCTP", NULL, 0},
	{135, "Mobility", NULL, 0},
	{143, "Ethernet", np_ip6_ether_print, 6},
	{255, NULL, NULL, 0},
};

const np_port_entry np_udp_port_table[] = {
	/* tcpdump 4.99.3's udp_print order, checked against it with every crossed pair of
	 * these ports (a payload each printer could take) */
	{53, np_dns_udp_print, 0},
	{5353, np_mdns_udp_print, 0},
	{69, np_tftp_print, 0},
	{67, np_bootp_print, 0},
	{68, np_bootp_print, 0},
	{520, np_rip_print, 0},
	{500, np_isakmp_print, 0},
	{4500, np_isakmp_natt_print, 0},
	{123, np_ntp_print, 0},
	{546, np_dhcp6_print, 0},
	{547, np_dhcp6_print, 0},
	{1645, np_radius_print, 0},
	{1812, np_radius_print, 0},
	{1646, np_radius_print, 0},
	{1813, np_radius_print, 0},
	{1700, np_radius_print, 0},
	{3799, np_radius_print, 0},
	{1985, np_hsrp_print, NP_PORT_DST},
	{49152, np_bcm_li_print, NP_PORT_SRC},
	{3784, np_bfd_print, NP_PORT_DST},
	{4784, np_bfd_print, NP_PORT_DST},
	{6784, np_bfd_print, NP_PORT_DST},
	{3785, np_bfd_print, NP_PORT_DST},
	{5060, np_sip_print, 0},
	{514, np_syslog_print, 0},
	{4789, np_vxlan_print, 0},
	{6081, np_geneve_print, 0},
	{4342, np_lisp_print, 0},
	{4790, np_vxlan_gpe_print, 0},
	{6635, np_mpls_udp_print, 0},
	{0, NULL, 0},
};

const np_port_entry np_tcp_port_table[] = {
	/* tcpdump 4.99.3's tcp_print order, checked against it with every crossed pair */
	{25, np_smtp_print, 0},
	{179, np_bgp_print, 0},
	{6379, np_resp_print, 0},
	{22, np_ssh_print, 0},
	{6633, np_openflow_print, 0},
	{6653, np_openflow_print, 0},
	{80, np_http_print, 0},
	{8080, np_http_print, 0},
	{53, np_dns_tcp_print, 0},
	{2049, np_nfs_tcp_print, 0},
	{0, NULL, 0},
};

np_link_fn np_find_link(int dlt)
{
	for (const np_link_entry *e = np_link_table; e->fn; e++)
		if (e->dlt == dlt)
			return e->fn;
	return NULL;
}

const np_ethertype_entry *np_find_ethertype(unsigned type)
{
	for (const np_ethertype_entry *e = np_ethertype_table; e->name; e++)
		if (e->type == type)
			return e;
	return NULL;
}

const np_ipproto_entry *np_find_ipproto(unsigned proto)
{
	for (const np_ipproto_entry *e = np_ipproto_table; e->name; e++)
		if (e->proto == proto)
			return e;
	return NULL;
}

const char *np_ethertype_name(unsigned type)
{
	const np_ethertype_entry *e = np_find_ethertype(type);
	return e ? e->name : NULL;
}

const char *np_ipproto_name(unsigned proto)
{
	const np_ipproto_entry *e = np_find_ipproto(proto);
	return e ? e->name : NULL;
}

int np_ethertype_dispatch(np_ctx *c, unsigned type, const uint8_t *bp, unsigned length)
{
	const np_ethertype_entry *e = np_find_ethertype(type);
	if (!e || !e->fn)
		return 0;
	e->fn(c, bp, length);
	return 1;
}

void np_ipproto_dispatch(np_ctx *c, unsigned proto, const uint8_t *bp, unsigned length,
			 const uint8_t *ip, int fragmented)
{
	const np_ipproto_entry *e = np_find_ipproto(proto);
	if (e && e->fn) {
		unsigned ver = np_u8(c, ip) >> 4;
		if (e->ip_version && e->ip_version != ver) {
			np_printf(c, "[%s requires IPv%u]", e->name, e->ip_version);
			np_print_invalid(c);
			return;
		}
		e->fn(c, bp, length, ip, fragmented);
		return;
	}
	np_ip_proto_fallback(c, proto);
	np_printf(c, " %u", length);
}
