/* net-calls.c -- makes every socket syscall the tracer decodes, in the variants worth checking
 * (success and failure, NULL and bad pointers, flag sets, short reads, long buffers for -s), so that
 * strace and bin/tracer can be run on it side by side. Everything happens over loopback, in one thread,
 * in a fixed order, so two runs make the same calls.
 *
 * usage: test-net-calls [SECTION...]   sections: socket sockopt inet inet6 unix udp msg mmsg other
 *        test-net-calls varying        calls whose output differs from run to run (pids, names, times)
 *        test-net-calls netlink        route messages (the replies hold the pid as the socket's port id)
 *        test-net-calls block          a thread blocks in accept4/recvfrom/recvmsg while main works
 * With no argument every section runs except "varying", "netlink" and "block". Exits 0 when every call behaved as expected
 * (an expected failure is one too), 1 otherwise, naming the call that surprised it on stderr. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_alg.h>
#include <linux/if_packet.h>
#include <linux/vm_sockets.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

/* The loopback interface is the first one of every network namespace. */
#define LO_INDEX 1

/* Calls given a bad pointer on purpose go straight to the kernel: a sanitizer build's interceptors
 * would otherwise touch the pointer first and crash the program, where the kernel answers EFAULT. */
#define RAW(name, ...) syscall(SYS_##name, __VA_ARGS__)

static int failures;
/* An address that is never mapped: calls given it fail with EFAULT and the tracer prints the address. */
static void *bad_ptr;

/* ok(rc, what): the call must have succeeded. Returns rc so fds can be kept. */
static long ok(long rc, const char *what)
{
	if (rc < 0) {
		fprintf(stderr, "net-calls: %s: unexpected failure: %s\n", what, strerror(errno));
		failures++;
	}
	return rc;
}

/* fails(rc, err, what): the call must have failed with err. */
static void fails(long rc, int err, const char *what)
{
	if (rc != -1 || errno != err) {
		fprintf(stderr, "net-calls: %s: expected %s, got rc=%ld (%s)\n", what, strerror(err), rc,
			rc < 0 ? strerror(errno) : "success");
		failures++;
	}
}

static void close_fd(int fd)
{
	if (fd >= 0 && close(fd) != 0)
		ok(-1, "close");
}

static struct sockaddr_in sin4(const char *ip, uint16_t port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	if (inet_pton(AF_INET, ip, &sa.sin_addr) != 1)
		ok(-1, "inet_pton");
	return sa;
}

static struct sockaddr_in6 sin6(const char *ip, uint16_t port)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6, .sin6_port = htons(port) };
	if (inet_pton(AF_INET6, ip, &sa.sin6_addr) != 1)
		ok(-1, "inet_pton6");
	return sa;
}

/* A TCP listener on 127.0.0.1, ephemeral port; *sa receives its address. */
static int listener4(struct sockaddr_in *sa)
{
	int fd = ok(socket(AF_INET, SOCK_STREAM, 0), "socket listener");
	*sa = sin4("127.0.0.1", 0);
	ok(bind(fd, (struct sockaddr *)sa, sizeof *sa), "bind listener");
	socklen_t len = sizeof *sa;
	ok(getsockname(fd, (struct sockaddr *)sa, &len), "getsockname listener");
	ok(listen(fd, 16), "listen listener");
	return fd;
}

static void sec_socket(void)
{
	int fd;
	fd = ok(socket(AF_INET, SOCK_STREAM, 0), "socket inet stream");
	close_fd(fd);
	fd = ok(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP), "socket tcp nb cloexec");
	close_fd(fd);
	fd = ok(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP), "socket udp");
	close_fd(fd);
	fd = ok(socket(AF_INET6, SOCK_STREAM, 0), "socket inet6");
	close_fd(fd);
	fd = ok(socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP), "socket inet6 udp");
	close_fd(fd);
	fd = ok(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP), "socket raw icmp");
	close_fd(fd);
	fd = ok(socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6), "socket raw icmpv6");
	close_fd(fd);
	fd = ok(socket(AF_UNIX, SOCK_STREAM, 0), "socket unix stream");
	close_fd(fd);
	fd = ok(socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0), "socket unix dgram");
	close_fd(fd);
	fd = ok(socket(AF_UNIX, SOCK_SEQPACKET, 0), "socket unix seqpacket");
	close_fd(fd);
	fd = ok(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE), "socket netlink route");
	close_fd(fd);
	fd = ok(socket(AF_NETLINK, SOCK_DGRAM, NETLINK_SOCK_DIAG), "socket netlink diag");
	close_fd(fd);
	fd = ok(socket(AF_NETLINK, SOCK_RAW, NETLINK_KOBJECT_UEVENT), "socket netlink uevent");
	close_fd(fd);
	fd = ok(socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)), "socket packet raw");
	close_fd(fd);
	fd = ok(socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP)), "socket packet dgram");
	close_fd(fd);
	/* failures: an unknown family, an unknown type, a protocol that does not fit */
	fails(socket(12345, SOCK_STREAM, 0), EAFNOSUPPORT, "socket bad family");
	fails(socket(AF_INET, 0x1f, 0), EINVAL, "socket bad type");
	fails(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP), EPROTONOSUPPORT, "socket bad protocol");
	fails(socket(AF_INET, SOCK_STREAM, 200), EPROTONOSUPPORT, "socket unknown protocol");
	fails(socket(AF_UNIX, SOCK_STREAM, 5), EPROTONOSUPPORT, "socket unix protocol");

	int sv[2];
	ok(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), "socketpair");
	close_fd(sv[0]);
	close_fd(sv[1]);
	ok(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), "socketpair dgram");
	close_fd(sv[0]);
	close_fd(sv[1]);
	fails(socketpair(AF_INET, SOCK_STREAM, 0, sv), EOPNOTSUPP, "socketpair inet");
	fails(RAW(socketpair, AF_UNIX, SOCK_STREAM, 0, bad_ptr), EFAULT, "socketpair bad pointer");
}

