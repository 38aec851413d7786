/* netprint.h: the private API every protocol printer file is written against.
 *
 * How a printer file looks (see docs/printing.md for the full guide):
 *
 *     void np_foo_print(np_ctx *c, const uint8_t *bp, unsigned length)
 *     {
 *         np_set_proto(c, "foo");        // names the printer in "[|foo]"
 *         unsigned type = np_u8(c, bp);  // every packet read goes through an accessor
 *         np_printf(c, "foo type %u", type);
 *         ...
 *     }
 *
 * Key decisions:
 * - ONE truncation exit.  The accessors (np_u8, np_be16, ..., np_need) check the read against
 *   c->snapend and, when it would pass the captured data, longjmp to the top of the packet,
 *   where " [|PROTO]" is printed with the name the running printer set with np_set_proto().
 *   A printer never tests a read's result for truncation and never reads the packet directly.
 *   np_has() is the non-jumping test for the places where tcpdump checks a length itself
 *   (ND_TCHECK + "goto trunc"): print np_print_trunc() and return.  The two differ visibly:
 *   after the exit, -x/-X/-A dump the whole frame; after a normal return they skip the link
 *   header (docs/printing.md).
 * - All state lives in np_ctx, one per ns_printer (per capture): options, output stream,
 *   snapend, the TCP sequence-number table, the time-stamp reference.  There is no global
 *   mutable state; the dispatch tables are const data (print-tables.c).
 * - Dispatch by DLT, ethertype, IP protocol, UDP and TCP port goes through the tables in
 *   print-tables.c: a protocol file adds its entry there and declares its function below.
 */
#ifndef NETSIFT_CAPTURE_NETPRINT_H
#define NETSIFT_CAPTURE_NETPRINT_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "capture/print.h"

#if defined(__GNUC__)
#define NP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define NP_NORETURN __attribute__((noreturn))
#else
#define NP_PRINTF(f, a)
#define NP_NORETURN
#endif

typedef struct np_tcp_seq np_tcp_seq;
typedef struct np_names np_names;

/* The printer context: one per capture, reset per packet where noted. */
typedef struct np_ctx {
	ns_print_opts o;        /* the printing flags (copy) */
	FILE *out;
	int linktype;

	/* Per packet. */
	const uint8_t *packet;  /* first byte of the packet */
	const uint8_t *snapend; /* one past the last byte a printer may read */
	const char *proto;      /* printer named in "[|proto]" when a read is truncated */
	unsigned ll_hdr_len;    /* link-layer header length: -x/-X/-A dump what follows it */
	unsigned ll_known_len;  /* the link header length once the link printer knows it:
				 * what the dump skips after np_need_plain's exit */
	jmp_buf trunc;          /* the one truncation exit (see np_trunc) */

	/* Across packets. */
	uint64_t packets;       /* -# counter */
	int have_ref;           /* -ttt/-ttttt reference time stamp */
	int64_t ref_sec;
	int64_t ref_frac;
	np_tcp_seq *tcp_seq;    /* TCP relative sequence numbers, per connection */
	np_names *names;        /* host/port names when -n is not given (lazy) */
	uint8_t *unesc;         /* PPP in HDLC framing: the un-escaped copy (print-ppp.c) */
	size_t unesc_cap;
} np_ctx;

/* ---- truncation and bounds ------------------------------------------------------------ */

/* Leaves the packet: the top level prints " [|PROTO]" and the dumps. */
NP_NORETURN void np_trunc(np_ctx *c);

static inline void np_set_proto(np_ctx *c, const char *proto) { c->proto = proto; }

/* 1 if [p, p+len) is inside the captured data.  Never jumps. */
static inline int np_has(const np_ctx *c, const uint8_t *p, size_t len)
{
	return p >= c->packet && p <= c->snapend && len <= (size_t)(c->snapend - p);
}

/* Bytes capturable from p on (0 when p is past the end). */
static inline unsigned np_avail(const np_ctx *c, const uint8_t *p)
{
	return p >= c->snapend || p < c->packet ? 0 : (unsigned)(c->snapend - p);
}

/* Requires [p, p+len) to be captured; leaves the packet otherwise. */
static inline void np_need(np_ctx *c, const uint8_t *p, size_t len)
{
	if (!np_has(c, p, len))
		np_trunc(c);
}

