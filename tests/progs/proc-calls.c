/* proc-calls.c -- makes every process, thread and signal syscall that tracer/decode_process.c and
 * tracer/decode_signal.c decode, in their interesting variants, so tests/tracer-process.bats can run it
 * under strace and under bin/tracer and compare the lines.
 *
 * Usage: test-proc-calls [MODE]
 *   basic     (default) one process, one thread, deterministic: ids, uname, prctl, arch_prctl, limits,
 *             getrandom, sleeps, clocks, futex, robust list, rseq, kill, signals, execve failures
 *   children  fork, vfork, clone, clone3, wait4, waitid, exit, setsid, execve/execveat that succeed
 *   threads   two threads, so blocking calls show as "<unfinished ...>" / "<... resumed>"
 *   random    calls whose results differ on every run (random bytes, clock readings, rusage)
 *   exec-child  what the children mode execs: exits 0 at once
 *
 * Most calls go through syscall(2) so that the exact syscall (and its raw arguments) is under our
 * control, not glibc's. Every call's result is checked: a call that should succeed must, a call that
 * should fail must fail with the expected errno; anything else prints why and exits 1. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <asm/prctl.h>

#define BAD_PTR ((void *)1) /* an address that is never mapped: the kernel answers EFAULT */

static void fail(const char *what, long r)
{
	fprintf(stderr, "proc-calls: %s: returned %ld (%s)\n", what, r, r == -1 ? strerror(errno) : "ok");
	exit(1);
}

/* The call must succeed; returns its result. */
static long ok(long r, const char *what)
{
	if (r == -1)
		fail(what, r);
	return r;
}

/* The call must fail with errno e. */
static void fails(long r, int e, const char *what)
{
	if (r != -1 || errno != e)
		fail(what, r);
}

/* The kernel's struct sigaction on x86_64 (glibc's has the mask first and 128 bytes of it). */
struct k_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

static volatile sig_atomic_t delivered;
static void on_signal(int sig)
{
	delivered = sig;
}

/* A handler that runs on the alternate stack and reports what sigaltstack says there. */
static void on_altstack(int sig)
{
	stack_t cur;
	(void)sig;
	if (syscall(SYS_sigaltstack, NULL, &cur) == -1 || !(cur.ss_flags & SS_ONSTACK))
		_exit(9);
}

static void install(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	ok(sigaction(sig, &sa, NULL), "sigaction");
}

static uint64_t bit(int sig)
{
	return 1ULL << (sig - 1);
}

/* ---- basic: one process, deterministic output ---- */

static void ids(void)
{
	static int tid_word;
	ok(syscall(SYS_getpid), "getpid");
	ok(syscall(SYS_gettid), "gettid");
	ok(syscall(SYS_getppid), "getppid");
	ok(syscall(SYS_getuid), "getuid");
	ok(syscall(SYS_geteuid), "geteuid");
	ok(syscall(SYS_getgid), "getgid");
	ok(syscall(SYS_getegid), "getegid");
	ok(syscall(SYS_getpgrp), "getpgrp");
	ok(syscall(SYS_getpgid, 0), "getpgid");
	ok(syscall(SYS_getsid, 0), "getsid");
	ok(syscall(SYS_set_tid_address, &tid_word), "set_tid_address");
	ok(syscall(SYS_sched_yield), "sched_yield");
	struct utsname u;
	ok(syscall(SYS_uname, &u), "uname");
	fails(syscall(SYS_uname, NULL), EFAULT, "uname NULL");
}

