/* hostile.c -- the clients a server meets on a bad day, for tests/hardening.bats (built as bin/test-hostile):
 * connections held open with half a request (slowloris), thousands of connections of every rude shape
 * (resets, half-closes, silence, bytes one at a time, pipelined and malformed requests), a pipeline that
 * never reads its answers, and raw bytes with the server's answer shown. Loopback servers only. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *usage_text =
	"usage: test-hostile -p PORT [-a ADDR] [-H] [-t SECONDS] MODE ...\n"
	"  -p PORT      the server's port on ADDR (default address 127.0.0.1; loopback addresses only)\n"
	"  -H           the server speaks HTTP (stage 07); default: one line in, \"Message received.\\n\" out\n"
	"  -t SECONDS   how long one connect or answer may take (default 5)\n"
	"modes:\n"
	"  hold N [BYTES]     open N connections one after another, send BYTES on each (escapes \\r \\n \\t \\xHH),\n"
	"                     print \"connected N\", then one line per connection the server ends:\n"
	"                     \"conn I closed after MS ms: FIRST-LINE\" (or \"(nothing)\"), until SIGTERM or all ended\n"
	"  mix N [-j JOBS]    N connections of every shape in turn (JOBS processes, default 2), each checked;\n"
	"                     prints one line per shape and \"mix: N connections, U unexpected\"\n"
	"  pipeline N [-r]    one connection sends N requests (GET /), reading only when it cannot send: the\n"
	"                     answers outgrow the socket buffers. Prints \"answers A of N\"; with -r it resets\n"
	"                     the connection once the server has stopped sending instead of reading on\n"
	"  drip BYTES MS      send BYTES, then one more byte every MS ms until the server answers or closes,\n"
	"                     or -t passes; prints \"closed after T ms and K bytes dripped: FIRST-LINE\"\n"
	"  raw BYTES [-b] [-w]  send BYTES (escapes as above; -b: one byte per send, 2 ms apart), with -w shut\n"
	"                     down the writing side, then print every line of the answer until the server closes\n"
	"                     (\"closed\"), resets (\"reset\") or -t passes (\"timeout\")\n";

static struct sockaddr_storage server;
static socklen_t server_len;
static bool http;
static int timeout_s = 5;
static int rcvbuf; /* > 0: SO_RCVBUF of the next dial(), set before connect() so the window stays small */

static void __attribute__((noreturn)) fail(const char *what)
{
	fprintf(stderr, "test-hostile: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void __attribute__((noreturn)) usage_error(const char *msg)
{
	fprintf(stderr, "test-hostile: %s\n%s", msg, usage_text);
	exit(2);
}

static long number(const char *s, long min, long max, const char *what)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		fprintf(stderr, "test-hostile: bad %s '%s' (%ld to %ld)\n", what, s, min, max);
		exit(2);
	}
	return v;
}

static double now_ms(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		fail("clock_gettime");
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode \r \n \t \\ \xHH in place; returns the byte count. */
static size_t unescape(char *s)
{
	size_t o = 0;
	for (size_t i = 0; s[i]; i++) {
		if (s[i] != '\\' || !s[i + 1]) {
			s[o++] = s[i];
			continue;
		}
		char e = s[++i];
		if (e == 'r')
			s[o++] = '\r';
		else if (e == 'n')
			s[o++] = '\n';
		else if (e == 't')
			s[o++] = '\t';
		else if (e == 'x' && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			s[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else
			s[o++] = e;
	}
	return o;
}

/* A connected blocking socket with -t timeouts on connect, send and receive; -1 when the connect failed. */
static int dial(void)
{
	struct timeval tv = { .tv_sec = timeout_s };
	int fd = socket(server.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd == -1)
		fail("socket");
	if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == -1)
		fail("setsockopt");
	if (rcvbuf > 0 && setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf) == -1)
		fail("setsockopt SO_RCVBUF");
	if (connect(fd, (struct sockaddr *)&server, server_len) == -1) {
		if (close(fd) == -1)
			fail("close");
		return -1;
	}
	return fd;
}

/* Close with a TCP reset instead of FIN: SO_LINGER with a zero timeout. */
static void reset_close(int fd)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	if (setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) == -1)
		fail("setsockopt SO_LINGER");
	if (close(fd) == -1)
		fail("close");
}

