/* syscalls.c -- the syscall table: for each syscall its raw-argument count and its trace classes, joined
 * by name with the decoders that the decode_*.c families export. Numbers come from libseccomp, so the
 * table holds names, never numbers. */
#define _GNU_SOURCE
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tracer.h"

#define TD TRACE_DESC
#define TF TRACE_FILE
#define TN TRACE_NETWORK
#define TP TRACE_PROCESS
#define TS TRACE_SIGNAL
#define TM TRACE_MEMORY
#define TI TRACE_IPC
#define TC TRACE_CREDS
#define TCL TRACE_CLOCK
#define TST TRACE_STAT

/* Decoder families that are not linked in (a partial build) simply decode nothing. */
#define WEAK_FAMILY(name) extern const struct decoder_entry name[] __attribute__((weak))
WEAK_FAMILY(net_decoders);
WEAK_FAMILY(io_decoders);
WEAK_FAMILY(poll_decoders);
WEAK_FAMILY(process_decoders);
WEAK_FAMILY(signal_decoders);
WEAK_FAMILY(memory_decoders);
WEAK_FAMILY(file_decoders);
WEAK_FAMILY(seccomp_decoders);

/* The kernel's way of resuming a call that a signal or a ptrace stop interrupted: it has no arguments
 * of its own, so strace says which call it continues. */
static void dec_restart_syscall(struct tcb *t, struct sb *o, bool entering)
{
	(void)t;
	if (entering)
		sb_puts(o, "<... resumed interrupted call ...>");
}

