/* decode_process.c -- strace-style arguments of the process and thread syscalls: execve, clone, clone3,
 * fork, wait4, waitid, exit, kill, prctl, arch_prctl, resource limits, getrandom, sleeps and clocks,
 * futex, robust lists, rseq, uname and the id calls. Signal sets and siginfo come from decode_signal.c. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>

#include <asm/prctl.h>

#include "tracer.h"

/* Defined in decode_signal.c (lead: these belong in tracer.h next to print_sigset). */
void print_siginfo_at(struct sb *o, struct tcb *t, uint64_t addr);

enum { KERNEL_NSIG = 64 };

/* ---- small printers ---- */

/* A signal number argument: "SIGTERM", "SIGRT_2"; outside 1..64 a plain number, as strace. */
static void print_signo(struct sb *o, int64_t sig)
{
	if (sig > 0 && sig <= KERNEL_NSIG)
		sb_puts(o, signal_name((int)sig));
	else
		sb_printf(o, "%d", (int)sig);
}

/* A call interrupted by a signal: the tracer sees the kernel's restart code at exit. */
static bool is_erestart(struct tcb *t)
{
	return t->error && (t->err == 512 || t->err == 513 || t->err == 514 || t->err == 516);
}

/* An output argument at exit: decoded when the call succeeded, its address when it failed. */
static bool failed(struct sb *o, struct tcb *t, uint64_t addr)
{
	if (t->error)
		print_addr(o, addr);
	return t->error;
}

/* Reads a struct, or prints the address (NULL, unreadable) and returns false. */
static bool read_or_addr(struct sb *o, struct tcb *t, uint64_t addr, void *buf, size_t len)
{
	if (addr != 0 && mem_read(t, addr, buf, len) == 0)
		return true;
	print_addr(o, addr);
	return false;
}

/* Bytes that strace always shows in hex (random data, padding): "\x4d\xf6", cut by -s. */
static void print_hex_bytes(struct sb *o, const unsigned char *b, size_t n, bool ellipsis)
{
	sb_putc(o, '"');
	for (size_t i = 0; i < n; i++)
		sb_printf(o, "\\x%02x", b[i]);
	sb_putc(o, '"');
	if (ellipsis)
		sb_puts(o, "...");
}

/* A string in tracee memory of at most cap bytes (cap 0: no cap but -s): "name", "name"... when
 * cut by -s or when no NUL ends it within cap bytes. */
static void print_str_capped(struct sb *o, struct tcb *t, uint64_t addr, size_t cap)
{
	size_t limit = (size_t)opt.strsize;
	size_t want = cap && cap <= limit ? cap : limit + 1;
	char *buf = malloc(want + 1);
	bool truncated = false;
	ssize_t n = buf ? mem_read_cstr(t, addr, buf, want, &truncated) : -1;
	if (n < 0) {
		print_addr(o, addr);
	} else {
		size_t len = (size_t)n;
		bool ellipsis = truncated;
		if (len > limit) {
			len = limit;
			ellipsis = true;
		}
		print_quoted(o, (unsigned char *)buf, len, ellipsis, false);
	}
	free(buf);
}

static void print_timespec_at(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct timespec ts;
	if (read_or_addr(o, t, addr, &ts, sizeof ts))
		sb_printf(o, "{tv_sec=%lld, tv_nsec=%lld}", (long long)ts.tv_sec, (long long)ts.tv_nsec);
}

static void put_timeval(struct sb *o, const struct timeval *tv)
{
	sb_printf(o, "{tv_sec=%lld, tv_usec=%lld}", (long long)tv->tv_sec, (long long)tv->tv_usec);
}

static void print_timeval_at(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct timeval tv;
	if (read_or_addr(o, t, addr, &tv, sizeof tv))
		put_timeval(o, &tv);
}

static void print_itimerval_at(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct itimerval it;
	if (!read_or_addr(o, t, addr, &it, sizeof it))
		return;
	sb_puts(o, "{it_interval=");
	put_timeval(o, &it.it_interval);
	sb_puts(o, ", it_value=");
	put_timeval(o, &it.it_value);
	sb_putc(o, '}');
}

/* strace shows only the times of a struct rusage unless -v. */
static void print_rusage_at(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct rusage ru;
	if (!read_or_addr(o, t, addr, &ru, sizeof ru))
		return;
	sb_puts(o, "{ru_utime=");
	put_timeval(o, &ru.ru_utime);
	sb_puts(o, ", ru_stime=");
	put_timeval(o, &ru.ru_stime);
	sb_puts(o, ", ...}");
}

/* [fd] written by the kernel (a pidfd), labelled with -y like any fd */
static void print_fd_ref(struct sb *o, struct tcb *t, uint64_t addr)
{
	int fd;
	if (!read_or_addr(o, t, addr, &fd, sizeof fd))
		return;
	sb_putc(o, '[');
	print_fd(o, t, fd);
	sb_putc(o, ']');
}

static void dec_noargs(struct tcb *t, struct sb *o, bool entering)
{
	(void)t;
	(void)o;
	(void)entering;
}

/* ---- execve, execveat ---- */

/* argv: every string cut by -s, and no more than -s of them, as strace. */
static void print_argv(struct sb *o, struct tcb *t, uint64_t addr)
{
	uint64_t p;
	if (!read_or_addr(o, t, addr, &p, sizeof p))
		return;
	sb_putc(o, '[');
	for (size_t i = 0; p != 0; i++) {
		if (i)
			sb_puts(o, ", ");
		if (i >= (size_t)opt.strsize) {
			sb_puts(o, "...");
			break;
		}
		print_str_capped(o, t, p, 0);
		if (mem_read(t, addr + (i + 1) * sizeof p, &p, sizeof p) != 0)
			break;
	}
	sb_putc(o, ']');
}

/* envp: only its address and how many variables it holds, "0x7ffd... /\* 41 vars *\/". */
static void print_envp(struct sb *o, struct tcb *t, uint64_t addr)
{
	enum { CHUNK = 64, MAX_VARS = 1 << 20 };
	uint64_t ptrs[CHUNK];
	size_t count = 0;
	print_addr(o, addr);
	if (addr == 0 || mem_read(t, addr, ptrs, sizeof ptrs[0]) != 0)
		return;
	for (;;) {
		uint64_t at = addr + count * sizeof ptrs[0];
		size_t got = CHUNK;
		if (mem_read(t, at, ptrs, sizeof ptrs) != 0) {
			got = 1; /* near the end of the mapping: one pointer at a time */
			if (mem_read(t, at, ptrs, sizeof ptrs[0]) != 0)
				break;
		}
		size_t i = 0;
		while (i < got && ptrs[i] != 0)
			i++;
		count += i;
		if (i < got || count >= MAX_VARS)
			break;
	}
	sb_printf(o, " /* %zu var%s */", count, count == 1 ? "" : "s");
}

/* execve(path, argv, envp): everything is input, all printed at entry */
static void dec_execve(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	print_cstr(o, t, t->args[0]);
	sb_puts(o, ", ");
	print_argv(o, t, t->args[1]);
	sb_puts(o, ", ");
	print_envp(o, t, t->args[2]);
}

static const struct xlat execveat_flags[] = {
	XLAT(AT_SYMLINK_NOFOLLOW), XLAT(AT_REMOVEDIR), XLAT(AT_SYMLINK_FOLLOW), XLAT(AT_NO_AUTOMOUNT),
	XLAT(AT_EMPTY_PATH),	   XLAT(AT_RECURSIVE), XLAT_END,
};

/* execveat(dirfd, path, argv, envp, flags) */
static void dec_execveat(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	print_fd(o, t, (int)t->args[0]);
	sb_puts(o, ", ");
	print_cstr(o, t, t->args[1]);
	sb_puts(o, ", ");
	print_argv(o, t, t->args[2]);
	sb_puts(o, ", ");
	print_envp(o, t, t->args[3]);
	sb_puts(o, ", ");
	print_flags(o, execveat_flags, (uint32_t)t->args[4], "AT_???");
}

/* ---- clone, clone3 ---- */

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#define CLONE_CLEAR_SIGHAND_ 0x100000000ULL
#define CLONE_INTO_CGROUP_ 0x200000000ULL
#define CSIGNAL_MASK 0xffULL

/* Ascending, as strace prints them; CLONE_NEWTIME (inside clone's exit-signal byte) only with clone3. */
static const struct xlat clone_flags[] = {
	XLAT(CLONE_VM),		 XLAT(CLONE_FS),	    XLAT(CLONE_FILES),
	XLAT(CLONE_SIGHAND),	 XLAT(CLONE_PIDFD),	    XLAT(CLONE_PTRACE),
	XLAT(CLONE_VFORK),	 XLAT(CLONE_PARENT),	    XLAT(CLONE_THREAD),
	XLAT(CLONE_NEWNS),	 XLAT(CLONE_SYSVSEM),	    XLAT(CLONE_SETTLS),
	XLAT(CLONE_PARENT_SETTID), XLAT(CLONE_CHILD_CLEARTID), XLAT(CLONE_UNTRACED),
	XLAT(CLONE_CHILD_SETTID), XLAT(CLONE_NEWCGROUP),    XLAT(CLONE_NEWUTS),
	XLAT(CLONE_NEWIPC),	 XLAT(CLONE_NEWUSER),	    XLAT(CLONE_NEWPID),
	XLAT(CLONE_NEWNET),	 XLAT(CLONE_IO),	    XLAT(CLONE_NEWTIME),
	XLAT_PAIR(CLONE_CLEAR_SIGHAND_, "CLONE_CLEAR_SIGHAND"), XLAT_PAIR(CLONE_INTO_CGROUP_, "CLONE_INTO_CGROUP"),
	XLAT_END,
};

