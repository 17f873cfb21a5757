/* fdmodel.h -- what each fd of each traced process is, kept up to date from the trace itself: fd tables
 * (shared by threads with CLONE_FILES, copied on fork, pruned of close-on-exec fds on exec) whose slots
 * point to open files (shared by dup and fork: sockets with their addresses and state, epoll instances
 * with the fds they watch, pipes, eventfds, paths). fds the trace never saw opened are learned from
 * /proc the first time they are met. explain.c updates it at every syscall exit and reads it for notes.
 * Also the shape of the explanation texts table (explain_texts.c). */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

/* ---- open files (what the kernel calls an open file description: shared by dup and fork) ---- */
enum fm_kind {
	FK_UNKNOWN = 0, /* met but not identifiable */
	FK_SOCKET,
	FK_EPOLL,
	FK_EVENTFD,
	FK_PIPE,
	FK_FILE,  /* a path: regular file, directory, device */
	FK_TTY,   /* a terminal */
	FK_OTHER, /* timerfd, signalfd, pidfd, memfd...: named by `path` */
};

enum fm_sock_state {
	SS_NEW = 0,    /* no address yet */
	SS_BOUND,      /* bind() done */
	SS_LISTENING,  /* listen() done */
	SS_CONNECTING, /* connect() returned EINPROGRESS */
	SS_CONNECTED,  /* connect() done, or a socketpair end */
	SS_ACCEPTED,   /* returned by accept() */
};

struct fm_addr {
	struct sockaddr_storage ss;
	socklen_t len; /* 0: unknown */
};

struct fm_file;

/* One fd an epoll instance watches (the kernel keys it by file and fd number). */
struct fm_epitem {
	struct fm_file *f; /* NULL: slot unused */
	uint32_t events;
	uint64_t data;
};

struct fm_epoll {
	struct fm_epitem *items; /* indexed by fd */
	int cap;
	int count;
	/* data -> fd, for programs whose epoll_event.data is not the fd (a pointer, an index) */
	struct fm_epdata { uint64_t data; int fd; } *bydata;
	int bydata_cap, bydata_used; /* open addressing, power-of-two capacity */
};

/* An epoll instance that watches this file under fd number `fd`. */
struct fm_watcher {
	struct fm_file *ep;
	int fd;
};

struct fm_file {
	int refs; /* fd slots (in every table) that point here */
	enum fm_kind kind;
	bool nonblock;  /* O_NONBLOCK (a property of the file, shared by dups) */
	bool unseen;    /* learned from /proc: the trace did not see it opened */
	/* sockets */
	int family, type, protocol;
	enum fm_sock_state state;
	bool reuseaddr, reuseport;
	bool port0;           /* bound with port 0; the program has not asked which port it got */
	bool peer_closed;     /* a read returned 0 */
	bool shut_wr, shut_rd;
	bool linger0;         /* SO_LINGER with a 0 timeout: close sends a reset */
	bool broken;          /* a call failed with ECONNRESET or EPIPE */
	bool local_probed;    /* the real local address was asked from the kernel once */
	bool peer_pending;    /* accepted with a NULL address: ask the kernel when needed */
	int backlog;          /* effective (capped) backlog; 0 unknown */
	int asked_backlog;
	int from_fd;          /* accepted: the listener's fd number; -1 */
	struct fm_addr local, peer;
	char peer_text[56];   /* fm_addr_text(&peer) made once ("" until then): notes of reads and writes use it */
	/* pipes and socket pairs: the fd number of the other end when it was made (-1 unknown) */
	bool write_end;
	int pair_fd;
	/* epoll instances */
	struct fm_epoll ep;
	/* epoll instances watching this file */
	struct fm_watcher w_inline[2];
	struct fm_watcher *w_more;
	int nw, w_cap;
	/* files, terminals, other kinds: a path or a name ("timerfd"), cut to fit */
	char path[112];
	struct fm_file *next_free;
};

/* ---- fd tables ---- */
enum fm_slot_state {
	FS_UNLEARNED = 0, /* never met: ask /proc when it is */
	FS_OPEN,
	FS_CLOSED,
	FS_CLOSED_ON_EXEC, /* closed by execve because it was close-on-exec */
	FS_STALE,          /* made by a call the model does not follow (timerfd_create, SCM_RIGHTS...): ask /proc */
};

struct fm_slot {
	struct fm_file *f; /* when FS_OPEN */
	uint8_t state;
	bool cloexec;
	bool was_closed_by_us; /* FS_CLOSED after a close() the trace saw (a second close is a bug) */
};

struct fm_table {
	int refs;            /* tasks using it */
	struct fm_slot *slots;
	int cap;
	int pidfd;           /* cached pidfd of pidfd_pid for pidfd_getfd; -1 */
	pid_t pidfd_pid;
	const char *waiter;  /* the last readiness call seen: "epoll", "poll", "select"; NULL */
	bool seccomp;        /* a seccomp filter was loaded (the table stands for the process here) */
};

/* The largest fd number the model tracks (larger numbers are errors or exotic; they get no model). */
enum { FM_MAX_FD = 1 << 20 };

/* ---- tasks ---- */
/* The table of pid; a pid met for the first time is adopted: threads share their group's table,
 * children get a copy of their parent's, anything else a new table learned from /proc. Never NULL. */