/* name, raw argument count, classes (strace's classes for the same syscall) */
static struct sysent table[] = {
	{ "read", 3, TD, 0, 0 }, { "write", 3, TD, 0, 0 }, { "open", 3, TD | TF, 0, 0 },
	{ "close", 1, TD, 0, 0 }, { "stat", 2, TF | TST, 0, 0 }, { "fstat", 2, TD, 0, 0 },
	{ "lstat", 2, TF, 0, 0 }, { "poll", 3, TD, 0, 0 }, { "lseek", 3, TD, 0, 0 },
	{ "mmap", 6, TD | TM, 0, 0 }, { "mprotect", 3, TM, 0, 0 }, { "munmap", 2, TM, 0, 0 },
	{ "brk", 1, TM, 0, 0 }, { "rt_sigaction", 4, TS, 0, 0 }, { "rt_sigprocmask", 4, TS, 0, 0 },
	{ "rt_sigreturn", 0, TS, 0, 0 }, { "ioctl", 3, TD, 0, 0 }, { "pread64", 4, TD, 0, 0 },
	{ "pwrite64", 4, TD, 0, 0 }, { "readv", 3, TD, 0, 0 }, { "writev", 3, TD, 0, 0 },
	{ "access", 2, TF, 0, 0 }, { "pipe", 1, TD, 0, 0 }, { "select", 5, TD, 0, 0 },
	{ "sched_yield", 0, 0, 0, 0 }, { "mremap", 5, TM, 0, 0 }, { "msync", 3, TM, 0, 0 },
	{ "mincore", 3, TM, 0, 0 }, { "madvise", 3, TM, 0, 0 }, { "shmget", 3, TI, 0, 0 },
	{ "shmat", 3, TI | TM, 0, 0 }, { "shmctl", 3, TI, 0, 0 }, { "dup", 1, TD, 0, 0 },
	{ "dup2", 2, TD, 0, 0 }, { "pause", 0, TS, 0, 0 }, { "nanosleep", 2, 0, 0, 0 },
	{ "getitimer", 2, 0, 0, 0 }, { "alarm", 1, 0, 0, 0 }, { "setitimer", 3, 0, 0, 0 },
	{ "getpid", 0, 0, 0, 0 }, { "sendfile", 4, TD | TN, 0, 0 }, { "socket", 3, TN, 0, 0 },
	{ "connect", 3, TN, 0, 0 }, { "accept", 3, TN, 0, 0 }, { "sendto", 6, TN, 0, 0 },
	{ "recvfrom", 6, TN, 0, 0 }, { "sendmsg", 3, TN, 0, 0 }, { "recvmsg", 3, TN, 0, 0 },
	{ "shutdown", 2, TN, 0, 0 }, { "bind", 3, TN, 0, 0 }, { "listen", 2, TN, 0, 0 },
	{ "getsockname", 3, TN, 0, 0 }, { "getpeername", 3, TN, 0, 0 }, { "socketpair", 4, TN, 0, 0 },
	{ "setsockopt", 5, TN, 0, 0 }, { "getsockopt", 5, TN, 0, 0 }, { "clone", 5, TP, 0, 0 },
	{ "fork", 0, TP, 0, 0 }, { "vfork", 0, TP, 0, 0 }, { "execve", 3, TF | TP, 0, 0 },
	{ "exit", 1, TP, 0, 0 }, { "wait4", 4, TP, 0, 0 }, { "kill", 2, TS | TP, 0, 0 },
	{ "uname", 1, 0, 0, 0 }, { "semget", 3, TI, 0, 0 }, { "semop", 3, TI, 0, 0 },
	{ "semctl", 4, TI, 0, 0 }, { "shmdt", 1, TI | TM, 0, 0 }, { "msgget", 2, TI, 0, 0 },
	{ "msgsnd", 4, TI, 0, 0 }, { "msgrcv", 5, TI, 0, 0 }, { "msgctl", 3, TI, 0, 0 },
	{ "fcntl", 3, TD, 0, 0 }, { "flock", 2, TD, 0, 0 }, { "fsync", 1, TD, 0, 0 },
	{ "fdatasync", 1, TD, 0, 0 }, { "truncate", 2, TF, 0, 0 }, { "ftruncate", 2, TD, 0, 0 },
	{ "getdents", 3, TD, 0, 0 }, { "getcwd", 2, TF, 0, 0 }, { "chdir", 1, TF, 0, 0 },
	{ "fchdir", 1, TD, 0, 0 }, { "rename", 2, TF, 0, 0 }, { "mkdir", 2, TF, 0, 0 },
	{ "rmdir", 1, TF, 0, 0 }, { "creat", 2, TD | TF, 0, 0 }, { "link", 2, TF, 0, 0 },
	{ "unlink", 1, TF, 0, 0 }, { "symlink", 2, TF, 0, 0 }, { "readlink", 3, TF, 0, 0 },
	{ "chmod", 2, TF, 0, 0 }, { "fchmod", 2, TD, 0, 0 }, { "chown", 3, TF, 0, 0 },
	{ "fchown", 3, TD, 0, 0 }, { "lchown", 3, TF, 0, 0 }, { "umask", 1, 0, 0, 0 },
	{ "gettimeofday", 2, TCL, 0, 0 }, { "getrlimit", 2, 0, 0, 0 }, { "getrusage", 2, 0, 0, 0 },
	{ "sysinfo", 1, 0, 0, 0 }, { "times", 1, 0, 0, 0 }, { "ptrace", 4, 0, 0, 0 },
	{ "getuid", 0, TC, 0, 0 }, { "syslog", 3, 0, 0, 0 }, { "getgid", 0, TC, 0, 0 },
	{ "setuid", 1, TC, 0, 0 }, { "setgid", 1, TC, 0, 0 }, { "geteuid", 0, TC, 0, 0 },
	{ "getegid", 0, TC, 0, 0 }, { "setpgid", 2, 0, 0, 0 }, { "getppid", 0, 0, 0, 0 },
	{ "getpgrp", 0, 0, 0, 0 }, { "setsid", 0, 0, 0, 0 }, { "setreuid", 2, TC, 0, 0 },
	{ "setregid", 2, TC, 0, 0 }, { "getgroups", 2, TC, 0, 0 }, { "setgroups", 2, TC, 0, 0 },
	{ "setresuid", 3, TC, 0, 0 }, { "getresuid", 3, TC, 0, 0 }, { "setresgid", 3, TC, 0, 0 },
	{ "getresgid", 3, TC, 0, 0 }, { "getpgid", 1, 0, 0, 0 }, { "setfsuid", 1, TC, 0, 0 },
	{ "setfsgid", 1, TC, 0, 0 }, { "getsid", 1, 0, 0, 0 }, { "capget", 2, TC, 0, 0 },
	{ "capset", 2, TC, 0, 0 }, { "rt_sigpending", 2, TS, 0, 0 }, { "rt_sigtimedwait", 4, TS, 0, 0 },
	{ "rt_sigqueueinfo", 3, TS | TP, 0, 0 }, { "rt_sigsuspend", 2, TS, 0, 0 },
	{ "sigaltstack", 2, TS, 0, 0 }, { "utime", 2, TF, 0, 0 }, { "mknod", 3, TF, 0, 0 },
	{ "personality", 1, 0, 0, 0 }, { "ustat", 2, 0, 0, 0 }, { "statfs", 2, TF, 0, 0 },
	{ "fstatfs", 2, TD, 0, 0 }, { "getpriority", 2, 0, 0, 0 }, { "setpriority", 3, 0, 0, 0 },
	{ "sched_setparam", 2, 0, 0, 0 }, { "sched_getparam", 2, 0, 0, 0 },
	{ "sched_setscheduler", 3, 0, 0, 0 }, { "sched_getscheduler", 1, 0, 0, 0 },
	{ "sched_get_priority_max", 1, 0, 0, 0 }, { "sched_get_priority_min", 1, 0, 0, 0 },
	{ "sched_rr_get_interval", 2, 0, 0, 0 }, { "mlock", 2, TM, 0, 0 }, { "munlock", 2, TM, 0, 0 },
	{ "mlockall", 1, TM, 0, 0 }, { "munlockall", 0, TM, 0, 0 }, { "vhangup", 0, 0, 0, 0 },
	{ "pivot_root", 2, TF, 0, 0 }, { "prctl", 5, 0, 0, 0 }, { "arch_prctl", 2, 0, 0, 0 },
	{ "adjtimex", 1, TCL, 0, 0 }, { "setrlimit", 2, 0, 0, 0 }, { "chroot", 1, TF, 0, 0 },
	{ "sync", 0, 0, 0, 0 }, { "acct", 1, TF, 0, 0 }, { "settimeofday", 2, TCL, 0, 0 },
	{ "mount", 5, TF, 0, 0 }, { "umount2", 2, TF, 0, 0 }, { "swapon", 2, TF, 0, 0 },
	{ "swapoff", 1, TF, 0, 0 }, { "reboot", 4, 0, 0, 0 }, { "sethostname", 2, 0, 0, 0 },
	{ "setdomainname", 2, 0, 0, 0 }, { "gettid", 0, 0, 0, 0 }, { "readahead", 3, TD, 0, 0 },
	{ "setxattr", 5, TF, 0, 0 }, { "lsetxattr", 5, TF, 0, 0 }, { "fsetxattr", 5, TD, 0, 0 },
	{ "getxattr", 4, TF, 0, 0 }, { "lgetxattr", 4, TF, 0, 0 }, { "fgetxattr", 4, TD, 0, 0 },
	{ "listxattr", 3, TF, 0, 0 }, { "llistxattr", 3, TF, 0, 0 }, { "flistxattr", 3, TD, 0, 0 },
	{ "removexattr", 2, TF, 0, 0 }, { "lremovexattr", 2, TF, 0, 0 }, { "fremovexattr", 2, TD, 0, 0 },
	{ "tkill", 2, TS | TP, 0, 0 }, { "time", 1, TCL, 0, 0 }, { "futex", 6, 0, 0, 0 },
	{ "sched_setaffinity", 3, 0, 0, 0 }, { "sched_getaffinity", 3, 0, 0, 0 },
	{ "io_setup", 2, TM, 0, 0 }, { "io_destroy", 1, TM, 0, 0 }, { "io_getevents", 5, 0, 0, 0 },
	{ "io_submit", 3, 0, 0, 0 }, { "io_cancel", 3, 0, 0, 0 }, { "epoll_create", 1, TD, 0, 0 },
	{ "getdents64", 3, TD, 0, 0 }, { "set_tid_address", 1, 0, 0, 0 }, { "restart_syscall", 0, 0, dec_restart_syscall, 0 },
	{ "semtimedop", 4, TI, 0, 0 }, { "fadvise64", 4, TD, 0, 0 }, { "timer_create", 3, 0, 0, 0 },
	{ "timer_settime", 4, 0, 0, 0 }, { "timer_gettime", 2, 0, 0, 0 }, { "timer_getoverrun", 1, 0, 0, 0 },
	{ "timer_delete", 1, 0, 0, 0 }, { "clock_settime", 2, TCL, 0, 0 }, { "clock_gettime", 2, TCL, 0, 0 },
	{ "clock_getres", 2, TCL, 0, 0 }, { "clock_nanosleep", 4, 0, 0, 0 }, { "exit_group", 1, TP, 0, 0 },
	{ "epoll_wait", 4, TD, 0, 0 }, { "epoll_ctl", 4, TD, 0, 0 }, { "tgkill", 3, TS | TP, 0, 0 },
	{ "utimes", 2, TF, 0, 0 }, { "mbind", 6, TM, 0, 0 }, { "set_mempolicy", 3, TM, 0, 0 },
	{ "get_mempolicy", 5, TM, 0, 0 }, { "mq_open", 4, TD, 0, 0 }, { "mq_unlink", 1, 0, 0, 0 },
	{ "mq_timedsend", 5, TD, 0, 0 }, { "mq_timedreceive", 5, TD, 0, 0 }, { "mq_notify", 2, TD, 0, 0 },
	{ "mq_getsetattr", 3, TD, 0, 0 }, { "kexec_load", 4, 0, 0, 0 }, { "waitid", 5, TP, 0, 0 },
	{ "add_key", 5, 0, 0, 0 }, { "request_key", 4, 0, 0, 0 }, { "keyctl", 5, 0, 0, 0 },
	{ "ioprio_set", 3, 0, 0, 0 }, { "ioprio_get", 2, 0, 0, 0 }, { "inotify_init", 0, TD, 0, 0 },
	{ "inotify_add_watch", 3, TD | TF, 0, 0 }, { "inotify_rm_watch", 2, TD, 0, 0 },
	{ "migrate_pages", 4, TM, 0, 0 }, { "openat", 4, TD | TF, 0, 0 }, { "mkdirat", 3, TD | TF, 0, 0 },
	{ "mknodat", 4, TD | TF, 0, 0 }, { "fchownat", 5, TD | TF, 0, 0 }, { "futimesat", 3, TD | TF, 0, 0 },
	{ "newfstatat", 4, TD | TF, 0, 0 }, { "unlinkat", 3, TD | TF, 0, 0 },
	{ "renameat", 4, TD | TF, 0, 0 }, { "linkat", 5, TD | TF, 0, 0 }, { "symlinkat", 3, TD | TF, 0, 0 },
	{ "readlinkat", 4, TD | TF, 0, 0 }, { "fchmodat", 3, TD | TF, 0, 0 }, { "faccessat", 3, TD | TF, 0, 0 },
	{ "pselect6", 6, TD, 0, 0 }, { "ppoll", 5, TD, 0, 0 }, { "unshare", 1, 0, 0, 0 },
	{ "set_robust_list", 2, 0, 0, 0 }, { "get_robust_list", 3, 0, 0, 0 }, { "splice", 6, TD, 0, 0 },
	{ "tee", 4, TD, 0, 0 }, { "sync_file_range", 4, TD, 0, 0 }, { "vmsplice", 4, TD, 0, 0 },
	{ "move_pages", 6, TM, 0, 0 }, { "utimensat", 4, TD | TF, 0, 0 }, { "epoll_pwait", 6, TD, 0, 0 },
	{ "signalfd", 3, TD | TS, 0, 0 }, { "timerfd_create", 2, TD, 0, 0 }, { "eventfd", 1, TD, 0, 0 },
	{ "fallocate", 4, TD, 0, 0 }, { "timerfd_settime", 4, TD, 0, 0 }, { "timerfd_gettime", 2, TD, 0, 0 },
	{ "accept4", 4, TN, 0, 0 }, { "signalfd4", 4, TD | TS, 0, 0 }, { "eventfd2", 2, TD, 0, 0 },
	{ "epoll_create1", 1, TD, 0, 0 }, { "dup3", 3, TD, 0, 0 }, { "pipe2", 2, TD, 0, 0 },
	{ "inotify_init1", 1, TD, 0, 0 }, { "preadv", 5, TD, 0, 0 }, { "pwritev", 5, TD, 0, 0 },
	{ "rt_tgsigqueueinfo", 4, TP | TS, 0, 0 }, { "perf_event_open", 5, TD, 0, 0 },
	{ "recvmmsg", 5, TN, 0, 0 }, { "fanotify_init", 2, TD, 0, 0 }, { "fanotify_mark", 5, TD | TF, 0, 0 },
	{ "prlimit64", 4, 0, 0, 0 }, { "name_to_handle_at", 5, TD | TF, 0, 0 },
	{ "open_by_handle_at", 3, TD, 0, 0 }, { "clock_adjtime", 2, TCL, 0, 0 }, { "syncfs", 1, TD, 0, 0 },
	{ "sendmmsg", 4, TN, 0, 0 }, { "setns", 2, TD, 0, 0 }, { "getcpu", 3, 0, 0, 0 },
	{ "process_vm_readv", 6, 0, 0, 0 }, { "process_vm_writev", 6, 0, 0, 0 }, { "kcmp", 5, 0, 0, 0 },
	{ "finit_module", 3, TD, 0, 0 }, { "sched_setattr", 3, 0, 0, 0 }, { "sched_getattr", 4, 0, 0, 0 },
	{ "renameat2", 5, TD | TF, 0, 0 }, { "seccomp", 3, 0, 0, 0 }, { "getrandom", 3, 0, 0, 0 },
	{ "memfd_create", 2, TD, 0, 0 }, { "kexec_file_load", 5, TD, 0, 0 }, { "bpf", 3, TD, 0, 0 },
	{ "execveat", 5, TD | TF | TP, 0, 0 }, { "userfaultfd", 1, TD, 0, 0 }, { "membarrier", 3, 0, 0, 0 },
	{ "mlock2", 3, TM, 0, 0 }, { "copy_file_range", 6, TD, 0, 0 }, { "preadv2", 6, TD, 0, 0 },
	{ "pwritev2", 6, TD, 0, 0 }, { "pkey_mprotect", 4, TM, 0, 0 }, { "pkey_alloc", 2, 0, 0, 0 },
	{ "pkey_free", 1, 0, 0, 0 }, { "statx", 5, TD | TF, 0, 0 }, { "io_pgetevents", 6, 0, 0, 0 },
	{ "rseq", 4, 0, 0, 0 }, { "pidfd_send_signal", 4, TD | TS | TP, 0, 0 },
	{ "io_uring_setup", 2, TD, 0, 0 }, { "io_uring_enter", 6, TD | TS, 0, 0 },
	{ "io_uring_register", 4, TD | TM, 0, 0 }, { "open_tree", 3, TD | TF, 0, 0 },
	{ "move_mount", 5, TD | TF, 0, 0 }, { "fsopen", 2, TD, 0, 0 }, { "fsconfig", 5, TD | TF, 0, 0 },
	{ "fsmount", 3, TD, 0, 0 }, { "fspick", 3, TD | TF, 0, 0 }, { "pidfd_open", 2, TD, 0, 0 },
	{ "clone3", 2, TP, 0, 0 }, { "close_range", 3, 0, 0, 0 }, { "openat2", 4, TD | TF, 0, 0 },
	{ "pidfd_getfd", 3, TD, 0, 0 }, { "faccessat2", 4, TD | TF, 0, 0 },
	{ "process_madvise", 5, TD, 0, 0 }, { "epoll_pwait2", 6, TD, 0, 0 },
	{ "mount_setattr", 5, TD | TF, 0, 0 }, { "quotactl_fd", 4, TD, 0, 0 },
	{ "landlock_create_ruleset", 3, TD, 0, 0 }, { "landlock_add_rule", 4, TD, 0, 0 },
	{ "landlock_restrict_self", 2, TD, 0, 0 }, { "memfd_secret", 1, TD, 0, 0 },
	{ "process_mrelease", 2, TD, 0, 0 }, { "futex_waitv", 5, 0, 0, 0 },
	{ "set_mempolicy_home_node", 4, TM, 0, 0 }, { "cachestat", 4, TD, 0, 0 },
	{ "fchmodat2", 4, TD | TF, 0, 0 }, { "map_shadow_stack", 3, TM, 0, 0 },
	{ "futex_wake", 4, 0, 0, 0 }, { "futex_wait", 6, 0, 0, 0 }, { "futex_requeue", 4, 0, 0, 0 },
	{ "statmount", 4, 0, 0, 0 }, { "listmount", 4, 0, 0, 0 }, { "lsm_get_self_attr", 4, 0, 0, 0 },
	{ "lsm_set_self_attr", 4, 0, 0, 0 }, { "lsm_list_modules", 3, 0, 0, 0 }, { "mseal", 3, TM, 0, 0 },
	{ "modify_ldt", 3, 0, 0, 0 }, { "iopl", 1, 0, 0, 0 }, { "ioperm", 3, 0, 0, 0 },
	{ "init_module", 3, 0, 0, 0 }, { "delete_module", 2, 0, 0, 0 }, { "quotactl", 4, TF, 0, 0 },
	{ "lookup_dcookie", 3, 0, 0, 0 }, { "remap_file_pages", 5, TM, 0, 0 }, { "vserver", 5, 0, 0, 0 },
	{ "epoll_ctl_old", 4, TD, 0, 0 }, { "epoll_wait_old", 4, TD, 0, 0 }, { "uselib", 1, TF, 0, 0 },
	{ "sysfs", 3, 0, 0, 0 }, { "_sysctl", 1, 0, 0, 0 }, { "create_module", 2, 0, 0, 0 },
	{ "get_kernel_syms", 1, 0, 0, 0 }, { "query_module", 5, 0, 0, 0 }, { "nfsservctl", 3, 0, 0, 0 },
	{ "getpmsg", 5, TN, 0, 0 }, { "putpmsg", 5, TN, 0, 0 }, { "afs_syscall", 5, 0, 0, 0 },
	{ "tuxcall", 3, 0, 0, 0 }, { "security", 3, 0, 0, 0 }, { "set_thread_area", 1, 0, 0, 0 },
	{ "get_thread_area", 1, 0, 0, 0 },
};
enum { TABLE_LEN = sizeof table / sizeof table[0] };

