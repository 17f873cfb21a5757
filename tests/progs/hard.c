/* hard.c -- the tracer's hard cases, one mode each (built as bin/test-hard, for tests/tracer-hard.bats):
 * threads making syscalls at the same moment, exec from a thread that is not the leader, posix_spawn (vfork
 * and exec), a vfork-like clone3 with output fields, a bounded fork tree, waiting for signals, a process exiting while another thread is blocked in a
 * syscall, pointers to unmapped and PROT_NONE memory, and a huge argv and environment. Every call that is
 * checked in a trace goes through syscall() so that a sanitizer build's interceptors add nothing to it. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static const char *usage_text =
	"usage: test-hard MODE [ARGS]\n"
	"  threads N K      N threads (at most 64) start together; thread T calls close(10000 + 1000*T + I) for\n"
	"                   I = 0..K-1 (each fails with EBADF): N*K calls, all at the same time\n"
	"  exec-thread      a second thread execs this program again (\"after-exec\"), while the leader waits\n"
	"  after-exec       what runs after exec-thread's exec: getpid, then exit 0\n"
	"  spawn            posix_spawn(/bin/true), then waits for it\n"
	"  vfork-pidfd      clone3 with CLONE_VFORK|CLONE_PIDFD|CLONE_PARENT_SETTID: the child calls getppid and\n"
	"                   exits 0 while the parent is still in clone3; the parent waits for it\n"
	"  forkbomb N       a tree of N processes in all (at most 1000), each forks up to two, waits, exits 0\n"
	"  pause            prints \"ready PID\", then pause() until a signal whose handler is installed:\n"
	"                   SIGCONT and SIGUSR1 (printed, then pause again); SIGUSR2 ends it (exit 0)\n"
	"  ignore-int       like pause, with SIGINT and SIGTERM ignored\n"
	"  exit-mid-call    a thread blocks in read() on a pipe; the leader calls exit_group(0) meanwhile\n"
	"  everything K     all at once: 4 threads close K fds each (20000 + 1000*T + I), a thread sends the\n"
	"                   process SIGUSR1 50 times, the leader forks 20 children that exec /bin/true, a\n"
	"                   thread blocks in read(); the leader exits while that read is in progress\n"
	"  bad-pointers     syscalls given pointers to unmapped memory, to the end of a mapping, to PROT_NONE\n"
	"  big-exec N BYTES execs after-exec with N arguments of BYTES bytes each and N variables as big\n"
	"                   (and the sanitizer options, *SAN_OPTIONS, if set)\n";

static void __attribute__((noreturn)) fail(const char *what)
{
	fprintf(stderr, "test-hard: %s: %s\n", what, strerror(errno));
	exit(1);
}

static long number(const char *s, long min, long max)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		fprintf(stderr, "test-hard: bad number '%s' (%ld to %ld)\n%s", s, min, max, usage_text);
		exit(2);
	}
	return v;
}

/* ---- threads ---- */
static pthread_barrier_t start_line;
static long calls_per_thread;

static void *closer(void *arg)
{
	long t = (long)arg;
	int r = pthread_barrier_wait(&start_line);
	if (r != 0 && r != PTHREAD_BARRIER_SERIAL_THREAD) {
		errno = r;
		fail("pthread_barrier_wait");
	}
	for (long i = 0; i < calls_per_thread; i++)
		if (syscall(SYS_close, 10000 + 1000 * t + i) != -1 || errno != EBADF)
			fail("close did not fail with EBADF");
	return NULL;
}

static int run_threads(long n, long k)
{
	pthread_t tids[64];
	calls_per_thread = k;
	errno = pthread_barrier_init(&start_line, NULL, (unsigned)n);
	if (errno)
		fail("pthread_barrier_init");
	for (long t = 0; t < n; t++)
		if ((errno = pthread_create(&tids[t], NULL, closer, (void *)t)) != 0)
			fail("pthread_create");
	for (long t = 0; t < n; t++)
		if ((errno = pthread_join(tids[t], NULL)) != 0)
			fail("pthread_join");
	return 0;
}

/* ---- exec from a thread that is not the leader ---- */
static void *execer(void *arg)
{
	(void)arg;
	char *argv[] = { "test-hard", "after-exec", NULL };
	syscall(SYS_execve, "/proc/self/exe", argv, environ);
	fail("execve");
}

static int run_exec_thread(void)
{
	pthread_t tid;
	if ((errno = pthread_create(&tid, NULL, execer, NULL)) != 0)
		fail("pthread_create");
	for (;;)
		pause(); /* the exec ends this thread, and every other one */
}