static void prctls(void)
{
	char name[16];
	int v;
	unsigned long slack;
	ok(syscall(SYS_prctl, PR_SET_NAME, "proc-calls-main", 0, 0, 0), "PR_SET_NAME");
	ok(syscall(SYS_prctl, PR_GET_NAME, name, 0, 0, 0), "PR_GET_NAME");
	ok(syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0), "PR_SET_PDEATHSIG");
	ok(syscall(SYS_prctl, PR_GET_PDEATHSIG, &v, 0, 0, 0), "PR_GET_PDEATHSIG");
	ok(syscall(SYS_prctl, PR_SET_PDEATHSIG, 0, 0, 0, 0), "PR_SET_PDEATHSIG 0");
	ok(syscall(SYS_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0), "PR_GET_DUMPABLE");
	ok(syscall(SYS_prctl, PR_SET_DUMPABLE, 1, 0, 0, 0), "PR_SET_DUMPABLE");
	ok(syscall(SYS_prctl, PR_GET_KEEPCAPS, 0, 0, 0, 0), "PR_GET_KEEPCAPS");
	ok(syscall(SYS_prctl, PR_SET_KEEPCAPS, 0, 0, 0, 0), "PR_SET_KEEPCAPS");
	ok(syscall(SYS_prctl, PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), "PR_GET_NO_NEW_PRIVS");
	ok(syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "PR_SET_NO_NEW_PRIVS");
	ok(syscall(SYS_prctl, PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0), "PR_GET_CHILD_SUBREAPER");
	ok(syscall(SYS_prctl, PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0), "PR_SET_CHILD_SUBREAPER");
	ok(syscall(SYS_prctl, PR_CAPBSET_READ, 12 /* CAP_NET_ADMIN */, 0, 0, 0), "PR_CAPBSET_READ");
	slack = (unsigned long)ok(syscall(SYS_prctl, PR_GET_TIMERSLACK, 0, 0, 0, 0), "PR_GET_TIMERSLACK");
	ok(syscall(SYS_prctl, PR_SET_TIMERSLACK, slack, 0, 0, 0), "PR_SET_TIMERSLACK");
	ok(syscall(SYS_prctl, PR_GET_SECCOMP, 0, 0, 0, 0), "PR_GET_SECCOMP");
	ok(syscall(SYS_prctl, PR_GET_THP_DISABLE, 0, 0, 0, 0), "PR_GET_THP_DISABLE");
	fails(syscall(SYS_prctl, PR_GET_NAME, BAD_PTR, 0, 0, 0), EFAULT, "PR_GET_NAME bad");
	fails(syscall(SYS_prctl, PR_SET_PDEATHSIG, 99, 0, 0, 0), EINVAL, "PR_SET_PDEATHSIG 99");
	fails(syscall(SYS_prctl, 0x12345, 1, 2, 3, 4), EINVAL, "prctl unknown");

	unsigned long fs, gs;
	ok(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs), "ARCH_GET_FS");
	ok(syscall(SYS_arch_prctl, ARCH_SET_FS, fs), "ARCH_SET_FS");
	ok(syscall(SYS_arch_prctl, ARCH_GET_GS, &gs), "ARCH_GET_GS");
	fails(syscall(SYS_arch_prctl, ARCH_GET_FS, BAD_PTR), EFAULT, "ARCH_GET_FS bad");
	fails(syscall(SYS_arch_prctl, 0x3001, &fs), EINVAL, "arch_prctl 0x3001");
}

static void limits(void)
{
	struct rlimit64 nofile, r;
	ok(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &nofile), "prlimit64 get NOFILE");
	ok(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &nofile, NULL), "prlimit64 set NOFILE");
	r = nofile;
	r.rlim_cur = 1000; /* not a multiple of 1024 */
	ok(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &r, &r), "prlimit64 set+get NOFILE");
	ok(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, &nofile, NULL), "prlimit64 restore NOFILE");
	ok(syscall(SYS_prlimit64, getpid(), RLIMIT_STACK, NULL, &r), "prlimit64 STACK");
	ok(syscall(SYS_prlimit64, 0, RLIMIT_AS, NULL, &r), "prlimit64 AS");
	ok(syscall(SYS_prlimit64, 0, RLIMIT_CORE, NULL, &r), "prlimit64 CORE");
	ok(syscall(SYS_prlimit64, 0, RLIMIT_RTPRIO, NULL, NULL), "prlimit64 NULL NULL");
	fails(syscall(SYS_prlimit64, 0, 99, NULL, &r), EINVAL, "prlimit64 99");
	fails(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, BAD_PTR), EFAULT, "prlimit64 bad");

	struct rlimit rl;
	ok(syscall(SYS_getrlimit, RLIMIT_NOFILE, &rl), "getrlimit");
	ok(syscall(SYS_setrlimit, RLIMIT_NOFILE, &rl), "setrlimit");
	ok(syscall(SYS_getrlimit, RLIMIT_DATA, &rl), "getrlimit DATA");
	fails(syscall(SYS_getrlimit, RLIMIT_NOFILE, BAD_PTR), EFAULT, "getrlimit bad");
	fails(syscall(SYS_setrlimit, 99, &rl), EINVAL, "setrlimit 99");
}

static void randoms(void)
{
	char buf[8];
	ok(syscall(SYS_getrandom, buf, 0, 0), "getrandom 0");
	ok(syscall(SYS_getrandom, buf, 0, GRND_NONBLOCK | GRND_RANDOM), "getrandom 0 flags");
	fails(syscall(SYS_getrandom, BAD_PTR, 8, GRND_NONBLOCK), EFAULT, "getrandom bad");
	fails(syscall(SYS_getrandom, buf, 8, 0x80), EINVAL, "getrandom flags");
}

