/* decode_signal.c -- strace-style arguments of the signal syscalls: rt_sigaction, rt_sigprocmask,
 * rt_sigreturn, rt_sigsuspend, rt_sigpending, rt_sigtimedwait, rt_sigqueueinfo, sigaltstack, signalfd,
 * pause and alarm; plus the signal-set and siginfo printers that decode_process.c shares.
 * (kill, tkill and tgkill live with the process calls in decode_process.c.) */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <ucontext.h>

#include "output.h" /* format_siginfo (siginfo.c) */
#include "tracer.h"

/* Exported for other decoders (lead: please move these two declarations to tracer.h).
 * print_sigset: a signal set of `bytes` bytes as strace prints it: "[INT TERM]", "[]", and the
 *   complement "~[KILL STOP RTMIN RT_1]" when at least two thirds of the signals are in it.
 * print_siginfo_at: a siginfo_t in tracee memory: "{si_signo=SIGCHLD, si_code=CLD_EXITED, ...}",
 *   "{}" when the kernel left it empty (waitid with WNOHANG), NULL, or the address when unreadable. */
void print_sigset(struct sb *o, const uint64_t *mask, size_t bytes);
void print_siginfo_at(struct sb *o, struct tcb *t, uint64_t addr);

/* The size of a signal set as the kernel takes it on x86_64 (sigsetsize must be exactly this). */
enum { KERNEL_SIGSET_BYTES = 8, KERNEL_NSIG = 64, SIGRTMIN_KERNEL = 32 };

