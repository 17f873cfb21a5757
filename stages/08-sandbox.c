/* 08-sandbox.c -- stage 07's HTTP server, locked in a seccomp sandbox once its listener is set up: from then
 * on the kernel lets it make only the few syscalls its serving loop needs (libseccomp builds the filter), and
 * any other syscall kills it with SIGSYS, or with -E fails with EPERM. GET /forbidden tries one on purpose. */
#include "common.h"
#include "http_parser.h"

#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define SERVER_NAME "sockwalk/08"
#define TEXT "text/plain; charset=utf-8"
#define HTML "text/html; charset=utf-8"

/* What GET (and HEAD) answer, path by path. /hello is the handler of the Go example. */
#define INDEX_PAGE                                                                                 \
	"<!doctype html>\n<title>sockwalk 08-sandbox</title>\n<h1>sockwalk 08-sandbox</h1>\n"      \
	"<ul>\n<li><a href=\"/\">/</a>: this page\n"                                               \
	"<li><a href=\"/hello\">/hello</a>: Hello, world!\n"                                       \
	"<li><a href=\"/forbidden\">/forbidden</a>: a syscall the sandbox does not allow\n</ul>\n"
static const struct route {
	const char *path, *type, *body;
} routes[] = {
	{ "/", HTML, INDEX_PAGE },
	{ "/hello", TEXT, "Hello, world!\n" },
};

/* The status codes this server sends, with their reason phrase and the short body of an error. */
static const struct status {
	int code;
	const char *reason, *body;
} statuses[] = {
	{ 200, "OK", NULL },
	{ 400, "Bad Request", "400 bad request\n" },
	{ 404, "Not Found", "404 page not found\n" },
	{ 405, "Method Not Allowed", "405 method not allowed\n" },
	{ 408, "Request Timeout", "408 request timeout\n" },
	{ 431, "Request Header Fields Too Large", "431 request header fields too large\n" },
	{ 500, "Internal Server Error", "500 internal server error\n" },
	{ 501, "Not Implemented", "501 not implemented: Transfer-Encoding\n" },
};

/* What a connection remembers between two reports of epoll_pwait(): the bytes read but not parsed yet (a
 * request may arrive in pieces, or several at once), how many body bytes are still to be thrown away, and
 * the answers the kernel has not taken yet (write() may take only part of them). `in` holds the largest head
 * the parser accepts (HTTP_MAX_HEAD) with room to spare; `out` holds several answers, and a request is only
 * parsed when ANSWER_MAX bytes are free there, so an answer always fits. */
#define IN_SIZE (HTTP_MAX_HEAD + 8192)
#define OUT_SIZE 16384
#define ANSWER_MAX 1024 /* the status line and headers take about 200 bytes, the body the rest */
_Static_assert(sizeof INDEX_PAGE + 300 < ANSWER_MAX, "the index page must fit in an answer");

struct conn {
	int fd;
	char in[IN_SIZE];
	size_t in_len;
	uint64_t discard; /* body bytes of the last request not read yet: they are read and thrown away */
	char out[OUT_SIZE];
	size_t out_len, out_sent;
	uint32_t events; /* what epoll watches the fd for: EPOLLIN, EPOLLOUT or both */
	bool closing;    /* the last answer said "Connection: close": close once it is sent */
	bool eof;        /* the client closed its side: read() returned 0 */
	long long progress_ms;      /* when it last made progress (-t): a request answered, answer bytes sent */
	struct conn *older, *newer; /* the connections in the order of their last progress (-t) */
};

/* The connected clients, as a table indexed by fd. The kernel always hands out the lowest free fd, and never
 * one at or above the limit of open files (ulimit -n, RLIMIT_NOFILE): a table of that many entries holds every
 * fd we can get. (Above MAX_CLIENTS entries the table stops growing; a larger fd would be turned away.) */
static struct conn **clients;
static int table_size;
static long connected;   /* how many clients are in the table */
static long max_clients; /* -c N: one more is accepted and closed at once, so idle ones cannot take every fd */

/* getrlimit() tells the limit of open files, which sizes the table. */
static void make_client_table(void)
{
	struct rlimit limit;
	if (getrlimit(RLIMIT_NOFILE, &limit) == -1)
		die("getrlimit");
	table_size = limit.rlim_cur < MAX_CLIENTS ? (int)limit.rlim_cur : MAX_CLIENTS;
	clients = calloc((size_t)table_size, sizeof(struct conn *));
	if (clients == NULL)
		die("calloc");
}

