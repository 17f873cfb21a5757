/* threads.c -- several threads making socket syscalls at once over one loopback listener, so that a
 * tracer sees calls of different threads interleave (strace's "<unfinished ...>" / "<... resumed>"), and
 * a load of known size for timing a trace (-t 1 -n 1000 makes 10,000 socket calls).
 *
 * usage: test-threads [-t THREADS] [-n ROUNDS] [-h]
 *   Main opens a TCP listener on 127.0.0.1 (port 0) and prints "listening on 127.0.0.1:PORT"; then each
 *   of THREADS threads (default 4) does ROUNDS rounds (default 10) of ten calls: socket, setsockopt
 *   TCP_NODELAY, connect to the listener, write "ping", accept4 (whichever connection comes: maybe
 *   another thread's), read 4 bytes, write "pong", read 4 bytes on its own connection, close, close.
 *   The threads start together at a barrier. Prints "done: THREADS threads x ROUNDS rounds" and exits 0;
 *   a failing call is named on stderr with exit 1. No round can wait forever: every connection some
 *   thread made is accepted by some thread, and each written message is read. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum { MAX_THREADS = 64, MAX_ROUNDS = 100000 };

static int listener;
static struct sockaddr_in listen_addr;
static int rounds = 10;
static pthread_barrier_t start;

static void die(const char *what)
{
	fprintf(stderr, "test-threads: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Read exactly n bytes (a short read on loopback is possible, if rare). */
static void read_all(int fd, char *buf, size_t n, const char *what)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0)
				errno = EPIPE;
			die(what);
		}
		got += (size_t)r;
	}
}

static void write_all(int fd, const char *buf, size_t n, const char *what)
{
	size_t put = 0;
	while (put < n) {
		ssize_t w = write(fd, buf + put, n - put);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			die(what);
		put += (size_t)w;
	}
}

static void *worker(void *arg)
{
	(void)arg;
	int rc = pthread_barrier_wait(&start);
	if (rc != 0 && rc != PTHREAD_BARRIER_SERIAL_THREAD) {
		errno = rc;
		die("pthread_barrier_wait");
	}
	for (int i = 0; i < rounds; i++) {
		char buf[4];
		int one = 1;
		int c = socket(AF_INET, SOCK_STREAM, 0);
		if (c < 0)
			die("socket");
		if (setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0)
			die("setsockopt");
		if (connect(c, (struct sockaddr *)&listen_addr, sizeof listen_addr) != 0)
			die("connect");
		write_all(c, "ping", 4, "write");
		int s;
		do
			s = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
		while (s < 0 && errno == EINTR);
		if (s < 0)
			die("accept4");
		read_all(s, buf, 4, "read");
		write_all(s, "pong", 4, "write");
		read_all(c, buf, 4, "read");
		if (close(s) != 0)
			die("close");
		if (close(c) != 0)
			die("close");
	}
	return NULL;
}

static int number(const char *s, int lo, int hi, const char *what)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < lo || v > hi) {
		fprintf(stderr, "test-threads: %s must be %d..%d, not '%s'\n", what, lo, hi, s);
		exit(2);
	}
	return (int)v;
}

int main(int argc, char **argv)
{
	int nthreads = 4, opt;
	while ((opt = getopt(argc, argv, "t:n:h")) != -1) {
		switch (opt) {
		case 't': nthreads = number(optarg, 1, MAX_THREADS, "-t THREADS"); break;
		case 'n': rounds = number(optarg, 1, MAX_ROUNDS, "-n ROUNDS"); break;
		case 'h':
			printf("usage: test-threads [-t THREADS] [-n ROUNDS]\n");
			return 0;
		default:
			fprintf(stderr, "usage: test-threads [-t THREADS] [-n ROUNDS]\n");
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "usage: test-threads [-t THREADS] [-n ROUNDS]\n");
		return 2;
	}

	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0)
		die("socket");
	listen_addr.sin_family = AF_INET;
	listen_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(listener, (struct sockaddr *)&listen_addr, sizeof listen_addr) != 0)
		die("bind");
	/* every thread may have one connection waiting at a time: this backlog never fills */
	if (listen(listener, MAX_THREADS) != 0)
		die("listen");
	socklen_t len = sizeof listen_addr;
	if (getsockname(listener, (struct sockaddr *)&listen_addr, &len) != 0)
		die("getsockname");
	printf("listening on 127.0.0.1:%d\n", ntohs(listen_addr.sin_port));
	fflush(stdout);

	pthread_t tids[MAX_THREADS];
	int rc = pthread_barrier_init(&start, NULL, (unsigned)nthreads);
	if (rc != 0) {
		errno = rc;
		die("pthread_barrier_init");
	}
	for (int i = 0; i < nthreads; i++) {
		rc = pthread_create(&tids[i], NULL, worker, NULL);
		if (rc != 0) {
			errno = rc;
			die("pthread_create");
		}
	}
	for (int i = 0; i < nthreads; i++) {
		rc = pthread_join(tids[i], NULL);
		if (rc != 0) {
			errno = rc;
			die("pthread_join");
		}
	}
	if (close(listener) != 0)
		die("close");
	printf("done: %d threads x %d rounds\n", nthreads, rounds);
	return 0;
}
