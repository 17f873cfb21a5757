/* fdmodel.c -- the fd model: per task an fd table (threads with CLONE_FILES share one, fork copies it,
 * exec drops close-on-exec fds), per fd an open file (dup and fork share it) that says what it is. Lookups
 * by pid and by fd are O(1); files come from a free list, so the steady state of a server (accept, epoll,
 * read, write, close) allocates nothing. fds the trace did not see made are learned once from /proc. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "fdmodel.h"
#include "tracer.h"

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n);
	if (!q) {
		perror("tracer: realloc");
		abort();
	}
	return q;
}

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n, size);
	if (!p) {
		perror("tracer: calloc");
		abort();
	}
	return p;
}

/* ---------------------------------------------------------------------------------------------------- */
/* open files */

static struct fm_file *free_files;

static struct fm_file *file_new(enum fm_kind kind)
{
	struct fm_file *f = free_files;
	if (f)
		free_files = f->next_free;
	else
		f = xcalloc(1, sizeof *f);
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->from_fd = -1;
	f->pair_fd = -1;
	return f;
}

static struct fm_watcher *watcher_at(struct fm_file *f, int i)
{
	return i < 2 ? &f->w_inline[i] : &f->w_more[i - 2];
}

static void watcher_add(struct fm_file *f, struct fm_file *ep, int fd)
{
	if (f->nw >= 2 && f->nw - 2 >= f->w_cap) {
		f->w_cap = f->w_cap ? f->w_cap * 2 : 4;
		f->w_more = xrealloc(f->w_more, (size_t)f->w_cap * sizeof *f->w_more);
	}
	*watcher_at(f, f->nw++) = (struct fm_watcher){ ep, fd };
}

static void watcher_remove(struct fm_file *f, struct fm_file *ep, int fd)
{
	for (int i = 0; i < f->nw; i++) {
		struct fm_watcher *w = watcher_at(f, i);
		if (w->ep == ep && w->fd == fd) {
			*w = *watcher_at(f, f->nw - 1);
			f->nw--;
			return;
		}
	}
}

/* data -> fd map of an epoll instance: open addressing, linear probing, backward-shift deletion. */
static size_t bydata_hash(uint64_t data, int cap)
{
	data ^= data >> 33;
	data *= 0xff51afd7ed558ccdULL;
	data ^= data >> 33;
	return (size_t)data & (size_t)(cap - 1);
}

static void bydata_put(struct fm_epoll *e, uint64_t data, int fd);

static void bydata_grow(struct fm_epoll *e)
{
	struct fm_epdata *old = e->bydata;
	int oldcap = e->bydata_cap;
	e->bydata_cap = oldcap ? oldcap * 2 : 16;
	e->bydata = xcalloc((size_t)e->bydata_cap, sizeof *e->bydata);
	for (int i = 0; i < e->bydata_cap; i++)
		e->bydata[i].fd = -1;
	e->bydata_used = 0;
	for (int i = 0; i < oldcap; i++)
		if (old[i].fd >= 0)
			bydata_put(e, old[i].data, old[i].fd);
	free(old);
}

static void bydata_put(struct fm_epoll *e, uint64_t data, int fd)
{
	if ((e->bydata_used + 1) * 4 > e->bydata_cap * 3)
		bydata_grow(e);
	size_t i = bydata_hash(data, e->bydata_cap);
	while (e->bydata[i].fd >= 0 && e->bydata[i].data != data)
		i = (i + 1) & (size_t)(e->bydata_cap - 1);
	if (e->bydata[i].fd < 0)
		e->bydata_used++;
	e->bydata[i] = (struct fm_epdata){ data, fd };
}

static int bydata_get(const struct fm_epoll *e, uint64_t data)
{
	if (!e->bydata_cap)
		return -1;
	size_t i = bydata_hash(data, e->bydata_cap);
	while (e->bydata[i].fd >= 0) {
		if (e->bydata[i].data == data)
			return e->bydata[i].fd;
		i = (i + 1) & (size_t)(e->bydata_cap - 1);
	}
	return -1;
}