/* -t SECONDS: a connection that makes no progress for that long is closed, so that clients that connect and
 * say nothing, or send a request a few bytes at a time and never finish it (slowloris), cannot hold their fd
 * and buffers for ever. Progress is a request answered or answer bytes taken by the kernel; the bytes of a
 * request that never ends are not. 0, the default, never times out (as Go's http.Server by default). The
 * connections are kept in a list in the order of their last progress, so the next to time out is always the
 * oldest: no search over every client, and epoll_pwait() sleeps exactly until then. */
static long timeout_s; /* -t */
static struct conn *oldest, *newest;

/* CLOCK_MONOTONIC never jumps back as the wall clock may. Answered in user space (the vDSO): not a syscall. */
static long long now_ms(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		die("clock_gettime");
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void unlink_conn(struct conn *cl)
{
	if (oldest == cl)
		oldest = cl->newer;
	else if (cl->older != NULL)
		cl->older->newer = cl->newer;
	if (newest == cl)
		newest = cl->older;
	else if (cl->newer != NULL)
		cl->newer->older = cl->older;
	cl->older = cl->newer = NULL;
}

/* The connection made progress: it moves to the newest end of the list and its clock starts again. */
static void made_progress(struct conn *cl)
{
	unlink_conn(cl);
	cl->older = newest;
	if (newest != NULL)
		newest->newer = cl;
	else
		oldest = cl;
	newest = cl;
	cl->progress_ms = now_ms();
}

/* How long epoll_pwait() may sleep, in milliseconds: until the oldest connection times out, or for ever (-1). */
static int wait_ms(void)
{
	if (timeout_s == 0 || oldest == NULL)
		return -1;
	long long left = oldest->progress_ms + timeout_s * 1000 - now_ms();
	return left < 0 ? 0 : left > 86400000 ? 86400000 : (int)left;
}

/* The kernel creates a socket and gives us the lowest free fd: 3, after stdin, stdout and stderr.
 * SOCK_NONBLOCK: accept4() on it fails with EAGAIN when the queue is empty, instead of sleeping. */
static int open_socket(int family)
{
	int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (fd == -1)
		die("socket");
	printf("socket(%s, SOCK_STREAM|SOCK_NONBLOCK, 0) = fd %d\n", family_name(family), fd);
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

/* The spare fd. When the process has as many fds open as its limit allows (ulimit -n), accept4() fails with
 * EMFILE and leaves the connection in the queue: poll() reports the listener again at once, and the loop
 * would spin at 100% CPU without serving anyone. An fd kept in reserve gets us out: close it, accept the
 * connection into the fd it freed, close that at once (the client learns it was turned away instead of
 * waiting), and take the reserve back. It is /dev/null, moved to the top of the fd table so that the
 * clients keep the numbers a learner expects (4, 5, ... after the listener). The sandbox does not allow
 * open(), so the spare is taken back by copying (fcntl F_DUPFD_CLOEXEC) a second /dev/null fd, opened before
 * the sandbox and kept for that alone, just below the spare. */
static int spare_fd = -1, spare_source = -1;

static void reserve_spare_fd(void)
{
	int top = table_size - 1;
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		die("open");
	spare_source = fd < top - 1 ? fcntl(fd, F_DUPFD_CLOEXEC, top - 1) : fd;
	if (spare_source == -1)
		die("fcntl");
	if (spare_source != fd && close(fd) == -1)
		die("close");
	spare_fd = fcntl(spare_source, F_DUPFD_CLOEXEC, top - 1); /* the lowest free fd from top - 1 on: top */
	if (spare_fd == -1)
		die("fcntl");
	printf("spare fd %d -> /dev/null, kept for when the fds run out (copied from fd %d)\n", spare_fd,
	       spare_source);
}

/* accept4() failed with EMFILE (this process is out of fds) or ENFILE (the whole system is): let the spare fd
 * go, accept the waiting connection and close it, then take the spare back (the copy gets the fd just freed). */
static void shed_client(int fd)
{
	if (spare_fd != -1 && close(spare_fd) == -1)
		warn_errno("close");
	int c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
	if (c == -1) {
		warn_errno("accept4");
	} else {
		printf("accept4(%d) = fd %d in the spare's place: no fd to keep it, closing it\n", fd, c);
		if (close(c) == -1)
			warn_errno("close");
	}
	spare_fd = fcntl(spare_source, F_DUPFD_CLOEXEC, 0);
	if (spare_fd == -1)
		warn_errno("fcntl"); /* someone else took the fd; the next EMFILE sheds without a spare */
}

/* What accept_client() returns when it has no fd to hand over. */
enum { NO_CLIENT = -1, LOST_CLIENT = -2 };

/* accept4() returns a new fd for the next connection in the queue (the listener stays as it was, for the
 * next one). SOCK_NONBLOCK: the client's fd is non-blocking too. SOCK_CLOEXEC: a program we might exec
 * would not inherit it. Returns NO_CLIENT when there is none: EAGAIN (the queue is empty) or EINTR (a signal
 * came: the loop looks at stop_signal); LOST_CLIENT when there was one but it is not kept: EMFILE or ENFILE
 * (out of fds: the client is shed), or an error of that one connection, such as ECONNABORTED (the client gave
 * up while waiting in the queue). Only an error that says this program is wrong ends it. */
static int accept_client(int fd)
{
	struct sockaddr_storage peer;
	socklen_t len = sizeof peer;
	char text[ADDR_TEXT_LEN];
	int c = accept4(fd, (struct sockaddr *)&peer, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (c == -1) {
		if (errno == EAGAIN) {
			printf("accept4(%d) = EAGAIN: nobody else is waiting\n", fd);
			return NO_CLIENT;
		}
		if (errno == EINTR)
			return NO_CLIENT;
		if (errno == EMFILE || errno == ENFILE) {
			printf("accept4(%d) = %s: out of fds\n", fd, errno == EMFILE ? "EMFILE" : "ENFILE");
			shed_client(fd);
			return LOST_CLIENT;
		}
		if (errno == EBADF || errno == EINVAL || errno == ENOTSOCK || errno == EFAULT)
			die("accept4");
		warn_errno("accept4"); /* ECONNABORTED, ENOBUFS, a network error the connection met in the queue */
		return LOST_CLIENT;
	}
	printf("accept4(%d) = fd %d, client %s\n", fd, c, addr_text(&peer, text));
	return c;
}

static const struct status *status_of(int code)
{
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (statuses[i].code == code)
			return &statuses[i];
	return &statuses[0];
}

/* One answer to queue: its status, its body and Content-Type, and what to say about the connection. */
struct answer {
	int code;
	const char *type, *body;
	bool head;              /* HEAD: the headers a GET would get, Content-Length included, and no body */
	const char *connection; /* "" or a Connection header: close, or keep-alive to an HTTP/1.0 client that asked */
};

/* Append the answer to the connection's out buffer: status line, headers, blank line, body. */
static void queue_answer(struct conn *cl, const struct answer *a)
{
	const struct status *st = status_of(a->code);
	const char *body = a->body ? a->body : st->body;
	size_t room = OUT_SIZE - cl->out_len;
	char date[HTTP_DATE_LEN];

	/* time() is answered in user space (the vDSO): strace does not see it. */
	time_t now = time(NULL);
	if (now == (time_t)-1)
		die("time");
	int n = snprintf(cl->out + cl->out_len, room,
			 "HTTP/1.1 %d %s\r\n"
			 "Date: %s\r\n"
			 "Server: " SERVER_NAME "\r\n"
			 "Content-Type: %s\r\n"
			 "Content-Length: %zu\r\n"
			 "%s%s"
			 "\r\n"
			 "%s",
			 st->code, st->reason, http_date(now, date), a->type, strlen(body),
			 a->code == 405 ? "Allow: GET, HEAD\r\n" : "",
			 a->connection,
			 a->head ? "" : body);
	if (n < 0 || (size_t)n >= room) { /* cannot happen: answer_requests() keeps ANSWER_MAX bytes free */
		fprintf(stderr, "%s: an answer of %d bytes does not fit in %zu\n", program_invocation_short_name, n, room);
		cl->closing = true;
		return;
	}
	cl->out_len += (size_t)n;
}

/* The narration of a round goes out in one write() before the loop sleeps (narrate_in_rounds()): a write()
 * per line would be most of this server's syscalls. If nobody reads it any more (EPIPE), serving goes on. */
static void flush_narration(void)
{
	if (fflush(stdout) == EOF)
		clearerr(stdout);
}

/* Narrate one answer: "GET /hello HTTP/1.1 -> 200 OK", at most 64 bytes of method and path shown. */
static void say_answer(const struct conn *cl, const struct http_request *req, const struct answer *a)
{
	const struct status *st = status_of(a->code);
	printf("fd %d: ", cl->fd);
	if (req)
		printf("%.*s %.*s%s HTTP/1.%d -> ", (int)(req->method_len < 64 ? req->method_len : 64), req->method,
		       (int)(req->path_len < 64 ? req->path_len : 64), req->path, req->path_len > 64 ? "..." : "",
		       req->minor_version);
	printf("%d %s%s\n", st->code, st->reason, cl->closing ? " (Connection: close)" : "");
}

/* GET /forbidden does what a bug, or an attacker who found one, might make a server do: open a file it never
 * needs, here /etc/passwd. open() is openat() for the kernel, which is not on the sandbox's list: the kernel
 * does not run it and sends SIGSYS, which kills the server, so this function never returns. With -E the call
 * fails with EPERM instead: the client gets 500 and the server goes on serving. */
static int open_forbidden(struct answer *a)
{
	printf("open(\"/etc/passwd\", O_RDONLY): a syscall the sandbox does not allow\n");
	flush_narration(); /* SIGSYS would end the server with these lines still in the buffer */
	int fd = open("/etc/passwd", O_RDONLY);
	if (fd == -1) {
		warn_errno("open");
		return 500;
	}
	if (close(fd) == -1) /* only without a sandbox */
		warn_errno("close");
	a->body = "/etc/passwd opened: no sandbox stopped it\n";
	return 200;
}

/* A request that could be parsed: GET or HEAD of a known path gets its page; an unknown path 404 whatever the
 * method (as Go's ServeMux answers); another method on a known path 405 with the methods it allows. A
 * Transfer-Encoding body (chunked) is not read by this server: 501, and the connection closes, since where
 * the next request would start is unknown. Keep-alive: HTTP/1.1 stays open unless "Connection: close",
 * HTTP/1.0 closes unless "Connection: keep-alive". */
static void answer_request(struct conn *cl, const struct http_request *req)
{
	bool head = http_method_is(req, "HEAD");
	struct answer a = { .code = 404, .type = TEXT, .head = head, .connection = "" };

	if (req->has_transfer_encoding) {
		a.code = 501;
	} else if (http_path_is(req, "/forbidden")) {
		a.code = head || http_method_is(req, "GET") ? open_forbidden(&a) : 405;
	} else {
		for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
			if (!http_path_is(req, routes[i].path))
				continue;
			if (head || http_method_is(req, "GET")) {
				a.code = 200;
				a.type = routes[i].type;
				a.body = routes[i].body;
			} else {
				a.code = 405;
			}
		}
	}
	cl->closing = !http_keep_alive(req) || a.code == 501;
	if (cl->closing)
		a.connection = "Connection: close\r\n";
	else if (req->minor_version == 0)
		a.connection = "Connection: keep-alive\r\n";
	say_answer(cl, req, &a);
	queue_answer(cl, &a);
}

/* A head the parser refused: 400 (malformed) or 431 (too large), and the connection closes after the answer,
 * since where the next request would start is unknown. */
static void answer_error(struct conn *cl, int code)
{
	struct answer a = { .code = code, .type = TEXT, .connection = "Connection: close\r\n" };
	cl->closing = true;
	say_answer(cl, NULL, &a);
	queue_answer(cl, &a);
}

/* Forget the first n bytes of the in buffer: they have been dealt with. */
static void consume(struct conn *cl, size_t n)
{
	memmove(cl->in, cl->in + n, cl->in_len - n);
	cl->in_len -= n;
}

/* Answer the complete requests in the in buffer, one after another in the order they came (a client may
 * send several without waiting: pipelining), while the out buffer has room for one more answer. A body
 * (Content-Length) is thrown away as it comes. Returns true when it stopped for lack of room in out. */
static bool answer_requests(struct conn *cl)
{
	while (!cl->closing) {
		if (cl->discard > 0) {
			size_t n = cl->in_len < cl->discard ? cl->in_len : (size_t)cl->discard;
			consume(cl, n);
			cl->discard -= n;
			if (cl->discard > 0)
				return false;
		}
		if (OUT_SIZE - cl->out_len < ANSWER_MAX)
			return true;
		struct http_request req;
		int n = http_parse_request(cl->in, cl->in_len, &req);
		if (n == HTTP_PARSE_INCOMPLETE)
			return false;
		if (n < 0) {
			answer_error(cl, n == HTTP_PARSE_TOO_LARGE ? 431 : 400);
			return false;
		}
		answer_request(cl, &req);
		made_progress(cl);
		consume(cl, (size_t)n);
		cl->discard = req.content_length;
	}
	return false;
}

/* Send what the out buffer holds. The fd is non-blocking: write() takes what fits in the kernel's send buffer
 * and says how much (maybe less than asked); when nothing fits it fails with EAGAIN, and the rest waits until
 * epoll_pwait() reports EPOLLOUT. A write() to a connection that is already broken fails with EPIPE (the
 * server ignores SIGPIPE: see ignore_sigpipe()) and only this client is lost. Returns false when it is gone. */
static bool send_answers(struct conn *cl)
{
	while (cl->out_sent < cl->out_len) {
		ssize_t n = write(cl->fd, cl->out + cl->out_sent, cl->out_len - cl->out_sent);
		if (n == -1 && errno == EAGAIN) {
			printf("write(%d) = EAGAIN: the kernel's send buffer is full; %zu bytes wait for EPOLLOUT\n", cl->fd,
			       cl->out_len - cl->out_sent);
			return true;
		}
		if (n == -1) {
			warn_errno("write");
			return false;
		}
		printf("write(%d, ", cl->fd);
		print_bytes(cl->out + cl->out_sent, (size_t)n);
		printf(") = %zd\n", n);
		cl->out_sent += (size_t)n;
		made_progress(cl);
	}
	cl->out_len = cl->out_sent = 0;
	return true;
}

/* Answer and send until the answers wait for the kernel or no complete request is left. */
static bool answer_and_send(struct conn *cl)
{
	bool out_full;
	do {
		out_full = answer_requests(cl);
		if (!send_answers(cl))
			return false;
	} while (out_full && cl->out_len == 0);
	return true;
}

/* One read of what has arrived, into the free end of the in buffer. read() returns 0 when the client has
 * closed its side (it may still read our answers), -1 when it is gone (e.g. ECONNRESET), or -1 with EAGAIN
 * when nothing more has arrived: the fd is non-blocking. */
static ssize_t read_some(struct conn *cl)
{
	ssize_t n = read(cl->fd, cl->in + cl->in_len, IN_SIZE - cl->in_len);
	if (n == -1 && errno == EAGAIN) {
		printf("read(%d) = EAGAIN: nothing more for now\n", cl->fd);
	} else if (n == -1) {
		warn_errno("read");
	} else if (n == 0) {
		printf("read(%d) = 0: the client closed its side\n", cl->fd);
		cl->eof = true;
	} else {
		printf("read(%d) = %zd: ", cl->fd, n);
		print_bytes(cl->in + cl->in_len, (size_t)n);
		putchar('\n');
		cl->in_len += (size_t)n;
	}
	return n;
}

/* The connection is over: close the fd (which also takes it out of the epoll set) and forget it. */
static bool close_client(struct conn *cl)
{
	int c = cl->fd;
	if (!cl->closing && (cl->in_len > 0 || cl->discard > 0))
		printf("fd %d: the client left in the middle of a request\n", c);
	clients[c] = NULL;
	connected--;
	unlink_conn(cl);
	free(cl);
	if (close(c) == -1)
		warn_errno("close");
	else
		printf("close(%d) = 0\n", c);
	return true;
}

/* What the client's fd is watched for follows its state: EPOLLIN while there is room to read into and the
 * client may send more; EPOLLOUT only while answers wait for room in the kernel's send buffer (a socket is
 * nearly always writable: watching EPOLLOUT all the time would wake the loop for nothing). */
static void rewatch(int ep, struct conn *cl, bool edge)
{
	uint32_t want = (!cl->eof && !cl->closing && cl->in_len < IN_SIZE ? EPOLLIN : 0) |
			(cl->out_len > 0 ? EPOLLOUT : 0);
	if (want == cl->events)
		return;
	struct epoll_event ev = { .events = want | (edge ? EPOLLET : 0), .data.fd = cl->fd };
	if (epoll_ctl(ep, EPOLL_CTL_MOD, cl->fd, &ev) == -1)
		die("epoll_ctl");
	printf("epoll_ctl(%d, EPOLL_CTL_MOD, %d, %s%s%s%s) = 0\n", ep, cl->fd, want & EPOLLIN ? "EPOLLIN" : "",
	       want == (EPOLLIN | EPOLLOUT) ? "|" : "", want & EPOLLOUT ? "EPOLLOUT" : "", edge ? "|EPOLLET" : "");
	cl->events = want;
}

/* epoll_pwait() reported this client: read what has arrived, answer every complete request, send the answers.
 * Level-triggered: one read per report (epoll_pwait() reports the fd again while more is waiting).
 * Edge-triggered: read until EAGAIN, or the fd may never be reported again. The connection ends when the
 * client has closed its side or was told "Connection: close", once every answer is sent; or at once when
 * it is gone. Returns true when it closed the connection. (EPOLLHUP and EPOLLERR are served like EPOLLIN:
 * read() or write() tells what happened.) */
static bool serve(int ep, struct conn *cl, uint32_t events, bool edge)
{
	bool may_read = edge || (events & (EPOLLIN | EPOLLHUP | EPOLLERR));
	for (;;) {
		if (!answer_and_send(cl))
			return close_client(cl);
		if ((cl->closing || cl->eof) && cl->out_len == 0)
			return close_client(cl);
		if (!may_read || cl->eof || cl->closing || cl->in_len == IN_SIZE)
			break;
		ssize_t n = read_some(cl);
		if (n == -1 && errno == EAGAIN)
			break;
		if (n == -1)
			return close_client(cl);
		may_read = edge;
	}
	rewatch(ep, cl, edge);
	return false;
}

/* epoll_create1() makes an epoll instance, a set of watched fds kept in the kernel. Each fd is added once
 * (epoll_ctl), and epoll_pwait() hands back only the ready ones: a round costs the same however many
 * clients sit idle. EPOLL_CLOEXEC: a program we might exec would not inherit it. */
static int open_epoll(void)
{
	int ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep == -1)
		die("epoll_create1");
	printf("epoll_create1(EPOLL_CLOEXEC) = fd %d\n", ep);
	return ep;
}

/* Watch fd for reading. Level-triggered (the default): epoll_pwait() reports the fd for as long as it is
 * readable. Edge-triggered (-e, EPOLLET): only when it becomes readable, so whoever is told must take
 * everything there is, until EAGAIN, or may never be told again. */
static void watch(int ep, int fd, bool edge)
{
	struct epoll_event ev = { .events = EPOLLIN | (edge ? EPOLLET : 0), .data.fd = fd };
	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == -1)
		die("epoll_ctl");
	printf("epoll_ctl(%d, EPOLL_CTL_ADD, %d, EPOLLIN%s) = 0\n", ep, fd, edge ? "|EPOLLET" : "");
}