/* tcpdump's ND_TCHECK + "goto trunc" where nothing is printed after the trunc label: the
 * same " [|PROTO]" and end of the packet, but the dump skips the link header as after a
 * normal return.  Saves threading a return value through nested helpers. */
static inline void np_need_plain(np_ctx *c, const uint8_t *p, size_t len)
{
	if (!np_has(c, p, len)) {
		c->ll_hdr_len = c->ll_known_len;
		np_trunc(c);
	}
}

static inline uint8_t np_u8(np_ctx *c, const uint8_t *p)
{
	np_need(c, p, 1);
	return p[0];
}
static inline uint16_t np_be16(np_ctx *c, const uint8_t *p)
{
	np_need(c, p, 2);
	return (uint16_t)(p[0] << 8 | p[1]);
}
static inline uint32_t np_be24(np_ctx *c, const uint8_t *p)
{
	np_need(c, p, 3);
	return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}
static inline uint32_t np_be32(np_ctx *c, const uint8_t *p)
{
	np_need(c, p, 4);
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline uint64_t np_be64(np_ctx *c, const uint8_t *p)
{
	np_need(c, p, 8);
	return (uint64_t)np_be32(c, p) << 32 | np_be32(c, p + 4);
}
static inline uint16_t np_le16(np_ctx *c, const uint8_t *p)
{
	np_need(c, p, 2);
	return (uint16_t)(p[1] << 8 | p[0]);
}
static inline uint32_t np_le32(np_ctx *c, const uint8_t *p)
{
	np_need(c, p, 4);
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}
/* Copies len captured bytes (or leaves the packet). */
void np_copy(np_ctx *c, void *dst, const uint8_t *p, size_t len);

/* Narrows snapend to p+len when that is shorter (tcpdump's nd_push_snaplen): a layer whose
 * header says it ends earlier than the capture hides the trailer from the layers inside it.
 * Returns the previous snapend for np_restore_snapend(). */
const uint8_t *np_narrow(np_ctx *c, const uint8_t *p, size_t len);
static inline void np_restore_snapend(np_ctx *c, const uint8_t *end) { c->snapend = end; }

/* ---- output ----------------------------------------------------------------------------- */

void np_printf(np_ctx *c, const char *fmt, ...) NP_PRINTF(2, 3);
static inline void np_puts(np_ctx *c, const char *s) { fputs(s, c->out); }
static inline void np_putc(np_ctx *c, int ch) { putc(ch, c->out); }

/* " [|proto]" without leaving the packet, for printers that go on after a short part. */
void np_print_trunc(np_ctx *c);
/* " (invalid)", tcpdump's nd_print_invalid. */
void np_print_invalid(np_ctx *c);

/* Dumps in tcpdump's layouts.  `indent` starts every line ("\n\t" at the top level).  They
 * dump what was captured and then, if more was asked for, take the truncation exit. */
void np_hex_ascii(np_ctx *c, const char *indent, const uint8_t *p, unsigned len);
void np_hex_ascii_offset(np_ctx *c, const char *indent, const uint8_t *p, unsigned len,
			 unsigned offset);
void np_hex(np_ctx *c, const char *indent, const uint8_t *p, unsigned len);
void np_ascii(np_ctx *c, const uint8_t *p, unsigned len);
/* tcpdump's print_unknown_data: a hex dump of what was captured of len bytes, never the
 * truncation exit.  0 (and a "Dissector error" line) when p is already past the capture. */
int np_unknown_data(np_ctx *c, const uint8_t *p, const char *indent, unsigned len);
/* What tcpdump prints for data it does not decode: the -X style dump (ND_DEFAULTPRINT). */
void np_default_print(np_ctx *c, const uint8_t *p, unsigned len);

/* Prints up to len captured bytes as tcpdump's nd_printjn / nd_printn do: printable ASCII
 * as is, others as "\ooo"-free "M-x"/"^x" escapes.  Returns 1 if the data ran out. */
int np_print_chars(np_ctx *c, const uint8_t *p, unsigned len);

/* The same for a field of len bytes that ends early at a NUL (tcpdump's nd_printjnp):
 * reads through the accessors, so a field cut by the capture takes the truncation exit. */
void np_print_zchars(np_ctx *c, const uint8_t *p, unsigned len);

/* ---- value-name tables ------------------------------------------------------------------ */

typedef struct np_tok {
	unsigned v;
	const char *s;
} np_tok;

/* The name of v in a {0, NULL}-terminated table, or NULL. */
const char *np_tok_find(const np_tok *t, unsigned v);
/* The name of v, or fmt (with %u/%x of v) in buf when unknown (tcpdump's tok2str). */
const char *np_tok_str(const np_tok *t, const char *fmt, unsigned v, char *buf, size_t n);
/* Prints the names of the bits set in v joined by sep, "none" when v is 0 (bittok2str). */
void np_print_bits(np_ctx *c, const np_tok *t, const char *sep, unsigned v);
/* The same joined by ", ", and `none` when no bit of t is set in v (print-util.c). */
void np_print_bits_or(np_ctx *c, const np_tok *t, const char *none, unsigned v);

/* ---- addresses ---------------------------------------------------------------------------- */

#define NP_ADDRSTRLEN 64 /* enough for any address string below */

/* Formatting only (no name lookup). */
char *np_fmt_ipv4(char *buf, const uint8_t *a);
char *np_fmt_ipv6(char *buf, const uint8_t *a); /* tcpdump's compression of zero runs */
char *np_fmt_mac(char *buf, const uint8_t *a);

/* Read from the packet (bounds-checked) and printed, with a host name when -n was not
 * given. */
void np_print_ipv4(np_ctx *c, const uint8_t *p);
void np_print_ipv6(np_ctx *c, const uint8_t *p);
void np_print_mac(np_ctx *c, const uint8_t *p);
/* The source (dst 0) or destination address of the IPv4 or IPv6 header at ip (print-util.c) */
void np_print_ip_addr(np_ctx *c, const uint8_t *ip, int dst);
/* The strings tcpdump's ipaddr_string / etheraddr_string give (buf holds NP_ADDRSTRLEN+). */
const char *np_ipv4_str(np_ctx *c, const uint8_t *p, char *buf);
const char *np_ipv6_str(np_ctx *c, const uint8_t *p, char *buf);
/* etheraddr_string: without -n, "Broadcast", an /etc/ethers name or "MAC (oui NAME)". */
const char *np_mac_str(np_ctx *c, const uint8_t *p, char *buf);
/* Port as printed after an address: a service name when -n was not given. */
const char *np_tcpport_str(np_ctx *c, unsigned port, char *buf);
const char *np_udpport_str(np_ctx *c, unsigned port, char *buf);

/* ---- checksums ---------------------------------------------------------------------------- */

/* The Internet checksum over captured bytes, starting from a partial sum. */
uint32_t np_cksum_add(const uint8_t *p, size_t len, uint32_t sum);
uint16_t np_cksum_fold(uint32_t sum);
/* tcpdump's in_cksum_shouldbe: what the checksum field holding `field` should have been,
 * given the folded sum over the data that included it (print-util.c) */
unsigned np_cksum_shouldbe(unsigned field, uint16_t sum);
/* IPv4 / IPv6 pseudo-header sums for TCP/UDP. */
/* IPv4: the destination is the last hop of a source route option, as tcpdump computes it. */
uint16_t np_ip_pseudo_cksum(np_ctx *c, const uint8_t *ip, const uint8_t *data, unsigned len,
			    unsigned proto);
uint16_t np_ip6_pseudo_cksum(const uint8_t *ip6, const uint8_t *data, unsigned len,
			     unsigned proto);

/* ---- dispatch ----------------------------------------------------------------------------- */

/* A link-layer printer: prints the packet and returns the link header length (what -x/-X/-A
 * skip), or sets c->ll_hdr_len before it may be truncated. */
typedef unsigned (*np_link_fn)(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen);
/* A protocol printer: bp points at its header, length is what the layer below says it has
 * (it may exceed the captured data). */
typedef void (*np_proto_fn)(np_ctx *c, const uint8_t *bp, unsigned length);
/* An IP payload printer also gets the IP header it came in (IPv4 or IPv6, by its version
 * nibble) for pseudo-header checksums and for the addresses TCP/UDP print. */
typedef void (*np_ipproto_fn)(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
			      int fragmented);

typedef struct np_link_entry {
	int dlt;
	np_link_fn fn;
} np_link_entry;

typedef struct np_ethertype_entry {
	uint16_t type;
	const char *name; /* as tcpdump's ethertype_values names it (-e, unknown payloads) */
	np_proto_fn fn;   /* NULL: named, not decoded */
} np_ethertype_entry;

typedef struct np_ipproto_entry {
	uint8_t proto;
	const char *name; /* as tcpdump's ipproto_values names it (-v "proto NAME (N)") */
	np_ipproto_fn fn; /* NULL: named, not decoded (" ip-proto-N LENGTH") */
	uint8_t ip_version; /* 4 or 6 when only valid inside that IP version (ICMP, ICMPv6) */
} np_ipproto_entry;

#define NP_PORT_DST 1 /* match the destination port only (BFD, HSRP) */
#define NP_PORT_SRC 2 /* match the source port only (BCM-LI) */

/* Table order is match order: the first entry whose port is the source or destination
 * port wins (tcpdump's if/else chains).  TCP payload printers print their own separator
 * (HTTP: ": HTTP..."; DNS over TCP prints none). */
typedef struct np_port_entry {
	uint16_t port;
	np_ipproto_fn fn; /* gets the UDP/TCP payload; ip as above */
	unsigned flags;   /* NP_PORT_DST, NP_PORT_SRC */
} np_port_entry;

extern const np_link_entry np_link_table[];
extern const np_ethertype_entry np_ethertype_table[];
extern const np_ipproto_entry np_ipproto_table[];
extern const np_port_entry np_udp_port_table[];
extern const np_port_entry np_tcp_port_table[];

np_link_fn np_find_link(int dlt);
const np_ethertype_entry *np_find_ethertype(unsigned type);
const np_ipproto_entry *np_find_ipproto(unsigned proto);
/* tcpdump's tok2str(ethertype_values, "Unknown", type) */
const char *np_ethertype_name(unsigned type);
/* tcpdump's netdb_protoname-like name, NULL when unknown */
const char *np_ipproto_name(unsigned proto);

/* Hands an ethertype's payload to its printer; returns 0 when there is none (the caller
 * prints its fallback). */
int np_ethertype_dispatch(np_ctx *c, unsigned type, const uint8_t *bp, unsigned length);
/* Hands an IP payload (IPv4 or IPv6: `ip` is the header, by its version nibble) to its
 * printer, tcpdump's ip_demux_print: a protocol without a printer prints " ip-proto-N LEN"
 * (with its name from the protocols database when -n was not given). */
void np_ipproto_dispatch(np_ctx *c, unsigned proto, const uint8_t *bp, unsigned length,
			 const uint8_t *ip, int fragmented);
/* " ip-proto-N" or " NAME" (no -n) as IPv4/IPv6 print an undecoded protocol. */
void np_ip_proto_fallback(np_ctx *c, unsigned proto);

/* ---- protocol printers (one file each) --------------------------------------------------- */

/* print-ether.c */
unsigned np_ether_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen);
/* Prints an Ethernet frame (also VXLAN/GRE payloads); returns the header length. */
unsigned np_ether_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen);
/* print-sll.c */
unsigned np_sll_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen);
unsigned np_sll2_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen);
/* print-ppp.c */
unsigned np_ppp_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen);
unsigned np_ppp_hdlc_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen);
/* Ethertype 0x880b: ": " and a PPP frame */
void np_ppp_ether_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* A PPP frame from its address/control (or protocol) field on; returns its header length. */
unsigned np_ppp_print(np_ctx *c, const uint8_t *p, unsigned length);
/* The payload of PPP protocol `proto` (tcpdump's handle_ppp). */
void np_ppp_payload_print(np_ctx *c, unsigned proto, const uint8_t *p, unsigned length);
/* tcpdump's ppptype2str name of a PPP protocol, NULL when unknown. */
const char *np_ppp_proto_name(unsigned proto);
/* print-ppp-ctrl.c: LCP/IPCP/IP6CP/CCP/BACP/OSICP/MPLSCP packets, multilink, CHAP, PAP */
void np_ppp_ctrl_print(np_ctx *c, unsigned proto, const uint8_t *bp, unsigned length);
void np_ppp_mlppp_print(np_ctx *c, const uint8_t *bp, unsigned length);
void np_ppp_chap_print(np_ctx *c, const uint8_t *bp, unsigned length);
void np_ppp_pap_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* print-pppoe.c: PPPoE discovery (tags) and session (PPP) */
void np_pppoe_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* print-null.c, print-raw.c */
unsigned np_null_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen);
unsigned np_loop_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen);
unsigned np_raw_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen);
unsigned np_ipv4_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen);
unsigned np_ipv6_if_print(np_ctx *c, const uint8_t *p, unsigned length, unsigned caplen);
/* print-arp.c */
void np_arp_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* print-ip.c */
void np_ip_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* IP-in-IP and IPv6-in-IP as the IP protocol table calls them. */
void np_ipip_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
void np_ip6ip_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* IPv4 or IPv6 by the version nibble (raw IP links, tunnels). */
void np_ipN_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* print-ip6.c, print-ip6opts.c, print-frag6.c, print-rt6.c: IPv6 and its extension
 * headers.  The extension printers return the header length, or -1 to stop the walk. */