static bool send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Pause after every byte_pause_every bytes sent one at a time, for byte_pause_us microseconds: long enough
 * for the server to read what there is, so that its reads come in pieces. */
static int byte_pause_every = 8, byte_pause_us = 200;

/* One byte per send(), TCP_NODELAY so that each leaves at once as its own segment. */
static bool send_bytewise(int fd, const char *p, size_t n)
{
	int on = 1;
	if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) == -1)
		fail("setsockopt TCP_NODELAY");
	for (size_t i = 0; i < n; i++) {
		if (!send_all(fd, p + i, 1))
			return false;
		if ((int)(i % (size_t)byte_pause_every) == byte_pause_every - 1)
			usleep((useconds_t)byte_pause_us);
	}
	return true;
}

/* Read until the server closes (returns the byte count), resets or times out (-1; errno says which).
 * At most cap-1 bytes are kept, NUL-terminated; the rest is read and counted but not kept. */
static ssize_t read_to_eof(int fd, char *buf, size_t cap)
{
	size_t kept = 0, total = 0;
	char sink[4096];
	for (;;) {
		char *into = kept < cap - 1 ? buf + kept : sink;
		size_t room = kept < cap - 1 ? cap - 1 - kept : sizeof sink;
		ssize_t r = recv(fd, into, room, 0);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			buf[kept] = '\0';
			return -1;
		}
		if (r == 0)
			break;
		if (into != sink)
			kept += (size_t)r;
		total += (size_t)r;
	}
	buf[kept] = '\0';
	return (ssize_t)total;
}

static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* ---- mix: every shape of connection, each with what a correct server does ---- */
#define LINE_REPLY "Message received.\n"
#define GET_HELLO "GET /hello HTTP/1.1\r\nHost: test\r\n\r\n"
#define GET_HELLO_CLOSE "GET /hello HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"

/* Each shape returns true when the server did what it should (for a client that walks away, that it let
 * the client connect at all: the server's own health is checked by the test afterwards). */
static bool shape_whole(int fd)
{
	char buf[4096];
	if (!http)
		return send_all(fd, "hello\n", 6) && read_to_eof(fd, buf, sizeof buf) >= 0 &&
		       strcmp(buf, LINE_REPLY) == 0;
	return send_all(fd, GET_HELLO_CLOSE, strlen(GET_HELLO_CLOSE)) && read_to_eof(fd, buf, sizeof buf) > 0 &&
	       strncmp(buf, "HTTP/1.1 200 OK\r\n", 17) == 0 && strstr(buf, "\r\n\r\nHello, world!\n") != NULL;
}

static bool shape_bytewise(int fd)
{
	char buf[4096];
	if (!http) /* the line server answers its first read and closes: one byte is a whole request to it */
		return send_bytewise(fd, "h", 1) && read_to_eof(fd, buf, sizeof buf) >= 0 &&
		       strcmp(buf, LINE_REPLY) == 0;
	return send_bytewise(fd, GET_HELLO_CLOSE, strlen(GET_HELLO_CLOSE)) && read_to_eof(fd, buf, sizeof buf) > 0 &&
	       count_of(buf, "HTTP/1.1 200 OK\r\n") == 1 && strstr(buf, "Hello, world!\n") != NULL;
}

