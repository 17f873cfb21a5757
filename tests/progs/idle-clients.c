/* idle-clients.c -- the benchmarks' own load (scripts/bench, built as bin/test-idle-clients): hold N idle
 * connections open to a loopback server (-n), or keep C connections busy against a server that answers one
 * message per connection and then closes, as stages 04-06 do (-l): wrk only speaks HTTP, those stages do not. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static const char *usage_text =
	"usage: test-idle-clients -p PORT [-a ADDR] -n N [-t SECONDS]\n"
	"       test-idle-clients -p PORT [-a ADDR] -l C -d SECONDS [-m MESSAGE] [-t SECONDS]\n"
	"  -p PORT     server port on ADDR (default address 127.0.0.1)\n"
	"  -n N        open N connections one after another and hold them without sending anything: prints\n"
	"              \"connected N\" once all are connected, then \"dropped K\" each time the server closes one,\n"
	"              until SIGTERM or SIGINT (exit 0)\n"
	"  -l C        load: C connections at a time, each sends MESSAGE, reads the answer until the server\n"
	"              closes, closes too and is replaced by a new one; after -d SECONDS prints\n"
	"              \"requests R errors E seconds S\" (R: connections answered with at least one byte)\n"
	"  -d SECONDS  how long the load lasts (default 3, at most 600)\n"
	"  -m MESSAGE  what each load connection sends (default \"hello\\n\")\n"
	"  -t SECONDS  how long one connect() may take with -n (default 5)\n";

#define MAX_IDLE 100000
#define MAX_LOAD 1000

static struct {
	struct sockaddr_storage addr;
	socklen_t addrlen;
	long idle;       /* -n */
	long load;       /* -l */
	double duration; /* -d */
	const char *message;
	int timeout;
} cfg = { .duration = 3, .message = "hello\n", .timeout = 5 };

static volatile sig_atomic_t stop;

static void on_stop(int sig)
{
	(void)sig;
	stop = 1;
}

static void __attribute__((noreturn)) fail(const char *what)
{
	fprintf(stderr, "test-idle-clients: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void __attribute__((noreturn)) usage_error(const char *msg)
{
	fprintf(stderr, "test-idle-clients: %s\n%s", msg, usage_text);
	exit(2);
}

/* A whole number in [min, max], or a usage error naming the option. */
static long number(const char *s, long min, long max, const char *what)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || v < min || v > max) {
		char msg[96];
		snprintf(msg, sizeof msg, "%s wants a number from %ld to %ld", what, min, max);
		usage_error(msg);
	}
	return v;
}

static void set_address(const char *addr, long port)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)&cfg.addr;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&cfg.addr;

	if (inet_pton(AF_INET, addr, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)port);
		cfg.addrlen = sizeof *in4;
	} else if (inet_pton(AF_INET6, addr, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		cfg.addrlen = sizeof *in6;
	} else {
		usage_error("-a wants an IPv4 or IPv6 address");
	}
}

static void parse_args(int argc, char **argv)
{
	const char *addr = "127.0.0.1";
	long port = -1;
	int c;

	while ((c = getopt(argc, argv, "a:p:n:l:d:m:t:h")) != -1) {
		switch (c) {
		case 'a': addr = optarg; break;
		case 'p': port = number(optarg, 1, 65535, "-p"); break;
		case 'n': cfg.idle = number(optarg, 1, MAX_IDLE, "-n"); break;
		case 'l': cfg.load = number(optarg, 1, MAX_LOAD, "-l"); break;
		case 'd': cfg.duration = (double)number(optarg, 1, 600, "-d"); break;
		case 'm': cfg.message = optarg; break;
		case 't': cfg.timeout = (int)number(optarg, 1, 600, "-t"); break;
		case 'h': fputs(usage_text, stdout); exit(0);
		default: usage_error("unknown option or missing argument");
		}
	}
	if (port == -1)
		usage_error("-p PORT is required");
	if ((cfg.idle == 0) == (cfg.load == 0))
		usage_error("give either -n N or -l C");
	if (optind < argc)
		usage_error("unexpected argument");
	if (cfg.message[0] == '\0')
		usage_error("-m wants a non-empty message");
	set_address(addr, port);
}

/* N connections need N fds: raise the soft limit on open files to what is needed (at most the hard limit). */
static void allow_fds(long n)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		fail("getrlimit");
	rlim_t want = (rlim_t)n + 64;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
		if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want) {
			fprintf(stderr, "test-idle-clients: %ld connections need %lu open files, the hard limit is %lu\n", n,
				(unsigned long)want, (unsigned long)rl.rlim_max);
			exit(1);
		}
		rl.rlim_cur = want;
		if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
			fail("setrlimit");
	}
}

static double now(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		fail("clock_gettime");
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- -n: idle connections ---- */

/* A blocking connect; SO_SNDTIMEO bounds how long it may take (the server's accept queue may be full). */
static int connect_blocking(void)
{
	struct timeval tv = { .tv_sec = cfg.timeout };
	int fd = socket(cfg.addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd == -1)
		fail("socket");
	if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) == -1)
		fail("setsockopt SO_SNDTIMEO");
	if (connect(fd, (struct sockaddr *)&cfg.addr, cfg.addrlen) == -1)
		fail("connect");
	return fd;
}

