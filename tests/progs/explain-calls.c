/* explain-calls.c -- what tests/tracer-explain.bats runs under bin/tracer to check that the explanations
 * follow fds across fork, threads and exec, and explain the common errors. Everything happens over
 * loopback, in a fixed order; each mode prints "ok MODE" and exits 0 when every call did what it should.
 *
 * usage: test-explain-calls MODE
 *   fork     a listener (backlog 8) is copied into a child: the parent closes its copy, the child dups
 *            and closes the socket it inherited
 *   thread   a thread accepts a connection, the main thread dups it; another thread closes the dup and
 *            the main thread's close of it is then a double close
 *   exec     three sockets, two of them close-on-exec (F_DUPFD_CLOEXEC to fd 20, F_SETFD on fd 21), then exec of this program
 *            in mode exec-child, which closes the two (EBADF) and dups the one that is left
 *   errors   EADDRINUSE (with and without SO_REUSEADDR), EAGAIN (accept, read), ECONNREFUSED,
 *            ECONNRESET, EPIPE, EMFILE, a double close
 *   misc     other kinds of fds: UDP datagrams, a UNIX listener on an abstract name, an fd passed over a
 *            socket pair (SCM_RIGHTS), an eventfd watched by epoll with a pointer for data, a pipe, IPv6,
 *            a bind to a port given by number,
 *            shutdown, and a non-blocking connect finished with poll and SO_ERROR
 *   dualstack an IPv4 client of an IPv6 listener on [::] (a v4-mapped address); an IPv6-only socket refused
 *            ::ffff:127.0.0.1 (EINVAL), then bound, then refused again for being bound; an IPv4 socket
 *            bound twice. Prints "no ipv6" and does nothing when the kernel has no IPv6.
 *   udp-refused  a connected UDP socket sends to a port nobody holds: recv, read, recvmsg and send each
 *            fail with the ECONNREFUSED that an earlier datagram's ICMP port-unreachable left
 *   reuseport two TCP listeners and two UDP sockets, each pair on one address with SO_REUSEPORT; then a
 *            third socket alone on the TCP pair's port (prints "alone", or "port taken" should another
 *            program have taken it in between) */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static void __attribute__((noreturn)) fail(const char *what)
{
	fprintf(stderr, "explain-calls: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* The call must have failed with err. */
static void expect_errno(long rc, int err, const char *what)
{
	if (rc != -1 || errno != err) {
		fprintf(stderr, "explain-calls: %s: expected %s, got rc=%ld (%s)\n", what, strerror(err), rc,
			rc == -1 ? strerror(errno) : "success");
		exit(1);
	}
}

static struct sockaddr_in loopback(int port)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static int port_of(int fd)
{
	struct sockaddr_in a = { 0 };
	socklen_t len = sizeof a;
	if (getsockname(fd, (struct sockaddr *)&a, &len) == -1)
		fail("getsockname");
	return ntohs(a.sin_port);
}

/* socket + bind 127.0.0.1:0 (+ listen when backlog >= 0); prints "port N" so the test knows it */
static int listener(int flags, int backlog)
{
	int fd = socket(AF_INET, SOCK_STREAM | flags, 0);
	if (fd == -1)
		fail("socket");
	struct sockaddr_in a = loopback(0);
	if (bind(fd, (struct sockaddr *)&a, sizeof a) == -1)
		fail("bind");
	if (backlog >= 0 && listen(fd, backlog) == -1)
		fail("listen");
	printf("port %d\n", port_of(fd));
	return fd;
}

static int connect_to(int port, int flags)
{
	int fd = socket(AF_INET, SOCK_STREAM | flags, 0);
	if (fd == -1)
		fail("socket");
	struct sockaddr_in a = loopback(port);
	if (connect(fd, (struct sockaddr *)&a, sizeof a) == -1)
		fail("connect");
	return fd;
}

/* ---- fork ---- */
static int mode_fork(void)
{
	int s = listener(0, 8);
	int p[2];
	if (pipe(p) == -1)
		fail("pipe");
	pid_t pid = fork();
	if (pid == -1)
		fail("fork");
	if (pid == 0) {
		char c;
		if (read(p[0], &c, 1) != 1) /* wait until the parent has closed its copy */
			fail("read");
		int d = dup(s);
		if (d == -1)
			fail("dup");
		if (close(s) == -1 || close(d) == -1)
			fail("close");
		_exit(0);
	}
	if (close(s) == -1)
		fail("close");
	if (write(p[1], "x", 1) != 1)
		fail("write");
	int status;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		fail("waitpid");
	return 0;
}

/* ---- thread ---- */
static int thread_listener = -1, thread_conn = -1, thread_dup = -1;

static void *accept_one(void *arg)
{
	(void)arg;
	thread_conn = accept4(thread_listener, NULL, NULL, SOCK_CLOEXEC);
	if (thread_conn == -1)
		fail("accept4");
	return NULL;
}

static void *close_dup(void *arg)
{
	(void)arg;
	if (close(thread_dup) == -1)
		fail("close");
	return NULL;
}

static int mode_thread(void)
{
	pthread_t th;
	thread_listener = listener(0, 8);
	int client = connect_to(port_of(thread_listener), 0);
	if (pthread_create(&th, NULL, accept_one, NULL) != 0 || pthread_join(th, NULL) != 0)
		fail("pthread");
	thread_dup = dup(thread_conn);
	if (thread_dup == -1)
		fail("dup");
	if (pthread_create(&th, NULL, close_dup, NULL) != 0 || pthread_join(th, NULL) != 0)
		fail("pthread");
	expect_errno(close(thread_dup), EBADF, "close of the fd the other thread closed");
	if (close(thread_conn) == -1 || close(client) == -1 || close(thread_listener) == -1)
		fail("close");
	return 0;
}

/* ---- exec ---- */
static int mode_exec(char *self)
{
	int kept = listener(0, 5);
	/* fds 20 and 21, out of the way of the fds the loader of the next program opens and closes */
	int s1 = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int s2 = socket(AF_INET, SOCK_STREAM, 0);
	if (s1 == -1 || s2 == -1)
		fail("socket");
	int flagged = fcntl(s1, F_DUPFD_CLOEXEC, 20);
	int later = fcntl(s2, F_DUPFD, 21);
	if (flagged == -1 || later == -1)
		fail("fcntl");
	if (close(s1) == -1 || close(s2) == -1)
		fail("close");
	if (fcntl(later, F_SETFD, FD_CLOEXEC) == -1)
		fail("fcntl");
	char a[16], b[16], c[16];
	snprintf(a, sizeof a, "%d", kept);
	snprintf(b, sizeof b, "%d", flagged);
	snprintf(c, sizeof c, "%d", later);
	fflush(stdout);
	char *argv[] = { self, "exec-child", a, b, c, NULL };
	execv("/proc/self/exe", argv);
	fail("execv");
}

static int mode_exec_child(char **argv)
{
	int kept = atoi(argv[2]), flagged = atoi(argv[3]), later = atoi(argv[4]);
	expect_errno(close(flagged), EBADF, "close of a SOCK_CLOEXEC fd after exec");
	expect_errno(close(later), EBADF, "close of an FD_CLOEXEC fd after exec");
	int d = dup(kept);
	if (d == -1)
		fail("dup");
	if (close(d) == -1 || close(kept) == -1)
		fail("close");
	return 0;
}

/* ---- errors ---- */
static int mode_errors(void)
{
	/* EADDRINUSE: a second socket for the port of a listener, without then with SO_REUSEADDR */
	int l = listener(SOCK_NONBLOCK, 16);
	int port = port_of(l);
	struct sockaddr_in a = loopback(port);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s == -1)
		fail("socket");
	expect_errno(bind(s, (struct sockaddr *)&a, sizeof a), EADDRINUSE, "bind without SO_REUSEADDR");
	int on = 1;
	if (setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == -1)
		fail("setsockopt");
	expect_errno(bind(s, (struct sockaddr *)&a, sizeof a), EADDRINUSE, "bind with SO_REUSEADDR");
	if (close(s) == -1)
		fail("close");

	/* EAGAIN: the non-blocking listener has nothing queued; the loop would wait in epoll */
	int ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep == -1)
		fail("epoll_create1");
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = l };
	if (epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev) == -1)
		fail("epoll_ctl");
	struct epoll_event out[4];
	if (epoll_wait(ep, out, 4, 0) != 0)
		fail("epoll_wait");
	expect_errno(accept4(l, NULL, NULL, SOCK_NONBLOCK), EAGAIN, "accept4 on an empty queue");

	/* EAGAIN on a connection with nothing to read yet */
	int client = connect_to(port, 0);
	struct sockaddr_in peer = { 0 };
	socklen_t plen = sizeof peer;
	int conn = accept4(l, (struct sockaddr *)&peer, &plen, SOCK_NONBLOCK);
	if (conn == -1)
		fail("accept4");
	printf("client port %d\n", ntohs(peer.sin_port));
	char buf[64];
	expect_errno(read(conn, buf, sizeof buf), EAGAIN, "read with nothing sent");

	/* ECONNRESET: the client closes with SO_LINGER 0, which sends a reset */
	struct linger lg = { 1, 0 };
	if (setsockopt(client, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) == -1)
		fail("setsockopt");
	if (close(client) == -1)
		fail("close");
	expect_errno(read(conn, buf, sizeof buf), ECONNRESET, "read after a reset");
	if (close(conn) == -1)
		fail("close");

	/* EPIPE: the client closed; the first write gets a reset back, the second fails */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	if (sigaction(SIGPIPE, &sa, NULL) == -1)
		fail("sigaction");
	client = connect_to(port, 0);
	conn = accept4(l, NULL, NULL, 0);
	if (conn == -1)
		fail("accept4");
	if (close(client) == -1)
		fail("close");
	if (write(conn, "first\n", 6) != 6)
		fail("write");
	expect_errno(write(conn, "second\n", 7), EPIPE, "write after the peer closed");
	if (close(conn) == -1)
		fail("close");

	/* ECONNREFUSED: a bound port that nobody listens on */
	int bound = listener(0, -1);
	int c2 = socket(AF_INET, SOCK_STREAM, 0);
	if (c2 == -1)
		fail("socket");
	struct sockaddr_in b = loopback(port_of(bound));
	expect_errno(connect(c2, (struct sockaddr *)&b, sizeof b), ECONNREFUSED, "connect to a closed port");
	if (close(c2) == -1 || close(bound) == -1)
		fail("close");

	/* EMFILE: a connection waits, but the fd limit leaves no fd for it */
	client = connect_to(port, 0);
	struct rlimit old, low;
	if (getrlimit(RLIMIT_NOFILE, &old) == -1)
		fail("getrlimit");
	low = old;
	low.rlim_cur = (rlim_t)client + 1; /* every fd up to the client's is taken */
	if (setrlimit(RLIMIT_NOFILE, &low) == -1)
		fail("setrlimit");
	expect_errno(accept4(l, NULL, NULL, 0), EMFILE, "accept4 at the fd limit");
	if (setrlimit(RLIMIT_NOFILE, &old) == -1)
		fail("setrlimit");

	/* a double close */
	if (close(client) == -1)
		fail("close");
	expect_errno(close(client), EBADF, "second close");
	if (close(ep) == -1 || close(l) == -1)
		fail("close");
	return 0;
}

