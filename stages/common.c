/* common.c -- the stages' chores: option parsing and usage, die(), socket addresses as text, stop signals. */
#include "common.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile sig_atomic_t stop_signal;

#define STR(x) STR_(x) /* a macro's value as a string: STR(SOMAXCONN) is "4096" */
#define STR_(x) #x

/* Every option a stage may accept, in the order the usage lists them. A stage names the ones it takes by
 * their key; the key is the option's letter, except where a later stage gives a letter another meaning (-a
 * HOST for a client, -w N workers...): that meaning has a key of its own, and a stage takes one of them. */
static const struct {
	char key;    /* what a stage lists in parse_options()' letters */
	char letter; /* the option on the command line */
	const char *arg; /* NULL for a flag */
	const char *help;
} option_help[] = {
	{ 'a', 'a', "ADDR", "IPv4 or IPv6 address, e.g. 127.0.0.1 or :: (default " DEFAULT_ADDR ")" },
	{ 'I', 'a', "ADDR", "IPv6 address, e.g. :: or ::1 (default " DEFAULT_ADDR6 ")" },
	{ 'A', 'a', "HOST", "host name or address to connect to, looked up by getaddrinfo() (default " DEFAULT_HOST ")" },
	{ 'p', 'p', "PORT", "port to bind, 0 lets the kernel choose one (default " STR(DEFAULT_PORT) ")" },
	{ 'P', 'p', "PORT", "port to connect to (default " STR(DEFAULT_PORT) ")" },
	{ 'b', 'b', "BACKLOG", "listen() backlog: connections the kernel may queue (default SOMAXCONN, " STR(SOMAXCONN) ")" },
	{ 'n', 'n', "N", "serve N connections, then exit (default: until Ctrl-C)" },
	{ 'D', 'n', "N", "answer N datagrams, then exit (default: until Ctrl-C)" },
	{ 'N', 'n', "N", "each worker serves N connections, then exits (default: until Ctrl-C)" },
	{ 'w', 'w', NULL, "stay bound (but not listening) until Ctrl-C" },
	{ 'W', 'w', "N", "start N worker processes, 1 to " STR(MAX_WORKERS) " (default " STR(DEFAULT_WORKERS) ")" },
	{ 's', 's', NULL, "one listener shared by every worker, without SO_REUSEPORT" },
	{ 'e', 'e', NULL, "edge-triggered epoll (default: level-triggered)" },
	{ 'c', 'c', "N",
	  "at most N clients at once, 1 to " STR(MAX_CLIENTS) "; one more is accepted and closed (default " STR(
		  DEFAULT_MAX_CLIENTS) ")" },
	{ 'T', 't', "SECONDS",
	  "close a connection that makes no progress for SECONDS, with a 408 if it was mid-request (default 0: never)" },
	{ 'E', 'E', NULL, "a syscall outside the sandbox fails with EPERM (default: SIGSYS kills the server)" },
	{ '6', '6', NULL, "IPV6_V6ONLY on: IPv6 clients only (default off: IPv4 ones too, as ::ffff:A.B.C.D)" },
	{ 'm', 'm', "TEXT", "the line to send, a newline is added (default hello)" },
	{ 'g', 'g', "PATH", "send an HTTP GET for PATH (to stage 07) instead of a line" },
	{ 'u', 'u', NULL, "UDP: send the line as one datagram (to stage 10)" },
	{ 't', 't', "SECONDS", "how long to wait for the connection, then for the answer (default " STR(DEFAULT_TIMEOUT) ")" },
	{ 'h', 'h', NULL, "show this help and exit" },
};
#define N_OPTIONS (sizeof option_help / sizeof option_help[0])

/* Whether the stage takes option i ("-h" always works). */
static bool takes(const char *letters, size_t i)
{
	return option_help[i].key == 'h' || strchr(letters, option_help[i].key) != NULL;
}

/* The key of the meaning the stage gave the option letter c; 0 when it takes no such option. */
static char key_of(const char *letters, int c)
{
	for (size_t i = 0; i < N_OPTIONS; i++)
		if (option_help[i].letter == c && takes(letters, i))
			return option_help[i].key;
	return 0;
}

static void usage(FILE *f, const char *letters)
{
	fprintf(f, "usage: %s", program_invocation_short_name);
	for (size_t i = 0; i < N_OPTIONS; i++) {
		if (!takes(letters, i))
			continue;
		if (option_help[i].arg)
			fprintf(f, " [-%c %s]", option_help[i].letter, option_help[i].arg);
		else
			fprintf(f, " [-%c]", option_help[i].letter);
	}
	fputc('\n', f);
	for (size_t i = 0; i < N_OPTIONS; i++) {
		if (!takes(letters, i))
			continue;
		fprintf(f, "  -%c %-8s %s\n", option_help[i].letter, option_help[i].arg ? option_help[i].arg : "",
			option_help[i].help);
	}
}

