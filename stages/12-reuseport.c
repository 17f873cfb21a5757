/* 12-reuseport.c -- N worker processes (-w N), each with a listener of its own on the same port thanks to
 * SO_REUSEPORT: the kernel spreads the incoming connections across their accept queues. Each worker is 04's
 * server, one client at a time. -s: one listener shared by every worker instead, as a pre-fork server has. */
#include "common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define REPLY "Message received.\n"

/* Every line a worker prints starts with "worker N: " (0 in the parent, which prints plain lines). */
static int worker_id;
#define SAY(...) (worker_id ? printf("worker %d: ", worker_id) : 0, printf(__VA_ARGS__))

/* The kernel creates a socket and gives us the lowest free fd: 3, after stdin, stdout and stderr. */
static int open_socket(int family)
{
	int fd = socket(family, SOCK_STREAM, 0);
	if (fd == -1)
		die("socket");
	SAY("socket(%s, SOCK_STREAM, 0) = fd %d\n", family_name(family), fd);
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
	SAY("%s -> %s\n", path, target);
}

/* SO_REUSEADDR: a restarted server may bind its port again at once, although connections of its previous
 * run still linger in TIME_WAIT (without it, bind() fails with EADDRINUSE for a minute or so). It does not
 * let two servers share a port that is really in use: that is still EADDRINUSE. */
static void allow_reuse(int fd)
{
	int on = 1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == -1)
		die("setsockopt");
	SAY("setsockopt(%d, SOL_SOCKET, SO_REUSEADDR, 1) = 0\n", fd);
}

/* SO_REUSEPORT: several sockets may bind the same ADDR:PORT and all listen, if each of them set it before
 * bind() and they belong to the same user (so that another user cannot steal a share of the traffic). Each
 * listener keeps its own accept queue; the kernel puts every new connection in one of them, chosen by a hash
 * of the connection's addresses and ports. SO_REUSEADDR alone never allows two listeners on one port. */
static void allow_port_sharing(int fd)
{
	int on = 1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) == -1)
		die("setsockopt");
	SAY("setsockopt(%d, SOL_SOCKET, SO_REUSEPORT, 1) = 0\n", fd);
}

/* bind() claims ADDR:PORT for this socket. A port in use fails with EADDRINUSE, a port below 1024 without
 * root (or CAP_NET_BIND_SERVICE) with EACCES. */
static void bind_to(int fd, const struct options *o)
{
	char text[ADDR_TEXT_LEN];
	if (bind(fd, (const struct sockaddr *)&o->addr, o->addrlen) == -1)
		die("bind");
	SAY("bind(%d, %s) = 0\n", fd, addr_text(&o->addr, text));
}

/* getsockname() asks which address the socket really has: after bind() to port 0, the port the kernel chose. */
static struct sockaddr_storage bound_address(int fd)
{
	struct sockaddr_storage local;
	socklen_t len = sizeof local;
	char text[ADDR_TEXT_LEN];
	if (getsockname(fd, (struct sockaddr *)&local, &len) == -1)
		die("getsockname");
	SAY("bound to %s\n", addr_text(&local, text));
	return local;
}

/* How many connections, handshake done, the kernel may queue until we accept() them. The default,
 * SOMAXCONN, is 4096 since Linux 5.4 (128 before). The kernel silently caps a larger backlog at
 * /proc/sys/net/core/somaxconn; Go reads that file and passes its value, so a Go server shows
 * listen(3, 4096) under strace. `ss -ltn` shows the backlog as Send-Q and the queued connections as Recv-Q.
 * Here each listener has a queue of its own, of that size. */
static void start_listening(int fd, int backlog)
{
	if (listen(fd, backlog) == -1)
		die("listen");
	SAY("listen(%d, %d) = 0\n", fd, backlog);
}