/* Signal names as they appear inside a set: without the SIG prefix, as strace writes them. */
static const char *const set_names[SIGRTMIN_KERNEL] = {
	[SIGHUP] = "HUP",	[SIGINT] = "INT",	  [SIGQUIT] = "QUIT", [SIGILL] = "ILL",
	[SIGTRAP] = "TRAP",	[SIGABRT] = "ABRT",	  [SIGBUS] = "BUS",   [SIGFPE] = "FPE",
	[SIGKILL] = "KILL",	[SIGUSR1] = "USR1",	  [SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",
	[SIGPIPE] = "PIPE",	[SIGALRM] = "ALRM",	  [SIGTERM] = "TERM", [SIGSTKFLT] = "STKFLT",
	[SIGCHLD] = "CHLD",	[SIGCONT] = "CONT",	  [SIGSTOP] = "STOP", [SIGTSTP] = "TSTP",
	[SIGTTIN] = "TTIN",	[SIGTTOU] = "TTOU",	  [SIGURG] = "URG",   [SIGXCPU] = "XCPU",
	[SIGXFSZ] = "XFSZ",	[SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF", [SIGWINCH] = "WINCH",
	[SIGIO] = "IO",		[SIGPWR] = "PWR",	  [SIGSYS] = "SYS",
};

/* One signal inside a set: "INT", "RTMIN", "RT_3", or its number. */
static void put_set_member(struct sb *o, int sig)
{
	if (sig > 0 && sig < SIGRTMIN_KERNEL && set_names[sig])
		sb_puts(o, set_names[sig]);
	else if (sig == SIGRTMIN_KERNEL)
		sb_puts(o, "RTMIN");
	else if (sig > SIGRTMIN_KERNEL && sig <= KERNEL_NSIG)
		sb_printf(o, "RT_%d", sig - SIGRTMIN_KERNEL);
	else
		sb_printf(o, "%d", sig);
}

/* A signal number as an argument: "SIGINT", "SIGRT_2"; outside 1..64 a plain number, as strace. */
static void print_signo(struct sb *o, int64_t sig)
{
	if (sig > 0 && sig <= KERNEL_NSIG) {
		sb_puts(o, "SIG");
		put_set_member(o, (int)sig);
	} else {
		sb_printf(o, "%d", (int)sig);
	}
}

static bool set_has(const uint64_t *mask, int sig)
{
	return (mask[(sig - 1) / 64] >> ((sig - 1) % 64)) & 1;
}

void print_sigset(struct sb *o, const uint64_t *mask, size_t bytes)
{
	int nsig = (int)(bytes * 8);
	int count = 0;
	for (int sig = 1; sig <= nsig; sig++)
		count += set_has(mask, sig);
	/* strace's rule: a set holding at least two thirds of all signals reads better as what it lacks */
	bool complement = count >= nsig * 2 / 3;
	if (complement)
		sb_putc(o, '~');
	sb_putc(o, '[');
	bool first = true;
	for (int sig = 1; sig <= nsig; sig++) {
		if (set_has(mask, sig) == complement)
			continue;
		if (!first)
			sb_putc(o, ' ');
		put_set_member(o, sig);
		first = false;
	}
	sb_putc(o, ']');
}

/* A sigset_t in tracee memory whose size the call passes: strace decodes only the kernel's size. */
static void print_sigset_at(struct sb *o, struct tcb *t, uint64_t addr, uint64_t len)
{
	uint64_t mask = 0;
	if (addr == 0 || len != KERNEL_SIGSET_BYTES || mem_read(t, addr, &mask, sizeof mask) != 0) {
		print_addr(o, addr);
		return;
	}
	print_sigset(o, &mask, sizeof mask);
}

void print_siginfo_at(struct sb *o, struct tcb *t, uint64_t addr)
{
	siginfo_t si;
	if (addr == 0 || mem_read(t, addr, &si, sizeof si) != 0) {
		print_addr(o, addr);
		return;
	}
	if (si.si_signo == 0)
		sb_puts(o, "{}");
	else
		format_siginfo(o, &si);
}

static void print_timespec_at(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct timespec ts;
	if (addr == 0 || mem_read(t, addr, &ts, sizeof ts) != 0)
		print_addr(o, addr);
	else
		sb_printf(o, "{tv_sec=%lld, tv_nsec=%lld}", (long long)ts.tv_sec, (long long)ts.tv_nsec);
}

/* An output argument at exit: decoded when the call succeeded, its address when it failed. */
static bool failed(struct sb *o, struct tcb *t, uint64_t addr)
{
	if (t->error)
		print_addr(o, addr);
	return t->error;
}

/* ---- rt_sigaction ---- */

/* The kernel's struct sigaction on x86_64: glibc's has the mask first and 128 bytes of it. */
struct kernel_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

#ifndef SA_RESTORER
#define SA_RESTORER 0x04000000
#endif

/* In strace's order, which is not the order of the values. */
static const struct xlat sa_flags[] = {
	XLAT(SA_RESTORER), XLAT(SA_ONSTACK),   XLAT(SA_RESTART),   XLAT(SA_INTERRUPT), XLAT(SA_NODEFER),
	XLAT(SA_RESETHAND), XLAT(SA_SIGINFO), XLAT(SA_NOCLDSTOP), XLAT(SA_NOCLDWAIT), XLAT_END,
};

static const struct xlat sa_handlers[] = {
	XLAT_PAIR(0, "SIG_DFL"),
	XLAT_PAIR(1, "SIG_IGN"),
	XLAT_PAIR(~0ULL, "SIG_ERR"),
	XLAT_END,
};

static void print_sigaction_at(struct sb *o, struct tcb *t, uint64_t addr)
{
	struct kernel_sigaction sa;
	if (addr == 0 || mem_read(t, addr, &sa, sizeof sa) != 0) {
		print_addr(o, addr);
		return;
	}
	sb_puts(o, "{sa_handler=");
	const char *h = xlat_name(sa_handlers, sa.handler);
	if (h)
		sb_puts(o, h);
	else
		print_addr(o, sa.handler);
	sb_puts(o, ", sa_mask=");
	print_sigset(o, &sa.mask, sizeof sa.mask);
	sb_puts(o, ", sa_flags=");
	print_flags(o, sa_flags, sa.flags, "SA_???");
	if (sa.flags & SA_RESTORER) {
		sb_puts(o, ", sa_restorer=");
		print_addr(o, sa.restorer);
	}
	sb_putc(o, '}');
}

/* rt_sigaction(sig, act, oldact, sigsetsize) */
static void dec_rt_sigaction(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		print_signo(o, (int)t->args[0]);
		sb_puts(o, ", ");
		print_sigaction_at(o, t, t->args[1]);
		sb_puts(o, ", ");
		return;
	}
	if (!failed(o, t, t->args[2]))
		print_sigaction_at(o, t, t->args[2]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[3]);
}

/* ---- masks ---- */

static const struct xlat sigprocmask_how[] = {
	XLAT(SIG_BLOCK),
	XLAT(SIG_UNBLOCK),
	XLAT(SIG_SETMASK),
	XLAT_END,
};

/* rt_sigprocmask(how, set, oldset, sigsetsize) */
static void dec_rt_sigprocmask(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		print_xval(o, sigprocmask_how, (uint32_t)t->args[0], "SIG_???");
		sb_puts(o, ", ");
		print_sigset_at(o, t, t->args[1], t->args[3]);
		sb_puts(o, ", ");
		return;
	}
	if (!failed(o, t, t->args[2]))
		print_sigset_at(o, t, t->args[2], t->args[3]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[3]);
}