static void sec_sockopt(void)
{
	int fd = ok(socket(AF_INET, SOCK_STREAM, 0), "socket");
	int one = 1, zero = 0, val = 0;
	socklen_t len;

	ok(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), "SO_REUSEADDR");
	ok(setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one), "SO_REUSEPORT");
	ok(setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one), "SO_KEEPALIVE");
	int bufsz = 65536;
	ok(setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufsz, sizeof bufsz), "SO_RCVBUF");
	ok(setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bufsz, sizeof bufsz), "SO_SNDBUF");
	struct linger lg = { .l_onoff = 1, .l_linger = 5 };
	ok(setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg), "SO_LINGER");
	struct timeval tv = { .tv_sec = 2, .tv_usec = 500000 };
	ok(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv), "SO_RCVTIMEO");
	ok(setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv), "SO_SNDTIMEO");
	ok(setsockopt(fd, SOL_SOCKET, SO_PRIORITY, &one, sizeof one), "SO_PRIORITY");
	ok(setsockopt(fd, SOL_SOCKET, SO_OOBINLINE, &zero, sizeof zero), "SO_OOBINLINE");
	ok(setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof one), "SO_BROADCAST");
	ok(setsockopt(fd, SOL_SOCKET, SO_MARK, &one, sizeof one), "SO_MARK");
	ok(setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3), "SO_BINDTODEVICE");
	ok(setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "", 0), "SO_BINDTODEVICE none");
	ok(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one), "TCP_NODELAY");
	int idle = 60, intvl = 10, cnt = 5;
	ok(setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle), "TCP_KEEPIDLE");
	ok(setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl), "TCP_KEEPINTVL");
	ok(setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof cnt), "TCP_KEEPCNT");
	ok(setsockopt(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT, &cnt, sizeof cnt), "TCP_DEFER_ACCEPT");
	ok(setsockopt(fd, IPPROTO_TCP, TCP_FASTOPEN, &cnt, sizeof cnt), "TCP_FASTOPEN");
	ok(setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one), "TCP_QUICKACK");
	ok(setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &idle, sizeof idle), "TCP_USER_TIMEOUT");
	ok(setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, "cubic", 5), "TCP_CONGESTION");
	int tos = IPTOS_LOWDELAY, ttl = 64;
	ok(setsockopt(fd, IPPROTO_IP, IP_TOS, &tos, sizeof tos), "IP_TOS");
	ok(setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof ttl), "IP_TTL");
	ok(setsockopt(fd, IPPROTO_IP, IP_RECVERR, &one, sizeof one), "IP_RECVERR");
	ok(setsockopt(fd, IPPROTO_IP, IP_FREEBIND, &one, sizeof one), "IP_FREEBIND");
	/* failures: a bad pointer, a short option, an unknown level and option, a bad fd */
	fails(RAW(setsockopt, fd, SOL_SOCKET, SO_REUSEADDR, bad_ptr, sizeof one), EFAULT, "setsockopt bad pointer");
	fails(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, 2), EINVAL, "setsockopt short");
	fails(setsockopt(fd, 999, 1, &one, sizeof one), ENOPROTOOPT, "setsockopt unknown level");
	fails(setsockopt(fd, SOL_SOCKET, 4242, &one, sizeof one), ENOPROTOOPT, "setsockopt unknown option");
	fails(setsockopt(fd, IPPROTO_TCP, 4242, &one, sizeof one), ENOPROTOOPT, "setsockopt unknown tcp option");
	fails(setsockopt(-1, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one), EBADF, "setsockopt bad fd");
	fails(setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, 4), EINVAL, "setsockopt short linger");
	fails(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, NULL, 0), EINVAL, "setsockopt NULL 0");

	len = sizeof val;
	ok(getsockopt(fd, SOL_SOCKET, SO_ERROR, &val, &len), "SO_ERROR");
	len = sizeof val;
	ok(getsockopt(fd, SOL_SOCKET, SO_TYPE, &val, &len), "SO_TYPE");
	len = sizeof val;
	ok(getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &val, &len), "SO_DOMAIN");
	len = sizeof val;
	ok(getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &val, &len), "SO_PROTOCOL");
	len = sizeof val;
	ok(getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &val, &len), "SO_ACCEPTCONN");
	len = sizeof val;
	ok(getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &val, &len), "get SO_RCVBUF");
	len = sizeof val;
	ok(getsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &val, &len), "get SO_REUSEADDR");
	len = sizeof lg;
	ok(getsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, &len), "get SO_LINGER");
	len = sizeof tv;
	ok(getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, &len), "get SO_RCVTIMEO");
	len = sizeof val;
	ok(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &val, &len), "get TCP_NODELAY");
	len = sizeof val;
	ok(getsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &val, &len), "get TCP_KEEPIDLE");
	len = sizeof val;
	ok(getsockopt(fd, IPPROTO_IP, IP_TTL, &val, &len), "get IP_TTL");
	char cc[16] = "";
	len = sizeof cc;
	ok(getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, cc, &len), "get TCP_CONGESTION");
	/* a long optlen that the kernel shortens: [8 => 4] */
	long big = 0;
	len = sizeof big;
	ok(getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &big, &len), "get SO_KEEPALIVE long");
	/* a short one: the kernel writes fewer bytes */
	len = 1;
	ok(getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &val, &len), "get SO_KEEPALIVE short");
	len = sizeof val;
	fails(RAW(getsockopt, fd, SOL_SOCKET, SO_ERROR, bad_ptr, &len), EFAULT, "getsockopt bad optval");
	fails(RAW(getsockopt, fd, SOL_SOCKET, SO_ERROR, &val, bad_ptr), EFAULT, "getsockopt bad optlen");
	len = sizeof val;
	fails(getsockopt(-1, SOL_SOCKET, SO_ERROR, &val, &len), EBADF, "getsockopt bad fd");
	len = sizeof val;
	fails(getsockopt(fd, SOL_SOCKET, 4242, &val, &len), ENOPROTOOPT, "getsockopt unknown");
	close_fd(fd);

	int fd6 = ok(socket(AF_INET6, SOCK_STREAM, 0), "socket6");
	ok(setsockopt(fd6, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one), "IPV6_V6ONLY");
	int hops = 32;
	ok(setsockopt(fd6, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hops, sizeof hops), "IPV6_UNICAST_HOPS");
	ok(setsockopt(fd6, IPPROTO_IPV6, IPV6_RECVPKTINFO, &one, sizeof one), "IPV6_RECVPKTINFO");
	len = sizeof val;
	ok(getsockopt(fd6, IPPROTO_IPV6, IPV6_V6ONLY, &val, &len), "get IPV6_V6ONLY");
	close_fd(fd6);

	int ufd2 = ok(socket(AF_INET, SOCK_DGRAM, 0), "socket udp mcast");
	unsigned char loop = 1;
	ok(setsockopt(ufd2, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop), "IP_MULTICAST_LOOP");
	ok(setsockopt(ufd2, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof ttl), "IP_MULTICAST_TTL");
	close_fd(ufd2);
}