void np_ip6_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* The destination the TCP/UDP/ICMPv6 pseudo-header uses: the final one of a routing
 * header, else the header's; reads only before `end` (the captured checksummed data). */
const uint8_t *np_ip6_final_dst(const uint8_t *ip6, const uint8_t *end);
int np_hbhopt_process(np_ctx *c, const uint8_t *bp, int *found_jumbo, uint32_t *payload_len);
int np_dstopt_process(np_ctx *c, const uint8_t *bp);
int np_frag6_print(np_ctx *c, const uint8_t *bp, const uint8_t *ip6);
int np_rt6_print(np_ctx *c, const uint8_t *bp, const uint8_t *ip6);
/* IP protocol 143 (Ethernet, only in IPv6): the inner frame */
void np_ip6_ether_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
			int frag);
/* print-ah.c: IPsec AH, then its payload by next header (IPv4 and IPv6) */
void np_ah_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-esp.c: IPsec ESP and IPComp headers (not decrypted or decompressed) */
void np_esp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
void np_ipcomp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		     int frag);
/* print-mobility.c: the mobility header ends the walk (returns -1 or its length) */
int np_mobility_print(np_ctx *c, const uint8_t *bp, const uint8_t *ip6);
/* print-icmp6.c */
void np_icmp6_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-icmp6-info.c: node information, router renumbering and RPL bodies; `end` is the
 * capture end when the ICMPv6 message started */
