/* Private to the BGP printer (print-bgp.c: messages and path attributes; print-bgp-nlri.c:
 * the address-family prefix decoders, NLRI and next hops): constants, tcpdump's GET_-style
 * accessors (past the capture: " [|bgp]" and the whole-packet dump) and the helpers both
 * files use. */
#ifndef NETSIFT_CAPTURE_PRINT_BGP_H
#define NETSIFT_CAPTURE_PRINT_BGP_H

#include "capture/netprint.h"

#define BGP_HDR 19
#define OPEN_HDR 29
#define NOTIF_HDR 21
#define RR_HDR 23

enum { AF_IP = 1, AF_IP6 = 2, AF_NSAP = 3, AF_VPLS = 25, AF_L2VPN = 196 };
enum {
	S_UNI = 1, S_MULTI = 2, S_UNIMULTI = 3, S_LABUNI = 4, S_MVPN = 5, S_VPLS = 65,
	S_MDT = 66, S_VPNUNI = 128, S_VPNMULTI = 129, S_VPNUNIMULTI = 130, S_RT = 132,
};
#define AFS(af, safi) ((unsigned)(af) << 8 | (safi))

extern const np_tok bgp_safi_names[];
extern const np_tok bgp_af_names[];

/* print-bgp.c: accessors and formatting helpers */
void bgp_need(np_ctx *c, const uint8_t *p, unsigned len);
unsigned bgp_g8(np_ctx *c, const uint8_t *p);
unsigned bgp_g16(np_ctx *c, const uint8_t *p);
unsigned bgp_g24(np_ctx *c, const uint8_t *p);
uint32_t bgp_g32(np_ctx *c, const uint8_t *p);
const char *bgp_tok(const np_tok *t, const char *dflt, unsigned v);
const char *bgp_ip4s(np_ctx *c, const uint8_t *p, char *buf);
const char *bgp_ip6s(np_ctx *c, const uint8_t *p, char *buf);
void bgp_hex_print(np_ctx *c, const char *indent, const uint8_t *p, unsigned len);

/* print-bgp-nlri.c */
int bgp_prefix4(np_ctx *c, const uint8_t *p, unsigned itemlen, char *buf, size_t n);
/* the AFI/SAFI pair of MP reach/unreach: 0 decodable, -1 not (already reported), -2 cut */
int bgp_mp_af_print(np_ctx *c, const uint8_t *p, unsigned tlen, unsigned *af, unsigned *safi);
int bgp_check_add_path(np_ctx *c, const uint8_t *p, unsigned length, unsigned maxlen);
int bgp_nlri_print(np_ctx *c, unsigned af, unsigned safi, const uint8_t *p, unsigned len, int ap4,
		   int ap6);
int bgp_nexthops(np_ctx *c, unsigned af, unsigned safi, const uint8_t **pp, unsigned *tlen,
		 unsigned nhlen);

#endif