static void sec_inet(void)
{
	struct sockaddr_in la, sa;
	struct sockaddr_storage ss;
	socklen_t len;
	int lfd = listener4(&la);

	/* a second bind on the same port fails */
	int busy = ok(socket(AF_INET, SOCK_STREAM, 0), "socket busy");
	fails(bind(busy, (struct sockaddr *)&la, sizeof la), EADDRINUSE, "bind busy");
	sa = sin4("0.0.0.0", 0);
	fails(bind(busy, (struct sockaddr *)&sa, 8), EINVAL, "bind short");
	fails(RAW(bind, busy, bad_ptr, sizeof sa), EFAULT, "bind bad pointer");
	fails(bind(busy, NULL, 0), EINVAL, "bind NULL");
	sa = sin4("192.0.2.1", 8080); /* TEST-NET-1: never a local address */
	fails(bind(busy, (struct sockaddr *)&sa, sizeof sa), EADDRNOTAVAIL, "bind foreign");
	fails(listen(-1, 5), EBADF, "listen bad fd");
	close_fd(busy);

	int c1 = ok(socket(AF_INET, SOCK_STREAM, 0), "socket c1");
	ok(connect(c1, (struct sockaddr *)&la, sizeof la), "connect c1");
	int c2 = ok(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket c2");
	ok(connect(c2, (struct sockaddr *)&la, sizeof la), "connect c2");
	int c3 = ok(socket(AF_INET, SOCK_STREAM, 0), "socket c3");
	ok(connect(c3, (struct sockaddr *)&la, sizeof la), "connect c3");
	int c4 = ok(socket(AF_INET, SOCK_STREAM, 0), "socket c4");
	ok(connect(c4, (struct sockaddr *)&la, sizeof la), "connect c4");

	int a1 = ok(accept(lfd, NULL, NULL), "accept NULL");
	len = sizeof sa;
	int a2 = ok(accept(lfd, (struct sockaddr *)&sa, &len), "accept sin");
	len = sizeof ss;
	int a3 = ok(accept4(lfd, (struct sockaddr *)&ss, &len, SOCK_CLOEXEC), "accept4 storage");
	len = sizeof ss;
	int a4 = ok(accept4(lfd, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK | SOCK_CLOEXEC), "accept4 nb");
	int fl = ok(fcntl(lfd, F_GETFL), "F_GETFL");
	ok(fcntl(lfd, F_SETFL, fl | O_NONBLOCK), "F_SETFL");
	len = sizeof ss;
	fails(accept4(lfd, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK), EAGAIN, "accept4 EAGAIN");
	fails(accept4(lfd, NULL, NULL, 0), EAGAIN, "accept4 EAGAIN NULL");
	fails(accept4(lfd, NULL, NULL, 0x4242), EINVAL, "accept4 bad flags");
	len = sizeof ss;
	fails(accept(-1, (struct sockaddr *)&ss, &len), EBADF, "accept bad fd");

	len = sizeof sa;
	ok(getsockname(c1, (struct sockaddr *)&sa, &len), "getsockname sin");
	len = sizeof ss;
	ok(getsockname(c1, (struct sockaddr *)&ss, &len), "getsockname storage");
	len = sizeof ss;
	ok(getpeername(a1, (struct sockaddr *)&ss, &len), "getpeername");
	/* a buffer too short for the address: the kernel says how long it was (port 9 of a connected UDP
	 * socket, so the bytes shown are the same in every run; a UDP connect sends nothing) */
	int u9 = ok(socket(AF_INET, SOCK_DGRAM, 0), "socket u9");
	sa = sin4("127.0.0.1", 9);
	ok(connect(u9, (struct sockaddr *)&sa, sizeof sa), "connect u9");
	len = 4;
	ok(getpeername(u9, (struct sockaddr *)&ss, &len), "getpeername short");
	close_fd(u9);
	len = sizeof ss;
	fails(getpeername(lfd, (struct sockaddr *)&ss, &len), ENOTCONN, "getpeername ENOTCONN");
	fails(RAW(getsockname, lfd, (struct sockaddr *)&ss, bad_ptr), EFAULT, "getsockname bad len");
	len = sizeof ss;
	fails(RAW(getsockname, lfd, bad_ptr, &len), EFAULT, "getsockname bad addr");

	/* data over TCP: send/recv (sendto/recvfrom without address), with flags */
	static const char hello[] = "hello, world";
	char buf[256];
	ok(send(c1, hello, strlen(hello), 0), "send");
	ok(recv(a1, buf, sizeof buf, 0), "recv");
	static const char longmsg[] = "GET /a/rather/long/path/that/goes/past/thirty-two/bytes HTTP/1.1\r\n"
				      "Host: localhost\r\n\r\n";
	ok(send(c1, longmsg, strlen(longmsg), MSG_NOSIGNAL), "send long");
	ok(recv(a1, buf, 10, MSG_PEEK), "recv peek");
	ok(recv(a1, buf, sizeof buf, MSG_DONTWAIT), "recv dontwait");
	static const unsigned char bin[] = { 0, 1, 2, 0x7f, 0x80, 0xff, 'a', 'b', '\t', '\n', '"', '\\', 0 };
	ok(sendto(c1, bin, sizeof bin, MSG_DONTWAIT | MSG_NOSIGNAL | MSG_MORE, NULL, 0), "sendto bin");
	ok(send(c1, "", 0, 0), "send empty");
	ok(send(c1, "xyz", 3, 0), "send xyz");
	struct pollfd pfd = { .fd = a1, .events = POLLIN };
	ok(poll(&pfd, 1, 1000), "poll");
	/* a partial read: 8 bytes of the available data */
	ok(recvfrom(a1, buf, 8, 0, NULL, NULL), "recvfrom partial");
	len = sizeof ss;
	ok(recvfrom(a1, buf, sizeof buf, 0, (struct sockaddr *)&ss, &len), "recvfrom addr tcp");
	fails(recv(a1, buf, sizeof buf, MSG_DONTWAIT), EAGAIN, "recv EAGAIN");
	fails(recvfrom(a1, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&ss, &len), EAGAIN, "recvfrom EAGAIN");
	fails(RAW(sendto, c1, bad_ptr, 10, 0, NULL, 0), EFAULT, "send bad pointer");
	fails(recv(-1, buf, sizeof buf, 0), EBADF, "recv bad fd");
	ok(send(c2, "x", 1, MSG_OOB), "send oob");

	ok(shutdown(c1, SHUT_WR), "shutdown WR");
	ok(recv(a1, buf, sizeof buf, 0), "recv eof");
	ok(shutdown(c2, SHUT_RD), "shutdown RD");
	ok(shutdown(c3, SHUT_RDWR), "shutdown RDWR");
	fails(shutdown(c4, 7), EINVAL, "shutdown bad how");
	int unconnected = ok(socket(AF_INET, SOCK_STREAM, 0), "socket unconnected");
	fails(shutdown(unconnected, SHUT_RDWR), ENOTCONN, "shutdown ENOTCONN");
	close_fd(unconnected);

	/* a refused connection: a port nobody listens on (the listener's, after it is closed) */
	close_fd(lfd);
	int c5 = ok(socket(AF_INET, SOCK_STREAM, 0), "socket c5");
	fails(connect(c5, (struct sockaddr *)&la, sizeof la), ECONNREFUSED, "connect refused");
	fails(RAW(connect, c5, bad_ptr, sizeof la), EFAULT, "connect bad pointer");
	close_fd(c5);
	/* a non-blocking connect */
	lfd = listener4(&la);
	int c6 = ok(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), "socket c6");
	long rc = connect(c6, (struct sockaddr *)&la, sizeof la);
	if (rc != 0 && errno != EINPROGRESS)
		ok(-1, "connect nonblocking");
	int err = -1;
	len = sizeof err;
	ok(getsockopt(c6, SOL_SOCKET, SO_ERROR, &err, &len), "getsockopt SO_ERROR");
	close_fd(c6);

	close_fd(a1);
	close_fd(a2);
	close_fd(a3);
	close_fd(a4);
	close_fd(c1);
	close_fd(c2);
	close_fd(c3);
	close_fd(c4);
	close_fd(lfd);
}

