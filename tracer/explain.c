/* explain.c -- plain words for each syscall: at every syscall exit, keep the fd model right (fdmodel.c),
 * and when the line is printed with explanations on, pick a row of explain_texts.c and fill its
 * placeholders from the model ("took connection 127.0.0.1:51234 off fd 3's queue: it is fd 5"). Calls
 * without a row of their own get a one-liner from their class. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <linux/seccomp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "explain.h"
#include "fdmodel.h"
#include "tracer.h"

/* SYSCALL_INSN_LEN: how far the kernel moves the instruction pointer back to make an interrupted call
 * again (the length of the syscall instruction); 0 where that is not known here. */
#if defined(__x86_64__)
#define NATIVE_ARCH AUDIT_ARCH_X86_64
#define SYSCALL_INSN_LEN 2
#elif defined(__aarch64__)
#define NATIVE_ARCH AUDIT_ARCH_AARCH64
#define SYSCALL_INSN_LEN 4
#else
#define NATIVE_ARCH 0
#define SYSCALL_INSN_LEN 0
#endif

/* Kernel-internal results of a call a signal interrupted (never seen by the program). */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514
#define ERESTART_RESTARTBLOCK 516

#ifndef CLOSE_RANGE_UNSHARE
#define CLOSE_RANGE_UNSHARE (1U << 1)
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/* ---------------------------------------------------------------------------------------------------- */
/* the text table, indexed by call name */

/* Rows are found by (call, variant, err) in one step: a hash of all three, then a check of each. */
enum { ROW_BUCKETS = 2048 };
static int row_head[ROW_BUCKETS];
static int *row_next;