static void __attribute__((noreturn, format(printf, 2, 3))) bad_usage(const char *letters, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	usage(stderr, letters);
	exit(2);
}

/* A whole decimal number in [min, max], or -1 when s is anything else. */
static long number(const char *s, long min, long max)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || v < min || v > max)
		return -1;
	return v;
}

/* ADDR (an IPv4 or IPv6 literal) and PORT as one struct sockaddr; false when ADDR is neither. */
static bool make_sockaddr(const char *addr, int port, struct options *o)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)&o->addr;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&o->addr;

	memset(&o->addr, 0, sizeof o->addr);
	if (inet_pton(AF_INET, addr, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons(port);
		o->addrlen = sizeof *in4;
	} else if (inet_pton(AF_INET6, addr, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(port);
		o->addrlen = sizeof *in6;
	} else {
		return false;
	}
	o->family = o->addr.ss_family;
	return true;
}

/* -t SECONDS: a number of seconds, decimals allowed (0.5), from 1 ms to an hour; as milliseconds, or -1. */
static int milliseconds(const char *s)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end != '\0' || !(v >= 0.001 && v <= 3600))
		return -1;
	return (int)(v * 1000 + 0.5);
}

void parse_options(int argc, char **argv, const char *letters, struct options *o)
{
	bool ipv6_only = strchr(letters, 'I') != NULL;
	const char *addr = ipv6_only ? DEFAULT_ADDR6 : DEFAULT_ADDR;
	long port = DEFAULT_PORT;
	char spec[64] = ":"; /* leading ':' lets us word the "missing argument" message ourselves */
	int c;

	if (setvbuf(stdout, NULL, _IOLBF, 0) != 0)
		die("setvbuf");
	*o = (struct options){ .backlog = SOMAXCONN, .count = 0, .host = DEFAULT_HOST, .message = "hello",
			       .timeout_ms = DEFAULT_TIMEOUT * 1000, .workers = DEFAULT_WORKERS,
			       .max_clients = DEFAULT_MAX_CLIENTS };
	for (size_t i = 0; i < N_OPTIONS; i++) {
		if (takes(letters, i)) {
			char one[3] = { option_help[i].letter, option_help[i].arg ? ':' : '\0', '\0' };
			strcat(spec, one);
		}
	}

	while ((c = getopt(argc, argv, spec)) != -1) {
		switch (c == ':' || c == '?' ? c : key_of(letters, c)) {
		case 'a':
		case 'I':
			addr = optarg;
			break;
		case 'A':
			o->host = optarg;
			break;
		case 'p':
		case 'P':
			if ((port = number(optarg, 0, 65535)) == -1)
				bad_usage(letters, "bad port '%s': want a number from 0 to 65535", optarg);
			break;
		case 'b':
			if ((o->backlog = (int)number(optarg, 0, INT_MAX)) == -1)
				bad_usage(letters, "bad backlog '%s': want a number from 0 up", optarg);
			break;
		case 'n':
		case 'D':
		case 'N':
			if ((o->count = number(optarg, 1, LONG_MAX)) == -1)
				bad_usage(letters, "bad count '%s': want a number from 1 up", optarg);
			break;
		case 'w':
			o->wait = true;
			break;
		case 'W':
			if ((o->workers = number(optarg, 1, MAX_WORKERS)) == -1)
				bad_usage(letters, "bad worker count '%s': want a number from 1 to %d", optarg, MAX_WORKERS);
			break;
		case 's':
			o->shared = true;
			break;
		case 'e':
			o->edge = true;
			break;
		case 'c':
			if ((o->max_clients = number(optarg, 1, MAX_CLIENTS)) == -1)
				bad_usage(letters, "bad client limit '%s': want a number from 1 to %d", optarg, MAX_CLIENTS);
			break;
		case 'T':
			if ((o->idle_timeout_s = number(optarg, 0, 86400)) == -1)
				bad_usage(letters, "bad timeout '%s': want whole seconds from 0 (never) to 86400", optarg);
			break;
		case '6':
			o->v6only = true;
			break;
		case 'E':
			o->eperm = true;
			break;
		case 'm':
			o->message = optarg;
			break;
		case 'g':
			if (optarg[0] != '/')
				bad_usage(letters, "bad path '%s': want one that starts with /", optarg);
			o->path = optarg;
			break;
		case 'u':
			o->udp = true;
			break;
		case 't':
			if ((o->timeout_ms = milliseconds(optarg)) == -1)
				bad_usage(letters, "bad time '%s': want seconds from 0.001 to 3600", optarg);
			break;
		case 'h':
			usage(stdout, letters);
			exit(0);
		case ':':
			bad_usage(letters, "option -%c needs a value", optopt);
		default:
			bad_usage(letters, "unknown option -%c", optopt);
		}
	}
	if (optind < argc)
		bad_usage(letters, "unexpected argument '%s'", argv[optind]);
	if (o->udp && o->path)
		bad_usage(letters, "-g and -u do not go together: HTTP runs over TCP");
	o->port = (int)port;
	if (ipv6_only && (!make_sockaddr(addr, (int)port, o) || o->family != AF_INET6))
		bad_usage(letters, "bad address '%s': want an IPv6 literal such as :: or ::1", addr);
	if (!make_sockaddr(addr, (int)port, o))
		bad_usage(letters, "bad address '%s': want an IPv4 or IPv6 literal such as 127.0.0.1 or ::1", addr);
}