/* ---- posix_spawn: clone(CLONE_VM|CLONE_VFORK) and execve in the child ---- */
static int run_spawn(void)
{
	pid_t pid;
	char *argv[] = { "true", NULL };
	int r = posix_spawn(&pid, "/bin/true", NULL, NULL, argv, environ);
	if (r != 0) {
		errno = r;
		fail("posix_spawn");
	}
	int status;
	if (waitpid(pid, &status, 0) == -1)
		fail("waitpid");
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

/* ---- clone3 with output fields, cut by the child's calls ---- */
static int run_vfork_pidfd(void)
{
	/* CLONE_VFORK holds the parent inside clone3 until the child exits, so the child's lines always come
	 * between the call's entry and its exit, where the kernel has filled in the pidfd and the tid. */
	int pidfd = -1;
	pid_t tid = 0;
	struct clone_args ca;
	memset(&ca, 0, sizeof ca);
	ca.flags = CLONE_VFORK | CLONE_PIDFD | CLONE_PARENT_SETTID;
	ca.pidfd = (uint64_t)(uintptr_t)&pidfd;
	ca.parent_tid = (uint64_t)(uintptr_t)&tid;
	ca.exit_signal = SIGCHLD;
	long pid = syscall(SYS_clone3, &ca, sizeof ca);
	if (pid == -1)
		fail("clone3");
	if (pid == 0) {
		syscall(SYS_getppid);
		_exit(0);
	}
	int status;
	if (waitpid((pid_t)pid, &status, 0) == -1)
		fail("waitpid");
	if (close(pidfd) == -1)
		fail("close");
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 && tid == pid ? 0 : 1;
}

/* ---- a bounded fork tree: this process and its descendants are n processes in all ---- */
static int fork_tree(long n)
{
	long rest = n - 1, halves[2] = { rest / 2, rest - rest / 2 };
	pid_t kids[2];
	int nkids = 0;
	for (int i = 0; i < 2; i++) {
		if (halves[i] == 0)
			continue;
		pid_t pid = fork();
		if (pid == -1)
			fail("fork");
		if (pid == 0)
			_exit(fork_tree(halves[i]));
		kids[nkids++] = pid;
	}
	int bad = 0;
	for (int i = 0; i < nkids; i++) {
		int status;
		if (waitpid(kids[i], &status, 0) == -1)
			fail("waitpid");
		bad |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	return bad;
}

/* ---- waiting for signals ---- */
static volatile sig_atomic_t last_signal;
static void on_signal(int sig)
{
	last_signal = sig;
}

static int run_pause(bool ignore_int)
{
	struct sigaction sa = { .sa_handler = on_signal };
	if (sigemptyset(&sa.sa_mask) == -1)
		fail("sigemptyset");
	if (sigaction(SIGCONT, &sa, NULL) == -1 || sigaction(SIGUSR1, &sa, NULL) == -1 ||
	    sigaction(SIGUSR2, &sa, NULL) == -1)
		fail("sigaction");
	/* A program started in the background by a shell without job control inherits SIGINT ignored: put the
	 * default back, so that SIGINT and SIGTERM kill it (or ignore both on purpose). */
	__sighandler_t action = ignore_int ? SIG_IGN : SIG_DFL;
	if (signal(SIGINT, action) == SIG_ERR || signal(SIGTERM, action) == SIG_ERR)
		fail("signal");
	printf("ready %d\n", getpid());
	fflush(stdout);
	for (;;) {
		syscall(SYS_pause);
		int sig = last_signal;
		last_signal = 0;
		if (sig == SIGUSR2)
			return 0;
		if (sig != 0) {
			printf("got SIG%s\n", sigabbrev_np(sig));
			fflush(stdout);
		}
	}
}

/* ---- exit while another thread is in the middle of a syscall ---- */
static int pipe_fds[2];
static volatile int about_to_read;

static void *reader(void *arg)
{
	(void)arg;
	char c;
	about_to_read = 1;
	syscall(SYS_read, pipe_fds[0], &c, 1); /* nobody writes: it blocks until the process ends */
	return NULL;
}

static int run_exit_mid_call(void)
{
	pthread_t tid;
	if (pipe2(pipe_fds, O_CLOEXEC) == -1)
		fail("pipe2");
	if ((errno = pthread_create(&tid, NULL, reader, NULL)) != 0)
		fail("pthread_create");
	/* Wait without a syscall (the trace stays the same from run to run) until the reader is about to call
	 * read(), then give it 100 ms to get there and fall asleep. */
	while (!about_to_read)
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	struct timespec ts = { .tv_nsec = 100L * 1000 * 1000 };
	syscall(SYS_nanosleep, &ts, NULL);
	syscall(SYS_exit_group, 0);
	return 1;
}

/* ---- pointers the tracer cannot follow ---- */
static int run_bad_pointers(void)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	/* Three pages: the first readable, the second PROT_NONE, the third unmapped. "abcd" ends the first page
	 * with no NUL: a string or buffer read from there runs into the PROT_NONE page, which ptrace's PEEKDATA
	 * may read (it forces its way) but process_vm_readv, and the kernel on the program's behalf, may not. */
	char *map = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (map == MAP_FAILED)
		fail("mmap");
	char *hidden = map + page, *hole = map + 2 * page, *end = hidden - 4;
	memcpy(end, "abcd", 4); /* NOLINT(bugprone-not-null-terminated-result): no NUL, on purpose */
	strcpy(hidden, "/etc/hostname");
	memcpy(hole - 4, "wxyz", 4); /* NOLINT(bugprone-not-null-terminated-result): the same */
	if (mprotect(hidden, page, PROT_NONE) == -1)
		fail("mprotect");
	if (munmap(hole, page) == -1)
		fail("munmap");
	int p[2];
	if (pipe2(p, O_CLOEXEC) == -1)
		fail("pipe2");

	void *nowhere = (void *)0x10;
	syscall(SYS_write, p[1], nowhere, 5);
	syscall(SYS_write, p[1], hidden, 5);
	syscall(SYS_write, p[1], end, 8);
	syscall(SYS_write, p[1], hole, 5);
	syscall(SYS_openat, AT_FDCWD, nowhere, O_RDONLY);
	syscall(SYS_openat, AT_FDCWD, hidden, O_RDONLY);
	syscall(SYS_openat, AT_FDCWD, end, O_RDONLY);
	syscall(SYS_openat, AT_FDCWD, hole, O_RDONLY);
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s == -1)
		fail("socket");
	syscall(SYS_connect, s, nowhere, 16);
	syscall(SYS_connect, s, hidden, 16);
	syscall(SYS_connect, s, end, 16);
	/* A string and a buffer that end right where the PROT_NONE page begins are readable whole. */
	char *edge = hidden - sizeof "/nonexistent";
	memcpy(edge, "/nonexistent", sizeof "/nonexistent");
	syscall(SYS_openat, AT_FDCWD, edge, O_RDONLY);
	syscall(SYS_write, p[1], edge, sizeof "/nonexistent");
	syscall(SYS_sendto, s, hidden, 4, 0, nowhere, 16);
	syscall(SYS_rt_sigaction, SIGUSR1, nowhere, nowhere, 8);
	syscall(SYS_nanosleep, nowhere, nowhere);
	syscall(SYS_nanosleep, hidden, NULL);
	syscall(SYS_execve, nowhere, nowhere, nowhere);
	syscall(SYS_execve, hidden, nowhere, nowhere);
	if (close(s) == -1 || close(p[0]) == -1 || close(p[1]) == -1)
		fail("close");
	return 0;
}