/* clone's flags word: the flags, then the exit signal kept in its low byte ("...|SIGCHLD"). */
static void print_clone_flags(struct sb *o, uint64_t flags)
{
	uint64_t bits = flags & ~CSIGNAL_MASK;
	int sig = (int)(flags & CSIGNAL_MASK);
	if (bits)
		print_flags(o, clone_flags, bits, "CLONE_???");
	if (bits && sig)
		sb_putc(o, '|');
	if (sig)
		print_signo(o, sig);
	if (!bits && !sig)
		sb_putc(o, '0');
}

/* x86_64: clone(flags, stack, parent_tid, child_tid, tls). strace prints the stack and the flags at
 * entry, the rest (parent_tid filled in by then) at exit. */
static void dec_clone(struct tcb *t, struct sb *o, bool entering)
{
	uint64_t flags = t->args[0];
	if (entering) {
		sb_puts(o, "child_stack=");
		print_addr(o, t->args[1]);
		sb_puts(o, ", flags=");
		print_clone_flags(o, flags);
		return;
	}
	if (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) {
		/* with CLONE_PIDFD the kernel puts the pidfd there */
		sb_puts(o, ", parent_tid=");
		if (t->error)
			print_addr(o, t->args[2]);
		else if (flags & CLONE_PIDFD)
			print_fd_ref(o, t, t->args[2]);
		else
			print_int_ref(o, t, t->args[2]);
	}
	if (flags & CLONE_SETTLS) {
		sb_puts(o, ", tls=");
		print_addr(o, t->args[4]);
	}
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		sb_puts(o, ", child_tidptr=");
		print_addr(o, t->args[3]);
	}
}

/* struct clone_args as of Linux 5.7 (CLONE_ARGS_SIZE_VER2). */
struct clone_args_v2 {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size; /* VER1 */
	uint64_t cgroup;                /* VER2 */
};
enum { CLONE_ARGS_VER0 = 64, CLONE_ARGS_VER1 = 80, CLONE_ARGS_VER2 = 88, CLONE3_TAIL_MAX = 4096 };

static void print_clone3_tail(struct sb *o, struct tcb *t, uint64_t addr, uint64_t size)
{
	size_t n = size - CLONE_ARGS_VER2 > CLONE3_TAIL_MAX ? CLONE3_TAIL_MAX : (size_t)(size - CLONE_ARGS_VER2);
	unsigned char *tail = malloc(n);
	if (tail && mem_read(t, addr + CLONE_ARGS_VER2, tail, n) == 0) {
		size_t i = 0;
		while (i < n && tail[i] == 0)
			i++;
		if (i < n) { /* a newer struct than ours, with something in it */
			size_t show = n > (size_t)opt.strsize ? (size_t)opt.strsize : n;
			sb_printf(o, ", /* bytes %u..%llu */ ", CLONE_ARGS_VER2, (unsigned long long)size - 1);
			print_hex_bytes(o, tail, show, show < n);
		}
	}
	free(tail);
}

/* clone3(args, size): the struct at entry, then " => {parent_tid=[1235]}" with what the kernel wrote.
 * The size goes where strace puts it, which shows when another task's line cuts the call in two: at entry,
 * unless the exit has something to add first (an output field, or a struct bigger than ours). */
enum { CLONE3_ALL_AT_ENTRY, CLONE3_SIZE_AT_EXIT };
static void dec_clone3(struct tcb *t, struct sb *o, bool entering)
{
	uint64_t addr = t->args[0], size = t->args[1];
	struct clone_args_v2 ca;
	if (entering) {
		t->priv[0] = CLONE3_ALL_AT_ENTRY;
		memset(&ca, 0, sizeof ca);
		size_t want = size < sizeof ca ? (size_t)size : sizeof ca;
		if (size < CLONE_ARGS_VER0 || addr == 0 || mem_read(t, addr, &ca, want) != 0) {
			print_addr(o, addr);
			sb_printf(o, ", %llu", (unsigned long long)size);
			return;
		}
		t->priv[1] = ca.flags;
		t->priv[2] = ca.pidfd;
		t->priv[3] = ca.parent_tid;
		sb_puts(o, "{flags=");
		print_flags(o, clone_flags, ca.flags, "CLONE_???");
		if (ca.flags & CLONE_PIDFD) {
			sb_puts(o, ", pidfd=");
			print_addr(o, ca.pidfd);
		}
		if (ca.flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
			sb_puts(o, ", child_tid=");
			print_addr(o, ca.child_tid);
		}
		if (ca.flags & CLONE_PARENT_SETTID) {
			sb_puts(o, ", parent_tid=");
			print_addr(o, ca.parent_tid);
		}
		sb_puts(o, ", exit_signal=");
		if (ca.exit_signal <= KERNEL_NSIG)
			print_signo(o, (int64_t)ca.exit_signal);
		else
			sb_printf(o, "%llu", (unsigned long long)ca.exit_signal);
		sb_puts(o, ", stack=");
		print_addr(o, ca.stack);
		sb_printf(o, ", stack_size=%#llx", (unsigned long long)ca.stack_size);
		if (ca.flags & CLONE_SETTLS) {
			sb_puts(o, ", tls=");
			print_addr(o, ca.tls);
		}
		if (size >= CLONE_ARGS_VER1 && (ca.set_tid || ca.set_tid_size)) {
			sb_puts(o, ", set_tid=");
			if (ca.set_tid_size > 0 && ca.set_tid_size <= 32) {
				int tids[32];
				size_t n = (size_t)ca.set_tid_size;
				if (read_or_addr(o, t, ca.set_tid, tids, n * sizeof tids[0])) {
					sb_putc(o, '[');
					for (size_t i = 0; i < n; i++)
						sb_printf(o, i ? ", %d" : "%d", tids[i]);
					sb_putc(o, ']');
				}
			} else {
				print_addr(o, ca.set_tid);
			}
			sb_printf(o, ", set_tid_size=%llu", (unsigned long long)ca.set_tid_size);
		}
		if (size >= CLONE_ARGS_VER2 && (ca.flags & CLONE_INTO_CGROUP_))
			sb_printf(o, ", cgroup=%llu", (unsigned long long)ca.cgroup);
		if (size > CLONE_ARGS_VER2)
			print_clone3_tail(o, t, addr, size);
		sb_putc(o, '}');
		if ((ca.flags & (CLONE_PIDFD | CLONE_PARENT_SETTID)) || size > sizeof ca)
			t->priv[0] = CLONE3_SIZE_AT_EXIT;
		else
			sb_printf(o, ", %llu", (unsigned long long)size);
		return;
	}
	if (t->priv[0] != CLONE3_SIZE_AT_EXIT)
		return;
	uint64_t flags = t->priv[1];
	if (!t->error && (flags & (CLONE_PIDFD | CLONE_PARENT_SETTID))) {
		sb_puts(o, " => {");
		if (flags & CLONE_PIDFD) {
			sb_puts(o, "pidfd=");
			print_fd_ref(o, t, t->priv[2]);
		}
		if (flags & CLONE_PARENT_SETTID) {
			if (flags & CLONE_PIDFD)
				sb_puts(o, ", ");
			sb_puts(o, "parent_tid=");
			print_int_ref(o, t, t->priv[3]);
		}
		sb_putc(o, '}');
	}
	sb_printf(o, ", %llu", (unsigned long long)size);
}

/* ---- wait4, waitid, exit ---- */

/* Not in value order: strace's order. */
static const struct xlat wait_options[] = {
	XLAT(WNOHANG), XLAT(WEXITED), XLAT(WSTOPPED), XLAT(WCONTINUED), XLAT(WNOWAIT),
	XLAT(__WCLONE), XLAT(__WALL), XLAT(__WNOTHREAD), XLAT_END,
};

static const struct xlat ptrace_events[] = {
	XLAT_PAIR(1, "PTRACE_EVENT_FORK"),	  XLAT_PAIR(2, "PTRACE_EVENT_VFORK"),
	XLAT_PAIR(3, "PTRACE_EVENT_CLONE"),	  XLAT_PAIR(4, "PTRACE_EVENT_EXEC"),
	XLAT_PAIR(5, "PTRACE_EVENT_VFORK_DONE"), XLAT_PAIR(6, "PTRACE_EVENT_EXIT"),
	XLAT_PAIR(7, "PTRACE_EVENT_SECCOMP"),	  XLAT_PAIR(128, "PTRACE_EVENT_STOP"),
	XLAT_END,
};