static bool shape_pipelined(int fd)
{
	char buf[8192];
	if (!http) /* two lines at once: one read, one answer */
		return send_all(fd, "one\ntwo\n", 8) && read_to_eof(fd, buf, sizeof buf) >= 0 &&
		       strcmp(buf, LINE_REPLY) == 0;
	static const char three[] = GET_HELLO "HEAD /hello HTTP/1.1\r\nHost: test\r\n\r\n" GET_HELLO_CLOSE;
	return send_all(fd, three, strlen(three)) && read_to_eof(fd, buf, sizeof buf) > 0 &&
	       count_of(buf, "HTTP/1.1 200 OK\r\n") == 3 && count_of(buf, "Hello, world!\n") == 2;
}

static bool shape_half_close(int fd)
{
	char buf[4096];
	const char *req = http ? GET_HELLO : "hel";
	if (!send_all(fd, req, strlen(req)) || shutdown(fd, SHUT_WR) == -1)
		return false;
	if (read_to_eof(fd, buf, sizeof buf) < 0)
		return false;
	return http ? strncmp(buf, "HTTP/1.1 200 OK\r\n", 17) == 0 : strcmp(buf, LINE_REPLY) == 0;
}

static bool shape_malformed(int fd)
{
	char buf[4096];
	if (!http) /* the line server takes any bytes */
		return send_all(fd, "\x00\xff\r\r\n", 5) && read_to_eof(fd, buf, sizeof buf) >= 0 &&
		       strcmp(buf, LINE_REPLY) == 0;
	static const char *bad[] = { "GET / HTTP/1.1\r\nHost a\r\n\r\n", "GET /\r\n\r\n", "\x16\x03\x01\x00\xa5\x01\r\n\r\n",
				     "GET / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n" };
	static unsigned turn;
	const char *req = bad[turn++ % (sizeof bad / sizeof bad[0])];
	return send_all(fd, req, strlen(req)) && read_to_eof(fd, buf, sizeof buf) > 0 &&
	       strncmp(buf, "HTTP/1.1 400 Bad Request\r\n", 26) == 0;
}

static bool shape_silent_close(int fd)
{
	return close(fd) == 0;
}

static bool shape_reset_at_once(int fd)
{
	reset_close(fd);
	return true;
}

static bool shape_reset_mid_request(int fd)
{
	const char *half = http ? "GET /hello HTTP/1.1\r\nHo" : "half a li";
	bool ok = send_all(fd, half, strlen(half));
	reset_close(fd);
	return ok;
}

/* Many requests, then a reset before reading a byte: the server is still answering when the client vanishes. */
static bool shape_reset_mid_answer(int fd)
{
	char reqs[64 * sizeof GET_HELLO];
	size_t n = 0;
	for (int i = 0; i < (http ? 64 : 1); i++) {
		const char *r = http ? GET_HELLO : "hello\n";
		memcpy(reqs + n, r, strlen(r)); /* NOLINT(bugprone-not-null-terminated-result): bytes, not a string */
		n += strlen(r);
	}
	bool ok = send_all(fd, reqs, n);
	reset_close(fd);
	return ok;
}

static const struct shape {
	const char *name;
	bool (*run)(int fd);
	bool closes; /* the shape closes the fd itself */
} shapes[] = {
	{ "whole", shape_whole, false },
	{ "bytewise", shape_bytewise, false },
	{ "pipelined", shape_pipelined, false },
	{ "half-close", shape_half_close, false },
	{ "malformed", shape_malformed, false },
	{ "silent-close", shape_silent_close, true },
	{ "reset-at-once", shape_reset_at_once, true },
	{ "reset-mid-request", shape_reset_mid_request, true },
	{ "reset-mid-answer", shape_reset_mid_answer, true },
};
#define N_SHAPES (sizeof shapes / sizeof shapes[0])

struct tally {
	long ok[N_SHAPES], bad[N_SHAPES], no_connect;
};