void np_icmp6_nodeinfo_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *end);
void np_icmp6_rrenum_print(np_ctx *c, const uint8_t *bp, const uint8_t *end);
void np_icmp6_rpl_print(np_ctx *c, unsigned code, const uint8_t *bp, unsigned length);
/* print-dns.c: DNS over UDP (port 53, 5353 mDNS as DNS) and over TCP (length-prefixed) */
void np_dns_udp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		      int frag);
void np_mdns_udp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		       int frag);
void np_dns_tcp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		      int frag);
/* A domain name at cp inside the message starting at msg (compression pointers followed,
 * loops detected); returns the byte after the name in place, NULL when cut short. */
const uint8_t *np_dns_name_print(np_ctx *c, const uint8_t *cp, const uint8_t *msg);
/* "src > dst: " as TCP/UDP print it for either IP version. */
void np_ip_addrs_print(np_ctx *c, const uint8_t *ip, unsigned sport, unsigned dport,
		       int tcp);
/* print-tcp.c, print-udp.c, print-icmp.c */
void np_tcp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
void np_udp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
void np_icmp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-mpls.c */
void np_mpls_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* print-igmp.c */
void np_igmp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-http.c */
void np_http_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-txtproto.c: tcpdump's txtproto_print (cmds NULL: always text; second_code: a
 * 3-digit code as second token marks a status line) */