static void sleeps(void)
{
	struct timespec short_ts = { 0, 1000 }, rem, past = { 1, 0 };
	struct timespec bad_ns = { 0, 1000000000 };
	ok(syscall(SYS_nanosleep, &short_ts, NULL), "nanosleep");
	ok(syscall(SYS_nanosleep, &short_ts, &rem), "nanosleep rem");
	fails(syscall(SYS_nanosleep, &bad_ns, NULL), EINVAL, "nanosleep EINVAL");
	fails(syscall(SYS_nanosleep, NULL, NULL), EFAULT, "nanosleep NULL");
	ok(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &short_ts, NULL), "clock_nanosleep");
	ok(syscall(SYS_clock_nanosleep, CLOCK_BOOTTIME, 0, &short_ts, &rem), "clock_nanosleep rem");
	ok(syscall(SYS_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME, &past, NULL), "clock_nanosleep abs");
	ok(syscall(SYS_clock_nanosleep, CLOCK_TAI, TIMER_ABSTIME, &past, &rem), "clock_nanosleep TAI");
	fails(syscall(SYS_clock_nanosleep, 99, 0, &short_ts, NULL), EINVAL, "clock_nanosleep 99");
	fails(syscall(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &short_ts, NULL), EOPNOTSUPP,
	      "clock_nanosleep thread clock");
	fails(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, BAD_PTR, NULL), EFAULT, "clock_nanosleep bad");

	struct timespec ts;
	fails(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, NULL), EFAULT, "clock_gettime NULL");
	fails(syscall(SYS_clock_gettime, 99, &ts), EINVAL, "clock_gettime 99");
	ok(syscall(SYS_clock_getres, CLOCK_MONOTONIC, &ts), "clock_getres");
	ok(syscall(SYS_clock_getres, CLOCK_REALTIME_COARSE, NULL), "clock_getres NULL");
	struct timezone tz;
	ok(syscall(SYS_gettimeofday, NULL, NULL), "gettimeofday NULL");
	ok(syscall(SYS_gettimeofday, NULL, &tz), "gettimeofday tz");
	fails(syscall(SYS_gettimeofday, BAD_PTR, NULL), EFAULT, "gettimeofday bad");

	struct itimerval it = { { 0, 0 }, { 0, 0 } }, old;
	ok(syscall(SYS_getitimer, ITIMER_REAL, &old), "getitimer");
	ok(syscall(SYS_setitimer, ITIMER_VIRTUAL, &it, &old), "setitimer");
	fails(syscall(SYS_setitimer, 99, &it, NULL), EINVAL, "setitimer 99");
}

/* FUTEX_WAKE_OP's operation word, as <linux/futex.h>'s FUTEX_OP() but without shifting into an int's
 * sign bit (undefined behaviour that UBSan stops at). */
#define WAKE_OP(op, oparg, cmp, cmparg)                                                        \
	((((uint32_t)(op) & 0xf) << 28) | (((uint32_t)(cmp) & 0xf) << 24) |                     \
	 (((uint32_t)(oparg) & 0xfff) << 12) | ((uint32_t)(cmparg) & 0xfff))

static void futexes(void)
{
	static uint32_t word, other;
	struct timespec tiny = { 0, 1000 }, past = { 1, 0 };
	ok(syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), "FUTEX_WAKE_PRIVATE");
	ok(syscall(SYS_futex, &word, FUTEX_WAKE, INT_MAX, NULL, NULL, 0), "FUTEX_WAKE");
	fails(syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0), EAGAIN, "FUTEX_WAIT mismatch");
	fails(syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &tiny, NULL, 0), ETIMEDOUT, "FUTEX_WAIT timeout");
	fails(syscall(SYS_futex, &word, FUTEX_WAIT, 0, &tiny, NULL, 0), ETIMEDOUT, "FUTEX_WAIT shared");
	fails(syscall(SYS_futex, &word, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 0, &past, NULL,
		      FUTEX_BITSET_MATCH_ANY),
	      ETIMEDOUT, "FUTEX_WAIT_BITSET");
	fails(syscall(SYS_futex, &word, FUTEX_WAIT_BITSET, 0, &past, NULL, 1), ETIMEDOUT, "FUTEX_WAIT_BITSET 1");
	ok(syscall(SYS_futex, &word, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, FUTEX_BITSET_MATCH_ANY),
	   "FUTEX_WAKE_BITSET");
	ok(syscall(SYS_futex, &word, FUTEX_REQUEUE_PRIVATE, 1, INT_MAX, &other, 0), "FUTEX_REQUEUE");
	ok(syscall(SYS_futex, &word, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1, &other, 0), "FUTEX_CMP_REQUEUE");
	fails(syscall(SYS_futex, &word, FUTEX_CMP_REQUEUE, 1, 1, &other, 7), EAGAIN, "FUTEX_CMP_REQUEUE val3");
	ok(syscall(SYS_futex, &word, FUTEX_WAKE_OP_PRIVATE, 1, 1, &other,
		   WAKE_OP(FUTEX_OP_SET, 1, FUTEX_OP_CMP_GT, 0)),
	   "FUTEX_WAKE_OP");
	ok(syscall(SYS_futex, &word, FUTEX_WAKE_OP, 1, 0, &other,
		   WAKE_OP(FUTEX_OP_ADD | FUTEX_OP_OPARG_SHIFT, 2, FUTEX_OP_CMP_EQ, 1)),
	   "FUTEX_WAKE_OP shift");
	ok(syscall(SYS_futex, &word, FUTEX_LOCK_PI_PRIVATE, 0, NULL, NULL, 0), "FUTEX_LOCK_PI");
	ok(syscall(SYS_futex, &word, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0), "FUTEX_UNLOCK_PI");
	fails(syscall(SYS_futex, NULL, FUTEX_WAIT, 0, NULL, NULL, 0), EFAULT, "FUTEX_WAIT NULL");
	fails(syscall(SYS_futex, &word, 99, 0, NULL, NULL, 0), ENOSYS, "futex 99");

	void *head;
	size_t len;
	ok(syscall(SYS_get_robust_list, 0, &head, &len), "get_robust_list");
	ok(syscall(SYS_set_robust_list, head, len), "set_robust_list");
	fails(syscall(SYS_set_robust_list, head, 1), EINVAL, "set_robust_list 1");

	static uint32_t area[8] __attribute__((aligned(32)));
	fails(syscall(SYS_rseq, area, 31, 0, 0x53053053), EINVAL, "rseq size");
	fails(syscall(SYS_rseq, area, 32, 1, 0x53053053), EINVAL, "rseq unregister other");
}