/* A wait status the way strace spells it: [{WIFEXITED(s) && WEXITSTATUS(s) == 0}]. */
static void print_wait_status(struct sb *o, int status)
{
	unsigned rest;
	if (WIFSTOPPED(status)) {
		int sig = WSTOPSIG(status);
		sb_puts(o, "[{WIFSTOPPED(s) && WSTOPSIG(s) == ");
		print_signo(o, sig & 0x7f);
		if (sig & 0x80)
			sb_puts(o, " | 0x80");
		sb_putc(o, '}');
		rest = (unsigned)status & ~0xffffU;
	} else if (WIFSIGNALED(status)) {
		sb_puts(o, "[{WIFSIGNALED(s) && WTERMSIG(s) == ");
		print_signo(o, WTERMSIG(status));
		if (WCOREDUMP(status))
			sb_puts(o, " && WCOREDUMP(s)");
		sb_putc(o, '}');
		rest = (unsigned)status & ~0xffU;
	} else if (WIFEXITED(status)) {
		sb_printf(o, "[{WIFEXITED(s) && WEXITSTATUS(s) == %d}", WEXITSTATUS(status));
		rest = (unsigned)status & ~0xff00U;
	} else if (WIFCONTINUED(status)) {
		sb_puts(o, "[{WIFCONTINUED(s)}");
		rest = (unsigned)status & ~0xffffU;
	} else {
		sb_printf(o, "[%#x]", (unsigned)status);
		return;
	}
	if (rest >> 16) {
		sb_puts(o, " | ");
		print_xval(o, ptrace_events, rest >> 16, "PTRACE_EVENT_???");
		sb_puts(o, " << 16");
		rest &= 0xffff;
	}
	if (rest)
		sb_printf(o, " | %#x", rest);
	sb_putc(o, ']');
}

/* wait4(pid, status, options, rusage): status and rusage are filled in, so all but pid wait for exit */
static void dec_wait4(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		sb_printf(o, "%d, ", (int)t->args[0]);
		return;
	}
	int status;
	/* WNOHANG with no child ready returns 0 and leaves the status alone */
	if (t->error || t->rval == 0 || t->args[1] == 0 || mem_read(t, t->args[1], &status, sizeof status) != 0)
		print_addr(o, t->args[1]);
	else
		print_wait_status(o, status);
	sb_puts(o, ", ");
	print_flags(o, wait_options, (uint32_t)t->args[2], "W???");
	sb_puts(o, ", ");
	if (!failed(o, t, t->args[3]))
		print_rusage_at(o, t, t->args[3]);
}

static const struct xlat waitid_types[] = {
	XLAT(P_ALL),
	XLAT(P_PID),
	XLAT(P_PGID),
	XLAT_PAIR(3, "P_PIDFD"),
	XLAT_END,
};

/* waitid(idtype, id, infop, options, rusage) */
static void dec_waitid(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		print_xval(o, waitid_types, (uint32_t)t->args[0], "P_???");
		sb_printf(o, ", %d, ", (int)t->args[1]);
		return;
	}
	if (!failed(o, t, t->args[2]))
		print_siginfo_at(o, t, t->args[2]);
	sb_puts(o, ", ");
	print_flags(o, wait_options, (uint32_t)t->args[3], "W???");
	sb_puts(o, ", ");
	if (!failed(o, t, t->args[4]))
		print_rusage_at(o, t, t->args[4]);
}

/* exit(status), exit_group(status): they never return, the line ends "= ?" */
static void dec_exit(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		sb_printf(o, "%d", (int)t->args[0]);
	else
		t->rval_fmt = RVAL_NONE;
}

/* ---- signals sent ---- */

/* kill(pid, sig) */
static void dec_kill(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	sb_printf(o, "%d, ", (int)t->args[0]);
	print_signo(o, (int)t->args[1]);
}

/* tkill(tid, sig) */
static void dec_tkill(struct tcb *t, struct sb *o, bool entering)
{
	dec_kill(t, o, entering);
}

/* tgkill(tgid, tid, sig) */
static void dec_tgkill(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	sb_printf(o, "%d, %d, ", (int)t->args[0], (int)t->args[1]);
	print_signo(o, (int)t->args[2]);
}

/* ---- pidfds ---- */

static const struct xlat pidfd_flags[] = { XLAT_PAIR(O_NONBLOCK, "PIDFD_NONBLOCK"), XLAT_END };

/* pidfd_open(pid, flags) = a pidfd */
static void dec_pidfd_open(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering) {
		t->rval_fmt = RVAL_FD;
		return;
	}
	sb_printf(o, "%d, ", (int)t->args[0]);
	print_flags(o, pidfd_flags, (uint32_t)t->args[1], "PIDFD_???");
}

/* The process a pidfd of the tracee refers to: the "Pid:" line of its fdinfo, 0 when unknown. */
static pid_t pidfd_target(struct tcb *t, int pidfd)
{
	char path[64], line[128];
	pid_t pid = 0;
	snprintf(path, sizeof path, "/proc/%d/fdinfo/%d", t->pid, pidfd);
	FILE *f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "Pid: %d", &pid) == 1)
			break;
	fclose(f);
	return pid > 0 ? pid : 0;
}

/* pidfd_getfd(pidfd, targetfd, flags) = a copy of another process's fd; with -y strace labels
 * targetfd as that process sees it. */
static void dec_pidfd_getfd(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering) {
		t->rval_fmt = RVAL_FD;
		return;
	}
	int pidfd = (int)t->args[0], target = (int)t->args[1];
	char label[512];
	print_fd(o, t, pidfd);
	sb_printf(o, ", %d", target);
	pid_t pid = opt.yflag && target >= 0 ? pidfd_target(t, pidfd) : 0;
	if (pid && fd_label(pid, target, opt.yflag, label, sizeof label))
		sb_printf(o, "<%s>", label);
	sb_printf(o, ", %#x", (unsigned)t->args[2]);
}

/* ---- ids, sessions, process groups ---- */

/* One pid argument: getpgid(pid), getsid(pid) */
static void dec_pid_arg(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		sb_printf(o, "%d", (int)t->args[0]);
}

/* setpgid(pid, pgid) */
static void dec_setpgid(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		sb_printf(o, "%d, %d", (int)t->args[0], (int)t->args[1]);
}

/* One pointer argument: set_tid_address(tidptr) */
static void dec_addr_arg(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		print_addr(o, t->args[0]);
}

/* uname(buf): strace shows the first two fields unless -v */
static void dec_uname(struct tcb *t, struct sb *o, bool entering)
{
	struct utsname u;
	if (entering || failed(o, t, t->args[0]) || !read_or_addr(o, t, t->args[0], &u, sizeof u))
		return;
	sb_puts(o, "{sysname=");
	print_quoted(o, (unsigned char *)u.sysname, strnlen(u.sysname, sizeof u.sysname), false, true);
	sb_puts(o, ", nodename=");
	print_quoted(o, (unsigned char *)u.nodename, strnlen(u.nodename, sizeof u.nodename), false, true);
	sb_puts(o, ", ...}");
}

/* ---- prctl ---- */

static const struct xlat capabilities[] = {
	XLAT(CAP_CHOWN),	    XLAT(CAP_DAC_OVERRIDE),    XLAT(CAP_DAC_READ_SEARCH), XLAT(CAP_FOWNER),
	XLAT(CAP_FSETID),	    XLAT(CAP_KILL),	       XLAT(CAP_SETGID),	  XLAT(CAP_SETUID),
	XLAT(CAP_SETPCAP),	    XLAT(CAP_LINUX_IMMUTABLE), XLAT(CAP_NET_BIND_SERVICE), XLAT(CAP_NET_BROADCAST),
	XLAT(CAP_NET_ADMIN),	    XLAT(CAP_NET_RAW),	       XLAT(CAP_IPC_LOCK),	  XLAT(CAP_IPC_OWNER),
	XLAT(CAP_SYS_MODULE),	    XLAT(CAP_SYS_RAWIO),       XLAT(CAP_SYS_CHROOT),	  XLAT(CAP_SYS_PTRACE),
	XLAT(CAP_SYS_PACCT),	    XLAT(CAP_SYS_ADMIN),       XLAT(CAP_SYS_BOOT),	  XLAT(CAP_SYS_NICE),
	XLAT(CAP_SYS_RESOURCE),     XLAT(CAP_SYS_TIME),	       XLAT(CAP_SYS_TTY_CONFIG),  XLAT(CAP_MKNOD),
	XLAT(CAP_LEASE),	    XLAT(CAP_AUDIT_WRITE),     XLAT(CAP_AUDIT_CONTROL),	  XLAT(CAP_SETFCAP),
	XLAT(CAP_MAC_OVERRIDE),     XLAT(CAP_MAC_ADMIN),       XLAT(CAP_SYSLOG),	  XLAT(CAP_WAKE_ALARM),
	XLAT(CAP_BLOCK_SUSPEND),    XLAT(CAP_AUDIT_READ),      XLAT(CAP_PERFMON),	  XLAT(CAP_BPF),
	XLAT(CAP_CHECKPOINT_RESTORE), XLAT_END,
};

static const struct xlat dumpable_modes[] = {
	XLAT_PAIR(0, "SUID_DUMP_DISABLE"),
	XLAT_PAIR(1, "SUID_DUMP_USER"),
	XLAT_PAIR(2, "SUID_DUMP_ROOT"),
	XLAT_END,
};

static const struct xlat tsc_modes[] = { XLAT(PR_TSC_ENABLE), XLAT(PR_TSC_SIGSEGV), XLAT_END };