/* Give the new client its buffers, keep it in the table (to close it at the end) and in the epoll set. Past -c
 * clients (or an fd beyond the table) the new one is closed at once. */
static void add_client(int ep, int c, bool edge)
{
	bool room = c < table_size && connected < max_clients;
	struct conn *cl = room ? calloc(1, sizeof *cl) : NULL;
	if (cl != NULL) {
		cl->fd = c;
		cl->events = EPOLLIN;
		clients[c] = cl;
		connected++;
		made_progress(cl);
		watch(ep, c, edge);
		return;
	}
	if (room)
		warn_errno("calloc");
	printf("too many clients: closing fd %d\n", c);
	if (close(c) == -1)
		warn_errno("close");
}

/* Edge-triggered, the listener was reported once for every connection waiting: take them all, until
 * accept4() says EAGAIN. Level-triggered, one is enough: epoll_pwait() reports the listener again while
 * more are waiting. */
static void accept_clients(int ep, int fd, bool edge)
{
	do {
		int c = accept_client(fd);
		if (c >= 0)
			add_client(ep, c, edge);
		else if (c == NO_CLIENT)
			return; /* EAGAIN: the queue is empty; EINTR: a signal */
	} while (edge);
}

/* -t: close the connections that have made no progress for timeout_s seconds. One in the middle of a request
 * is told so first, 408 Request Timeout (RFC 9110 15.5.9), if none of its answers is waiting; one that sits
 * idle between requests is closed without a word, as a server may close a keep-alive connection at any time
 * (RFC 9112 9.5). Returns how many it closed. */