/* rt_sigpending(set, sigsetsize): all of it is output */
static void dec_rt_sigpending(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		return;
	if (!failed(o, t, t->args[0]))
		print_sigset_at(o, t, t->args[0], t->args[1]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[1]);
}

/* rt_sigsuspend(mask, sigsetsize): all input; it returns only when a handler ran */
static void dec_rt_sigsuspend(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	print_sigset_at(o, t, t->args[0], t->args[1]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[1]);
}

/* rt_sigtimedwait(set, info, timeout, sigsetsize) = the signal taken, named after the value.
 * With no info to fill, strace prints every argument at entry; otherwise the rest waits for exit. */
static void dec_rt_sigtimedwait(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		print_sigset_at(o, t, t->args[0], t->args[3]);
		sb_puts(o, ", ");
		if (t->args[1] == 0) {
			sb_puts(o, "NULL, ");
			print_timespec_at(o, t, t->args[2]);
			sb_printf(o, ", %llu", (unsigned long long)t->args[3]);
		}
		return;
	}
	if (!t->error && t->rval > 0 && t->rval <= KERNEL_NSIG) {
		struct sb name = { 0 };
		print_signo(&name, t->rval);
		snprintf(t->aux, sizeof t->aux, "(%s)", sb_str(&name));
		sb_free(&name);
	}
	if (t->args[1] == 0)
		return;
	if (!failed(o, t, t->args[1]))
		print_siginfo_at(o, t, t->args[1]);
	sb_puts(o, ", ");
	print_timespec_at(o, t, t->args[2]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[3]);
}

/* rt_sigqueueinfo(tgid, sig, info) */
static void dec_rt_sigqueueinfo(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	sb_printf(o, "%d, ", (int)t->args[0]);
	print_signo(o, (int)t->args[1]);
	sb_puts(o, ", ");
	print_siginfo_at(o, t, t->args[2]);
}

/* rt_tgsigqueueinfo(tgid, tid, sig, info) */
static void dec_rt_tgsigqueueinfo(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	sb_printf(o, "%d, %d, ", (int)t->args[0], (int)t->args[1]);
	print_signo(o, (int)t->args[2]);
	sb_puts(o, ", ");
	print_siginfo_at(o, t, t->args[3]);
}

/* pidfd_send_signal(pidfd, sig, info, flags) */
static void dec_pidfd_send_signal(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	print_fd(o, t, (int)t->args[0]);
	sb_puts(o, ", ");
	print_signo(o, (int)t->args[1]);
	sb_puts(o, ", ");
	print_siginfo_at(o, t, t->args[2]);
	sb_printf(o, ", %#x", (unsigned)t->args[3]);
}

/* rt_sigreturn(): no arguments, but strace shows the mask it restores, read from the signal frame.
 * When the handler returned, the stack pointer was left at the frame's ucontext. */