static const struct xlat securebits[] = {
	XLAT_PAIR(1 << 0, "SECBIT_NOROOT"),	      XLAT_PAIR(1 << 1, "SECBIT_NOROOT_LOCKED"),
	XLAT_PAIR(1 << 2, "SECBIT_NO_SETUID_FIXUP"), XLAT_PAIR(1 << 3, "SECBIT_NO_SETUID_FIXUP_LOCKED"),
	XLAT_PAIR(1 << 4, "SECBIT_KEEP_CAPS"),	      XLAT_PAIR(1 << 5, "SECBIT_KEEP_CAPS_LOCKED"),
	XLAT_PAIR(1 << 6, "SECBIT_NO_CAP_AMBIENT_RAISE"), XLAT_PAIR(1 << 7, "SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED"),
	XLAT_END,
};

static const struct xlat seccomp_modes[] = {
	XLAT_PAIR(0, "SECCOMP_MODE_DISABLED"),
	XLAT_PAIR(1, "SECCOMP_MODE_STRICT"),
	XLAT_PAIR(2, "SECCOMP_MODE_FILTER"),
	XLAT_END,
};

static const struct xlat cap_ambient_ops[] = {
	XLAT(PR_CAP_AMBIENT_IS_SET),
	XLAT(PR_CAP_AMBIENT_RAISE),
	XLAT(PR_CAP_AMBIENT_LOWER),
	XLAT(PR_CAP_AMBIENT_CLEAR_ALL),
	XLAT_END,
};

static const struct xlat mce_kill_policies[] = {
	XLAT(PR_MCE_KILL_LATE),
	XLAT(PR_MCE_KILL_EARLY),
	XLAT(PR_MCE_KILL_DEFAULT),
	XLAT_END,
};

static const struct xlat spec_misfeatures[] = {
	XLAT(PR_SPEC_STORE_BYPASS),
	XLAT(PR_SPEC_INDIRECT_BRANCH),
	XLAT_PAIR(2, "PR_SPEC_L1D_FLUSH"),
	XLAT_END,
};

static const struct xlat spec_flags[] = {
	XLAT(PR_SPEC_PRCTL),	     XLAT(PR_SPEC_ENABLE),		       XLAT(PR_SPEC_DISABLE),
	XLAT(PR_SPEC_FORCE_DISABLE), XLAT_PAIR(1UL << 4, "PR_SPEC_DISABLE_NOEXEC"), XLAT_END,
};

static const struct xlat mm_ops[] = {
	XLAT(PR_SET_MM_START_CODE), XLAT(PR_SET_MM_END_CODE),  XLAT(PR_SET_MM_START_DATA), XLAT(PR_SET_MM_END_DATA),
	XLAT(PR_SET_MM_START_STACK), XLAT(PR_SET_MM_START_BRK), XLAT(PR_SET_MM_BRK),	      XLAT(PR_SET_MM_ARG_START),
	XLAT(PR_SET_MM_ARG_END),    XLAT(PR_SET_MM_ENV_START), XLAT(PR_SET_MM_ENV_END),    XLAT(PR_SET_MM_AUXV),
	XLAT(PR_SET_MM_EXE_FILE),   XLAT(PR_SET_MM_MAP),       XLAT(PR_SET_MM_MAP_SIZE),   XLAT_END,
};

#ifndef PR_SET_VMA
#define PR_SET_VMA 0x53564d41
#endif
static const struct xlat vma_ops[] = { XLAT_PAIR(0, "PR_SET_VMA_ANON_NAME"), XLAT_END };

/* How each option's arguments look. Options not listed print four more arguments in hex. */
enum pr_shape {
	SH_RAW,       /* option, arg2..arg5 in hex */
	SH_NONE,      /* the option alone */
	SH_ULONG,     /* option, arg2 in decimal */
	SH_DEC_HEX3,  /* option, arg2 in decimal, arg3..arg5 in hex */
	SH_SIGNAL,    /* option, a signal */
	SH_GET_SIGNAL, /* option, [signal] written by the kernel */
	SH_GET_INT,   /* option, [int] written by the kernel */
	SH_GET_ADDR,  /* option, [pointer] written by the kernel */
	SH_SET_MM,    /* option, what to set, arg3..arg5 in hex */
	SH_SET_NAME,
	SH_GET_NAME,
	SH_SET_DUMPABLE,
	SH_GET_DUMPABLE,
	SH_CAP,
	SH_SET_SECUREBITS,
	SH_SET_TSC,
	SH_GET_TSC,
	SH_SET_PTRACER,
	SH_SET_SECCOMP,
	SH_CAP_AMBIENT,
	SH_MCE_KILL_GET,
	SH_GET_SPEC,
	SH_SET_SPEC,
	SH_SET_VMA,
};

static const struct prctl_option {
	unsigned option;
	const char *name;
	enum pr_shape shape;
} prctl_options[] = {
	{ PR_SET_PDEATHSIG, "PR_SET_PDEATHSIG", SH_SIGNAL },
	{ PR_GET_PDEATHSIG, "PR_GET_PDEATHSIG", SH_GET_SIGNAL },
	{ PR_GET_DUMPABLE, "PR_GET_DUMPABLE", SH_GET_DUMPABLE },
	{ PR_SET_DUMPABLE, "PR_SET_DUMPABLE", SH_SET_DUMPABLE },
	{ PR_GET_UNALIGN, "PR_GET_UNALIGN", SH_GET_INT },
	{ PR_SET_UNALIGN, "PR_SET_UNALIGN", SH_RAW },
	{ PR_GET_KEEPCAPS, "PR_GET_KEEPCAPS", SH_NONE },
	{ PR_SET_KEEPCAPS, "PR_SET_KEEPCAPS", SH_ULONG },
	{ PR_GET_FPEMU, "PR_GET_FPEMU", SH_GET_INT },
	{ PR_SET_FPEMU, "PR_SET_FPEMU", SH_RAW },
	{ PR_GET_FPEXC, "PR_GET_FPEXC", SH_GET_INT },
	{ PR_SET_FPEXC, "PR_SET_FPEXC", SH_RAW },
	{ PR_GET_TIMING, "PR_GET_TIMING", SH_NONE },
	{ PR_SET_TIMING, "PR_SET_TIMING", SH_RAW },
	{ PR_SET_NAME, "PR_SET_NAME", SH_SET_NAME },
	{ PR_GET_NAME, "PR_GET_NAME", SH_GET_NAME },
	{ PR_GET_ENDIAN, "PR_GET_ENDIAN", SH_GET_INT },
	{ PR_SET_ENDIAN, "PR_SET_ENDIAN", SH_RAW },
	{ PR_GET_SECCOMP, "PR_GET_SECCOMP", SH_NONE },
	{ PR_SET_SECCOMP, "PR_SET_SECCOMP", SH_SET_SECCOMP },
	{ PR_CAPBSET_READ, "PR_CAPBSET_READ", SH_CAP },
	{ PR_CAPBSET_DROP, "PR_CAPBSET_DROP", SH_CAP },
	{ PR_GET_TSC, "PR_GET_TSC", SH_GET_TSC },
	{ PR_SET_TSC, "PR_SET_TSC", SH_SET_TSC },
	{ PR_GET_SECUREBITS, "PR_GET_SECUREBITS", SH_NONE },
	{ PR_SET_SECUREBITS, "PR_SET_SECUREBITS", SH_SET_SECUREBITS },
	{ PR_SET_TIMERSLACK, "PR_SET_TIMERSLACK", SH_ULONG },
	{ PR_GET_TIMERSLACK, "PR_GET_TIMERSLACK", SH_NONE },
	{ PR_TASK_PERF_EVENTS_DISABLE, "PR_TASK_PERF_EVENTS_DISABLE", SH_NONE },
	{ PR_TASK_PERF_EVENTS_ENABLE, "PR_TASK_PERF_EVENTS_ENABLE", SH_NONE },
	{ PR_MCE_KILL, "PR_MCE_KILL", SH_RAW },
	{ PR_MCE_KILL_GET, "PR_MCE_KILL_GET", SH_MCE_KILL_GET },
	{ PR_SET_MM, "PR_SET_MM", SH_SET_MM },
	{ PR_SET_PTRACER, "PR_SET_PTRACER", SH_SET_PTRACER },
	{ PR_SET_CHILD_SUBREAPER, "PR_SET_CHILD_SUBREAPER", SH_ULONG },
	{ PR_GET_CHILD_SUBREAPER, "PR_GET_CHILD_SUBREAPER", SH_GET_INT },
	{ PR_SET_NO_NEW_PRIVS, "PR_SET_NO_NEW_PRIVS", SH_DEC_HEX3 },
	{ PR_GET_NO_NEW_PRIVS, "PR_GET_NO_NEW_PRIVS", SH_RAW },
	{ PR_GET_TID_ADDRESS, "PR_GET_TID_ADDRESS", SH_GET_ADDR },
	{ PR_SET_THP_DISABLE, "PR_SET_THP_DISABLE", SH_DEC_HEX3 },
	{ PR_GET_THP_DISABLE, "PR_GET_THP_DISABLE", SH_RAW },
	{ PR_MPX_ENABLE_MANAGEMENT, "PR_MPX_ENABLE_MANAGEMENT", SH_RAW },
	{ PR_MPX_DISABLE_MANAGEMENT, "PR_MPX_DISABLE_MANAGEMENT", SH_RAW },
	{ PR_SET_FP_MODE, "PR_SET_FP_MODE", SH_RAW },
	{ PR_GET_FP_MODE, "PR_GET_FP_MODE", SH_NONE },
	{ PR_CAP_AMBIENT, "PR_CAP_AMBIENT", SH_CAP_AMBIENT },
	{ PR_SVE_SET_VL, "PR_SVE_SET_VL", SH_RAW },
	{ PR_SVE_GET_VL, "PR_SVE_GET_VL", SH_RAW },
	{ PR_GET_SPECULATION_CTRL, "PR_GET_SPECULATION_CTRL", SH_GET_SPEC },
	{ PR_SET_SPECULATION_CTRL, "PR_SET_SPECULATION_CTRL", SH_SET_SPEC },
	{ PR_PAC_RESET_KEYS, "PR_PAC_RESET_KEYS", SH_RAW },
	{ PR_SET_TAGGED_ADDR_CTRL, "PR_SET_TAGGED_ADDR_CTRL", SH_RAW },
	{ PR_GET_TAGGED_ADDR_CTRL, "PR_GET_TAGGED_ADDR_CTRL", SH_RAW },
	{ PR_SET_IO_FLUSHER, "PR_SET_IO_FLUSHER", SH_RAW },
	{ PR_GET_IO_FLUSHER, "PR_GET_IO_FLUSHER", SH_RAW },
	{ PR_SET_VMA, "PR_SET_VMA", SH_SET_VMA },
};

