/* poll-calls.c -- makes every readiness syscall that tracer/decode_poll.c decodes (poll, ppoll, select,
 * pselect6, epoll_create*, epoll_ctl, epoll_wait, epoll_pwait, epoll_pwait2, eventfd*, timerfd_*) in the
 * variants worth comparing with strace: ready and not (Timeout), NULL and bad pointers, fds the kernel
 * ignores or rejects, signal masks, more entries than -s shows, flag sets. Timeouts are 0 whenever fds
 * are ready, so the time left that strace shows is the same on every run. Run with only fds 0, 1 and 2
 * open, two runs make byte-identical calls.
 *
 * usage: test-poll-calls [basic|threads]
 *   basic    (default) one thread, deterministic
 *   threads  two threads: poll, ppoll, select, pselect6 and the epoll waits block in the main thread
 *            while the helper's lines come between, so they show "<unfinished ...>" / "<... resumed>"
 * Exits 0 when every call returned what it was expected to, 1 otherwise (the mismatches go to stderr). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

/* An address that is never mapped in user space on x86_64 (the kernel half), for EFAULT cases. */
#define BAD_PTR ((void *)(uintptr_t)0xffffffffff600ff0ULL)
/* An fd that is not open, below 64 so that select checks it whatever the fd table's size. */
#define CLOSED_FD 50
#define MANY 40 /* more than -s 32 shows */
/* Ready pollfds at once: more than -s 8 shows, and a note after the return value that fits in the
 * tracer's t->aux (512 bytes; strace's is 1024, so 32 ready fds at the default -s do not fit yet). */
#define POLL_MANY 16

static int failures;

static long ok(long r, const char *what)
{
	if (r < 0) {
		fprintf(stderr, "poll-calls: %s: expected success, got %s\n", what, strerror(errno));
		failures++;
	}
	return r;
}

static void gives(long r, long want, const char *what)
{
	if (r != want) {
		fprintf(stderr, "poll-calls: %s: expected %ld, got %ld (%s)\n", what, want, r,
			r == -1 ? strerror(errno) : "success");
		failures++;
	}
}

static void fails(long r, int err, const char *what)
{
	if (r != -1 || errno != err) {
		fprintf(stderr, "poll-calls: %s: expected %s, got %ld (%s)\n", what, strerror(err), r,
			r == -1 ? strerror(errno) : "success");
		failures++;
	}
}

