/* 09-client.c -- the other side of the conversation: getaddrinfo() turns a name into addresses, a
 * non-blocking connect() waits for the handshake with poll() and a time limit, then one request goes out and
 * the answer is read to its end. It talks to 04-07 (a line, or -g PATH an HTTP GET) and with -u to 10-udp. */
#include "common.h"

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The answer is printed whole at the end; this much of it is kept. */
#define ANSWER_MAX 65536

/* getaddrinfo() is the C library's resolver: it reads /etc/nsswitch.conf to learn where names live, then
 * /etc/hosts ("localhost" is there), then asks the DNS servers of /etc/resolv.conf, and returns every
 * address it found, in the order RFC 6724 (and /etc/gai.conf) prefers. A literal such as 127.0.0.1 comes
 * back as it is, with no file read. It blocks the calling thread until it is done: that is why Go brings a
 * resolver of its own, which reads the same files and talks DNS itself on its own sockets, so that a lookup
 * parks a goroutine instead of a whole thread (Go falls back to getaddrinfo(), through cgo, for setups it
 * cannot read itself). ai_socktype says which kind of socket the addresses are for: one result per address. */
static struct addrinfo *resolve(const struct options *o)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = o->udp ? SOCK_DGRAM : SOCK_STREAM };
	struct addrinfo *list;
	char port[8], text[ADDR_TEXT_LEN];

	snprintf(port, sizeof port, "%d", o->port);
	int err = getaddrinfo(o->host, port, &hints, &list);
	if (err == EAI_SYSTEM)
		die("getaddrinfo");
	if (err != 0)
		die_msg("getaddrinfo: %s: %s", o->host, gai_strerror(err));
	printf("getaddrinfo(\"%s\", \"%s\", %s) =", o->host, port, o->udp ? "SOCK_DGRAM" : "SOCK_STREAM");
	for (struct addrinfo *ai = list; ai != NULL; ai = ai->ai_next) {
		struct sockaddr_storage sa = { 0 };
		memcpy(&sa, ai->ai_addr, ai->ai_addrlen);
		printf("%s %s", ai == list ? "" : ",", addr_text(&sa, text));
	}
	putchar('\n');
	return list;
}

/* A connection's socket is non-blocking here (SOCK_NONBLOCK), so that connect() cannot keep us waiting
 * longer than -t: it starts the handshake and returns at once. The datagram socket of -u blocks: its
 * connect() never waits anyway, and poll() guards its recv(). */
static int open_socket(int family, bool udp)
{
	int fd = socket(family, udp ? SOCK_DGRAM : SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (fd == -1)
		die("socket");
	printf("socket(%s, %s, 0) = fd %d\n", family_name(family), udp ? "SOCK_DGRAM" : "SOCK_STREAM|SOCK_NONBLOCK",
	       fd);
	return fd;
}

static void close_socket(int fd)
{
	if (close(fd) == -1)
		die("close");
	printf("close(%d) = 0\n", fd);
}

static void print_revents(short revents)
{
	static const struct {
		short bit;
		const char *name;
	} names[] = { { POLLIN, "POLLIN" }, { POLLOUT, "POLLOUT" }, { POLLERR, "POLLERR" }, { POLLHUP, "POLLHUP" } };
	const char *sep = "";
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (revents & names[i].bit) {
			printf("%s%s", sep, names[i].name);
			sep = "|";
		}
	}
}

/* poll() sleeps until fd is ready for `events` -- POLLOUT: the handshake is over, one way or the other;
 * POLLIN: data, the end of the stream or an error arrived -- or until the -t time is up (it returns 0). */
static bool wait_for(int fd, short events, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	int n = poll(&p, 1, timeout_ms);
	if (n == -1)
		die("poll");
	printf("poll(fd %d, %s, %d ms) = %d", fd, events == POLLOUT ? "POLLOUT" : "POLLIN", timeout_ms, n);
	if (n == 0) {
		printf(": nothing within %g s\n", timeout_ms / 1000.0);
		return false;
	}
	printf(": ");
	print_revents(p.revents);
	putchar('\n');
	return true;
}

/* What a failed connect() means, in plain words. */
static const char *why(int err)
{
	switch (err) {
	case ECONNREFUSED: return "the answer to our SYN was a reset: nothing listens on that port";
	case ENETUNREACH: return "no route leads to that network: not one packet was sent";
	case EHOSTUNREACH: return "the route says that host cannot be reached: not one packet was sent";
	case ETIMEDOUT: return "the kernel gave up waiting for an answer to its SYNs";
	default: return strerror(err);
	}
}