static void bydata_del(struct fm_epoll *e, uint64_t data, int fd)
{
	if (!e->bydata_cap)
		return;
	size_t mask = (size_t)(e->bydata_cap - 1);
	size_t i = bydata_hash(data, e->bydata_cap);
	while (e->bydata[i].fd >= 0 && e->bydata[i].data != data)
		i = (i + 1) & mask;
	if (e->bydata[i].fd < 0 || e->bydata[i].fd != fd)
		return;
	/* backward shift: pull later members of the probe run into the hole */
	size_t hole = i;
	for (size_t j = (hole + 1) & mask; e->bydata[j].fd >= 0; j = (j + 1) & mask) {
		size_t home = bydata_hash(e->bydata[j].data, e->bydata_cap);
		/* j's entry may move to the hole when its home is not in (hole, j] cyclically */
		bool between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
		if (!between) {
			e->bydata[hole] = e->bydata[j];
			hole = j;
		}
	}
	e->bydata[hole].fd = -1;
	e->bydata_used--;
}

static void epitem_clear(struct fm_epoll *e, int fd)
{
	struct fm_epitem *it = &e->items[fd];
	if ((int64_t)it->data != fd)
		bydata_del(e, it->data, fd);
	*it = (struct fm_epitem){ 0 };
	e->count--;
}

void fm_epoll_set(struct fm_file *ep, int fd, struct fm_file *target, uint32_t events, uint64_t data)
{
	struct fm_epoll *e = &ep->ep;
	if (fd < 0 || fd >= FM_MAX_FD || !target)
		return;
	if (fd >= e->cap) {
		int cap = e->cap ? e->cap : 64;
		while (cap <= fd)
			cap *= 2;
		e->items = xrealloc(e->items, (size_t)cap * sizeof *e->items);
		memset(e->items + e->cap, 0, (size_t)(cap - e->cap) * sizeof *e->items);
		e->cap = cap;
	}
	struct fm_epitem *it = &e->items[fd];
	if (it->f && it->f != target)
		fm_epoll_del(ep, fd);
	if (!it->f) {
		watcher_add(target, ep, fd);
		e->count++;
	} else if ((int64_t)it->data != fd) {
		bydata_del(e, it->data, fd);
	}
	it->f = target;
	it->events = events;
	it->data = data;
	if ((int64_t)data != fd)
		bydata_put(e, data, fd);
}

void fm_epoll_del(struct fm_file *ep, int fd)
{
	struct fm_epoll *e = &ep->ep;
	if (fd < 0 || fd >= e->cap || !e->items[fd].f)
		return;
	watcher_remove(e->items[fd].f, ep, fd);
	epitem_clear(e, fd);
}

int fm_epoll_fd_of(struct fm_file *ep, uint64_t data)
{
	struct fm_epoll *e = &ep->ep;
	if (data < (uint64_t)e->cap && e->items[data].f && e->items[data].data == data)
		return (int)data;
	return bydata_get(e, data);
}

int fm_epoll_fds(struct fm_file *ep, int *out, int max)
{
	struct fm_epoll *e = &ep->ep;
	int n = 0;
	for (int fd = 0; fd < e->cap && n < max; fd++)
		if (e->items[fd].f)
			out[n++] = fd;
	return e->count;
}

static void file_release(struct fm_file *f)
{
	/* The kernel drops an epoll registration when the file's last fd closes. */
	while (f->nw > 0) {
		struct fm_watcher w = *watcher_at(f, f->nw - 1);
		f->nw--;
		if (w.fd < w.ep->ep.cap && w.ep->ep.items[w.fd].f == f)
			epitem_clear(&w.ep->ep, w.fd);
	}
	if (f->kind == FK_EPOLL) {
		for (int fd = 0; fd < f->ep.cap; fd++)
			if (f->ep.items[fd].f)
				watcher_remove(f->ep.items[fd].f, f, fd);
		free(f->ep.items);
		free(f->ep.bydata);
	}
	free(f->w_more);
	memset(f, 0, sizeof *f);
	f->next_free = free_files;
	free_files = f;
}

static void file_put(struct fm_file *f)
{
	if (f && --f->refs <= 0)
		file_release(f);
}

/* ---------------------------------------------------------------------------------------------------- */
/* fd tables */

static struct fm_table *table_new(void)
{
	struct fm_table *t = xcalloc(1, sizeof *t);
	t->refs = 1;
	t->pidfd = -1;
	return t;
}