static long time_out_clients(void)
{
	long closed = 0;
	long long now = now_ms();
	while (timeout_s > 0 && oldest != NULL && now - oldest->progress_ms >= timeout_s * 1000) {
		struct conn *cl = oldest;
		printf("fd %d: no progress for %ld s\n", cl->fd, timeout_s);
		if ((cl->in_len > 0 || cl->discard > 0) && cl->out_len == 0 && !cl->closing) {
			answer_error(cl, 408);
			send_answers(cl); /* one try: a client that kept us waiting is not waited for again */
		}
		close_client(cl);
		closed++;
	}
	return closed;
}

/* -n N: true once N connections have been served (never without -n). */
static bool served_enough(const struct options *o, long served)
{
	return o->count != 0 && served >= o->count;
}

/* How many ready fds one epoll_pwait() may hand back; more ready ones are simply reported by the next call. */
#define MAX_EVENTS 64

/* One thread, many clients: epoll_pwait() sleeps until the listener or some client is ready and returns just
 * those. A ready client has sent something, or can take more of our answers (EPOLLOUT), or hung up (EPOLLHUP
 * and EPOLLERR are served the same way, read() tells which); a ready listener has connections waiting. Stops
 * after -n connections, or when SIGINT/SIGTERM interrupts the sleep. epoll_pwait() is epoll_wait() with a
 * signal mask that holds only while it sleeps (Go's netpoller sleeps in it too). main() blocks SIGINT and
 * SIGTERM the rest of the time, so one cannot slip in between the look at stop_signal and the sleep. */