static void sec_inet6(void)
{
	struct sockaddr_in6 la = sin6("::1", 0), sa;
	struct sockaddr_storage ss;
	socklen_t len;
	int lfd = ok(socket(AF_INET6, SOCK_STREAM, 0), "socket6");
	int one = 1;
	ok(setsockopt(lfd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one), "v6only");
	ok(bind(lfd, (struct sockaddr *)&la, sizeof la), "bind6");
	len = sizeof la;
	ok(getsockname(lfd, (struct sockaddr *)&la, &len), "getsockname6");
	ok(listen(lfd, SOMAXCONN), "listen6");
	int c = ok(socket(AF_INET6, SOCK_STREAM, 0), "socket6 c");
	ok(connect(c, (struct sockaddr *)&la, sizeof la), "connect6");
	len = sizeof ss;
	int a = ok(accept4(lfd, (struct sockaddr *)&ss, &len, 0), "accept6");
	len = sizeof sa;
	ok(getpeername(c, (struct sockaddr *)&sa, &len), "getpeername6");
	ok(send(c, "six", 3, 0), "send6");
	char buf[16];
	ok(recv(a, buf, sizeof buf, 0), "recv6");

	/* addresses that print differently: any, v4-mapped, a flow label, a scope id */
	int u = ok(socket(AF_INET6, SOCK_DGRAM, 0), "socket6 udp");
	sa = sin6("::", 0);
	ok(bind(u, (struct sockaddr *)&sa, sizeof sa), "bind6 any");
	sa = sin6("::ffff:127.0.0.1", 9);
	ok(connect(u, (struct sockaddr *)&sa, sizeof sa), "connect6 mapped");
	sa = sin6("fe80::1", 9);
	sa.sin6_scope_id = LO_INDEX;
	sa.sin6_flowinfo = htonl(0x12345);
	int u2 = ok(socket(AF_INET6, SOCK_DGRAM, 0), "socket6 udp 2");
	fails(bind(u2, (struct sockaddr *)&sa, sizeof sa), EADDRNOTAVAIL, "bind6 link-local");
	close_fd(u2);
	/* the RFC 2133 length: 24 bytes, no sin6_scope_id */
	sa = sin6("::1", 53);
	sa.sin6_scope_id = 99;
	u2 = ok(socket(AF_INET6, SOCK_DGRAM, 0), "socket6 udp 3");
	ok(connect(u2, (struct sockaddr *)&sa, 24), "connect6 short");
	close_fd(u2);
	sa = sin6("::1", 9);
	fails(bind(u, (struct sockaddr *)&sa, sizeof sa), EINVAL, "bind6 again");
	close_fd(u);

	close_fd(a);
	close_fd(c);
	close_fd(lfd);
}

static void sec_unix(void)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/net-calls-%d.sock", (int)getpid() % 1);
	unlink(path);
	struct sockaddr_un su = { .sun_family = AF_UNIX };
	strcpy(su.sun_path, path);
	socklen_t len;
	int lfd = ok(socket(AF_UNIX, SOCK_STREAM, 0), "socket unix");
	ok(bind(lfd, (struct sockaddr *)&su, sizeof su), "bind unix");
	ok(listen(lfd, 4), "listen unix");
	int c = ok(socket(AF_UNIX, SOCK_STREAM, 0), "socket unix c");
	socklen_t sulen = offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
	ok(connect(c, (struct sockaddr *)&su, sulen), "connect unix");
	struct sockaddr_un peer;
	len = sizeof peer;
	int a = ok(accept4(lfd, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC), "accept unix unnamed");
	len = sizeof peer;
	ok(getsockname(a, (struct sockaddr *)&peer, &len), "getsockname unix");
	len = sizeof peer;
	ok(getpeername(a, (struct sockaddr *)&peer, &len), "getpeername unix unnamed");
	/* a path without a NUL inside its length */
	int c2 = ok(socket(AF_UNIX, SOCK_STREAM, 0), "socket unix c2");
	ok(connect(c2, (struct sockaddr *)&su, offsetof(struct sockaddr_un, sun_path) + strlen(path)), "connect unix no nul");
	int a2 = ok(accept(lfd, NULL, NULL), "accept unix 2");
	fails(bind(c2, (struct sockaddr *)&su, sizeof su), EADDRINUSE, "bind unix again");
	close_fd(a2);
	close_fd(c2);
	unlink(path);

	/* abstract names: every byte of the length counts */
	int d = ok(socket(AF_UNIX, SOCK_DGRAM, 0), "socket abstract");
	struct sockaddr_un ab = { .sun_family = AF_UNIX };
	memcpy(ab.sun_path, "\0net-calls-abstract", 19);
	ok(bind(d, (struct sockaddr *)&ab, offsetof(struct sockaddr_un, sun_path) + 19), "bind abstract");
	len = sizeof peer;
	ok(getsockname(d, (struct sockaddr *)&peer, &len), "getsockname abstract");
	/* an unbound sender: the autobind of a bare family is in the varying section (its name is random) */
	int d2 = ok(socket(AF_UNIX, SOCK_DGRAM, 0), "socket unbound");
	ok(sendto(d2, "to abstract", 11, 0, (struct sockaddr *)&ab, offsetof(struct sockaddr_un, sun_path) + 19), "sendto abstract");
	char buf[64];
	ok(recvfrom(d, buf, sizeof buf, 0, NULL, NULL), "recvfrom abstract");
	struct sockaddr_un odd = { .sun_family = AF_UNIX };
	memcpy(odd.sun_path, "\0a\"b\\c\n\x01", 9);
	fails(connect(d2, (struct sockaddr *)&odd, offsetof(struct sockaddr_un, sun_path) + 9), ECONNREFUSED, "connect odd abstract");
	strcpy(odd.sun_path, "/nonexistent/dir/sock");
	fails(connect(d2, (struct sockaddr *)&odd, sizeof odd), ENOENT, "connect missing path");
	close_fd(d);
	close_fd(d2);

	close_fd(a);
	close_fd(c);
	close_fd(lfd);
}

static void sec_udp(void)
{
	struct sockaddr_in a = sin4("127.0.0.1", 0), b, from;
	socklen_t len;
	int u1 = ok(socket(AF_INET, SOCK_DGRAM, 0), "udp1");
	int u2 = ok(socket(AF_INET, SOCK_DGRAM, 0), "udp2");
	ok(bind(u1, (struct sockaddr *)&a, sizeof a), "bind udp1");
	len = sizeof a;
	ok(getsockname(u1, (struct sockaddr *)&a, &len), "getsockname udp1");
	b = sin4("127.0.0.1", 0);
	ok(bind(u2, (struct sockaddr *)&b, sizeof b), "bind udp2");
	len = sizeof b;
	ok(getsockname(u2, (struct sockaddr *)&b, &len), "getsockname udp2");

	ok(sendto(u2, "datagram one", 12, 0, (struct sockaddr *)&a, sizeof a), "sendto udp");
	char buf[64];
	len = sizeof from;
	ok(recvfrom(u1, buf, sizeof buf, 0, (struct sockaddr *)&from, &len), "recvfrom udp");
	ok(sendto(u2, "datagram two is longer", 22, 0, (struct sockaddr *)&a, sizeof a), "sendto udp 2");
	len = sizeof from;
	ok(recvfrom(u1, buf, 8, MSG_TRUNC, (struct sockaddr *)&from, &len), "recvfrom truncated");
	ok(sendto(u2, "three", 5, 0, (struct sockaddr *)&a, sizeof a), "sendto udp 3");
	ok(recvfrom(u1, buf, sizeof buf, 0, NULL, NULL), "recvfrom NULL addr");
	ok(sendto(u2, "four", 4, 0, (struct sockaddr *)&a, sizeof a), "sendto udp 4");
	len = 0;
	ok(recvfrom(u1, buf, sizeof buf, 0, (struct sockaddr *)&from, &len), "recvfrom zero len");
	struct sockaddr_in nine = sin4("127.0.0.1", 9);
	fails(sendto(u2, "x", 1, 0, (struct sockaddr *)&nine, 3), EINVAL, "sendto short addr");
	fails(RAW(sendto, u2, "x", 1, 0, bad_ptr, sizeof a), EFAULT, "sendto bad addr");
	fails(sendto(u2, "x", 1, 0, NULL, 0), EDESTADDRREQ, "sendto no addr");
	ok(connect(u2, (struct sockaddr *)&a, sizeof a), "connect udp");
	ok(send(u2, "connected", 9, 0), "send udp");
	ok(recv(u1, buf, sizeof buf, 0), "recv udp");
	struct sockaddr unspec = { .sa_family = AF_UNSPEC };
	ok(connect(u2, &unspec, sizeof unspec), "connect AF_UNSPEC");
	len = sizeof from;
	fails(recvfrom(u1, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&from, &len), EAGAIN, "recvfrom udp EAGAIN");
	close_fd(u1);
	close_fd(u2);
}