static unsigned row_hash(const char *call, const char *variant, int err)
{
	unsigned h = 2166136261u;
	for (const char *s = call; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	h = (h ^ 0xffu) * 16777619u;
	for (const char *s = variant; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	h = (h ^ (unsigned)err) * 16777619u;
	return h % ROW_BUCKETS;
}

static void index_rows(void)
{
	size_t n = 0;
	while (explain_texts[n].call)
		n++;
	row_next = calloc(n ? n : 1, sizeof *row_next);
	if (!row_next)
		abort();
	for (int i = 0; i < ROW_BUCKETS; i++)
		row_head[i] = -1;
	/* the first row of the table wins when two have the same key: insert from the end */
	for (size_t i = n; i-- > 0;) {
		const struct explain_text *r = &explain_texts[i];
		unsigned h = row_hash(r->call, r->variant ? r->variant : "", r->err);
		row_next[i] = row_head[h];
		row_head[h] = (int)i;
	}
}

static const struct explain_text *find_row(const char *call, const char *variant, int err)
{
	if (!variant)
		variant = "";
	for (int i = row_head[row_hash(call, variant, err)]; i >= 0; i = row_next[i]) {
		const struct explain_text *r = &explain_texts[i];
		if (r->err == err && strcmp(r->call, call) == 0 && strcmp(r->variant ? r->variant : "", variant) == 0)
			return r;
	}
	return NULL;
}

/* ---------------------------------------------------------------------------------------------------- */
/* a note's placeholders */

enum { KV_MAX = 24, KV_LEN = 384 };

struct ctx {
	struct tcb *t;
	struct fm_table *tbl;
	bool want; /* a note is wanted: the line is printed, with explanations */
	int fd;    /* the fd {what} describes when no handler set it; -1 none */
	int path_arg; /* the argument {path} reads when no handler set it; -1 none */
	int nkv;
	struct {
		const char *key;
		char val[KV_LEN];
	} kv[KV_MAX];
};

static void ctx_init(struct ctx *c, struct tcb *t, struct fm_table *tbl, bool want)
{
	c->t = t;
	c->tbl = tbl;
	c->want = want;
	c->fd = -1;
	c->path_arg = -1;
	c->nkv = 0;
}

static char *slot_for(struct ctx *c, const char *key)
{
	for (int i = 0; i < c->nkv; i++)
		if (strcmp(c->kv[i].key, key) == 0)
			return c->kv[i].val;
	if (c->nkv == KV_MAX)
		return NULL;
	c->kv[c->nkv].key = key;
	c->kv[c->nkv].val[0] = '\0';
	return c->kv[c->nkv++].val;
}

static void setv(struct ctx *c, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void setv(struct ctx *c, const char *key, const char *fmt, ...)
{
	char *v = slot_for(c, key);
	if (!v)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(v, KV_LEN, fmt, ap);
	va_end(ap);
}

/* The same for the two common cases, without printf's machinery. */
static void sets(struct ctx *c, const char *key, const char *str)
{
	char *v = slot_for(c, key);
	if (!v)
		return;
	size_t n = strlen(str);
	if (n > KV_LEN - 1)
		n = KV_LEN - 1;
	memcpy(v, str, n);
	v[n] = '\0';
}

static void seti(struct ctx *c, const char *key, long long n)
{
	char digits[24], *p = digits + sizeof digits;
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10));
	if (n < 0)
		*--p = '-';
	sets(c, key, p);
}

static const char *getv(const struct ctx *c, const char *key)
{
	for (int i = 0; i < c->nkv; i++)
		if (strcmp(c->kv[i].key, key) == 0)
			return c->kv[i].val;
	return NULL;
}

static void describe_fd(struct ctx *c, int fd, char *out, size_t cap);
static void piece(struct ctx *c, const char *call, const char *variant, char *buf, size_t cap);
static void read_path(struct tcb *t, uint64_t addr, char *buf, size_t cap);

struct out {
	char *s;
	size_t len, cap;
};

static void out_put(struct out *o, const char *s, size_t n)
{
	if (o->len + 1 >= o->cap)
		return;
	if (n > o->cap - 1 - o->len)
		n = o->cap - 1 - o->len;
	memcpy(o->s + o->len, s, n);
	o->len += n;
	o->s[o->len] = '\0';
}

/* Values any note may use, made only when a note's text asks for them. */
static bool lazy_value(struct ctx *c, const char *key)
{
	struct tcb *t = c->t;
	if (strcmp(key, "name") == 0) {
		sets(c, "name", t->sys->name);
	} else if (strcmp(key, "ret") == 0) {
		seti(c, "ret", (long long)t->rval);
	} else if (strcmp(key, "fd") == 0) {
		seti(c, "fd", (int)t->args[0]);
	} else if (strcmp(key, "n") == 0) {
		seti(c, "n", (long long)t->rval);
	} else if (strcmp(key, "bytes") == 0) {
		struct ctx d;
		char buf[64];
		ctx_init(&d, t, c->tbl, true);
		seti(&d, "n", getv(c, "n") ? atoll(getv(c, "n")) : (long long)t->rval);
		piece(&d, "(bytes)", strcmp(getv(&d, "n"), "1") == 0 ? "one" : "", buf, sizeof buf);
		sets(c, "bytes", buf);
	} else if (strcmp(key, "errname") == 0 && t->error) {
		const char *name = errno_name(t->err);
		sets(c, "errname", name ? name : "E???");
	} else if (strcmp(key, "errtext") == 0 && t->error) {
		sets(c, "errtext", errno_text(t->err));
	} else {
		return false;
	}
	return true;
}

/* Fill tmpl's {placeholders}; an unknown one stays visible as {name}, so a missing value shows. */
static void render(struct ctx *c, const char *tmpl, char *buf, size_t cap)
{
	struct out o = { buf, 0, cap };
	buf[0] = '\0';
	for (const char *p = tmpl; *p;) {
		const char *open = strchr(p, '{');
		if (!open) {
			out_put(&o, p, strlen(p));
			break;
		}
		out_put(&o, p, (size_t)(open - p));
		const char *close = strchr(open, '}');
		if (!close) {
			out_put(&o, open, strlen(open));
			break;
		}
		char key[32];
		size_t klen = (size_t)(close - open - 1);
		if (klen >= sizeof key)
			klen = sizeof key - 1;
		memcpy(key, open + 1, klen);
		key[klen] = '\0';
		const char *v = getv(c, key);
		if (!v && lazy_value(c, key))
			v = getv(c, key);
		if (!v && strcmp(key, "what") == 0 && c->fd >= 0) {
			char what[KV_LEN];
			describe_fd(c, c->fd, what, sizeof what);
			sets(c, "what", what);
			v = getv(c, "what");
		} else if (!v && strcmp(key, "path") == 0 && c->path_arg >= 0) {
			char path[KV_LEN];
			read_path(c->t, c->t->args[c->path_arg], path, sizeof path);
			sets(c, "path", path);
			v = getv(c, "path");
		}
		if (v)
			out_put(&o, v, strlen(v));
		else
			out_put(&o, open, (size_t)(close - open + 1));
		p = close + 1;
	}
}

/* A piece of text from the table, e.g. ("(event)", "data"), rendered with c's values. */
static void piece(struct ctx *c, const char *call, const char *variant, char *buf, size_t cap)
{
	const struct explain_text *r = find_row(call, variant, 0);
	if (!r)
		r = find_row(call, "", 0);
	if (r)
		render(c, r->brief, buf, cap);
	else
		snprintf(buf, cap, "%s", variant);
}

static void say_row(struct ctx *c, const struct explain_text *r)
{
	char buf[1024];
	struct sb *note = &c->t->note;
	sb_reset(note);
	render(c, r->brief, buf, sizeof buf);
	sb_puts(note, buf);
	if (opt.explain_level >= 2 && r->why) {
		render(c, r->why, buf, sizeof buf);
		sb_puts(note, ". ");
		sb_puts(note, buf);
	}
}

static void say_class(struct ctx *c);

/* Say the row for (call, variant) and this call's outcome, falling back to the plain variant, then to
 * the rows for any call, then to the call's class. */
static void say(struct ctx *c, const char *call, const char *variant)
{
	struct tcb *t = c->t;
	int err = t->error ? t->err : 0;
	const struct explain_text *r = find_row(call, variant, err);
	if (!r && variant && *variant)
		r = find_row(call, "", err);
	if (err == EPERM && c->tbl->seccomp)
		r = find_row("*", "seccomp", EPERM);
	if (!r && err) {
		r = find_row("*", "", err);
		if (!r)
			r = find_row("*", "", -1);
	}
	if (r)
		say_row(c, r);
	else
		say_class(c);
}

/* ---------------------------------------------------------------------------------------------------- */
/* reading the tracee */

static bool read_int(struct tcb *t, uint64_t addr, int *v)
{
	return addr && mem_read(t, addr, v, sizeof *v) == 0;
}

static bool read_sockaddr(struct tcb *t, uint64_t addr, uint64_t len, struct fm_addr *a)
{
	memset(a, 0, sizeof *a);
	if (!addr || len < sizeof(sa_family_t))
		return false;
	if (len > sizeof a->ss)
		len = sizeof a->ss;
	if (mem_read(t, addr, &a->ss, (size_t)len) != 0)
		return false;
	a->len = (socklen_t)len;
	return true;
}

/* A sockaddr the kernel wrote back, its length in *lenp (accept, getsockname, recvfrom). */
static bool read_sockaddr_out(struct tcb *t, uint64_t addr, uint64_t lenp, struct fm_addr *a)
{
	int len;
	memset(a, 0, sizeof *a);
	if (!addr || !read_int(t, lenp, &len) || len <= 0)
		return false;
	return read_sockaddr(t, addr, (uint64_t)len, a);
}

static void read_path(struct tcb *t, uint64_t addr, char *buf, size_t cap)
{
	bool cut;
	if (mem_read_cstr(t, addr, buf, cap - 1, &cut) < 0)
		snprintf(buf, cap, "?");
}

/* A copy of the tracee's fd in the tracer (pidfd_getfd: its tracer may), to ask the kernel what the trace
 * cannot show: an option set by a call a filter kept from us, or left at a sysctl's default
 * (net.ipv6.bindv6only). Only for notes, rarely. -1 when it cannot be had; the caller closes it. */
static int borrow_fd(struct tcb *t, int fd)
{
	int pidfd = (int)syscall(SYS_pidfd_open, t->tgid > 0 ? t->tgid : t->pid, 0);
	if (pidfd < 0)
		return -1;
	int mine = (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	int err = errno;
	close(pidfd);
	errno = err;
	return mine;
}

/* Whether an IPv6 socket's bind of a v4-mapped address failed with EINVAL for being IPv6-only: the kernel
 * first refuses a socket that has an address already (its port is not 0), then any IPv4 address on an
 * IPv6-only socket. The model (f, bound before the call) is the fallback: less sure, since a filter may have
 * hidden the close, and the socket, that reused the fd number. */
static bool refused_as_v6only(struct tcb *t, int fd, const struct fm_file *f, bool model_bound)
{
	int mine = borrow_fd(t, fd);
	if (mine < 0)
		return f && f->family == AF_INET6 && !model_bound;
	struct sockaddr_in6 local;
	memset(&local, 0, sizeof local);
	socklen_t len = sizeof local;
	int v6only = 0;
	socklen_t vlen = sizeof v6only;
	bool bound = getsockname(mine, (struct sockaddr *)&local, &len) == 0 && local.sin6_family == AF_INET6 &&
		     local.sin6_port != 0;
	bool only = getsockopt(mine, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &vlen) == 0 && v6only;
	close(mine);
	return !bound && only;
}

/* An IPv4 address written as an IPv6 one, ::ffff:a.b.c.d: "a.b.c.d" in buf. */
static bool v4_mapped(const struct fm_addr *a, char *buf, size_t cap)
{
	const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&a->ss;
	if (a->len < sizeof *in6 - sizeof in6->sin6_scope_id || a->ss.ss_family != AF_INET6 ||
	    !IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr))
		return false;
	return inet_ntop(AF_INET, &in6->sin6_addr.s6_addr[12], buf, (socklen_t)cap) != NULL;
}

/* The same IP address and port. */
static bool same_inet(const struct fm_addr *a, const struct fm_addr *b)
{
	if (a->len == 0 || b->len == 0 || a->ss.ss_family != b->ss.ss_family || fm_addr_port(a) != fm_addr_port(b))
		return false;
	if (a->ss.ss_family == AF_INET)
		return ((const struct sockaddr_in *)&a->ss)->sin_addr.s_addr ==
		       ((const struct sockaddr_in *)&b->ss)->sin_addr.s_addr;
	if (a->ss.ss_family == AF_INET6)
		return IN6_ARE_ADDR_EQUAL(&((const struct sockaddr_in6 *)&a->ss)->sin6_addr,
					  &((const struct sockaddr_in6 *)&b->ss)->sin6_addr);
	return false;
}

/* ---------------------------------------------------------------------------------------------------- */
/* what an fd is, in words */

static const char *sock_name(const struct fm_file *f, char *buf, size_t cap)
{
	int type = f->type & 0xf;
	const char *fam = f->family == AF_INET ? "IPv4" : f->family == AF_INET6 ? "IPv6" : NULL;
	if (fam && type == SOCK_STREAM)
		snprintf(buf, cap, "TCP/%s", fam);
	else if (fam && type == SOCK_DGRAM)
		snprintf(buf, cap, "UDP/%s", fam);
	else if (fam && type == SOCK_RAW)
		snprintf(buf, cap, "raw %s", fam);
	else if (f->family == AF_UNIX)
		snprintf(buf, cap, "UNIX %s", type == SOCK_DGRAM ? "datagram" : type == SOCK_SEQPACKET ? "seqpacket" : "stream");
	else if (f->family == AF_NETLINK)
		snprintf(buf, cap, "netlink");
	else if (f->family == AF_PACKET)
		snprintf(buf, cap, "packet");
	else if (f->family)
		snprintf(buf, cap, "family-%d", f->family);
	else
		snprintf(buf, cap, "unknown");
	return buf;
}

static bool is_stream(const struct fm_file *f)
{
	return f && f->kind == FK_SOCKET && ((f->type & 0xf) == SOCK_STREAM || (f->type & 0xf) == SOCK_SEQPACKET);
}

static void peer_text(struct ctx *c, int fd, struct fm_file *f, char *out, size_t cap)
{
	if (f && f->kind == FK_SOCKET && f->peer_pending && c->want)
		fm_probe_socket(c->tbl, c->t->pid, fd, f);
	if (f && fm_addr_named(&f->peer)) {
		const char *text = fm_peer_text(f);
		size_t n = strlen(text);
		if (n >= cap)
			n = cap - 1;
		memcpy(out, text, n);
		out[n] = '\0';
	} else {
		piece(c, "(peer)", "", out, cap);
	}
}

/* The local address, asking the kernel once when bind said port 0 or nothing was bound. */
static void local_text(struct ctx *c, int fd, struct fm_file *f, char *out, size_t cap)
{
	if (!f->local_probed && (f->local.len == 0 || fm_addr_port(&f->local) == 0))
		fm_probe_socket(c->tbl, c->t->pid, fd, f);
	fm_addr_text(&f->local, out, cap);
}

static void fd_list_text(const int *fds, int shown, int count, char *out, size_t cap)
{
	struct out o = { out, 0, cap };
	char num[32];
	out[0] = '\0';
	if (count == 1) {
		snprintf(num, sizeof num, "fd %d", fds[0]);
		out_put(&o, num, strlen(num));
		return;
	}
	if (count > shown) {
		snprintf(num, sizeof num, "%d fds (", count);
		out_put(&o, num, strlen(num));
		for (int i = 0; i < shown; i++) {
			snprintf(num, sizeof num, "%s%d", i ? ", " : "", fds[i]);
			out_put(&o, num, strlen(num));
		}
		out_put(&o, ", ...)", 6);
		return;
	}
	out_put(&o, "fds ", 4);
	for (int i = 0; i < count; i++) {
		snprintf(num, sizeof num, "%s%d", i == 0 ? "" : i == count - 1 ? " and " : ", ", fds[i]);
		out_put(&o, num, strlen(num));
	}
}

static const char *std_name(int fd)
{
	static const char *const names[] = { "stdin", "stdout", "stderr" };
	return fd >= 0 && fd <= 2 ? names[fd] : "";
}

static void describe_file(struct ctx *c, int fd, struct fm_file *f, char *out, size_t cap)
{
	struct ctx d;
	char buf[KV_LEN];
	const char *v = "unknown";
	ctx_init(&d, c->t, c->tbl, c->want);
	seti(&d, "fd", fd);
	if (!f) {
		struct fm_slot *s = fm_slot(c->tbl, c->t->pid, fd);
		piece(&d, "(fd)", s && s->state != FS_OPEN ? "closed" : "unknown", out, cap);
		return;
	}
	switch (f->kind) {
	case FK_SOCKET:
		/* not bound, says the model: unless a filter hid the bind and listen from us (-f -e trace=accept4
		 * stops the program at nothing else), so the kernel is asked */
		if (f->state == SS_NEW && c->want)
			fm_probe_socket(c->tbl, c->t->pid, fd, f);
		sets(&d, "sock", sock_name(f, buf, sizeof buf));
		switch (f->state) {
		case SS_LISTENING:
			local_text(c, fd, f, buf, sizeof buf);
			sets(&d, "local", buf);
			seti(&d, "backlog", f->backlog);
			v = f->backlog > 0 ? "listener" : "listener-nobacklog";
			if (fm_addr_port(&f->local) == 0) {
				/* the port is the kernel's choice, and the kernel can no longer say which (fd closed) */
				fm_host_text(&f->local, buf, sizeof buf);
				sets(&d, "host", buf);
				v = f->backlog > 0 ? "listener-port0" : "listener-port0-nobacklog";
			}
			break;
		case SS_ACCEPTED:
			peer_text(c, fd, f, buf, sizeof buf);
			sets(&d, "peer", buf);
			seti(&d, "lfd", f->from_fd);
			fm_addr_text(&f->local, buf, sizeof buf);
			sets(&d, "local", buf);
			seti(&d, "port", fm_addr_port(&f->local));
			if (!fm_addr_named(&f->peer))
				v = "conn-in-nopeer";
			else if (fm_addr_port(&f->local) <= 0)
				v = "conn-in-noport";
			else if (fm_addr_is_any(&f->local))
				v = "conn-in-any";
			else
				v = "conn-in";
			break;
		case SS_CONNECTED:
			peer_text(c, fd, f, buf, sizeof buf);
			sets(&d, "peer", buf);
			if (f->peer.len == 0 && f->pair_fd >= 0) {
				v = "pair";
			} else if (!is_stream(f)) {
				v = "dgram-peer";
			} else if (f->unseen && f->local.len) {
				fm_addr_text(&f->local, buf, sizeof buf);
				sets(&d, "local", buf);
				v = "conn";
			} else {
				v = "conn-out";
			}
			break;
		case SS_CONNECTING:
			fm_addr_text(&f->peer, buf, sizeof buf);
			sets(&d, "peer", buf);
			v = "connecting";
			break;
		case SS_BOUND:
			local_text(c, fd, f, buf, sizeof buf);
			sets(&d, "local", buf);
			v = "sock-bound";
			if (fm_addr_port(&f->local) == 0) {
				/* bound to port 0 and never asked, and the kernel cannot say (e.g. the fd is closed) */
				fm_host_text(&f->local, buf, sizeof buf);
				sets(&d, "host", buf);
				v = "sock-bound-port0";
			}
			break;
		case SS_NEW:
			v = "sock-new";
			break;
		}
		break;
	case FK_EPOLL: {
		int fds[6];
		int n = fm_epoll_fds(f, fds, 6);
		fd_list_text(fds, n < 6 ? n : 4, n, buf, sizeof buf);
		sets(&d, "list", buf);
		v = n ? "epoll" : "epoll-empty";
		break;
	}
	case FK_EVENTFD:
		v = "eventfd";
		break;
	case FK_PIPE:
		v = f->write_end ? "pipe-w" : "pipe-r";
		break;
	case FK_FILE:
	case FK_TTY:
	case FK_OTHER:
		sets(&d, "path", f->path[0] ? f->path : "?");
		v = f->kind == FK_FILE ? "file" : f->kind == FK_TTY ? "tty" : "other";
		break;
	case FK_UNKNOWN:
		v = "unknown";
		break;
	}
	if (fd >= 0 && fd <= 2 && f->unseen) {
		piece(&d, "(fd)", v, buf, sizeof buf);
		sets(&d, "what", buf);
		sets(&d, "std", std_name(fd));
		piece(&d, "(fd)", "std", out, cap);
		return;
	}
	piece(&d, "(fd)", v, out, cap);
}

static void describe_fd(struct ctx *c, int fd, char *out, size_t cap)
{
	describe_file(c, fd, fm_file_at(c->tbl, c->t->pid, fd), out, cap);
}

/* The fd's file, learning it if never met; when the call succeeded although the model says the fd is
 * not open, the model missed something: ask /proc again. */
static struct fm_file *use_fd(struct ctx *c, int fd)
{
	struct fm_slot *s = fm_slot(c->tbl, c->t->pid, fd);
	if (!s)
		return NULL;
	if (s->state != FS_OPEN && !c->t->error) {
		fm_relearn(c->tbl, c->t->pid, fd);
		s = fm_slot(c->tbl, c->t->pid, fd);
	}
	return s && s->state == FS_OPEN ? s->f : NULL;
}

/* " (non-blocking, close-on-exec)" or "" */
static void flags_text(struct ctx *c, bool nonblock, bool cloexec)
{
	char a[64] = "", b[64] = "";
	if (nonblock)
		piece(c, "(flag)", "nonblock", a, sizeof a);
	if (cloexec)
		piece(c, "(flag)", "cloexec", b, sizeof b);
	if (nonblock && cloexec)
		setv(c, "flags", " (%s, %s)", a, b);
	else if (nonblock || cloexec)
		setv(c, "flags", " (%s)", nonblock ? a : b);
	else
		sets(c, "flags", "");
}

/* Which readiness call the loop uses, for "that is why the loop waits in ...". */
static void waiter_value(struct ctx *c, struct fm_file *f)
{
	char buf[64];
	const char *w = c->tbl->waiter;
	if (!w && f && f->nw > 0)
		w = "epoll";
	piece(c, "(waiter)", w ? w : "", buf, sizeof buf);
	sets(c, "waiter", buf);
}

/* ---------------------------------------------------------------------------------------------------- */
/* the class fallback */

static bool first_arg_is_fd(const char *name)
{
	static const char *const names[] = {
		"fsync", "fdatasync", "ftruncate", "fchmod", "fchown", "fstatfs", "flock", "fadvise64", "readahead",
		"fallocate", "syncfs", "fchdir", "fgetxattr", "fsetxattr", "flistxattr", "fremovexattr", "getdents",
		"getdents64", "timerfd_settime", "timerfd_gettime", "inotify_add_watch", "inotify_rm_watch",
		"sync_file_range", "copy_file_range", "splice", "tee", "vmsplice", NULL,
	};
	for (int i = 0; names[i]; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

static void say_class(struct ctx *c)
{
	struct tcb *t = c->t;
	const char *name = t->sys->name;
	unsigned cl = t->sys->classes;
	const char *key = "%other";
	if (t->error) {
		const struct explain_text *r = c->path_arg >= 0 ? find_row("%file", "", t->err) : NULL;
		if (t->err == EPERM && c->tbl->seccomp)
			r = find_row("*", "seccomp", EPERM);
		if (!r)
			r = find_row("*", "", t->err);
		if (!r)
			r = find_row("*", "", -1);
		if (r) {
			if (c->fd < 0)
				c->fd = (int)t->args[0];
			say_row(c, r);
		}
		return;
	}
	if (cl & TRACE_NETWORK) {
		key = "%network";
		c->fd = (int)t->args[0];
	} else if (cl & TRACE_MEMORY) {
		key = "%memory";
	} else if ((cl & TRACE_DESC) && first_arg_is_fd(name)) {
		key = "%desc";
		c->fd = (int)t->args[0];
	} else if (cl & TRACE_STAT) {
		key = "%stat";
	} else if (cl & TRACE_FILE) {
		key = "%file";
	} else if (cl & TRACE_PROCESS) {
		key = "%process";
	} else if (cl & TRACE_SIGNAL) {
		key = "%signal";
	} else if (cl & TRACE_DESC) {
		key = "%desc-nofd";
	} else if (cl & TRACE_CLOCK) {
		key = "%clock";
	} else if (cl & TRACE_CREDS) {
		key = "%creds";
	} else if (cl & TRACE_IPC) {
		key = "%ipc";
	}
	const struct explain_text *r = find_row(key, "", 0);
	if (r)
		say_row(c, r);
}

/* ---------------------------------------------------------------------------------------------------- */
/* handlers: keep the model right, then (when c->want) say what happened */

#define ARG(i) (c->t->args[i])
#define IARG(i) ((int)c->t->args[i])
#define FAILED (c->t->error)
#define ERR (c->t->error ? c->t->err : 0)
#define RET (c->t->rval)

/* Which argument of a file-system call is its path (most take it first, the *at calls second). */
static int path_arg(const struct sysent *s)
{
	static const struct {
		const char *name;
		int arg;
	} odd[] = {
		{ "symlinkat", 2 }, { "inotify_add_watch", 1 }, { "fanotify_mark", 4 }, { "mount", 1 },
		{ "quotactl", 1 }, { "statx", 1 }, { "openat2", 1 }, { "faccessat2", 1 }, { "fchmodat2", 1 },
		{ "execveat", 1 }, { "open_tree", 1 }, { "fspick", 1 }, { "move_mount", 1 }, { "mount_setattr", 1 },
		{ "renameat2", 1 }, { "name_to_handle_at", 1 },
	};
	if (!(s->classes & TRACE_FILE))
		return -1;
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
		if (strcmp(odd[i].name, s->name) == 0)
			return odd[i].arg;
	size_t len = strlen(s->name);
	return len > 2 && strcmp(s->name + len - 2, "at") == 0 ? 1 : 0;
}

static void h_default(struct ctx *c)
{
	if (!c->want)
		return;
	const char *name = c->t->sys->name;
	int err = ERR;
	c->path_arg = path_arg(c->t->sys);
	const struct explain_text *r = find_row(name, "", err);
	if (r) {
		c->fd = IARG(0);
		say_row(c, r);
		return;
	}
	say_class(c);
}

static const char *sock_variant(int family, int type)
{
	type &= 0xf;
	if (family == AF_UNIX)
		return "unix";
	if ((family == AF_INET || family == AF_INET6) && type == SOCK_STREAM)
		return "tcp";
	if ((family == AF_INET || family == AF_INET6) && type == SOCK_DGRAM)
		return "udp";
	return "other";
}

static void h_socket(struct ctx *c)
{
	int family = IARG(0), type = IARG(1);
	struct fm_file *f = NULL;
	if (!FAILED && (f = fm_install(c->tbl, (int)RET, FK_SOCKET, type & SOCK_CLOEXEC))) {
		f->family = family;
		f->type = type & 0xf;
		f->protocol = IARG(2);
		f->nonblock = (type & SOCK_NONBLOCK) != 0;
	}
	if (!c->want)
		return;
	struct fm_file tmp = { .family = family, .type = type & 0xf };
	char buf[64];
	sets(c, "sock", sock_name(&tmp, buf, sizeof buf));
	flags_text(c, type & SOCK_NONBLOCK, type & SOCK_CLOEXEC);
	say(c, "socket", sock_variant(family, type));
}

static void h_socketpair(struct ctx *c)
{
	int sv[2] = { -1, -1 };
	int family = IARG(0), type = IARG(1);
	if (!FAILED && mem_read(c->t, ARG(3), sv, sizeof sv) == 0) {
		for (int i = 0; i < 2; i++) {
			struct fm_file *f = fm_install(c->tbl, sv[i], FK_SOCKET, type & SOCK_CLOEXEC);
			if (!f)
				continue;
			f->family = family;
			f->type = type & 0xf;
			f->state = SS_CONNECTED;
			f->nonblock = (type & SOCK_NONBLOCK) != 0;
			f->pair_fd = sv[1 - i];
		}
	}
	if (!c->want)
		return;
	struct fm_file tmp = { .family = family, .type = type & 0xf };
	char buf[64];
	sets(c, "sock", sock_name(&tmp, buf, sizeof buf));
	seti(c, "fd0", sv[0]);
	seti(c, "fd1", sv[1]);
	say(c, "socketpair", "");
}

/* A socket of the tracee as the kernel sees it: its type, local address and SO_REUSEPORT. */
struct sock_seen {
	int type;
	struct fm_addr local;
	bool reuseport;
};

/* false when the kernel cannot be asked; *open says whether fd is open at all */
static bool ask_socket(struct tcb *t, int fd, struct sock_seen *s, bool *open)
{
	int mine = borrow_fd(t, fd);
	*open = mine >= 0 || errno != EBADF;
	if (mine < 0)
		return false;
	int v = 0;
	socklen_t len = sizeof v;
	memset(s, 0, sizeof *s);
	s->type = getsockopt(mine, SOL_SOCKET, SO_TYPE, &v, &len) == 0 ? v : -1;
	len = sizeof v;
	s->reuseport = getsockopt(mine, SOL_SOCKET, SO_REUSEPORT, &v, &len) == 0 && v;
	s->local.len = sizeof s->local.ss;
	if (getsockname(mine, (struct sockaddr *)&s->local.ss, &s->local.len) != 0)
		s->local.len = 0;
	close(mine);
	return true;
}

/* Whether fd, just bound to a, set SO_REUSEPORT: the kernel says, since a filter may have hidden the
 * setsockopt (or the close and socket that reused the fd number); the model when the kernel cannot. */
static bool has_reuseport(struct ctx *c, int fd, struct fm_file *f, int *type)
{
	struct sock_seen k;
	bool open;
	*type = f->type & 0xf;
	if (!ask_socket(c->t, fd, &k, &open))
		return f->reuseport;
	f->reuseport = k.reuseport;
	if (k.type > 0)
		*type = k.type;
	return k.reuseport;
}

/* The other open fds of this process bound to a with SO_REUSEPORT too (one fd per socket): the group the
 * kernel shares new connections among. The model names the candidates; the kernel, when it can, confirms
 * each, for the model may not have seen it closed. Other processes' sockets are not in our model. */
static int reuseport_group(struct ctx *c, int fd, struct fm_file *f, int type, const struct fm_addr *a, int *out,
			   int max)
{
	struct fm_file *seen[16];
	int n = 0, nseen = 0;
	for (int i = 0; i < c->tbl->cap; i++) {
		struct fm_slot *s = &c->tbl->slots[i];
		struct fm_file *g = s->state == FS_OPEN ? s->f : NULL;
		if (i == fd || !g || g == f || g->kind != FK_SOCKET || !same_inet(&g->local, a))
			continue;
		bool again = false;
		for (int k = 0; k < nseen; k++)
			again |= seen[k] == g;
		if (again)
			continue;
		struct sock_seen k;
		bool open, member = (g->type & 0xf) == type && g->reuseport;
		if (ask_socket(c->t, i, &k, &open))
			member = k.type == type && k.reuseport && same_inet(&k.local, a);
		else if (!open)
			member = false;
		if (!member)
			continue;
		g->reuseport = true;
		if (nseen < 16)
			seen[nseen++] = g;
		if (n < max)
			out[n] = i;
		n++;
	}
	return n;
}

static void h_bind(struct ctx *c)
{
	int fd = IARG(0);
	struct fm_file *f = use_fd(c, fd);
	struct fm_addr a;
	bool have = read_sockaddr(c->t, ARG(1), ARG(2), &a);
	int family = have ? a.ss.ss_family : 0;
	/* a second bind fails with EINVAL: whether this socket had an address before this call */
	bool was_bound = f && (f->state != SS_NEW || fm_addr_port(&f->local) > 0);
	if (!FAILED && f && have) {
		f->local = a;
		if (f->state == SS_NEW)
			f->state = SS_BOUND;
		f->port0 = fm_addr_port(&a) == 0;
		f->local_probed = false;
		/* bind itself picks the port: ask it now, while the fd is surely open, so that later notes (a close,
		 * a copy in another process) name the port even when the program's getsockname is not traced */
		if (f->port0 && (family == AF_INET || family == AF_INET6))
			fm_probe_socket(c->tbl, c->t->pid, fd, f);
	}
	if (!c->want)
		return;
	char buf[KV_LEN];
	const char *v = "inet";
	int type = 0;
	fm_addr_text(&a, buf, sizeof buf);
	sets(c, "addr", have ? buf : "?");
	fm_host_text(&a, buf, sizeof buf);
	sets(c, "host", buf);
	c->fd = fd;
	if (family == AF_UNIX) {
		v = a.len > offsetof(struct sockaddr_un, sun_path) &&
				    ((struct sockaddr_un *)&a.ss)->sun_path[0] == '\0'
			    ? "unix-abstract"
			    : "unix";
		if (FAILED && ERR != EADDRINUSE && ERR != EACCES)
			v = "";
	} else if (FAILED && ERR == EADDRINUSE) {
		v = f && f->reuseaddr ? "reuse" : "noreuse";
	} else if (FAILED && ERR == EINVAL && v4_mapped(&a, buf, sizeof buf) && refused_as_v6only(c->t, fd, f, was_bound)) {
		sets(c, "v4", buf);
		v = "v6only-mapped";
	} else if (family == AF_INET || family == AF_INET6) {
		sets(c, "ipv", family == AF_INET ? "IPv4" : "IPv6");
		if (fm_addr_port(&a) == 0) {
			v = "port0";
		} else if (!FAILED && f && has_reuseport(c, fd, f, &type)) {
			int others[6];
			int n = reuseport_group(c, fd, f, type, &a, others, 6);
			piece(c, "(spread)", type == SOCK_DGRAM ? "dgram" : "stream", buf, sizeof buf);
			sets(c, "spread", buf);
			if (n) {
				fd_list_text(others, n < 6 ? n : 4, n, buf, sizeof buf);
				sets(c, "others", buf);
			}
			v = n ? "reuseport-shared" : "reuseport";
		} else if (fm_addr_is_any(&a)) {
			v = family == AF_INET ? "inet-any" : "inet6-any";
		} else if (fm_addr_is_loopback(&a)) {
			v = "inet-loopback";
		}
	}
	say(c, "bind", v);
}

static void h_listen(struct ctx *c)
{
	int fd = IARG(0), asked = IARG(1);
	struct fm_file *f = use_fd(c, fd);
	int somax = fm_somaxconn();
	int eff = (unsigned)asked > (unsigned)somax ? somax : asked;
	const char *v = "";
	if (f && !FAILED) {
		if (f->state == SS_LISTENING)
			v = "again";
		else if (f->state == SS_NEW && f->local.len == 0)
			v = "autobind";
		f->state = SS_LISTENING;
		f->backlog = eff;
		f->asked_backlog = asked;
		/* a listener has a port by now (bind's, or the one listen gave an unbound socket): if the model
		 * has none, a bind was hidden from us, or came before the trace */
		if (fm_addr_port(&f->local) == 0 || (f->local.len == 0 && (f->family == AF_INET || f->family == AF_INET6)))
			fm_probe_socket(c->tbl, c->t->pid, fd, f);
	}
	if (!c->want)
		return;
	if (!*v && eff != asked)
		v = "capped";
	seti(c, "backlog", eff);
	seti(c, "asked", asked);
	char buf[KV_LEN];
	if (f) {
		sets(c, "sock", sock_name(f, buf, sizeof buf));
		fm_addr_text(&f->local, buf, sizeof buf);
		sets(c, "addr", buf);
	}
	c->fd = fd;
	say(c, "listen", v);
}

static void h_accept(struct ctx *c)
{
	int lfd = IARG(0);
	bool is4 = strcmp(c->t->sys->name, "accept4") == 0;
	int flags = is4 ? IARG(3) : 0;
	struct fm_file *lf = use_fd(c, lfd);
	struct fm_file *f = NULL;
	if (!FAILED) {
		struct fm_addr a;
		bool have = read_sockaddr_out(c->t, ARG(1), ARG(2), &a);
		/* the local address comes from the listener: make sure its port is known. A listener the model
		 * does not know as one had its bind and listen hidden by a filter: the kernel knows them. */
		if (lf && (lf->state != SS_LISTENING ||
			   (!lf->local_probed && (lf->local.len == 0 || fm_addr_port(&lf->local) == 0))))
			fm_probe_socket(c->tbl, c->t->pid, lfd, lf);
		if (lf && lf->kind == FK_SOCKET)
			lf->state = SS_LISTENING;
		f = fm_install(c->tbl, (int)RET, FK_SOCKET, flags & SOCK_CLOEXEC);
		if (f) {
			f->family = lf ? lf->family : have ? a.ss.ss_family : 0;
			f->type = lf ? lf->type : SOCK_STREAM;
			f->protocol = lf ? lf->protocol : 0;
			f->state = SS_ACCEPTED;
			f->from_fd = lfd;
			f->nonblock = (flags & SOCK_NONBLOCK) != 0;
			if (lf)
				f->local = lf->local;
			if (have && fm_addr_named(&a))
				fm_set_peer(f, &a);
			else if (!have || a.ss.ss_family != AF_UNIX)
				f->peer_pending = true; /* accept gave no address: ask the kernel if a note needs it */
		}
	}
	if (!c->want)
		return;
	c->fd = lfd;
	const char *v = "";
	if (f) {
		char buf[KV_LEN];
		peer_text(c, (int)RET, f, buf, sizeof buf);
		sets(c, "peer", buf);
		if (!fm_addr_named(&f->peer))
			v = "nopeer";
		else if (v4_mapped(&f->peer, buf, sizeof buf)) {
			sets(c, "v4", buf);
			v = "mapped";
		}
		flags_text(c, flags & SOCK_NONBLOCK, flags & SOCK_CLOEXEC);
	}
	waiter_value(c, lf);
	say(c, "accept", v);
}

static void h_connect(struct ctx *c)
{
	int fd = IARG(0);
	struct fm_file *f = use_fd(c, fd);
	struct fm_addr a;
	bool have = read_sockaddr(c->t, ARG(1), ARG(2), &a);
	bool unspec = have && a.ss.ss_family == AF_UNSPEC;
	if (f && have) {
		if (!FAILED && unspec) {
			fm_set_peer(f, &(struct fm_addr){ .len = 0 });
			f->state = f->local.len ? SS_BOUND : SS_NEW;
		} else if (!FAILED) {
			fm_set_peer(f, &a);
			f->state = SS_CONNECTED;
		} else if (ERR == EINPROGRESS) {
			fm_set_peer(f, &a);
			f->state = SS_CONNECTING;
		}
	}
	if (!c->want)
		return;
	char buf[KV_LEN];
	fm_addr_text(&a, buf, sizeof buf);
	sets(c, "peer", have ? buf : "?");
	c->fd = fd;
	waiter_value(c, f);
	const char *v = "";
	if (unspec)
		v = "unspec";
	else if (have && a.ss.ss_family == AF_UNIX)
		v = "unix";
	else if (f && !is_stream(f) && !FAILED)
		v = "dgram";
	say(c, "connect", v);
}

static void h_getsockname(struct ctx *c)
{
	int fd = IARG(0);
	struct fm_file *f = use_fd(c, fd);
	struct fm_addr a;
	bool have = !FAILED && read_sockaddr_out(c->t, ARG(1), ARG(2), &a);
	bool picked = false;
	if (f && have) {
		picked = f->port0 && fm_addr_port(&a) > 0;
		f->local = a;
		f->port0 = false;
		f->local_probed = true;
	}
	if (!c->want)
		return;
	char buf[KV_LEN];
	const char *v = "";
	if (have) {
		fm_addr_text(&a, buf, sizeof buf);
		sets(c, "addr", buf);
		seti(c, "port", fm_addr_port(&a));
		if (picked)
			v = "picked";
		else if (f && (f->state == SS_ACCEPTED || f->state == SS_CONNECTED) && is_stream(f))
			v = "conn";
		else if ((fm_addr_port(&a) == 0 && fm_addr_is_any(&a)) ||
			 (a.ss.ss_family == AF_UNIX && a.len <= offsetof(struct sockaddr_un, sun_path)))
			v = "unbound";
	}
	c->fd = fd;
	say(c, "getsockname", v);
}

static void h_getpeername(struct ctx *c)
{
	int fd = IARG(0);
	struct fm_file *f = use_fd(c, fd);
	struct fm_addr a;
	bool have = !FAILED && read_sockaddr_out(c->t, ARG(1), ARG(2), &a);
	if (f && have) {
		fm_set_peer(f, &a);
		f->peer_pending = false;
	}
	if (!c->want)
		return;
	char buf[KV_LEN];
	fm_addr_text(&a, buf, sizeof buf);
	sets(c, "addr", have ? buf : "?");
	c->fd = fd;
	say(c, "getpeername", "");
}

static const char *sockopt_name(int level, int opt, char *buf, size_t cap)
{
	static const struct xlat sol[] = {
		XLAT(SO_DEBUG), XLAT(SO_REUSEADDR), XLAT(SO_TYPE), XLAT(SO_ERROR), XLAT(SO_DONTROUTE),
		XLAT(SO_BROADCAST), XLAT(SO_SNDBUF), XLAT(SO_RCVBUF), XLAT(SO_KEEPALIVE), XLAT(SO_OOBINLINE),
		XLAT(SO_LINGER), XLAT(SO_REUSEPORT), XLAT(SO_RCVLOWAT), XLAT(SO_SNDLOWAT), XLAT(SO_RCVTIMEO),
		XLAT(SO_SNDTIMEO), XLAT(SO_ACCEPTCONN), XLAT(SO_PROTOCOL), XLAT(SO_DOMAIN), XLAT(SO_PRIORITY),
		XLAT(SO_MARK), XLAT(SO_BINDTODEVICE), XLAT(SO_TIMESTAMP), XLAT(SO_PASSCRED), XLAT(SO_PEERCRED),
		XLAT(SO_INCOMING_CPU), XLAT(SO_ZEROCOPY), XLAT(SO_BUSY_POLL), XLAT_END,
	};
	static const struct xlat tcp[] = {
		XLAT(TCP_NODELAY), XLAT(TCP_MAXSEG), XLAT(TCP_CORK), XLAT(TCP_KEEPIDLE), XLAT(TCP_KEEPINTVL),
		XLAT(TCP_KEEPCNT), XLAT(TCP_SYNCNT), XLAT(TCP_LINGER2), XLAT(TCP_DEFER_ACCEPT), XLAT(TCP_WINDOW_CLAMP),
		XLAT(TCP_INFO), XLAT(TCP_QUICKACK), XLAT(TCP_CONGESTION), XLAT(TCP_FASTOPEN), XLAT(TCP_USER_TIMEOUT),
		XLAT(TCP_NOTSENT_LOWAT), XLAT_END,
	};
	static const struct xlat ip[] = {
		XLAT(IP_TOS), XLAT(IP_TTL), XLAT(IP_HDRINCL), XLAT(IP_OPTIONS), XLAT(IP_RECVOPTS), XLAT(IP_PKTINFO),
		XLAT(IP_MTU_DISCOVER), XLAT(IP_RECVERR), XLAT(IP_RECVTTL), XLAT(IP_RECVTOS), XLAT(IP_MTU),
		XLAT(IP_FREEBIND), XLAT(IP_TRANSPARENT), XLAT(IP_BIND_ADDRESS_NO_PORT), XLAT(IP_MULTICAST_IF),
		XLAT(IP_MULTICAST_TTL), XLAT(IP_MULTICAST_LOOP), XLAT(IP_ADD_MEMBERSHIP), XLAT(IP_DROP_MEMBERSHIP),
		XLAT_END,
	};
	static const struct xlat ipv6[] = {
		XLAT(IPV6_V6ONLY), XLAT(IPV6_UNICAST_HOPS), XLAT(IPV6_MULTICAST_IF), XLAT(IPV6_MULTICAST_HOPS),
		XLAT(IPV6_MULTICAST_LOOP), XLAT(IPV6_RECVPKTINFO), XLAT(IPV6_TCLASS), XLAT(IPV6_RECVERR), XLAT_END,
	};
	const char *name = NULL;
	if (level == SOL_SOCKET)
		name = xlat_name(sol, (uint64_t)opt);
	else if (level == IPPROTO_TCP)
		name = xlat_name(tcp, (uint64_t)opt);
	else if (level == IPPROTO_IP)
		name = xlat_name(ip, (uint64_t)opt);
	else if (level == IPPROTO_IPV6)
		name = xlat_name(ipv6, (uint64_t)opt);
	if (name)
		snprintf(buf, cap, "%s", name);
	else
		snprintf(buf, cap, "option %d of level %d", opt, level);
	return buf;
}

static void h_setsockopt(struct ctx *c)
{
	int fd = IARG(0), level = IARG(1), opt = IARG(2);
	struct fm_file *f = use_fd(c, fd);
	int val = 0;
	bool have = ARG(4) >= sizeof(int) && read_int(c->t, ARG(3), &val);
	if (!FAILED && f && level == SOL_SOCKET && opt == SO_LINGER && ARG(4) >= 8) {
		int lg[2];
		if (mem_read(c->t, ARG(3), lg, sizeof lg) == 0)
			f->linger0 = lg[0] && lg[1] == 0;
	}
	if (!FAILED && f && have && level == SOL_SOCKET) {
		if (opt == SO_REUSEADDR)
			f->reuseaddr = val != 0;
		else if (opt == SO_REUSEPORT)
			f->reuseport = val != 0;
	}
	if (!c->want)
		return;
	char name[64], v[80];
	sockopt_name(level, opt, name, sizeof name);
	sets(c, "opt", name);
	seti(c, "n", val);
	c->fd = fd;
	snprintf(v, sizeof v, "%s", name);
	bool boolean = (level == SOL_SOCKET && opt == SO_REUSEADDR) || (level == IPPROTO_TCP && opt == TCP_NODELAY) ||
		       (level == IPPROTO_IPV6 && opt == IPV6_V6ONLY);
	if (boolean && have && val == 0)
		snprintf(v, sizeof v, "%s-off", name);
	if (level == SOL_SOCKET && opt == SO_REUSEPORT) {
		char spread[64];
		piece(c, "(spread)", f && !is_stream(f) ? "dgram" : "stream", spread, sizeof spread);
		sets(c, "spread", spread);
	}
	if (level == SOL_SOCKET && opt == SO_LINGER && ARG(4) >= 8) {
		int lg[2];
		if (mem_read(c->t, ARG(3), lg, sizeof lg) == 0 && lg[0]) {
			seti(c, "n", lg[1]);
			snprintf(v, sizeof v, "%s", lg[1] == 0 ? "SO_LINGER-0" : "SO_LINGER");
		}
	}
	say(c, "setsockopt", v);
}

static void h_getsockopt(struct ctx *c)
{
	int fd = IARG(0), level = IARG(1), opt = IARG(2);
	struct fm_file *f = use_fd(c, fd);
	int val = 0;
	bool have = !FAILED && read_int(c->t, ARG(3), &val);
	const char *v = "";
	bool was_connecting = f && f->state == SS_CONNECTING;
	if (f && have && level == SOL_SOCKET && opt == SO_ERROR && was_connecting)
		f->state = val == 0 ? SS_CONNECTED : (f->local.len ? SS_BOUND : SS_NEW);
	if (!c->want)
		return;
	char name[64], buf[KV_LEN];
	sets(c, "opt", sockopt_name(level, opt, name, sizeof name));
	c->fd = fd;
	if (have && level == SOL_SOCKET && opt == SO_ERROR) {
		if (val == 0 && was_connecting) {
			v = "SO_ERROR-0-connect";
			fm_addr_text(&f->peer, buf, sizeof buf);
			sets(c, "peer", buf);
		} else if (val == 0) {
			v = "SO_ERROR-0";
		} else {
			v = "SO_ERROR";
			const char *en = errno_name(val);
			sets(c, "errname", en ? en : "E???");
			sets(c, "errtext", errno_text(val));
		}
	}
	say(c, "getsockopt", v);
}

static void h_shutdown(struct ctx *c)
{
	int fd = IARG(0), how = IARG(1);
	struct fm_file *f = use_fd(c, fd);
	if (f && !FAILED) {
		if (how == SHUT_RD || how == SHUT_RDWR)
			f->shut_rd = true;
		if (how == SHUT_WR || how == SHUT_RDWR)
			f->shut_wr = true;
	}
	if (!c->want)
		return;
	char buf[KV_LEN];
	peer_text(c, fd, f, buf, sizeof buf);
	sets(c, "peer", buf);
	c->fd = fd;
	say(c, "shutdown", how == SHUT_RD ? "SHUT_RD" : how == SHUT_WR ? "SHUT_WR" : how == SHUT_RDWR ? "SHUT_RDWR" : "");
}

/* The fds of the SCM_RIGHTS messages in the control data of the msghdr at ARG(1): up to max in out[],
 * how many in all. */
static int scm_rights(struct ctx *c, int *out, int max)
{
	struct msghdr mh;
	if (mem_read(c->t, ARG(1), &mh, sizeof mh) != 0 || !mh.msg_control || mh.msg_controllen < sizeof(struct cmsghdr))
		return 0;
	unsigned char ctl[1024] __attribute__((aligned(8)));
	size_t len = mh.msg_controllen < sizeof ctl ? mh.msg_controllen : sizeof ctl;
	if (mem_read(c->t, (uint64_t)(uintptr_t)mh.msg_control, ctl, len) != 0)
		return 0;
	struct msghdr local = { .msg_control = ctl, .msg_controllen = len };
	int n = 0;
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(&local); cm; cm = CMSG_NXTHDR(&local, cm)) {
		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS || cm->cmsg_len < CMSG_LEN(0))
			continue;
		size_t k = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		const unsigned char *data = CMSG_DATA(cm);
		for (size_t i = 0; i < k && data + (i + 1) * sizeof(int) <= ctl + len; i++) {
			if (n < max)
				memcpy(&out[n], data + i * sizeof(int), sizeof(int));
			n++;
		}
	}
	return n;
}

static void fds_value(struct ctx *c, const int *fds, int n, int max)
{
	char buf[KV_LEN];
	fd_list_text(fds, n < max ? n : max, n, buf, sizeof buf);
	sets(c, "fds", buf);
}

/* "GET /hello" when buf starts an HTTP request line; "HTTP/1.1 200 OK" for a response. */
static bool http_request(const char *b, size_t n, char *out, size_t cap)
{
	size_t m = 0;
	while (m < n && m < 16 && b[m] >= 'A' && b[m] <= 'Z')
		m++;
	if (m == 0 || m >= n || b[m] != ' ')
		return false;
	size_t t = m + 1;
	while (t < n && b[t] != ' ' && b[t] != '\r' && b[t] != '\n')
		t++;
	if (t + 6 > n || memcmp(b + t, " HTTP/", 6) != 0)
		return false;
	size_t tl = t - m - 1 > 60 ? 60 : t - m - 1;
	/* once per request under load: a copy, not snprintf's format parsing */
	struct out o = { out, 0, cap };
	out[0] = '\0';
	out_put(&o, b, m + 1);
	out_put(&o, b + m + 1, strnlen(b + m + 1, tl)); /* a NUL in the target ends it, as %.*s did */
	if (tl < t - m - 1)
		out_put(&o, "...", 3);
	return true;
}

static bool http_status(const char *b, size_t n, char *out, size_t cap)
{
	if (n < 12 || memcmp(b, "HTTP/1.", 7) != 0)
		return false;
	size_t e = 0;
	while (e < n && e < 60 && b[e] != '\r' && b[e] != '\n')
		e++;
	struct out o = { out, 0, cap };
	out[0] = '\0';
	out_put(&o, b, e);
	return true;
}

enum io_shape { IO_BUF, IO_IOV, IO_MSG, IO_MMSG, IO_SENDFILE };

static enum io_shape io_shape_of_name(const char *name)
{
	if (strcmp(name, "readv") == 0 || strcmp(name, "writev") == 0 || strncmp(name, "preadv", 6) == 0 ||
	    strncmp(name, "pwritev", 7) == 0)
		return IO_IOV;
	if (strcmp(name, "recvmsg") == 0 || strcmp(name, "sendmsg") == 0)
		return IO_MSG;
	if (strcmp(name, "recvmmsg") == 0 || strcmp(name, "sendmmsg") == 0)
		return IO_MMSG;
	if (strcmp(name, "sendfile") == 0)
		return IO_SENDFILE;
	return IO_BUF;
}

enum { MAX_NR = 1024 };
static uint8_t shape_by_nr[MAX_NR]; /* filled at start-up for the read and write families */

static enum io_shape io_shape(const struct tcb *t)
{
	return t->nr >= 0 && t->nr < MAX_NR ? (enum io_shape)shape_by_nr[t->nr] : io_shape_of_name(t->sys->name);
}

/* the first bytes of the data of a read or write that succeeded, for a look at what they are */
static size_t peek_data(struct ctx *c, enum io_shape shape, char *buf, size_t cap)
{
	uint64_t addr = 0, len = (uint64_t)RET;
	if (shape == IO_BUF) {
		addr = ARG(1);
	} else if (shape == IO_IOV || shape == IO_MSG) {
		uint64_t iovp = ARG(1);
		if (shape == IO_MSG) {
			struct msghdr mh;
			if (mem_read(c->t, ARG(1), &mh, sizeof mh) != 0 || mh.msg_iovlen == 0)
				return 0;
			iovp = (uint64_t)(uintptr_t)mh.msg_iov;
		}
		struct iovec iov;
		if (mem_read(c->t, iovp, &iov, sizeof iov) != 0)
			return 0;
		addr = (uint64_t)(uintptr_t)iov.iov_base;
		if (iov.iov_len < len)
			len = iov.iov_len;
	}
	if (!addr || RET <= 0)
		return 0;
	if (len > cap)
		len = cap;
	return mem_read(c->t, addr, buf, (size_t)len) == 0 ? (size_t)len : 0;
}

static void kind_values(struct ctx *c, int fd, struct fm_file *f)
{
	char buf[KV_LEN];
	c->fd = fd;
	if (f && (f->kind == FK_FILE || f->kind == FK_TTY || f->kind == FK_OTHER))
		sets(c, "path", f->path[0] ? f->path : "?");
	if (f && f->kind == FK_SOCKET) {
		peer_text(c, fd, f, buf, sizeof buf);
		sets(c, "peer", buf);
	} else {
		piece(c, "(peer)", "", buf, sizeof buf);
		sets(c, "peer", buf);
	}
	if (fd >= 0 && fd <= 2)
		sets(c, "std", std_name(fd));
}

/* A datagram socket's call failed with ECONNREFUSED: an ICMP port-unreachable answered an earlier datagram
 * to its peer. The peer of a connect the trace did not see is asked of the kernel. */
static void refused_peer(struct ctx *c, int fd, struct fm_file *f)
{
	char buf[KV_LEN];
	if (!fm_addr_named(&f->peer))
		fm_probe_socket(c->tbl, c->t->pid, fd, f);
	peer_text(c, fd, f, buf, sizeof buf);
	sets(c, "peer", buf);
}

/* read, pread64, readv, preadv, preadv2, recvfrom, recvmsg, recvmmsg */
static void h_read(struct ctx *c)
{
	int fd = IARG(0);
	const char *name = c->t->sys->name;
	enum io_shape shape = io_shape(c->t);
	struct fm_file *f = use_fd(c, fd);
	if (!FAILED && RET == 0 && is_stream(f) && shape != IO_MMSG)
		f->peer_closed = true;
	int passed[8], npassed = 0;
	if (!FAILED && shape == IO_MSG) {
		/* fds passed in the message are new fds of this process: learn them from /proc when met */
		npassed = scm_rights(c, passed, 8);
		for (int i = 0; i < npassed && i < 8; i++)
			fm_mark_stale(c->tbl, passed[i]);
	}
	if (f && FAILED && (ERR == ECONNRESET || ERR == EPIPE))
		f->broken = true;
	if (!c->want)
		return;
	kind_values(c, fd, f);
	seti(c, "n", (long long)RET);
	const char *v = "other";
	bool eof = !FAILED && RET == 0;
	bool recv = strncmp(name, "recv", 4) == 0;
	if (eof && shape == IO_BUF && ARG(2) == 0) {
		v = "zero";
	} else if (f && f->kind == FK_SOCKET) {
		struct fm_addr from;
		if (!FAILED && strcmp(name, "recvfrom") == 0 && read_sockaddr_out(c->t, ARG(4), ARG(5), &from) &&
		    from.ss.ss_family != AF_UNIX) {
			char buf[KV_LEN];
			fm_addr_text(&from, buf, sizeof buf);
			sets(c, "peer", buf);
			v = "dgram";
		} else if (!is_stream(f)) {
			v = f->peer.len ? "dgram" : "sock";
		} else if (eof) {
			v = "sock-eof";
		} else if (npassed) {
			fds_value(c, passed, npassed, 8);
			v = "sock-fds";
		} else {
			char data[96], req[KV_LEN];
			size_t n = peek_data(c, shape, data, sizeof data);
			v = http_request(data, n, req, sizeof req) ? (sets(c, "request", req), "sock-http") : "sock";
		}
	} else if (f && fd <= 2 && f->unseen) {
		v = eof ? "std-eof" : "std";
	} else if (f && f->kind == FK_PIPE) {
		v = eof ? "pipe-eof" : "pipe";
	} else if (f && f->kind == FK_FILE) {
		v = eof ? "file-eof" : "file";
	} else if (f && f->kind == FK_TTY) {
		v = eof ? "tty-eof" : "tty";
	} else if (f && f->kind == FK_EVENTFD) {
		v = "eventfd";
	}
	if (FAILED) {
		v = "";
		if (ERR == EAGAIN) {
			bool dontwait = recv && (IARG(3) & MSG_DONTWAIT) && (shape == IO_BUF || strcmp(name, "recvfrom") == 0);
			if (f && !f->nonblock && !dontwait && f->kind == FK_SOCKET)
				v = "timeout";
			waiter_value(c, f);
		} else if (ERR == ECONNREFUSED && f && f->kind == FK_SOCKET && !is_stream(f)) {
			refused_peer(c, fd, f);
			v = "dgram";
		}
	}
	say(c, "read", v);
}

/* write, pwrite64, writev, pwritev, pwritev2, sendto, sendmsg, sendmmsg, sendfile */
static void h_write(struct ctx *c)
{
	int fd = IARG(0);
	const char *name = c->t->sys->name;
	enum io_shape shape = io_shape(c->t);
	struct fm_file *f = use_fd(c, fd);
	if (f && FAILED && (ERR == ECONNRESET || ERR == EPIPE))
		f->broken = true;
	if (!c->want)
		return;
	kind_values(c, fd, f);
	seti(c, "n", (long long)RET);
	/* how much was asked */
	uint64_t asked = ARG(2);
	if (shape == IO_IOV || shape == IO_MSG) {
		uint64_t iovp = ARG(1), cnt = ARG(2);
		asked = 0;
		if (shape == IO_MSG) {
			struct msghdr mh;
			iovp = cnt = 0;
			if (mem_read(c->t, ARG(1), &mh, sizeof mh) == 0) {
				iovp = (uint64_t)(uintptr_t)mh.msg_iov;
				cnt = mh.msg_iovlen;
			}
		}
		struct iovec iov[16];
		if (cnt > 16)
			cnt = 16;
		if (cnt && mem_read(c->t, iovp, iov, (size_t)cnt * sizeof *iov) == 0)
			for (uint64_t i = 0; i < cnt; i++)
				asked += iov[i].iov_len;
	} else if (shape == IO_SENDFILE) {
		asked = ARG(3);
		seti(c, "in", IARG(1));
	}
	seti(c, "asked", (unsigned long long)asked);
	const char *v = "other";
	int passed[8], npassed = 0;
	if (shape == IO_SENDFILE) {
		v = "sendfile";
	} else if (f && f->kind == FK_SOCKET) {
		struct fm_addr to;
		if (strcmp(name, "sendto") == 0 && read_sockaddr(c->t, ARG(4), ARG(5), &to) && to.ss.ss_family != AF_UNIX) {
			char buf[KV_LEN];
			fm_addr_text(&to, buf, sizeof buf);
			sets(c, "peer", buf);
			v = "dgram";
		} else if (!is_stream(f)) {
			v = f->peer.len ? "dgram" : "sock";
		} else if (!FAILED && (uint64_t)RET < asked && shape != IO_MMSG) {
			v = "sock-partial";
		} else if (!FAILED && shape == IO_MSG && (npassed = scm_rights(c, passed, 8)) > 0) {
			fds_value(c, passed, npassed, 8);
			v = "sock-fds";
		} else {
			char data[96], status[KV_LEN];
			size_t n = shape == IO_MMSG ? 0 : peek_data(c, shape, data, sizeof data);
			v = http_status(data, n, status, sizeof status) ? (sets(c, "status", status), "sock-http") : "sock";
		}
	} else if (f && fd <= 2 && f->unseen) {
		v = "std";
	} else if (f && f->kind == FK_PIPE) {
		v = "pipe";
	} else if (f && f->kind == FK_FILE) {
		v = "file";
	} else if (f && f->kind == FK_TTY) {
		v = "tty";
	} else if (f && f->kind == FK_EVENTFD) {
		v = "eventfd";
	}
	if (FAILED) {
		v = f && f->kind == FK_PIPE ? "pipe" : "";
		bool send = strncmp(name, "send", 4) == 0 && shape != IO_SENDFILE;
		int flags = shape == IO_BUF ? IARG(3) : shape == IO_MSG || shape == IO_MMSG ? IARG(shape == IO_MSG ? 2 : 3) : 0;
		if (ERR == EPIPE && send && (flags & MSG_NOSIGNAL))
			v = "nosignal";
		if (ERR == ECONNREFUSED && f && f->kind == FK_SOCKET && !is_stream(f)) {
			refused_peer(c, fd, f);
			v = "dgram";
		}
		if (ERR == EAGAIN)
			waiter_value(c, f);
	}
	say(c, "write", v);
}

static void h_close(struct ctx *c)
{
	int fd = IARG(0);
	struct fm_slot *s = fm_slot(c->tbl, c->t->pid, fd);
	int state = s ? s->state : FS_CLOSED;
	bool by_us = s && s->was_closed_by_us;
	struct fm_file *f = s && s->state == FS_OPEN ? s->f : NULL;
	if (c->want) {
		char buf[KV_LEN];
		const char *v = "";
		c->fd = fd;
		if (FAILED) {
			if (ERR == EBADF && state == FS_CLOSED_ON_EXEC)
				v = "closed-on-exec";
			else if (ERR == EBADF && state == FS_CLOSED && by_us)
				v = "closed";
		} else if (!f) {
			v = "unseen";
		} else {
			describe_file(c, fd, f, buf, sizeof buf);
			sets(c, "what", buf);
			int other = -1;
			if (f->refs > 1)
				for (int i = 0; i < c->tbl->cap && other < 0; i++)
					if (i != fd && c->tbl->slots[i].state == FS_OPEN && c->tbl->slots[i].f == f)
						other = i;
			if (f->refs > 1) {
				v = other >= 0 ? "shared-fd" : "shared";
				seti(c, "other", other);
			} else if (f->kind == FK_SOCKET && f->state == SS_LISTENING) {
				local_text(c, fd, f, buf, sizeof buf);
				sets(c, "local", buf);
				v = "listener";
				if (fm_addr_port(&f->local) == 0) {
					fm_host_text(&f->local, buf, sizeof buf);
					sets(c, "host", buf);
					v = "listener-port0";
				}
			} else if (is_stream(f) && (f->state == SS_ACCEPTED || f->state == SS_CONNECTED) && f->pair_fd < 0) {
				peer_text(c, fd, f, buf, sizeof buf);
				sets(c, "peer", buf);
				v = f->linger0 ? "conn-reset" : f->broken ? "conn-gone" : f->peer_closed ? "conn-peer-closed" :
				    f->shut_wr ? "conn-shut" : "conn";
			} else if (f->kind == FK_EPOLL) {
				v = "epoll";
			}
		}
		say(c, "close", v);
	}
	/* Linux closes the fd even when close reports EINTR */
	if (!FAILED || ERR == EINTR || (ERR == EBADF && state == FS_OPEN))
		fm_close(c->tbl, fd);
}

static void h_close_range(struct ctx *c)
{
	unsigned first = (unsigned)ARG(0), last = (unsigned)ARG(1), flags = (unsigned)ARG(2);
	if (!FAILED) {
		if (flags & CLOSE_RANGE_UNSHARE) {
			fm_unshare(c->t->pid);
			c->tbl = fm_table_of(c->t->pid);
		}
		unsigned end = last < (unsigned)c->tbl->cap ? last : (unsigned)c->tbl->cap - 1;
		for (unsigned fd = first; c->tbl->cap > 0 && fd <= end; fd++) {
			struct fm_slot *s = &c->tbl->slots[fd];
			if (flags & CLOSE_RANGE_CLOEXEC) {
				if (s->state == FS_OPEN)
					s->cloexec = true;
				else if (s->state == FS_UNLEARNED)
					fm_mark_stale(c->tbl, (int)fd);
			} else if (s->state == FS_OPEN || s->state == FS_UNLEARNED || s->state == FS_STALE) {
				fm_close(c->tbl, (int)fd);
			}
		}
	}
	if (!c->want)
		return;
	seti(c, "first", first);
	if (last >= (unsigned)FM_MAX_FD) {
		char buf[64];
		piece(c, "(last)", "", buf, sizeof buf);
		sets(c, "last", buf);
	} else
		seti(c, "last", last);
	say(c, "close_range", flags & CLOSE_RANGE_CLOEXEC ? "cloexec" : "");
}

/* dup, dup2, dup3, fcntl F_DUPFD and F_DUPFD_CLOEXEC */
static void do_dup(struct ctx *c, int oldfd, bool cloexec)
{
	struct fm_file *f = use_fd(c, oldfd);
	int newfd = (int)RET;
	const char *v = "";
	char buf[KV_LEN];
	c->fd = oldfd;
	if (c->want && f) {
		describe_file(c, oldfd, f, buf, sizeof buf);
		sets(c, "what", buf);
	}
	if (!FAILED && newfd == oldfd) {
		v = "same";
	} else if (!FAILED) {
		if (c->want) {
			struct fm_slot *s = fm_slot(c->tbl, c->t->pid, newfd);
			/* dup2 and dup3 onto an open fd close it first */
			if (s && s->state == FS_OPEN && strcmp(c->t->sys->name, "dup") != 0 && strcmp(c->t->sys->name, "fcntl") != 0) {
				describe_file(c, newfd, s->f, buf, sizeof buf);
				sets(c, "old", buf);
				v = "replace";
			}
		}
		if (f)
			fm_install_file(c->tbl, newfd, f, cloexec);
		else
			fm_mark_stale(c->tbl, newfd);
	}
	if (c->want)
		say(c, "dup", v);
}

static void h_dup(struct ctx *c)
{
	const char *name = c->t->sys->name;
	bool cloexec = strcmp(name, "dup3") == 0 && (ARG(2) & O_CLOEXEC);
	do_dup(c, IARG(0), cloexec);
}

static void flag_names(long flags, char *buf, size_t cap)
{
	static const struct xlat names[] = {
		XLAT(O_NONBLOCK), XLAT(O_APPEND), XLAT(O_ASYNC), XLAT(O_DIRECT), XLAT(O_LARGEFILE), XLAT(O_NOATIME),
		XLAT(O_DSYNC), XLAT(O_SYNC), XLAT(O_PATH), XLAT_END,
	};
	int acc = (int)(flags & O_ACCMODE);
	struct out o = { buf, 0, cap };
	const char *a = acc == O_RDONLY ? "O_RDONLY" : acc == O_WRONLY ? "O_WRONLY" : "O_RDWR";
	buf[0] = '\0';
	out_put(&o, a, strlen(a));
	for (const struct xlat *x = names; x->name; x++) {
		if (x->val == O_SYNC ? (flags & O_SYNC) == O_SYNC : (flags & (long)x->val) != 0) {
			if (x->val == O_DSYNC && (flags & O_SYNC) == O_SYNC)
				continue;
			out_put(&o, "|", 1);
			out_put(&o, x->name, strlen(x->name));
		}
	}
}

static void h_fcntl(struct ctx *c)
{
	int fd = IARG(0), cmd = IARG(1);
	long arg = (long)ARG(2);
	if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC) {
		do_dup(c, fd, cmd == F_DUPFD_CLOEXEC);
		return;
	}
	struct fm_file *f = use_fd(c, fd);
	const char *v = "";
	bool was_nb = f && f->nonblock;
	if (!FAILED && f) {
		struct fm_slot *s = fm_slot(c->tbl, c->t->pid, fd);
		switch (cmd) {
		case F_GETFD:
			s->cloexec = (RET & FD_CLOEXEC) != 0;
			v = s->cloexec ? "getfd-cloexec" : "getfd";
			break;
		case F_SETFD:
			s->cloexec = (arg & FD_CLOEXEC) != 0;
			v = s->cloexec ? "cloexec-on" : "cloexec-off";
			break;
		case F_GETFL:
			f->nonblock = (RET & O_NONBLOCK) != 0;
			v = "getfl";
			break;
		case F_SETFL:
			f->nonblock = (arg & O_NONBLOCK) != 0;
			v = f->nonblock ? "nonblock-on" : was_nb ? "nonblock-off" : "setfl";
			break;
		}
	}
	if (!c->want)
		return;
	char buf[128];
	c->fd = fd;
	flag_names(cmd == F_GETFL ? (long)RET : arg, buf, sizeof buf);
	sets(c, "flagnames", buf);
	static const struct xlat cmds[] = {
		XLAT(F_GETLK), XLAT(F_SETLK), XLAT(F_SETLKW), XLAT(F_SETOWN), XLAT(F_GETOWN), XLAT(F_SETSIG),
		XLAT(F_GETSIG), XLAT(F_SETLEASE), XLAT(F_GETLEASE), XLAT(F_NOTIFY), XLAT(F_SETPIPE_SZ),
		XLAT(F_GETPIPE_SZ), XLAT(F_ADD_SEALS), XLAT(F_GET_SEALS), XLAT(F_OFD_GETLK), XLAT(F_OFD_SETLK),
		XLAT(F_OFD_SETLKW), XLAT_END,
	};
	const char *cn = xlat_name(cmds, (uint64_t)cmd);
	if (cn)
		sets(c, "cmd", cn);
	else
		seti(c, "cmd", cmd);
	say(c, "fcntl", v);
}

