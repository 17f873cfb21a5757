/* decode_poll.c -- arguments of the readiness syscalls (poll, ppoll, select, pselect6, the epoll family)
 * and of the fds that signal readiness (eventfd, timerfd) printed the way strace 6.1 prints them. What
 * the program asks for is printed at entry; what the kernel answers goes after the return value in
 * t->aux, as strace does: "= 1 ([{fd=3, revents=POLLIN}])", "= 0 (Timeout)", "= 1 (in [3], left {...})".
 * epoll_wait's events are an output argument, printed at exit. */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <time.h>

#include "tracer.h"

#ifndef POLLRDHUP
#define POLLRDHUP 0x2000
#endif
#define K_POLLREMOVE 0x1000
#define K_POLL_BUSY_LOOP 0x8000
#define K_TFD_TIMER_CANCEL_ON_SET 2
#define K_CLOCK_SGI_CYCLE 10
#define K_NSIG 64 /* x86_64 signals, 1..64 */

/* ---- small printers ---- */

static void put_fd(struct sb *o, struct tcb *t, uint64_t fd)
{
	print_fd(o, t, (int)fd);
}

static void put_sep(struct sb *o)
{
	sb_puts(o, ", ");
}

/* {tv_sec=1, tv_nsec=500}, NULL, or the address when it cannot be read. */
static bool put_timespec(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct timespec ts;
	if (addr == 0) {
		sb_puts(o, "NULL");
		return false;
	}
	if (mem_read(t, addr, &ts, sizeof ts) != 0) {
		print_addr(o, addr);
		return false;
	}
	sb_printf(o, "{tv_sec=%lld, tv_nsec=%lld}", (long long)ts.tv_sec, (long long)ts.tv_nsec);
	return true;
}

static bool put_timeval(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct {
		int64_t tv_sec, tv_usec;
	} tv;
	if (addr == 0) {
		sb_puts(o, "NULL");
		return false;
	}
	if (mem_read(t, addr, &tv, sizeof tv) != 0) {
		print_addr(o, addr);
		return false;
	}
	sb_printf(o, "{tv_sec=%lld, tv_usec=%lld}", (long long)tv.tv_sec, (long long)tv.tv_usec);
	return true;
}

/* A signal mask of the given size: [INT TERM], or ~[KILL STOP] when more than half the signals are in
 * it. Only the kernel's size (8 bytes) is read; any other size prints the address, as strace does. */
static void put_sigset(struct sb *o, struct tcb *t, uint64_t addr, uint64_t size)
{
	uint64_t mask;
	if (addr == 0) {
		sb_puts(o, "NULL");
		return;
	}
	if (size != sizeof mask || mem_read(t, addr, &mask, sizeof mask) != 0) {
		print_addr(o, addr);
		return;
	}
	bool invert = __builtin_popcountll(mask) > K_NSIG / 2;
	if (invert) {
		mask = ~mask;
		sb_putc(o, '~');
	}
	sb_putc(o, '[');
	bool first = true;
	for (int sig = 1; sig <= K_NSIG; sig++) {
		if (!(mask & (1ULL << (sig - 1))))
			continue;
		/* xlat.c's signal_name() gives glibc's abbreviation, which calls 29 POLL; strace says IO */
		const char *name = sig == SIGIO ? "SIGIO" : signal_name(sig);
		if (strncmp(name, "SIG", 3) == 0)
			name += 3;
		sb_printf(o, first ? "%s" : " %s", name);
		first = false;
	}
	sb_putc(o, ']');
}

/* Copies text into t->aux. */
static void set_aux(struct tcb *t, struct sb *s)
{
	snprintf(t->aux, sizeof t->aux, "%s", sb_str(s));
}

/* The note after poll's and select's return value is built by strace in a buffer of its own, which ends
 * long lists early. Measured on strace 6.1, with the note counted from its opening "(":
 * - poll: a ready pollfd is shown only when the list, from its "[" to the end of that entry, stays
 *   under 997 characters; otherwise "..." ends the list. ", left {...}" follows in any case.
 * - select: a ready fd is shown only when the note stays within 1003 characters, and ", left {...}"
 *   only when the note is shorter than 996 characters by then. */
enum { POLL_NOTE_LIST_MAX = 997, SELECT_NOTE_MAX = 1003, SELECT_NOTE_LEFT_BEFORE = 996 };