static void kills(void)
{
	install(SIGUSR1, on_signal, SA_RESTART);
	ok(syscall(SYS_kill, getpid(), 0), "kill 0");
	fails(syscall(SYS_kill, getpid(), 12345), EINVAL, "kill 12345");
	ok(syscall(SYS_tkill, gettid(), 0), "tkill 0");
	ok(syscall(SYS_tgkill, getpid(), gettid(), 0), "tgkill 0");
	ok(syscall(SYS_kill, getpid(), SIGUSR1), "kill SIGUSR1");
	ok(syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1), "tgkill SIGUSR1");
	ok(syscall(SYS_tkill, gettid(), SIGUSR1), "tkill SIGUSR1");
	fails(syscall(SYS_tgkill, getpid(), 0, SIGUSR1), EINVAL, "tgkill tid 0");
	if (delivered != SIGUSR1)
		fail("SIGUSR1 was not delivered", 0);
}

static void sigactions(void)
{
	struct k_sigaction ka, old;
	memset(&ka, 0, sizeof ka);
	ok(syscall(SYS_rt_sigaction, SIGUSR2, NULL, &old, 8), "rt_sigaction get");
	ka.handler = SIG_IGN;
	ka.mask = bit(SIGINT) | bit(SIGTERM);
	ok(syscall(SYS_rt_sigaction, SIGUSR2, &ka, &old, 8), "rt_sigaction SIG_IGN");
	ka.handler = SIG_DFL;
	ka.flags = SA_RESTART | SA_NODEFER | SA_RESETHAND | SA_ONSTACK;
	ka.mask = ~0ULL;
	ok(syscall(SYS_rt_sigaction, SIGUSR2, &ka, &old, 8), "rt_sigaction SIG_DFL");
	ka.flags = SA_NOCLDSTOP;
	ka.mask = bit(33) | bit(34) | bit(64);
	ok(syscall(SYS_rt_sigaction, SIGCHLD, &ka, &old, 8), "rt_sigaction SIGCHLD");
	ka.flags = 0;
	ka.mask = 0;
	ok(syscall(SYS_rt_sigaction, SIGCHLD, &ka, NULL, 8), "rt_sigaction SIGCHLD back");
	ok(syscall(SYS_rt_sigaction, SIGRTMIN + 3, NULL, &old, 8), "rt_sigaction RT");
	ok(syscall(SYS_rt_sigaction, SIGUSR2, NULL, NULL, 8), "rt_sigaction NULL NULL");
	fails(syscall(SYS_rt_sigaction, SIGKILL, &ka, NULL, 8), EINVAL, "rt_sigaction SIGKILL");
	fails(syscall(SYS_rt_sigaction, 99, NULL, &old, 8), EINVAL, "rt_sigaction 99");
	fails(syscall(SYS_rt_sigaction, SIGUSR2, NULL, &old, 7), EINVAL, "rt_sigaction size 7");
	fails(syscall(SYS_rt_sigaction, SIGUSR2, BAD_PTR, NULL, 8), EFAULT, "rt_sigaction bad act");
	fails(syscall(SYS_rt_sigaction, SIGUSR2, NULL, BAD_PTR, 8), EFAULT, "rt_sigaction bad old");
	/* glibc's sigaction: SA_RESTORER and its restorer, SA_SIGINFO */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigaddset(&sa.sa_mask, SIGUSR2);
	ok(sigaction(SIGUSR2, &sa, NULL), "sigaction SIGUSR2");
}