static void h_ioctl(struct ctx *c)
{
	int fd = IARG(0);
	unsigned req = (unsigned)ARG(1);
	struct fm_file *f = use_fd(c, fd);
	const char *call = "ioctl", *v = "";
	int val = 0;
	switch (req) {
	case FIONBIO:
		if (read_int(c->t, ARG(2), &val) && !FAILED && f) {
			bool was = f->nonblock;
			f->nonblock = val != 0;
			(void)was;
			call = "fcntl";
			v = val ? "nonblock-on" : "nonblock-off";
		}
		break;
	case FIOCLEX:
	case FIONCLEX:
		if (!FAILED && f) {
			struct fm_slot *s = fm_slot(c->tbl, c->t->pid, fd);
			s->cloexec = req == FIOCLEX;
			call = "fcntl";
			v = s->cloexec ? "cloexec-on" : "cloexec-off";
		}
		break;
	case FIONREAD:
		if (!FAILED && read_int(c->t, ARG(2), &val))
			v = "FIONREAD";
		break;
	case TCGETS:
		v = "TCGETS";
		break;
	case TIOCGWINSZ:
		v = "TIOCGWINSZ";
		break;
	}
	if (!c->want)
		return;
	c->fd = fd;
	seti(c, "n", val);
	setv(c, "req", "%#x", req);
	say(c, call, v);
}

