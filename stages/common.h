/* common.h -- the chores every stage shares and none of them teaches: options, errors, addresses, signals.
 * The syscalls a stage is about are written out in the stage itself, never hidden in here. */
#pragma once

/* accept4() and program_invocation_short_name are GNU extensions: ask for them before any system header.
 * Every stage includes this file first. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

/* What the command line asked for. parse_options() fills every field, with defaults for options the
 * stage does not accept, so a stage can always read all of them. */
struct options {
	struct sockaddr_storage addr; /* -a ADDR and -p PORT as one socket address, ready for bind() */
	socklen_t addrlen;            /* sizeof(struct sockaddr_in) or sizeof(struct sockaddr_in6) */
	int family;                   /* AF_INET or AF_INET6, from the form of ADDR */
	int backlog;                  /* -b BACKLOG: default SOMAXCONN */
	long count;                   /* -n N: serve N connections, then exit; 0 = until a signal */
	bool wait;                    /* -w: stay bound until Ctrl-C (02-bind) */
	bool edge;                    /* -e: edge-triggered epoll (06-epoll) */
	long max_clients;             /* -c N: at most N clients connected at once (05-08) */
	long idle_timeout_s;          /* -t SECONDS: close a connection idle that long; 0 = never (07, 08) */
	bool eperm;                   /* -E: a syscall outside the sandbox fails with EPERM (08) */
	/* 09-client */
	const char *host;             /* -a HOST: a name or an address, for getaddrinfo() (default localhost) */
	int port;                     /* -p PORT, as a number */
	const char *message;          /* -m TEXT: the line to send, without its newline (default hello) */
	const char *path;             /* -g PATH: send an HTTP GET for PATH instead of a line; NULL: a line */
	bool udp;                     /* -u: over UDP, as one datagram */
	int timeout_ms;               /* -t SECONDS: how long to wait for the connection, then the answer */
	/* 11-dualstack */
	bool v6only;                  /* -6: IPV6_V6ONLY on: IPv6 clients only */
	/* 12-reuseport */
	long workers;                 /* -w N: worker processes */
	bool shared;                  /* -s: one listener shared by every worker, instead of one each */
};

#define DEFAULT_ADDR "0.0.0.0"
#define DEFAULT_ADDR6 "::"        /* 11-dualstack: the address Go listens on for ":8080" */
#define DEFAULT_HOST "localhost" /* 09-client */
#define DEFAULT_PORT 8080
#define DEFAULT_TIMEOUT 5         /* 09-client: seconds */
#define DEFAULT_WORKERS 4         /* 12-reuseport */
#define MAX_WORKERS 64
#define DEFAULT_MAX_CLIENTS 1000  /* 05-08: -c */
#define MAX_CLIENTS 65536         /* 05-08: the largest -c; also the largest fd table a stage keeps */

/* Parse argv. `letters` lists the options this stage accepts, from "apbnwec" ("-h" always works):
 * a = -a ADDR, p = -p PORT, b = -b BACKLOG, n = -n N, w = -w, e = -e, c = -c N.
 * Later stages add options of their own, and some of them give a letter another meaning; `letters` then
 * names the meaning, which may be another character than the option's letter:
 * T = -t SECONDS idle timeout (07, 08), E = -E (08); A = -a HOST (a name too, kept as text: 09),
 * P = -p PORT to connect to (09), m = -m TEXT, g = -g PATH, u = -u, t = -t SECONDS (09); D = -n N datagrams
 * (10); I = -a ADDR, IPv6 only, default :: (11), 6 = -6 (11); N = -n N per worker, W = -w N workers, s = -s (12).
 * -h prints the usage on stdout and exits 0; anything wrong prints a message and the usage on stderr and
 * exits 2. Also makes stdout line-buffered, so each narration line is seen as soon as it is printed
 * (tests read stdout through a file, where stdio would otherwise hold it back). */
void parse_options(int argc, char **argv, const char *letters, struct options *o);

/* Print "NN-name: what: <strerror(errno)>" on stderr and exit 1. */
void die(const char *what) __attribute__((noreturn));
/* The same line, but carry on (errno is left as it was): for errors that end one client, not the server. */
void warn_errno(const char *what);
/* Print "NN-name: " and a message of our own (printf's format) on stderr and exit 1: for errors that have
 * no errno, such as getaddrinfo()'s or a timeout. */
void die_msg(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Socket addresses as text: "0.0.0.0:8080", "[::]:8080". */
#define ADDR_TEXT_LEN (INET6_ADDRSTRLEN + sizeof "[]:65535")
const char *addr_text(const struct sockaddr_storage *sa, char buf[ADDR_TEXT_LEN]);
const char *family_name(int family); /* "AF_INET", "AF_INET6" */

/* Print n bytes on stdout as a quoted C string: "hello\n" (non-printable bytes as \xNN, at most 64 shown). */
void print_bytes(const char *buf, size_t n);

/* SIGINT (Ctrl-C) and SIGTERM set stop_signal to the signal's number. The handler is installed without
 * SA_RESTART, so a blocking accept(), poll(), epoll_wait() or pause() returns -1 with errno EINTR and the
 * stage's loop sees stop_signal, closes its fds and exits 0. */
extern volatile sig_atomic_t stop_signal;
void catch_stop_signals(void);
/* For a loop that sleeps in ppoll() or epoll_pwait(): block SIGINT and SIGTERM from now on, and fill
 * sleep_mask with the mask to sleep with, which lets them in. They can then arrive only while the loop
 * sleeps: never in the gap between its look at stop_signal and the call that puts it to sleep, where a plain
 * poll() would sleep on until the next client came. */
void block_stop_signals(sigset_t *sleep_mask);

/* Make stdout fully buffered instead of line-buffered: the narration of a whole round of the loop then goes
 * out in one write(), when the stage calls fflush() before it sleeps. Call it before anything is printed. */
void narrate_in_rounds(void);
const char *signal_text(int sig); /* "SIGINT", "SIGTERM" */