static void masks(void)
{
	uint64_t set, old;
	set = bit(SIGUSR1) | bit(SIGUSR2);
	ok(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, &old, 8), "SIG_BLOCK");
	ok(syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &set, NULL, 8), "SIG_UNBLOCK");
	set = ~0ULL;
	ok(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, &old, 8), "SIG_SETMASK all");
	set = ~(bit(32) | bit(33));
	ok(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, &old, 8), "SIG_SETMASK ~[RTMIN RT_1]");
	set = bit(32) | bit(33) | bit(40) | bit(64) | bit(SIGHUP) | bit(SIGSYS);
	ok(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, &old, 8), "SIG_SETMASK RT");
	set = 0;
	ok(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, &old, 8), "SIG_SETMASK empty");
	ok(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &old, 8), "rt_sigprocmask get");
	fails(syscall(SYS_rt_sigprocmask, 99, &set, NULL, 8), EINVAL, "rt_sigprocmask how 99");
	fails(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, &old, 16), EINVAL, "rt_sigprocmask size 16");
	fails(syscall(SYS_rt_sigprocmask, SIG_BLOCK, BAD_PTR, NULL, 8), EFAULT, "rt_sigprocmask bad");

	/* A blocked, pending SIGUSR2: rt_sigpending sees it, rt_sigtimedwait takes it. */
	set = bit(SIGUSR2);
	ok(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 8), "block SIGUSR2");
	ok(syscall(SYS_tgkill, getpid(), gettid(), SIGUSR2), "tgkill SIGUSR2");
	ok(syscall(SYS_rt_sigpending, &old, 8), "rt_sigpending");
	fails(syscall(SYS_rt_sigpending, &old, 16), EINVAL, "rt_sigpending 16");
	siginfo_t si;
	if (ok(syscall(SYS_rt_sigtimedwait, &set, &si, NULL, 8), "rt_sigtimedwait") != SIGUSR2)
		fail("rt_sigtimedwait did not return SIGUSR2", 0);
	struct timespec tiny = { 0, 1000 };
	fails(syscall(SYS_rt_sigtimedwait, &set, NULL, &tiny, 8), EAGAIN, "rt_sigtimedwait timeout");
	fails(syscall(SYS_rt_sigtimedwait, &set, &si, BAD_PTR, 8), EFAULT, "rt_sigtimedwait bad");

	/* rt_sigsuspend with SIGUSR1 pending: returns at once, the handler runs, rt_sigreturn follows. */
	set = bit(SIGUSR1);
	ok(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, NULL, 8), "block SIGUSR1");
	ok(syscall(SYS_tkill, gettid(), SIGUSR1), "tkill SIGUSR1");
	uint64_t none = 0;
	fails(syscall(SYS_rt_sigsuspend, &none, 8), EINTR, "rt_sigsuspend");
	fails(syscall(SYS_rt_sigsuspend, &none, 4), EINVAL, "rt_sigsuspend size");
	ok(syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, NULL, 8), "unblock all");
}

static void altstacks(void)
{
	static char stack_mem[65536];
	stack_t ss, old;
	ok(syscall(SYS_sigaltstack, NULL, &old), "sigaltstack get");
	ss.ss_sp = stack_mem;
	ss.ss_flags = 0;
	ss.ss_size = sizeof stack_mem;
	ok(syscall(SYS_sigaltstack, &ss, &old), "sigaltstack set");
	install(SIGUSR1, on_altstack, SA_ONSTACK);
	ok(syscall(SYS_tkill, gettid(), SIGUSR1), "tkill to altstack");
	ss.ss_size = 1024;
	fails(syscall(SYS_sigaltstack, &ss, NULL), ENOMEM, "sigaltstack small");
	ss.ss_flags = 0x40;
	fails(syscall(SYS_sigaltstack, &ss, NULL), EINVAL, "sigaltstack flags");
	ss.ss_flags = SS_DISABLE;
	ok(syscall(SYS_sigaltstack, &ss, NULL), "sigaltstack disable");
	fails(syscall(SYS_sigaltstack, BAD_PTR, NULL), EFAULT, "sigaltstack bad");
	install(SIGUSR1, on_signal, 0);
}

static void signalfds(void)
{
	uint64_t set = bit(SIGUSR1);
	int fd = (int)ok(syscall(SYS_signalfd4, -1, &set, 8, SFD_CLOEXEC | SFD_NONBLOCK), "signalfd4");
	set |= bit(SIGUSR2) | bit(SIGRTMIN);
	ok(syscall(SYS_signalfd4, fd, &set, 8, 0), "signalfd4 update");
	fails(syscall(SYS_signalfd4, -1, &set, 8, 1), EINVAL, "signalfd4 flags");
	fails(syscall(SYS_signalfd4, -1, &set, 4, 0), EINVAL, "signalfd4 size");
	ok(close(fd), "close signalfd");

	ok(syscall(SYS_alarm, 5), "alarm 5");
	if (ok(syscall(SYS_alarm, 0), "alarm 0") != 5)
		fail("alarm 0 did not return 5", 0);

	/* pause(): woken by SIGALRM from an interval timer, which repeats so that it cannot be lost. */
	install(SIGALRM, on_signal, 0);
	struct itimerval it = { { 0, 200000 }, { 0, 20000 } }, off = { { 0, 0 }, { 0, 0 } };
	ok(syscall(SYS_setitimer, ITIMER_REAL, &it, NULL), "setitimer");
	fails(syscall(SYS_pause), EINTR, "pause");
	ok(syscall(SYS_setitimer, ITIMER_REAL, &off, NULL), "setitimer off"); /* its old value varies */
}