/* accept4() sleeps until a connection waits in the queue, then returns a new fd for it (the listener stays
 * as it was, for the next one). SOCK_CLOEXEC: a program we might exec would not inherit the client.
 * Returns -1 when there is no client after all: EINTR (a signal came: the loop looks at stop_signal) or
 * ECONNABORTED (the client gave up while waiting in the queue). */
static int accept_client(int fd)
{
	struct sockaddr_storage peer;
	socklen_t len = sizeof peer;
	char text[ADDR_TEXT_LEN];
	int c = accept4(fd, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
	if (c == -1) {
		if (errno == EINTR)
			return -1;
		if (errno == ECONNABORTED) {
			warn_errno("accept4");
			return -1;
		}
		die("accept4");
	}
	SAY("accept4(%d) = fd %d, client %s\n", fd, c, addr_text(&peer, text));
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
		SAY("send(%d, \"Message received.\\n\") = %zd\n", c, n);
}

/* close() on a listener: with SO_REUSEPORT, this worker leaves the group and the kernel stops choosing its
 * queue. With -s the shared listener stays open in the other workers. */
static void close_listener(int fd)
{
	if (close(fd) == -1)
		die("close");
	SAY("close(%d) = 0: no more connections for this worker\n", fd);
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
		SAY("read(%d) = 0: the client closed without sending anything\n", c);
	} else {
		SAY("read(%d) = %zd: ", c, n);
		print_bytes(buf, (size_t)n);
		putchar('\n');
		answer(c);
	}
	if (close(c) == -1)
		warn_errno("close");
	else
		SAY("close(%d) = 0\n", c);
}

/* -n N: true once N connections have been served (never without -n). */
static bool served_enough(const struct options *o, long served)
{
	return o->count != 0 && served >= o->count;
}

/* The worker's loop, 04's: one client at a time, accept it, serve it, close it; meanwhile the next clients
 * wait in this worker's accept queue. With -n, the worker closes its listener as soon as it has accepted its
 * last connection, before serving it: the kernel then puts the next connections in the other workers' queues
 * (a connection still waiting in a closed listener's queue would be reset). Stops after -n connections, or
 * when SIGINT/SIGTERM interrupts accept4(). */
static void serve_clients(int fd, const struct options *o)
{
	long served = 0;
	bool listening = true;
	while (!stop_signal && !served_enough(o, served)) {
		int c = accept_client(fd);
		if (c == -1)
			continue;
		if (served_enough(o, served + 1)) {
			close_listener(fd);
			listening = false;
		}
		serve(c);
		served++;
	}
	if (stop_signal)
		SAY("got %s\n", signal_text(stop_signal));
	else
		SAY("served %ld connections\n", served);
	if (listening)
		close_listener(fd);
}

/* A worker, in the child fork() made: a copy of the parent, with a copy of each of its fds. It keeps its own
 * listener (with -s, the one they all share) and closes the others', which their own workers keep open: a
 * socket lives until its last fd is closed. Then it serves, and exits; it never returns to main(). */
static void __attribute__((noreturn)) worker(int id, const int *listeners, int n, int mine, const struct options *o)
{
	worker_id = id;
	SAY("pid %d, accepts on fd %d\n", getpid(), mine);
	for (int i = 0; i < n; i++) {
		if (listeners[i] == mine)
			continue;
		if (close(listeners[i]) == -1)
			die("close");
		SAY("close(%d) = 0: another worker's listener\n", listeners[i]);
	}
	serve_clients(mine, o);
	exit(0);
}

/* The parent's part in a signal: SIGINT or SIGTERM sent to it alone (Ctrl-C reaches every process of the
 * terminal's group by itself) is passed on to each worker that has not exited. kill() may be called from a
 * signal handler; printf() may not. */
static pid_t workers[MAX_WORKERS];
static volatile sig_atomic_t n_workers;

static void pass_on(int sig)
{
	stop_signal = sig;
	for (int i = 0; i < n_workers; i++)
		if (workers[i] > 0)
			kill(workers[i], sig);
}