static void table_ensure(struct fm_table *t, int fd)
{
	if (fd < t->cap)
		return;
	int cap = t->cap ? t->cap : 64;
	while (cap <= fd)
		cap *= 2;
	t->slots = xrealloc(t->slots, (size_t)cap * sizeof *t->slots);
	for (int i = t->cap; i < cap; i++)
		t->slots[i] = (struct fm_slot){ .state = FS_UNLEARNED };
	t->cap = cap;
}

static void slot_clear(struct fm_slot *s, uint8_t state)
{
	if (s->state == FS_OPEN)
		file_put(s->f);
	*s = (struct fm_slot){ .state = state };
}

static struct fm_table *table_copy(const struct fm_table *src)
{
	struct fm_table *t = table_new();
	t->waiter = src->waiter;
	t->seccomp = src->seccomp; /* a filter stays through fork and exec */
	if (src->cap) {
		t->slots = xcalloc((size_t)src->cap, sizeof *t->slots);
		memcpy(t->slots, src->slots, (size_t)src->cap * sizeof *t->slots);
		t->cap = src->cap;
		for (int i = 0; i < t->cap; i++)
			if (t->slots[i].state == FS_OPEN)
				t->slots[i].f->refs++;
	}
	return t;
}

static void table_put(struct fm_table *t)
{
	if (!t || --t->refs > 0)
		return;
	for (int i = 0; i < t->cap; i++)
		slot_clear(&t->slots[i], FS_CLOSED);
	if (t->pidfd >= 0)
		close(t->pidfd);
	free(t->slots);
	free(t);
}

/* ---------------------------------------------------------------------------------------------------- */
/* tasks: pid -> table, open addressing */

struct fm_task {
	pid_t pid;
	bool adopted; /* met before its parent's fork event: its table came from /proc/pid/status */
	struct fm_table *tbl;
	struct fm_exec_info *exec;
};

static struct fm_task **tasks;
static size_t tasks_cap, tasks_used;
static struct fm_task *last_task;

static size_t task_hash(pid_t pid)
{
	return (size_t)((uint32_t)pid * 2654435761u) & (tasks_cap - 1);
}

static struct fm_task *task_find(pid_t pid)
{
	if (last_task && last_task->pid == pid)
		return last_task;
	if (!tasks_cap)
		return NULL;
	for (size_t i = task_hash(pid); tasks[i]; i = (i + 1) & (tasks_cap - 1))
		if (tasks[i]->pid == pid)
			return last_task = tasks[i];
	return NULL;
}

static void task_insert(struct fm_task *k);

static void tasks_grow(void)
{
	struct fm_task **old = tasks;
	size_t oldcap = tasks_cap;
	tasks_cap = oldcap ? oldcap * 2 : 64;
	tasks = xcalloc(tasks_cap, sizeof(struct fm_task *));
	tasks_used = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i])
			task_insert(old[i]);
	free(old);
}

static void task_insert(struct fm_task *k)
{
	if ((tasks_used + 1) * 2 > tasks_cap)
		tasks_grow();
	size_t i = task_hash(k->pid);
	while (tasks[i])
		i = (i + 1) & (tasks_cap - 1);
	tasks[i] = k;
	tasks_used++;
}

static void task_remove(pid_t pid)
{
	if (!tasks_cap)
		return;
	size_t mask = tasks_cap - 1, i = task_hash(pid);
	while (tasks[i] && tasks[i]->pid != pid)
		i = (i + 1) & mask;
	if (!tasks[i])
		return;
	size_t hole = i;
	for (size_t j = (hole + 1) & mask; tasks[j]; j = (j + 1) & mask) {
		size_t home = task_hash(tasks[j]->pid);
		bool between = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
		if (!between) {
			tasks[hole] = tasks[j];
			hole = j;
		}
	}
	tasks[hole] = NULL;
	tasks_used--;
	if (last_task && last_task->pid == pid)
		last_task = NULL;
}

static struct fm_task *task_new(pid_t pid, struct fm_table *tbl)
{
	struct fm_task *k = xcalloc(1, sizeof *k);
	k->pid = pid;
	k->tbl = tbl;
	task_insert(k);
	return k;
}

static void task_free(struct fm_task *k)
{
	table_put(k->tbl);
	free(k->exec);
	free(k);
}