void np_txtproto_print(np_ctx *c, const uint8_t *bp, unsigned length, const char *name,
		       const char *const *cmds, int second_code);
/* print-sip.c, print-smtp.c, print-resp.c */
void np_sip_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
void np_smtp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
void np_resp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);

/* print-gre.c, print-vxlan.c, print-geneve.c (tunnels; the printx branch) */
void np_gre_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
void np_vxlan_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		    int frag);
void np_geneve_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		     int frag);
/* print-nsh.c, print-vxlan-gpe.c */
void np_nsh_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* The packet after an NSH or VXLAN-GPE header, by its next-protocol code (1 IPv4, 2 IPv6,
 * 3 Ethernet); 0 when the code is not one of those. */
int np_nsh_next_print(np_ctx *c, unsigned next, const uint8_t *bp, unsigned length);
void np_vxlan_gpe_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
			int frag);
/* print-bfd.c, print-ntp.c, print-bootp.c */
void np_bfd_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
void np_ntp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* An NTP 64-bit time stamp with its UTC date (tcpdump's p_ntp_time). */
void np_ntp_time_print(np_ctx *c, const uint8_t *p);
void np_bootp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		    int frag);
/* print-radius.c, print-eap.c */
void np_radius_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		     int frag);
void np_eap_print(np_ctx *c, const uint8_t *bp, unsigned length);
void np_eapol_print(np_ctx *c, const uint8_t *cp, unsigned length);
/* print-ospf.c */
void np_ospf_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-pim.c, print-lisp.c, print-igmp.c */
void np_pim_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
void np_pimv1_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* Seconds as "1h2m3s" (tcpdump's unsigned_relts_print). */
void np_relts_print(np_ctx *c, unsigned secs);
void np_igmp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
void np_dvmrp_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* print-mpls.c */
void np_mpls_print(np_ctx *c, const uint8_t *bp, unsigned length);
void np_mpls_udp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		       int frag);
/* print-vrrp.c, print-hsrp.c */
void np_vrrp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
void np_hsrp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
void np_lisp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-esp.c (IP protocol 50) */
void np_esp_body(np_ctx *c, const uint8_t *bp, unsigned length);
void np_esp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-tftp.c (UDP port 69), print-syslog.c (UDP port 514) */
void np_tftp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
void np_syslog_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-rip.c (UDP port 520) */
void np_rip_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-bcm-li.c (UDP port 49152) */
void np_bcm_li_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-mobility.c: for the IPv6 printer (next headers 135 and 62); header length or -1 */
int np_mobility_print(np_ctx *c, const uint8_t *bp, const uint8_t *ip6);
/* print-openflow.c (TCP ports 6633, 6653) */
void np_openflow_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-nfs.c (port 2049: UDP hook in print-udp.c, TCP port table) */
int np_nfs_udp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
		     unsigned sport, unsigned dport);