static void dec_rt_sigreturn(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering)
		return;
	struct __ptrace_syscall_info info;
	uint64_t mask;
	memset(&info, 0, sizeof info);
	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->pid, (void *)sizeof info, &info) < 0)
		return;
	uint64_t at = info.stack_pointer + offsetof(ucontext_t, uc_sigmask);
	sb_puts(o, "{mask=");
	if (mem_read(t, at, &mask, sizeof mask) == 0)
		print_sigset(o, &mask, sizeof mask);
	else
		print_addr(o, at);
	sb_putc(o, '}');
}

/* ---- alternate stack, signalfd, pause, alarm ---- */

static const struct xlat ss_flags[] = {
	XLAT(SS_ONSTACK),
	XLAT(SS_DISABLE),
	XLAT_PAIR(1U << 31, "SS_AUTODISARM"),
	XLAT_END,
};

static void print_stack_at(struct sb *o, struct tcb *t, uint64_t addr)
{
	stack_t ss;
	if (addr == 0 || mem_read(t, addr, &ss, sizeof ss) != 0) {
		print_addr(o, addr);
		return;
	}
	sb_puts(o, "{ss_sp=");
	print_addr(o, (uint64_t)(uintptr_t)ss.ss_sp);
	sb_puts(o, ", ss_flags=");
	print_flags(o, ss_flags, (uint32_t)ss.ss_flags, "SS_???");
	sb_printf(o, ", ss_size=%zu}", ss.ss_size);
}

/* sigaltstack(ss, old_ss) */
static void dec_sigaltstack(struct tcb *t, struct sb *o, bool entering)
{
	if (entering) {
		print_stack_at(o, t, t->args[0]);
		sb_puts(o, ", ");
		return;
	}
	if (!failed(o, t, t->args[1]))
		print_stack_at(o, t, t->args[1]);
}

static const struct xlat sfd_flags[] = {
	XLAT_PAIR(O_CLOEXEC, "SFD_CLOEXEC"),
	XLAT_PAIR(O_NONBLOCK, "SFD_NONBLOCK"),
	XLAT_END,
};

/* signalfd(fd, mask, sizemask) and signalfd4(fd, mask, sizemask, flags) = a new or the same fd */
static void dec_signalfd(struct tcb *t, struct sb *o, bool entering)
{
	if (!entering) {
		t->rval_fmt = RVAL_FD;
		return;
	}
	print_fd(o, t, (int)t->args[0]);
	sb_puts(o, ", ");
	print_sigset_at(o, t, t->args[1], t->args[2]);
	sb_printf(o, ", %llu", (unsigned long long)t->args[2]);
	if (strcmp(t->sys->name, "signalfd4") == 0) {
		sb_puts(o, ", ");
		print_flags(o, sfd_flags, (uint32_t)t->args[3], "SFD_???");
	}
}

static void dec_noargs(struct tcb *t, struct sb *o, bool entering)
{
	(void)t;
	(void)o;
	(void)entering;
}

/* alarm(seconds) = the seconds that were left */
static void dec_alarm(struct tcb *t, struct sb *o, bool entering)
{
	if (entering)
		sb_printf(o, "%u", (unsigned)t->args[0]);
}

const struct decoder_entry signal_decoders[] = {
	{ "rt_sigaction", dec_rt_sigaction },
	{ "rt_sigprocmask", dec_rt_sigprocmask },
	{ "rt_sigpending", dec_rt_sigpending },
	{ "rt_sigsuspend", dec_rt_sigsuspend },
	{ "rt_sigtimedwait", dec_rt_sigtimedwait },
	{ "rt_sigqueueinfo", dec_rt_sigqueueinfo },
	{ "rt_tgsigqueueinfo", dec_rt_tgsigqueueinfo },
	{ "pidfd_send_signal", dec_pidfd_send_signal },
	{ "rt_sigreturn", dec_rt_sigreturn },
	{ "sigaltstack", dec_sigaltstack },
	{ "signalfd", dec_signalfd },
	{ "signalfd4", dec_signalfd },
	{ "pause", dec_noargs },
	{ "alarm", dec_alarm },
	{ NULL, NULL },
};