static const struct prctl_option *find_prctl(uint64_t option)
{
	for (size_t i = 0; i < sizeof prctl_options / sizeof prctl_options[0]; i++)
		if (prctl_options[i].option == option)
			return &prctl_options[i];
	return NULL;
}

static void hex_args(struct sb *o, struct tcb *t, int from, int to)
{
	for (int i = from; i <= to; i++)
		sb_printf(o, ", %#llx", (unsigned long long)t->args[i]);
}

/* The kernel's task name: TASK_COMM_LEN bytes with the NUL, so at most 15 characters. */
enum { TASK_COMM_LEN = 16 };

static void prctl_entry(struct tcb *t, struct sb *o, enum pr_shape shape)
{
	switch (shape) {
	case SH_RAW:
	case SH_MCE_KILL_GET:
		hex_args(o, t, 1, 4);
		break;
	case SH_NONE:
	case SH_GET_DUMPABLE:
		break;
	case SH_ULONG:
		sb_printf(o, ", %llu", (unsigned long long)t->args[1]);
		break;
	case SH_DEC_HEX3:
		sb_printf(o, ", %llu", (unsigned long long)t->args[1]);
		hex_args(o, t, 2, 4);
		break;
	case SH_SIGNAL:
		sb_puts(o, ", ");
		print_signo(o, (int64_t)t->args[1]);
		break;
	case SH_SET_MM:
		sb_puts(o, ", ");
		print_xval(o, mm_ops, t->args[1], "PR_SET_MM_???");
		hex_args(o, t, 2, 4);
		break;
	case SH_GET_SIGNAL:
	case SH_GET_INT:
	case SH_GET_ADDR:
	case SH_GET_NAME:
	case SH_GET_TSC:
		sb_puts(o, ", "); /* the value comes at exit */
		break;
	case SH_SET_NAME:
		sb_puts(o, ", ");
		print_str_capped(o, t, t->args[1], TASK_COMM_LEN - 1);
		break;
	case SH_SET_DUMPABLE:
		sb_puts(o, ", ");
		print_xval(o, dumpable_modes, t->args[1], "SUID_DUMP_???");
		break;
	case SH_CAP:
		sb_puts(o, ", ");
		print_xval(o, capabilities, t->args[1], "CAP_???");
		break;
	case SH_SET_SECUREBITS:
		sb_puts(o, ", ");
		print_flags(o, securebits, t->args[1], "SECBIT_???");
		break;
	case SH_SET_TSC:
		sb_puts(o, ", ");
		print_xval(o, tsc_modes, t->args[1], "PR_TSC_???");
		break;
	case SH_SET_PTRACER:
		if (t->args[1] == (uint64_t)PR_SET_PTRACER_ANY)
			sb_puts(o, ", PR_SET_PTRACER_ANY");
		else
			sb_printf(o, ", %llu", (unsigned long long)t->args[1]);
		break;
	case SH_SET_SECCOMP:
		sb_puts(o, ", ");
		print_xval(o, seccomp_modes, t->args[1], "SECCOMP_MODE_???");
		if (t->args[1] == 2) { /* SECCOMP_MODE_FILTER: struct sock_fprog */
			struct {
				unsigned short len;
				uint64_t filter;
			} prog;
			sb_puts(o, ", ");
			if (read_or_addr(o, t, t->args[2], &prog, sizeof prog)) {
				sb_printf(o, "{len=%u, filter=", prog.len);
				print_addr(o, prog.filter);
				sb_putc(o, '}');
			}
		} else if (t->args[1] != 1) {
			hex_args(o, t, 2, 4);
		}
		break;
	case SH_CAP_AMBIENT:
		sb_puts(o, ", ");
		print_xval(o, cap_ambient_ops, t->args[1], "PR_CAP_AMBIENT_???");
		if (t->args[1] >= PR_CAP_AMBIENT_IS_SET && t->args[1] <= PR_CAP_AMBIENT_LOWER) {
			sb_puts(o, ", ");
			print_xval(o, capabilities, t->args[2], "CAP_???");
			hex_args(o, t, 3, 4);
		} else {
			hex_args(o, t, 2, 4);
		}
		break;
	case SH_GET_SPEC:
		sb_puts(o, ", ");
		print_xval(o, spec_misfeatures, t->args[1], "PR_SPEC_???");
		break;
	case SH_SET_SPEC:
		sb_puts(o, ", ");
		print_xval(o, spec_misfeatures, t->args[1], "PR_SPEC_???");
		sb_puts(o, ", ");
		print_flags(o, spec_flags, t->args[2], "PR_SPEC_???");
		break;
	case SH_SET_VMA:
		sb_puts(o, ", ");
		print_xval(o, vma_ops, t->args[1], "PR_SET_VMA_???");
		if (t->args[1] == 0) {
			sb_printf(o, ", %#llx, %llu, ", (unsigned long long)t->args[2], (unsigned long long)t->args[3]);
			print_cstr(o, t, t->args[4]);
		} else {
			hex_args(o, t, 2, 4);
		}
		break;
	}
}

static void prctl_exit(struct tcb *t, struct sb *o, enum pr_shape shape)
{
	int v;
	uint64_t addr = t->args[1];
	switch (shape) {
	case SH_GET_SIGNAL:
		if (!failed(o, t, addr) && read_or_addr(o, t, addr, &v, sizeof v)) {
			sb_putc(o, '[');
			print_signo(o, v);
			sb_putc(o, ']');
		}
		break;
	case SH_GET_INT:
		if (!failed(o, t, addr))
			print_int_ref(o, t, addr);
		break;
	case SH_GET_ADDR: {
		uint64_t p;
		if (!failed(o, t, addr) && read_or_addr(o, t, addr, &p, sizeof p)) {
			sb_putc(o, '[');
			print_addr(o, p);
			sb_putc(o, ']');
		}
		break;
	}
	case SH_GET_NAME:
		if (!failed(o, t, addr))
			print_str_capped(o, t, addr, TASK_COMM_LEN);
		break;
	case SH_GET_TSC:
		if (!failed(o, t, addr) && read_or_addr(o, t, addr, &v, sizeof v)) {
			sb_putc(o, '[');
			print_xval(o, tsc_modes, (uint32_t)v, "PR_TSC_???");
			sb_putc(o, ']');
		}
		break;
	case SH_GET_DUMPABLE:
	case SH_MCE_KILL_GET: {
		const char *name = xlat_name(shape == SH_GET_DUMPABLE ? dumpable_modes : mce_kill_policies,
					     (uint64_t)t->rval);
		if (!t->error && name)
			snprintf(t->aux, sizeof t->aux, "(%s)", name);
		break;
	}
	case SH_GET_SPEC:
		if (!t->error) {
			t->rval_fmt = RVAL_HEX;
			if (t->rval) {
				struct sb f = { 0 };
				print_flags(&f, spec_flags, (uint64_t)t->rval, NULL);
				snprintf(t->aux, sizeof t->aux, "(%s)", sb_str(&f));
				sb_free(&f);
			}
		}
		break;
	default:
		break;
	}
}

/* prctl(option, arg2, arg3, arg4, arg5) */
static void dec_prctl(struct tcb *t, struct sb *o, bool entering)
{
	const struct prctl_option *p = find_prctl(t->args[0]);
	enum pr_shape shape = p ? p->shape : SH_RAW;
	if (!entering) {
		prctl_exit(t, o, shape);
		return;
	}
	if (p)
		sb_puts(o, p->name);
	else
		sb_printf(o, "%#llx /* PR_??? */", (unsigned long long)t->args[0]);
	prctl_entry(t, o, shape);
}

/* ---- arch_prctl ---- */

