/* HTTP on TCP port 80 (and 8080): the request or status line, all text lines with -v.
 *
 * A segment is shown as HTTP text only when it starts with a known method or a status
 * line ("HTTP/1.1 200"); anything else (body continuations) prints just ": HTTP". */
#include "capture/netprint.h"

static const char *const methods[] = {
	"GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE",
	"MKCOL", "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE",
	"NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT",
	"CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT",
	"MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL",
	"BASELINE-CONTROL", NULL,
};

void np_http_print(np_ctx *c, const uint8_t *bp, unsigned length, const uint8_t *ip, int frag)
{
	(void)ip, (void)frag;
	np_puts(c, ": ");
	np_set_proto(c, "http");
	np_txtproto_print(c, bp, length, "HTTP", methods, 1);
}
