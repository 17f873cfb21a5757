/* session.c -- the ptrace side: start or attach with PTRACE_SEIZE, then one wait loop that sorts every
 * stop into syscall entry/exit (from PTRACE_GET_SYSCALL_INFO, never a toggle), new tasks, exec, group-stop,
 * signal delivery and exit, re-injecting every signal the tracee was meant to get. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "explain.h"
#include "filter.h"
#include "output.h"
#include "prefilter.h"
#include "profile.h"
#include "session.h"
#include "tracer.h"

/* Parts that another file provides; a build without them still traces. */
#define WEAK __attribute__((weak))
extern void explain_syscall(struct tcb *t) WEAK;
extern void explain_new_task(pid_t parent, pid_t child, bool shares_fds) WEAK;
extern void explain_exec(pid_t pid) WEAK;
extern void explain_task_gone(pid_t pid) WEAK;
extern void summary_record(const struct sysent *s, int nr, const struct timespec *dur, bool error)
	__attribute__((weak));

static struct tcb *tcbs;
static int ntcbs;
static pid_t main_pid;
static int main_status = -1;
static bool started; /* we started the program (vs attached to it) */
static volatile sig_atomic_t interrupted;
static bool seccomp_mode; /* tracees run free between the syscalls the BPF pre-filter stops */
static bool profiling;    /* --seccomp-profile */

void session_use_seccomp(bool on)
{
	seccomp_mode = on;
}

void session_record_profile(bool on)
{
	profiling = on;
}

/* Let a stopped task go on: to its next syscall stop, or (pre-filter) to its next traced syscall. */
static void resume(struct tcb *t, int sig)
{
	int req = seccomp_mode && !t->in_syscall ? PTRACE_CONT : PTRACE_SYSCALL;
	mem_forget();
	ptrace(req, t->pid, 0L, (long)sig);
}

struct tcb *tcb_find(pid_t pid)
{
	for (struct tcb *t = tcbs; t; t = t->next)
		if (t->pid == pid)
			return t;
	return NULL;
}

int tcb_count(void)
{
	return ntcbs;
}

static struct tcb *tcb_new(pid_t pid)
{
	struct tcb *t = calloc(1, sizeof *t);
	if (!t) {
		perror("tracer: calloc");
		exit(1);
	}
	t->pid = pid;
	t->tgid = pid;
	t->attached = true;
	t->next = tcbs;
	tcbs = t;
	ntcbs++;
	return t;
}

static void tcb_drop(struct tcb *t)
{
	for (struct tcb **p = &tcbs; *p; p = &(*p)->next) {
		if (*p == t) {
			*p = t->next;
			break;
		}
	}
	sb_free(&t->entry_text);
	sb_free(&t->exit_text);
	sb_free(&t->note);
	free(t);
	ntcbs--;
}

static unsigned ptrace_options(void)
{
	unsigned o = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT;
	if (opt.follow)
		o |= PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE;
	if (started)
		o |= PTRACE_O_EXITKILL; /* a program we started must not outlive us with nobody tracing it */
	if (seccomp_mode)
		o |= PTRACE_O_TRACESECCOMP;
	return o;
}

/* strace looks the program up itself, so "command not found" is the tracer's error, not the child's. */
static char *find_program(const char *name)
{
	if (strchr(name, '/'))
		return strdup(name);
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	char *copy = strdup(path), *save = NULL;
	for (char *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		char *full;
		if (asprintf(&full, "%s/%s", *dir ? dir : ".", name) < 0)
			break;
		struct stat st;
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && access(full, X_OK) == 0) {
			free(copy);
			return full;
		}
		free(full);
	}
	free(copy);
	return NULL;
}

int session_start(char **argv)
{
	char *path = find_program(argv[0]);
	if (!path) {
		fprintf(stderr, "tracer: exec: %s\n", strerror(ENOENT));
		return -1;
	}
	started = true;
	pid_t pid = fork();
	if (pid < 0) {
		perror("tracer: fork");
		free(path);
		return -1;
	}
	if (pid == 0) {
		/* Stop until the tracer has seized us, so that execve is the first call it sees. */
		raise(SIGSTOP);
		/* Installed last: from here on, only the traced syscalls stop. EXITKILL (set by the seize)
		 * guarantees no program is left with this filter and no tracer. */
		if (seccomp_mode) {
			int rc = prefilter_load();
			if (rc < 0) {
				fprintf(stderr, "tracer: seccomp_load: %s\n", strerror(-rc));
				_exit(1);
			}
		}
		execv(path, argv);
		fprintf(stderr, "tracer: exec: %s\n", strerror(errno));
		_exit(1);
	}
	free(path);
	int status;
	if (waitpid(pid, &status, WSTOPPED) < 0 || !WIFSTOPPED(status)) {
		fprintf(stderr, "tracer: the child did not stop before exec\n");
		return -1;
	}
	if (ptrace(PTRACE_SEIZE, pid, 0L, (long)ptrace_options()) < 0) {
		perror("tracer: PTRACE_SEIZE");
		kill(pid, SIGKILL);
		return -1;
	}
	struct tcb *t = tcb_new(pid);
	t->hide = true;
	main_pid = pid;
	kill(pid, SIGCONT);
	return 0;
}