/* Room left in t->aux for more of a note, keeping space for its end ("...]", ", left {...})"). Our
 * t->aux may be shorter than strace's buffer: then a long list ends earlier than strace's. */
static bool aux_has_room(const struct sb *s, const struct tcb *t, size_t more)
{
	enum { TAIL = 64 };
	return s->len + more + TAIL < sizeof t->aux;
}

/* ---- constant tables (strace's order where it prints several names) ---- */

static const struct xlat poll_events[] = {
	XLAT(POLLIN),
	XLAT(POLLPRI),
	XLAT(POLLOUT),
	XLAT(POLLERR),
	XLAT(POLLHUP),
	XLAT(POLLNVAL),
	XLAT(POLLRDNORM),
	XLAT(POLLRDBAND),
	XLAT(POLLWRNORM),
	XLAT(POLLWRBAND),
	XLAT(POLLMSG),
	XLAT_PAIR(K_POLLREMOVE, "POLLREMOVE"),
	XLAT(POLLRDHUP),
	XLAT_PAIR(K_POLL_BUSY_LOOP, "POLL_BUSY_LOOP"),
	XLAT_END,
};

static const struct xlat epoll_events[] = {
	XLAT(EPOLLIN),
	XLAT(EPOLLPRI),
	XLAT(EPOLLOUT),
	XLAT(EPOLLERR),
	XLAT(EPOLLHUP),
	XLAT_PAIR(POLLNVAL, "EPOLLNVAL"),
	XLAT(EPOLLRDNORM),
	XLAT(EPOLLRDBAND),
	XLAT(EPOLLWRNORM),
	XLAT(EPOLLWRBAND),
	XLAT(EPOLLMSG),
	XLAT(EPOLLRDHUP),
	XLAT(EPOLLEXCLUSIVE),
	XLAT(EPOLLWAKEUP),
	XLAT(EPOLLONESHOT),
	XLAT(EPOLLET),
	XLAT_END,
};

static const struct xlat epoll_ctl_ops[] = {
	XLAT(EPOLL_CTL_ADD),
	XLAT(EPOLL_CTL_DEL),
	XLAT(EPOLL_CTL_MOD),
	XLAT_END,
};

static const struct xlat epoll_create_flags[] = {
	XLAT(EPOLL_CLOEXEC),
	XLAT_END,
};

static const struct xlat eventfd_flags[] = {
	XLAT(EFD_SEMAPHORE),
	XLAT(EFD_CLOEXEC),
	XLAT(EFD_NONBLOCK),
	XLAT_END,
};

/* timerfd_create and timerfd_settime print their flags from the same table. */
static const struct xlat timerfd_flags[] = {
	XLAT(TFD_TIMER_ABSTIME),
	XLAT_PAIR(K_TFD_TIMER_CANCEL_ON_SET, "TFD_TIMER_CANCEL_ON_SET"),
	XLAT(TFD_CLOEXEC),
	XLAT(TFD_NONBLOCK),
	XLAT_END,
};

static const struct xlat clock_ids[] = {
	XLAT(CLOCK_REALTIME),
	XLAT(CLOCK_MONOTONIC),
	XLAT(CLOCK_PROCESS_CPUTIME_ID),
	XLAT(CLOCK_THREAD_CPUTIME_ID),
	XLAT(CLOCK_MONOTONIC_RAW),
	XLAT(CLOCK_REALTIME_COARSE),
	XLAT(CLOCK_MONOTONIC_COARSE),
	XLAT(CLOCK_BOOTTIME),
	XLAT(CLOCK_REALTIME_ALARM),
	XLAT(CLOCK_BOOTTIME_ALARM),
	XLAT_PAIR(K_CLOCK_SGI_CYCLE, "CLOCK_SGI_CYCLE"),
	XLAT(CLOCK_TAI),
	XLAT_END,
};

/* ---- arrays: strace's way of printing them ---- */

typedef void elem_fn(struct sb *o, struct tcb *t, const void *elem);

/* n elements of size sz at addr: "[e0, e1, ...]", at most -s of them then "...". An element that cannot
 * be read ends the list as "... /\* 0xADDR *\/"; when the first cannot be read, or the size overflows,
 * the array prints as its address. NULL stays NULL, an empty array is "[]". */