/* Tgid and PPid of a task from /proc/pid/status; false if unreadable. */
static bool proc_ids(pid_t pid, pid_t *tgid, pid_t *ppid)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	*tgid = *ppid = 0;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, "Tgid:", 5) == 0)
			*tgid = (pid_t)atoi(line + 5);
		else if (strncmp(line, "PPid:", 5) == 0)
			*ppid = (pid_t)atoi(line + 5);
	}
	fclose(f);
	return *tgid > 0;
}

/* A task met before anything told us where it came from: a thread joins its group's table, a child
 * starts from a copy of its parent's (still stopped in fork, so still as it was at the fork). */
static struct fm_task *task_adopt(pid_t pid)
{
	pid_t tgid = 0, ppid = 0;
	struct fm_task *other = NULL;
	struct fm_table *tbl;
	if (proc_ids(pid, &tgid, &ppid)) {
		if (tgid != pid && (other = task_find(tgid))) {
			tbl = other->tbl;
			tbl->refs++;
		} else if ((other = task_find(ppid))) {
			tbl = table_copy(other->tbl);
		} else {
			tbl = table_new();
		}
	} else {
		tbl = table_new();
	}
	struct fm_task *k = task_new(pid, tbl);
	k->adopted = other != NULL;
	return k;
}

struct fm_table *fm_table_of(pid_t pid)
{
	struct fm_task *k = task_find(pid);
	if (!k)
		k = task_adopt(pid);
	return k->tbl;
}

void fm_new_task(pid_t parent, pid_t child, bool shares_fds)
{
	struct fm_task *k = task_find(child);
	if (k && k->adopted)
		return; /* it ran before this event reached us and already has the right table */
	struct fm_table *ptbl = fm_table_of(parent);
	struct fm_table *tbl;
	if (shares_fds) {
		tbl = ptbl;
		tbl->refs++;
	} else {
		tbl = table_copy(ptbl);
	}
	if (k) {
		/* a stale record (a pid reused before we heard it was gone) */
		table_put(k->tbl);
		k->tbl = tbl;
		return;
	}
	task_new(child, tbl);
}

void fm_task_gone(pid_t pid)
{
	struct fm_task *k = task_find(pid);
	if (!k)
		return;
	if (k->tbl->pidfd >= 0 && k->tbl->pidfd_pid == pid) {
		close(k->tbl->pidfd);
		k->tbl->pidfd = -1;
	}
	task_remove(pid);
	task_free(k);
}

/* Whether the trace sees every call that can change an fd table (set by main.c). */
static bool every_call_seen;

void fm_trust(bool sees_every_call)
{
	every_call_seen = sees_every_call;
}

int fd_family(pid_t pid, int fd)
{
	if (!every_call_seen || fd < 0)
		return -1;
	/* Only what the model already holds: learning an fd here would cost the look in /proc this saves. */
	const struct fm_task *k = task_find(pid);
	if (!k || fd >= k->tbl->cap || k->tbl->slots[fd].state != FS_OPEN)
		return -1;
	const struct fm_file *f = k->tbl->slots[fd].f;
	if (f->kind == FK_UNKNOWN)
		return -1;
	if (f->kind != FK_SOCKET)
		return 0;
	return f->family > 0 ? f->family : -1;
}

void fm_unshare(pid_t pid)
{
	struct fm_task *k = task_find(pid);
	if (!k || k->tbl->refs <= 1)
		return;
	struct fm_table *own = table_copy(k->tbl);
	table_put(k->tbl);
	k->tbl = own;
}

/* ---------------------------------------------------------------------------------------------------- */
/* learning an fd from /proc */

static pid_t tgid_of(pid_t pid)
{
	struct tcb *t = tcb_find(pid);
	return t && t->tgid > 0 ? t->tgid : pid;
}

/* A copy of the tracee's fd in the tracer (pidfd_getfd; we trace it, so we may); -1 if impossible. */
static int grab_fd(struct fm_table *tbl, pid_t pid, int fd)
{
	pid_t tgid = tgid_of(pid);
	if (tbl->pidfd < 0 || tbl->pidfd_pid != tgid) {
		if (tbl->pidfd >= 0)
			close(tbl->pidfd);
		tbl->pidfd = (int)syscall(SYS_pidfd_open, tgid, 0);
		tbl->pidfd_pid = tgid;
		if (tbl->pidfd < 0)
			return -1;
	}
	return (int)syscall(SYS_pidfd_getfd, tbl->pidfd, fd, 0);
}