struct fm_table *fm_table_of(pid_t pid);
void fm_new_task(pid_t parent, pid_t child, bool shares_fds);
/* After a successful execve in pid (at PTRACE_EVENT_EXEC, when the kernel has closed the close-on-exec
 * fds): the table becomes the process's own, and is checked against /proc/pid/fd once. */
void fm_exec(pid_t pid);
/* What the last fm_exec of pid found, for the note of the execve's exit. */
struct fm_exec_info {
	char exe[200]; /* /proc/pid/exe, "" if unknown */
	int closed[8], nclosed; /* fds exec closed (close-on-exec), the first 8 and how many */
	int kept[8], nkept;     /* fds still open */
};
const struct fm_exec_info *fm_exec_info(pid_t pid); /* NULL if none */
void fm_task_gone(pid_t pid);
/* Tell the model whether the trace sees every call that changes fds: all threads are traced (-f) and no
 * seccomp pre-filter lets calls pass unseen. Only then does fd_family() (tracer.h) answer from it. */
void fm_trust(bool sees_every_call);
/* unshare(CLONE_FILES), close_range(CLOSE_RANGE_UNSHARE): pid gets its own copy of its table. */
void fm_unshare(pid_t pid);

/* ---- slots ---- */
/* The slot of fd in tbl, learning it from /proc/pid when it was never met. NULL when fd is out of range. */
struct fm_slot *fm_slot(struct fm_table *tbl, pid_t pid, int fd);
/* The open file of fd, or NULL when the model says it is not open. */
struct fm_file *fm_file_at(struct fm_table *tbl, pid_t pid, int fd);
/* A new file of kind in slot fd (whatever was there is released). Returns it; NULL when out of range. */
struct fm_file *fm_install(struct fm_table *tbl, int fd, enum fm_kind kind, bool cloexec);
/* f->path = path, keeping the end of a long one ("...x86_64-linux-gnu/libc.so.6"). */
void fm_set_path(struct fm_file *f, const char *path);
/* Point slot fd at f (dup). */
void fm_install_file(struct fm_table *tbl, int fd, struct fm_file *f, bool cloexec);
/* close(fd): returns the slot's state before (FS_OPEN when it was open). */
int fm_close(struct fm_table *tbl, int fd);
/* A call the model does not follow made fd: learn it from /proc when it is next met. */
void fm_mark_stale(struct fm_table *tbl, int fd);
/* Ask /proc again what fd is (the model was wrong). */
void fm_relearn(struct fm_table *tbl, pid_t pid, int fd);
/* How many fds of tbl are open, and the first `max` of them in out[]. */
int fm_open_fds(struct fm_table *tbl, int *out, int max);

/* ---- epoll ---- */
void fm_epoll_set(struct fm_file *ep, int fd, struct fm_file *target, uint32_t events, uint64_t data);
void fm_epoll_del(struct fm_file *ep, int fd);
/* The fd registered with this data (data == fd is tried first); -1 if none. */
int fm_epoll_fd_of(struct fm_file *ep, uint64_t data);
/* Read the watch list again from /proc/pid/fdinfo/epfd (the model missed an epoll_ctl). */
void fm_epoll_refresh(struct fm_table *tbl, pid_t pid, int epfd, struct fm_file *ep);
/* The watched fds in ascending order: how many, the first `max` in out[]. */
int fm_epoll_fds(struct fm_file *ep, int *out, int max);

/* ---- asking the kernel (rarely: fds the trace did not see made, accept with a NULL address) ---- */
/* Fill the socket's local address (and peer, when connected) from the kernel through pidfd_getfd. */
bool fm_probe_socket(struct fm_table *tbl, pid_t pid, int fd, struct fm_file *f);
/* /proc/sys/net/core/somaxconn, read once. */
int fm_somaxconn(void);

/* ---- socket addresses ---- */
/* "127.0.0.1:8080", "[::1]:8080", "/run/x.sock", "@abstract", "unnamed". */
void fm_addr_text(const struct fm_addr *a, char *buf, size_t len);
/* Set the peer of a socket (a->len 0: none), and its text as notes show it, made when first asked. */
void fm_set_peer(struct fm_file *f, const struct fm_addr *a);
const char *fm_peer_text(struct fm_file *f);
/* Only the host part: "127.0.0.1", "::". */
void fm_host_text(const struct fm_addr *a, char *buf, size_t len);
int fm_addr_port(const struct fm_addr *a); /* -1 when not IP */
/* Not empty, and not an unnamed UNIX socket (what a client of a UNIX listener usually is). */
bool fm_addr_named(const struct fm_addr *a);
bool fm_addr_is_any(const struct fm_addr *a);
bool fm_addr_is_loopback(const struct fm_addr *a);

/* The syscalls that keep the model right. A filter that stops the tracee only at some syscalls (seccomp)
 * should let these through too when explanations are on, or the model falls back on /proc. NULL ends it. */
extern const char *const fdmodel_syscalls[];

/* ---- explanation texts (explain_texts.c): one table, easy to edit and review ---- */
/* A row: for syscall family `call` (a syscall name, or "(fd)" etc. for pieces of text), in situation
 * `variant` (NULL or "": the plain case) and outcome `err` (0 success, an errno value for the error it
 * explains), a brief note and the sentence --explain=full adds. Placeholders such as {fd} are filled
 * from the model by explain.c. */
struct explain_text {
	const char *call;
	const char *variant;
	int err;
	const char *brief;
	const char *why;
};
extern const struct explain_text explain_texts[]; /* ends with a row whose call is NULL */
