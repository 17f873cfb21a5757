/* 05-poll.c -- poll() watches the listener and every client at once: one thread serves many clients, each
 * one as soon as its data arrives. */
#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#define REPLY "Message received.\n"

/* The connected clients, as a table indexed by fd. The kernel always hands out the lowest free fd, and never
 * one at or above the limit of open files (ulimit -n, RLIMIT_NOFILE): a table of that many entries holds every
 * fd we can get. (Above MAX_CLIENTS entries the table stops growing; a larger fd would be turned away.) */
static bool *is_client;
static int table_size;
static long connected; /* how many clients are in the table */

/* getrlimit() tells the limit of open files, which sizes the table. */
static void make_client_table(void)
{
	struct rlimit limit;
	if (getrlimit(RLIMIT_NOFILE, &limit) == -1)
		die("getrlimit");
	table_size = limit.rlim_cur < MAX_CLIENTS ? (int)limit.rlim_cur : MAX_CLIENTS;
	is_client = calloc((size_t)table_size, sizeof *is_client);
	if (is_client == NULL)
		die("calloc");
}

/* The kernel creates a socket and gives us the lowest free fd: 3, after stdin, stdout and stderr. */
static int open_socket(int family)
{
	int fd = socket(family, SOCK_STREAM, 0);
	if (fd == -1)
		die("socket");
	printf("socket(%s, SOCK_STREAM, 0) = fd %d\n", family_name(family), fd);
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
 * clients keep the numbers a learner expects (4, 5, ... after the listener). */
static int spare_fd = -1;

static void reserve_spare_fd(void)
{
	int top = table_size - 1;
	int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		die("open");
	spare_fd = fd < top ? fcntl(fd, F_DUPFD_CLOEXEC, top) : fd;
	if (spare_fd == -1)
		die("fcntl");
	if (spare_fd != fd && close(fd) == -1)
		die("close");
	printf("spare fd %d -> /dev/null, kept for when the fds run out\n", spare_fd);
}

/* accept4() failed with EMFILE (this process is out of fds) or ENFILE (the whole system is): let the spare fd
 * go, accept the waiting connection and close it, then take the spare back (open() gets the fd just freed). */
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
	spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (spare_fd == -1)
		warn_errno("open"); /* ENFILE: someone else took the fd; the next EMFILE sheds without a spare */
}

/* accept4() sleeps until a connection waits in the queue, then returns a new fd for it (the listener stays
 * as it was, for the next one). SOCK_CLOEXEC: a program we might exec would not inherit the client.
 * Returns -1 when there is no client to keep: EINTR (a signal came: the loop looks at stop_signal), EMFILE or
 * ENFILE (out of fds: the client is shed), or an error of that one connection, such as ECONNABORTED (the
 * client gave up while waiting in the queue). Only an error that says this program is wrong ends it. */