bool fm_probe_socket(struct fm_table *tbl, pid_t pid, int fd, struct fm_file *f)
{
	int mine = grab_fd(tbl, pid, fd);
	if (mine < 0)
		return false;
	int v;
	socklen_t len = sizeof v;
	if (f->family == 0 && getsockopt(mine, SOL_SOCKET, SO_DOMAIN, &v, &len) == 0)
		f->family = v;
	len = sizeof v;
	if (f->type == 0 && getsockopt(mine, SOL_SOCKET, SO_TYPE, &v, &len) == 0)
		f->type = v;
	len = sizeof v;
	if (f->protocol == 0 && getsockopt(mine, SOL_SOCKET, SO_PROTOCOL, &v, &len) == 0)
		f->protocol = v;
	len = sizeof v;
	bool listening = getsockopt(mine, SOL_SOCKET, SO_ACCEPTCONN, &v, &len) == 0 && v;
	len = sizeof v;
	if (getsockopt(mine, SOL_SOCKET, SO_REUSEADDR, &v, &len) == 0)
		f->reuseaddr = v != 0;
	struct fm_addr a = { .len = sizeof a.ss };
	if (getsockname(mine, (struct sockaddr *)&a.ss, &a.len) == 0 && a.len > sizeof(sa_family_t)) {
		f->local = a; /* port0 stays: the program has still not asked which port it got */
	}
	struct fm_addr p = { .len = sizeof p.ss };
	bool connected = getpeername(mine, (struct sockaddr *)&p.ss, &p.len) == 0;
	if (connected && fm_addr_named(&p)) {
		fm_set_peer(f, &p);
		f->peer_pending = false;
	}
	close(mine);
	f->local_probed = true;
	if (f->state == SS_NEW || f->unseen) {
		if (listening)
			f->state = SS_LISTENING;
		else if (connected)
			f->state = f->state == SS_ACCEPTED ? SS_ACCEPTED : SS_CONNECTED;
		else if (f->local.len && fm_addr_port(&f->local) != 0)
			f->state = SS_BOUND;
	}
	return true;
}

static void copy_path(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n < cap) {
		memcpy(dst, src, n + 1);
		return;
	}
	/* keep the end, which names the file: "...lib/x86_64-linux-gnu/libc.so.6" */
	memcpy(dst, "...", 3);
	memcpy(dst + 3, src + n - (cap - 4), cap - 4);
	dst[cap - 1] = '\0';
}

void fm_set_path(struct fm_file *f, const char *path)
{
	copy_path(f->path, sizeof f->path, path);
}

/* The "flags:" line of /proc/pid/fdinfo/fd (octal open flags, O_CLOEXEC included); and for an epoll
 * instance, its "tfd:" lines, which become its watch list. Returns the flags, or -1. */
static long read_fdinfo(struct fm_table *tbl, pid_t pid, int fd, struct fm_file *ep)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/fdinfo/%d", pid, fd);
	FILE *in = fopen(path, "re");
	if (!in)
		return -1;
	long flags = -1;
	int tfd;
	unsigned ev;
	unsigned long long data;
	while (fgets(line, sizeof line, in)) {
		if (strncmp(line, "flags:", 6) == 0) {
			flags = strtol(line + 6, NULL, 8);
		} else if (ep && sscanf(line, "tfd: %d events: %x data: %llx", &tfd, &ev, &data) == 3) {
			/* the kernel says it is watched: if the model thinks it closed, the model missed a call */
			struct fm_slot *s = fm_slot(tbl, pid, tfd);
			if (s && s->state != FS_OPEN)
				fm_relearn(tbl, pid, tfd);
			struct fm_file *target = fm_file_at(tbl, pid, tfd);
			if (target)
				fm_epoll_set(ep, tfd, target, ev, data);
		}
	}
	fclose(in);
	return flags;
}