#ifndef ARCH_GET_XCOMP_SUPP
#define ARCH_GET_XCOMP_SUPP 0x1021
#define ARCH_GET_XCOMP_PERM 0x1022
#define ARCH_REQ_XCOMP_PERM 0x1023
#endif
#ifndef ARCH_GET_XCOMP_GUEST_PERM
#define ARCH_GET_XCOMP_GUEST_PERM 0x1024
#define ARCH_REQ_XCOMP_GUEST_PERM 0x1025
#endif

static const struct xlat arch_codes[] = {
	XLAT(ARCH_SET_GS),	     XLAT(ARCH_SET_FS),		    XLAT(ARCH_GET_FS),
	XLAT(ARCH_GET_GS),	     XLAT(ARCH_GET_CPUID),	    XLAT(ARCH_SET_CPUID),
	XLAT(ARCH_GET_XCOMP_SUPP),   XLAT(ARCH_GET_XCOMP_PERM),	    XLAT(ARCH_REQ_XCOMP_PERM),
	XLAT(ARCH_GET_XCOMP_GUEST_PERM), XLAT(ARCH_REQ_XCOMP_GUEST_PERM), XLAT(ARCH_MAP_VDSO_X32),
	XLAT(ARCH_MAP_VDSO_32),	     XLAT(ARCH_MAP_VDSO_64),	    XLAT_END,
};

/* XSAVE state components, as masks (composite names first, as strace groups them) and as numbers. */
static const struct xlat xfeature_masks[] = {
	XLAT_PAIR(0x3, "XFEATURE_MASK_FPSSE"),	      XLAT_PAIR(0x1, "XFEATURE_MASK_FP"),
	XLAT_PAIR(0x2, "XFEATURE_MASK_SSE"),	      XLAT_PAIR(0x4, "XFEATURE_MASK_YMM"),
	XLAT_PAIR(0x8, "XFEATURE_MASK_BNDREGS"),      XLAT_PAIR(0x10, "XFEATURE_MASK_BNDCSR"),
	XLAT_PAIR(0xe0, "XFEATURE_MASK_AVX512"),      XLAT_PAIR(0x20, "XFEATURE_MASK_OPMASK"),
	XLAT_PAIR(0x40, "XFEATURE_MASK_ZMM_Hi256"),   XLAT_PAIR(0x80, "XFEATURE_MASK_Hi16_ZMM"),
	XLAT_PAIR(0x100, "XFEATURE_MASK_PT"),	      XLAT_PAIR(0x200, "XFEATURE_MASK_PKRU"),
	XLAT_PAIR(0x400, "XFEATURE_MASK_PASID"),      XLAT_PAIR(0x800, "XFEATURE_MASK_CET_USER"),
	XLAT_PAIR(0x1000, "XFEATURE_MASK_CET_KERNEL"), XLAT_PAIR(0x8000, "XFEATURE_MASK_LBR"),
	XLAT_PAIR(0x60000, "XFEATURE_MASK_XTILE"),    XLAT_PAIR(0x20000, "XFEATURE_MASK_XTILE_CFG"),
	XLAT_PAIR(0x40000, "XFEATURE_MASK_XTILE_DATA"), XLAT_END,
};
static const struct xlat xfeatures[] = {
	XLAT_PAIR(0, "XFEATURE_FP"),	     XLAT_PAIR(1, "XFEATURE_SSE"),	 XLAT_PAIR(2, "XFEATURE_YMM"),
	XLAT_PAIR(3, "XFEATURE_BNDREGS"),    XLAT_PAIR(4, "XFEATURE_BNDCSR"),	 XLAT_PAIR(5, "XFEATURE_OPMASK"),
	XLAT_PAIR(6, "XFEATURE_ZMM_Hi256"), XLAT_PAIR(7, "XFEATURE_Hi16_ZMM"), XLAT_PAIR(8, "XFEATURE_PT"),
	XLAT_PAIR(9, "XFEATURE_PKRU"),	     XLAT_PAIR(10, "XFEATURE_PASID"),	 XLAT_PAIR(11, "XFEATURE_CET_USER"),
	XLAT_PAIR(12, "XFEATURE_CET_KERNEL"), XLAT_PAIR(15, "XFEATURE_LBR"),	 XLAT_PAIR(17, "XFEATURE_XTILE_CFG"),
	XLAT_PAIR(18, "XFEATURE_XTILE_DATA"), XLAT_END,
};

/* arch_prctl(code, addr): the GET codes fill *addr, shown at exit */
static void dec_arch_prctl(struct tcb *t, struct sb *o, bool entering)
{
	uint64_t code = (uint32_t)t->args[0], arg = t->args[1];
	bool gets_ptr = code == ARCH_GET_FS || code == ARCH_GET_GS;
	bool gets_mask = code == ARCH_GET_XCOMP_SUPP || code == ARCH_GET_XCOMP_PERM ||
			 code == ARCH_GET_XCOMP_GUEST_PERM;
	if (entering) {
		print_xval(o, arch_codes, code, "ARCH_???");
		if (gets_ptr || gets_mask) {
			sb_puts(o, ", ");
		} else if (code == ARCH_REQ_XCOMP_PERM || code == ARCH_REQ_XCOMP_GUEST_PERM) {
			sb_printf(o, ", %#llx /* ", (unsigned long long)arg);
			const char *name = xlat_name(xfeatures, arg);
			sb_puts(o, name ? name : "XFEATURE_???");
			sb_puts(o, " */");
		} else if (code == ARCH_GET_CPUID) {
			/* no argument */
		} else if (xlat_name(arch_codes, code)) {
			sb_printf(o, ", %#llx", (unsigned long long)arg);
		} else {
			sb_puts(o, ", ");
			print_addr(o, arg);
		}
		return;
	}
	uint64_t v;
	if ((!gets_ptr && !gets_mask) || failed(o, t, arg) || !read_or_addr(o, t, arg, &v, sizeof v))
		return;
	sb_putc(o, '[');
	if (gets_ptr) {
		print_addr(o, v);
	} else {
		sb_printf(o, "%#llx", (unsigned long long)v);
		if (v) {
			sb_puts(o, " /* ");
			print_flags(o, xfeature_masks, v, NULL);
			sb_puts(o, " */");
		}
	}
	sb_putc(o, ']');
}

/* ---- resource limits ---- */

static const struct xlat rlimits[] = {
	XLAT(RLIMIT_CPU),	 XLAT(RLIMIT_FSIZE),   XLAT(RLIMIT_DATA),   XLAT(RLIMIT_STACK),
	XLAT(RLIMIT_CORE),	 XLAT(RLIMIT_RSS),     XLAT(RLIMIT_NPROC),  XLAT(RLIMIT_NOFILE),
	XLAT(RLIMIT_MEMLOCK),	 XLAT(RLIMIT_AS),      XLAT(RLIMIT_LOCKS),  XLAT(RLIMIT_SIGPENDING),
	XLAT(RLIMIT_MSGQUEUE),	 XLAT(RLIMIT_NICE),    XLAT(RLIMIT_RTPRIO), XLAT(RLIMIT_RTTIME),
	XLAT_END,
};

/* strace writes limits that are whole KiB as "8192*1024" */
static void put_rlim(struct sb *o, uint64_t v)
{
	if (v == UINT64_MAX)
		sb_puts(o, "RLIM64_INFINITY");
	else if (v > 1024 && v % 1024 == 0)
		sb_printf(o, "%llu*1024", (unsigned long long)(v / 1024));
	else
		sb_printf(o, "%llu", (unsigned long long)v);
}

/* struct rlimit and struct rlimit64 are the same two 64-bit words on x86_64 */
static void print_rlimit_at(struct sb *o, struct tcb *t, uint64_t addr)
{
	uint64_t r[2];
	if (!read_or_addr(o, t, addr, r, sizeof r))
		return;
	sb_puts(o, "{rlim_cur=");
	put_rlim(o, r[0]);
	sb_puts(o, ", rlim_max=");
	put_rlim(o, r[1]);
	sb_putc(o, '}');
}

/* prlimit64(pid, resource, new_limit, old_limit) */
static void dec_prlimit64(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		sb_printf(o, "%d, ", (int)t->args[0]);
		print_xval(o, rlimits, (uint32_t)t->args[1], "RLIMIT_???");
		sb_puts(o, ", ");
		print_rlimit_at(o, t, t->args[2]);
		sb_puts(o, ", ");
		return;
	}
	if (!failed(o, t, t->args[3]))
		print_rlimit_at(o, t, t->args[3]);
}

/* getrlimit(resource, rlim) */
static void dec_getrlimit(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		print_xval(o, rlimits, (uint32_t)t->args[0], "RLIMIT_???");
		sb_puts(o, ", ");
		return;
	}
	if (!failed(o, t, t->args[1]))
		print_rlimit_at(o, t, t->args[1]);
}

/* setrlimit(resource, rlim) */
static void dec_setrlimit(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	print_xval(o, rlimits, (uint32_t)t->args[0], "RLIMIT_???");
	sb_puts(o, ", ");
	print_rlimit_at(o, t, t->args[1]);
}

/* ---- getrandom ---- */

static const struct xlat grnd_flags[] = {
	XLAT_PAIR(1, "GRND_NONBLOCK"),
	XLAT_PAIR(2, "GRND_RANDOM"),
	XLAT_PAIR(4, "GRND_INSECURE"),
	XLAT_END,
};