static void die(const char *what)
{
	fprintf(stderr, "poll-calls: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void make_pipe(int p[2])
{
	if (syscall(SYS_pipe2, p, O_CLOEXEC) < 0)
		die("pipe2");
}

/* syscall() is variadic: a seventh argument (the sixth of the call) goes on the stack, where an int
 * leaves the upper half of its slot undefined. Sizes and flags in that place are passed as longs. */

static uint64_t sigbit(int sig)
{
	return 1ULL << (sig - 1);
}

/* ---- poll, ppoll ---- */

/* rd has data to read, wr has room to write, idle has nothing. */
static void polls(int rd, int wr, int idle)
{
	struct pollfd pf[5] = {
		{ rd, POLLIN | POLLPRI, 0 },
		{ wr, POLLOUT, 0 },
		{ -1, POLLIN, 0 },
		{ CLOSED_FD, POLLIN | POLLRDNORM | POLLRDHUP | 0x800, 0 },
		{ idle, POLLIN, 0 },
	};
	gives(syscall(SYS_poll, pf, 5, 0), 3, "poll");
	struct pollfd quiet[2] = { { -1, POLLIN, 0 }, { idle, POLLIN, 0 } };
	gives(syscall(SYS_poll, quiet, 2, 10), 0, "poll timeout");
	gives(syscall(SYS_poll, NULL, 0, 0), 0, "poll nothing");
	fails(syscall(SYS_poll, BAD_PTR, 1, 0), EFAULT, "poll bad array");
	struct pollfd events0 = { idle, 0, 0 };
	gives(syscall(SYS_poll, &events0, 1, 0), 0, "poll no events");

	struct pollfd many[MANY];
	for (int i = 0; i < MANY; i++) {
		many[i].fd = i < POLL_MANY ? rd : idle;
		many[i].events = POLLIN;
	}
	gives(syscall(SYS_poll, many, MANY, 0), POLL_MANY, "poll many");

	struct timespec zero = { 0, 0 }, short_wait = { 0, 1000000 };
	uint64_t mask = sigbit(SIGINT) | sigbit(SIGTERM) | sigbit(35);
	uint64_t full = ~(sigbit(SIGKILL) | sigbit(32) | sigbit(33));
	gives(syscall(SYS_ppoll, pf, 2, &zero, &mask, 8), 2, "ppoll");
	gives(syscall(SYS_ppoll, quiet, 2, &short_wait, NULL, 8), 0, "ppoll timeout");
	gives(syscall(SYS_ppoll, pf, 2, NULL, NULL, 8), 2, "ppoll no timeout");
	gives(syscall(SYS_ppoll, pf, 1, &zero, &full, 8), 1, "ppoll full mask");
	uint64_t all = ~0ULL;
	gives(syscall(SYS_ppoll, pf, 1, &zero, &all, 8), 1, "ppoll every signal");
	uint64_t io = sigbit(SIGIO) | sigbit(SIGCHLD);
	gives(syscall(SYS_ppoll, pf, 1, &zero, &io, 8), 1, "ppoll SIGIO");
	fails(syscall(SYS_ppoll, pf, 1, &zero, &mask, 4), EINVAL, "ppoll small sigset");
	fails(syscall(SYS_ppoll, pf, 1, BAD_PTR, NULL, 8), EFAULT, "ppoll bad timeout");
	fails(syscall(SYS_ppoll, pf, 1, &zero, BAD_PTR, 8), EFAULT, "ppoll bad mask");
}

/* ---- select, pselect6 ---- */

static void selects(int rd, int wr, int idle)
{
	fd_set r, w, e;
	int nfds = (rd > wr ? rd : wr) + 1;
	if (idle + 1 > nfds)
		nfds = idle + 1;
	struct timeval tv0 = { 0, 0 }, tv_short = { 0, 1000 };

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_ZERO(&e);
	FD_SET(rd, &r);
	FD_SET(idle, &r);
	FD_SET(wr, &w);
	FD_SET(rd, &e);
	gives(syscall(SYS_select, nfds, &r, &w, &e, &tv0), 2, "select");
	FD_ZERO(&r);
	FD_SET(idle, &r);
	gives(syscall(SYS_select, idle + 1, &r, NULL, NULL, &tv_short), 0, "select timeout");
	gives(syscall(SYS_select, 0, NULL, NULL, NULL, &tv0), 0, "select nothing");
	FD_ZERO(&r);
	FD_SET(rd, &r);
	gives(syscall(SYS_select, rd + 1, &r, NULL, NULL, NULL), 1, "select no timeout");
	FD_ZERO(&r);
	FD_SET(rd, &r);
	fails(syscall(SYS_select, -1L, &r, NULL, NULL, NULL), EINVAL, "select negative nfds");
	FD_ZERO(&r);
	FD_SET(rd, &r);
	FD_SET(CLOSED_FD, &r);
	fails(syscall(SYS_select, CLOSED_FD + 1, &r, NULL, NULL, &tv0), EBADF, "select closed fd");
	fails(syscall(SYS_select, rd + 1, BAD_PTR, NULL, NULL, &tv0), EFAULT, "select bad set");
	FD_ZERO(&r);
	FD_ZERO(&w);
	gives(syscall(SYS_select, nfds, &r, &w, NULL, &tv0), 0, "select empty sets");

	struct timespec ts0 = { 0, 0 }, ts_short = { 0, 1000 };
	uint64_t mask = sigbit(SIGINT) | sigbit(SIGTERM);
	struct {
		void *ss;
		size_t len;
	} sm = { &mask, 8 }, nomask = { NULL, 8 };
	FD_ZERO(&r);
	FD_SET(rd, &r);
	FD_SET(idle, &r);
	FD_ZERO(&w);
	FD_SET(wr, &w);
	gives(syscall(SYS_pselect6, nfds, &r, &w, NULL, &ts0, &sm), 2, "pselect6");
	FD_ZERO(&r);
	FD_SET(idle, &r);
	gives(syscall(SYS_pselect6, idle + 1, &r, NULL, NULL, &ts_short, NULL), 0, "pselect6 timeout");
	FD_ZERO(&r);
	FD_SET(idle, &r);
	gives(syscall(SYS_pselect6, idle + 1, &r, NULL, NULL, &ts0, &nomask), 0, "pselect6 no mask");
	fails(syscall(SYS_pselect6, idle + 1, &r, NULL, NULL, &ts0, BAD_PTR), EFAULT, "pselect6 bad mask");
}

/* ---- epoll ---- */

static void epolls(int rd, int wr)
{
	struct epoll_event ev, out[64];
	int ep = (int)ok(syscall(SYS_epoll_create, 10), "epoll_create");
	int ep1 = (int)ok(syscall(SYS_epoll_create1, EPOLL_CLOEXEC), "epoll_create1");
	fails(syscall(SYS_epoll_create, 0), EINVAL, "epoll_create 0");
	fails(syscall(SYS_epoll_create1, 5), EINVAL, "epoll_create1 unknown flag");

	ev.events = EPOLLIN | EPOLLET;
	ev.data.u64 = 0x123456789abcdefULL;
	ok(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, rd, &ev), "EPOLL_CTL_ADD");
	ev.events = EPOLLIN | EPOLLPRI | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLRDNORM | EPOLLRDBAND | EPOLLWRNORM |
		    EPOLLWRBAND | EPOLLMSG | EPOLLRDHUP | EPOLLEXCLUSIVE | EPOLLWAKEUP | EPOLLONESHOT | 0x10000;
	ev.data.fd = wr;
	fails(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, wr, &ev), EINVAL, "EPOLL_CTL_ADD every flag");
	ev.events = EPOLLOUT;
	fails(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_MOD, wr, &ev), ENOENT, "EPOLL_CTL_MOD missing");
	fails(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, wr, NULL), ENOENT, "EPOLL_CTL_DEL missing");
	fails(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, wr, &ev), ENOENT, "EPOLL_CTL_DEL with an event");
	fails(syscall(SYS_epoll_ctl, ep, 7, wr, NULL), EFAULT, "unknown op");
	fails(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, wr, BAD_PTR), EFAULT, "EPOLL_CTL_ADD bad event");
	ev.events = 0;
	ev.data.u64 = 0;
	ok(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, wr, &ev), "EPOLL_CTL_ADD no events");
	ev.events = EPOLLOUT;
	ev.data.fd = wr;
	ok(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_MOD, wr, &ev), "EPOLL_CTL_MOD");

	gives(syscall(SYS_epoll_wait, ep, out, 8, 0), 2, "epoll_wait");
	gives(syscall(SYS_epoll_wait, ep1, out, 8, 0), 0, "epoll_wait nothing");
	fails(syscall(SYS_epoll_wait, ep, BAD_PTR, 8, 0), EFAULT, "epoll_wait bad array");
	fails(syscall(SYS_epoll_wait, ep, out, 0, 0), EINVAL, "epoll_wait maxevents 0");
	uint64_t mask = sigbit(SIGUSR1);
	gives(syscall(SYS_epoll_pwait, ep, out, 8, 0, &mask, (size_t)8), 1, "epoll_pwait");
	gives(syscall(SYS_epoll_pwait, ep1, out, 8, 0, NULL, (size_t)8), 0, "epoll_pwait no mask");
	struct timespec ts0 = { 0, 0 };
	gives(syscall(SYS_epoll_pwait2, ep, out, 8, &ts0, NULL, (size_t)8), 1, "epoll_pwait2");
	gives(syscall(SYS_epoll_pwait2, ep, out, 8, NULL, &mask, (size_t)8), 1, "epoll_pwait2 no timeout");
	ok(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, wr, NULL), "EPOLL_CTL_DEL");

	/* More ready events than -s shows. */
	int efd[MANY];
	for (int i = 0; i < MANY; i++) {
		efd[i] = (int)ok(syscall(SYS_eventfd2, 1, EFD_CLOEXEC), "eventfd2");
		ev.events = EPOLLIN;
		ev.data.u64 = (uint64_t)i;
		ok(syscall(SYS_epoll_ctl, ep1, EPOLL_CTL_ADD, efd[i], &ev), "EPOLL_CTL_ADD eventfd");
	}
	gives(syscall(SYS_epoll_wait, ep1, out, 64, 0), MANY, "epoll_wait many");
	for (int i = 0; i < MANY; i++)
		ok(syscall(SYS_close, efd[i]), "close");
	ok(syscall(SYS_close, ep), "close");
	ok(syscall(SYS_close, ep1), "close");
}