static void put_array(struct sb *o, struct tcb *t, uint64_t addr, uint64_t n, size_t sz, elem_fn *fn)
{
	unsigned char elem[64];
	if (addr == 0) {
		sb_puts(o, "NULL");
		return;
	}
	if (n > UINT64_MAX / sz || addr + n * sz < addr) {
		print_addr(o, addr);
		return;
	}
	if (n == 0) {
		sb_puts(o, "[]");
		return;
	}
	for (uint64_t i = 0; i < n; i++) {
		uint64_t at = addr + i * sz;
		if (i > 0)
			put_sep(o);
		/* strace reads an element before it checks the -s limit: an unreadable element right
		 * after the last one shown is reported, and with -s 0 an unreadable array too */
		if (mem_read(t, at, elem, sz) != 0) {
			if (i == 0) {
				print_addr(o, addr);
				return;
			}
			sb_printf(o, "... /* %#llx */", (unsigned long long)at);
			break;
		}
		if (i == 0)
			sb_putc(o, '[');
		if (i >= (uint64_t)opt.strsize) {
			sb_puts(o, "...");
			break;
		}
		fn(o, t, elem);
	}
	sb_putc(o, ']');
}

/* ---- poll, ppoll ---- */

/* {fd=3, events=POLLIN}; a negative fd is ignored by the kernel and printed alone: {fd=-1}. */
static void put_pollfd(struct sb *o, struct tcb *t, const void *elem)
{
	const struct pollfd *p = elem;
	sb_puts(o, "{fd=");
	put_fd(o, t, (uint64_t)(int64_t)p->fd);
	if (p->fd >= 0) {
		sb_puts(o, ", events=");
		print_flags(o, poll_events, (uint16_t)p->events, "POLL???");
	}
	sb_putc(o, '}');
}

/* What the kernel answered, after the return value: "[{fd=3, revents=POLLIN}]" for the fds with
 * events (plain fd numbers, no -y label), at most -s of them. */
static void put_revents(struct sb *s, struct tcb *t, uint64_t addr, uint64_t n)
{
	int printed = 0;
	sb_putc(s, '[');
	for (uint64_t i = 0; i < n && printed < t->rval; i++) {
		struct pollfd p;
		if (mem_read(t, addr + i * sizeof p, &p, sizeof p) != 0)
			break;
		if (!p.revents)
			continue;
		struct sb e = { 0 };
		sb_printf(&e, "{fd=%d, revents=", p.fd);
		print_flags(&e, poll_events, (uint16_t)p.revents, "POLL???");
		sb_putc(&e, '}');
		if (printed)
			put_sep(s);
		if (printed >= opt.strsize || (s->len - 1) + e.len >= POLL_NOTE_LIST_MAX ||
		    !aux_has_room(s, t, e.len)) {
			sb_puts(s, "...");
			sb_free(&e);
			break;
		}
		sb_write(s, sb_str(&e), e.len);
		sb_free(&e);
		printed++;
	}
	sb_putc(s, ']');
}

/* The note after a poll's return value; ts is ppoll's timeout (0 for poll), shown as "left". */
static void poll_result(struct tcb *t, uint64_t fds, uint64_t nfds, uint64_t ts)
{
	if (t->error)
		return;
	if (t->rval == 0) {
		snprintf(t->aux, sizeof t->aux, "(Timeout)");
		return;
	}
	struct sb s = { 0 };
	sb_putc(&s, '(');
	put_revents(&s, t, fds, nfds);
	if (ts) {
		struct sb left = { 0 };
		if (put_timespec(&left, t, ts))
			sb_printf(&s, ", left %s", sb_str(&left));
		sb_free(&left);
	}
	sb_putc(&s, ')');
	set_aux(t, &s);
	sb_free(&s);
}

/* poll([{fd=3, events=POLLIN}], 1, -1) = 1 ([{fd=3, revents=POLLIN}]) */
static void dec_poll(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_array(o, t, t->args[0], (uint32_t)t->args[1], sizeof(struct pollfd), put_pollfd);
		sb_printf(o, ", %u, %d", (unsigned)t->args[1], (int)t->args[2]);
	} else {
		poll_result(t, t->args[0], (uint32_t)t->args[1], 0);
	}
}