/* open, openat, openat2, creat */
static void h_open(struct ctx *c)
{
	const char *name = c->t->sys->name;
	uint64_t pathp;
	long flags;
	if (strcmp(name, "open") == 0) {
		pathp = ARG(0);
		flags = (long)ARG(1);
	} else if (strcmp(name, "creat") == 0) {
		pathp = ARG(0);
		flags = O_CREAT | O_WRONLY | O_TRUNC;
	} else if (strcmp(name, "openat2") == 0) {
		uint64_t how = 0;
		pathp = ARG(1);
		if (mem_read(c->t, ARG(2), &how, sizeof how) != 0)
			how = 0;
		flags = (long)how;
	} else {
		pathp = ARG(1);
		flags = (long)ARG(2);
	}
	char path[256];
	if (FAILED && !c->want)
		return;
	read_path(c->t, pathp, path, sizeof path);
	bool tty = strncmp(path, "/dev/pts/", 9) == 0 || strncmp(path, "/dev/tty", 8) == 0;
	if (!FAILED) {
		struct fm_file *f = fm_install(c->tbl, (int)RET, tty ? FK_TTY : FK_FILE, flags & O_CLOEXEC);
		if (f) {
			fm_set_path(f, path);
			f->nonblock = (flags & O_NONBLOCK) != 0;
			f->write_end = (flags & O_ACCMODE) == O_WRONLY;
		}
	}
	if (!c->want)
		return;
	sets(c, "path", path);
	char mode[64] = "";
	if (flags & O_DIRECTORY)
		piece(c, "(mode)", "dir", mode, sizeof mode);
	else if (flags & O_CREAT)
		piece(c, "(mode)", "create", mode, sizeof mode);
	else if ((flags & O_ACCMODE) != O_RDONLY)
		piece(c, "(mode)", "write", mode, sizeof mode);
	sets(c, "mode", mode);
	const char *v = "";
	if (strcmp(path, "/etc/ld.so.cache") == 0)
		v = "ldcache";
	else if ((flags & O_ACCMODE) == O_RDONLY && (strstr(path, ".so.") || (strlen(path) > 3 && strcmp(path + strlen(path) - 3, ".so") == 0)))
		v = "lib";
	say(c, "open", v);
}