void fm_epoll_refresh(struct fm_table *tbl, pid_t pid, int epfd, struct fm_file *ep)
{
	for (int fd = 0; fd < ep->ep.cap; fd++)
		if (ep->ep.items[fd].f)
			fm_epoll_del(ep, fd);
	read_fdinfo(tbl, pid, epfd, ep);
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool is_tty_path(const char *p)
{
	return starts(p, "/dev/pts/") || starts(p, "/dev/tty") || strcmp(p, "/dev/console") == 0;
}

/* What fd is, asked of /proc once. The slot ends FS_OPEN (with a file marked unseen) or FS_CLOSED. */
static void learn(struct fm_table *tbl, pid_t pid, int fd)
{
	char path[64], target[512];
	snprintf(path, sizeof path, "/proc/%d/fd/%d", pid, fd);
	ssize_t n = readlink(path, target, sizeof target - 1);
	if (n < 0) {
		table_ensure(tbl, fd);
		slot_clear(&tbl->slots[fd], FS_CLOSED);
		return;
	}
	target[n] = '\0';
	enum fm_kind kind = FK_OTHER;
	const char *name = target;
	if (starts(target, "socket:"))
		kind = FK_SOCKET;
	else if (starts(target, "pipe:"))
		kind = FK_PIPE;
	else if (strcmp(target, "anon_inode:[eventpoll]") == 0)
		kind = FK_EPOLL;
	else if (strcmp(target, "anon_inode:[eventfd]") == 0)
		kind = FK_EVENTFD;
	else if (target[0] == '/')
		kind = is_tty_path(target) ? FK_TTY : FK_FILE;
	else if (starts(target, "anon_inode:"))
		name = target + strlen("anon_inode:"); /* "[timerfd]", "inotify", "[pidfd]" */
	struct fm_file *f = fm_install(tbl, fd, kind, false);
	if (!f)
		return;
	f->unseen = true;
	if (kind == FK_FILE || kind == FK_TTY || kind == FK_OTHER) {
		if (name[0] == '[') { /* "[timerfd]" -> "timerfd" */
			char inner[64];
			snprintf(inner, sizeof inner, "%.*s", (int)strcspn(name + 1, "]"), name + 1);
			copy_path(f->path, sizeof f->path, inner);
		} else {
			copy_path(f->path, sizeof f->path, name);
		}
	}
	long flags = read_fdinfo(tbl, pid, fd, kind == FK_EPOLL ? f : NULL);
	/* the table may have grown while learning an epoll's targets: index it again */
	if (flags >= 0) {
		tbl->slots[fd].cloexec = (flags & O_CLOEXEC) != 0;
		f->nonblock = (flags & O_NONBLOCK) != 0;
		f->write_end = (flags & O_ACCMODE) == O_WRONLY;
	}
	if (kind == FK_SOCKET)
		fm_probe_socket(tbl, pid, fd, f);
}

struct fm_slot *fm_slot(struct fm_table *tbl, pid_t pid, int fd)
{
	if (fd < 0 || fd >= FM_MAX_FD)
		return NULL;
	table_ensure(tbl, fd);
	uint8_t st = tbl->slots[fd].state;
	if (st == FS_UNLEARNED || st == FS_STALE)
		learn(tbl, pid, fd);
	return &tbl->slots[fd];
}

struct fm_file *fm_file_at(struct fm_table *tbl, pid_t pid, int fd)
{
	struct fm_slot *s = fm_slot(tbl, pid, fd);
	return s && s->state == FS_OPEN ? s->f : NULL;
}

void fm_relearn(struct fm_table *tbl, pid_t pid, int fd)
{
	if (fd < 0 || fd >= FM_MAX_FD)
		return;
	table_ensure(tbl, fd);
	slot_clear(&tbl->slots[fd], FS_UNLEARNED);
	learn(tbl, pid, fd);
}

void fm_install_file(struct fm_table *tbl, int fd, struct fm_file *f, bool cloexec)
{
	if (fd < 0 || fd >= FM_MAX_FD || !f)
		return;
	table_ensure(tbl, fd);
	f->refs++; /* first: f may be the file the slot held (dup2(fd, fd) is caught by the caller) */
	slot_clear(&tbl->slots[fd], FS_OPEN);
	tbl->slots[fd].f = f;
	tbl->slots[fd].cloexec = cloexec;
}

struct fm_file *fm_install(struct fm_table *tbl, int fd, enum fm_kind kind, bool cloexec)
{
	if (fd < 0 || fd >= FM_MAX_FD)
		return NULL;
	struct fm_file *f = file_new(kind);
	fm_install_file(tbl, fd, f, cloexec);
	return f;
}

int fm_close(struct fm_table *tbl, int fd)
{
	if (fd < 0 || fd >= FM_MAX_FD)
		return FS_CLOSED;
	table_ensure(tbl, fd);
	int before = tbl->slots[fd].state;
	slot_clear(&tbl->slots[fd], FS_CLOSED);
	tbl->slots[fd].was_closed_by_us = true;
	return before;
}

void fm_mark_stale(struct fm_table *tbl, int fd)
{
	if (fd < 0 || fd >= FM_MAX_FD)
		return;
	table_ensure(tbl, fd);
	slot_clear(&tbl->slots[fd], FS_STALE);
}

int fm_open_fds(struct fm_table *tbl, int *out, int max)
{
	int n = 0;
	for (int fd = 0; fd < tbl->cap; fd++) {
		if (tbl->slots[fd].state != FS_OPEN)
			continue;
		if (n < max)
			out[n] = fd;
		n++;
	}
	return n;
}

/* ---------------------------------------------------------------------------------------------------- */
/* exec */

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

void fm_exec(pid_t pid)
{
	struct fm_task *k = task_find(pid);
	if (!k)
		k = task_adopt(pid);
	fm_unshare(pid); /* exec gives the process its own fd table; the other threads are gone */
	struct fm_table *tbl = k->tbl;
	if (!k->exec)
		k->exec = xcalloc(1, sizeof *k->exec);
	struct fm_exec_info *x = k->exec;
	memset(x, 0, sizeof *x);

	char path[64];
	snprintf(path, sizeof path, "/proc/%d/exe", pid);
	ssize_t n = readlink(path, x->exe, sizeof x->exe - 1);
	x->exe[n > 0 ? n : 0] = '\0';

	/* The kernel has already closed the close-on-exec fds: /proc/pid/fd is what is left. */
	snprintf(path, sizeof path, "/proc/%d/fd", pid);
	DIR *d = opendir(path);
	int *present = NULL, npresent = 0, cap = 0;
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (e->d_name[0] < '0' || e->d_name[0] > '9')
				continue;
			int fd = atoi(e->d_name);
			if (fd >= FM_MAX_FD)
				continue;
			if (npresent == cap) {
				cap = cap ? cap * 2 : 16;
				present = xrealloc(present, (size_t)cap * sizeof *present);
			}
			present[npresent++] = fd;
		}
		closedir(d);
	}
	if (npresent > 1)
		qsort(present, (size_t)npresent, sizeof *present, cmp_int);
	int maxfd = npresent ? present[npresent - 1] : 0;
	table_ensure(tbl, maxfd);
	int p = 0;
	for (int fd = 0; fd < tbl->cap; fd++) {
		bool there = p < npresent && present[p] == fd;
		if (there)
			p++;
		struct fm_slot *s = &tbl->slots[fd];
		if (!d) {
			/* no /proc: trust the model's flags */
			if (s->state == FS_OPEN && s->cloexec)
				there = false;
			else if (s->state == FS_OPEN)
				there = true;
			else
				continue;
		}
		if (there) {
			if (s->state != FS_OPEN)
				learn(tbl, pid, fd);
			s = &tbl->slots[fd];
			s->cloexec = false;
			if (x->nkept < 8)
				x->kept[x->nkept] = fd;
			x->nkept++;
		} else if (s->state == FS_OPEN) {
			slot_clear(s, FS_CLOSED_ON_EXEC);
			if (x->nclosed < 8)
				x->closed[x->nclosed] = fd;
			x->nclosed++;
		} else if (s->state != FS_CLOSED_ON_EXEC) {
			/* not open now; should a call the trace does not see open it, /proc tells when it is met */
			*s = (struct fm_slot){ .state = FS_UNLEARNED };
		}
	}
	tbl->waiter = NULL;
	free(present);
}