static void sec_msg(void)
{
	int sv[2];
	ok(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), "socketpair msg");
	char a[] = "first part, ", b[] = "second part that is a bit longer";
	struct iovec iov[2] = { { a, strlen(a) }, { b, strlen(b) } };
	struct msghdr mh = { .msg_iov = iov, .msg_iovlen = 2 };
	ok(sendmsg(sv[0], &mh, 0), "sendmsg two iov");

	char r1[8], r2[64];
	struct iovec riov[2] = { { r1, sizeof r1 }, { r2, sizeof r2 } };
	struct msghdr rh = { .msg_iov = riov, .msg_iovlen = 2 };
	ok(recvmsg(sv[1], &rh, 0), "recvmsg two iov");

	/* a short receive: the second iov is only partly filled */
	ok(send(sv[0], "0123456789ab", 12, 0), "send for recvmsg");
	memset(&rh, 0, sizeof rh);
	rh.msg_iov = riov;
	rh.msg_iovlen = 2;
	ok(recvmsg(sv[1], &rh, MSG_DONTWAIT), "recvmsg short");

	/* passing an fd: SCM_RIGHTS */
	int pass = ok(open("/dev/null", O_RDONLY), "open /dev/null");
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	memset(&ctl, 0, sizeof ctl);
	struct iovec one = { "F", 1 };
	mh = (struct msghdr){ .msg_iov = &one, .msg_iovlen = 1, .msg_control = ctl.buf,
			      .msg_controllen = CMSG_SPACE(sizeof(int)) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &pass, sizeof pass);
	ok(sendmsg(sv[0], &mh, MSG_NOSIGNAL), "sendmsg SCM_RIGHTS");
	union {
		char buf[CMSG_SPACE(4 * sizeof(int))];
		struct cmsghdr align;
	} rctl;
	memset(&rctl, 0, sizeof rctl);
	rh = (struct msghdr){ .msg_iov = riov, .msg_iovlen = 1, .msg_control = rctl.buf,
			      .msg_controllen = sizeof rctl.buf };
	ok(recvmsg(sv[1], &rh, MSG_CMSG_CLOEXEC), "recvmsg SCM_RIGHTS");
	struct cmsghdr *rcm = CMSG_FIRSTHDR(&rh);
	int got = -1;
	if (rcm != NULL)
		memcpy(&got, CMSG_DATA(rcm), sizeof got);
	errno = EBADMSG; /* for ok()'s message: no fd came with the data */
	close_fd((int)ok(got, "SCM_RIGHTS fd received"));
	close_fd(pass);

	/* failures: bad msghdr, bad iov */
	fails(RAW(sendmsg, sv[0], bad_ptr, 0), EFAULT, "sendmsg bad msghdr");
	fails(recvmsg(sv[1], &rh, MSG_DONTWAIT), EAGAIN, "recvmsg EAGAIN");
	struct iovec badiov = { bad_ptr, 4 };
	mh = (struct msghdr){ .msg_iov = &badiov, .msg_iovlen = 1 };
	fails(RAW(sendmsg, sv[0], &mh, 0), EFAULT, "sendmsg bad iov");
	/* a long iov for -s */
	static char longbuf[100];
	memset(longbuf, 'z', sizeof longbuf);
	struct iovec liov = { longbuf, sizeof longbuf };
	mh = (struct msghdr){ .msg_iov = &liov, .msg_iovlen = 1 };
	ok(sendmsg(sv[0], &mh, 0), "sendmsg long");
	struct iovec lriov = { longbuf, sizeof longbuf };
	rh = (struct msghdr){ .msg_iov = &lriov, .msg_iovlen = 1 };
	ok(recvmsg(sv[1], &rh, 0), "recvmsg long");
	close_fd(sv[0]);
	close_fd(sv[1]);

	/* UDP with msg_name */
	struct sockaddr_in ua = sin4("127.0.0.1", 0), from;
	int u1 = ok(socket(AF_INET, SOCK_DGRAM, 0), "udp msg 1");
	int u2 = ok(socket(AF_INET, SOCK_DGRAM, 0), "udp msg 2");
	ok(bind(u1, (struct sockaddr *)&ua, sizeof ua), "bind udp msg");
	socklen_t len = sizeof ua;
	ok(getsockname(u1, (struct sockaddr *)&ua, &len), "getsockname udp msg");
	struct iovec uiov = { "to a name", 9 };
	mh = (struct msghdr){ .msg_name = &ua, .msg_namelen = sizeof ua, .msg_iov = &uiov, .msg_iovlen = 1 };
	ok(sendmsg(u2, &mh, 0), "sendmsg name");
	rh = (struct msghdr){ .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = riov, .msg_iovlen = 2 };
	ok(recvmsg(u1, &rh, 0), "recvmsg name");
	/* a datagram bigger than the buffer: MSG_TRUNC in msg_flags */
	struct iovec biov = { "0123456789abcdefghij", 20 };
	mh = (struct msghdr){ .msg_name = &ua, .msg_namelen = sizeof ua, .msg_iov = &biov, .msg_iovlen = 1 };
	ok(sendmsg(u2, &mh, 0), "sendmsg big");
	rh = (struct msghdr){ .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = riov, .msg_iovlen = 1 };
	ok(recvmsg(u1, &rh, 0), "recvmsg truncated");
	/* IP_PKTINFO, IP_TTL and a timestamp as control messages */
	ok(setsockopt(u1, IPPROTO_IP, IP_PKTINFO, &(int){ 1 }, sizeof(int)), "IP_PKTINFO");
	ok(setsockopt(u1, IPPROTO_IP, IP_RECVTTL, &(int){ 1 }, sizeof(int)), "IP_RECVTTL");
	ok(sendmsg(u2, &mh, 0), "sendmsg for pktinfo");
	memset(&rctl, 0, sizeof rctl);
	char bigctl[256];
	rh = (struct msghdr){ .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = riov + 1, .msg_iovlen = 1,
			      .msg_control = bigctl, .msg_controllen = sizeof bigctl };
	ok(recvmsg(u1, &rh, 0), "recvmsg pktinfo");
	close_fd(u1);
	close_fd(u2);
}

static void sec_mmsg(void)
{
	int sv[2];
	ok(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), "socketpair mmsg");
	struct iovec iov[3] = { { "one", 3 }, { "two", 3 }, { "three", 5 } };
	struct mmsghdr mm[3];
	memset(mm, 0, sizeof mm);
	for (int i = 0; i < 3; i++) {
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
	}
	ok(sendmmsg(sv[0], mm, 3, 0), "sendmmsg");
	char b[3][8];
	struct iovec riov[3] = { { b[0], 8 }, { b[1], 8 }, { b[2], 8 } };
	struct mmsghdr rm[3];
	memset(rm, 0, sizeof rm);
	for (int i = 0; i < 3; i++) {
		rm[i].msg_hdr.msg_iov = &riov[i];
		rm[i].msg_hdr.msg_iovlen = 1;
	}
	ok(recvmmsg(sv[1], rm, 3, MSG_DONTWAIT, NULL), "recvmmsg");
	ok(sendmmsg(sv[0], mm, 2, 0), "sendmmsg 2");
	ok(recvmmsg(sv[1], rm, 3, MSG_WAITFORONE, NULL), "recvmmsg waitforone");
	fails(recvmmsg(sv[1], rm, 3, MSG_DONTWAIT, NULL), EAGAIN, "recvmmsg EAGAIN");
	fails(RAW(sendmmsg, sv[0], bad_ptr, 1, 0), EFAULT, "sendmmsg bad");
	close_fd(sv[0]);
	close_fd(sv[1]);
}