/* ---- misc ---- */
static void send_fd(int over, int fd)
{
	char byte = 'f';
	struct iovec iov = { &byte, 1 };
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} ctl;
	memset(&ctl, 0, sizeof ctl);
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf, .msg_controllen = sizeof ctl.buf };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof fd);
	if (sendmsg(over, &mh, 0) != 1)
		fail("sendmsg");
}

static int recv_fd(int over)
{
	char byte;
	struct iovec iov = { &byte, 1 };
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} ctl;
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf, .msg_controllen = sizeof ctl.buf };
	if (recvmsg(over, &mh, 0) != 1)
		fail("recvmsg");
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
	int fd;
	if (!cm || cm->cmsg_type != SCM_RIGHTS)
		fail("recvmsg: no fd");
	memcpy(&fd, CMSG_DATA(cm), sizeof fd);
	return fd;
}

static int mode_misc(void)
{
	char buf[64];

	/* UDP: a datagram from one socket to another */
	int u = socket(AF_INET, SOCK_DGRAM, 0), v = socket(AF_INET, SOCK_DGRAM, 0);
	if (u == -1 || v == -1)
		fail("socket");
	struct sockaddr_in ua = loopback(0);
	if (bind(u, (struct sockaddr *)&ua, sizeof ua) == -1)
		fail("bind");
	printf("udp port %d\n", port_of(u));
	ua = loopback(port_of(u));
	if (sendto(v, "ping", 4, 0, (struct sockaddr *)&ua, sizeof ua) != 4)
		fail("sendto");
	struct sockaddr_in from = { 0 };
	socklen_t flen = sizeof from;
	if (recvfrom(u, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen) != 4)
		fail("recvfrom");
	printf("udp from %d\n", ntohs(from.sin_port));

	/* a UNIX stream listener on an abstract name, a client, the accepted connection */
	struct sockaddr_un un;
	memset(&un, 0, sizeof un);
	un.sun_family = AF_UNIX;
	int nlen = snprintf(un.sun_path + 1, sizeof un.sun_path - 1, "sockwalk-explain-%d", (int)getpid());
	socklen_t ulen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)nlen);
	int ul = socket(AF_UNIX, SOCK_STREAM, 0), uc = socket(AF_UNIX, SOCK_STREAM, 0);
	if (ul == -1 || uc == -1)
		fail("socket");
	if (bind(ul, (struct sockaddr *)&un, ulen) == -1 || listen(ul, 4) == -1)
		fail("bind/listen");
	if (connect(uc, (struct sockaddr *)&un, ulen) == -1)
		fail("connect");
	int ua_fd = accept4(ul, NULL, NULL, 0);
	if (ua_fd == -1)
		fail("accept4");

	/* the UDP socket u passed to ourselves over a socket pair: the fd that arrives is new to the trace */
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1)
		fail("socketpair");
	send_fd(sv[0], u);
	int got = recv_fd(sv[1]);
	int again = dup(got);
	if (again == -1)
		fail("dup");

	/* an eventfd bumped and read; a pipe */
	int e = eventfd(0, EFD_NONBLOCK);
	if (e == -1)
		fail("eventfd");
	/* watched with a pointer as its epoll data, as Go's runtime does, not the fd number */
	static int cookie;
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = &cookie };
	if (ep == -1 || epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev) == -1)
		fail("epoll");
	uint64_t one = 1;
	struct epoll_event out;
	if (write(e, &one, sizeof one) != sizeof one || epoll_wait(ep, &out, 1, 5000) != 1 ||
	    read(e, &one, sizeof one) != sizeof one || close(ep) == -1)
		fail("eventfd write/epoll_wait/read");
	int p[2];
	if (pipe(p) == -1)
		fail("pipe");
	if (write(p[1], "through", 7) != 7 || close(p[1]) == -1 || read(p[0], buf, sizeof buf) != 7 ||
	    read(p[0], buf, sizeof buf) != 0)
		fail("pipe write/read");

	/* IPv6 on ::1, when the machine has it */
	int s6 = socket(AF_INET6, SOCK_STREAM, 0);
	if (s6 >= 0) {
		struct sockaddr_in6 a6;
		memset(&a6, 0, sizeof a6);
		a6.sin6_family = AF_INET6;
		a6.sin6_addr = in6addr_loopback;
		if (bind(s6, (struct sockaddr *)&a6, sizeof a6) == 0)
			printf("ipv6 bound\n");
		close(s6);
	}

	/* a bind to a port given by number: one the kernel just handed out and took back (tried again
	 * should another program take it in between) */
	int fixed = -1;
	for (int tries = 0; tries < 5 && fixed < 0; tries++) {
		int probe = listener(0, -1);
		int port = port_of(probe);
		if (close(probe) == -1)
			fail("close");
		fixed = socket(AF_INET, SOCK_STREAM, 0);
		if (fixed == -1)
			fail("socket");
		struct sockaddr_in fa = loopback(port);
		if (bind(fixed, (struct sockaddr *)&fa, sizeof fa) == -1) {
			close(fixed);
			fixed = -1;
		} else {
			printf("fixed port %d\n", port);
		}
	}
	if (fixed < 0 || listen(fixed, 4) == -1)
		fail("bind to a fixed port");

	/* a non-blocking connect to it, finished with poll and SO_ERROR, then a half-close */
	int nb = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (nb == -1)
		fail("socket");
	struct sockaddr_in fa = loopback(port_of(fixed));
	if (connect(nb, (struct sockaddr *)&fa, sizeof fa) == -1) {
		if (errno != EINPROGRESS)
			fail("connect");
		printf("connect in progress\n");
		struct pollfd pf = { .fd = nb, .events = POLLOUT };
		if (poll(&pf, 1, 5000) != 1)
			fail("poll");
	}
	int soerr = -1;
	socklen_t elen = sizeof soerr;
	if (getsockopt(nb, SOL_SOCKET, SO_ERROR, &soerr, &elen) == -1 || soerr != 0)
		fail("getsockopt SO_ERROR");
	if (shutdown(nb, SHUT_WR) == -1)
		fail("shutdown");

	int fds[] = { u, v, ul, uc, ua_fd, sv[0], sv[1], got, again, e, p[0], fixed, nb };
	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
		if (close(fds[i]) == -1)
			fail("close");
	return 0;
}