static void pass_stop_signals_on(void)
{
	struct sigaction sa = { .sa_handler = pass_on, .sa_flags = 0 };
	if (sigemptyset(&sa.sa_mask) == -1)
		die("sigemptyset");
	if (sigaction(SIGINT, &sa, NULL) == -1 || sigaction(SIGTERM, &sa, NULL) == -1)
		die("sigaction");
	if (stop_signal) /* one came before this handler was there: pass it on now */
		pass_on(stop_signal);
}

/* fork() makes each worker: it returns twice, 0 in the new process (the worker) and the worker's pid in the
 * parent. The parent prints nothing between two forks that could sit unwritten in its stdout buffer and be
 * written again by the child: each of its lines is written as soon as it ends. */
static void start_workers(const int *listeners, int n, const struct options *o)
{
	for (int i = 0; i < o->workers; i++) {
		pid_t pid = fork();
		if (pid == -1)
			die("fork");
		if (pid == 0) /* its own listener; with -s there is one (n is 1), the one they all share */
			worker(i + 1, listeners, n, listeners[i < n ? i : 0], o);
		workers[i] = pid;
		n_workers = i + 1;
		SAY("fork() = %d: worker %d\n", pid, i + 1);
	}
}

/* The parent waits for its workers to exit (after -n connections each, or a signal): waitpid(-1) (the wait4
 * syscall) sleeps until one of them has, and returns its pid and exit status. A signal interrupts it (EINTR): the handler has passed the signal
 * on, and the parent goes on waiting. Returns how many workers failed. */
static int wait_for_workers(int n)
{
	int failed = 0;
	for (int left = n; left > 0;) {
		int status;
		pid_t pid = waitpid(-1, &status, 0);
		if (pid == -1) {
			if (errno == EINTR)
				continue;
			die("waitpid");
		}
		int id = 0;
		for (int i = 0; i < n; i++) {
			if (workers[i] == pid) {
				workers[i] = 0;
				id = i + 1;
			}
		}
		left--;
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			SAY("waitpid(-1) = %d: worker %d exited with status 0\n", pid, id);
		} else {
			SAY("waitpid(-1) = %d: worker %d failed (status 0x%x)\n", pid, id, status);
			failed++;
		}
	}
	return failed;
}

/* A listener: 04's steps, with SO_REUSEPORT unless it is the one shared listener of -s. */
static int open_listener(const struct options *o)
{
	int fd = open_socket(o->family);
	show_fd(fd);
	allow_reuse(fd);
	if (!o->shared)
		allow_port_sharing(fd);
	bind_to(fd, o);
	return fd;
}

int main(int argc, char **argv)
{
	struct options o;
	parse_options(argc, argv, "apbNWs", &o);
	catch_stop_signals();

	/* One listener per worker (one in all with -s), all made here before the workers start. The first binds
	 * the port asked for; with port 0 the kernel chooses one, and the next ones bind that same port. */
	int listeners[MAX_WORKERS], n = o.shared ? 1 : (int)o.workers;
	struct sockaddr_storage local;
	char text[ADDR_TEXT_LEN];
	for (int i = 0; i < n; i++) {
		listeners[i] = open_listener(&o);
		local = bound_address(listeners[i]);
		memcpy(&o.addr, &local, o.addrlen);
		start_listening(listeners[i], o.backlog);
	}
	SAY("listening on %s\n", addr_text(&local, text));

	start_workers(listeners, n, &o);
	pass_stop_signals_on();
	/* The parent accepts nothing: its copies of the listeners go, each lives on in its worker. */
	for (int i = 0; i < n; i++) {
		if (close(listeners[i]) == -1)
			die("close");
		SAY("close(%d) = 0: the parent's copy\n", listeners[i]);
	}
	int failed = wait_for_workers((int)o.workers);
	if (stop_signal)
		SAY("got %s\n", signal_text(stop_signal));
	SAY("%ld workers exited, %d failed\n", o.workers, failed);
	return failed ? 1 : 0;
}