const struct fm_exec_info *fm_exec_info(pid_t pid)
{
	struct fm_task *k = task_find(pid);
	return k ? k->exec : NULL;
}

/* ---------------------------------------------------------------------------------------------------- */
/* addresses, limits */

int fm_somaxconn(void)
{
	static int value = -1;
	if (value < 0) {
		value = 4096;
		FILE *f = fopen("/proc/sys/net/core/somaxconn", "re");
		if (f) {
			if (fscanf(f, "%d", &value) != 1 || value <= 0)
				value = 4096;
			fclose(f);
		}
	}
	return value;
}

int fm_addr_port(const struct fm_addr *a)
{
	if (a->len == 0)
		return -1;
	if (a->ss.ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)&a->ss)->sin_port);
	if (a->ss.ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)&a->ss)->sin6_port);
	return -1;
}

bool fm_addr_named(const struct fm_addr *a)
{
	return a->len > 0 && (a->ss.ss_family != AF_UNIX || a->len > offsetof(struct sockaddr_un, sun_path));
}

bool fm_addr_is_any(const struct fm_addr *a)
{
	if (a->len == 0)
		return false;
	if (a->ss.ss_family == AF_INET)
		return ((const struct sockaddr_in *)&a->ss)->sin_addr.s_addr == htonl(INADDR_ANY);
	if (a->ss.ss_family == AF_INET6)
		return IN6_IS_ADDR_UNSPECIFIED(&((const struct sockaddr_in6 *)&a->ss)->sin6_addr);
	return false;
}