/* ---- dualstack ---- */
static struct sockaddr_in6 inet6(const char *host, int port)
{
	struct sockaddr_in6 a;
	memset(&a, 0, sizeof a);
	a.sin6_family = AF_INET6;
	a.sin6_port = htons((unsigned short)port);
	if (inet_pton(AF_INET6, host, &a.sin6_addr) != 1)
		fail("inet_pton");
	return a;
}

static int mode_dualstack(void)
{
	int off = 0, on = 1;
	int l = socket(AF_INET6, SOCK_STREAM, 0);
	if (l == -1 && errno == EAFNOSUPPORT) {
		printf("no ipv6\n");
		return 0;
	}
	if (l == -1)
		fail("socket");
	/* IPV6_V6ONLY off: the listener on [::] takes IPv4 clients too, as ::ffff:a.b.c.d */
	struct sockaddr_in6 any = inet6("::", 0);
	if (setsockopt(l, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off) == -1 ||
	    bind(l, (struct sockaddr *)&any, sizeof any) == -1 || listen(l, 4) == -1)
		fail("setsockopt/bind/listen");
	struct sockaddr_in6 local;
	memset(&local, 0, sizeof local);
	socklen_t len = sizeof local;
	if (getsockname(l, (struct sockaddr *)&local, &len) == -1)
		fail("getsockname");
	printf("port %d\n", ntohs(local.sin6_port));
	int client = connect_to(ntohs(local.sin6_port), 0);
	struct sockaddr_in6 peer;
	memset(&peer, 0, sizeof peer);
	socklen_t plen = sizeof peer;
	int conn = accept4(l, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC);
	if (conn == -1)
		fail("accept4");
	printf("client port %d\n", ntohs(peer.sin6_port));
	if (close(conn) == -1 || close(client) == -1 || close(l) == -1)
		fail("close");

	/* IPV6_V6ONLY on: no IPv4 address, not even written as an IPv6 one */
	int s6 = socket(AF_INET6, SOCK_STREAM, 0);
	if (s6 == -1 || setsockopt(s6, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on) == -1)
		fail("socket/setsockopt");
	struct sockaddr_in6 mapped = inet6("::ffff:127.0.0.1", 0);
	expect_errno(bind(s6, (struct sockaddr *)&mapped, sizeof mapped), EINVAL, "bind of ::ffff:127.0.0.1 on an IPv6-only socket");
	/* once bound, a bind fails for that first, whatever the address */
	if (bind(s6, (struct sockaddr *)&any, sizeof any) == -1)
		fail("bind");
	expect_errno(bind(s6, (struct sockaddr *)&mapped, sizeof mapped), EINVAL, "second bind of an IPv6 socket");
	int s4 = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in lo = loopback(0);
	if (s4 == -1 || bind(s4, (struct sockaddr *)&lo, sizeof lo) == -1)
		fail("socket/bind");
	expect_errno(bind(s4, (struct sockaddr *)&lo, sizeof lo), EINVAL, "second bind of an IPv4 socket");
	if (close(s6) == -1 || close(s4) == -1)
		fail("close");
	return 0;
}