/* connect() on a non-blocking TCP socket sends the SYN and returns -1 with EINPROGRESS: the handshake goes
 * on without us. When it ends the socket becomes writable, and SO_ERROR says how it ended: 0 (connected),
 * ECONNREFUSED (the peer's kernel answered with a reset: nobody listens on that port) or ETIMEDOUT (the kernel
 * gave up resending its SYN, after about two minutes). Some errors come at once, before any packet leaves:
 * ENETUNREACH or EHOSTUNREACH when no route leads to the address. Returns the fd, or -1 with errno set. */
static int connect_to(const struct addrinfo *ai, int timeout_ms)
{
	struct sockaddr_storage peer = { 0 };
	char text[ADDR_TEXT_LEN];
	int fd = open_socket(ai->ai_family, false), err;
	socklen_t len = sizeof err;

	memcpy(&peer, ai->ai_addr, ai->ai_addrlen);
	addr_text(&peer, text);
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
		printf("connect(%d, %s) = 0: connected at once\n", fd, text);
		return fd;
	}
	if (errno != EINPROGRESS) {
		err = errno;
		printf("connect(%d, %s) = %s: %s\n", fd, text, strerrorname_np(err), why(err));
		goto failed;
	}
	printf("connect(%d, %s) = EINPROGRESS: the SYN is sent, the handshake goes on\n", fd, text);
	if (!wait_for(fd, POLLOUT, timeout_ms)) {
		err = ETIMEDOUT; /* our own time limit, not the kernel's */
		goto failed;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
		die("getsockopt");
	if (err != 0) {
		printf("getsockopt(%d, SO_ERROR) = %s: %s\n", fd, strerrorname_np(err), why(err));
		goto failed;
	}
	printf("getsockopt(%d, SO_ERROR) = 0: connected\n", fd);
	return fd;

failed:
	close_socket(fd);
	errno = err;
	return -1;
}

/* connect() bound our end to an address and an ephemeral port the kernel chose, as bind() to port 0 would
 * (stage 02): getsockname() shows them. */
static void show_our_end(int fd)
{
	struct sockaddr_storage local;
	socklen_t len = sizeof local;
	char text[ADDR_TEXT_LEN];
	if (getsockname(fd, (struct sockaddr *)&local, &len) == -1)
		die("getsockname");
	printf("getsockname(%d) = %s: our end, chosen by the kernel\n", fd, addr_text(&local, text));
}

/* The request: a line for 04-06 and 10, or (-g) an HTTP GET that asks 07 to close once it has answered. */
static size_t make_request(const struct options *o, char *buf, size_t size)
{
	int n;
	if (o->path == NULL)
		n = snprintf(buf, size, "%s\n", o->message);
	else
		n = snprintf(buf, size, "GET %s HTTP/1.1\r\nHost: %s%s%s:%d\r\nConnection: close\r\n\r\n", o->path,
			     strchr(o->host, ':') ? "[" : "", o->host, strchr(o->host, ':') ? "]" : "", o->port);
	if (n < 0 || (size_t)n >= size)
		die_msg("the request is too long (%d bytes at most)", (int)size - 1);
	return (size_t)n;
}

/* send() may take only part of the request when the socket's send buffer is full (never for a request this
 * small, but a non-blocking socket says EAGAIN instead of waiting): poll() until it takes the rest.
 * MSG_NOSIGNAL: a server that has already closed gives EPIPE, not a SIGPIPE that would kill the client. */
static void send_all(int fd, const char *buf, size_t len, int timeout_ms)
{
	for (size_t sent = 0; sent < len;) {
		ssize_t n = send(fd, buf + sent, len - sent, MSG_NOSIGNAL);
		if (n == -1 && errno == EAGAIN) {
			if (!wait_for(fd, POLLOUT, timeout_ms))
				die_msg("the server took nothing within %g s", timeout_ms / 1000.0);
			continue;
		}
		if (n == -1)
			die("send");
		printf("send(%d, ", fd);
		print_bytes(buf + sent, (size_t)n);
		printf(") = %zd\n", n);
		sent += (size_t)n;
	}
}

/* Print the whole answer as it came, after the step-by-step lines. */
static void print_answer(const char *buf, size_t len, size_t total)
{
	printf("answer (%zu bytes):\n", total);
	fwrite(buf, 1, len, stdout);
	if (len > 0 && buf[len - 1] != '\n')
		putchar('\n');
	if (len < total)
		printf("(only the first %zu bytes are shown)\n", len);
}

/* TCP is a stream: the answer may come in several read()s, and read() returns 0 when the server has closed
 * its side (04-06 close after their answer; 07 does when asked "Connection: close"). Every wait is bounded
 * by -t: a server that accepted (or whose kernel queued us, as 03-listen does) but never answers ends in
 * "no answer". */
