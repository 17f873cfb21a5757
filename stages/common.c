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

/* Every option a stage may accept, in the order the usage lists them. */
static const struct {
	char letter;
	const char *arg; /* NULL for a flag */
	const char *help;
} option_help[] = {
	{ 'a', "ADDR", "IPv4 or IPv6 address, e.g. 127.0.0.1 or :: (default " DEFAULT_ADDR ")" },
	{ 'p', "PORT", "port to bind, 0 lets the kernel choose one (default " STR(DEFAULT_PORT) ")" },
	{ 'b', "BACKLOG", "listen() backlog: connections the kernel may queue (default SOMAXCONN, " STR(SOMAXCONN) ")" },
	{ 'n', "N", "serve N connections, then exit (default: until Ctrl-C)" },
	{ 'w', NULL, "stay bound (but not listening) until Ctrl-C" },
	{ 'e', NULL, "edge-triggered epoll (default: level-triggered)" },
	{ 'h', NULL, "show this help and exit" },
};
#define N_OPTIONS (sizeof option_help / sizeof option_help[0])

static void usage(FILE *f, const char *letters)
{
	fprintf(f, "usage: %s", program_invocation_short_name);
	for (size_t i = 0; i < N_OPTIONS; i++) {
		if (option_help[i].letter != 'h' && !strchr(letters, option_help[i].letter))
			continue;
		if (option_help[i].arg)
			fprintf(f, " [-%c %s]", option_help[i].letter, option_help[i].arg);
		else
			fprintf(f, " [-%c]", option_help[i].letter);
	}
	fputc('\n', f);
	for (size_t i = 0; i < N_OPTIONS; i++) {
		if (option_help[i].letter != 'h' && !strchr(letters, option_help[i].letter))
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

void parse_options(int argc, char **argv, const char *letters, struct options *o)
{
	const char *addr = DEFAULT_ADDR;
	long port = DEFAULT_PORT;
	char spec[32] = ":"; /* leading ':' lets us word the "missing argument" message ourselves */
	int c;

	if (setvbuf(stdout, NULL, _IOLBF, 0) != 0)
		die("setvbuf");
	*o = (struct options){ .backlog = SOMAXCONN, .count = 0 };
	for (size_t i = 0; i < N_OPTIONS; i++) {
		if (option_help[i].letter == 'h' || strchr(letters, option_help[i].letter)) {
			char one[3] = { option_help[i].letter, option_help[i].arg ? ':' : '\0', '\0' };
			strcat(spec, one);
		}
	}

	while ((c = getopt(argc, argv, spec)) != -1) {
		switch (c) {
		case 'a':
			addr = optarg;
			break;
		case 'p':
			if ((port = number(optarg, 0, 65535)) == -1)
				bad_usage(letters, "bad port '%s': want a number from 0 to 65535", optarg);
			break;
		case 'b':
			if ((o->backlog = (int)number(optarg, 0, INT_MAX)) == -1)
				bad_usage(letters, "bad backlog '%s': want a number from 0 up", optarg);
			break;
		case 'n':
			if ((o->count = number(optarg, 1, LONG_MAX)) == -1)
				bad_usage(letters, "bad count '%s': want a number from 1 up", optarg);
			break;
		case 'w':
			o->wait = true;
			break;
		case 'e':
			o->edge = true;
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

const char *signal_text(int sig)
{
	return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "a signal";
}