static int run_mix(long n, int jobs)
{
	struct tally *t = mmap(NULL, sizeof *t, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (t == MAP_FAILED)
		fail("mmap");
	memset(t, 0, sizeof *t);
	double start = now_ms();
	for (int j = 0; j < jobs; j++) {
		pid_t pid = fork();
		if (pid == -1)
			fail("fork");
		if (pid > 0)
			continue;
		for (long i = j; i < n; i += jobs) {
			size_t s = (size_t)(i % (long)N_SHAPES);
			int fd = dial();
			if (fd == -1) {
				__atomic_fetch_add(&t->no_connect, 1, __ATOMIC_RELAXED);
				continue;
			}
			bool ok = shapes[s].run(fd);
			if (!shapes[s].closes && close(fd) == -1)
				fail("close");
			__atomic_fetch_add(ok ? &t->ok[s] : &t->bad[s], 1, __ATOMIC_RELAXED);
		}
		_exit(0);
	}
	int status, failed_jobs = 0;
	for (int j = 0; j < jobs; j++) {
		if (wait(&status) == -1)
			fail("wait");
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed_jobs++;
	}
	long unexpected = t->no_connect;
	for (size_t s = 0; s < N_SHAPES; s++) {
		printf("%-18s %ld as expected, %ld not\n", shapes[s].name, t->ok[s], t->bad[s]);
		unexpected += t->bad[s];
	}
	if (t->no_connect)
		printf("connect failed %ld times\n", t->no_connect);
	if (failed_jobs)
		printf("%d client processes failed\n", failed_jobs);
	printf("mix: %ld connections in %.1f s, %ld unexpected\n", n, (now_ms() - start) / 1e3, unexpected);
	return unexpected || failed_jobs ? 1 : 0;
}

/* ---- hold: many connections kept open, each with a few bytes sent ---- */
static volatile sig_atomic_t stop;
static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int run_hold(long n, const char *bytes, size_t len)
{
	struct pollfd *fds = calloc((size_t)n, sizeof *fds);
	double *since = calloc((size_t)n, sizeof *since);
	if (fds == NULL || since == NULL)
		fail("calloc");
	long open_ = 0;
	for (long i = 0; i < n; i++) {
		int fd = dial();
		if (fd == -1)
			fail("connect");
		if (len > 0 && !send_all(fd, bytes, len))
			printf("conn %ld: send failed: %s\n", i, strerror(errno));
		fds[i] = (struct pollfd){ .fd = fd, .events = POLLIN };
		since[i] = now_ms();
		open_++;
	}
	printf("connected %ld\n", n);
	fflush(stdout);
	struct sigaction sa = { .sa_handler = on_signal };
	if (sigaction(SIGTERM, &sa, NULL) == -1 || sigaction(SIGINT, &sa, NULL) == -1)
		fail("sigaction");
	while (!stop && open_ > 0) {
		int r = poll(fds, (nfds_t)n, -1);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			fail("poll");
		for (long i = 0; i < n; i++) {
			if (fds[i].fd < 0 || fds[i].revents == 0)
				continue;
			char buf[4096];
			ssize_t got = read_to_eof(fds[i].fd, buf, sizeof buf);
			char *eol = strpbrk(buf, "\r\n");
			if (eol)
				*eol = '\0';
			printf("conn %ld %s after %.0f ms: %s\n", i, got < 0 ? "reset" : "closed", now_ms() - since[i],
			       buf[0] ? buf : "(nothing)");
			fflush(stdout);
			if (close(fds[i].fd) == -1)
				fail("close");
			fds[i].fd = -1;
			open_--;
		}
	}
	printf("still open %ld\n", open_);
	free(fds);
	free(since);
	return 0;
}

/* ---- pipeline: N requests on one connection; the answers are left unread until the server cannot send ---- */
static int unread_bytes(int fd)
{
	int n;
	if (ioctl(fd, FIONREAD, &n) == -1)
		fail("ioctl FIONREAD");
	return n;
}

static int run_pipeline(long n, bool reset)
{
	static const char req[] = "GET / HTTP/1.1\r\nHost: test\r\n\r\n";
	static const char status[] = "HTTP/1.1 200 OK\r\n";
	rcvbuf = 4096; /* the kernel doubles it; small, so that the answers soon fill it */
	int fd = dial();
	if (fd == -1)
		fail("connect");
	size_t total = (size_t)n * (sizeof req - 1), sent = 0, matched = 0;
	long answers = 0;
	bool stalled = false;
	double last_progress = now_ms();
	int last_unread = -1;
	char buf[65536];

	while (answers < n && now_ms() - last_progress < timeout_s * 1e3) {
		struct pollfd p = { .fd = fd, .events = (sent < total ? POLLOUT : 0) | (stalled ? POLLIN : 0) };
		int r = poll(&p, 1, 100);
		if (r == -1)
			fail("poll");
		if (r == 0 && !stalled) {
			/* Sending is stuck or done and nothing is read: once what waits for us stops growing, the
			 * server holds answers the kernel cannot take (it waits for EPOLLOUT). */
			int unread = unread_bytes(fd);
			if (unread == last_unread) {
				printf("stalled: %zu of %zu request bytes sent, %d answer bytes unread\n", sent, total, unread);
				if (reset) {
					reset_close(fd);
					printf("reset\n");
					return 0;
				}
				stalled = true;
			}
			last_unread = unread;
		}
		if (p.revents & POLLOUT) {
			size_t off = sent % (sizeof req - 1); /* a request may go in pieces */
			ssize_t w = send(fd, req + off, sizeof req - 1 - off, MSG_NOSIGNAL | MSG_DONTWAIT);
			if (w > 0) {
				sent += (size_t)w;
				last_progress = now_ms();
			} else if (w == -1 && errno != EAGAIN) {
				printf("send: %s\n", strerror(errno));
				break;
			}
		}
		if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
			ssize_t got = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
			if (got == 0 || (got == -1 && errno != EAGAIN))
				break;
			/* count status lines as they stream past; one may straddle two reads */
			for (ssize_t i = 0; i < got; i++) {
				matched = buf[i] == status[matched] ? matched + 1 : buf[i] == status[0]; /* 'H' once in it */
				if (matched == sizeof status - 1) {
					answers++;
					matched = 0;
				}
			}
			if (got > 0)
				last_progress = now_ms();
		}
	}
	printf("%s; answers %ld of %ld\n", stalled ? "read after the stall" : "never stalled", answers, n);
	if (close(fd) == -1)
		fail("close");
	return answers == n ? 0 : 1;
}

