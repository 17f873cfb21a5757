/* tracer.h -- what every part of the tracer shares: a traced task, its current syscall, the options,
 * and the printers that decoders use to write strace's argument syntax. */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

/* ---- text buffer: a decoder writes into one, output.c decides when it reaches the terminal ---- */
struct sb {
	char *s;
	size_t len, cap;
};
void sb_putc(struct sb *b, char c);
void sb_puts(struct sb *b, const char *s);
void sb_write(struct sb *b, const char *s, size_t n);
void sb_printf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct sb *b, const char *fmt, va_list ap);
void sb_reset(struct sb *b);
void sb_free(struct sb *b);
const char *sb_str(struct sb *b); /* always NUL-terminated, "" when empty */

/* ---- options that decoders and printers read (set once by main.c) ---- */
struct options {
	int strsize;   /* -s N: bytes of a buffer shown before "..." (strace default 32) */
	int xflag;     /* 0, 1 (-x: non-ASCII as \x), 2 (-xx: everything as \x) */
	int yflag;     /* 0, 1 (-y: fd paths), 2 (-yy: socket endpoints) */
	bool follow;   /* -f */
	bool explain;  /* !--no-explain */
	int explain_level; /* 1 brief (default), 2 full (--explain=full adds why it matters) */
	bool color;    /* --color: dim explanations (auto: when the trace goes to a terminal) */
	bool json;     /* --json */
	int tflag;     /* 0, 1 -t, 2 -tt, 3 -ttt */
	bool rflag;    /* -r */
	bool Tflag;    /* -T */
	int cflag;     /* 0, 1 (-c: summary only), 2 (-C: trace and summary) */
};
extern struct options opt;

/* ---- syscall classes, as strace's -e trace=%name ---- */
enum {
	TRACE_FILE = 1 << 0,     /* %file: takes a file name */
	TRACE_IPC = 1 << 1,      /* %ipc */
	TRACE_NETWORK = 1 << 2,  /* %net, %network */
	TRACE_PROCESS = 1 << 3,  /* %process */
	TRACE_SIGNAL = 1 << 4,   /* %signal */
	TRACE_DESC = 1 << 5,     /* %desc: takes or returns a file descriptor */
	TRACE_MEMORY = 1 << 6,   /* %memory */
	TRACE_CREDS = 1 << 7,    /* %creds */
	TRACE_CLOCK = 1 << 8,    /* %clock */
	TRACE_STAT = 1 << 9,     /* %stat */
};

/* How the return value is printed after " = ". */
enum rval_fmt {
	RVAL_DECIMAL = 0, /* the default: signed decimal */
	RVAL_HEX,         /* 0x7f.. (mmap, brk) */
	RVAL_OCTAL,       /* 0755 (umask) */
	RVAL_UDECIMAL,
	RVAL_FD,          /* a new fd: gets a -y label like an argument */
	RVAL_NONE,        /* "= ?" (exit, exit_group, execve that did not return) */
};

struct tcb;
/* A decoder prints the arguments of one syscall, strace-style, separated by ", ", without the
 * name and parentheses. It is called twice: at entry (entering=true) it prints what is known
 * before the call (input arguments); at exit (entering=false) it prints the rest (output
 * buffers, results). Whatever it printed at entry stays printed even if another task's line
 * interrupts: that is how "<unfinished ...>" / "<... name resumed>" work. At exit it may set
 * t->rval_fmt and write a note after the return value into t->aux (e.g. "(flags O_RDWR)"). */
typedef void decoder_fn(struct tcb *t, struct sb *o, bool entering);

struct sysent {
	const char *name;
	int nargs;        /* how many raw arguments to print when there is no decoder */
	unsigned classes; /* TRACE_* */
	decoder_fn *decode;
	int nr;           /* native number, filled in from libseccomp at start-up; -1 if none */
};