static int seize_one(pid_t tid)
{
	if (ptrace(PTRACE_SEIZE, tid, 0L, (long)ptrace_options()) < 0)
		return -1;
	if (ptrace(PTRACE_INTERRUPT, tid, 0L, 0L) < 0)
		return -1;
	tcb_new(tid)->seen_entry_stop = false;
	return 0;
}

int session_attach(pid_t pid)
{
	if (!main_pid)
		main_pid = pid;
	if (!opt.follow) {
		if (seize_one(pid) < 0) {
			fprintf(stderr, "tracer: attach: ptrace(PTRACE_SEIZE, %d): %s\n", pid, strerror(errno));
			return -1;
		}
		return 0;
	}
	char dir[64];
	snprintf(dir, sizeof dir, "/proc/%d/task", pid);
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "tracer: attach: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	int attached = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		pid_t tid = (pid_t)atoi(e->d_name);
		if (tid > 0 && !tcb_find(tid) && seize_one(tid) == 0)
			attached++;
	}
	closedir(d);
	if (!attached) {
		fprintf(stderr, "tracer: attach: ptrace(PTRACE_SEIZE, %d): %s\n", pid, strerror(errno));
		return -1;
	}
	return 0;
}

static void syscall_abandoned(struct tcb *t);

/* The AUDIT_ARCH value of the tracer's own ABI, as PTRACE_GET_SYSCALL_INFO reports it. */
static uint32_t native_arch(void)
{
	static uint32_t arch;
	if (!arch)
		arch = seccomp_arch_native();
	return arch;
}

static void raw_args(struct tcb *t, struct sb *o)
{
	for (int i = 0; i < t->sys->nargs && i < 6; i++)
		sb_printf(o, i ? ", %#llx" : "%#llx", (unsigned long long)t->args[i]);
}

static void syscall_entry(struct tcb *t, const struct __ptrace_syscall_info *info)
{
	t->in_syscall = true;
	t->nr = (int)info->entry.nr;
	t->arch = info->arch;
	t->sys = info->arch == native_arch() && !(t->nr & 0x40000000) ? sysent_by_nr(t->nr)
									 : sysent_compat(info->arch, t->nr);
	for (int i = 0; i < 6; i++)
		t->args[i] = info->entry.args[i];
	clock_gettime(CLOCK_MONOTONIC, &t->t_entry);
	if (opt.tflag || opt.json)
		clock_gettime(CLOCK_REALTIME, &t->wall_entry);
	sb_reset(&t->entry_text);
	sb_reset(&t->exit_text);
	sb_reset(&t->note);
	t->aux[0] = '\0';
	t->rval_fmt = RVAL_DECIMAL;
	memset(t->priv, 0, sizeof t->priv);

	if (t->hide && (strcmp(t->sys->name, "execve") == 0 || strcmp(t->sys->name, "execveat") == 0))
		t->hide = false;
	if (profiling && !t->hide)
		profile_record(t->nr);
	t->printing = !t->hide && filter_traced(t->nr);
	if (!t->printing)
		return;
	if (t->sys->decode)
		t->sys->decode(t, &t->entry_text, true);
	else
		raw_args(t, &t->entry_text);
	output_syscall_entry(t);
	/* exit and exit_group never return: strace ends their line at once with "= ?" */
	if (strcmp(t->sys->name, "exit_group") == 0 || strcmp(t->sys->name, "exit") == 0) {
		if (explain_syscall) {
			t->rval = 0;
			t->error = false;
			explain_syscall(t);
		}
		syscall_abandoned(t);
	}
}