/* Index by native number, built once at start-up. Numbers past the end, or with no name we know, get
 * an entry made on the fly named as libseccomp names it, or "syscall_NNN" as strace does. */
enum { MAX_NR = 1024 };
static const struct sysent *by_nr[MAX_NR];

static void attach_decoders(const struct decoder_entry *family)
{
	if (!family)
		return;
	for (; family->name; family++) {
		struct sysent *s = (struct sysent *)sysent_by_name(family->name);
		if (s)
			s->decode = family->decode;
		else
			fprintf(stderr, "tracer: internal: decoder for unknown syscall %s\n", family->name);
	}
}

void syscalls_init(void)
{
	for (size_t i = 0; i < TABLE_LEN; i++) {
		table[i].nr = seccomp_syscall_resolve_name(table[i].name);
		if (table[i].nr >= 0 && table[i].nr < MAX_NR)
			by_nr[table[i].nr] = &table[i];
	}
	attach_decoders(net_decoders);
	attach_decoders(io_decoders);
	attach_decoders(poll_decoders);
	attach_decoders(process_decoders);
	attach_decoders(signal_decoders);
	attach_decoders(memory_decoders);
	attach_decoders(file_decoders);
	attach_decoders(seccomp_decoders);
}

const struct sysent *sysent_by_name(const char *name)
{
	for (size_t i = 0; i < TABLE_LEN; i++)
		if (strcmp(table[i].name, name) == 0)
			return &table[i];
	return NULL;
}