void np_nfs_tcp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-dhcp6.c (UDP ports 546, 547) */
void np_dhcp6_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-isakmp.c (UDP ports 500, 4500) */
void np_isakmp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
void np_isakmp_natt_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip,
			  int frag);
/* print-ssh.c (TCP port 22): the identification string */
void np_ssh_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-bgp.c (TCP port 179) */
void np_bgp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-llc.c: 802.2 LLC (+SNAP); src/dst are the MAC addresses it prints when nothing
 * else does (NULL: none).  Returns the LLC(+SNAP) header length, negative when the payload
 * was not decoded (the caller dumps it). */
int np_llc_print(np_ctx *c, const uint8_t *p, unsigned length, const uint8_t *src,
		 const uint8_t *dst);
/* print-stp.c: spanning tree BPDUs (STP, RSTP, MSTP, SPB) */
void np_stp_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* print-dtp.c, print-cdp.c: Cisco's DTP and CDP (SNAP OUI 00000c) */
void np_dtp_print(np_ctx *c, const uint8_t *bp, unsigned length);
void np_cdp_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* print-loopback.c: Ethernet configuration testing protocol (ethertype 0x9000) */
void np_loopback_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* print-eigrp.c: Cisco's EIGRP (IP protocol 88) */
void np_eigrp_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag);
/* print-slow.c: 802.3 slow protocols, LACP and Marker (ethertype 0x8809) */
void np_slow_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* print-udld.c: Cisco's UDLD (SNAP OUI 00000c, PID 0x0111) */
void np_udld_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* print-vtp.c: Cisco's VTP (SNAP OUI 00000c, PID 0x2003) */
void np_vtp_print(np_ctx *c, const uint8_t *bp, unsigned length);
/* print-lldp.c: 802.1AB LLDP (ethertype 0x88cc) */
void np_lldp_print(np_ctx *c, const uint8_t *bp, unsigned length);

/* per-printer state owned by print-tcp.c */
void np_tcp_state_free(np_ctx *c);
/* per-printer state owned by print-addr.c */
void np_names_free(np_ctx *c);
/* per-printer state owned by print-ppp.c */
void np_ppp_state_free(np_ctx *c);

#endif