static void syscall_exit(struct tcb *t, const struct __ptrace_syscall_info *info)
{
	if (!t->in_syscall)
		return; /* the exit of a call that was in progress when we attached */
	t->in_syscall = false;
	t->rval = info->exit.rval;
	t->error = info->exit.is_error;
	t->err = t->error ? (int)-info->exit.rval : 0;
	if (explain_syscall && !t->hide)
		explain_syscall(t); /* the fd model follows every call, printed or not */
	if (!t->printing)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t->t_exit);
	if (t->sys->decode)
		t->sys->decode(t, &t->exit_text, false);
	output_syscall_exit(t, false);
	if (opt.cflag && summary_record) {
		struct timespec d = { t->t_exit.tv_sec - t->t_entry.tv_sec, t->t_exit.tv_nsec - t->t_entry.tv_nsec };
		if (d.tv_nsec < 0) {
			d.tv_sec--;
			d.tv_nsec += 1000000000L;
		}
		summary_record(t->sys, t->nr, &d, t->error);
	}
}

/* A task that will never return from its syscall (exit, or replaced by another thread's execve). */
static void syscall_abandoned(struct tcb *t)
{
	if (t->in_syscall && t->printing)
		output_syscall_exit(t, true);
	t->in_syscall = false;
}

static void on_syscall_stop(struct tcb *t)
{
	struct __ptrace_syscall_info info;
	memset(&info, 0, sizeof info);
	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->pid, (void *)sizeof info, &info) < 0)
		return;
	switch (info.op) {
	case PTRACE_SYSCALL_INFO_ENTRY:
	case PTRACE_SYSCALL_INFO_SECCOMP:
		if (t->in_syscall) /* an entry without an exit: the previous call never returned */
			syscall_abandoned(t);
		syscall_entry(t, &info);
		break;
	case PTRACE_SYSCALL_INFO_EXIT:
		syscall_exit(t, &info);
		break;
	}
}

/* After execve by a non-leader thread, the kernel gives the leader's pid to the thread that called it. */
static struct tcb *on_exec(struct tcb *t)
{
	unsigned long former = 0;
	if (ptrace(PTRACE_GETEVENTMSG, t->pid, 0L, &former) < 0 || (pid_t)former == t->pid)
		return t;
	struct tcb *execer = tcb_find((pid_t)former);
	if (!execer)
		return t;
	/* The leader's own pending syscall never returns: show it as strace does, then let the execing
	 * thread's state continue under the leader's pid. */
	syscall_abandoned(t);
	char note[96];
	snprintf(note, sizeof note, "+++ superseded by execve in pid %lu +++", former);
	output_note(t, note);
	struct tcb *next = t->next;
	struct sb e = t->entry_text, x = t->exit_text, n = t->note;
	pid_t pid = t->pid;
	*t = *execer;
	t->pid = pid;
	t->tgid = pid;
	t->next = next;
	sb_free(&e);
	sb_free(&x);
	sb_free(&n);
	execer->entry_text = (struct sb){ 0 };
	execer->exit_text = (struct sb){ 0 };
	execer->note = (struct sb){ 0 };
	if (explain_task_gone)
		explain_task_gone((pid_t)former);
	tcb_drop(execer);
	return t;
}

/* The flags of the clone/clone3 in progress: whether the new task is a thread and shares the fd table. */
static uint64_t clone_flags(struct tcb *t)
{
	if (!t->sys)
		return 0;
	if (strcmp(t->sys->name, "clone") == 0)
		return t->args[0];
	uint64_t flags = 0;
	if (strcmp(t->sys->name, "clone3") == 0 && mem_read(t, t->args[0], &flags, sizeof flags) == 0)
		return flags;
	return 0;
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* Returns false when the task must stay stopped (group-stop). */
static bool on_event(struct tcb *t, int status)
{
	int event = (unsigned)status >> 16;
	int sig = WSTOPSIG(status);
	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE: {
		unsigned long child = 0;
		if (ptrace(PTRACE_GETEVENTMSG, t->pid, 0L, &child) < 0)
			break;
		uint64_t flags = clone_flags(t);
		struct tcb *c = tcb_find((pid_t)child);
		if (!c)
			c = tcb_new((pid_t)child);
		c->tgid = (flags & CLONE_THREAD) ? t->tgid : (pid_t)child;
		c->hide = t->hide;
		if (explain_new_task)
			explain_new_task(t->pid, (pid_t)child, event == PTRACE_EVENT_CLONE && (flags & CLONE_FILES));
		break;
	}
	case PTRACE_EVENT_SECCOMP:
		on_syscall_stop(t); /* the pre-filter's stop is this syscall's entry */
		break;
	case PTRACE_EVENT_EXEC:
		t = on_exec(t);
		if (explain_exec)
			explain_exec(t->pid);
		break;
	case PTRACE_EVENT_STOP:
		if (is_stop_signal(sig) && t->seen_entry_stop && !t->hide) {
			/* A real group-stop: report it and stay stopped until SIGCONT, as job control expects. */
			output_stopped(t, sig);
			mem_forget();
			ptrace(PTRACE_LISTEN, t->pid, 0L, 0L);
			return false;
		}
		/* The first stop of a task we just seized or that was just born: start tracing it. */
		t->seen_entry_stop = true;
		break;
	}
	return true;
}