void warn_errno(const char *what)
{
	int err = errno;
	fflush(stdout); /* keep stdout and stderr in order when both go to a terminal */
	fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, what, strerror(err));
	errno = err;
}

void die_msg(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fflush(stdout);
	fprintf(stderr, "%s: %s\n", program_invocation_short_name, msg); /* one line, one write() */
	exit(1);
}

void die(const char *what)
{
	warn_errno(what);
	exit(1);
}

const char *addr_text(const struct sockaddr_storage *sa, char buf[ADDR_TEXT_LEN])
{
	char ip[INET6_ADDRSTRLEN];

	if (sa->ss_family == AF_INET) {
		const struct sockaddr_in *in4 = (const struct sockaddr_in *)sa;
		inet_ntop(AF_INET, &in4->sin_addr, ip, sizeof ip);
		snprintf(buf, ADDR_TEXT_LEN, "%s:%u", ip, ntohs(in4->sin_port));
	} else if (sa->ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof ip);
		snprintf(buf, ADDR_TEXT_LEN, "[%s]:%u", ip, ntohs(in6->sin6_port));
	} else {
		snprintf(buf, ADDR_TEXT_LEN, "(address family %d)", sa->ss_family);
	}
	return buf;
}

const char *family_name(int family)
{
	return family == AF_INET6 ? "AF_INET6" : family == AF_INET ? "AF_INET" : "AF_???";
}

void print_bytes(const char *buf, size_t n)
{
	enum { SHOWN = 64 };
	putchar('"');
	for (size_t i = 0; i < n && i < SHOWN; i++) {
		unsigned char ch = (unsigned char)buf[i];
		switch (ch) {
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '"': fputs("\\\"", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		default:
			if (ch >= 0x20 && ch < 0x7f)
				putchar(ch);
			else
				printf("\\x%02x", ch);
		}
	}
	putchar('"');
	if (n > SHOWN)
		fputs("...", stdout);
}

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

void catch_stop_signals(void)
{
	/* No SA_RESTART: the blocking call the stage is sitting in must return EINTR, not be restarted. */
	struct sigaction sa = { .sa_handler = on_stop_signal, .sa_flags = 0 };

	if (sigemptyset(&sa.sa_mask) == -1)
		die("sigemptyset");
	if (sigaction(SIGINT, &sa, NULL) == -1)
		die("sigaction");
	if (sigaction(SIGTERM, &sa, NULL) == -1)
		die("sigaction");
}

void block_stop_signals(sigset_t *sleep_mask)
{
	sigset_t stops;

	if (sigemptyset(&stops) == -1 || sigaddset(&stops, SIGINT) == -1 || sigaddset(&stops, SIGTERM) == -1)
		die("sigaddset");
	if (sigprocmask(SIG_BLOCK, &stops, sleep_mask) == -1)
		die("sigprocmask");
	/* the mask from before, less the stop signals in case they were blocked already */
	if (sigdelset(sleep_mask, SIGINT) == -1 || sigdelset(sleep_mask, SIGTERM) == -1)
		die("sigdelset");
}

void narrate_in_rounds(void)
{
	static char buf[64 * 1024];
	if (setvbuf(stdout, buf, _IOFBF, sizeof buf) != 0)
		die("setvbuf");
}

const char *signal_text(int sig)
{
	return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal";
}