bool fm_addr_is_loopback(const struct fm_addr *a)
{
	if (a->len == 0)
		return false;
	if (a->ss.ss_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)&a->ss)->sin_addr.s_addr) >> 24) == 127;
	if (a->ss.ss_family == AF_INET6)
		return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)&a->ss)->sin6_addr);
	return false;
}

void fm_set_peer(struct fm_file *f, const struct fm_addr *a)
{
	f->peer = *a;
	f->peer_text[0] = '\0';
}

const char *fm_peer_text(struct fm_file *f)
{
	if (!f->peer_text[0])
		fm_addr_text(&f->peer, f->peer_text, sizeof f->peer_text);
	return f->peer_text;
}

void fm_host_text(const struct fm_addr *a, char *buf, size_t len)
{
	char host[INET6_ADDRSTRLEN] = "?";
	if (a->len && a->ss.ss_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)&a->ss)->sin_addr, host, sizeof host);
	else if (a->len && a->ss.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)&a->ss)->sin6_addr, host, sizeof host);
	snprintf(buf, len, "%s", host);
}

void fm_addr_text(const struct fm_addr *a, char *buf, size_t len)
{
	char host[INET6_ADDRSTRLEN];
	if (a->len == 0) {
		snprintf(buf, len, "?");
		return;
	}
	switch (a->ss.ss_family) {
	case AF_INET:
		fm_host_text(a, host, sizeof host);
		snprintf(buf, len, "%s:%d", host, fm_addr_port(a));
		return;
	case AF_INET6:
		fm_host_text(a, host, sizeof host);
		snprintf(buf, len, "[%s]:%d", host, fm_addr_port(a));
		return;
	case AF_UNIX: {
		const struct sockaddr_un *un = (const struct sockaddr_un *)&a->ss;
		size_t off = offsetof(struct sockaddr_un, sun_path);
		if (a->len <= off) {
			snprintf(buf, len, "unnamed");
			return;
		}
		size_t n = a->len - off;
		if (n > sizeof un->sun_path)
			n = sizeof un->sun_path;
		if (un->sun_path[0] == '\0') {
			/* abstract: no file; printable bytes shown, others as '?' */
			size_t o = 0;
			if (o + 1 < len)
				buf[o++] = '@';
			for (size_t i = 1; i < n && o + 1 < len; i++) {
				unsigned char c = (unsigned char)un->sun_path[i];
				buf[o++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
			}
			buf[o] = '\0';
			return;
		}
		snprintf(buf, len, "%.*s", (int)strnlen(un->sun_path, n), un->sun_path);
		return;
	}
	default:
		snprintf(buf, len, "an address of family %d", a->ss.ss_family);
	}
}

const char *const fdmodel_syscalls[] = {
	"socket", "socketpair", "bind", "listen", "accept", "accept4", "connect", "getsockname", "getpeername",
	"setsockopt", "shutdown", "recvmsg", "read", "recvfrom",
	"close", "close_range", "dup", "dup2", "dup3", "fcntl", "ioctl",
	"open", "openat", "openat2", "creat", "pipe", "pipe2", "eventfd", "eventfd2",
	"epoll_create", "epoll_create1", "epoll_ctl",
	"timerfd_create", "signalfd", "signalfd4", "inotify_init", "inotify_init1", "memfd_create",
	"pidfd_open", "pidfd_getfd", "userfaultfd", "perf_event_open", "fanotify_init", "io_uring_setup",
	"clone", "clone3", "fork", "vfork", "execve", "execveat", "unshare",
	NULL,
};
