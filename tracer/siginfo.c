/* siginfo.c -- a delivered signal's siginfo as strace prints it in "--- SIGxxx {...} ---" lines. */
#define _GNU_SOURCE
#include <seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "output.h"

static const struct xlat si_codes_any[] = {
	XLAT(SI_USER), XLAT(SI_KERNEL), XLAT(SI_QUEUE), XLAT(SI_TIMER), XLAT(SI_MESGQ),
	XLAT(SI_ASYNCIO), XLAT(SI_SIGIO), XLAT(SI_TKILL), XLAT_END,
};
static const struct xlat cld_codes[] = {
	XLAT(CLD_EXITED), XLAT(CLD_KILLED), XLAT(CLD_DUMPED), XLAT(CLD_TRAPPED), XLAT(CLD_STOPPED),
	XLAT(CLD_CONTINUED), XLAT_END,
};
static const struct xlat segv_codes[] = { XLAT(SEGV_MAPERR), XLAT(SEGV_ACCERR), XLAT_PAIR(3, "SEGV_BNDERR"),
					  XLAT_PAIR(4, "SEGV_PKUERR"), XLAT_END };
static const struct xlat bus_codes[] = { XLAT(BUS_ADRALN), XLAT(BUS_ADRERR), XLAT(BUS_OBJERR), XLAT_END };
static const struct xlat ill_codes[] = { XLAT(ILL_ILLOPC), XLAT(ILL_ILLOPN), XLAT(ILL_ILLADR), XLAT(ILL_ILLTRP),
					 XLAT(ILL_PRVOPC), XLAT(ILL_PRVREG), XLAT(ILL_COPROC), XLAT(ILL_BADSTK), XLAT_END };
static const struct xlat fpe_codes[] = { XLAT(FPE_INTDIV), XLAT(FPE_INTOVF), XLAT(FPE_FLTDIV), XLAT(FPE_FLTOVF),
					 XLAT(FPE_FLTUND), XLAT(FPE_FLTRES), XLAT(FPE_FLTINV), XLAT(FPE_FLTSUB), XLAT_END };
static const struct xlat trap_codes[] = { XLAT(TRAP_BRKPT), XLAT(TRAP_TRACE), XLAT_END };
static const struct xlat poll_codes[] = { XLAT(POLL_IN), XLAT(POLL_OUT), XLAT(POLL_MSG), XLAT(POLL_ERR),
					  XLAT(POLL_PRI), XLAT(POLL_HUP), XLAT_END };

static const struct xlat sys_codes[] = { XLAT_PAIR(1, "SYS_SECCOMP"), XLAT_PAIR(2, "SYS_USER_DISPATCH"), XLAT_END };

/* Positive codes mean different things per signal; zero and negative ones are the same for all. */
static const struct xlat *codes_for(int sig, int code)
{
	if (code <= 0 || code == SI_KERNEL)
		return si_codes_any;
	switch (sig) {
	case SIGCHLD: return cld_codes;
	case SIGSEGV: return segv_codes;
	case SIGBUS: return bus_codes;
	case SIGILL: return ill_codes;
	case SIGFPE: return fpe_codes;
	case SIGTRAP: return trap_codes;
	case SIGIO: return poll_codes;
	case SIGSYS: return sys_codes;
	}
	return NULL;
}

static const struct xlat audit_arches[] = {
	XLAT_PAIR(0xc000003eU, "AUDIT_ARCH_X86_64"), XLAT_PAIR(0x40000003U, "AUDIT_ARCH_I386"),
	XLAT_PAIR(0xc00000b7U, "AUDIT_ARCH_AARCH64"), XLAT_PAIR(0x40000028U, "AUDIT_ARCH_ARM"), XLAT_END,
};

/* SIGSYS from a seccomp filter: which call it refused, by its name for the ABI it was made in. */
static void print_sigsys(struct sb *o, const siginfo_t *si)
{
	sb_puts(o, ", si_call_addr=");
	print_addr(o, (uint64_t)(uintptr_t)si->si_call_addr);
	char *name = seccomp_syscall_resolve_num_arch(si->si_arch, si->si_syscall);
	if (name)
		sb_printf(o, ", si_syscall=__NR_%s", name);
	else
		sb_printf(o, ", si_syscall=%d", si->si_syscall);
	free(name);
	sb_puts(o, ", si_arch=");
	print_xval(o, audit_arches, si->si_arch, "AUDIT_ARCH_???");
}

static bool is_fault(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

/* The value sent with sigqueue() or a timer: strace leaves out what is zero. */
static void print_sigval(struct sb *o, const siginfo_t *si)
{
	if (si->si_int)
		sb_printf(o, ", si_int=%d", si->si_int);
	if (si->si_ptr) {
		sb_puts(o, ", si_ptr=");
		print_addr(o, (uint64_t)(uintptr_t)si->si_ptr);
	}
}

/* CPU time of a child in clock ticks, with the seconds beside it when there are any. */
static void print_clock(struct sb *o, const char *name, long ticks)
{
	sb_printf(o, ", %s=%ld", name, ticks);
	if (ticks) {
		long hz = sysconf(_SC_CLK_TCK);
		if (hz <= 0)
			hz = 100;
		sb_printf(o, " /* %ld.%02ld s */", ticks / hz, (ticks % hz) * 100 / hz);
	}
}

void format_siginfo(struct sb *o, const siginfo_t *si)
{
	int sig = si->si_signo, code = si->si_code;
	sb_printf(o, "{si_signo=%s, si_code=", signal_name(sig));
	const struct xlat *codes = codes_for(sig, code);
	const char *name = codes ? xlat_name(codes, (uint64_t)(int64_t)code) : NULL;
	if (name)
		sb_puts(o, name);
	else
		sb_printf(o, "%d", code);

	if (code == SI_USER || code == SI_TKILL || code == SI_QUEUE || code == SI_MESGQ) {
		sb_printf(o, ", si_pid=%d, si_uid=%u", si->si_pid, si->si_uid);
		if (code == SI_QUEUE || code == SI_MESGQ)
			print_sigval(o, si);
	} else if (code == SI_TIMER) {
		sb_printf(o, ", si_timerid=%#x, si_overrun=%d", si->si_timerid, si->si_overrun);
		print_sigval(o, si);
	} else if (code > 0 && code != SI_KERNEL && sig == SIGCHLD) {
		sb_printf(o, ", si_pid=%d, si_uid=%u, si_status=", si->si_pid, si->si_uid);
		if (code == CLD_EXITED)
			sb_printf(o, "%d", si->si_status);
		else
			sb_puts(o, signal_name(si->si_status));
		print_clock(o, "si_utime", (long)si->si_utime);
		print_clock(o, "si_stime", (long)si->si_stime);
	} else if (code > 0 && code != SI_KERNEL && is_fault(sig)) {
		sb_puts(o, ", si_addr=");
		print_addr(o, (uint64_t)(uintptr_t)si->si_addr);
	} else if (code > 0 && code != SI_KERNEL && sig == SIGSYS) {
		print_sigsys(o, si);
	} else if (code > 0 && code != SI_KERNEL && sig == SIGIO) {
		sb_printf(o, ", si_band=%ld, si_fd=%d", si->si_band, si->si_fd);
	}
	sb_putc(o, '}');
}