static void exec_failures(char **envp)
{
	char *argv[] = { "proc-calls", "a very long argument that -s 8 cuts", "", NULL };
	char *bad_argv[] = { "proc-calls", BAD_PTR, NULL };
	char *many[40];
	int i;
	for (i = 0; i < 39; i++)
		many[i] = "x";
	many[39] = NULL;
	fails(syscall(SYS_execve, "/nonexistent/proc-calls", argv, envp), ENOENT, "execve ENOENT");
	fails(syscall(SYS_execve, "/nonexistent/proc-calls", NULL, NULL), ENOENT, "execve NULL");
	fails(syscall(SYS_execve, "/nonexistent/proc-calls", many, envp), ENOENT, "execve many");
	fails(syscall(SYS_execve, "/", argv, envp), EACCES, "execve EACCES");
	fails(syscall(SYS_execve, "/proc/self/exe", bad_argv, envp), EFAULT, "execve bad argv");
	fails(syscall(SYS_execve, "/proc/self/exe", BAD_PTR, envp), EFAULT, "execve bad argv pointer");
	fails(syscall(SYS_execveat, AT_FDCWD, "/nonexistent/proc-calls", argv, envp, 0), ENOENT, "execveat");
	fails(syscall(SYS_execveat, -1, "", argv, envp, AT_EMPTY_PATH), EBADF, "execveat EBADF");
	fails(syscall(SYS_execveat, AT_FDCWD, "/nonexistent", argv, envp, AT_SYMLINK_NOFOLLOW | 0x8000), EINVAL,
	      "execveat flags");
}

static void pidfds(void)
{
	int pidfd = (int)ok(syscall(SYS_pidfd_open, getpid(), 0), "pidfd_open");
	int nonblock = (int)ok(syscall(SYS_pidfd_open, getpid(), O_NONBLOCK), "pidfd_open PIDFD_NONBLOCK");
	fails(syscall(SYS_pidfd_open, getpid(), 1), EINVAL, "pidfd_open flags");
	fails(syscall(SYS_pidfd_open, -1, 0), EINVAL, "pidfd_open -1");
	int copy = (int)ok(syscall(SYS_pidfd_getfd, pidfd, 1, 0), "pidfd_getfd"); /* our own stdout */
	fails(syscall(SYS_pidfd_getfd, pidfd, 1, 5), EINVAL, "pidfd_getfd flags");
	fails(syscall(SYS_pidfd_getfd, 99, 1, 0), EBADF, "pidfd_getfd EBADF");
	ok(close(copy), "close");
	ok(close(nonblock), "close");
	ok(close(pidfd), "close");
}

static void basic(char **envp)
{
	ids();
	pidfds();
	prctls();
	limits();
	randoms();
	sleeps();
	futexes();
	kills();
	sigactions();
	masks();
	altstacks();
	signalfds();
	exec_failures(envp);
}

/* ---- children: processes that start, stop and end ---- */

/* Runs on clone()'s own stack and TLS: no libc call, no errno, only a return (glibc then calls exit). */
static int clone_child(void *arg)
{
	(void)arg;
	return 0;
}

static pid_t expect_exit(pid_t pid, int code)
{
	int st;
	pid_t r = (pid_t)ok(syscall(SYS_wait4, pid, &st, 0, NULL), "wait4");
	if (!WIFEXITED(st) || WEXITSTATUS(st) != code)
		fail("child did not exit with the expected code", st);
	return r;
}