/* ---- eventfd, timerfd ---- */

static void fd_kinds(void)
{
	uint64_t v = 5;
	int e1 = (int)ok(syscall(SYS_eventfd, 3), "eventfd");
	int e2 = (int)ok(syscall(SYS_eventfd2, 0, EFD_NONBLOCK | EFD_CLOEXEC), "eventfd2");
	int e3 = (int)ok(syscall(SYS_eventfd2, 0, EFD_SEMAPHORE), "eventfd2 semaphore");
	fails(syscall(SYS_eventfd2, 0, 0x1234), EINVAL, "eventfd2 unknown flag");
	gives(syscall(SYS_write, e2, &v, sizeof v), 8, "eventfd write");
	gives(syscall(SYS_read, e2, &v, sizeof v), 8, "eventfd read");
	fails(syscall(SYS_read, e2, &v, sizeof v), EAGAIN, "eventfd read empty");
	ok(syscall(SYS_close, e1), "close");
	ok(syscall(SYS_close, e2), "close");
	ok(syscall(SYS_close, e3), "close");

	struct itimerspec now = { { 0, 0 }, { 0, 1 } }, past = { { 0, 0 }, { 1, 0 } }, off = { { 0, 0 }, { 0, 0 } };
	struct itimerspec old;
	int t1 = (int)ok(syscall(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK), "timerfd_create");
	int t2 = (int)ok(syscall(SYS_timerfd_create, CLOCK_REALTIME, 0), "timerfd_create realtime");
	fails(syscall(SYS_timerfd_create, 77, 0), EINVAL, "timerfd_create unknown clock");
	fails(syscall(SYS_timerfd_create, CLOCK_MONOTONIC, 0x40), EINVAL, "timerfd_create unknown flag");
	ok(syscall(SYS_timerfd_gettime, t1, &old), "timerfd_gettime disarmed");
	ok(syscall(SYS_timerfd_settime, t2, 0, &now, NULL), "timerfd_settime 1ns");
	gives(syscall(SYS_read, t2, &v, sizeof v), 8, "timerfd read");
	ok(syscall(SYS_timerfd_gettime, t2, &old), "timerfd_gettime expired");
	ok(syscall(SYS_timerfd_settime, t2, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &past, &old),
	   "timerfd_settime absolute in the past");
	gives(syscall(SYS_read, t2, &v, sizeof v), 8, "timerfd read");
	ok(syscall(SYS_timerfd_settime, t1, 0, &off, &old), "timerfd_settime disarm");
	fails(syscall(SYS_timerfd_settime, t1, 0x40, &off, NULL), EINVAL, "timerfd_settime unknown flag");
	fails(syscall(SYS_timerfd_settime, t1, 0, BAD_PTR, NULL), EFAULT, "timerfd_settime bad value");
	fails(syscall(SYS_timerfd_gettime, t1, BAD_PTR), EFAULT, "timerfd_gettime bad pointer");
	ok(syscall(SYS_close, t1), "close");
	ok(syscall(SYS_close, t2), "close");
}