static void sec_other(void)
{
	/* netlink: bind, getsockname */
	int nl = ok(socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), "netlink");
	struct sockaddr_nl snl = { .nl_family = AF_NETLINK, .nl_groups = 0 };
	ok(bind(nl, (struct sockaddr *)&snl, sizeof snl), "bind netlink");
	socklen_t len;
	close_fd(nl);
	nl = ok(socket(AF_NETLINK, SOCK_RAW, NETLINK_KOBJECT_UEVENT), "netlink uevent");
	snl = (struct sockaddr_nl){ .nl_family = AF_NETLINK, .nl_pid = 0, .nl_groups = 1 };
	ok(bind(nl, (struct sockaddr *)&snl, sizeof snl), "bind netlink groups");
	close_fd(nl);

	/* option values with a structure, on no socket (EBADF): nothing joins a group or changes lo */
	struct ip_mreq mr = { .imr_multiaddr.s_addr = htonl(0xe00000fb) };
	fails(setsockopt(-1, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof mr), EBADF, "IP_ADD_MEMBERSHIP");
	fails(setsockopt(-1, IPPROTO_IP, IP_DROP_MEMBERSHIP, &mr, 4), EBADF, "IP_DROP_MEMBERSHIP short");
	struct ipv6_mreq m6 = { .ipv6mr_interface = LO_INDEX };
	inet_pton(AF_INET6, "ff02::fb", &m6.ipv6mr_multiaddr);
	fails(setsockopt(-1, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, &m6, sizeof m6), EBADF, "IPV6_ADD_MEMBERSHIP");
	struct group_req gr = { .gr_interface = LO_INDEX };
	struct sockaddr_in grp = sin4("224.0.0.99", 0);
	memcpy(&gr.gr_group, &grp, sizeof grp);
	fails(setsockopt(-1, IPPROTO_IP, MCAST_JOIN_GROUP, &gr, sizeof gr), EBADF, "MCAST_JOIN_GROUP");
	struct packet_mreq pm = { .mr_ifindex = LO_INDEX, .mr_type = PACKET_MR_PROMISC, .mr_alen = 6,
				  .mr_address = { 1, 2, 3, 4, 5, 6 } };
	fails(setsockopt(-1, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &pm, sizeof pm), EBADF, "PACKET_ADD_MEMBERSHIP");
	struct tpacket_req tr = { 4096, 4, 2048, 8 };
	fails(setsockopt(-1, SOL_PACKET, PACKET_RX_RING, &tr, sizeof tr), EBADF, "PACKET_RX_RING");
	uint32_t icmp = ~(uint32_t)((1 << 0) | (1 << 3) | (1 << 11));
	fails(setsockopt(-1, SOL_RAW, 1 /* ICMP_FILTER */, &icmp, sizeof icmp), EBADF, "ICMP_FILTER");
	int vers = TPACKET_V2;
	fails(setsockopt(-1, SOL_PACKET, PACKET_VERSION, &vers, sizeof vers), EBADF, "PACKET_VERSION");

	/* packet: bind to lo */
	int pk = ok(socket(AF_PACKET, SOCK_RAW, 0), "packet");
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL),
				   .sll_ifindex = LO_INDEX };
	ok(bind(pk, (struct sockaddr *)&sll, sizeof sll), "bind packet");
	struct sockaddr_storage ss;
	len = sizeof ss;
	ok(getsockname(pk, (struct sockaddr *)&ss, &len), "getsockname packet");
	close_fd(pk);

	/* families printed as raw sa_data */
	int u = ok(socket(AF_INET, SOCK_DGRAM, 0), "udp other");
	struct sockaddr odd = { .sa_family = AF_IPX, .sa_data = "abc\1\2" };
	fails(connect(u, &odd, sizeof odd), EAFNOSUPPORT, "connect AF_IPX");
	odd.sa_family = 4242;
	fails(connect(u, &odd, sizeof odd), EAFNOSUPPORT, "connect unknown family");
	fails(connect(u, &odd, 1), EINVAL, "connect 1 byte addr");
	struct sockaddr_storage huge;
	memset(&huge, 0, sizeof huge);
	huge.ss_family = AF_INET;
	fails(RAW(connect, u, (struct sockaddr *)&huge, sizeof huge + 16), EINVAL, "connect huge addr");
	/* families with a layout of their own: IPX, VSOCK, ALG (a UDP socket refuses them all) */
	unsigned char ipx[16] = { AF_IPX, 0, 0, 80, 0, 0, 0, 1, 0xab, 1, 0, 0, 0, 0, 5, 0 };
	fails(connect(u, (struct sockaddr *)ipx, sizeof ipx), EAFNOSUPPORT, "connect AF_IPX layout");
	struct sockaddr_vm vm = { .svm_family = AF_VSOCK, .svm_port = VMADDR_PORT_ANY, .svm_cid = VMADDR_CID_HOST };
	fails(connect(u, (struct sockaddr *)&vm, sizeof vm), EAFNOSUPPORT, "connect AF_VSOCK");
	struct sockaddr_alg alg = { .salg_family = AF_ALG, .salg_type = "hash", .salg_name = "sha256" };
	fails(connect(u, (struct sockaddr *)&alg, sizeof alg), EAFNOSUPPORT, "connect AF_ALG");
	memset(alg.salg_type, 'x', sizeof alg.salg_type);
	fails(connect(u, (struct sockaddr *)&alg, 60), EAFNOSUPPORT, "connect AF_ALG unterminated");
	close_fd(u);
}

/* varying: calls whose output holds values that differ from run to run (pids, an autobound name,
 * the time left of a timeout); a comparison must normalise them. */