static void h_pipe(struct ctx *c)
{
	int fds[2] = { -1, -1 };
	int flags = strcmp(c->t->sys->name, "pipe2") == 0 ? IARG(1) : 0;
	if (!FAILED && mem_read(c->t, ARG(0), fds, sizeof fds) == 0) {
		for (int i = 0; i < 2; i++) {
			struct fm_file *f = fm_install(c->tbl, fds[i], FK_PIPE, flags & O_CLOEXEC);
			if (!f)
				continue;
			f->write_end = i == 1;
			f->pair_fd = fds[1 - i];
			f->nonblock = (flags & O_NONBLOCK) != 0;
		}
	}
	if (!c->want)
		return;
	seti(c, "rfd", fds[0]);
	seti(c, "wfd", fds[1]);
	say(c, "pipe", "");
}

static void h_eventfd(struct ctx *c)
{
	int flags = strcmp(c->t->sys->name, "eventfd2") == 0 ? IARG(1) : 0;
	struct fm_file *f;
	if (!FAILED && (f = fm_install(c->tbl, (int)RET, FK_EVENTFD, flags & O_CLOEXEC)))
		f->nonblock = (flags & O_NONBLOCK) != 0;
	if (!c->want)
		return;
	flags_text(c, flags & O_NONBLOCK, flags & O_CLOEXEC);
	say(c, "eventfd", "");
}