static void basic(void)
{
	int p[2], q[2], r[2];
	make_pipe(p); /* p[0] has data */
	make_pipe(q); /* q[1] has room */
	make_pipe(r); /* r[0] stays empty */
	gives(syscall(SYS_write, p[1], "x", 1), 1, "write");
	polls(p[0], q[1], r[0]);
	selects(p[0], q[1], r[0]);
	epolls(p[0], q[1]);
	fd_kinds();
}

/* ---- threads: a second thread's lines come between a blocking call's entry and exit ---- */

static pid_t main_tid;
static int tp[2];

/* Wait until the main thread sleeps in syscall nr: /proc/self/task/TID/stat says it sleeps (S, not t: a
 * thread stopped by the tracer at the call's entry has not been printed yet) and
 * /proc/self/task/TID/syscall starts with nr. */
static void wait_blocked(long nr)
{
	char path[64], buf[256];
	struct timespec ms = { 0, 1000000 };
	for (int i = 0; i < 5000; i++) {
		snprintf(path, sizeof path, "/proc/self/task/%d/stat", (int)main_tid);
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			die("open /proc/self/task/TID/stat");
		ssize_t n = read(fd, buf, sizeof buf - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		const char *st = strrchr(buf, ')');
		if (st && st[1] == ' ' && st[2] == 'S') {
			snprintf(path, sizeof path, "/proc/self/task/%d/syscall", (int)main_tid);
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0)
				die("open /proc/self/task/TID/syscall");
			n = read(fd, buf, sizeof buf - 1);
			close(fd);
			buf[n > 0 ? n : 0] = '\0';
			if (buf[0] != '-' && strtol(buf, NULL, 10) == nr)
				return;
		}
		nanosleep(&ms, NULL);
	}
	fprintf(stderr, "poll-calls: the main thread never blocked in syscall %ld\n", nr);
	exit(1);
}