static void serve_clients(int ep, int fd, const struct options *o, const sigset_t *sleep_mask)
{
	struct epoll_event events[MAX_EVENTS];
	long served = 0;
	while (!stop_signal && !served_enough(o, served)) {
		flush_narration();
		int ready = epoll_pwait(ep, events, MAX_EVENTS, wait_ms(), sleep_mask);
		if (ready == -1) {
			if (errno == EINTR)
				continue;
			die("epoll_pwait");
		}
		printf("epoll_pwait(%d) = %d ready\n", ep, ready);
		for (int i = 0; i < ready && !served_enough(o, served); i++) {
			int c = events[i].data.fd;
			if (c == fd) {
				accept_clients(ep, fd, o->edge);
			} else if (clients[c] != NULL && serve(ep, clients[c], events[i].events, o->edge)) {
				served++;
			}
		}
		served += time_out_clients();
	}
	if (stop_signal)
		printf("got %s\n", signal_text(stop_signal));
	else
		printf("served %ld connections\n", served);
}

/* SIGPIPE's default action kills the process, and a write() to a connection the client has already reset
 * raises it: ignored, the write() fails with EPIPE instead and only that client is lost. Go's runtime does the
 * same for sockets, and writes its answers with plain write() too. (Stages 04-06 pass MSG_NOSIGNAL to send()
 * instead: the same protection, one call at a time.) */
