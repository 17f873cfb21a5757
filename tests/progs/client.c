/* client.c -- the stages' test client: opens N connections to a loopback server, sends one message on
 * each, and checks that every one of them is answered "Message received.\n" (built as bin/test-client). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define REPLY "Message received.\n"
#define MAX_CONNS 1000

static const char *usage_text =
	"usage: test-client -p PORT [-a ADDR] [-c N] [-m MESSAGE] [-o together|reverse] [-r] [-q] [-t SECONDS]\n"
	"  -p PORT     server port on ADDR (default address 127.0.0.1)\n"
	"  -c N        open N connections, all of them connected before any sends (default 1)\n"
	"  -m MESSAGE  what each connection sends (default \"hello\\n\")\n"
	"  -o together every connection sends, then every answer is read (the default)\n"
	"  -o reverse  the last connection sends first and gets its answer before the next one sends,\n"
	"              while the earlier ones stay connected and silent\n"
	"  -r          send, then close at once with a TCP reset (SO_LINGER 0) without reading the answer\n"
	"  -q          print only the summary line\n"
	"  -t SECONDS  how long to wait for each connect and answer (default 5)\n";

static struct {
	struct sockaddr_storage addr;
	socklen_t addrlen;
	int count;
	const char *message;
	bool reverse, reset, quiet;
	int timeout;
} cfg = { .count = 1, .message = "hello\n", .timeout = 5 };

static void __attribute__((noreturn)) fail(const char *what)
{
	fprintf(stderr, "test-client: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void __attribute__((noreturn)) usage_error(const char *msg)
{
	fprintf(stderr, "test-client: %s\n%s", msg, usage_text);
	exit(2);
}

static void set_address(const char *addr, int port)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)&cfg.addr;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&cfg.addr;

	if (inet_pton(AF_INET, addr, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons(port);
		cfg.addrlen = sizeof *in4;
	} else if (inet_pton(AF_INET6, addr, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(port);
		cfg.addrlen = sizeof *in6;
	} else {
		usage_error("bad address");
	}
}

static void parse_args(int argc, char **argv)
{
	const char *addr = "127.0.0.1";
	int port = -1, c;

	while ((c = getopt(argc, argv, "a:p:c:m:o:rqt:h")) != -1) {
		switch (c) {
		case 'a': addr = optarg; break;
		case 'p': port = atoi(optarg); break;
		case 'c': cfg.count = atoi(optarg); break;
		case 'm': cfg.message = optarg; break;
		case 'o':
			if (strcmp(optarg, "reverse") == 0)
				cfg.reverse = true;
			else if (strcmp(optarg, "together") != 0)
				usage_error("-o wants together or reverse");
			break;
		case 'r': cfg.reset = true; break;
		case 'q': cfg.quiet = true; break;
		case 't': cfg.timeout = atoi(optarg); break;
		case 'h': fputs(usage_text, stdout); exit(0);
		default: usage_error("bad option");
		}
	}
	if (port < 1 || port > 65535 || cfg.count < 1 || cfg.count > MAX_CONNS || cfg.timeout < 1 || optind < argc)
		usage_error("bad arguments");
	set_address(addr, port);
}

/* A connected socket; SO_SNDTIMEO also bounds how long connect() may take, SO_RCVTIMEO each read. */
static int connect_one(void)
{
	struct timeval tv = { .tv_sec = cfg.timeout };
	int fd = socket(cfg.addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd == -1)
		fail("socket");
	if (setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == -1)
		fail("setsockopt");
	if (connect(fd, (struct sockaddr *)&cfg.addr, cfg.addrlen) == -1)
		fail("connect");
	return fd;
}

static void send_message(int fd)
{
	size_t len = strlen(cfg.message), off = 0;
	while (off < len) {
		ssize_t n = send(fd, cfg.message + off, len - off, MSG_NOSIGNAL);
		if (n == -1)
			fail("send");
		off += (size_t)n;
	}
}

/* Close with a reset: SO_LINGER with a zero timeout makes close() send RST instead of FIN. */
static void reset_close(int fd)
{
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };
	if (setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) == -1)
		fail("setsockopt SO_LINGER");
	if (close(fd) == -1)
		fail("close");
}

/* Read the answer until the server closes; true when it is exactly REPLY. */
static bool read_answer(int i, int fd)
{
	char buf[256];
	size_t len = 0;

	for (;;) {
		ssize_t n = read(fd, buf + len, sizeof buf - 1 - len);
		if (n == -1) {
			fprintf(stderr, "test-client: connection %d: read: %s\n", i + 1,
				errno == EAGAIN ? "no answer in time" : strerror(errno));
			break;
		}
		if (n == 0 || (len += (size_t)n) == sizeof buf - 1)
			break;
	}
	buf[len] = '\0';
	if (close(fd) == -1)
		fail("close");
	bool ok = strcmp(buf, REPLY) == 0;
	if (!cfg.quiet)
		printf("connection %d: %s%.*s\n", i + 1, ok ? "" : "unexpected answer: ",
		       (int)strcspn(buf, "\n"), buf);
	return ok;
}

int main(int argc, char **argv)
{
	static int fds[MAX_CONNS];
	int answered = 0;

	parse_args(argc, argv);
	if (setvbuf(stdout, NULL, _IOLBF, 0) != 0)
		fail("setvbuf");
	for (int i = 0; i < cfg.count; i++)
		fds[i] = connect_one();
	if (!cfg.quiet)
		printf("%d connected\n", cfg.count);

	if (cfg.reset) {
		for (int i = 0; i < cfg.count; i++) {
			send_message(fds[i]);
			reset_close(fds[i]);
		}
		printf("%d sent and reset\n", cfg.count);
		return 0;
	}
	if (cfg.reverse) {
		for (int i = cfg.count - 1; i >= 0; i--) {
			send_message(fds[i]);
			if (!read_answer(i, fds[i]))
				break; /* stop at the first failure: the next ones would each wait the whole timeout */
			answered++;
		}
	} else {
		for (int i = 0; i < cfg.count; i++)
			send_message(fds[i]);
		for (int i = 0; i < cfg.count; i++) {
			if (!read_answer(i, fds[i]))
				break;
			answered++;
		}
	}
	printf("%d of %d answered \"Message received.\"\n", answered, cfg.count);
	return answered == cfg.count ? 0 : 1;
}