/* ppoll([...], 1, {tv_sec=1, tv_nsec=0}, [INT], 8) = 1 ([{fd=3, revents=POLLIN}], left {...}) */
static void dec_ppoll(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_array(o, t, t->args[0], (uint32_t)t->args[1], sizeof(struct pollfd), put_pollfd);
		sb_printf(o, ", %u, ", (unsigned)t->args[1]);
		put_timespec(o, t, t->args[2]);
		put_sep(o);
		put_sigset(o, t, t->args[3], t->args[4]);
		sb_printf(o, ", %llu", (unsigned long long)t->args[4]);
	} else {
		poll_result(t, t->args[0], (uint32_t)t->args[1], t->args[2]);
	}
}

/* ---- select, pselect6 ---- */

enum { MAX_SELECT_FDS = 1 << 20 }; /* bits of an fd set read from the tracee at most */

/* Reads the fd set of nfds bits at addr (a whole number of longs, as the kernel does). */
static uint64_t *read_fdset(struct tcb *t, uint64_t addr, int nfds, size_t *words)
{
	if (nfds > MAX_SELECT_FDS)
		nfds = MAX_SELECT_FDS;
	*words = ((size_t)nfds + 63) / 64;
	uint64_t *bits = calloc(*words ? *words : 1, sizeof *bits);
	if (bits && mem_read(t, addr, bits, *words * sizeof *bits) != 0) {
		free(bits);
		return NULL;
	}
	return bits;
}

/* [3 4] with -y labels; NULL; the address when unreadable or nfds is negative. */
static void put_fdset(struct sb *o, struct tcb *t, uint64_t addr, int nfds)
{
	if (addr == 0) {
		sb_puts(o, "NULL");
		return;
	}
	size_t words;
	uint64_t *bits = nfds < 0 ? NULL : read_fdset(t, addr, nfds, &words);
	if (!bits) {
		print_addr(o, addr);
		return;
	}
	sb_putc(o, '[');
	bool first = true;
	for (int fd = 0; fd < nfds && fd < MAX_SELECT_FDS; fd++) {
		if (!(bits[fd / 64] & (1ULL << (fd % 64))))
			continue;
		if (!first)
			sb_putc(o, ' ');
		print_fd(o, t, fd);
		first = false;
	}
	sb_putc(o, ']');
	free(bits);
}

/* The fds of one set that are ready, for the note: "in [3 5]" (plain numbers). *left counts the fds
 * still to show: no more than the call returned, as strace does. Returns false when the note is full. */
static bool put_ready_set(struct sb *s, struct tcb *t, const char *what, uint64_t addr, int nfds, bool *any,
			  int64_t *left)
{
	size_t words;
	bool room = true;
	if (!addr || nfds <= 0 || *left <= 0)
		return true;
	uint64_t *bits = read_fdset(t, addr, nfds, &words);
	if (!bits)
		return true;
	bool first = true;
	for (int fd = 0; fd < nfds && fd < MAX_SELECT_FDS && *left > 0; fd++) {
		if (!(bits[fd / 64] & (1ULL << (fd % 64))))
			continue;
		char piece[64];
		int n = first ? snprintf(piece, sizeof piece, "%s%s [%d", *any ? ", " : "", what, fd)
			      : snprintf(piece, sizeof piece, " %d", fd);
		if (s->len + (size_t)n > SELECT_NOTE_MAX || !aux_has_room(s, t, (size_t)n)) {
			room = false; /* strace, too, ends the list where its buffer ends */
			break;
		}
		sb_write(s, piece, (size_t)n);
		*any = true;
		first = false;
		(*left)--;
	}
	if (!first)
		sb_putc(s, ']');
	free(bits);
	return room;
}

/* "(in [3], out [4], except [5], left {tv_sec=0, tv_usec=999})" or "(Timeout)". */
static void select_result(struct tcb *t, bool timespec)
{
	if (t->error)
		return;
	if (t->rval == 0) {
		snprintf(t->aux, sizeof t->aux, "(Timeout)");
		return;
	}
	int nfds = (int)t->args[0];
	bool any = false;
	struct sb s = { 0 };
	sb_putc(&s, '(');
	int64_t left = t->rval;
	bool room = put_ready_set(&s, t, "in", t->args[1], nfds, &any, &left) &&
		    put_ready_set(&s, t, "out", t->args[2], nfds, &any, &left) &&
		    put_ready_set(&s, t, "except", t->args[3], nfds, &any, &left);
	if (room && t->args[4] && s.len < SELECT_NOTE_LEFT_BEFORE) {
		struct sb left = { 0 };
		bool ok = timespec ? put_timespec(&left, t, t->args[4]) : put_timeval(&left, t, t->args[4]);
		if (ok)
			sb_printf(&s, "%sleft %s", any ? ", " : "", sb_str(&left));
		sb_free(&left);
	}
	sb_putc(&s, ')');
	set_aux(t, &s);
	sb_free(&s);
}