static void ignore_sigpipe(void)
{
	struct sigaction sa = { .sa_handler = SIG_IGN };
	if (sigaction(SIGPIPE, &sa, NULL) == -1)
		die("sigaction");
}

/* The sandbox's list: the syscalls the serving loop makes, and nothing else. It comes from a profile of stage 07
 * serving clients (`bin/tracer -f --seccomp-profile FILE`, docs/seccomp.md), reviewed by hand: what only
 * start-up needs is left out (the loader's openat and mmap, socket, bind, listen...), and what that run
 * happened not to make is added (the return from a signal handler). SCMP_SYS() is the syscall's number for
 * the machine the stage is built for: a name libseccomp does not know would not compile. */
#define SYSCALL(name) { SCMP_SYS(name), #name }
static const struct {
	int nr;
	const char *name;
} allowed[] = {
	SYSCALL(epoll_pwait),  /* sleep until the listener or a client is ready */
	SYSCALL(accept4),      /* take a connection */
	SYSCALL(read),         /* a client's request */
	SYSCALL(write),        /* the answers; the narration on stdout, errors on stderr */
	SYSCALL(epoll_ctl),    /* watch a new client; watch for EPOLLOUT while answers wait */
	SYSCALL(close),        /* end a connection; the fds at the end */
	SYSCALL(fcntl),        /* take the spare fd back after shedding a client (out of fds) */
	SYSCALL(brk),          /* calloc() and free() of a client's buffers grow and shrink the heap */
	SYSCALL(rt_sigreturn), /* the return from the SIGINT/SIGTERM handler */
	SYSCALL(exit_group),   /* exit() at the end: -n N, a signal, or die() */
#ifdef __SANITIZE_ADDRESS__
	/* A sanitizer build (make check): AddressSanitizer's allocator maps memory for calloc() itself. Its error
	 * reports and LeakSanitizer's check at exit need many more calls (open, clone, ptrace...), which are not
	 * allowed: a bug it finds after this point shows as SIGSYS, and the leak check is off by default. */
	SYSCALL(mmap),
	SYSCALL(munmap),
	SYSCALL(madvise), /* the allocator hands freed pages back (MADV_DONTNEED) under load */
#endif
};
#define N_ALLOWED (sizeof allowed / sizeof allowed[0])

