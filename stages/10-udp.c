/* 10-udp.c -- a datagram echo server: one UDP socket, bound but never listening nor accepting. recvfrom()
 * hands over one whole datagram and says who sent it; sendto() sends the same bytes back to that address. */
#include "common.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

/* The largest datagram UDP can carry over IPv4 is 65507 bytes (65535, less the IP and UDP headers); a buffer
 * of 64 KiB holds any of them. A datagram larger than the buffer would be cut to fit, the rest lost. */
#define DATAGRAM_MAX 65536

/* SOCK_DGRAM: a datagram socket, UDP for AF_INET and AF_INET6. The kernel gives us the lowest free fd: 3. */
static int open_socket(int family)
{
	int fd = socket(family, SOCK_DGRAM, 0);
	if (fd == -1)
		die("socket");
	printf("socket(%s, SOCK_DGRAM, 0) = fd %d\n", family_name(family), fd);
	return fd;
}

/* An fd is an index into the process's table of open files; /proc shows what each one is. */
static void show_fd(int fd)
{
	char path[64], target[256];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(path, target, sizeof target - 1);
	if (n == -1)
		die("readlink");
	target[n] = '\0';
	printf("%s -> %s\n", path, target);
}

/* bind() claims ADDR:PORT for this socket. UDP ports are a space apart from TCP's: a TCP server may hold the
 * same number. No SO_REUSEADDR here: UDP has no connections, so none linger in TIME_WAIT after a restart. */
static void bind_to(int fd, const struct options *o)
{
	char text[ADDR_TEXT_LEN];
	if (bind(fd, (const struct sockaddr *)&o->addr, o->addrlen) == -1)
		die("bind");
	printf("bind(%d, %s) = 0\n", fd, addr_text(&o->addr, text));
}

/* getsockname() asks which address the socket really has: after bind() to port 0, the port the kernel chose. */
static struct sockaddr_storage bound_address(int fd)
{
	struct sockaddr_storage local;
	socklen_t len = sizeof local;
	char text[ADDR_TEXT_LEN];
	if (getsockname(fd, (struct sockaddr *)&local, &len) == -1)
		die("getsockname");
	printf("bound to %s\n", addr_text(&local, text));
	return local;
}

/* There is no listen() for UDP: once bound, the socket receives; datagrams sent to its address wait in its
 * receive queue until recvfrom() takes them. (The line says "listening on", as every server's does, for the
 * scripts that wait for it.) */
static void announce(const struct sockaddr_storage *local)
{
	char text[ADDR_TEXT_LEN];
	printf("listening on %s\n", addr_text(local, text));
}

/* recvfrom() sleeps until a datagram waits, then takes exactly one, however many are queued, and fills in
 * the sender's address: no accept(), no fd per client, no connection. Each datagram arrives whole or not at
 * all, as it was sent: the boundaries between messages are kept (TCP's read() may join two writes or split
 * one). A datagram of 0 bytes is a message too, not an end: UDP has no end. Returns -1 on EINTR (a signal
 * came: the loop looks at stop_signal). */
static ssize_t receive(int fd, char *buf, size_t size, struct sockaddr_storage *peer, socklen_t *len)
{
	char text[ADDR_TEXT_LEN];
	*len = sizeof *peer;
	ssize_t n = recvfrom(fd, buf, size, 0, (struct sockaddr *)peer, len);
	if (n == -1) {
		if (errno == EINTR)
			return -1;
		die("recvfrom");
	}
	printf("recvfrom(%d) = %zd: ", fd, n);
	print_bytes(buf, (size_t)n);
	printf(" from %s\n", addr_text(peer, text));
	return n;
}

/* sendto() sends one datagram to the address recvfrom() gave: the same socket answers every client. It does
 * not wait for anyone: if nobody listens there any more, the datagram is simply lost (an unconnected socket
 * never hears of the ICMP error). A failure ends this answer only, never the server. */
static void echo(int fd, const char *buf, size_t n, const struct sockaddr_storage *peer, socklen_t len)
{
	char text[ADDR_TEXT_LEN];
	ssize_t sent = sendto(fd, buf, n, 0, (const struct sockaddr *)peer, len);
	if (sent == -1) {
		warn_errno("sendto");
	} else {
		printf("sendto(%d, ", fd);
		print_bytes(buf, n);
		printf(", %s) = %zd\n", addr_text(peer, text), sent);
	}
}

/* -n N: true once N datagrams have been answered (never without -n). */
static bool answered_enough(const struct options *o, long answered)
{
	return o->count != 0 && answered >= o->count;
}

/* One socket, one datagram at a time, from whoever sends: receive it, send it back. Stops after -n
 * datagrams, or when SIGINT/SIGTERM interrupts recvfrom(). */
static void serve_datagrams(int fd, const struct options *o)
{
	static char buf[DATAGRAM_MAX];
	struct sockaddr_storage peer;
	socklen_t len;
	long answered = 0;
	while (!stop_signal && !answered_enough(o, answered)) {
		ssize_t n = receive(fd, buf, sizeof buf, &peer, &len);
		if (n == -1)
			continue;
		echo(fd, buf, (size_t)n, &peer, len);
		answered++;
	}
	if (stop_signal)
		printf("got %s\n", signal_text(stop_signal));
	else
		printf("answered %ld datagrams\n", answered);
}

int main(int argc, char **argv)
{
	struct options o;
	parse_options(argc, argv, "apD", &o);
	catch_stop_signals();

	int fd = open_socket(o.family);
	show_fd(fd);
	bind_to(fd, &o);
	struct sockaddr_storage local = bound_address(fd);
	announce(&local);
	serve_datagrams(fd, &o);

	if (close(fd) == -1)
		die("close");
	printf("close(%d) = 0\n", fd);
	return 0;
}