/* getrandom(buf, len, flags): printed at exit, the bytes always in hex */
static void dec_getrandom(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		return;
	uint64_t addr = t->args[0];
	if (!failed(o, t, addr)) {
		size_t got = (size_t)t->rval;
		size_t show = got > (size_t)opt.strsize ? (size_t)opt.strsize : got;
		unsigned char *buf = malloc(show ? show : 1);
		if (buf && mem_read(t, addr, buf, show) == 0)
			print_hex_bytes(o, buf, show, show < got);
		else
			print_addr(o, addr);
		free(buf);
	}
	sb_printf(o, ", %llu, ", (unsigned long long)t->args[1]);
	print_flags(o, grnd_flags, (uint32_t)t->args[2], "GRND_???");
}

/* ---- sleeps, clocks, timers ---- */

static const struct xlat clocks[] = {
	XLAT(CLOCK_REALTIME),	     XLAT(CLOCK_MONOTONIC),	 XLAT(CLOCK_PROCESS_CPUTIME_ID),
	XLAT(CLOCK_THREAD_CPUTIME_ID), XLAT(CLOCK_MONOTONIC_RAW), XLAT(CLOCK_REALTIME_COARSE),
	XLAT(CLOCK_MONOTONIC_COARSE), XLAT(CLOCK_BOOTTIME),	 XLAT(CLOCK_REALTIME_ALARM),
	XLAT(CLOCK_BOOTTIME_ALARM),  XLAT_PAIR(10, "CLOCK_SGI_CYCLE"), XLAT(CLOCK_TAI),
	XLAT_END,
};

/* Clock ids are ints; CPU-time clocks of other processes are negative and strace shows them raw. */
static void print_clock(struct sb *o, uint64_t id)
{
	print_xval(o, clocks, (uint32_t)id, "CLOCK_???");
}

static const struct xlat timer_flags[] = { XLAT(TIMER_ABSTIME), XLAT_END };

/* nanosleep(req, rem): rem is written only when a signal cut the sleep short */
static void dec_nanosleep(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		print_timespec_at(o, t, t->args[0]);
		sb_puts(o, ", ");
		return;
	}
	if (is_erestart(t))
		print_timespec_at(o, t, t->args[1]);
	else
		print_addr(o, t->args[1]);
}

/* clock_nanosleep(clock, flags, req, rem): no rem with TIMER_ABSTIME */
static void dec_clock_nanosleep(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		print_clock(o, t->args[0]);
		sb_puts(o, ", ");
		print_flags(o, timer_flags, (uint32_t)t->args[1], "TIMER_???");
		sb_puts(o, ", ");
		print_timespec_at(o, t, t->args[2]);
		sb_puts(o, ", ");
		return;
	}
	if (is_erestart(t) && !(t->args[1] & TIMER_ABSTIME))
		print_timespec_at(o, t, t->args[3]);
	else
		print_addr(o, t->args[3]);
}

/* clock_gettime(clock, tp), clock_getres(clock, res) */
static void dec_clock_gettime(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		print_clock(o, t->args[0]);
		sb_puts(o, ", ");
		return;
	}
	if (!failed(o, t, t->args[1]))
		print_timespec_at(o, t, t->args[1]);
}

/* clock_settime(clock, tp) */
static void dec_clock_settime(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	print_clock(o, t->args[0]);
	sb_puts(o, ", ");
	print_timespec_at(o, t, t->args[1]);
}

/* gettimeofday(tv, tz): both written, all printed at exit */
static void dec_gettimeofday(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		return;
	if (!failed(o, t, t->args[0]))
		print_timeval_at(o, t, t->args[0]);
	sb_puts(o, ", ");
	if (!failed(o, t, t->args[1])) {
		struct timezone tz;
		if (read_or_addr(o, t, t->args[1], &tz, sizeof tz))
			sb_printf(o, "{tz_minuteswest=%d, tz_dsttime=%d}", tz.tz_minuteswest, tz.tz_dsttime);
	}
}

static const struct xlat itimers[] = { XLAT(ITIMER_REAL), XLAT(ITIMER_VIRTUAL), XLAT(ITIMER_PROF), XLAT_END };

/* getitimer(which, value) */
static void dec_getitimer(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		print_xval(o, itimers, (uint32_t)t->args[0], "ITIMER_???");
		sb_puts(o, ", ");
		return;
	}
	if (!failed(o, t, t->args[1]))
		print_itimerval_at(o, t, t->args[1]);
}

/* setitimer(which, new, old) */
static void dec_setitimer(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		print_xval(o, itimers, (uint32_t)t->args[0], "ITIMER_???");
		sb_puts(o, ", ");
		print_itimerval_at(o, t, t->args[1]);
		sb_puts(o, ", ");
		return;
	}
	if (!failed(o, t, t->args[2]))
		print_itimerval_at(o, t, t->args[2]);
}

/* ---- futex ---- */

#define FUTEX_LOCK_PI2_ 13
#define FX_P(op) ((op) | FUTEX_PRIVATE_FLAG)
#define FX_RT(op) ((op) | FUTEX_CLOCK_REALTIME)

/* Whole operation words that strace names; any other word is shown raw. */
static const struct xlat futex_ops[] = {
	XLAT(FUTEX_WAIT),
	XLAT(FUTEX_WAKE),
	XLAT(FUTEX_FD),
	XLAT(FUTEX_REQUEUE),
	XLAT(FUTEX_CMP_REQUEUE),
	XLAT(FUTEX_WAKE_OP),
	XLAT(FUTEX_LOCK_PI),
	XLAT(FUTEX_UNLOCK_PI),
	XLAT(FUTEX_TRYLOCK_PI),
	XLAT(FUTEX_WAIT_BITSET),
	XLAT(FUTEX_WAKE_BITSET),
	XLAT(FUTEX_WAIT_REQUEUE_PI),
	XLAT(FUTEX_CMP_REQUEUE_PI),
	XLAT_PAIR(FUTEX_LOCK_PI2_, "FUTEX_LOCK_PI2"),
	XLAT_PAIR(FX_P(FUTEX_WAIT), "FUTEX_WAIT_PRIVATE"),
	XLAT_PAIR(FX_P(FUTEX_WAKE), "FUTEX_WAKE_PRIVATE"),
	XLAT_PAIR(FX_P(FUTEX_FD), "FUTEX_FD|FUTEX_PRIVATE_FLAG"),
	XLAT_PAIR(FX_P(FUTEX_REQUEUE), "FUTEX_REQUEUE_PRIVATE"),
	XLAT_PAIR(FX_P(FUTEX_CMP_REQUEUE), "FUTEX_CMP_REQUEUE_PRIVATE"),
	XLAT_PAIR(FX_P(FUTEX_WAKE_OP), "FUTEX_WAKE_OP_PRIVATE"),
	XLAT_PAIR(FX_P(FUTEX_LOCK_PI), "FUTEX_LOCK_PI_PRIVATE"),
	XLAT_PAIR(FX_P(FUTEX_UNLOCK_PI), "FUTEX_UNLOCK_PI_PRIVATE"),
	XLAT_PAIR(FX_P(FUTEX_TRYLOCK_PI), "FUTEX_TRYLOCK_PI_PRIVATE"),
	XLAT_PAIR(FX_P(FUTEX_WAIT_BITSET), "FUTEX_WAIT_BITSET_PRIVATE"),
	XLAT_PAIR(FX_P(FUTEX_WAKE_BITSET), "FUTEX_WAKE_BITSET_PRIVATE"),
	XLAT_PAIR(FX_P(FUTEX_WAIT_REQUEUE_PI), "FUTEX_WAIT_REQUEUE_PI_PRIVATE"),
	XLAT_PAIR(FX_P(FUTEX_CMP_REQUEUE_PI), "FUTEX_CMP_REQUEUE_PI_PRIVATE"),
	XLAT_PAIR(FX_P(FUTEX_LOCK_PI2_), "FUTEX_LOCK_PI2_PRIVATE"),
	XLAT_PAIR(FX_RT(FUTEX_WAIT), "FUTEX_WAIT|FUTEX_CLOCK_REALTIME"),
	XLAT_PAIR(FX_RT(FX_P(FUTEX_WAIT)), "FUTEX_WAIT_PRIVATE|FUTEX_CLOCK_REALTIME"),
	XLAT_PAIR(FX_RT(FUTEX_WAIT_BITSET), "FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME"),
	XLAT_PAIR(FX_RT(FX_P(FUTEX_WAIT_BITSET)), "FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME"),
	XLAT_PAIR(FX_RT(FUTEX_WAIT_REQUEUE_PI), "FUTEX_WAIT_REQUEUE_PI|FUTEX_CLOCK_REALTIME"),
	XLAT_PAIR(FX_RT(FX_P(FUTEX_WAIT_REQUEUE_PI)), "FUTEX_WAIT_REQUEUE_PI_PRIVATE|FUTEX_CLOCK_REALTIME"),
	XLAT_END,
};