/* Connect N, say so, then wait: a connection that becomes readable or hung up was closed by the server
 * (these clients never send, so a server has nothing to answer): count it, close it, say how many so far. */
static int hold_idle(void)
{
	int ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep == -1)
		fail("epoll_create1");
	for (long i = 0; i < cfg.idle; i++) {
		int fd = connect_blocking();
		struct epoll_event ev = { .events = EPOLLIN | EPOLLRDHUP, .data.fd = fd };
		if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == -1)
			fail("epoll_ctl");
	}
	printf("connected %ld\n", cfg.idle);

	long dropped = 0;
	while (!stop) {
		struct epoll_event evs[256];
		int n = epoll_wait(ep, evs, 256, -1);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			fail("epoll_wait");
		}
		for (int i = 0; i < n; i++) {
			if (close(evs[i].data.fd) == -1) /* closing also takes it out of the epoll set */
				fail("close");
			dropped++;
		}
		printf("dropped %ld\n", dropped);
	}
	return 0;
}

/* ---- -l: one message per connection, as many connections as the server answers in -d seconds ---- */

enum state { CONNECTING, READING };
struct slot {
	int fd;
	enum state state;
	size_t got; /* bytes of answer read */
};

static long answered, errors;

/* Start a new non-blocking connection in slot s; connect() on loopback usually says EINPROGRESS and
 * epoll reports EPOLLOUT once the handshake is done. */
static void start_connection(int ep, struct slot *s)
{
	s->fd = socket(cfg.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd == -1)
		fail("socket");
	s->state = CONNECTING;
	s->got = 0;
	if (connect(s->fd, (struct sockaddr *)&cfg.addr, cfg.addrlen) == -1 && errno != EINPROGRESS)
		fail("connect");
	struct epoll_event ev = { .events = EPOLLOUT, .data.ptr = s };
	if (epoll_ctl(ep, EPOLL_CTL_ADD, s->fd, &ev) == -1)
		fail("epoll_ctl");
}

/* The connection is over (answered or failed): close it and start the next one in its place. */
static void finish(int ep, struct slot *s, bool ok)
{
	if (ok)
		answered++;
	else
		errors++;
	if (close(s->fd) == -1)
		fail("close");
	start_connection(ep, s);
}

static void connected(int ep, struct slot *s)
{
	int err = 0;
	socklen_t len = sizeof err;
	if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
		fail("getsockopt SO_ERROR");
	if (err != 0) {
		finish(ep, s, false);
		return;
	}
	/* The message is a few bytes: a new socket's send buffer always takes it whole. */
	size_t mlen = strlen(cfg.message);
	ssize_t n = send(s->fd, cfg.message, mlen, MSG_NOSIGNAL);
	if (n != (ssize_t)mlen) {
		finish(ep, s, false);
		return;
	}
	s->state = READING;
	struct epoll_event ev = { .events = EPOLLIN, .data.ptr = s };
	if (epoll_ctl(ep, EPOLL_CTL_MOD, s->fd, &ev) == -1)
		fail("epoll_ctl");
}

/* Read what has arrived; the server closing the connection (read() = 0) ends the answer. */
static void readable(int ep, struct slot *s)
{
	char buf[4096];
	for (;;) {
		ssize_t n = read(s->fd, buf, sizeof buf);
		if (n > 0) {
			s->got += (size_t)n;
			continue;
		}
		if (n == -1 && errno == EAGAIN)
			return;
		finish(ep, s, n == 0 && s->got > 0);
		return;
	}
}

static int drive_load(void)
{
	static struct slot slots[MAX_LOAD];
	int ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep == -1)
		fail("epoll_create1");
	double start = now(), end = start + cfg.duration;
	for (long i = 0; i < cfg.load; i++)
		start_connection(ep, &slots[i]);

	double t;
	while (!stop && (t = now()) < end) {
		struct epoll_event evs[MAX_LOAD];
		int ms = (int)((end - t) * 1000) + 1;
		int n = epoll_wait(ep, evs, MAX_LOAD, ms);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			fail("epoll_wait");
		}
		for (int i = 0; i < n; i++) {
			struct slot *s = evs[i].data.ptr;
			if (s->state == CONNECTING)
				connected(ep, s);
			else
				readable(ep, s);
		}
	}
	printf("requests %ld errors %ld seconds %.3f\n", answered, errors, now() - start);
	return 0;
}

int main(int argc, char **argv)
{
	parse_args(argc, argv);
	if (setvbuf(stdout, NULL, _IOLBF, 0) != 0)
		fail("setvbuf");
	struct sigaction sa = { .sa_handler = on_stop }; /* no SA_RESTART: epoll_wait() returns EINTR */
	if (sigaction(SIGTERM, &sa, NULL) == -1 || sigaction(SIGINT, &sa, NULL) == -1)
		fail("sigaction");
	allow_fds(cfg.idle + cfg.load);
	return cfg.idle ? hold_idle() : drive_load();
}