#ifdef __SANITIZE_ADDRESS__
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "detect_leaks=0";
}
#endif

/* libseccomp returns 0 or -errno: die() with its message. */
static void check_seccomp(int rc, const char *what)
{
	if (rc < 0) {
		errno = -rc;
		die(what);
	}
}

/* Build the filter with libseccomp and hand it to the kernel. From then on the kernel runs it at every syscall
 * of this process: one of the list runs as usual, any other does not run at all. What happens instead (the
 * filter's default action): SCMP_ACT_TRAP sends SIGSYS, whose default action kills the process, and whose
 * siginfo names the refused syscall, so a tracer shows which one it was (SCMP_ACT_KILL_PROCESS would kill
 * without saying); no handler can catch it, since rt_sigaction is not on the list. With -E, SCMP_ACT_ERRNO:
 * the call fails with EPERM, as if the kernel said no. seccomp_load() sets no_new_privs (needed to load a
 * filter without root) and loads the filter with seccomp(2); it cannot be taken back, and a child would
 * inherit it. A syscall of another ABI (i386 int 0x80 on x86_64) matches no rule of this native filter:
 * libseccomp's default for those kills the process too. */
static void enter_sandbox(bool eperm)
{
	scmp_filter_ctx ctx = seccomp_init(eperm ? SCMP_ACT_ERRNO(EPERM) : SCMP_ACT_TRAP);
	if (ctx == NULL)
		check_seccomp(-ENOMEM, "seccomp_init");
	printf("seccomp: %zu syscalls allowed:", N_ALLOWED);
	for (size_t i = 0; i < N_ALLOWED; i++) {
		check_seccomp(seccomp_rule_add(ctx, SCMP_ACT_ALLOW, allowed[i].nr, 0), "seccomp_rule_add");
		printf(" %s", allowed[i].name);
	}
	printf("\nseccomp: any other syscall %s\n", eperm ? "fails with EPERM" : "kills the server with SIGSYS");
	check_seccomp(seccomp_load(ctx), "seccomp_load");
	seccomp_release(ctx);
	printf("seccomp_load() = 0: the sandbox is on, for good\n");
}