/* calls that make an fd the model does not look into: learn it from /proc when it is met */
static void h_newfd(struct ctx *c)
{
	const char *name = c->t->sys->name;
	if (!FAILED && !(strncmp(name, "signalfd", 8) == 0 && IARG(0) >= 0))
		fm_mark_stale(c->tbl, (int)RET);
	if (!c->want)
		return;
	const struct explain_text *r = find_row("newfd", name, ERR);
	if (r)
		say_row(c, r);
	else
		say(c, "newfd", "");
}

static void h_epoll_create(struct ctx *c)
{
	int flags = strcmp(c->t->sys->name, "epoll_create1") == 0 ? IARG(0) : 0;
	if (!FAILED)
		fm_install(c->tbl, (int)RET, FK_EPOLL, flags & EPOLL_CLOEXEC);
	if (!c->want)
		return;
	flags_text(c, false, flags & EPOLL_CLOEXEC);
	say(c, "epoll_create", "");
}

static void event_names(uint32_t ev, char *buf, size_t cap)
{
	static const struct xlat names[] = {
		XLAT(EPOLLIN), XLAT(EPOLLPRI), XLAT(EPOLLOUT), XLAT(EPOLLRDHUP), XLAT(EPOLLERR), XLAT(EPOLLHUP), XLAT_END,
	};
	struct out o = { buf, 0, cap };
	buf[0] = '\0';
	for (const struct xlat *x = names; x->name; x++) {
		if (ev & x->val) {
			if (o.len)
				out_put(&o, "|", 1);
			out_put(&o, x->name, strlen(x->name));
		}
	}
	if (!o.len)
		out_put(&o, "nothing", 7);
}

static void count_text(int n, char *buf, size_t cap)
{
	snprintf(buf, cap, n == 1 ? "%d fd" : "%d fds", n);
}

static void h_epoll_ctl(struct ctx *c)
{
	int epfd = IARG(0), op = IARG(1), fd = IARG(2);
	struct fm_file *ep = use_fd(c, epfd);
	struct fm_file *target = use_fd(c, fd);
	struct epoll_event ev = { 0, { 0 } };
	bool have = (op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD) && mem_read(c->t, ARG(3), &ev, sizeof ev) == 0;
	if (!FAILED && ep && ep->kind != FK_EPOLL) {
		fm_relearn(c->tbl, c->t->pid, epfd);
		ep = fm_file_at(c->tbl, c->t->pid, epfd);
	}
	if (!FAILED && ep && ep->kind == FK_EPOLL) {
		if (op == EPOLL_CTL_DEL)
			fm_epoll_del(ep, fd);
		else if (have && target)
			fm_epoll_set(ep, fd, target, ev.events, ev.data.u64);
	}
	if (!c->want)
		return;
	char buf[KV_LEN];
	seti(c, "epfd", epfd);
	seti(c, "fd", fd);
	c->fd = fd;
	event_names(ev.events, buf, sizeof buf);
	sets(c, "events", buf);
	count_text(ep && ep->kind == FK_EPOLL ? ep->ep.count : 0, buf, sizeof buf);
	sets(c, "nwatched", buf);
	const char *v = "";
	if (op == EPOLL_CTL_ADD)
		v = (ev.events & EPOLLET) ? "add-et" : (ev.events & EPOLLONESHOT) ? "add-oneshot" : "add";
	else if (op == EPOLL_CTL_MOD)
		v = "mod";
	else if (op == EPOLL_CTL_DEL)
		v = "del";
	say(c, "epoll_ctl", v);
}

/* what became ready on f, in words: "new connection", "data", "writable"... */
static void events_text(struct ctx *c, struct fm_file *f, uint32_t ev, char *buf, size_t cap)
{
	const char *words[8];
	int n = 0;
	bool closed_said = false;
	if (ev & EPOLLIN) {
		if (f && f->kind == FK_SOCKET && f->state == SS_LISTENING)
			words[n++] = "new-connection";
		else if (is_stream(f) && (ev & (EPOLLRDHUP | EPOLLHUP)))
			words[n++] = "peer-closed", closed_said = true;
		else if (f && (f->kind == FK_SOCKET || f->kind == FK_PIPE || f->kind == FK_TTY))
			words[n++] = "data";
		else if (f && f->kind == FK_EVENTFD)
			words[n++] = "woken";
		else
			words[n++] = "readable";
	}
	if (ev & EPOLLPRI)
		words[n++] = "urgent";
	if (ev & EPOLLOUT)
		words[n++] = f && f->kind == FK_SOCKET && f->state == SS_CONNECTING ? "connected" : "writable";
	if ((ev & EPOLLRDHUP) && !closed_said)
		words[n++] = "peer-closed", closed_said = true;
	if ((ev & EPOLLHUP) && !closed_said)
		words[n++] = "hangup";
	if (ev & EPOLLERR)
		words[n++] = "error";
	if (ev & POLLNVAL)
		words[n++] = "invalid";
	struct out o = { buf, 0, cap };
	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		char w[64];
		piece(c, "(event)", words[i], w, sizeof w);
		if (i)
			out_put(&o, ", ", 2);
		out_put(&o, w, strlen(w));
	}
}