/* Which arguments each command uses (the command is the word without PRIVATE and CLOCK_REALTIME). */
enum fx_args {
	FX_OTHER,        /* val, timeout and uaddr2 as addresses, val3 in hex */
	FX_VAL,          /* val */
	FX_WAIT,         /* val, timeout */
	FX_REQUEUE,      /* val, val2, uaddr2 */
	FX_CMP_REQUEUE,  /* val, val2, uaddr2, val3 */
	FX_WAKE_OP,      /* val, val2, uaddr2, the encoded operation */
	FX_TIMEOUT,      /* timeout */
	FX_NONE,         /* nothing */
	FX_WAIT_BITSET,  /* val, timeout, bitset */
	FX_WAKE_BITSET,  /* val, bitset */
	FX_WAIT_REQUEUE, /* val, timeout, uaddr2 */
};

static const enum fx_args futex_cmd_args[] = {
	[FUTEX_WAIT] = FX_WAIT,
	[FUTEX_WAKE] = FX_VAL,
	[FUTEX_FD] = FX_VAL,
	[FUTEX_REQUEUE] = FX_REQUEUE,
	[FUTEX_CMP_REQUEUE] = FX_CMP_REQUEUE,
	[FUTEX_WAKE_OP] = FX_WAKE_OP,
	[FUTEX_LOCK_PI] = FX_TIMEOUT,
	[FUTEX_UNLOCK_PI] = FX_NONE,
	[FUTEX_TRYLOCK_PI] = FX_NONE,
	[FUTEX_WAIT_BITSET] = FX_WAIT_BITSET,
	[FUTEX_WAKE_BITSET] = FX_WAKE_BITSET,
	[FUTEX_WAIT_REQUEUE_PI] = FX_WAIT_REQUEUE,
	[FUTEX_CMP_REQUEUE_PI] = FX_CMP_REQUEUE,
	[FUTEX_LOCK_PI2_] = FX_TIMEOUT,
};

static const struct xlat futex_wake_ops[] = {
	XLAT(FUTEX_OP_SET), XLAT(FUTEX_OP_ADD), XLAT(FUTEX_OP_OR), XLAT(FUTEX_OP_ANDN), XLAT(FUTEX_OP_XOR), XLAT_END,
};
static const struct xlat futex_wake_cmps[] = {
	XLAT(FUTEX_OP_CMP_EQ), XLAT(FUTEX_OP_CMP_NE), XLAT(FUTEX_OP_CMP_LT),
	XLAT(FUTEX_OP_CMP_LE), XLAT(FUTEX_OP_CMP_GT), XLAT(FUTEX_OP_CMP_GE), XLAT_END,
};

static void put_shifted(struct sb *o, const struct xlat *x, unsigned v, const char *dflt, int shift)
{
	const char *name = xlat_name(x, v);
	if (name)
		sb_printf(o, "%s<<%d", name, shift);
	else
		sb_printf(o, "%#x<<%d /* %s */", v, shift, dflt);
}

/* FUTEX_WAKE_OP's val3, field by field: FUTEX_OP_SET<<28|0x1<<12|FUTEX_OP_CMP_GT<<24|0 */
static void print_futex_wake_op(struct sb *o, uint32_t v)
{
	if (v & ((uint32_t)FUTEX_OP_OPARG_SHIFT << 28))
		sb_puts(o, "FUTEX_OP_OPARG_SHIFT<<28|");
	put_shifted(o, futex_wake_ops, (v >> 28) & 7, "FUTEX_OP_???", 28);
	sb_printf(o, "|%#x<<12|", (v >> 12) & 0xfff);
	put_shifted(o, futex_wake_cmps, (v >> 24) & 0xf, "FUTEX_OP_CMP_???", 24);
	sb_printf(o, "|%#x", v & 0xfff);
}

static void print_futex_bitset(struct sb *o, uint32_t v)
{
	if (v == FUTEX_BITSET_MATCH_ANY)
		sb_puts(o, "FUTEX_BITSET_MATCH_ANY");
	else
		sb_printf(o, "%#x", v);
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3): all input, printed at entry */
static void dec_futex(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	uint32_t op = (uint32_t)t->args[1], val = (uint32_t)t->args[2];
	uint32_t val2 = (uint32_t)t->args[3], val3 = (uint32_t)t->args[5];
	uint64_t timeout = t->args[3], uaddr2 = t->args[4];
	uint32_t cmd = op & FUTEX_CMD_MASK;
	enum fx_args shape = cmd < sizeof futex_cmd_args / sizeof futex_cmd_args[0] ? futex_cmd_args[cmd] : FX_OTHER;

	print_addr(o, t->args[0]);
	sb_puts(o, ", ");
	print_xval(o, futex_ops, op, "FUTEX_???");
	switch (shape) {
	case FX_VAL:
		sb_printf(o, ", %u", val);
		break;
	case FX_WAIT:
	case FX_WAIT_BITSET:
	case FX_WAIT_REQUEUE:
		sb_printf(o, ", %u, ", val);
		print_timespec_at(o, t, timeout);
		if (shape == FX_WAIT_BITSET) {
			sb_puts(o, ", ");
			print_futex_bitset(o, val3);
		} else if (shape == FX_WAIT_REQUEUE) {
			sb_puts(o, ", ");
			print_addr(o, uaddr2);
		}
		break;
	case FX_REQUEUE:
	case FX_CMP_REQUEUE:
	case FX_WAKE_OP:
		sb_printf(o, ", %u, %u, ", val, val2);
		print_addr(o, uaddr2);
		if (shape == FX_CMP_REQUEUE) {
			sb_printf(o, ", %u", val3);
		} else if (shape == FX_WAKE_OP) {
			sb_puts(o, ", ");
			print_futex_wake_op(o, val3);
		}
		break;
	case FX_TIMEOUT:
		sb_puts(o, ", ");
		print_timespec_at(o, t, timeout);
		break;
	case FX_NONE:
		break;
	case FX_WAKE_BITSET:
		sb_printf(o, ", %u, ", val);
		print_futex_bitset(o, val3);
		break;
	case FX_OTHER:
		sb_printf(o, ", %u, ", val);
		print_addr(o, timeout);
		sb_puts(o, ", ");
		print_addr(o, uaddr2);
		sb_printf(o, ", %#x", val3);
		break;
	}
}

/* ---- robust lists, rseq ---- */

/* set_robust_list(head, len) */
static void dec_set_robust_list(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	print_addr(o, t->args[0]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[1]);
}

/* get_robust_list(pid, head_ptr, len_ptr) */
static void dec_get_robust_list(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		sb_printf(o, "%d, ", (int)t->args[0]);
		return;
	}
	uint64_t v;
	if (!failed(o, t, t->args[1]) && read_or_addr(o, t, t->args[1], &v, sizeof v)) {
		sb_putc(o, '[');
		print_addr(o, v);
		sb_putc(o, ']');
	}
	sb_puts(o, ", ");
	if (!failed(o, t, t->args[2]) && read_or_addr(o, t, t->args[2], &v, sizeof v))
		sb_printf(o, "[%llu]", (unsigned long long)v);
}

/* rseq(area, len, flags, sig): strace 6.1 shows it raw */
static void dec_rseq(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	print_addr(o, t->args[0]);
	sb_printf(o, ", %#x, %#x, %#x", (unsigned)t->args[1], (unsigned)t->args[2], (unsigned)t->args[3]);
}

const struct decoder_entry process_decoders[] = {
	{ "execve", dec_execve },
	{ "execveat", dec_execveat },
	{ "clone", dec_clone },
	{ "clone3", dec_clone3 },
	{ "fork", dec_noargs },
	{ "vfork", dec_noargs },
	{ "wait4", dec_wait4 },
	{ "waitid", dec_waitid },
	{ "exit", dec_exit },
	{ "exit_group", dec_exit },
	{ "kill", dec_kill },
	{ "tkill", dec_tkill },
	{ "tgkill", dec_tgkill },
	{ "getpid", dec_noargs },
	{ "gettid", dec_noargs },
	{ "getppid", dec_noargs },
	{ "getpgrp", dec_noargs },
	{ "setsid", dec_noargs },
	{ "sched_yield", dec_noargs },
	{ "pidfd_open", dec_pidfd_open },
	{ "pidfd_getfd", dec_pidfd_getfd },
	{ "getpgid", dec_pid_arg },
	{ "getsid", dec_pid_arg },
	{ "setpgid", dec_setpgid },
	{ "set_tid_address", dec_addr_arg },
	{ "uname", dec_uname },
	{ "prctl", dec_prctl },
	{ "arch_prctl", dec_arch_prctl },
	{ "prlimit64", dec_prlimit64 },
	{ "getrlimit", dec_getrlimit },
	{ "setrlimit", dec_setrlimit },
	{ "getrandom", dec_getrandom },
	{ "nanosleep", dec_nanosleep },
	{ "clock_nanosleep", dec_clock_nanosleep },
	{ "clock_gettime", dec_clock_gettime },
	{ "clock_getres", dec_clock_gettime },
	{ "clock_settime", dec_clock_settime },
	{ "gettimeofday", dec_gettimeofday },
	{ "getitimer", dec_getitimer },
	{ "setitimer", dec_setitimer },
	{ "futex", dec_futex },
	{ "set_robust_list", dec_set_robust_list },
	{ "get_robust_list", dec_get_robust_list },
	{ "rseq", dec_rseq },
	{ NULL, NULL },
};