static void sec_varying(void)
{
	int sv[2];
	socklen_t len;
	ok(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), "socketpair cred");
	struct ucred cred;
	len = sizeof cred;
	ok(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cred, &len), "SO_PEERCRED");

	/* credentials: SO_PASSCRED on the receiver, an SCM_CREDENTIALS message */
	int on = 1;
	ok(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on), "SO_PASSCRED");
	ok(send(sv[0], "C", 1, 0), "send for creds");
	char data[8];
	struct iovec iov = { data, sizeof data };
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} ctl;
	memset(&ctl, 0, sizeof ctl);
	struct msghdr rh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf, .msg_controllen = sizeof ctl.buf };
	ok(recvmsg(sv[1], &rh, 0), "recvmsg SCM_CREDENTIALS");
	close_fd(sv[0]);
	close_fd(sv[1]);

	/* netlink: the kernel names the socket after the process */
	int nl = ok(socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), "netlink");
	struct sockaddr_nl snl = { .nl_family = AF_NETLINK };
	ok(bind(nl, (struct sockaddr *)&snl, sizeof snl), "bind netlink");
	len = sizeof snl;
	ok(getsockname(nl, (struct sockaddr *)&snl, &len), "getsockname netlink");
	close_fd(nl);

	/* autobind: the kernel picks an abstract name of five hex digits */
	int d = ok(socket(AF_UNIX, SOCK_DGRAM, 0), "socket abstract");
	struct sockaddr_un ab = { .sun_family = AF_UNIX };
	memcpy(ab.sun_path, "\0net-calls-varying", 19);
	socklen_t ablen = offsetof(struct sockaddr_un, sun_path) + 19;
	ok(bind(d, (struct sockaddr *)&ab, ablen), "bind abstract");
	int d2 = ok(socket(AF_UNIX, SOCK_DGRAM, 0), "socket autobind");
	struct sockaddr_un fam = { .sun_family = AF_UNIX }, peer;
	ok(bind(d2, (struct sockaddr *)&fam, sizeof(sa_family_t)), "bind autobind");
	ok(sendto(d2, "hi", 2, 0, (struct sockaddr *)&ab, ablen), "sendto abstract");
	len = sizeof peer;
	ok(recvfrom(d, data, sizeof data, 0, (struct sockaddr *)&peer, &len), "recvfrom autobound");
	close_fd(d2);

	/* recvmmsg with a timeout: the kernel writes back the time left */
	int u[2];
	ok(socketpair(AF_UNIX, SOCK_DGRAM, 0, u), "socketpair mmsg");
	ok(send(u[0], "one", 3, 0), "send one");
	struct mmsghdr mm = { .msg_hdr = { .msg_iov = &iov, .msg_iovlen = 1 } };
	struct timespec ts = { .tv_sec = 1, .tv_nsec = 0 };
	ok(recvmmsg(u[1], &mm, 1, 0, &ts), "recvmmsg timeout");
	close_fd(u[0]);
	close_fd(u[1]);
	close_fd(d);
}

/* Receive on a netlink socket until a datagram holds NLMSG_DONE or NLMSG_ERROR (at most 64 datagrams). */
static void nl_drain(int fd, bool use_recvmsg)
{
	static char buf[16384] __attribute__((aligned(4)));
	for (int i = 0; i < 64; i++) {
		long n;
		if (use_recvmsg) {
			struct sockaddr_nl from;
			struct iovec iov = { buf, sizeof buf };
			struct msghdr mh = { .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &iov, .msg_iovlen = 1 };
			n = ok(recvmsg(fd, &mh, 0), "recvmsg netlink");
		} else {
			n = ok(recvfrom(fd, buf, sizeof buf, 0, NULL, NULL), "recvfrom netlink");
		}
		if (n <= 0)
			return;
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (unsigned long)n); h = NLMSG_NEXT(h, n))
			if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR)
				return;
	}
}

/* netlink: route messages as getaddrinfo's AI_ADDRCONFIG sends and receives them, the kernel's error
 * replies, and crafted messages that print each odd case. The replies hold this machine's addresses
 * (the same in every run) and the socket's port id, the pid (not the same). */
static void sec_netlink(void)
{
	int fd = ok(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE), "socket netlink");
	/* before the socket has an address, the kernel does not list its protocol: headers only */
	struct {
		struct nlmsghdr h;
		struct ifaddrmsg a;
		struct rtattr ra;
		unsigned char addr[4];
	} one = { { sizeof one, RTM_GETADDR, NLM_F_REQUEST | NLM_F_ACK, 1, 0 },
		  { AF_INET, 8, IFA_F_SECONDARY | IFA_F_DEPRECATED, RT_SCOPE_SITE, LO_INDEX },
		  { 8, IFA_ADDRESS },
		  { 127, 0, 0, 1 } };
	ok(sendto(fd, &one, sizeof one, 0, NULL, 0), "sendto unbound");
	nl_drain(fd, false);

	/* what getaddrinfo asks: every IPv4 address, as a dump; the reply is a list of RTM_NEWADDR */
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct {
		struct nlmsghdr h;
		struct rtgenmsg g;
	} dump = { { sizeof dump, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, 2, 0 }, { AF_INET } };
	ok(sendto(fd, &dump, sizeof dump, 0, (struct sockaddr *)&kernel, sizeof kernel), "sendto dump");
	nl_drain(fd, true);
	struct {
		struct nlmsghdr h;
		struct ifaddrmsg a;
	} dump6 = { { sizeof dump6, RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, 3, 0 }, { AF_INET6, 0, 0, 0, 0 } };
	ok(sendto(fd, &dump6, sizeof dump6, 0, NULL, 0), "sendto dump6");
	nl_drain(fd, false);

	/* a request the kernel refuses, with attributes of every kind: the error reply quotes it */
	struct {
		struct nlmsghdr h;
		struct ifaddrmsg a;
		struct rtattr ra;
		char label[4];
		struct rtattr rf;
		uint32_t flags;
		struct rtattr rc;
		struct ifa_cacheinfo ci;
		struct rtattr ru;
		char unknown[4];
	} del = { { sizeof del, RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, 4, 0 },
		  { AF_INET6, 64, 0, RT_SCOPE_LINK, LO_INDEX },
		  { 7, IFA_LABEL },
		  "lo",
		  { 8, IFA_FLAGS },
		  IFA_F_PERMANENT | IFA_F_MANAGETEMPADDR | 0x1000,
		  { 20, IFA_CACHEINFO },
		  { 1, 2, 3, 4 },
		  { 7, 99 },
		  "ab" };
	ok(sendto(fd, &del, sizeof del, 0, NULL, 0), "sendto del");
	/* a buffer too short for the reply: the kernel cuts it (MSG_TRUNC says how long it was) */
	static char small[30];
	ok(recvfrom(fd, small, sizeof small, MSG_TRUNC, NULL, NULL), "recvfrom truncated");

	/* messages the kernel answers with EOPNOTSUPP or EINVAL, sent without waiting for the answer */
	struct {
		struct nlmsghdr h;
		char d[8];
	} unknown = { { sizeof unknown, 999, NLM_F_REQUEST | 0x4000, 5, 0 }, "abcdefg" };
	ok(sendto(fd, &unknown, sizeof unknown, 0, NULL, 0), "sendto unknown type");
	nl_drain(fd, false);
	ok(sendto(fd, "short", 5, 0, NULL, 0), "sendto short");
	struct nlmsghdr done[3];
	struct {
		struct nlmsghdr h;
		int v;
	} dones[3];
	for (int i = 0; i < 3; i++) {
		dones[i].h = (struct nlmsghdr){ sizeof dones[i], NLMSG_DONE, NLM_F_MULTI, (uint32_t)i, 0 };
		dones[i].v = i;
		done[i] = (struct nlmsghdr){ NLMSG_HDRLEN, (uint16_t)(i == 2 ? 5 : NLMSG_NOOP + i * 3), 0, 0, 0 };
	}
	ok(sendto(fd, dones, sizeof dones, MSG_DONTWAIT, NULL, 0), "sendto dones");
	ok(sendto(fd, done, sizeof done, MSG_DONTWAIT, NULL, 0), "sendto headers");
	struct {
		struct nlmsghdr h;
		int err;
		struct nlmsghdr orig;
	} capped = { { sizeof capped, NLMSG_ERROR, NLM_F_CAPPED, 6, 0 },
		     0,
		     { NLMSG_LENGTH(sizeof(struct ifinfomsg)), RTM_GETLINK, NLM_F_REQUEST, 6, 0 } };
	ok(sendto(fd, &capped, sizeof capped, MSG_DONTWAIT, NULL, 0), "sendto capped ack");
	struct nlmsghdr longer = { 100, RTM_GETADDR, NLM_F_REQUEST, 7, 0 };
	ok(sendto(fd, &longer, sizeof longer, MSG_DONTWAIT, NULL, 0), "sendto len past the buffer");
	struct {
		struct nlmsghdr h;
		char x[4];
	} shorter = { { 8, RTM_GETADDR, NLM_F_REQUEST, 8, 0 }, "abc" };
	ok(sendto(fd, &shorter, sizeof shorter, MSG_DONTWAIT, NULL, 0), "sendto len below a header");
	struct {
		struct nlmsghdr h;
		struct ifaddrmsg a;
	} f = { { sizeof f, RTM_GETADDR, NLM_F_REQUEST | NLM_F_ROOT | NLM_F_ATOMIC, 9, 0 }, { AF_INET, 0, 0, 0, 0 } };
	ok(sendto(fd, &f, sizeof f, MSG_DONTWAIT, NULL, 0), "sendto get flags");
	f.h.nlmsg_type = RTM_NEWADDR;
	f.h.nlmsg_flags = NLM_F_ECHO | NLM_F_REPLACE | NLM_F_APPEND;
	ok(sendto(fd, &f, sizeof f, MSG_DONTWAIT, NULL, 0), "sendto new flags");
	f.h.nlmsg_type = RTM_DELADDR;
	f.h.nlmsg_flags = 0x100 | 0x200 | NLM_F_DUMP_INTR | NLM_F_DUMP_FILTERED;
	ok(sendto(fd, &f, sizeof f, MSG_DONTWAIT, NULL, 0), "sendto del flags");
	f.h.nlmsg_type = RTM_NEWADDR;
	f.a.ifa_scope = 77;
	f.a.ifa_family = AF_INET6;
	ok(sendto(fd, &f, sizeof f, MSG_DONTWAIT, NULL, 0), "sendto unknown scope");
	/* two short requests in one buffer, of types decoded by their family only */
	struct {
		struct nlmsghdr h;
		struct rtgenmsg g;
		char pad[3];
	} two[2] = { { { 20, RTM_GETLINK, NLM_F_REQUEST, 10, 0 }, { AF_UNSPEC }, { 0 } },
		     { { 20, RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_DUMP, 11, 0 }, { AF_INET }, { 0 } } };
	ok(sendto(fd, two, sizeof two, MSG_DONTWAIT, NULL, 0), "sendto two");
	/* a message in two iovs is not decoded */
	struct iovec iov[2] = { { &f, NLMSG_HDRLEN }, { &f.a, sizeof f.a } };
	struct msghdr mh = { .msg_iov = iov, .msg_iovlen = 2 };
	ok(sendmsg(fd, &mh, MSG_DONTWAIT), "sendmsg two iovs");
	/* the answers to what was sent without waiting, then nothing more */
	usleep(20000);
	static char buf[16384];
	while (recv(fd, buf, sizeof buf, MSG_DONTWAIT) > 0)
		;
	close_fd(fd);
}