/* Decoder families export tables of this shape; syscalls.c joins them to the syscall table. */
struct decoder_entry {
	const char *name;
	decoder_fn *decode;
};
extern const struct decoder_entry net_decoders[];     /* decode_net.c: sockets */
extern const struct decoder_entry io_decoders[];      /* decode_io.c: read/write, fds, fcntl, ioctl, pipes */
extern const struct decoder_entry poll_decoders[];    /* decode_poll.c: poll, select, epoll, eventfd */
extern const struct decoder_entry process_decoders[]; /* decode_process.c: exec, clone, wait, exit, kill */
extern const struct decoder_entry signal_decoders[];  /* decode_signal.c: rt_sig*, sigaltstack */
extern const struct decoder_entry memory_decoders[];  /* decode_memory.c: brk, mmap, mprotect, madvise */
extern const struct decoder_entry file_decoders[];    /* decode_file.c: open, stat, access, and the rest */
extern const struct decoder_entry seccomp_decoders[]; /* decode_seccomp.c: seccomp */
/* Each array ends with { NULL, NULL }. */

const struct sysent *sysent_by_nr(int nr); /* never NULL: unknown numbers get a "syscall_NNN" entry */
const struct sysent *sysent_by_name(const char *name);
void syscalls_init(void);
/* A syscall of another ABI (i386, x32) than the tracer's: its name for that ABI, no decoder. */
const struct sysent *sysent_compat(uint32_t arch, int nr);
/* Iterate over every known syscall (for -e trace= and suggestions); NULL-named sentinel ends it. */
const struct sysent *sysent_table(size_t *count);

/* ---- one traced task (a thread or a process) ---- */
struct tcb {
	pid_t pid;
	pid_t tgid;
	bool attached;        /* seized by us */
	bool in_syscall;      /* between syscall-entry and syscall-exit stops */
	bool hide;            /* a started program before its first execve: not printed (as strace) */
	bool printing;        /* the current syscall passed the -e trace filter */
	bool seen_entry_stop; /* stop bookkeeping for PTRACE_EVENT_STOP after seize */
	bool exec_pending;    /* an execve is in flight: its exit may be reported to a new pid */

	/* the syscall in progress */
	int nr;
	const struct sysent *sys;
	uint32_t arch;
	uint64_t args[6];
	int64_t rval;          /* raw return value at exit */
	bool error;            /* rval is -errno (-4095..-1) */
	int err;               /* errno value when error */
	enum rval_fmt rval_fmt;
	char aux[2048];         /* printed after the return value, e.g. "(flags O_RDWR)" or "(Timeout)" */
	uint64_t priv[4];      /* decoders' scratch between entry and exit (e.g. the addrlen passed in) */
	struct sb entry_text;  /* arguments printed at entry */
	struct sb exit_text;   /* arguments printed at exit */
	struct timespec t_entry, t_exit; /* CLOCK_MONOTONIC at the entry and exit stops */
	struct timespec wall_entry;      /* CLOCK_REALTIME at entry, for -t */

	/* explanation of this call, filled at exit by explain.c (empty when none) */
	struct sb note;

	struct tcb *next;
};

/* The task list (session.c). */
struct tcb *tcb_find(pid_t pid);
int tcb_count(void);

/* ---- tracee memory (memory.c) ---- */
/* Read len bytes at addr from the tracee; returns 0 when all of it was read, -1 otherwise. */
int mem_read(struct tcb *t, uint64_t addr, void *buf, size_t len);
/* Read a NUL-terminated string of at most max bytes (buf holds max+1). Returns its length,
 * or -1 when unreadable. *truncated says whether no NUL was found within max. */
ssize_t mem_read_cstr(struct tcb *t, uint64_t addr, char *buf, size_t max, bool *truncated);
/* Reads may be served from what was read earlier at the same stop: session.c says which task has just
 * stopped (mem_stopped), and that none is stopped any more when it resumes or lets go of one (mem_forget). */
void mem_stopped(pid_t pid);
void mem_forget(void);