static void short_label(struct ctx *c, int fd, struct fm_file *f, char *buf, size_t cap)
{
	struct ctx d;
	char tmp[KV_LEN];
	const char *v = "unknown";
	ctx_init(&d, c->t, c->tbl, c->want);
	if (f && f->kind == FK_SOCKET) {
		if (f->state == SS_LISTENING) {
			v = "listener";
		} else if (fm_addr_named(&f->peer) || f->peer_pending) {
			peer_text(c, fd, f, tmp, sizeof tmp);
			sets(&d, "peer", tmp);
			v = "conn";
		} else {
			sets(&d, "sock", sock_name(f, tmp, sizeof tmp));
			v = "sock";
		}
	} else if (f) {
		static const char *const kinds[] = {
			[FK_UNKNOWN] = "unknown", [FK_SOCKET] = "sock", [FK_EPOLL] = "epoll", [FK_EVENTFD] = "eventfd",
			[FK_PIPE] = "pipe", [FK_FILE] = "file", [FK_TTY] = "tty", [FK_OTHER] = "file",
		};
		v = kinds[f->kind];
		sets(&d, "path", f->path);
	}
	piece(&d, "(short)", v, buf, cap);
}

/* "fd 3 (listener: new connection), fd 5 (127.0.0.1:51234: data)" from (fd, file, events) triples */
struct ready {
	int fd;
	uint64_t data;
	uint32_t events;
};

static void ready_list(struct ctx *c, const struct ready *r, int shown, long long total, bool by_data)
{
	char list[KV_LEN * 2], item[KV_LEN], label[KV_LEN], evs[128];
	struct out o = { list, 0, sizeof list };
	list[0] = '\0';
	for (int i = 0; i < shown; i++) {
		struct ctx d;
		ctx_init(&d, c->t, c->tbl, c->want);
		struct fm_file *f = r[i].fd >= 0 ? fm_file_at(c->tbl, c->t->pid, r[i].fd) : NULL;
		events_text(c, f, r[i].events, evs, sizeof evs);
		sets(&d, "events", evs);
		if (r[i].fd >= 0) {
			short_label(c, r[i].fd, f, label, sizeof label);
			seti(&d, "fd", r[i].fd);
			sets(&d, "label", label);
			piece(&d, "(ready)", "", item, sizeof item);
		} else {
			setv(&d, "data", "%#llx", (unsigned long long)r[i].data);
			piece(&d, "(ready)", by_data ? "nofd" : "", item, sizeof item);
		}
		if (i)
			out_put(&o, ", ", 2);
		out_put(&o, item, strlen(item));
	}
	if (total > shown) {
		struct ctx d;
		ctx_init(&d, c->t, c->tbl, c->want);
		seti(&d, "n", total - shown);
		piece(&d, "(more)", "", item, sizeof item);
		out_put(&o, ", ", 2);
		out_put(&o, item, strlen(item));
	}
	sets(c, "list", list);
}

enum { READY_SHOWN = 6 };

static void timeout_value(struct ctx *c, int ms_arg_index, bool timespec)
{
	long long ms = -1;
	if (timespec) {
		struct timespec ts;
		if (ARG(ms_arg_index) && mem_read(c->t, ARG(ms_arg_index), &ts, sizeof ts) == 0)
			ms = ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
	} else {
		ms = IARG(ms_arg_index);
	}
	seti(c, "timeout", ms);
	if (ms == 0)
		setv(c, "check", "1");
}

/* epoll_wait, epoll_pwait, epoll_pwait2 */
static void h_epoll_wait(struct ctx *c)
{
	int epfd = IARG(0);
	c->tbl->waiter = "epoll";
	if (!c->want)
		return;
	struct fm_file *ep = use_fd(c, epfd);
	c->fd = epfd;
	seti(c, "n", (long long)RET);
	timeout_value(c, 3, strcmp(c->t->sys->name, "epoll_pwait2") == 0);
	const char *v = "";
	if (!FAILED && RET > 0) {
		struct epoll_event evs[READY_SHOWN];
		struct ready r[READY_SHOWN];
		int shown = RET < READY_SHOWN ? (int)RET : READY_SHOWN;
		if (mem_read(c->t, ARG(1), evs, (size_t)shown * sizeof *evs) != 0)
			shown = 0;
		bool refreshed = false;
		for (int i = 0; i < shown; i++) {
			r[i].data = evs[i].data.u64;
			r[i].events = evs[i].events;
			r[i].fd = ep && ep->kind == FK_EPOLL ? fm_epoll_fd_of(ep, r[i].data) : -1;
			if (r[i].fd < 0 && ep && ep->kind == FK_EPOLL && !refreshed) {
				/* an fd the model does not know is watched: an epoll_ctl the trace did not see */
				fm_epoll_refresh(c->tbl, c->t->pid, epfd, ep);
				refreshed = true;
				i = -1;
			}
		}
		ready_list(c, r, shown, RET, true);
		v = RET == 1 ? "one" : "";
	} else if (!FAILED) {
		v = getv(c, "check") ? "check" : "timeout";
	}
	say(c, "epoll_wait", v);
}

/* poll, ppoll */
static void h_poll(struct ctx *c)
{
	c->tbl->waiter = "poll";
	if (!c->want)
		return;
	uint64_t nfds = ARG(1);
	seti(c, "nfds", (unsigned long long)nfds);
	seti(c, "n", (long long)RET);
	timeout_value(c, 2, strcmp(c->t->sys->name, "ppoll") == 0);
	c->fd = -1;
	const char *v = "";
	if (!FAILED && RET > 0) {
		struct ready r[READY_SHOWN];
		struct pollfd p[64];
		int shown = 0;
		for (uint64_t base = 0; base < nfds && shown < READY_SHOWN; base += 64) {
			size_t n = nfds - base < 64 ? (size_t)(nfds - base) : 64;
			if (mem_read(c->t, ARG(0) + base * sizeof *p, p, n * sizeof *p) != 0)
				break;
			for (size_t i = 0; i < n && shown < READY_SHOWN; i++) {
				if (p[i].revents == 0)
					continue;
				r[shown].fd = p[i].fd;
				r[shown].data = 0;
				r[shown].events = (uint16_t)p[i].revents;
				shown++;
			}
		}
		ready_list(c, r, shown, RET, false);
	} else if (!FAILED) {
		v = getv(c, "check") ? "check" : "timeout";
	}
	say(c, "poll", v);
}

/* select, pselect6 */
static void h_select(struct ctx *c)
{
	c->tbl->waiter = "select";
	if (!c->want)
		return;
	seti(c, "n", (long long)RET);
	c->fd = -1;
	say(c, "select", !FAILED && RET == 0 ? "timeout" : "");
}

static void list_or_none(struct ctx *c, const char *key, const int *fds, int n, int shown)
{
	char buf[KV_LEN];
	if (n == 0)
		piece(c, "(none)", "", buf, sizeof buf);
	else
		fd_list_text(fds, shown < n ? shown : n, n, buf, sizeof buf);
	setv(c, key, "%s", buf);
}

/* execve, execveat */
static void h_execve(struct ctx *c)
{
	if (!c->want)
		return;
	if (FAILED) {
		char path[256];
		read_path(c->t, strcmp(c->t->sys->name, "execveat") == 0 ? ARG(1) : ARG(0), path, sizeof path);
		sets(c, "path", path);
		c->fd = -1;
		say(c, "execve", "");
		return;
	}
	const struct fm_exec_info *x = fm_exec_info(c->t->pid);
	if (!x) {
		say_class(c);
		return;
	}
	sets(c, "exe", x->exe[0] ? x->exe : "a new program");
	list_or_none(c, "kept", x->kept, x->nkept, 8);
	list_or_none(c, "closed", x->closed, x->nclosed, 8);
	say(c, "execve", x->nclosed ? "closed" : "");
}

/* clone, clone3, fork, vfork: the new task's table came from explain_new_task */
static void h_clone(struct ctx *c)
{
	if (!c->want)
		return;
	const char *name = c->t->sys->name;
	uint64_t flags = SIGCHLD;
	if (strcmp(name, "clone") == 0)
		flags = ARG(0);
	else if (strcmp(name, "clone3") == 0 && mem_read(c->t, ARG(0), &flags, sizeof flags) != 0)
		flags = 0;
	else if (strcmp(name, "vfork") == 0)
		flags = CLONE_VM | CLONE_VFORK;
	if (FAILED || RET == 0) {
		say(c, "clone", "");
		return;
	}
	int fds[1];
	seti(c, "nfds", fm_open_fds(c->tbl, fds, 0));
	say(c, "clone", (flags & CLONE_THREAD) ? "thread" : (flags & CLONE_VFORK) ? "vfork" : "process");
}

static void h_wait4(struct ctx *c)
{
	if (!c->want)
		return;
	int status;
	const char *v = "";
	if (!FAILED && RET == 0) {
		v = "none";
	} else if (!FAILED && read_int(c->t, ARG(1), &status)) {
		if (WIFEXITED(status)) {
			seti(c, "code", WEXITSTATUS(status));
			v = "exited";
		} else if (WIFSIGNALED(status)) {
			sets(c, "sig", signal_name(WTERMSIG(status)));
			v = "killed";
		}
	}
	c->fd = -1;
	say(c, "wait4", v);
}

/* kill, tkill, tgkill */
static void h_kill(struct ctx *c)
{
	if (!c->want)
		return;
	const char *name = c->t->sys->name;
	int sig;
	char buf[KV_LEN];
	struct ctx d;
	ctx_init(&d, c->t, c->tbl, true);
	if (strcmp(name, "tgkill") == 0) {
		sig = IARG(2);
		seti(&d, "id", IARG(1));
		piece(&d, "(target)", "thread", buf, sizeof buf);
	} else {
		int pid = IARG(0);
		sig = IARG(1);
		seti(&d, "id", pid < -1 ? -pid : pid);
		piece(&d, "(target)",
		      strcmp(name, "tkill") == 0 ? "thread" : pid > 0 ? "process" : pid == 0 ? "own-group" : pid == -1 ? "all" : "group",
		      buf, sizeof buf);
	}
	sets(c, "target", buf);
	sets(c, "sig", signal_name(sig));
	c->fd = -1;
	say(c, "kill", sig == 0 ? "probe" : "");
}

static void h_sigaction(struct ctx *c)
{
	if (!c->want)
		return;
	int sig = IARG(0);
	uint64_t act[2];
	const char *v = "query";
	sets(c, "sig", signal_name(sig));
	if (ARG(1) && mem_read(c->t, ARG(1), act, sizeof act) == 0) {
		if (act[0] == (uint64_t)(uintptr_t)SIG_IGN)
			v = sig == SIGPIPE ? "ign-pipe" : "ign";
		else if (act[0] == (uint64_t)(uintptr_t)SIG_DFL)
			v = "dfl";
		else
			v = (act[1] & SA_RESTART) ? "handler-restart" : "handler";
	}
	c->fd = -1;
	say(c, "rt_sigaction", v);
}

/* A signal set as words: "SIGINT", "SIGINT and SIGTERM", "SIGHUP, SIGINT and SIGTERM", "5 signals". */
static void signal_list(uint64_t set, char *buf, size_t len)
{
	int n = __builtin_popcountll(set);
	if (n > 3) {
		snprintf(buf, len, "%d signals", n);
		return;
	}
	size_t at = 0;
	buf[0] = '\0';
	for (int sig = 1, i = 0; sig <= 64 && at < len; sig++) {
		if (!(set & (1ULL << (sig - 1))))
			continue;
		i++;
		at += (size_t)snprintf(buf + at, len - at, "%s%s", i == 1 ? "" : i == n ? " and " : ", ", signal_name(sig));
	}
}

/* rt_sigprocmask(how, set, old, size): which signals wait (blocked, kept pending) instead of arriving. */
static void h_sigprocmask(struct ctx *c)
{
	if (!c->want || FAILED)
		return;
	uint64_t set = 0;
	const char *v = "query";
	char sigs[KV_LEN];
	if (ARG(1) && mem_read(c->t, ARG(1), &set, sizeof set) == 0) {
		int how = IARG(0);
		v = how == SIG_BLOCK ? "block" : how == SIG_UNBLOCK ? "unblock" : "setmask";
		if (how == SIG_SETMASK && set == 0)
			v = "setmask-none";
	} else if (ARG(1)) {
		return; /* unreadable: the class's row says enough */
	}
	if (set == 0 && (strcmp(v, "block") == 0 || strcmp(v, "unblock") == 0))
		v = "query";
	signal_list(set, sigs, sizeof sigs);
	sets(c, "sigs", sigs);
	c->fd = -1;
	say(c, "rt_sigprocmask", v);
}

static void h_unshare(struct ctx *c)
{
	bool files = (ARG(0) & CLONE_FILES) != 0;
	if (!FAILED && files)
		fm_unshare(c->t->pid);
	if (!c->want)
		return;
	if (files && !FAILED)
		say(c, "unshare", "files");
	else
		h_default(c);
}

static void h_mmap(struct ctx *c)
{
	if (!c->want)
		return;
	int fd = IARG(4);
	if (!FAILED && !(ARG(3) & MAP_ANONYMOUS) && fd >= 0) {
		c->fd = fd;
		say(c, "mmap", "file");
		return;
	}
	h_default(c);
}

/* readlink, readlinkat */
static void h_readlink(struct ctx *c)
{
	if (!c->want)
		return;
	bool at = strcmp(c->t->sys->name, "readlinkat") == 0;
	char path[256], target[256];
	read_path(c->t, at ? ARG(1) : ARG(0), path, sizeof path);
	sets(c, "path", path);
	const char *v = "";
	if (!FAILED) {
		size_t n = RET < (long long)sizeof target - 1 ? (size_t)RET : sizeof target - 1;
		if (mem_read(c->t, at ? ARG(2) : ARG(1), target, n) != 0)
			n = 0;
		target[n] = '\0';
		sets(c, "target", target);
		const char *p = path;
		int fdnum;
		char rest;
		if (strncmp(p, "/proc/", 6) == 0) {
			p += 6;
			if (strncmp(p, "self/", 5) == 0)
				p += 5;
			else if (strncmp(p, "thread-self/", 12) == 0)
				p += 12;
			else
				p += strspn(p, "0123456789/task") ;
			if (sscanf(p, "fd/%d%c", &fdnum, &rest) == 1) {
				seti(c, "n", fdnum);
				v = "procfd";
			}
		}
	}
	c->fd = -1;
	say(c, "readlink", v);
}