/* ---- everything at once ---- */
static volatile sig_atomic_t usr1_seen;
static void count_usr1(int sig)
{
	(void)sig;
	usr1_seen++;
}

/* Thread T of 4 closes fds 20000 + 1000*T + 0..K-1, like "threads", while thread 4 signals the process
 * with SIGUSR1 50 times, the leader forks 20 children that each exec /bin/true, and a fifth thread sits in
 * read(); then the leader exits with that read still in progress. */
static void *signaller(void *arg)
{
	(void)arg;
	for (int i = 0; i < 50; i++) {
		syscall(SYS_tgkill, getpid(), getpid(), SIGUSR1);
		sched_yield();
	}
	return NULL;
}

static void *everything_closer(void *arg)
{
	long t = (long)arg;
	for (long i = 0; i < calls_per_thread; i++)
		if (syscall(SYS_close, 20000 + 1000 * t + i) != -1 || errno != EBADF)
			fail("close did not fail with EBADF");
	return NULL;
}

static int run_everything(long k)
{
	struct sigaction sa = { .sa_handler = count_usr1, .sa_flags = SA_RESTART };
	if (sigemptyset(&sa.sa_mask) == -1 || sigaction(SIGUSR1, &sa, NULL) == -1)
		fail("sigaction");
	if (pipe2(pipe_fds, O_CLOEXEC) == -1)
		fail("pipe2");
	calls_per_thread = k;
	pthread_t tids[6];
	if ((errno = pthread_create(&tids[5], NULL, reader, NULL)) != 0)
		fail("pthread_create");
	for (long t = 0; t < 4; t++)
		if ((errno = pthread_create(&tids[t], NULL, everything_closer, (void *)t)) != 0)
			fail("pthread_create");
	if ((errno = pthread_create(&tids[4], NULL, signaller, NULL)) != 0)
		fail("pthread_create");
	pid_t kids[20];
	for (int i = 0; i < 20; i++) {
		kids[i] = fork();
		if (kids[i] == -1)
			fail("fork");
		if (kids[i] == 0) {
			char *argv[] = { "true", NULL };
			syscall(SYS_execve, "/bin/true", argv, environ);
			_exit(127);
		}
	}
	int bad = 0;
	for (int i = 0; i < 20; i++) {
		int status;
		while (waitpid(kids[i], &status, 0) == -1)
			if (errno != EINTR)
				fail("waitpid");
		bad |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
	}
	for (int t = 0; t < 5; t++)
		if ((errno = pthread_join(tids[t], NULL)) != 0)
			fail("pthread_join");
	while (!about_to_read)
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	printf("children %s, SIGUSR1 handled %d times\n", bad ? "failed" : "ok", (int)usr1_seen);
	fflush(stdout);
	struct timespec ts = { .tv_nsec = 50L * 1000 * 1000 };
	syscall(SYS_nanosleep, &ts, NULL);
	syscall(SYS_exit_group, bad);
	return 1;
}