static int accept_client(int fd)
{
	struct sockaddr_storage peer;
	socklen_t len = sizeof peer;
	char text[ADDR_TEXT_LEN];
	int c = accept4(fd, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
	if (c == -1) {
		if (errno == EINTR)
			return -1;
		if (errno == EMFILE || errno == ENFILE) {
			printf("accept4(%d) = %s: out of fds\n", fd, errno == EMFILE ? "EMFILE" : "ENFILE");
			shed_client(fd);
			return -1;
		}
		if (errno == EBADF || errno == EINVAL || errno == ENOTSOCK || errno == EFAULT)
			die("accept4");
		warn_errno("accept4"); /* ECONNABORTED, ENOBUFS, a network error the connection met in the queue */
		return -1;
	}
	printf("accept4(%d) = fd %d, client %s\n", fd, c, addr_text(&peer, text));
	return c;
}

/* MSG_NOSIGNAL: a send() on a connection that is already broken can raise SIGPIPE, whose default action
 * kills the whole server; with the flag, send() fails with EPIPE instead and only this client is lost. (A
 * single send right after the client's reset usually fails with ECONNRESET; a server that sends more meets EPIPE.) */
static void answer(int c)
{
	ssize_t n = send(c, REPLY, strlen(REPLY), MSG_NOSIGNAL);
	if (n == -1)
		warn_errno("send");
	else
		printf("send(%d, \"Message received.\\n\") = %zd\n", c, n);
}

/* One read of up to 4096 bytes, as the Go example does: usually the client's whole line. read() returns 0
 * when the client closed without sending, -1 when it is gone (e.g. ECONNRESET): that ends this client,
 * never the server. */
static void serve(int c)
{
	char buf[4096];
	ssize_t n = read(c, buf, sizeof buf);
	if (n == -1) {
		warn_errno("read");
	} else if (n == 0) {
		printf("read(%d) = 0: the client closed without sending anything\n", c);
	} else {
		printf("read(%d) = %zd: ", c, n);
		print_bytes(buf, (size_t)n);
		putchar('\n');
		answer(c);
	}
	if (close(c) == -1)
		warn_errno("close");
	else
		printf("close(%d) = 0\n", c);
}

/* Keep the new client in the table; poll() will watch it from the next round on. Past -c clients (or an fd
 * beyond the table) the new one is closed at once: a crowd of idle connections cannot take every fd. */
static void add_client(int c, long max_clients)
{
	if (c < table_size && connected < max_clients) {
		is_client[c] = true;
		connected++;
		return;
	}
	printf("too many clients: closing fd %d\n", c);
	if (close(c) == -1)
		warn_errno("close");
}

/* The list poll() takes: the listener first, then every client. poll() is handed the whole list on each
 * call and the kernel looks at every fd in it, so each round costs more as clients pile up, idle or not. */
static nfds_t watch_list(int fd, struct pollfd *fds)
{
	nfds_t n = 0;
	fds[n++] = (struct pollfd){ .fd = fd, .events = POLLIN };
	for (int c = 0; c < table_size; c++)
		if (is_client[c])
			fds[n++] = (struct pollfd){ .fd = c, .events = POLLIN };
	return n;
}

/* -n N: true once N connections have been served (never without -n). */
static bool served_enough(const struct options *o, long served)
{
	return o->count != 0 && served >= o->count;
}

/* One thread, many clients: poll() sleeps until the listener or any client is readable. A readable client
 * has sent its line (or hung up: POLLHUP and POLLERR are served the same way, read() tells which), so
 * serving it does not block; a readable listener has a connection waiting, so accept4() does not block.
 * Stops after -n connections, or when SIGINT/SIGTERM interrupts the sleep. The sleep is ppoll(): poll() with
 * a signal mask that holds only while it sleeps. main() blocks SIGINT and SIGTERM the rest of the time, so
 * one cannot slip in after the look at stop_signal and before the sleep, and go unseen until the next client. */
static void serve_clients(int fd, const struct options *o, const sigset_t *sleep_mask)
{
	struct pollfd *fds = calloc((size_t)table_size + 1, sizeof *fds);
	if (fds == NULL)
		die("calloc");
	long served = 0;
	while (!stop_signal && !served_enough(o, served)) {
		nfds_t n = watch_list(fd, fds);
		int ready = ppoll(fds, n, NULL, sleep_mask); /* NULL: no timeout */
		if (ready == -1) {
			if (errno == EINTR)
				continue;
			die("ppoll");
		}
		printf("ppoll(%lu fds) = %d ready\n", (unsigned long)n, ready);
		for (nfds_t i = 1; i < n && !served_enough(o, served); i++) {
			if (fds[i].revents == 0)
				continue;
			serve(fds[i].fd);
			is_client[fds[i].fd] = false;
			connected--;
			served++;
		}
		if (fds[0].revents != 0 && !served_enough(o, served)) {
			int c = accept_client(fd);
			if (c != -1)
				add_client(c, o->max_clients);
		}
	}
	free(fds);
	if (stop_signal)
		printf("got %s\n", signal_text(stop_signal));
	else
		printf("served %ld connections\n", served);
}

/* Clients still connected at the end are let go: closing their fds ends their connections. */
static void close_clients(void)
{
	for (int c = 0; c < table_size; c++) {
		if (!is_client[c])
			continue;
		if (close(c) == -1)
			warn_errno("close");
		else
			printf("close(%d) = 0\n", c);
	}
}

int main(int argc, char **argv)
{
	struct options o;
	parse_options(argc, argv, "apbnc", &o);
	catch_stop_signals();
	sigset_t sleep_mask;
	block_stop_signals(&sleep_mask);
	make_client_table();

	int fd = open_socket(o.family);
	show_fd(fd);
	allow_reuse(fd);
	bind_to(fd, &o);
	struct sockaddr_storage local = bound_address(fd);
	start_listening(fd, o.backlog, &local);
	reserve_spare_fd();
	serve_clients(fd, &o, &sleep_mask);
	close_clients();
	free(is_client);

	if (spare_fd != -1) {
		if (close(spare_fd) == -1)
			die("close");
		printf("close(%d) = 0\n", spare_fd);
	}

	if (close(fd) == -1)
		die("close");
	printf("close(%d) = 0\n", fd);
	return 0;
}
