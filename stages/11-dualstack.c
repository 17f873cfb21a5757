/* 11-dualstack.c -- one AF_INET6 listener on [::] serves IPv6 and IPv4 clients alike: with IPV6_V6ONLY off,
 * an IPv4 client arrives as an IPv4-mapped IPv6 address, ::ffff:127.0.0.1. With -6 (IPV6_V6ONLY on), IPv6 only.
 * The server is 04's, one client at a time. */
#include "common.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define REPLY "Message received.\n"

/* The kernel creates a socket and gives us the lowest free fd: 3, after stdin, stdout and stderr. */
static int open_socket(int family)
{
	int fd = socket(family, SOCK_STREAM, 0);
	if (fd == -1)
		die("socket");
	printf("socket(%s, SOCK_STREAM, 0) = fd %d\n", family_name(family), fd);
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

/* SO_REUSEADDR: a restarted server may bind its port again at once, although connections of its previous
 * run still linger in TIME_WAIT (without it, bind() fails with EADDRINUSE for a minute or so). It does not
 * let two servers share a port that is really in use: that is still EADDRINUSE. */
static void allow_reuse(int fd)
{
	int on = 1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == -1)
		die("setsockopt");
	printf("setsockopt(%d, SOL_SOCKET, SO_REUSEADDR, 1) = 0\n", fd);
}

/* IPV6_V6ONLY decides what an IPv6 socket bound to [::] (any address) takes. Off: IPv4 connections too, the
 * IPv4 address written as an IPv6 one, ::ffff:a.b.c.d, and the port is taken for IPv4 as well (an IPv4
 * server on 0.0.0.0:PORT then gets EADDRINUSE). On: IPv6 only, and 0.0.0.0:PORT stays free for another socket.
 * The default is the sysctl net.ipv6.bindv6only (0 on Linux; Windows and OpenBSD default to on): Go sets it
 * itself, off for "tcp" (so net.Listen("tcp", ":8888") listens on [::]:8888 and takes IPv4 too) and on for
 * "tcp6". It must be set before bind(). */
static void set_v6only(int fd, bool on)
{
	int value = on;
	if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &value, sizeof value) == -1)
		die("setsockopt");
	printf("setsockopt(%d, IPPROTO_IPV6, IPV6_V6ONLY, %d) = 0: %s\n", fd, value,
	       on ? "IPv6 clients only" : "IPv4 clients too");
}

/* bind() claims ADDR:PORT for this socket. A port in use fails with EADDRINUSE, a port below 1024 without
 * root (or CAP_NET_BIND_SERVICE) with EACCES. */
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

/* How many connections, handshake done, the kernel may queue until we accept() them. The default,
 * SOMAXCONN, is 4096 since Linux 5.4 (128 before). The kernel silently caps a larger backlog at
 * /proc/sys/net/core/somaxconn; Go reads that file and passes its value, so a Go server shows
 * listen(3, 4096) under strace. `ss -ltn` shows the backlog as Send-Q and the queued connections as Recv-Q. */
static void start_listening(int fd, int backlog, const struct sockaddr_storage *local)
{
	char text[ADDR_TEXT_LEN];
	if (listen(fd, backlog) == -1)
		die("listen");
	printf("listen(%d, %d) = 0\n", fd, backlog);
	printf("listening on %s\n", addr_text(local, text));
}

/* An IPv4 client of an IPv6 socket: its address is ::ffff: followed by the 4 bytes of the IPv4 one. */
static void show_ipv4_client(const struct sockaddr_storage *peer)
{
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)peer;
	char ip[INET_ADDRSTRLEN];
	if (peer->ss_family != AF_INET6 || !IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr))
		return;
	inet_ntop(AF_INET, &in6->sin6_addr.s6_addr[12], ip, sizeof ip);
	printf("  an IPv4 client: %s:%u, in an IPv4-mapped IPv6 address\n", ip, ntohs(in6->sin6_port));
}

/* accept4() sleeps until a connection waits in the queue, then returns a new fd for it (the listener stays
 * as it was, for the next one). SOCK_CLOEXEC: a program we might exec would not inherit the client.
 * Returns -1 when there is no client after all: EINTR (a signal came: the loop looks at stop_signal) or
 * ECONNABORTED (the client gave up while waiting in the queue). */
static int accept_client(int fd)
{
	struct sockaddr_storage peer = { 0 };
	socklen_t len = sizeof peer;
	char text[ADDR_TEXT_LEN];
	int c = accept4(fd, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
	if (c == -1) {
		if (errno == EINTR)
			return -1;
		if (errno == ECONNABORTED) {
			warn_errno("accept4");
			return -1;
		}
		die("accept4");
	}
	printf("accept4(%d) = fd %d, client %s\n", fd, c, addr_text(&peer, text));
	show_ipv4_client(&peer);
	return c;
}

/* MSG_NOSIGNAL: a send() on a connection that is already broken can raise SIGPIPE, whose default action
 * kills the whole server; with the flag, send() fails with EPIPE instead and only this client is lost. (A
 * single send right after the client's reset usually fails with ECONNRESET; a server that sends more meets EPIPE.) */
static void answer(int c)
{
	ssize_t n = send(c, REPLY, strlen(REPLY), MSG_NOSIGNAL);
	if (n == -1)
		warn_errno("send");
	else
		printf("send(%d, \"Message received.\\n\") = %zd\n", c, n);
}

/* One read of up to 4096 bytes, as the Go example does: usually the client's whole line. read() returns 0
 * when the client closed without sending, -1 when it is gone (e.g. ECONNRESET): that ends this client,
 * never the server. */
static void serve(int c)
{
	char buf[4096];
	ssize_t n = read(c, buf, sizeof buf);
	if (n == -1) {
		warn_errno("read");
	} else if (n == 0) {
		printf("read(%d) = 0: the client closed without sending anything\n", c);
	} else {
		printf("read(%d) = %zd: ", c, n);
		print_bytes(buf, (size_t)n);
		putchar('\n');
		answer(c);
	}
	if (close(c) == -1)
		warn_errno("close");
	else
		printf("close(%d) = 0\n", c);
}

/* -n N: true once N connections have been served (never without -n). */
static bool served_enough(const struct options *o, long served)
{
	return o->count != 0 && served >= o->count;
}

/* One client at a time: accept it, serve it, close it. Meanwhile the next clients wait in the accept queue.
 * Stops after -n connections, or when SIGINT/SIGTERM interrupts accept4(). */
static void serve_clients(int fd, const struct options *o)
{
	long served = 0;
	while (!stop_signal && !served_enough(o, served)) {
		int c = accept_client(fd);
		if (c == -1)
			continue;
		serve(c);
		served++;
	}
	if (stop_signal)
		printf("got %s\n", signal_text(stop_signal));
	else
		printf("served %ld connections\n", served);
}

int main(int argc, char **argv)
{
	struct options o;
	parse_options(argc, argv, "Ipbn6", &o);
	catch_stop_signals();

	int fd = open_socket(o.family);
	show_fd(fd);
	allow_reuse(fd);
	set_v6only(fd, o.v6only);
	bind_to(fd, &o);
	struct sockaddr_storage local = bound_address(fd);
	start_listening(fd, o.backlog, &local);
	serve_clients(fd, &o);

	if (close(fd) == -1)
		die("close");
	printf("close(%d) = 0\n", fd);
	return 0;
}