static void put_select_sets(struct sb *o, struct tcb *t)
{
	int nfds = (int)t->args[0];
	sb_printf(o, "%d, ", nfds);
	put_fdset(o, t, t->args[1], nfds);
	put_sep(o);
	put_fdset(o, t, t->args[2], nfds);
	put_sep(o);
	put_fdset(o, t, t->args[3], nfds);
	put_sep(o);
}

/* select(5, [3 4], [], NULL, {tv_sec=1, tv_usec=0}) = 1 (in [3], left {tv_sec=0, tv_usec=999998}) */
static void dec_select(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_select_sets(o, t);
		put_timeval(o, t, t->args[4]);
	} else {
		select_result(t, false);
	}
}

/* pselect6's last argument: {sigmask=[INT], sigsetsize=8}. */
static void put_pselect_sigmask(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct {
		uint64_t ss, len;
	} arg;
	if (addr == 0) {
		sb_puts(o, "NULL");
		return;
	}
	if (mem_read(t, addr, &arg, sizeof arg) != 0) {
		print_addr(o, addr);
		return;
	}
	sb_puts(o, "{sigmask=");
	put_sigset(o, t, arg.ss, arg.len);
	sb_printf(o, ", sigsetsize=%llu}", (unsigned long long)arg.len);
}

static void dec_pselect6(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_select_sets(o, t);
		put_timespec(o, t, t->args[4]);
		put_sep(o);
		put_pselect_sigmask(o, t, t->args[5]);
	} else {
		select_result(t, true);
	}
}

/* ---- epoll ---- */

/* {events=EPOLLIN|EPOLLET, data={u32=4, u64=4}}: the data union shown both ways, as strace 6.1 does. */
static void put_epoll_event(struct sb *o, struct tcb *t, const void *elem)
{
	(void)t;
	struct epoll_event ev;
	memcpy(&ev, elem, sizeof ev);
	sb_puts(o, "{events=");
	print_flags(o, epoll_events, ev.events, "EPOLL???");
	sb_printf(o, ", data={u32=%u, u64=%llu}}", (unsigned)ev.data.u32, (unsigned long long)ev.data.u64);
}

static void dec_epoll_create(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		sb_printf(o, "%d", (int)t->args[0]);
	else
		t->rval_fmt = RVAL_FD;
}

static void dec_epoll_create1(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		print_flags(o, epoll_create_flags, (uint32_t)t->args[0], "EPOLL_???");
	else
		t->rval_fmt = RVAL_FD;
}

/* epoll_ctl(3, EPOLL_CTL_ADD, 4, {events=EPOLLIN, data={u32=4, u64=4}}): EPOLL_CTL_DEL ignores the
 * event, and strace prints only its address. */
static void dec_epoll_ctl(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	uint32_t op = (uint32_t)t->args[1];
	put_fd(o, t, t->args[0]);
	put_sep(o);
	print_xval(o, epoll_ctl_ops, op, "EPOLL_CTL_???");
	put_sep(o);
	put_fd(o, t, t->args[2]);
	put_sep(o);
	struct epoll_event ev;
	if (op == EPOLL_CTL_DEL || t->args[3] == 0 || mem_read(t, t->args[3], &ev, sizeof ev) != 0)
		print_addr(o, t->args[3]);
	else
		put_epoll_event(o, t, &ev);
}

/* The events the kernel wrote: as many as it returned, the address when the call failed. */
static void put_epoll_result(struct sb *o, struct tcb *t, uint64_t addr)
{
	if (t->error)
		print_addr(o, addr);
	else
		put_array(o, t, addr, (uint64_t)t->rval, sizeof(struct epoll_event), put_epoll_event);
}