/* ---- udp-refused ---- */
/* The ICMP port-unreachable that answers a datagram to a port nobody holds comes back as an error on the
 * socket: poll reports it (POLLERR) without assuming how long it takes. */
static void wait_for_error(int fd)
{
	struct pollfd pf = { .fd = fd, .events = POLLIN };
	if (poll(&pf, 1, 5000) != 1 || !(pf.revents & POLLERR)) {
		errno = ETIMEDOUT;
		fail("poll: no ICMP error came back");
	}
}

static void send_one(int fd, const char *msg)
{
	if (send(fd, msg, strlen(msg), 0) != (ssize_t)strlen(msg))
		fail("send");
	wait_for_error(fd);
}

static int mode_udp_refused(void)
{
	/* a port nobody holds: one the kernel just handed a UDP socket and took back */
	int probe = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = loopback(0);
	if (probe == -1 || bind(probe, (struct sockaddr *)&a, sizeof a) == -1)
		fail("socket/bind");
	int port = port_of(probe);
	if (close(probe) == -1)
		fail("close");
	printf("port %d\n", port);
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	a = loopback(port);
	if (u == -1 || connect(u, (struct sockaddr *)&a, sizeof a) == -1)
		fail("socket/connect");
	char buf[64];
	send_one(u, "one");
	expect_errno(recv(u, buf, sizeof buf, 0), ECONNREFUSED, "recv after an ICMP port-unreachable");
	send_one(u, "two");
	expect_errno(read(u, buf, sizeof buf), ECONNREFUSED, "read after an ICMP port-unreachable");
	send_one(u, "three");
	struct iovec iov = { buf, sizeof buf };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	expect_errno(recvmsg(u, &mh, 0), ECONNREFUSED, "recvmsg after an ICMP port-unreachable");
	send_one(u, "four");
	expect_errno(send(u, "five", 4, 0), ECONNREFUSED, "send after an ICMP port-unreachable");
	if (close(u) == -1)
		fail("close");
	return 0;
}