/* block: one thread blocks in accept4, recvfrom and recvmsg while the main thread makes the calls that
 * wake it, so the tracer must print "<unfinished ...>" and "<... resumed>" lines. */
static int blk_lfd, blk_sv[2];
static void *blocker(void *arg)
{
	(void)arg;
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	int a = ok(accept4(blk_lfd, (struct sockaddr *)&ss, &len, SOCK_CLOEXEC), "accept4 blocking");
	char buf[32];
	ok(recvfrom(blk_sv[1], buf, sizeof buf, 0, NULL, NULL), "recvfrom blocking");
	struct iovec iov = { buf, sizeof buf };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	ok(recvmsg(blk_sv[1], &mh, 0), "recvmsg blocking");
	close_fd(a);
	return NULL;
}

/* Wait until thread tid is asleep in a syscall (state S in /proc), so the order of events is fixed. */
static void wait_sleeping(pid_t tid)
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/self/task/%d/stat", (int)tid);
	for (int i = 0; i < 5000; i++) {
		int fd = open(path, O_RDONLY);
		if (fd < 0)
			return;
		ssize_t n = read(fd, buf, sizeof buf - 1);
		close(fd);
		if (n > 0) {
			buf[n] = '\0';
			char *p = strrchr(buf, ')');
			if (p && p[1] == ' ' && p[2] == 'S')
				return;
		}
		usleep(1000);
	}
}

static pid_t blocker_tid;
static void *blocker_main(void *arg)
{
	blocker_tid = (pid_t)syscall(SYS_gettid);
	return blocker(arg);
}

static void sec_block(void)
{
	struct sockaddr_in la;
	blk_lfd = listener4(&la);
	ok(socketpair(AF_UNIX, SOCK_STREAM, 0, blk_sv), "socketpair block");
	pthread_t th;
	if (pthread_create(&th, NULL, blocker_main, NULL) != 0)
		ok(-1, "pthread_create");
	while (__atomic_load_n(&blocker_tid, __ATOMIC_SEQ_CST) == 0)
		usleep(1000);
	wait_sleeping(blocker_tid);
	int c = ok(socket(AF_INET, SOCK_STREAM, 0), "socket block");
	ok(connect(c, (struct sockaddr *)&la, sizeof la), "connect block");
	usleep(20000);
	wait_sleeping(blocker_tid);
	ok(send(blk_sv[0], "wake", 4, 0), "send wake 1");
	usleep(20000);
	wait_sleeping(blocker_tid);
	ok(send(blk_sv[0], "wake again", 10, 0), "send wake 2");
	pthread_join(th, NULL);
	close_fd(c);
	close_fd(blk_sv[0]);
	close_fd(blk_sv[1]);
	close_fd(blk_lfd);
}

static const struct {
	const char *name;
	void (*fn)(void);
} sections[] = {
	{ "socket", sec_socket }, { "sockopt", sec_sockopt }, { "inet", sec_inet },   { "inet6", sec_inet6 },
	{ "unix", sec_unix },	  { "udp", sec_udp },	      { "msg", sec_msg },     { "mmsg", sec_mmsg },
	{ "other", sec_other },	  { "varying", sec_varying }, { "netlink", sec_netlink }, { "block", sec_block },
};

int main(int argc, char **argv)
{
	/* a page that was mapped and is no more: the kernel answers EFAULT, and neither tracer can read it */
	bad_ptr = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (bad_ptr == MAP_FAILED || munmap(bad_ptr, 4096) != 0) {
		perror("net-calls: mmap");
		return 1;
	}
	size_t n = sizeof sections / sizeof sections[0];
	if (argc < 2) {
		for (size_t i = 0; i < n; i++)
			if (strcmp(sections[i].name, "block") != 0 && strcmp(sections[i].name, "varying") != 0 &&
			    strcmp(sections[i].name, "netlink") != 0)
				sections[i].fn();
	}
	for (int a = 1; a < argc; a++) {
		size_t i;
		for (i = 0; i < n && strcmp(sections[i].name, argv[a]) != 0; i++)
			;
		if (i == n) {
			fprintf(stderr, "net-calls: unknown section %s\n", argv[a]);
			return 2;
		}
		sections[i].fn();
	}
	return failures ? 1 : 0;
}