/* Clients still connected at the end are let go: closing their fds ends their connections. */
static void close_clients(void)
{
	for (int c = 0; c < table_size; c++) {
		if (clients[c] == NULL)
			continue;
		free(clients[c]);
		clients[c] = NULL;
		if (close(c) == -1)
			warn_errno("close");
		else
			printf("close(%d) = 0\n", c);
	}
}

int main(int argc, char **argv)
{
	struct options o;
	parse_options(argc, argv, "apbnecTE", &o);
	narrate_in_rounds();
	max_clients = o.max_clients;
	timeout_s = o.idle_timeout_s;
	catch_stop_signals();
	sigset_t sleep_mask;
	block_stop_signals(&sleep_mask);
	ignore_sigpipe();
	make_client_table();

	int fd = open_socket(o.family);
	show_fd(fd);
	allow_reuse(fd);
	bind_to(fd, &o);
	struct sockaddr_storage local = bound_address(fd);
	start_listening(fd, o.backlog, &local);
	reserve_spare_fd();
	int ep = open_epoll();
	watch(ep, fd, o.edge);
	enter_sandbox(o.eperm);
	serve_clients(ep, fd, &o, &sleep_mask);
	close_clients();
	/* The table is not freed: free() would hand its pages back with munmap(), which the sandbox does not allow.
	 * exit() gives them back anyway. */

	if (spare_fd != -1) {
		if (close(spare_fd) == -1)
			die("close");
		printf("close(%d) = 0\n", spare_fd);
	}
	if (close(spare_source) == -1)
		die("close");
	printf("close(%d) = 0\n", spare_source);

	if (close(ep) == -1)
		die("close");
	printf("close(%d) = 0\n", ep);

	if (close(fd) == -1)
		die("close");
	printf("close(%d) = 0\n", fd);
	return 0;
}