/* ---- drip: a request that never ends, one more byte every MS milliseconds (slowloris) ---- */
static int run_drip(char *bytes, long ms)
{
	size_t len = unescape(bytes);
	int fd = dial();
	if (fd == -1)
		fail("connect");
	double start = now_ms();
	long dripped = 0;
	bool ok = send_all(fd, bytes, len);
	struct pollfd p = { .fd = fd, .events = POLLIN };
	while (ok && now_ms() - start < timeout_s * 1e3) {
		int r = poll(&p, 1, (int)ms);
		if (r == -1)
			fail("poll");
		if (r > 0)
			break;
		ok = send_all(fd, "x", 1);
		dripped++;
	}
	char buf[4096];
	ssize_t got = read_to_eof(fd, buf, sizeof buf);
	char *eol = strpbrk(buf, "\r\n");
	if (eol)
		*eol = '\0';
	printf("%s after %.0f ms and %ld bytes dripped: %s\n", got < 0 ? "reset" : "closed", now_ms() - start,
	       dripped, buf[0] ? buf : "(nothing)");
	if (close(fd) == -1)
		fail("close");
	return 0;
}

/* ---- raw: any bytes, and the answer line by line ---- */
static int run_raw(char *bytes, bool bytewise, bool shut)
{
	size_t len = unescape(bytes);
	int fd = dial();
	if (fd == -1)
		fail("connect");
	bool ok = bytewise ? send_bytewise(fd, bytes, len) : send_all(fd, bytes, len);
	if (!ok)
		printf("send failed: %s\n", strerror(errno));
	if (shut && shutdown(fd, SHUT_WR) == -1)
		fail("shutdown");
	static char buf[1 << 20];
	ssize_t got = read_to_eof(fd, buf, sizeof buf);
	int err = errno;
	for (char *line = buf, *next; *line; line = next) {
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		int n = (int)(next - line);
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		printf("%.*s\n", n, line);
	}
	if (got >= 0)
		printf("closed\n");
	else
		printf("%s\n", err == EAGAIN || err == EWOULDBLOCK ? "timeout" : err == ECONNRESET ? "reset" : strerror(err));
	if (close(fd) == -1)
		fail("close");
	return 0;
}