static void on_signal(struct tcb *t, int sig)
{
	siginfo_t si;
	bool have = ptrace(PTRACE_GETSIGINFO, t->pid, 0L, &si) == 0;
	if (have && !t->hide && filter_signal_shown(sig))
		output_signal(t, &si);
	resume(t, sig);
}

static void on_death(struct tcb *t, int status)
{
	syscall_abandoned(t);
	if (!t->hide)
		output_exit(t, status);
	if (t->pid == main_pid)
		main_status = status;
	if (explain_task_gone)
		explain_task_gone(t->pid);
	tcb_drop(t);
}

static void on_interrupt(int sig)
{
	interrupted = sig;
}

static void install_interrupt_handlers(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_interrupt; /* no SA_RESTART: waitpid must return so the loop sees the flag */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
}

/* Attached programs keep running without us: stop each task, then let go of it. */
static void detach_all(void)
{
	output_end(); /* everything written, and no batch timer left to cut the waits below short */
	while (tcbs) {
		struct tcb *t = tcbs;
		int status, sig = 0;
		if (ptrace(PTRACE_INTERRUPT, t->pid, 0L, 0L) == 0) {
			for (;;) {
				pid_t p = waitpid(t->pid, &status, __WALL);
				if (p < 0 || WIFEXITED(status) || WIFSIGNALED(status))
					break;
				int s = WSTOPSIG(status);
				int event = (unsigned)status >> 16;
				if (event == PTRACE_EVENT_STOP || s == (SIGTRAP | 0x80) || event) {
					break;
				}
				sig = s; /* a signal on its way in: hand it over at detach */
				break;
			}
			mem_forget();
			ptrace(PTRACE_DETACH, t->pid, 0L, (long)sig);
		}
		output_detached(t);
		if (!opt.json && opt.cflag != 1)
			fprintf(stderr, "tracer: Process %d detached\n", t->pid);
		t->in_syscall = false;
		tcb_drop(t);
	}
}

int session_run(void)
{
	install_interrupt_handlers();
	int forwarded = 0;
	while (tcbs) {
		if (interrupted) {
			if (!started) {
				detach_all();
				break;
			}
			/* A program we started gets the signal we got (once), then SIGKILL if asked again. */
			int sig = interrupted;
			interrupted = 0;
			kill(main_pid, forwarded++ ? SIGKILL : sig);
		}
		int status;
		pid_t pid;
		if (output_batched()) {
			/* A file: output.c's timer, not a pause of the tracees, says when its lines go out. */
			output_tick();
			pid = waitpid(-1, &status, __WALL);
		} else {
			/* Output is flushed when the tracees give us a pause: one write for many lines under
			 * load, yet a blocked accept4( shows at once. */
			pid = output_pending() ? waitpid(-1, &status, __WALL | WNOHANG) : 0;
			if (pid == 0) {
				output_flush();
				pid = waitpid(-1, &status, __WALL);
			}
		}
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break; /* ECHILD: nobody left */
		}
		mem_stopped(pid); /* what was read at the last stop is not what this one shows */
		struct tcb *t = tcb_find(pid);
		if (!t) {
			/* A new task that stopped before its parent's fork event reached us. */
			t = tcb_new(pid);
		}
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			on_death(t, status);
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		int sig = WSTOPSIG(status);
		if (sig == (SIGTRAP | 0x80)) {
			on_syscall_stop(t);
			resume(t, 0);
		} else if ((unsigned)status >> 16) {
			struct tcb *still = on_event(t, status) ? tcb_find(pid) : NULL;
			if (still)
				resume(still, 0);
		} else {
			on_signal(t, sig);
		}
	}
	output_end();
	if (!started || main_status < 0)
		return 0;
	if (WIFSIGNALED(main_status))
		return 128 + WTERMSIG(main_status);
	return WEXITSTATUS(main_status);
}
