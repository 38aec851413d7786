/* Link types by name: the DLT_ numbers as libpcap defines them on Linux, the names -y takes and
 * the descriptions -L prints. The header layouts that code generation needs per link type are
 * in the code generator's own table; this one is only about naming. */
#include <stddef.h>
#include <strings.h>

#include "compiler/netsift.h"

static const struct {
	int dlt;
	const char *name;
	const char *description;
} linktypes[] = {
	{0, "NULL", "BSD loopback"},
	{1, "EN10MB", "Ethernet"},
	{6, "IEEE802", "Token ring"},
	{7, "ARCNET", "BSD ARCNET"},
	{8, "SLIP", "SLIP"},
	{9, "PPP", "PPP"},
	{10, "FDDI", "FDDI"},
	{11, "ATM_RFC1483", "RFC 1483 LLC-encapsulated ATM"},
	{12, "RAW", "Raw IP"},
	{50, "PPP_SERIAL", "PPP over serial"},
	{51, "PPP_ETHER", "PPPoE"},
	{104, "C_HDLC", "Cisco HDLC"},
	{105, "IEEE802_11", "802.11"},
	{108, "LOOP", "OpenBSD loopback"},
	{113, "LINUX_SLL", "Linux cooked v1"},
	{117, "PFLOG", "OpenBSD pflog file"},
	{127, "IEEE802_11_RADIO", "802.11 plus radiotap header"},
	{228, "IPV4", "Raw IPv4"},
	{229, "IPV6", "Raw IPv6"},
	{276, "LINUX_SLL2", "Linux cooked v2"},
};

int ns_linktype_from_name(const char *name)
{
	for (size_t i = 0; i < sizeof(linktypes) / sizeof(linktypes[0]); i++)
		if (strcasecmp(name, linktypes[i].name) == 0)
			return linktypes[i].dlt;
	return -1;
}

const char *ns_linktype_name(int dlt)
{
	for (size_t i = 0; i < sizeof(linktypes) / sizeof(linktypes[0]); i++)
		if (linktypes[i].dlt == dlt)
			return linktypes[i].name;
	return NULL;
}

const char *ns_linktype_description(int dlt)
{
	for (size_t i = 0; i < sizeof(linktypes) / sizeof(linktypes[0]); i++)
		if (linktypes[i].dlt == dlt)
			return linktypes[i].description;
	return NULL;
}