static void children(char *self, char **envp)
{
	int st;
	pid_t pid;

	/* SIGCHLD stays pending instead of being delivered at a moment that differs from run to run. */
	uint64_t chld = bit(SIGCHLD);
	ok(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &chld, NULL, 8), "block SIGCHLD");

	/* fork(2) itself */
	pid = (pid_t)ok(syscall(SYS_fork), "fork");
	if (pid == 0)
		_exit(0);
	expect_exit(pid, 0);

	pid = vfork();
	if (pid == 0)
		_exit(3); /* the child of vfork() may only exec or _exit: it runs on the parent's stack */
	ok(pid, "vfork");
	expect_exit(pid, 3);

	/* glibc's fork: clone(CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD) */
	pid = fork();
	ok(pid, "fork");
	if (pid == 0) {
		ok(syscall(SYS_setpgid, 0, 0), "setpgid");
		fails(syscall(SYS_setsid), EPERM, "setsid EPERM");
		_exit(0);
	}
	expect_exit(pid, 0);

	pid = (pid_t)ok(syscall(SYS_clone, SIGCHLD, NULL, NULL, NULL, 0), "clone");
	if (pid == 0) {
		ok(syscall(SYS_setsid), "setsid");
		syscall(SYS_exit, 5); /* the thread's exit: the only thread, so the process ends */
	}
	expect_exit(pid, 5);

	/* glibc's clone(): a child on its own stack, sharing our memory, with a TLS pointer it never uses */
	static char stack_mem[65536] __attribute__((aligned(16)));
	static uint64_t tls_block[64];
	pid_t ptid = 0, ctid = 0;
	pid = clone(clone_child, stack_mem + sizeof stack_mem,
		    CLONE_VM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD, NULL, &ptid,
		    tls_block, &ctid);
	ok(pid, "clone with stack");
	expect_exit(pid, 0);

	pid = (pid_t)ok(syscall(SYS_clone, CLONE_PARENT_SETTID, NULL, &ptid, NULL, 0), "clone ptid");
	if (pid == 0)
		_exit(0);
	ok(syscall(SYS_wait4, pid, &st, __WALL, NULL), "wait4 __WALL");
	fails(syscall(SYS_clone, CLONE_SIGHAND, NULL, NULL, NULL, 0), EINVAL, "clone EINVAL");
	fails(syscall(SYS_clone, CLONE_NEWNS | CLONE_FS, NULL, NULL, NULL, 0), EINVAL,
	      "clone EINVAL 2");

	struct clone_args ca;
	memset(&ca, 0, sizeof ca);
	ca.exit_signal = SIGCHLD;
	pid = (pid_t)ok(syscall(SYS_clone3, &ca, sizeof ca), "clone3");
	if (pid == 0)
		_exit(0);
	expect_exit(pid, 0);
	ca.flags = CLONE_PARENT_SETTID | CLONE_PIDFD;
	int pidfd = -1;
	ca.parent_tid = (uint64_t)(uintptr_t)&ptid;
	ca.pidfd = (uint64_t)(uintptr_t)&pidfd;
	pid = (pid_t)ok(syscall(SYS_clone3, &ca, CLONE_ARGS_SIZE_VER0), "clone3 pidfd");
	if (pid == 0)
		_exit(0);
	expect_exit(pid, 0);
	ok(close(pidfd), "close pidfd");
	fails(syscall(SYS_clone3, &ca, 8), EINVAL, "clone3 size");
	fails(syscall(SYS_clone3, NULL, sizeof ca), EFAULT, "clone3 NULL");
	ca.flags = CLONE_THREAD;
	fails(syscall(SYS_clone3, &ca, sizeof ca), EINVAL, "clone3 EINVAL");

	/* A child that waits for a signal: WNOHANG sees it running, then it dies of SIGTERM. */
	pid = fork();
	ok(pid, "fork");
	if (pid == 0) {
		for (;;)
			pause();
	}
	if (ok(syscall(SYS_wait4, pid, &st, WNOHANG, NULL), "wait4 WNOHANG") != 0)
		fail("wait4 WNOHANG reaped a running child", 0);
	siginfo_t si;
	memset(&si, 0xff, sizeof si);
	ok(syscall(SYS_waitid, P_PID, pid, &si, WEXITED | WNOHANG, NULL), "waitid WNOHANG");
	ok(syscall(SYS_kill, pid, SIGTERM), "kill SIGTERM");
	ok(syscall(SYS_wait4, -1, &st, 0, NULL), "wait4 -1");
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGTERM)
		fail("child did not die of SIGTERM", st);
	fails(syscall(SYS_wait4, -1, NULL, WNOHANG, NULL), ECHILD, "wait4 ECHILD");

	pid = fork();
	ok(pid, "fork");
	if (pid == 0)
		_exit(7);
	/* The kernel fills signo, code, pid, uid and status only: the rest keeps what was there. */
	memset(&si, 0, sizeof si);
	ok(syscall(SYS_waitid, P_PID, pid, &si, WEXITED, NULL), "waitid");
	pid = fork();
	ok(pid, "fork");
	if (pid == 0)
		_exit(0);
	ok(syscall(SYS_waitid, P_ALL, 0, NULL, WEXITED | __WALL, NULL), "waitid NULL");
	fails(syscall(SYS_waitid, P_ALL, 0, &si, WEXITED | WNOHANG, NULL), ECHILD, "waitid ECHILD");
	fails(syscall(SYS_waitid, P_PGID, 0, &si, 0, NULL), EINVAL, "waitid EINVAL");

	/* execve and execveat that succeed: the child becomes "exec-child", which exits 0 */
	char *argv[] = { "test-proc-calls", "exec-child", NULL };
	char *small_env[] = { "PROC_CALLS=1", NULL };
	pid = fork();
	ok(pid, "fork");
	if (pid == 0) {
		syscall(SYS_execve, self, argv, small_env);
		_exit(8);
	}
	expect_exit(pid, 0);
	pid = fork();
	ok(pid, "fork");
	if (pid == 0) {
		syscall(SYS_execveat, AT_FDCWD, self, argv, envp, 0);
		_exit(8);
	}
	expect_exit(pid, 0);
}

/* ---- threads: a second thread's lines come between a blocking call's entry and exit ---- */

static pid_t main_tid;
static uint32_t futex_word;

/* Wait until the main thread sleeps in syscall nr (/proc/self/task/TID/syscall starts with its number):
 * then its entry line is out, and whatever the helper does next comes before its exit. */
static void wait_blocked(long nr)
{
	char path[64], buf[64];
	struct timespec ms = { 0, 1000000 };
	snprintf(path, sizeof path, "/proc/self/task/%d/syscall", (int)main_tid);
	for (int i = 0; i < 5000; i++) {
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			fail("open /proc/self/task/TID/syscall", -1);
		ssize_t n = read(fd, buf, sizeof buf - 1);
		if (n < 0)
			fail("read /proc/self/task/TID/syscall", -1);
		close(fd);
		buf[n] = '\0';
		if (strtol(buf, NULL, 10) == nr && buf[0] != '-')
			return;
		ok(syscall(SYS_nanosleep, &ms, NULL), "helper nanosleep");
	}
	fail("the main thread never blocked", nr);
}

