/* 03-listen.c -- listen() makes the socket a listener: the kernel completes TCP handshakes and queues the
 * connections for us, although this program never accepts one. */
#include "common.h"

#include <stdio.h>
#include <unistd.h>

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

/* Sleep until Ctrl-C without ever calling accept(): clients still connect, because the kernel answers
 * their handshake and queues them (closing the listener at the end resets them).
 * pause() returns only after a signal handler has run, and then always -1 with EINTR. */
static void wait_for_signal(void)
{
	printf("waiting for Ctrl-C; nobody calls accept()\n");
	while (!stop_signal)
		pause();
	printf("got %s\n", signal_text(stop_signal));
}

int main(int argc, char **argv)
{
	struct options o;
	parse_options(argc, argv, "apb", &o);
	catch_stop_signals();

	int fd = open_socket(o.family);
	show_fd(fd);
	allow_reuse(fd);
	bind_to(fd, &o);
	struct sockaddr_storage local = bound_address(fd);
	start_listening(fd, o.backlog, &local);
	wait_for_signal();

	if (close(fd) == -1)
		die("close");
	printf("close(%d) = 0\n", fd);
	return 0;
}