/* epoll_wait(3, [{events=EPOLLIN, data={u32=4, u64=4}}], 64, -1) = 1: the epfd at entry, the rest at exit. */
static void dec_epoll_wait(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		return;
	}
	put_epoll_result(o, t, t->args[1]);
	sb_printf(o, ", %d, %d", (int)t->args[2], (int)t->args[3]);
}

static void dec_epoll_pwait(struct tcb *t, struct sb *o, bool entering)
{
	dec_epoll_wait(t, o, entering);
	if (entering)
		return;
	put_sep(o);
	put_sigset(o, t, t->args[4], t->args[5]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[5]);
}

/* epoll_pwait2(3, [...], 8, {tv_sec=5, tv_nsec=0}, NULL, 8): the timeout is a timespec. */
static void dec_epoll_pwait2(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		return;
	}
	put_epoll_result(o, t, t->args[1]);
	sb_printf(o, ", %d, ", (int)t->args[2]);
	put_timespec(o, t, t->args[3]);
	put_sep(o);
	put_sigset(o, t, t->args[4], t->args[5]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[5]);
}

/* ---- eventfd, timerfd ---- */

static void dec_eventfd(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		sb_printf(o, "%u", (unsigned)t->args[0]);
	else
		t->rval_fmt = RVAL_FD;
}

/* eventfd2(0, EFD_CLOEXEC|EFD_NONBLOCK) */
static void dec_eventfd2(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		sb_printf(o, "%u, ", (unsigned)t->args[0]);
		print_flags(o, eventfd_flags, (uint32_t)t->args[1], "EFD_???");
	} else {
		t->rval_fmt = RVAL_FD;
	}
}

/* timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC|TFD_NONBLOCK) */
static void dec_timerfd_create(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		print_xval(o, clock_ids, (uint32_t)t->args[0], "CLOCK_???");
		put_sep(o);
		print_flags(o, timerfd_flags, (uint32_t)t->args[1], "TFD_???");
	} else {
		t->rval_fmt = RVAL_FD;
	}
}

/* {it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=1, tv_nsec=0}} */
static void put_itimerspec(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct itimerspec its;
	if (addr == 0) {
		sb_puts(o, "NULL");
		return;
	}
	if (mem_read(t, addr, &its, sizeof its) != 0) {
		print_addr(o, addr);
		return;
	}
	sb_printf(o, "{it_interval={tv_sec=%lld, tv_nsec=%lld}, it_value={tv_sec=%lld, tv_nsec=%lld}}",
		  (long long)its.it_interval.tv_sec, (long long)its.it_interval.tv_nsec,
		  (long long)its.it_value.tv_sec, (long long)its.it_value.tv_nsec);
}

/* An itimerspec the kernel wrote: the address when the call failed. */
static void put_itimerspec_result(struct sb *o, struct tcb *t, uint64_t addr)
{
	if (t->error && addr)
		print_addr(o, addr);
	else
		put_itimerspec(o, t, addr);
}

/* timerfd_settime(4, 0, {it_interval=..., it_value=...}, NULL): the old value is printed at exit. */
static void dec_timerfd_settime(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
		print_flags(o, timerfd_flags, (uint32_t)t->args[1], "TFD_???");
		put_sep(o);
		put_itimerspec(o, t, t->args[2]);
		put_sep(o);
	} else {
		put_itimerspec_result(o, t, t->args[3]);
	}
}

static void dec_timerfd_gettime(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		put_fd(o, t, t->args[0]);
		put_sep(o);
	} else {
		put_itimerspec_result(o, t, t->args[1]);
	}
}

const struct decoder_entry poll_decoders[] = {
	{ "poll", dec_poll },
	{ "ppoll", dec_ppoll },
	{ "select", dec_select },
	{ "pselect6", dec_pselect6 },
	{ "epoll_create", dec_epoll_create },
	{ "epoll_create1", dec_epoll_create1 },
	{ "epoll_ctl", dec_epoll_ctl },
	{ "epoll_wait", dec_epoll_wait },
	{ "epoll_pwait", dec_epoll_pwait },
	{ "epoll_pwait2", dec_epoll_pwait2 },
	{ "eventfd", dec_eventfd },
	{ "eventfd2", dec_eventfd2 },
	{ "timerfd_create", dec_timerfd_create },
	{ "timerfd_settime", dec_timerfd_settime },
	{ "timerfd_gettime", dec_timerfd_gettime },
	{ NULL, NULL },
};
