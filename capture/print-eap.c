/* EAP (RFC 3748) packets as other printers carry them (RADIUS EAP-Message, 802.1X EAPOL):
 * code, id, length and, for requests and responses, the method with its first fields.
 *
 * tcpdump 4.99.3 reads EAP with its longjmp-ing accessors: a cut packet ends with " [|eap]"
 * and a dump of the whole packet (np_need()). */
#include "capture/netprint.h"

enum { EAP_REQUEST = 1, EAP_RESPONSE = 2 };
enum {
	TYPE_IDENTITY = 1, TYPE_NOTIFICATION = 2, TYPE_NAK = 3, TYPE_TLS = 13, TYPE_SIM = 18,
	TYPE_TTLS = 21, TYPE_AKA = 23, TYPE_FAST = 43,
};

static const np_tok code_names[] = {
	{1, "Request"}, {2, "Response"}, {3, "Success"}, {4, "Failure"}, {0, NULL},
};

static const np_tok type_names[] = {
	{0, "No proposed"},
	{TYPE_IDENTITY, "Identity"},
	{TYPE_NOTIFICATION, "Notification"},
	{TYPE_NAK, "Nak"},
	{4, "MD5-challenge"},
	{5, "OTP"},
	{6, "GTC"},
	{TYPE_TLS, "TLS"},
	{TYPE_SIM, "SIM"},
	{TYPE_TTLS, "TTLS"},
	{TYPE_AKA, "AKA"},
	{TYPE_FAST, "FAST"},
	{254, "Expanded types"},
	{255, "Experimental"},
	{0, NULL},
};

static const np_tok tls_flags[] = {
	{0x80, "L bit"}, {0x40, "More fragments bit"}, {0x20, "Start bit"}, {0, NULL},
};

static const np_tok aka_subtypes[] = {
	{1, "Challenge"}, {2, "Auth reject"}, {4, "Sync failure"}, {5, "Identity"},
	{10, "Start"}, {11, "Challenge"}, {12, "Notification"}, {13, "Reauth"},
	{14, "Client error"}, {0, NULL},
};

static const char *name(const np_tok *t, unsigned v)
{
	const char *s = np_tok_find(t, v);
	return s ? s : "unknown";
}

/* Text up to len bytes or a NUL, escaped (tcpdump's nd_printjnp). */
static void text_print(np_ctx *c, const uint8_t *p, unsigned len)
{
	for (unsigned i = 0; i < len; i++) {
		np_need(c, p + i, 1);
		if (p[i] == 0)
			break;
		np_print_chars(c, p + i, 1);
	}
}

static void flags_print(np_ctx *c, const char *ver_label, const uint8_t *cp, unsigned len)
{
	np_need(c, cp + 5, 1);
	unsigned f = np_u8(c, cp + 5);
	if (ver_label)
		np_printf(c, " %sv%u", ver_label, f & 0x07);
	np_puts(c, " flags [");
	np_print_bits(c, tls_flags, ", ", f);
	np_printf(c, "] 0x%02x", f);
	if (f & 0x80) {
		if (len < 10) {
			np_printf(c, " (too short for EAP %s request/response with length)",
				  ver_label && ver_label[0] == 'F' ? "FAST" : "TLS/TTLS");
			return;
		}
		np_need(c, cp + 6, 4);
		np_printf(c, ", len %u", np_be32(c, cp + 6));
	}
}

void np_eap_print(np_ctx *c, const uint8_t *cp, unsigned length)
{
	np_set_proto(c, "eap");
	np_need(c, cp, 1);
	unsigned code = np_u8(c, cp);
	np_need(c, cp + 2, 2);
	unsigned len = np_be16(c, cp + 2);
	if (len != length) {
		np_puts(c, "EAP fragment?");
		return;
	}
	np_need(c, cp + 1, 1);
	np_printf(c, "%s (%u), id %u, len %u", name(code_names, code), code, np_u8(c, cp + 1),
		  len);
	if (len < 4) {
		np_puts(c, " (too short for EAP header)");
		return;
	}
	np_need_plain(c, cp, len);
	if (code != EAP_REQUEST && code != EAP_RESPONSE)
		return;
	if (len < 5) {
		np_puts(c, " (too short for EAP request/response)");
		return;
	}
	unsigned type = np_u8(c, cp + 4);
	np_printf(c, "\n\t\t Type %s (%u)", name(type_names, type), type);
	switch (type) {
	case TYPE_IDENTITY:
		if (len > 5) {
			np_puts(c, ", Identity: ");
			text_print(c, cp + 5, len - 5);
		}
		break;
	case TYPE_NOTIFICATION:
		if (len < 6) {
			np_puts(c, " (too short for EAP Notification request/response)");
			return;
		}
		np_puts(c, ", Notification: ");
		text_print(c, cp + 5, len - 5);
		break;
	case TYPE_NAK: {
		if (len < 6) {
			np_puts(c, " (too short for EAP Legacy NAK request/response)");
			return;
		}
		const char *sep = "";
		for (unsigned k = 5; k < len; k++) {
			unsigned t = np_u8(c, cp + k);
			np_printf(c, "%s %s (%u)", sep, name(type_names, t), t);
			sep = ",";
		}
		break;
	}
	case TYPE_TTLS:
	case TYPE_TLS:
		if (len < 6) {
			np_puts(c, " (too short for EAP TLS/TTLS request/response)");
			return;
		}
		flags_print(c, type == TYPE_TTLS ? "TTLS" : NULL, cp, len);
		break;
	case TYPE_FAST:
		if (len < 6) {
			np_puts(c, " (too short for EAP FAST request/response)");
			return;
		}
		flags_print(c, "FAST", cp, len);
		break;
	case TYPE_AKA:
	case TYPE_SIM:
		if (len < 6) {
			np_puts(c, " (too short for EAP SIM/AKA request/response)");
			return;
		}
		np_printf(c, " subtype [%s] 0x%02x", name(aka_subtypes, np_u8(c, cp + 5)),
			  np_u8(c, cp + 5));
		break;
	default:
		break;
	}
}

/* IEEE 802.1X EAPOL frames (ethertype 0x888e): the frame header and, with -v, the EAP
 * packet of an "EAP packet" frame. */
static const np_tok eapol_types[] = {
	{0, "EAP packet"}, {1, "EAPOL start"}, {2, "EAPOL logoff"}, {3, "EAPOL key"},
	{4, "EAPOL Encap-ASF-Alert"}, {0, NULL},
};

void np_eapol_print(np_ctx *c, const uint8_t *cp, unsigned length)
{
	(void)length;
	np_set_proto(c, "eap");
	if (!np_has(c, cp, 4)) {
		np_print_trunc(c);
		return;
	}
	unsigned type = np_u8(c, cp + 1), len = np_be16(c, cp + 2);
	const char *name = np_tok_find(eapol_types, type);
	np_printf(c, "%s (%u) v%u, len %u", name ? name : "unknown", type, np_u8(c, cp), len);
	if (c->o.vflag < 1 || type != 0)
		return;
	if (len == 0) {
		np_print_trunc(c);
		return;
	}
	np_puts(c, ", ");
	np_eap_print(c, cp + 4, len);
}