const struct sysent *sysent_by_nr(int nr)
{
	if (nr >= 0 && nr < MAX_NR && by_nr[nr])
		return by_nr[nr];
	/* Not in our table: libseccomp may still know its name. Kept for the rest of the run. */
	static struct sysent out_of_range;
	if (nr < 0 || nr >= MAX_NR) {
		static char name[32];
		snprintf(name, sizeof name, "syscall_%#x", (unsigned)nr);
		out_of_range = (struct sysent){ .name = name, .nargs = 6, .nr = nr };
		return &out_of_range;
	}
	struct sysent *s = calloc(1, sizeof *s);
	if (!s)
		abort();
	char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
	if (!name && asprintf(&name, "syscall_%#x", (unsigned)nr) < 0)
		abort();
	s->name = name;
	s->nargs = 6;
	s->nr = nr;
	if (nr >= 0 && nr < MAX_NR)
		by_nr[nr] = s;
	return s;
}

/* Another ABI of this kernel (i386, x32): named by libseccomp for that ABI, printed with raw arguments,
 * since our decoders know only the native structures. One cache per ABI, filled as calls appear. */
const struct sysent *sysent_compat(uint32_t arch, int nr)
{
	enum { ABIS = 2, NRS = 1024 };
	static uint32_t arches[ABIS];
	static struct sysent *cache[ABIS][NRS];
	int lookup = nr & ~0x40000000; /* x32 marks its numbers with bit 30 */
	if (lookup < 0 || lookup >= NRS)
		return sysent_by_nr(-1);
	int slot = 0;
	while (slot < ABIS && arches[slot] && arches[slot] != arch)
		slot++;
	if (slot == ABIS)
		slot = 0; /* more ABIs than expected: share the first slot */
	if (arches[slot] != arch) {
		arches[slot] = arch;
		memset(cache[slot], 0, sizeof cache[slot]);
	}
	if (!cache[slot][lookup]) {
		struct sysent *s = calloc(1, sizeof *s);
		if (!s)
			abort();
		char *name = seccomp_syscall_resolve_num_arch(arch, nr);
		if (!name && asprintf(&name, "syscall_%#x", (unsigned)nr) < 0)
			abort();
		s->name = name;
		s->nargs = 6;
		s->nr = nr;
		cache[slot][lookup] = s;
	}
	return cache[slot][lookup];
}

const struct sysent *sysent_table(size_t *count)
{
	*count = TABLE_LEN;
	return table;
}