static void read_answer(int fd, const char *peer, int timeout_ms)
{
	static char answer[ANSWER_MAX];
	char buf[4096];
	size_t kept = 0, total = 0;

	for (;;) {
		if (!wait_for(fd, POLLIN, timeout_ms))
			die_msg("no answer from %s within %g s", peer, timeout_ms / 1000.0);
		ssize_t n = read(fd, buf, sizeof buf);
		if (n == -1)
			die("read");
		if (n == 0) {
			printf("read(%d) = 0: the server closed the connection\n", fd);
			break;
		}
		printf("read(%d) = %zd: ", fd, n);
		print_bytes(buf, (size_t)n);
		putchar('\n');
		size_t room = ANSWER_MAX - kept, take = (size_t)n < room ? (size_t)n : room;
		memcpy(answer + kept, buf, take);
		kept += take;
		total += (size_t)n;
	}
	close_socket(fd);
	print_answer(answer, kept, total);
}

/* TCP: try each address getaddrinfo() gave, in its order, until one connects (Go does the same, racing an
 * IPv4 attempt against IPv6 after 300 ms: "Happy Eyeballs"); send the request, read the answer. */
static int talk_tcp(const struct addrinfo *list, const struct options *o)
{
	char request[4096], text[ADDR_TEXT_LEN], what[ADDR_TEXT_LEN + 16];
	size_t len = make_request(o, request, sizeof request);

	for (const struct addrinfo *ai = list; ai != NULL; ai = ai->ai_next) {
		struct sockaddr_storage peer = { 0 };
		memcpy(&peer, ai->ai_addr, ai->ai_addrlen);
		addr_text(&peer, text);
		int fd = connect_to(ai, o->timeout_ms);
		if (fd == -1) {
			if (errno == ETIMEDOUT)
				die_msg("connect to %s: no answer within %g s (timed out)", text, o->timeout_ms / 1000.0);
			snprintf(what, sizeof what, "connect to %s", text);
			warn_errno(what);
			continue;
		}
		show_our_end(fd);
		send_all(fd, request, len, o->timeout_ms);
		read_answer(fd, text, o->timeout_ms);
		return 0;
	}
	return 1;
}

/* UDP has no handshake: connect() on a datagram socket sends nothing, it only notes the peer, so that send()
 * needs no address and recv() takes datagrams from that peer only. It also lets errors through: a datagram
 * to a port where nobody listens makes the peer's kernel answer with an ICMP "port unreachable", and the
 * next recv() fails with ECONNREFUSED (an unconnected socket never hears of it). Each send() is one
 * datagram, and each recv() takes one whole datagram: the boundaries are kept. Returns false when this
 * address gave no answer. */
static bool exchange_udp(const struct addrinfo *ai, const struct options *o)
{
	char request[4096], text[ADDR_TEXT_LEN], what[ADDR_TEXT_LEN + 16];
	static char answer[ANSWER_MAX];
	struct sockaddr_storage peer = { 0 };
	size_t len = make_request(o, request, sizeof request);
	int fd = open_socket(ai->ai_family, true);

	memcpy(&peer, ai->ai_addr, ai->ai_addrlen);
	addr_text(&peer, text);
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == -1)
		die("connect");
	printf("connect(%d, %s) = 0: nothing is sent, the kernel notes where our datagrams go\n", fd, text);
	show_our_end(fd);
	ssize_t n = send(fd, request, len, 0);
	if (n == -1)
		die("send");
	printf("send(%d, ", fd);
	print_bytes(request, len);
	printf(") = %zd: one datagram\n", n);
	if (!wait_for(fd, POLLIN, o->timeout_ms))
		die_msg("no answer from %s within %g s", text, o->timeout_ms / 1000.0);
	n = recv(fd, answer, sizeof answer, 0);
	if (n == -1) {
		int err = errno;
		printf("recv(%d) = %s: %s\n", fd, strerrorname_np(err),
		       err == ECONNREFUSED ? "an ICMP \"port unreachable\" came back: nobody listens on that port"
					   : strerror(err));
		close_socket(fd);
		errno = err;
		snprintf(what, sizeof what, "send to %s", text);
		warn_errno(what);
		return false;
	}
	printf("recv(%d) = %zd: ", fd, n);
	print_bytes(answer, (size_t)n);
	printf(": one datagram\n");
	close_socket(fd);
	print_answer(answer, (size_t)n, (size_t)n);
	return true;
}

int main(int argc, char **argv)
{
	struct options o;
	parse_options(argc, argv, "APmgut", &o);

	struct addrinfo *list = resolve(&o);
	int status = 1;
	if (!o.udp) {
		status = talk_tcp(list, &o);
	} else {
		for (struct addrinfo *ai = list; ai != NULL && status != 0; ai = ai->ai_next)
			status = exchange_udp(ai, &o) ? 0 : 1;
	}
	freeaddrinfo(list);
	return status;
}