/* ---- a huge argv and environment ---- */
static int run_big_exec(long n, long bytes)
{
	char **argv = calloc((size_t)n + 3, sizeof *argv), **envp = calloc((size_t)n + 4, sizeof *envp);
	if (argv == NULL || envp == NULL)
		fail("calloc");
	/* a sanitizer build's options go along (without them LeakSanitizer fails under ptrace) */
	size_t kept = 0;
	for (char **e = environ; *e != NULL; e++)
		if (strncmp(*e, "ASAN_OPTIONS=", 13) == 0 || strncmp(*e, "UBSAN_OPTIONS=", 14) == 0 ||
		    strncmp(*e, "LSAN_OPTIONS=", 13) == 0)
			envp[n + kept++] = *e;
	argv[0] = "test-hard";
	argv[1] = "after-exec";
	for (long i = 0; i < n; i++) {
		argv[i + 2] = malloc((size_t)bytes + 1);
		envp[i] = malloc((size_t)bytes + 16);
		if (argv[i + 2] == NULL || envp[i] == NULL)
			fail("malloc");
		memset(argv[i + 2], 'a' + (int)(i % 26), (size_t)bytes);
		argv[i + 2][bytes] = '\0';
		int k = snprintf(envp[i], 16, "V%ld=", i);
		memset(envp[i] + k, 'v', (size_t)bytes);
		envp[i][k + bytes] = '\0';
	}
	syscall(SYS_execve, "/proc/self/exe", argv, envp);
	fail("execve");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs(usage_text, stderr);
		return 2;
	}
	const char *mode = argv[1];
	if (strcmp(mode, "threads") == 0 && argc == 4)
		return run_threads(number(argv[2], 1, 64), number(argv[3], 1, 100000));
	if (strcmp(mode, "exec-thread") == 0 && argc == 2)
		return run_exec_thread();
	if (strcmp(mode, "after-exec") == 0) {
		syscall(SYS_getpid);
		printf("after exec: %d arguments\n", argc - 2);
		return 0;
	}
	if (strcmp(mode, "spawn") == 0 && argc == 2)
		return run_spawn();
	if (strcmp(mode, "vfork-pidfd") == 0 && argc == 2)
		return run_vfork_pidfd();
	if (strcmp(mode, "forkbomb") == 0 && argc == 3)
		return fork_tree(number(argv[2], 1, 1000));
	if (strcmp(mode, "pause") == 0 && argc == 2)
		return run_pause(false);
	if (strcmp(mode, "ignore-int") == 0 && argc == 2)
		return run_pause(true);
	if (strcmp(mode, "exit-mid-call") == 0 && argc == 2)
		return run_exit_mid_call();
	if (strcmp(mode, "everything") == 0 && argc == 3)
		return run_everything(number(argv[2], 1, 100000));
	if (strcmp(mode, "bad-pointers") == 0 && argc == 2)
		return run_bad_pointers();
	if (strcmp(mode, "big-exec") == 0 && argc == 4)
		return run_big_exec(number(argv[2], 0, 100000), number(argv[3], 0, 100000));
	if (strcmp(mode, "-h") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	fputs(usage_text, stderr);
	return 2;
}
