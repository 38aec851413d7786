/* Bounded test traffic for the live-capture suites: UDP datagrams (paced or flooding), a TCP
 * transfer and its sink, ICMP echo requests, and hand-made Ethernet frames (802.1Q tagged ones
 * among them: the test kernel has no VLAN module) written on a packet socket.
 *
 * Every mode stops after its count or its time limit, whichever comes first, and refuses
 * destinations outside the private ranges, so a mistake cannot send traffic off the machine.
 *
 *   live_traffic udp DST PORT COUNT [PAYLOAD [PPS [SECONDS]]]   (PPS 0 = as fast as possible)
 *   live_traffic tcp-sink PORT SECONDS           accepts one connection, reads it to the end
 *   live_traffic tcp-send DST PORT BYTES [SECONDS]
 *   live_traffic icmp DST COUNT
 *   live_traffic frames IFACE KIND COUNT        KIND: vlan-udp, vlan-arp, arp, qinq-udp */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netpacket/packet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "live_traffic: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Only 10/8, 172.16/12, 192.168/16 and 127/8. */
static struct in_addr private_addr(const char *s)
{
	struct in_addr a;
	if (inet_pton(AF_INET, s, &a) != 1) {
		fprintf(stderr, "live_traffic: bad address %s\n", s);
		exit(2);
	}
	uint32_t h = ntohl(a.s_addr);
	if ((h >> 24) != 10 && (h >> 24) != 127 && (h >> 20) != 0xac1 && (h >> 16) != 0xc0a8) {
		fprintf(stderr, "live_traffic: %s is not a private address\n", s);
		exit(2);
	}
	return a;
}

static int udp(int argc, char **argv)
{
	if (argc < 4)
		return 2;
	struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[2])),
				 .sin_addr = private_addr(argv[1])};
	long count = atol(argv[3]);
	size_t payload = argc > 4 ? (size_t)atol(argv[4]) : 32;
	double pps = argc > 5 ? atof(argv[5]) : 0;
	double limit = argc > 6 ? atof(argv[6]) : 10;
	char buf[65536];
	if (payload > sizeof(buf))
		payload = sizeof(buf);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	double t0 = now();
	long sent = 0;
	for (long i = 0; i < count; i++) {
		if (pps > 0) {
			double due = t0 + (double)i / pps;
			while (now() < due)
				;
		}
		if (now() - t0 > limit)
			break;
		memset(buf, (int)(i & 0xff), payload);
		memcpy(buf, &i, payload < sizeof(i) ? payload : sizeof(i));
		if (sendto(fd, buf, payload, 0, (struct sockaddr *)&to, sizeof(to)) >= 0)
			sent++;
	}
	double t = now() - t0;
	printf("sent=%ld seconds=%.3f pps=%.0f\n", sent, t, t > 0 ? (double)sent / t : 0);
	close(fd);
	return 0;
}

static int tcp_sink(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1]))};
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(fd, 1) != 0)
		die("bind/listen");
	struct timeval tv = {atoi(argv[2]), 0};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	int c = accept(fd, NULL, NULL);
	if (c < 0)
		die("accept");
	setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	char buf[65536];
	long total = 0;
	ssize_t n;
	while ((n = read(c, buf, sizeof(buf))) > 0)
		total += n;
	printf("received=%ld\n", total);
	close(c);
	close(fd);
	return 0;
}

static int tcp_send(int argc, char **argv)
{
	if (argc < 4)
		return 2;
	struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[2])),
				 .sin_addr = private_addr(argv[1])};
	long bytes = atol(argv[3]);
	double limit = argc > 4 ? atof(argv[4]) : 10;
	int fd = -1;
	double t0 = now();
	/* The sink may still be starting: retry the connection for a while. */
	while (now() - t0 < 3) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(fd, (struct sockaddr *)&to, sizeof(to)) == 0)
			break;
		close(fd);
		fd = -1;
		usleep(20000);
	}
	if (fd < 0)
		die("connect");
	char buf[16384];
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (char)('a' + i % 26);
	long sent = 0;
	while (sent < bytes && now() - t0 < limit) {
		size_t n = (size_t)(bytes - sent) < sizeof(buf) ? (size_t)(bytes - sent) : sizeof(buf);
		ssize_t w = write(fd, buf, n);
		if (w <= 0)
			die("write");
		sent += w;
	}
	shutdown(fd, SHUT_WR);
	char tmp[256];
	while (read(fd, tmp, sizeof(tmp)) > 0)
		;
	close(fd);
	printf("sent=%ld\n", sent);
	return 0;
}

static uint16_t checksum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t sum = 0;
	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