static void *helper(void *arg)
{
	(void)arg;
	static const long calls[] = { SYS_poll, SYS_ppoll, SYS_select, SYS_pselect6, SYS_epoll_wait,
				      SYS_epoll_pwait, SYS_epoll_pwait2 };
	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
		wait_blocked(calls[i]);
		gives(syscall(SYS_write, tp[1], "!", 1), 1, "helper write"); /* makes the main thread's fd ready */
	}
	return NULL;
}

/* The byte the helper wrote, so that the pipe is empty again for the next wait. */
static void consume(void)
{
	char c;
	gives(syscall(SYS_read, tp[0], &c, 1), 1, "read");
}

static void threads(void)
{
	main_tid = gettid();
	make_pipe(tp);
	struct pollfd pf = { tp[0], POLLIN, 0 };
	uint64_t mask = sigbit(SIGUSR1);
	struct {
		void *ss;
		size_t len;
	} sm = { &mask, 8 };
	fd_set r;
	struct epoll_event ev = { EPOLLIN, { .u64 = 7 } }, out[8];
	int ep = (int)ok(syscall(SYS_epoll_create1, EPOLL_CLOEXEC), "epoll_create1");
	ok(syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, tp[0], &ev), "EPOLL_CTL_ADD");

	pthread_t th;
	int e = pthread_create(&th, NULL, helper, NULL);
	if (e != 0) {
		errno = e;
		die("pthread_create");
	}
	gives(syscall(SYS_poll, &pf, 1, -1L), 1, "poll");
	consume();
	gives(syscall(SYS_ppoll, &pf, 1, NULL, &mask, 8), 1, "ppoll");
	consume();
	FD_ZERO(&r);
	FD_SET(tp[0], &r);
	gives(syscall(SYS_select, tp[0] + 1, &r, NULL, NULL, NULL), 1, "select");
	consume();
	FD_ZERO(&r);
	FD_SET(tp[0], &r);
	gives(syscall(SYS_pselect6, tp[0] + 1, &r, NULL, NULL, NULL, &sm), 1, "pselect6");
	consume();
	gives(syscall(SYS_epoll_wait, ep, out, 8, -1L), 1, "epoll_wait");
	consume();
	gives(syscall(SYS_epoll_pwait, ep, out, 8, -1L, &mask, (size_t)8), 1, "epoll_pwait");
	consume();
	gives(syscall(SYS_epoll_pwait2, ep, out, 8, NULL, NULL, (size_t)8), 1, "epoll_pwait2");
	consume();
	e = pthread_join(th, NULL);
	if (e != 0) {
		errno = e;
		die("pthread_join");
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "basic";
	if (strcmp(mode, "basic") == 0)
		basic();
	else if (strcmp(mode, "threads") == 0)
		threads();
	else {
		fprintf(stderr, "usage: test-poll-calls [basic|threads]\n");
		return 2;
	}
	return failures ? 1 : 0;
}