/* ---- reuseport ---- */
static int reuseport_socket(int type, int port)
{
	int on = 1;
	int fd = socket(AF_INET, type, 0);
	struct sockaddr_in a = loopback(port);
	if (fd == -1 || setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) == -1)
		fail("socket/setsockopt");
	if (bind(fd, (struct sockaddr *)&a, sizeof a) == -1) {
		int err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	if (type == SOCK_STREAM && listen(fd, 4) == -1)
		fail("listen");
	return fd;
}

static int mode_reuseport(void)
{
	int a = reuseport_socket(SOCK_STREAM, 0);
	if (a == -1)
		fail("bind");
	int port = port_of(a);
	printf("port %d\n", port);
	int b = reuseport_socket(SOCK_STREAM, port);
	int u1 = reuseport_socket(SOCK_DGRAM, 0);
	if (b == -1 || u1 == -1)
		fail("bind");
	printf("udp port %d\n", port_of(u1));
	int u2 = reuseport_socket(SOCK_DGRAM, port_of(u1));
	if (u2 == -1)
		fail("bind");
	if (close(a) == -1 || close(b) == -1 || close(u1) == -1 || close(u2) == -1)
		fail("close");
	/* listeners that never had a connection leave no TIME_WAIT behind: the port is free again */
	int c = reuseport_socket(SOCK_STREAM, port);
	if (c == -1 && errno != EADDRINUSE)
		fail("bind");
	printf(c == -1 ? "port taken\n" : "alone\n");
	if (c != -1 && close(c) == -1)
		fail("close");
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	const char *mode = argc > 1 ? argv[1] : "";
	int rc;
	if (strcmp(mode, "fork") == 0)
		rc = mode_fork();
	else if (strcmp(mode, "thread") == 0)
		rc = mode_thread();
	else if (strcmp(mode, "exec") == 0)
		rc = mode_exec(argv[0]);
	else if (strcmp(mode, "exec-child") == 0 && argc == 5)
		rc = mode_exec_child(argv);
	else if (strcmp(mode, "errors") == 0)
		rc = mode_errors();
	else if (strcmp(mode, "misc") == 0)
		rc = mode_misc();
	else if (strcmp(mode, "dualstack") == 0)
		rc = mode_dualstack();
	else if (strcmp(mode, "udp-refused") == 0)
		rc = mode_udp_refused();
	else if (strcmp(mode, "reuseport") == 0)
		rc = mode_reuseport();
	else {
		fprintf(stderr, "usage: test-explain-calls fork|thread|exec|errors|misc|dualstack|udp-refused|reuseport\n");
		return 2;
	}
	printf("ok %s\n", mode);
	return rc;
}