static int icmp(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	struct sockaddr_in to = {.sin_family = AF_INET, .sin_addr = private_addr(argv[1])};
	long count = atol(argv[2]);
	int fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	if (fd < 0)
		die("raw socket");
	struct timeval tv = {0, 300000};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	long replies = 0;
	for (long i = 0; i < count; i++) {
		uint8_t pkt[64] = {8, 0, 0, 0, 0x12, 0x34, 0, (uint8_t)i};
		for (size_t j = 8; j < sizeof(pkt); j++)
			pkt[j] = (uint8_t)j;
		uint16_t ck = checksum(pkt, sizeof(pkt));
		memcpy(pkt + 2, &ck, 2);
		if (sendto(fd, pkt, sizeof(pkt), 0, (struct sockaddr *)&to, sizeof(to)) < 0)
			die("sendto");
		uint8_t in[1500];
		if (recv(fd, in, sizeof(in), 0) > 0)
			replies++;
	}
	printf("replies=%ld\n", replies);
	close(fd);
	return 0;
}

/* An IPv4/UDP packet from 10.77.9.1 to 10.77.9.2, port 7777, into p; returns its length. */
static size_t ipv4_udp(uint8_t *p, long seq)
{
	uint8_t ip[20] = {0x45, 0, 0, 20 + 8 + 16, 0, (uint8_t)seq, 0, 0, 64, 17, 0, 0,
			  10, 77, 9, 1, 10, 77, 9, 2};
	uint16_t ck = checksum(ip, 20);
	memcpy(ip + 10, &ck, 2);
	memcpy(p, ip, 20);
	uint8_t udph[8] = {0x1e, 0x61, 0x1e, 0x61, 0, 24, 0, 0};
	memcpy(p + 20, udph, 8);
	memset(p + 28, (int)seq, 16);
	return 44;
}

static size_t arp_body(uint8_t *p, const uint8_t *mac, long seq)
{
	uint8_t a[28] = {0, 1, 8, 0, 6, 4, 0, 1};
	memcpy(a + 8, mac, 6);
	uint8_t spa[4] = {10, 77, 9, (uint8_t)(10 + seq % 100)};
	memcpy(a + 14, spa, 4);
	memcpy(a + 24, spa, 4);
	memcpy(p, a, 28);
	return 28;
}

static int frames(int argc, char **argv)
{
	if (argc < 4)
		return 2;
	const char *kind = argv[2];
	long count = atol(argv[3]);
	int fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0)
		die("packet socket");
	struct ifreq ifr;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", argv[1]);
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) != 0)
		die("SIOCGIFHWADDR");
	uint8_t mac[6];
	memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	struct sockaddr_ll ll = {.sll_family = AF_PACKET, .sll_ifindex = (int)if_nametoindex(argv[1]),
				 .sll_halen = 6};
	memset(ll.sll_addr, 0xff, 6);
	for (long i = 0; i < count; i++) {
		uint8_t f[128];
		memset(f, 0xff, 6);
		memcpy(f + 6, mac, 6);
		size_t n = 12;
		if (strcmp(kind, "qinq-udp") == 0) {
			uint8_t outer[4] = {0x88, 0xa8, 0x00, 0x0a};
			memcpy(f + n, outer, 4);
			n += 4;
		}
		if (strncmp(kind, "vlan", 4) == 0 || strcmp(kind, "qinq-udp") == 0) {
			uint8_t tag[4] = {0x81, 0x00, 0x00, 0x64}; /* VID 100 */
			memcpy(f + n, tag, 4);
			n += 4;
		}
		int is_arp = strstr(kind, "arp") != NULL;
		f[n++] = 0x08;
		f[n++] = is_arp ? 0x06 : 0x00;
		n += is_arp ? arp_body(f + n, mac, i) : ipv4_udp(f + n, i);
		while (n < 60)
			f[n++] = 0;
		if (sendto(fd, f, n, 0, (struct sockaddr *)&ll, sizeof(ll)) < 0)
			die("sendto");
		usleep(2000);
	}
	close(fd);
	printf("frames=%ld\n", count);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct { const char *name; int (*fn)(int, char **); } modes[] = {
		{"udp", udp}, {"tcp-sink", tcp_sink}, {"tcp-send", tcp_send}, {"icmp", icmp},
		{"frames", frames},
	};
	if (argc >= 2)
		for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
			if (strcmp(argv[1], modes[i].name) == 0) {
				int rc = modes[i].fn(argc - 1, argv + 1);
				if (rc == 2)
					fprintf(stderr, "live_traffic %s: missing arguments\n", argv[1]);
				return rc;
			}
	fprintf(stderr, "usage: live_traffic udp|tcp-sink|tcp-send|icmp|frames ...\n");
	return 2;
}
