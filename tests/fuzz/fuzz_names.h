/* Host-name look-ups for the compiler fuzz target, without the network.
 *
 * Random expressions are full of host names (`host qzx`); the real getaddrinfo would send each
 * one to DNS, which is slow and sends traffic off the machine. This file is included by exactly
 * one target, whose executable's definitions take precedence over the C library's: `localhost`
 * and `twohosts` resolve (to addresses of both families, so the paths for several addresses
 * run), every other name is unknown. freeaddrinfo is replaced with the matching release. */
#ifndef NETSIFT_TESTS_FUZZ_FUZZ_NAMES_H
#define NETSIFT_TESTS_FUZZ_FUZZ_NAMES_H

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
		struct addrinfo **res);
void freeaddrinfo(struct addrinfo *ai);

static struct addrinfo *fuzz_ai(int family, const char *text, struct addrinfo *next)
{
	struct addrinfo *ai = calloc(1, sizeof(*ai) + sizeof(struct sockaddr_in6));
	if (!ai)
		abort();
	ai->ai_family = family;
	ai->ai_socktype = SOCK_STREAM;
	ai->ai_protocol = IPPROTO_TCP;
	ai->ai_addr = (struct sockaddr *)(ai + 1);
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ai->ai_addr;
		sin->sin_family = AF_INET;
		inet_pton(AF_INET, text, &sin->sin_addr);
		ai->ai_addrlen = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ai->ai_addr;
		sin6->sin6_family = AF_INET6;
		inet_pton(AF_INET6, text, &sin6->sin6_addr);
		ai->ai_addrlen = sizeof(*sin6);
	}
	ai->ai_next = next;
	return ai;
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
		struct addrinfo **res)
{
	(void)service;
	int family = hints ? hints->ai_family : AF_UNSPEC;
	struct addrinfo *list = NULL;
	*res = NULL;
	if (!node)
		return EAI_NONAME;
	if (!strcmp(node, "localhost")) {
		if (family != AF_INET)
			list = fuzz_ai(AF_INET6, "::1", list);
		if (family != AF_INET6)
			list = fuzz_ai(AF_INET, "127.0.0.1", list);
	} else if (!strcmp(node, "twohosts")) {
		if (family != AF_INET)
			list = fuzz_ai(AF_INET6, "2001:db8::2", list);
		if (family != AF_INET6) {
			list = fuzz_ai(AF_INET, "192.0.2.2", list);
			list = fuzz_ai(AF_INET, "192.0.2.1", list);
		}
	}
	if (!list)
		return EAI_NONAME;
	*res = list;
	return 0;
}

void freeaddrinfo(struct addrinfo *ai)
{
	while (ai) {
		struct addrinfo *next = ai->ai_next;
		free(ai);
		ai = next;
	}
}

#endif