static void *helper(void *arg)
{
	pid_t *children = arg;
	wait_blocked(SYS_wait4);
	ok(syscall(SYS_kill, children[0], SIGTERM), "helper kill"); /* ends main's wait4 */
	wait_blocked(SYS_waitid);
	ok(syscall(SYS_kill, children[1], SIGKILL), "helper kill"); /* ends main's waitid */
	wait_blocked(SYS_rt_sigtimedwait);
	ok(syscall(SYS_tgkill, getpid(), main_tid, SIGUSR2), "helper tgkill"); /* ends rt_sigtimedwait */
	wait_blocked(SYS_rt_sigsuspend);
	ok(syscall(SYS_tgkill, getpid(), main_tid, SIGUSR1), "helper tgkill"); /* ends rt_sigsuspend */
	wait_blocked(SYS_pause);
	ok(syscall(SYS_tgkill, getpid(), main_tid, SIGUSR1), "helper tgkill"); /* ends pause */
	wait_blocked(SYS_nanosleep);
	ok(syscall(SYS_tgkill, getpid(), main_tid, SIGUSR1), "helper tgkill"); /* cuts nanosleep short */
	wait_blocked(SYS_futex);
	__atomic_store_n(&futex_word, 1, __ATOMIC_SEQ_CST);
	ok(syscall(SYS_futex, &futex_word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), "helper FUTEX_WAKE");
	wait_blocked(SYS_clock_nanosleep);
	ok(syscall(SYS_getppid), "helper getppid"); /* comes during main's clock_nanosleep */
	return NULL;
}

static pid_t pausing_child(void)
{
	pid_t pid = fork();
	ok(pid, "fork");
	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static void threads(void)
{
	pthread_t th;
	int st;
	siginfo_t si;
	main_tid = gettid();
	install(SIGUSR1, on_signal, 0);
	uint64_t usr2 = bit(SIGUSR2), chld = bit(SIGCHLD), both = bit(SIGCHLD) | bit(SIGUSR2);
	/* SIGCHLD blocked in both threads: it would otherwise interrupt whichever thread is sleeping. */
	ok(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &both, NULL, 8), "block SIGCHLD, SIGUSR2");
	pid_t children[2] = { pausing_child(), pausing_child() };
	int e = pthread_create(&th, NULL, helper, children);
	if (e != 0)
		fail("pthread_create", e);
	ok(syscall(SYS_wait4, children[0], &st, 0, NULL), "wait4");
	memset(&si, 0, sizeof si);
	ok(syscall(SYS_waitid, P_PID, children[1], &si, WEXITED, NULL), "waitid");
	ok(syscall(SYS_rt_sigtimedwait, &usr2, &si, NULL, 8), "rt_sigtimedwait");
	fails(syscall(SYS_rt_sigsuspend, &chld, 8), EINTR, "rt_sigsuspend");
	fails(syscall(SYS_pause), EINTR, "pause");
	struct timespec long_sleep = { 10, 0 }, rem;
	fails(syscall(SYS_nanosleep, &long_sleep, &rem), EINTR, "nanosleep cut short");
	while (__atomic_load_n(&futex_word, __ATOMIC_SEQ_CST) == 0) {
		long r = syscall(SYS_futex, &futex_word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
		if (r == -1 && errno != EAGAIN && errno != EINTR)
			fail("FUTEX_WAIT", r);
	}
	struct timespec sleep = { 0, 50000000 };
	ok(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &sleep, NULL), "clock_nanosleep");
	e = pthread_join(th, NULL);
	if (e != 0)
		fail("pthread_join", e);
}

/* ---- random: real results that differ on every run ---- */

static void random_results(void)
{
	char buf[8];
	struct timespec ts;
	struct timeval tv;
	struct rusage ru;
	int st;
	ok(syscall(SYS_getrandom, buf, sizeof buf, GRND_NONBLOCK), "getrandom");
	ok(syscall(SYS_clock_gettime, CLOCK_REALTIME, &ts), "clock_gettime");
	ok(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts), "clock_gettime");
	ok(syscall(SYS_gettimeofday, &tv, NULL), "gettimeofday");
	pid_t pid = fork();
	ok(pid, "fork");
	if (pid == 0)
		_exit(0);
	ok(syscall(SYS_wait4, pid, &st, 0, &ru), "wait4 rusage");
}

int main(int argc, char **argv, char **envp)
{
	const char *mode = argc > 1 ? argv[1] : "basic";
	if (strcmp(mode, "basic") == 0)
		basic(envp);
	else if (strcmp(mode, "children") == 0)
		children(argv[0], envp);
	else if (strcmp(mode, "threads") == 0)
		threads();
	else if (strcmp(mode, "random") == 0)
		random_results();
	else if (strcmp(mode, "exec-child") == 0)
		_exit(0); /* not exit(): a sanitizer build's leak check would run, and it fails under ptrace */
	else {
		fprintf(stderr, "usage: test-proc-calls [basic|children|threads|random|exec-child]\n");
		return 2;
	}
	return 0;
}