int main(int argc, char **argv)
{
	const char *addr = "127.0.0.1";
	long port = -1;
	int opt;

	while ((opt = getopt(argc, argv, "+p:a:Ht:h")) != -1) {
		switch (opt) {
		case 'p': port = number(optarg, 1, 65535, "port"); break;
		case 'a': addr = optarg; break;
		case 'H': http = true; break;
		case 't': timeout_s = (int)number(optarg, 1, 600, "timeout"); break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: usage_error("bad option");
		}
	}
	if (port == -1 || optind >= argc)
		usage_error("-p PORT and a MODE are needed");

	struct sockaddr_in *in4 = (struct sockaddr_in *)&server;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&server;
	if (inet_pton(AF_INET, addr, &in4->sin_addr) == 1 && (ntohl(in4->sin_addr.s_addr) >> 24) == 127) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons((uint16_t)port);
		server_len = sizeof *in4;
	} else if (inet_pton(AF_INET6, addr, &in6->sin6_addr) == 1 && IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr)) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		server_len = sizeof *in6;
	} else {
		usage_error("ADDR must be a loopback address (127.0.0.0/8 or ::1)");
	}
	if (setvbuf(stdout, NULL, _IOLBF, 0) != 0)
		fail("setvbuf");

	const char *mode = argv[optind++];
	int rest = argc - optind;
	char **args = argv + optind;
	if (strcmp(mode, "hold") == 0 && (rest == 1 || rest == 2)) {
		long n = number(args[0], 1, 100000, "count");
		size_t len = rest == 2 ? unescape(args[1]) : 0;
		return run_hold(n, rest == 2 ? args[1] : "", len);
	}
	if (strcmp(mode, "mix") == 0 && (rest == 1 || rest == 3)) {
		int jobs = 2;
		if (rest == 3) {
			if (strcmp(args[1], "-j") != 0)
				usage_error("mix N [-j JOBS]");
			jobs = (int)number(args[2], 1, 16, "jobs");
		}
		return run_mix(number(args[0], 1, 1000000, "count"), jobs);
	}
	if (strcmp(mode, "pipeline") == 0 && (rest == 1 || (rest == 2 && strcmp(args[1], "-r") == 0)))
		return run_pipeline(number(args[0], 1, 1000000, "count"), rest == 2);
	if (strcmp(mode, "drip") == 0 && rest == 2)
		return run_drip(args[0], number(args[1], 1, 60000, "interval"));
	if (strcmp(mode, "raw") == 0 && rest >= 1) {
		bool bytewise = false, shut = false;
		for (int i = 1; i < rest; i++) {
			if (strcmp(args[i], "-b") == 0)
				bytewise = true;
			else if (strcmp(args[i], "-w") == 0)
				shut = true;
			else
				usage_error("raw BYTES [-b] [-w]");
		}
		byte_pause_every = 1; /* raw -b: every byte on its own, 2 ms apart (a mix sends faster) */
		byte_pause_us = 2000;
		return run_raw(args[0], bytewise, shut);
	}
	usage_error("unknown mode or wrong arguments");
}