/* ---- printers: strace's syntax for common argument kinds (printers.c) ---- */
void print_addr(struct sb *o, uint64_t addr);            /* NULL or 0x7ffd1234 */
void print_fd(struct sb *o, struct tcb *t, int64_t fd);  /* 3, AT_FDCWD, with -y 3</path> / 3<TCP:[..]> */
/* A data buffer of len bytes: "GET / HTTP/1.1\r\n"..., honouring -s and -x; an unreadable buffer
 * prints as its address. */
void print_buf(struct sb *o, struct tcb *t, uint64_t addr, uint64_t len);
void print_cstr(struct sb *o, struct tcb *t, uint64_t addr);   /* a path or name: "..." not cut by -s */
void print_quoted(struct sb *o, const unsigned char *s, size_t n, bool ellipsis, bool stop_at_nul);
void print_int_ref(struct sb *o, struct tcb *t, uint64_t addr); /* [5], or the address if unreadable */

/* ---- constant names (xlat.c) ---- */
struct xlat {
	uint64_t val;
	const char *name;
};
#define XLAT(x) { (uint64_t)(x), #x }
#define XLAT_PAIR(v, s) { (uint64_t)(v), s }
#define XLAT_END { 0, NULL }
const char *xlat_name(const struct xlat *x, uint64_t val); /* NULL when unknown */
/* A value that is one of a set: NAME, or "val /\* dflt *\/" (strace's "0x1f /\* SOCK_??? *\/"). */
void print_xval(struct sb *o, const struct xlat *x, uint64_t val, const char *dflt);
/* Same, but the unknown value is printed in decimal. */
void print_xval_d(struct sb *o, const struct xlat *x, uint64_t val, const char *dflt);
/* A bit set: A|B|0x40, or "0" when empty (the table may contain a 0-valued name, printed only for 0). */
void print_flags(struct sb *o, const struct xlat *x, uint64_t flags, const char *dflt);

/* ---- errno names (xlat.c) ---- */
const char *errno_name(int err); /* "EAGAIN", "ERESTARTSYS", or NULL */
const char *errno_text(int err); /* "Resource temporarily unavailable", kernel-internal ones as strace words them */
const char *signal_name(int sig); /* "SIGINT", "SIGRTMIN", "SIGRT_3"... */

/* ---- fds (fds.c): labels for -y/-yy, and the model explain.c uses ---- */
/* Write the label strace prints inside <...> for fd of pid into buf: "/etc/passwd",
 * "socket:[1234]", with -yy "TCP:[127.0.0.1:8080->127.0.0.1:5123]". Returns false if none. */
bool fd_label(pid_t pid, int fd, int level, char *buf, size_t len);

/* What fd of pid is, as far as the fd model (fdmodel.c) can vouch for without asking the kernel: its
 * socket family (AF_INET, AF_NETLINK...) for a socket, 0 for an fd that is no socket, -1 when it cannot
 * say (an fd it has not met yet, or a trace that may miss calls that change fds: see fm_trust). A decoder
 * that would otherwise look in /proc on every call asks this first. */
int fd_family(pid_t pid, int fd);

/* A struct sockaddr as strace prints it: {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("0.0.0.0")}.
 * Unreadable memory prints the address. (decode_net.c) */
void print_sockaddr(struct sb *o, struct tcb *t, uint64_t addr, uint64_t len);

/* A signal set as strace prints it: [INT TERM], ~[RTMIN RT_1], []. (decode_signal.c) */
void print_sigset(struct sb *o, const uint64_t *mask, size_t bytes);
/* A siginfo_t in tracee memory: {si_signo=…} or {} when empty; the address when unreadable. (decode_signal.c) */
void print_siginfo_at(struct sb *o, struct tcb *t, uint64_t addr);

/* ---- -c / -C summary (summary.c) ---- */
void summary_record(const struct sysent *s, int nr, const struct timespec *dur, bool error);
void summary_print(FILE *f);