/* fstat, newfstatat, statx */
static void h_fstat(struct ctx *c)
{
	if (!c->want)
		return;
	const char *name = c->t->sys->name;
	if (strcmp(name, "fstat") == 0) {
		c->fd = IARG(0);
		say(c, "fstat", "");
		return;
	}
	char path[256];
	uint64_t flags = strcmp(name, "statx") == 0 ? ARG(2) : ARG(3);
	read_path(c->t, ARG(1), path, sizeof path);
	sets(c, "path", path);
	if (path[0] == '\0' && (flags & AT_EMPTY_PATH)) {
		c->fd = IARG(0);
		say(c, "fstat", "");
	} else {
		c->fd = -1;
		say(c, "fstat", "path");
	}
}

static void rlim_text(uint64_t v, char *buf, size_t cap, struct ctx *c)
{
	if (v == (uint64_t)RLIM_INFINITY)
		piece(c, "(unlimited)", "", buf, cap);
	else
		snprintf(buf, cap, "%llu", (unsigned long long)v);
}

static void h_prlimit(struct ctx *c)
{
	if (!c->want)
		return;
	struct {
		uint64_t cur, max;
	} r;
	const char *v = "";
	uint64_t src = ARG(3) ? ARG(3) : ARG(2);
	if (!FAILED && IARG(1) == RLIMIT_NOFILE && mem_read(c->t, src, &r, sizeof r) == 0) {
		char buf[64];
		rlim_text(r.cur, buf, sizeof buf, c);
		sets(c, "soft", buf);
		rlim_text(r.max, buf, sizeof buf, c);
		sets(c, "hard", buf);
		v = "nofile";
	}
	c->fd = -1;
	say(c, "prlimit64", v);
}

static void h_seccomp(struct ctx *c)
{
	bool prctl = strcmp(c->t->sys->name, "prctl") == 0;
	int op = IARG(0);
	const char *v = NULL;
	if (prctl) {
		if (op == PR_SET_NO_NEW_PRIVS)
			v = "PR_SET_NO_NEW_PRIVS";
		else if (op == PR_SET_SECCOMP)
			v = "PR_SET_SECCOMP";
		else if (op == PR_SET_NAME)
			v = "PR_SET_NAME";
	} else {
		v = op == SECCOMP_SET_MODE_FILTER ? "filter" : op == SECCOMP_SET_MODE_STRICT ? "strict" : "";
	}
	if (!FAILED && ((!prctl && (op == SECCOMP_SET_MODE_FILTER || op == SECCOMP_SET_MODE_STRICT)) ||
			(prctl && op == PR_SET_SECCOMP)))
		c->tbl->seccomp = true;
	if (!c->want)
		return;
	if (!v) {
		h_default(c);
		return;
	}
	c->fd = -1;
	say(c, c->t->sys->name, v);
}

/* ---------------------------------------------------------------------------------------------------- */
/* a signal handler returning: rt_sigreturn */

/* rt_sigreturn has no result of its own: it puts back the registers the signal found, and its "return
 * value" is the result register as it was then. When the signal came during a call, that register holds
 * what the handler's return makes of the call: -EINTR (the call fails), or, for a call the kernel makes
 * again (ERESTARTSYS under SA_RESTART, ERESTARTNOINTR), what the call's entry had there (x86-64: its number;
 * arm64: its first argument), with the instruction pointer moved back onto the syscall instruction. So each
 * interrupted call is remembered with the instruction pointer of its exit, until a handler's rt_sigreturn
 * puts that pointer (or the one just before, for a restart) back: only then is it named. The handler's own
 * calls, which come in between, are not mistaken for it. */
struct interrupted {
	pid_t pid;
	const struct sysent *sys;
	uint64_t ip;      /* the instruction pointer at its exit: just after its syscall instruction */
	uint64_t restart; /* the result register of a restart */
	int err;          /* its exit: EINTR or ERESTART* */
};
enum { INTERRUPTED_MAX = 256 };
static struct interrupted interrupted[INTERRUPTED_MAX];
static int n_interrupted;

static bool instruction_pointer(struct tcb *t, uint64_t *ip)
{
	struct __ptrace_syscall_info info;
	memset(&info, 0, sizeof info);
	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->pid, (void *)sizeof info, &info) <= 0)
		return false;
	*ip = info.instruction_pointer;
	return true;
}

static bool interrupted_code(int err)
{
	return err == EINTR || err == ERESTARTSYS || err == ERESTARTNOINTR || err == ERESTARTNOHAND ||
	       err == ERESTART_RESTARTBLOCK;
}

static void forget_interrupted(pid_t pid)
{
	int kept = 0;
	for (int i = 0; i < n_interrupted; i++)
		if (interrupted[i].pid != pid)
			interrupted[kept++] = interrupted[i];
	n_interrupted = kept;
}

/* At the exit of any call: one that a signal interrupted is remembered (the oldest is dropped when the
 * table is full: a call interrupted without a handler to follow, as by SIGSTOP, is never claimed). */
static void note_interrupted(struct tcb *t)
{
	uint64_t ip;
	if (!t->error || !interrupted_code(t->err) || strcmp(t->sys->name, "rt_sigreturn") == 0 ||
	    !instruction_pointer(t, &ip))
		return;
	if (n_interrupted == INTERRUPTED_MAX) {
		memmove(interrupted, interrupted + 1, sizeof interrupted[0] * (INTERRUPTED_MAX - 1));
		n_interrupted--;
	}
#if defined(__aarch64__)
	uint64_t restart = t->args[0];
#else
	uint64_t restart = (uint64_t)t->nr;
#endif
	interrupted[n_interrupted++] = (struct interrupted){ t->pid, t->sys, ip, restart, t->err };
}

static void h_sigreturn(struct ctx *c)
{
	struct tcb *t = c->t;
	uint64_t ip;
	const char *v = "resumed";
	const struct sysent *call = NULL;
	bool eintr = FAILED && ERR == EINTR;
	if (instruction_pointer(t, &ip)) {
		/* the newest call of this task that the handler's return resumes; newer ones were never claimed */
		for (int i = n_interrupted; i-- > 0;) {
			const struct interrupted *e = &interrupted[i];
			if (e->pid != t->pid)
				continue;
			bool restart = SYSCALL_INSN_LEN && ip == e->ip - SYSCALL_INSN_LEN && (uint64_t)RET == e->restart;
			if ((eintr && ip == e->ip) || restart) {
				v = !restart ? "eintr" : e->err == ERESTARTNOINTR ? "restart-always" : "restart";
				call = e->sys;
				int kept = i;
				for (int j = i + 1; j < n_interrupted; j++)
					if (interrupted[j].pid != t->pid)
						interrupted[kept++] = interrupted[j];
				n_interrupted = kept;
				break;
			}
		}
	}
	if (!c->want)
		return;
	if (!call && eintr)
		v = "eintr-unseen"; /* a call the trace did not see (a filter let it pass) */
	if (call) {
		char value[KV_LEN];
		sets(c, "call", call->name);
		piece(c, "(restart-value)", NATIVE_ARCH == AUDIT_ARCH_AARCH64 ? "arg0" : "nr", value, sizeof value);
		sets(c, "value", value);
	}
	c->fd = -1;
	say_row(c, find_row("rt_sigreturn", v, 0));
}

/* ---------------------------------------------------------------------------------------------------- */
/* dispatch */

typedef void handler_fn(struct ctx *c);

static const struct {
	const char *name;
	handler_fn *fn;
} handlers[] = {
	{ "socket", h_socket }, { "socketpair", h_socketpair }, { "bind", h_bind }, { "listen", h_listen },
	{ "accept", h_accept }, { "accept4", h_accept }, { "connect", h_connect },
	{ "getsockname", h_getsockname }, { "getpeername", h_getpeername }, { "setsockopt", h_setsockopt },
	{ "getsockopt", h_getsockopt }, { "shutdown", h_shutdown },
	{ "read", h_read }, { "pread64", h_read }, { "readv", h_read }, { "preadv", h_read }, { "preadv2", h_read },
	{ "recvfrom", h_read }, { "recvmsg", h_read }, { "recvmmsg", h_read },
	{ "write", h_write }, { "pwrite64", h_write }, { "writev", h_write }, { "pwritev", h_write },
	{ "pwritev2", h_write }, { "sendto", h_write }, { "sendmsg", h_write }, { "sendmmsg", h_write },
	{ "sendfile", h_write },
	{ "close", h_close }, { "close_range", h_close_range }, { "dup", h_dup }, { "dup2", h_dup }, { "dup3", h_dup },
	{ "fcntl", h_fcntl }, { "ioctl", h_ioctl },
	{ "open", h_open }, { "openat", h_open }, { "openat2", h_open }, { "creat", h_open },
	{ "pipe", h_pipe }, { "pipe2", h_pipe }, { "eventfd", h_eventfd }, { "eventfd2", h_eventfd },
	{ "timerfd_create", h_newfd }, { "signalfd", h_newfd }, { "signalfd4", h_newfd }, { "inotify_init", h_newfd },
	{ "inotify_init1", h_newfd }, { "memfd_create", h_newfd }, { "pidfd_open", h_newfd }, { "pidfd_getfd", h_newfd },
	{ "userfaultfd", h_newfd }, { "perf_event_open", h_newfd }, { "fanotify_init", h_newfd },
	{ "io_uring_setup", h_newfd }, { "open_by_handle_at", h_newfd }, { "mq_open", h_newfd }, { "fsopen", h_newfd },
	{ "fsmount", h_newfd }, { "open_tree", h_newfd }, { "fspick", h_newfd }, { "memfd_secret", h_newfd },
	{ "landlock_create_ruleset", h_newfd },
	{ "epoll_create", h_epoll_create }, { "epoll_create1", h_epoll_create }, { "epoll_ctl", h_epoll_ctl },
	{ "epoll_wait", h_epoll_wait }, { "epoll_pwait", h_epoll_wait }, { "epoll_pwait2", h_epoll_wait },
	{ "poll", h_poll }, { "ppoll", h_poll }, { "select", h_select }, { "pselect6", h_select },
	{ "execve", h_execve }, { "execveat", h_execve },
	{ "clone", h_clone }, { "clone3", h_clone }, { "fork", h_clone }, { "vfork", h_clone },
	{ "wait4", h_wait4 }, { "kill", h_kill }, { "tkill", h_kill }, { "tgkill", h_kill },
	{ "rt_sigaction", h_sigaction }, { "rt_sigreturn", h_sigreturn }, { "rt_sigprocmask", h_sigprocmask }, { "unshare", h_unshare }, { "mmap", h_mmap },
	{ "readlink", h_readlink }, { "readlinkat", h_readlink },
	{ "fstat", h_fstat }, { "newfstatat", h_fstat }, { "statx", h_fstat },
	{ "prlimit64", h_prlimit }, { "seccomp", h_seccomp }, { "prctl", h_seccomp },
};

static handler_fn *by_nr[MAX_NR];
static bool ready;

static void init(void)
{
	index_rows();
	for (size_t i = 0; i < sizeof handlers / sizeof handlers[0]; i++) {
		const struct sysent *s = sysent_by_name(handlers[i].name);
		if (s && s->nr >= 0 && s->nr < MAX_NR) {
			by_nr[s->nr] = handlers[i].fn;
			shape_by_nr[s->nr] = (uint8_t)io_shape_of_name(s->name);
		}
	}
	ready = true;
}

/* A seccomp filter's SECCOMP_RET_TRAP skips the call: its exit shows the syscall number as the value, and
 * SIGSYS is already pending. Asked of /proc only in that rare case. */
static bool skipped_by_seccomp(struct tcb *t, const struct fm_table *tbl)
{
	if (!tbl->seccomp || t->error || t->rval != t->nr)
		return false;
	char path[64], line[128];
	snprintf(path, sizeof path, "/proc/%d/status", t->pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return false;
	bool pending = false;
	while (fgets(line, sizeof line, f)) {
		unsigned long long mask;
		if ((sscanf(line, "SigPnd: %llx", &mask) == 1 || sscanf(line, "ShdPnd: %llx", &mask) == 1) &&
		    (mask & (1ULL << (SIGSYS - 1))))
			pending = true;
	}
	fclose(f);
	return pending;
}

void explain_syscall(struct tcb *t)
{
	if (!t->sys || (NATIVE_ARCH && t->arch && t->arch != NATIVE_ARCH))
		return;
	if (!ready)
		init();
	note_interrupted(t);
	handler_fn *fn = t->nr >= 0 && t->nr < MAX_NR ? by_nr[t->nr] : NULL;
	bool want = t->printing && opt.explain && opt.cflag != 1;
	if (!fn && !want)
		return; /* the steady state of a call the model does not follow: nothing to do */
	static struct ctx c; /* a few KB: not on the stack of every call */
	ctx_init(&c, t, fm_table_of(t->pid), want);
	if (skipped_by_seccomp(t, c.tbl)) {
		/* nothing happened: the model stays as it is */
		if (want)
			say_row(&c, find_row("*", "seccomp-trap", 0));
		return;
	}
	(fn ? fn : h_default)(&c);
}

void explain_new_task(pid_t parent, pid_t child, bool shares_fds)
{
	fm_new_task(parent, child, shares_fds);
}

void explain_exec(pid_t pid)
{
	fm_exec(pid);
	forget_interrupted(pid);
}

void explain_task_gone(pid_t pid)
{
	fm_task_gone(pid);
	forget_interrupted(pid);
}
